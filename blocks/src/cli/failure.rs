//! How the tool fails: a message for stderr and an exit code.

use std::fmt;

/// A failed command.
#[derive(Debug)]
pub struct Failure {
    message: String,
    code: u8,
    reported: bool,
}

impl Failure {
    /// The user's input is invalid (exit code 2).
    pub fn invalid(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 2,
            reported: false,
        }
    }

    /// A check found differences (exit code 1).
    pub fn stale(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 1,
            reported: false,
        }
    }

    /// Something failed while running (exit code 1).
    pub fn internal(error: impl fmt::Display) -> Self {
        Self {
            message: format!("error: {error}"),
            code: 1,
            reported: false,
        }
    }

    /// A step failed while running (exit code 1).
    pub fn failed(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 1,
            reported: false,
        }
    }

    /// A failure whose details were already written (e.g. diagnostics).
    #[must_use]
    pub fn reported(code: u8) -> Self {
        Self {
            message: String::new(),
            code,
            reported: true,
        }
    }

    /// Whether the details were already written.
    #[must_use]
    pub fn is_reported(&self) -> bool {
        self.reported
    }

    /// The process exit code.
    #[must_use]
    pub fn code(&self) -> u8 {
        self.code
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
