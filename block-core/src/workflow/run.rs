//! Running a compiled workflow: parameters bound, steps run in order on the
//! values their selectors read, a step with an empty input skipped, and
//! results that keep each value's taint.
//!
//! A run keeps its values to itself, so one [`Compiled`] serves any number
//! of runs, from any number of threads.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::sync::{Arc, OnceLock};

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::context::Context;
use crate::run::{Inputs, Resolve};
use crate::secret::MASK;
use crate::selector::Selector;
use crate::value::Value;

use super::compile::{Compiled, CompiledStep};
use super::wiring::Source;

/// Why a run stopped. Messages never hold a secret's value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RunFailure {
    /// Parameters were missing or unknown; no step ran.
    #[error("{}", parameters_message(.missing, .unknown, .declared))]
    Parameters {
        /// Required inputs (without `default_value`) that were not given.
        missing: Vec<String>,
        /// Given names that are not inputs of the workflow.
        unknown: Vec<String>,
        /// Every input of the workflow, in file order.
        declared: Vec<String>,
    },
    /// A step failed; the steps after it did not run.
    #[error("step `{step}` failed: {message}")]
    Step {
        /// The step's name.
        step: String,
        /// What went wrong, with any secret the step read masked.
        message: String,
    },
}

fn parameters_message(missing: &[String], unknown: &[String], declared: &[String]) -> String {
    let quoted = |names: &[String]| {
        names
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!(
            "the workflow needs a value for {}, which has no `default_value`",
            quoted(missing)
        ));
    }
    if !unknown.is_empty() {
        let inputs = if declared.is_empty() {
            "none".to_owned()
        } else {
            quoted(declared)
        };
        parts.push(format!(
            "{} is not an input of the workflow (its inputs: {inputs})",
            quoted(unknown)
        ));
    }
    parts.join("; ")
}

/// The outputs of one run, keyed by output name in file order.
#[derive(Clone)]
pub struct Results {
    names: Arc<OutputNames>,
    /// In the order of `names`.
    values: Vec<Value>,
}

/// The names of a workflow's outputs, in file order: made once when it
/// compiles and shared by every run's results, which copy none of them.
#[derive(Debug)]
pub(crate) struct OutputNames {
    names: Vec<String>,
    /// Places in `names` sorted by name, made at the first lookup by name.
    sorted: OnceLock<Vec<usize>>,
}

impl OutputNames {
    pub(crate) fn new(names: Vec<String>) -> Self {
        Self {
            names,
            sorted: OnceLock::new(),
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }

    /// The place of the output called `name`.
    fn place(&self, name: &str) -> Option<usize> {
        let name_at = |place: &usize| self.names.get(*place).map_or("", String::as_str);
        let sorted = self.sorted.get_or_init(|| {
            let mut sorted: Vec<usize> = (0..self.names.len()).collect();
            sorted.sort_unstable_by(|a, b| name_at(a).cmp(name_at(b)));
            sorted
        });
        let at = sorted
            .binary_search_by(|place| name_at(place).cmp(name))
            .ok()?;
        sorted.get(at).copied()
    }
}

impl fmt::Debug for Results {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Results {
    /// One output's value, with its taint.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(self.names.place(name)?)
    }

    /// Every output, in file order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.names.iter().zip(&self.values)
    }

    /// A view that serialises in the reference's shape, a list with one
    /// object keyed by output name, each tainted value as `"********"`.
    #[must_use]
    pub fn masked(&self) -> ShownResults<'_> {
        ShownResults {
            results: self,
            reveal: false,
        }
    }

    /// The same shape with every value in clear; only for a caller that
    /// was explicitly asked to reveal secrets.
    #[must_use]
    pub fn revealed(&self) -> ShownResults<'_> {
        ShownResults {
            results: self,
            reveal: true,
        }
    }
}

/// Results ready to serialise; see [`Results::masked`].
#[derive(Debug)]
pub struct ShownResults<'a> {
    results: &'a Results,
    reveal: bool,
}

impl Serialize for ShownResults<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut list = serializer.serialize_seq(Some(1))?;
        list.serialize_element(&Row(self))?;
        list.end()
    }
}

/// The one object of a results list.
struct Row<'a>(&'a ShownResults<'a>);

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let results = self.0.results;
        let mut map = serializer.serialize_map(Some(results.values.len()))?;
        for (name, value) in results.iter() {
            if self.0.reveal {
                map.serialize_entry(name, &value.revealed())?;
            } else {
                map.serialize_entry(name, &value.masked())?;
            }
        }
        map.end()
    }
}

impl Compiled {
    /// Runs the workflow once with `params` (by input name). Inputs absent
    /// from `params` take their `default_value`; a missing required input
    /// or an unknown name stops the run before any step runs.
    pub fn run(
        &self,
        params: &serde_json::Map<String, serde_json::Value>,
        context: &Context,
    ) -> Result<Results, RunFailure> {
        let inputs = self.bind(params)?;
        let mut values: Vec<Vec<Value>> = Vec::with_capacity(self.steps.len());
        for step in &self.steps {
            let state = State {
                steps: &self.steps,
                inputs: &inputs,
                values: &values,
            };
            let produced = state.run(step, context)?;
            values.push(produced);
        }
        let mut results = Vec::with_capacity(self.outputs.len());
        for output in &self.outputs {
            let value = match output.source {
                // Read for the last time: moved, not copied.
                Source::Output {
                    step,
                    output: place,
                } if output.last_read => values
                    .get_mut(step)
                    .and_then(|outputs| outputs.get_mut(place))
                    .map(std::mem::take),
                source => State {
                    steps: &self.steps,
                    inputs: &inputs,
                    values: &values,
                }
                .value(source),
            };
            results.push(value.unwrap_or_else(Value::null));
        }
        Ok(Results {
            names: Arc::clone(&self.output_names),
            values: results,
        })
    }

    /// The value of each input, in input order.
    fn bind(
        &self,
        params: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<Vec<Value>, RunFailure> {
        let mut values = Vec::with_capacity(self.inputs.len());
        let mut missing = Vec::new();
        for input in &self.inputs {
            match params.get(&input.name).or(input.default_value.as_ref()) {
                Some(json) if input.secret => values.push(Value::json(json.clone()).tainted()),
                Some(json) => values.push(Value::json(json.clone())),
                None => missing.push(input.name.clone()),
            }
        }
        // Every given name is an input when as many inputs were given.
        let given = self
            .inputs
            .iter()
            .filter(|input| params.contains_key(&input.name))
            .count();
        let unknown: Vec<String> = if given == params.len() {
            Vec::new()
        } else {
            let declared: HashSet<&str> = self.input_names().collect();
            params
                .keys()
                .filter(|name| !declared.contains(name.as_str()))
                .cloned()
                .collect()
        };
        if missing.is_empty() && unknown.is_empty() {
            return Ok(values);
        }
        let declared = self.input_names().map(str::to_owned).collect();
        Err(RunFailure::Parameters {
            missing,
            unknown,
            declared,
        })
    }
}

/// The values of one run so far: inputs, and outputs of the steps run.
struct State<'r> {
    steps: &'r [CompiledStep],
    inputs: &'r [Value],
    values: &'r [Vec<Value>],
}

impl State<'_> {
    /// Runs one step, or skips it (all outputs `null`) when a whole
    /// property reads `null` and the block does not accept empty values.
    fn run(&self, step: &CompiledStep, context: &Context) -> Result<Vec<Value>, RunFailure> {
        let empty = step
            .bindings
            .iter()
            .any(|binding| binding.direct && self.is_empty(binding.source));
        if empty && !step.accepts_empty_values {
            return Ok(step.outputs.iter().map(|_| Value::null()).collect());
        }
        let scope = Scope {
            step,
            state: self,
            secrets: RefCell::new(Vec::new()),
        };
        let inputs = Inputs::new(&scope);
        let produced = step
            .block
            .run(&inputs, context)
            .map_err(|error| RunFailure::Step {
                step: step.name.clone(),
                message: mask(error.to_string(), &scope.secrets.borrow()),
            })?;
        // A block that read a secret may have put it in any output, under
        // any kind: every output inherits the taint, but for boolean flags.
        let tainted = inputs.read_secret();
        let mut values: Vec<Value> = step.outputs.iter().map(|_| Value::null()).collect();
        let (produced, flags) = produced.into_parts();
        for (place, (name, value)) in produced.into_iter().enumerate() {
            // Blocks set their outputs in the order they declare them, so
            // the output is nearly always at the same place.
            let place = match step.outputs.get(place) {
                Some(expected) if *expected == name => Some(place),
                _ => step.outputs.iter().position(|output| *output == name),
            };
            let Some(slot) = place.and_then(|place| values.get_mut(place)) else {
                continue;
            };
            let flag = flags.contains(&name);
            *slot = if tainted && !flag {
                value.tainted()
            } else {
                value
            };
        }
        Ok(values)
    }

    /// Whether the value at `source` is `null` (a map of outputs never is).
    fn is_empty(&self, source: Source) -> bool {
        match source {
            Source::Input(input) => self.inputs.get(input).is_none_or(Value::is_null),
            Source::Output { step, output } => self.output(step, output).is_none_or(Value::is_null),
            Source::Outputs { .. } => false,
        }
    }

    fn output(&self, step: usize, output: usize) -> Option<&Value> {
        self.values.get(step)?.get(output)
    }

    /// The value at `source`, with its taint.
    fn value(&self, source: Source) -> Option<Value> {
        match source {
            Source::Input(input) => self.inputs.get(input).cloned(),
            Source::Output { step, output } => self.output(step, output).cloned(),
            Source::Outputs { step } => {
                let names = &self.steps.get(step)?.outputs;
                let values = self.values.get(step)?;
                Some(Value::outputs(
                    names.iter().cloned().zip(values.iter().cloned()).collect(),
                ))
            }
        }
    }
}

/// What one step's selectors read; remembers the secrets it handed out so
/// that the step's error message can be masked.
struct Scope<'r> {
    step: &'r CompiledStep,
    state: &'r State<'r>,
    secrets: RefCell<Vec<String>>,
}

impl Resolve for Scope<'_> {
    fn resolve(&self, selector: &Selector) -> Option<Value> {
        let value = self.state.value(self.step.source(selector)?)?;
        if value.is_tainted() {
            texts(&value.expose(), &mut self.secrets.borrow_mut());
        }
        Some(value)
    }
}

/// Collects the texts inside a value that could appear in a message:
/// strings, and numbers long enough not to mask ordinary digits.
fn texts(json: &serde_json::Value, into: &mut Vec<String>) {
    match json {
        serde_json::Value::String(text) if !text.is_empty() => into.push(text.clone()),
        serde_json::Value::Number(number) => {
            let text = number.to_string();
            if text.len() >= 4 {
                into.push(text);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| texts(item, into)),
        serde_json::Value::Object(entries) => entries.values().for_each(|item| texts(item, into)),
        _ => {}
    }
}

/// `message` with every occurrence of each secret replaced by the mask,
/// longest first so that no part of a longer secret survives.
fn mask(mut message: String, secrets: &[String]) -> String {
    let mut secrets: Vec<&String> = secrets.iter().collect();
    secrets.sort_by_key(|secret| std::cmp::Reverse(secret.len()));
    for secret in secrets {
        if message.contains(secret.as_str()) {
            message = message.replace(secret.as_str(), MASK);
        }
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_message_never_shows_a_secret_it_read() {
        let secrets = vec!["tok".to_owned(), "token-123".to_owned()];
        assert_eq!(
            mask("bad token-123 and tok".to_owned(), &secrets),
            "bad ******** and ********"
        );
    }

    #[test]
    fn parameter_problems_name_every_input() {
        let failure = RunFailure::Parameters {
            missing: vec!["a".into()],
            unknown: vec!["z".into()],
            declared: vec!["a".into(), "b".into()],
        };
        let message = failure.to_string();
        assert!(
            message.contains("`a`, which has no `default_value`"),
            "{message}"
        );
        assert!(
            message.contains("`z` is not an input of the workflow (its inputs: `a`, `b`)"),
            "{message}"
        );
    }
}
