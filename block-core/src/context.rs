//! Operator-level settings handed to compile and run. They come from the
//! deployment (environment, command line), never from workflow data.

pub mod env_access;

use std::path::PathBuf;

pub use env_access::{EnvAccess, EnvAccessError};

/// The operator's settings for one engine.
#[derive(Debug, Clone, Default)]
pub struct Context {
    env: EnvAccess,
    writable_directory: Option<PathBuf>,
}

impl Context {
    /// Settings read from the process environment: see
    /// [`EnvAccess::from_process_env`] and `BLOCKS_WRITABLE_DIRECTORY`.
    pub fn from_process_env() -> Result<Self, EnvAccessError> {
        Ok(Self {
            env: EnvAccess::from_process_env()?,
            writable_directory: std::env::var_os("BLOCKS_WRITABLE_DIRECTORY").map(PathBuf::from),
        })
    }

    /// Which environment variables blocks may read.
    #[must_use]
    pub fn env(&self) -> &EnvAccess {
        &self.env
    }

    /// Replaces the environment access policy.
    #[must_use]
    pub fn with_env(mut self, env: EnvAccess) -> Self {
        self.env = env;
        self
    }

    /// The directory under which sinks may write, if any.
    #[must_use]
    pub fn writable_directory(&self) -> Option<&std::path::Path> {
        self.writable_directory.as_deref()
    }

    /// Allows sinks to write under `directory`.
    #[must_use]
    pub fn with_writable_directory(mut self, directory: impl Into<PathBuf>) -> Self {
        self.writable_directory = Some(directory.into());
        self
    }
}
