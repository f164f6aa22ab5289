//! Selectors: the `$inputs.NAME` and `$steps.STEP.OUTPUT` references that
//! wire a workflow together.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The pattern a selector string matches, as written in block schemas.
/// Identical to the reference engine's, so that UI builders recognise it.
pub const PATTERN: &str =
    r"(^\$steps\.[A-Za-z_\-0-9]+\.[A-Za-z_*0-9\-]+$)|(^\$inputs.[A-Za-z_0-9\-]+$)";

/// A parsed reference to a workflow input or to step outputs.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Selector {
    /// `$inputs.NAME`: a workflow parameter.
    Input(Box<str>),
    /// `$steps.STEP.OUTPUT`: one output of a step.
    StepOutput { step: Box<str>, output: Box<str> },
    /// `$steps.STEP.*`: every output of a step, as a map.
    StepOutputs { step: Box<str> },
}

/// Why a string is not a selector.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{text}` is not a valid selector: {reason}; write `$inputs.NAME`, `$steps.STEP.OUTPUT` or `$steps.STEP.*`, where names use letters, digits, `_` and `-`"
)]
pub struct SelectorError {
    /// The text that was given, cut to a readable length.
    pub text: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl Selector {
    /// Whether `text` is meant as a selector: it starts with `$` and a
    /// `steps` / `inputs` head (or the look-alikes `step` / `input`).
    /// Such a string is parsed as a selector, and a malformed one is an error
    /// rather than a silently accepted literal.
    #[must_use]
    pub fn is_intended(text: &str) -> bool {
        let Some(rest) = text.strip_prefix('$') else {
            return false;
        };
        let head = rest.split('.').next().unwrap_or_default();
        matches!(head, "steps" | "inputs" | "step" | "input")
    }

    /// The step a selector points to, if any.
    #[must_use]
    pub fn step(&self) -> Option<&str> {
        match self {
            Self::Input(_) => None,
            Self::StepOutput { step, .. } | Self::StepOutputs { step } => Some(step),
        }
    }

    fn error(text: &str, reason: &'static str) -> SelectorError {
        let text: String = text.chars().take(80).collect();
        SelectorError { text, reason }
    }
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// What a selector points at, borrowed from its text: what resolving a
/// selector needs, without the allocations of a [`Selector`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// `$inputs.NAME`.
    Input(&'a str),
    /// `$steps.STEP.OUTPUT`.
    StepOutput { step: &'a str, output: &'a str },
    /// `$steps.STEP.*`.
    StepOutputs { step: &'a str },
}

impl<'a> Target<'a> {
    /// Parses `text` as a selector.
    pub fn parse(text: &'a str) -> Result<Self, SelectorError> {
        // The valid forms, read directly; anything else is read part by
        // part below, to say what is wrong with it.
        if let Some(rest) = text.strip_prefix("$steps.")
            && let Some((step, output)) = rest.split_once('.')
            && valid_name(step)
        {
            if output == "*" {
                return Ok(Self::StepOutputs { step });
            }
            if valid_name(output) {
                return Ok(Self::StepOutput { step, output });
            }
        }
        if let Some(name) = text.strip_prefix("$inputs.")
            && valid_name(name)
        {
            return Ok(Self::Input(name));
        }
        let Some(rest) = text.strip_prefix('$') else {
            return Err(Selector::error(text, "it does not start with `$`"));
        };
        // At most four parts are told apart: the fourth stands for any more.
        let mut parts = [""; 4];
        let mut count = 0;
        let mut rest = Some(rest);
        while let Some(text) = rest.take() {
            let Some(slot) = parts.get_mut(count) else {
                break;
            };
            (*slot, rest) = match text.as_bytes().iter().position(|byte| *byte == b'.') {
                Some(dot) => (&text[..dot], Some(&text[dot + 1..])),
                None => (text, None),
            };
            count += 1;
        }
        let parts = &parts[..count];
        match *parts {
            ["inputs", name] if valid_name(name) => Ok(Self::Input(name)),
            ["inputs", _] => Err(Selector::error(
                text,
                "the input name is empty or has a character outside letters, digits, `_` and `-`",
            )),
            ["inputs", ..] => Err(Selector::error(
                text,
                "an input selector has exactly one name after `$inputs`",
            )),
            ["steps", step, "*"] if valid_name(step) => Ok(Self::StepOutputs { step }),
            ["steps", step, output] if valid_name(step) && valid_name(output) => {
                Ok(Self::StepOutput { step, output })
            }
            ["steps", _, _] => Err(Selector::error(
                text,
                "the step or output name is empty or has a character outside letters, digits, `_` and `-`",
            )),
            ["steps", ..] => Err(Selector::error(
                text,
                "a step selector has a step name and an output name after `$steps`",
            )),
            ["input", ..] => Err(Selector::error(
                text,
                "the prefix is `$inputs`, not `$input`",
            )),
            ["step", ..] => Err(Selector::error(text, "the prefix is `$steps`, not `$step`")),
            _ => Err(Selector::error(
                text,
                "it starts with neither `$inputs.` nor `$steps.`",
            )),
        }
    }
}

impl Selector {
    /// What the selector points at, borrowed.
    #[must_use]
    pub fn target(&self) -> Target<'_> {
        match self {
            Self::Input(name) => Target::Input(name),
            Self::StepOutput { step, output } => Target::StepOutput { step, output },
            Self::StepOutputs { step } => Target::StepOutputs { step },
        }
    }
}

impl From<Target<'_>> for Selector {
    fn from(target: Target<'_>) -> Self {
        match target {
            Target::Input(name) => Self::Input(name.into()),
            Target::StepOutput { step, output } => Self::StepOutput {
                step: step.into(),
                output: output.into(),
            },
            Target::StepOutputs { step } => Self::StepOutputs { step: step.into() },
        }
    }
}

impl FromStr for Selector {
    type Err = SelectorError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Target::parse(text).map(Self::from)
    }
}

impl fmt::Display for Target<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Input(name) => write!(f, "$inputs.{name}"),
            Self::StepOutput { step, output } => write!(f, "$steps.{step}.{output}"),
            Self::StepOutputs { step } => write!(f, "$steps.{step}.*"),
        }
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.target().fmt(f)
    }
}

impl fmt::Debug for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Selector({self})")
    }
}

impl Serialize for Selector {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Selector {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_forms() {
        assert_eq!("$inputs.x".parse(), Ok(Selector::Input("x".into())));
        assert_eq!(
            "$steps.vault.my_token".parse(),
            Ok(Selector::StepOutput {
                step: "vault".into(),
                output: "my_token".into()
            })
        );
        assert_eq!(
            "$steps.vault.*".parse(),
            Ok(Selector::StepOutputs {
                step: "vault".into()
            })
        );
    }

    #[test]
    fn display_round_trips() {
        for text in ["$inputs.a-b", "$steps.s.o", "$steps.s.*"] {
            assert_eq!(text.parse::<Selector>().unwrap().to_string(), text);
        }
    }

    #[test]
    fn rejects_look_alikes_with_a_reason() {
        for (text, reason) in [
            ("$steps.", "a step name and an output name"),
            ("$steps.a", "a step name and an output name"),
            ("$steps.a.b.c", "a step name and an output name"),
            ("$input.x", "not `$input`"),
            ("$inputs.", "input name is empty"),
            ("$inputs.a b", "character outside"),
            ("$inputs.é", "character outside"),
            ("steps.a.b", "does not start with `$`"),
            ("$foo.a", "neither"),
        ] {
            let error = text.parse::<Selector>().unwrap_err();
            assert!(error.reason.contains(reason), "{text}: {}", error.reason);
            assert!(error.to_string().contains("$steps.STEP.OUTPUT"));
        }
    }

    #[test]
    fn intended_selectors_are_recognised() {
        assert!(Selector::is_intended("$steps.a.b.c"));
        assert!(Selector::is_intended("$input.x"));
        assert!(!Selector::is_intended("$5 off"));
        assert!(!Selector::is_intended("plain"));
    }
}
