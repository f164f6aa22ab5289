//! Which environment variables blocks may read. Access is denied unless
//! the operator allows a name or a glob.

use std::fmt;

use globset::{Glob, GlobSet, GlobSetBuilder};

/// The variable listing allowed names and globs, comma-separated.
pub const ALLOW_LIST_VARIABLE: &str = "BLOCKS_ALLOWED_ENV_VARS";

/// The reference engine's switch; `false` forbids every variable.
pub const REFERENCE_SWITCH: &str = "ALLOW_WORKFLOW_BLOCKS_ACCESSING_ENVIRONMENTAL_VARIABLES";

/// The operator's policy for reading environment variables.
#[derive(Clone, Default)]
pub struct EnvAccess {
    patterns: Vec<String>,
    /// The patterns without glob characters: compared as they are, which
    /// is many times faster than matching a glob set.
    names: Vec<String>,
    /// The patterns with glob characters.
    matcher: GlobSet,
    forbidden: bool,
}

/// Why a variable may not be read, or why a policy is malformed.
/// Never carries a variable's value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvAccessError {
    /// The name matches no allowed pattern. `pattern` is the name as a
    /// pattern can write it (`?` for a character a pattern cannot hold),
    /// `prefix` its start, for a glob.
    #[error(
        "reading environment variable `{name}` is not allowed: add it, or a glob matching it such as `{prefix}*`, to {ALLOW_LIST_VARIABLE} (comma-separated), or pass `--allow-env {pattern}`"
    )]
    NotAllowed {
        name: String,
        pattern: String,
        prefix: String,
    },
    /// The reference engine's switch forbids all access.
    #[error(
        "reading environment variable `{name}` is not allowed: {REFERENCE_SWITCH} is `false`, which forbids every variable; unset it or set it to `true` and allow names in {ALLOW_LIST_VARIABLE}"
    )]
    Forbidden { name: String },
    /// A pattern is not a name or glob.
    #[error(
        "`{pattern}` is not a valid environment variable pattern: use letters, digits, `_` and the glob characters `*` and `?`, e.g. `SLACK_*`"
    )]
    BadPattern { pattern: String },
}

impl fmt::Debug for EnvAccess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnvAccess")
            .field("patterns", &self.patterns)
            .field("forbidden", &self.forbidden)
            .finish_non_exhaustive()
    }
}

impl EnvAccess {
    /// A policy that allows no variable.
    #[must_use]
    pub fn deny_all() -> Self {
        Self::default()
    }

    /// The policy the process environment sets: the patterns of
    /// `BLOCKS_ALLOWED_ENV_VARS`, and no access at all when
    /// `ALLOW_WORKFLOW_BLOCKS_ACCESSING_ENVIRONMENTAL_VARIABLES=false`.
    pub fn from_process_env() -> Result<Self, EnvAccessError> {
        let list = std::env::var(ALLOW_LIST_VARIABLE).unwrap_or_default();
        let switch = std::env::var(REFERENCE_SWITCH).ok();
        Self::from_settings(&list, switch.as_deref())
    }

    /// The policy from an allow-list text and the reference switch's value.
    pub fn from_settings(list: &str, switch: Option<&str>) -> Result<Self, EnvAccessError> {
        let patterns = list.split(',').map(str::trim).filter(|p| !p.is_empty());
        let mut policy = Self::deny_all().allow_all(patterns)?;
        policy.forbidden = switch.is_some_and(|value| value.trim().eq_ignore_ascii_case("false"));
        Ok(policy)
    }

    /// The same policy, also allowing `patterns`.
    pub fn allow_all<'a>(
        mut self,
        patterns: impl IntoIterator<Item = &'a str>,
    ) -> Result<Self, EnvAccessError> {
        for pattern in patterns {
            let valid = !pattern.is_empty()
                && pattern
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_*?".contains(&b));
            if !valid {
                return Err(EnvAccessError::BadPattern {
                    pattern: pattern.to_owned(),
                });
            }
            self.patterns.push(pattern.to_owned());
        }
        let mut builder = GlobSetBuilder::new();
        let (globs, names) = self
            .patterns
            .iter()
            .partition::<Vec<&String>, _>(|pattern| pattern.contains(['*', '?']));
        self.names = names.into_iter().cloned().collect();
        for pattern in globs {
            let glob = Glob::new(pattern).map_err(|_| EnvAccessError::BadPattern {
                pattern: pattern.clone(),
            })?;
            builder.add(glob);
        }
        self.matcher = builder.build().map_err(|_| EnvAccessError::BadPattern {
            pattern: self.patterns.join(","),
        })?;
        Ok(self)
    }

    /// Whether `name` may be read, with the setting to change when not.
    pub fn check(&self, name: &str) -> Result<(), EnvAccessError> {
        if self.forbidden {
            return Err(EnvAccessError::Forbidden {
                name: name.to_owned(),
            });
        }
        if self.names.iter().any(|allowed| allowed == name)
            || (!self.matcher.is_empty() && self.matcher.is_match(name))
        {
            return Ok(());
        }
        // A pattern holds letters, digits and `_`; `?` stands for any other
        // character, so that the advice can be followed for any name.
        let pattern: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' {
                    c
                } else {
                    '?'
                }
            })
            .collect();
        let prefix = pattern
            .split_inclusive('_')
            .next()
            .unwrap_or(&pattern)
            .to_owned();
        Err(EnvAccessError::NotAllowed {
            name: name.to_owned(),
            pattern,
            prefix,
        })
    }

    /// Reads `name` if the policy allows it; an unset variable is `None`.
    pub fn read(&self, name: &str) -> Result<Option<String>, EnvAccessError> {
        self.check(name)?;
        Ok(std::env::var(name).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_exactly_what_they_say() {
        let policy = EnvAccess::from_settings("SLACK_*, OPENAI_API_KEY", None).unwrap();
        assert!(policy.check("SLACK_TOKEN").is_ok());
        assert!(policy.check("OPENAI_API_KEY").is_ok());
        assert!(policy.check("SLACKER").is_err());
        assert!(policy.check("MY_SLACK_TOKEN").is_err());
        assert!(policy.check("OPENAI_API_KEY_2").is_err());
    }

    #[test]
    fn denied_by_default_with_the_setting_to_change() {
        let error = EnvAccess::deny_all()
            .check("MY_TOKEN")
            .unwrap_err()
            .to_string();
        assert!(error.contains("`MY_TOKEN`"), "{error}");
        assert!(error.contains(ALLOW_LIST_VARIABLE), "{error}");
        assert!(error.contains("--allow-env MY_TOKEN"), "{error}");
    }

    #[test]
    fn the_advice_for_any_name_can_be_followed() {
        let error = EnvAccess::deny_all()
            .check("MY-KEY.2")
            .unwrap_err()
            .to_string();
        assert!(error.contains("such as `MY?KEY?2*`"), "{error}");
        assert!(error.contains("--allow-env MY?KEY?2`"), "{error}");
        let allowed = EnvAccess::deny_all().allow_all(["MY?KEY?2"]).unwrap();
        assert!(allowed.check("MY-KEY.2").is_ok());
    }

    #[test]
    fn the_reference_switch_forbids_all() {
        let policy = EnvAccess::from_settings("*", Some("false")).unwrap();
        let error = policy.check("ANY").unwrap_err().to_string();
        assert!(error.contains(REFERENCE_SWITCH), "{error}");
        assert!(
            EnvAccess::from_settings("*", Some("true"))
                .unwrap()
                .check("ANY")
                .is_ok()
        );
    }

    #[test]
    fn malformed_patterns_are_refused() {
        for pattern in ["A B", "A/B", "A[B]", "A,"] {
            let result = EnvAccess::deny_all().allow_all([pattern]);
            assert!(
                matches!(result, Err(EnvAccessError::BadPattern { .. })),
                "{pattern}"
            );
        }
    }
}
