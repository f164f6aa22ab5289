//! The run contract: a block runs with its resolved inputs and the
//! operator's [`Context`], and returns its [`Outputs`] or a [`RunError`].

use std::cell::Cell;
use std::fmt;

use indexmap::IndexMap;
use serde::de::DeserializeOwned;

use crate::context::Context;
use crate::selector::Selector;
use crate::value::Value;

/// What a block does, written by its author beside `#[derive(Block)]`.
pub trait Run {
    /// Checks a step before anything runs, with the operator's settings:
    /// for example that the environment variables it names may be read.
    /// Each problem names the place inside the step it concerns.
    fn check(&self, context: &Context) -> Vec<Problem> {
        let _ = context;
        Vec::new()
    }

    /// Runs the step on its resolved inputs.
    fn run(&self, inputs: &Inputs<'_>, context: &Context) -> Result<Outputs, RunError>;
}

/// A problem a block finds in a step's configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON pointer inside the step, e.g. `/variables_storing_secrets/1`.
    pub pointer: String,
    /// What is wrong and what would be valid.
    pub message: String,
}

impl Problem {
    /// A problem at `pointer` inside the step.
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

/// Looks up the value of a selector for the step being run.
pub trait Resolve {
    /// The value, or `None` when the selector points nowhere.
    fn resolve(&self, selector: &Selector) -> Option<Value>;
}

/// The resolved inputs of one step run. Reading a value computed from a
/// secret marks the step's outputs as computed from a secret too.
pub struct Inputs<'a> {
    resolver: &'a dyn Resolve,
    read_taint: Cell<bool>,
}

impl fmt::Debug for Inputs<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inputs")
            .field("read_taint", &self.read_taint.get())
            .finish_non_exhaustive()
    }
}

impl<'a> Inputs<'a> {
    /// Inputs that resolve selectors through `resolver`.
    #[must_use]
    pub fn new(resolver: &'a dyn Resolve) -> Self {
        Self {
            resolver,
            read_taint: Cell::new(false),
        }
    }

    /// The value of `selector`, keeping its taint.
    pub fn value(&self, selector: &Selector) -> Result<Value, RunError> {
        let value = self
            .resolver
            .resolve(selector)
            .ok_or_else(|| RunError::new(format!("`{selector}` has no value in this run")))?;
        if value.is_tainted() {
            self.read_taint.set(true);
        }
        Ok(value)
    }

    /// The value of `selector` converted to `T`.
    pub fn get<T: DeserializeOwned>(&self, selector: &Selector) -> Result<T, RunError> {
        let value = self.value(selector)?;
        serde_json::from_value(value.expose()).map_err(|error| {
            let detail = if value.is_tainted() {
                "its value is hidden because it came from a secret".to_owned()
            } else {
                error.to_string()
            };
            RunError::new(format!(
                "`{selector}` does not hold a value of the expected type: {detail}"
            ))
        })
    }

    /// Whether the block has read a value computed from a secret.
    #[must_use]
    pub fn read_secret(&self) -> bool {
        self.read_taint.get()
    }
}

/// The outputs a step produced, by output name.
///
/// When a step has read a value computed from a secret, the engine marks
/// every output as computed from a secret too, except *flags*: booleans
/// set with [`Outputs::with_flag`], such as `error_status`, which say how
/// the step went and carry at most one bit.
#[derive(Default, Clone)]
pub struct Outputs {
    /// In the order set; a name set again keeps its first place and takes
    /// its last value, as in a map. A list, not a map, because a step sets
    /// a handful of outputs, faster compared than hashed.
    values: Vec<(String, Value)>,
    flags: Vec<String>,
}

impl fmt::Debug for Outputs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Outputs")
            .field("values", &self.clone().into_map())
            .field("flags", &self.flags)
            .finish()
    }
}

impl Outputs {
    /// No outputs yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets one output.
    #[must_use]
    pub fn with(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.insert(name, value);
        self
    }

    /// Sets one output in place.
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<Value>) {
        self.values.push((name.into(), value.into()));
    }

    /// Sets a boolean status output that stays visible even when the step
    /// read a secret.
    #[must_use]
    pub fn with_flag(mut self, name: impl Into<String>, flag: bool) -> Self {
        let name = name.into();
        self.flags.push(name.clone());
        self.insert(name, Value::json(flag.into()));
        self
    }

    /// Whether `name` was set with [`Outputs::with_flag`].
    #[must_use]
    pub fn is_flag(&self, name: &str) -> bool {
        self.flags.iter().any(|flag| flag == name)
    }

    /// The outputs by name.
    #[must_use]
    pub fn into_map(self) -> IndexMap<String, Value> {
        self.values.into_iter().collect()
    }

    /// The outputs in the order set (a name set twice appears twice, the
    /// later value winning), and the names of the flags among them.
    pub(crate) fn into_parts(self) -> (Vec<(String, Value)>, Vec<String>) {
        (self.values, self.flags)
    }

    /// One output's value.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&Value> {
        let mut set = self.values.iter().rev();
        set.find_map(|(set, value)| (set == name).then_some(value))
    }
}

/// A step that failed while running. Its message must never include a
/// secret's value: name the variable, the header or the property instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct RunError {
    message: String,
}

impl RunError {
    /// A failure with a message for the workflow's operator.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}
