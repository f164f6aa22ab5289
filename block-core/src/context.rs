//! Operator-level settings handed to compile and run. They come from the
//! deployment (environment, command line), never from workflow data.

pub mod env_access;

use std::path::PathBuf;

pub use env_access::{EnvAccess, EnvAccessError};

/// The variable naming the directory sinks may write under.
pub const WRITABLE_DIRECTORY_VARIABLE: &str = "BLOCKS_WRITABLE_DIRECTORY";

/// The reference engine's name for the same directory, read when ours is unset.
pub const REFERENCE_WRITABLE_DIRECTORY: &str = "WORKFLOW_BLOCKS_WRITE_DIRECTORY";

/// The reference engine's switch; `false` forbids all local writes.
pub const REFERENCE_STORAGE_SWITCH: &str = "ALLOW_WORKFLOW_BLOCKS_ACCESSING_LOCAL_STORAGE";

/// The operator's settings for one engine.
#[derive(Debug, Clone, Default)]
pub struct Context {
    env: EnvAccess,
    writable_directory: Option<PathBuf>,
}

impl Context {
    /// Settings read from the process environment: see
    /// [`EnvAccess::from_process_env`]; sinks may write under
    /// `BLOCKS_WRITABLE_DIRECTORY` (or the reference's
    /// `WORKFLOW_BLOCKS_WRITE_DIRECTORY`), nowhere when
    /// `ALLOW_WORKFLOW_BLOCKS_ACCESSING_LOCAL_STORAGE=false`.
    pub fn from_process_env() -> Result<Self, EnvAccessError> {
        let forbidden = std::env::var(REFERENCE_STORAGE_SWITCH)
            .is_ok_and(|value| value.trim().eq_ignore_ascii_case("false"));
        let directory = std::env::var_os(WRITABLE_DIRECTORY_VARIABLE)
            .or_else(|| std::env::var_os(REFERENCE_WRITABLE_DIRECTORY))
            .filter(|directory| !directory.is_empty() && !forbidden);
        Ok(Self {
            env: EnvAccess::from_process_env()?,
            writable_directory: directory.map(PathBuf::from),
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
