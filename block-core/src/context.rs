//! Operator-level settings handed to compile and run. They come from the
//! deployment (environment, command line), never from workflow data.

pub mod env_access;
pub mod limits;

use std::path::PathBuf;

pub use env_access::{EnvAccess, EnvAccessError};
pub use limits::{Limit, Limits, LimitsError};

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
    limits: Limits,
}

/// A setting of the process environment that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    /// The environment access policy is malformed.
    #[error(transparent)]
    Env(#[from] EnvAccessError),
    /// A limit on workflow files is malformed.
    #[error(transparent)]
    Limits(#[from] LimitsError),
}

impl Context {
    /// Settings read from the process environment: see
    /// [`EnvAccess::from_process_env`]; sinks may write under
    /// `BLOCKS_WRITABLE_DIRECTORY` (or the reference's
    /// `WORKFLOW_BLOCKS_WRITE_DIRECTORY`), nowhere when
    /// `ALLOW_WORKFLOW_BLOCKS_ACCESSING_LOCAL_STORAGE=false`; the limits on
    /// workflow files are those of [`Limits::from_process_env`].
    pub fn from_process_env() -> Result<Self, SettingsError> {
        let forbidden = std::env::var(REFERENCE_STORAGE_SWITCH)
            .is_ok_and(|value| value.trim().eq_ignore_ascii_case("false"));
        let directory = std::env::var_os(WRITABLE_DIRECTORY_VARIABLE)
            .or_else(|| std::env::var_os(REFERENCE_WRITABLE_DIRECTORY))
            .filter(|directory| !directory.is_empty() && !forbidden);
        Ok(Self {
            env: EnvAccess::from_process_env()?,
            writable_directory: directory.map(PathBuf::from),
            limits: Limits::from_process_env()?,
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

    /// How much of a workflow file compiling agrees to read.
    #[must_use]
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Replaces the limits on workflow files.
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
}
