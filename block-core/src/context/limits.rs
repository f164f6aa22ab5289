//! How much of a workflow file the engine agrees to read: its size, its
//! number of steps, how deeply its lists and objects nest and how long one
//! text in it may be. Each limit has a default that no real workflow comes
//! near, and an operator setting to raise or lower it.

use std::fmt;

/// One of the operator's limits on workflow files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// The size of a workflow file, in bytes.
    FileBytes,
    /// The number of steps in a workflow.
    Steps,
    /// How many lists and objects may nest inside each other, the
    /// workflow's own object counting as the first.
    Depth,
    /// The size of one text (a string or a key) as written, in bytes.
    StringBytes,
}

impl Limit {
    /// Every limit, in the order settings list them.
    pub const ALL: [Self; 4] = [Self::FileBytes, Self::Steps, Self::Depth, Self::StringBytes];

    /// The environment variable that sets the limit.
    #[must_use]
    pub const fn variable(self) -> &'static str {
        match self {
            Self::FileBytes => "BLOCKS_MAX_FILE_BYTES",
            Self::Steps => "BLOCKS_MAX_STEPS",
            Self::Depth => "BLOCKS_MAX_DEPTH",
            Self::StringBytes => "BLOCKS_MAX_STRING_BYTES",
        }
    }

    /// The command-line flag of `blocks validate` and `blocks run` that
    /// sets the limit, winning over the variable.
    #[must_use]
    pub const fn flag(self) -> &'static str {
        match self {
            Self::FileBytes => "--max-file-bytes",
            Self::Steps => "--max-steps",
            Self::Depth => "--max-depth",
            Self::StringBytes => "--max-string-bytes",
        }
    }

    /// The value in force when the operator sets none.
    #[must_use]
    pub const fn default_value(self) -> usize {
        match self {
            Self::FileBytes => 8 * 1024 * 1024,
            Self::Steps => 10_000,
            Self::Depth => 64,
            Self::StringBytes => 1024 * 1024,
        }
    }

    /// The largest value the setting accepts. The JSON parser refuses more
    /// than 127 levels of nesting whatever the setting, and the engine's
    /// walks over a document recurse, so depth stops well below that.
    #[must_use]
    pub const fn ceiling(self) -> usize {
        match self {
            Self::Depth => 100,
            Self::FileBytes | Self::Steps | Self::StringBytes => usize::MAX,
        }
    }

    /// What the limit counts, for messages.
    #[must_use]
    pub const fn counts(self) -> &'static str {
        match self {
            Self::FileBytes => "bytes per file",
            Self::Steps => "steps per workflow",
            Self::Depth => "levels of nested lists and objects",
            Self::StringBytes => "bytes per text",
        }
    }
}

impl fmt::Display for Limit {
    /// The setting, as a message names it: `BLOCKS_MAX_STEPS (--max-steps)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (`{}`)", self.variable(), self.flag())
    }
}

/// The limits in force for one engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    file_bytes: usize,
    steps: usize,
    depth: usize,
    string_bytes: usize,
}

/// A limit setting that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitsError {
    /// The text of a setting is not a whole number.
    #[error(
        "{setting} is `{text}`, which is not a whole number: write the limit in {counts}, such as `{example}`"
    )]
    NotANumber {
        /// The variable or flag that was set.
        setting: String,
        /// What it was set to.
        text: String,
        /// What the limit counts.
        counts: &'static str,
        /// The default, as an example.
        example: usize,
    },
    /// A value outside what the limit accepts.
    #[error("{setting} is {value}, but the limit of {counts} must be from 1 to {ceiling}")]
    OutOfRange {
        /// The variable or flag that was set.
        setting: String,
        /// What it was set to.
        value: usize,
        /// What the limit counts.
        counts: &'static str,
        /// The largest value accepted.
        ceiling: usize,
    },
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            file_bytes: Limit::FileBytes.default_value(),
            steps: Limit::Steps.default_value(),
            depth: Limit::Depth.default_value(),
            string_bytes: Limit::StringBytes.default_value(),
        }
    }
}

impl Limits {
    /// The value of `limit`.
    #[must_use]
    pub const fn get(&self, limit: Limit) -> usize {
        match limit {
            Limit::FileBytes => self.file_bytes,
            Limit::Steps => self.steps,
            Limit::Depth => self.depth,
            Limit::StringBytes => self.string_bytes,
        }
    }

    /// The same limits with `limit` set to `value`, which must be from 1
    /// to the limit's [ceiling](Limit::ceiling).
    pub fn with(mut self, limit: Limit, value: usize) -> Result<Self, LimitsError> {
        if value == 0 || value > limit.ceiling() {
            return Err(LimitsError::OutOfRange {
                setting: limit.variable().to_owned(),
                value,
                counts: limit.counts(),
                ceiling: limit.ceiling(),
            });
        }
        let slot = match limit {
            Limit::FileBytes => &mut self.file_bytes,
            Limit::Steps => &mut self.steps,
            Limit::Depth => &mut self.depth,
            Limit::StringBytes => &mut self.string_bytes,
        };
        *slot = value;
        Ok(self)
    }

    /// The same limits with `limit` set from the text of `setting` (a
    /// variable or a flag, named in the error).
    pub fn with_text(self, limit: Limit, setting: &str, text: &str) -> Result<Self, LimitsError> {
        let value =
            text.trim()
                .replace('_', "")
                .parse::<usize>()
                .map_err(|_| LimitsError::NotANumber {
                    setting: setting.to_owned(),
                    text: text.to_owned(),
                    counts: limit.counts(),
                    example: limit.default_value(),
                })?;
        self.with(limit, value)
            .map_err(|error| error.naming(setting))
    }

    /// The limits the process environment sets (see [`Limit::variable`]),
    /// the defaults for those it leaves unset.
    pub fn from_process_env() -> Result<Self, LimitsError> {
        Self::from_settings(|name| std::env::var(name).ok())
    }

    /// The limits set by `lookup`, which gives a variable's text by name.
    pub fn from_settings(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, LimitsError> {
        let mut limits = Self::default();
        for limit in Limit::ALL {
            if let Some(text) = lookup(limit.variable()).filter(|text| !text.trim().is_empty()) {
                limits = limits.with_text(limit, limit.variable(), &text)?;
            }
        }
        Ok(limits)
    }
}

impl LimitsError {
    /// The same error, naming `setting` as the one that was set.
    fn naming(self, setting: &str) -> Self {
        match self {
            Self::OutOfRange {
                value,
                counts,
                ceiling,
                ..
            } => Self::OutOfRange {
                setting: setting.to_owned(),
                value,
                counts,
                ceiling,
            },
            other @ Self::NotANumber { .. } => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_hold_until_a_variable_sets_a_limit() {
        let limits = Limits::from_settings(|_| None).unwrap();
        assert_eq!(limits, Limits::default());
        let limits = Limits::from_settings(|name| {
            (name == "BLOCKS_MAX_STEPS").then(|| " 20_000 ".to_owned())
        })
        .unwrap();
        assert_eq!(limits.get(Limit::Steps), 20_000);
        assert_eq!(limits.get(Limit::Depth), Limit::Depth.default_value());
    }

    #[test]
    fn a_bad_setting_names_itself_and_what_would_be_valid() {
        let error = Limits::from_settings(|name| {
            (name == "BLOCKS_MAX_FILE_BYTES").then(|| "8MB".to_owned())
        })
        .unwrap_err()
        .to_string();
        assert!(
            error.starts_with("BLOCKS_MAX_FILE_BYTES is `8MB`"),
            "{error}"
        );
        assert!(error.contains("such as `8388608`"), "{error}");
        let error = Limits::default()
            .with_text(Limit::Depth, "--max-depth", "500")
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "--max-depth is 500, but the limit of levels of nested lists and objects must be from 1 to 100"
        );
        assert!(Limits::default().with(Limit::Steps, 0).is_err());
    }

    #[test]
    fn a_limit_names_its_variable_and_flag() {
        assert_eq!(
            Limit::StringBytes.to_string(),
            "BLOCKS_MAX_STRING_BYTES (`--max-string-bytes`)"
        );
    }
}
