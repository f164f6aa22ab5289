//! Each step made into its block: the block found by `type`, every
//! property error of the block's own parse (not only the first), the
//! schema limits that parsing cannot see, the step's actual outputs, and
//! the operator's checks.

use std::collections::HashMap;

use indexmap::IndexMap;
use serde_json::Value;

use crate::context::Context;
use crate::kind::Kind;
use crate::registry::{BlockType, Entry, ParseError, Registry, Step};
use crate::run::Problem;

use super::definition::{StepDecl, closest};
use super::diagnostic::{Diagnostic, code};
use super::limits;
use super::references::{self, Malformed, Reference};
use super::report::Report;
use super::version::BlockVersions;

/// A step's actual outputs and their kinds, by name.
pub(crate) type OutputKinds = IndexMap<String, &'static [&'static Kind]>;

/// What compiling learnt about one step.
#[derive(Default)]
pub(crate) struct Configured<'a> {
    /// The block, when `type` names one.
    pub(crate) entry: Option<&'a Entry>,
    /// The configured step, when the step is a valid configuration of it.
    pub(crate) step: Option<Box<dyn Step>>,
    /// The step's actual outputs, when they could be named.
    pub(crate) outputs: Option<OutputKinds>,
    /// The well-formed selectors the step holds.
    pub(crate) references: Vec<Reference<'a>>,
}

/// Configures steps against one registry and operator context, caching
/// what is the same for every step of a block type.
pub(crate) struct Configurer<'r> {
    registry: &'r Registry,
    context: &'r Context,
    versions: BlockVersions,
    suggestions: HashMap<String, Option<&'static str>>,
}

impl<'r> Configurer<'r> {
    pub(crate) fn new(registry: &'r Registry, context: &'r Context) -> Self {
        Self {
            registry,
            context,
            versions: BlockVersions::default(),
            suggestions: HashMap::new(),
        }
    }

    /// Configures one step, reporting each of its problems.
    pub(crate) fn configure<'a>(
        &mut self,
        decl: &StepDecl<'a>,
        report: &mut Report<'_>,
    ) -> Configured<'a>
    where
        'r: 'a,
    {
        let Some(type_id) = decl.type_id else {
            return Configured::default();
        };
        let Some(entry) = self.registry.get(type_id) else {
            self.unknown_block(decl, type_id, report);
            return Configured::default();
        };
        let Some(object) = decl.json.as_object() else {
            return Configured::default();
        };
        let metadata = entry.metadata();
        if let Err(why) = self
            .versions
            .check(metadata.type_id, metadata.engine, self.registry)
        {
            let diagnostic = Diagnostic::new(
                code::INCOMPATIBLE_BLOCK,
                format!("{}/type", decl.pointer()),
                why,
            );
            report.push(diagnostic.in_step(decl.name, Some("type")));
        }

        let found = references::find(entry.reference_slots(), object);
        for malformed in &found.malformed {
            let pointer = format!("{}{}", decl.pointer(), malformed.pointer());
            let diagnostic = Diagnostic::new(
                code::MALFORMED_SELECTOR,
                pointer,
                malformed.error.to_string(),
            );
            report.push(diagnostic.in_step(decl.name, Some(malformed.property)));
        }
        check_limits(entry, decl, report);

        let skip: Vec<String> = found.malformed.iter().map(Malformed::pointer).collect();
        let (step, errors) = parse_all(entry.block(), decl.json, &skip);
        for error in &errors {
            report.push(explain(error, entry, decl));
        }
        let outputs = step.as_deref().and_then(|step| outputs(step, decl, report));
        if let Some(step) = &step {
            problems(code::NOT_ALLOWED, step.check(self.context), decl, report);
        }
        Configured {
            entry: Some(entry),
            step,
            outputs,
            references: found.references,
        }
    }

    fn unknown_block(&mut self, decl: &StepDecl<'_>, type_id: &str, report: &mut Report<'_>) {
        let registry = self.registry;
        let suggestion = *self
            .suggestions
            .entry(type_id.to_owned())
            .or_insert_with(|| registry.closest(type_id));
        let message = if let Some(near) = suggestion {
            format!("`{type_id}` is not a known block type; did you mean `{near}`?")
        } else {
            let examples: Vec<String> = registry
                .entries()
                .take(3)
                .map(|e| format!("`{}`", e.metadata().type_id))
                .collect();
            let count = registry.entries().count();
            format!(
                "`{type_id}` is not a known block type; the {count} known types include {}",
                examples.join(", ")
            )
        };
        let diagnostic = Diagnostic::new(
            code::UNKNOWN_BLOCK,
            format!("{}/type", decl.pointer()),
            message,
        );
        report.push(diagnostic.in_step(decl.name, Some("type")));
    }
}

/// Parses `json` as a step of `block`, collecting one error per property:
/// after each error the offending property is set aside and parsing
/// starts again, so that a step with three mistakes shows three. Errors
/// at the `skip` pointers (reported by the caller) are not repeated.
fn parse_all(
    block: &BlockType,
    json: &Value,
    skip: &[String],
) -> (Option<Box<dyn Step>>, Vec<ParseError>) {
    let mut errors = Vec::new();
    let mut set_aside: Vec<String> = Vec::new();
    let mut working: Option<Value> = None;
    loop {
        let current = working.as_ref().unwrap_or(json);
        let error = match block.parse(current) {
            Ok(step) if errors.is_empty() && set_aside.is_empty() => return (Some(step), errors),
            Ok(_) => break,
            Err(error) => error,
        };
        if missing_field(&error.message)
            .is_some_and(|field| set_aside.iter().any(|key| key == field))
        {
            break;
        }
        let key = first_token(&error.pointer)
            .filter(|key| current.get(key).is_some() && !is_implicit(key));
        if !skip.contains(&error.pointer) {
            errors.push(error);
        }
        let Some(key) = key else { break };
        if let Some(object) = working.get_or_insert_with(|| json.clone()).as_object_mut() {
            object.shift_remove(&key);
        }
        set_aside.push(key);
    }
    (None, errors)
}

/// `type` and `name` belong to every step; the block does not own them.
fn is_implicit(key: &str) -> bool {
    key == "type" || key == "name"
}

/// The first token of a pointer, unescaped: the property it is inside.
fn first_token(pointer: &str) -> Option<String> {
    let token = pointer.strip_prefix('/')?.split('/').next()?;
    Some(token.replace("~1", "/").replace("~0", "~"))
}

/// The field serde reports missing, from its message.
fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

/// A parse error as a diagnostic in the author's words.
fn explain(error: &ParseError, entry: &Entry, decl: &StepDecl<'_>) -> Diagnostic {
    let type_id = entry.metadata().type_id;
    let annotation = |property: &str| match entry.rows().iter().find(|row| row.name == property) {
        Some(row) if row.refs => format!("{}, or a selector", row.type_annotation),
        Some(row) => row.type_annotation.clone(),
        None => "a value".to_owned(),
    };
    if let Some(field) = missing_field(&error.message) {
        let message = format!("a `{type_id}` step needs `{field}` ({})", annotation(field));
        let diagnostic = Diagnostic::new(code::MISSING_PROPERTY, decl.pointer(), message);
        return diagnostic.in_step(decl.name, Some(field));
    }
    let pointer = format!("{}{}", decl.pointer(), error.pointer);
    let property = first_token(&error.pointer);
    if error.message.starts_with("unknown field") {
        let key = property.clone().unwrap_or_default();
        let names = entry
            .rows()
            .iter()
            .map(|row| row.name.as_str())
            .filter(|name| !is_implicit(name));
        let listed: Vec<String> = names.clone().map(|name| format!("`{name}`")).collect();
        let hint = closest(&key, names)
            .map(|near| format!(" did you mean `{near}`?"))
            .unwrap_or_default();
        let message = format!(
            "`{key}` is not a property of `{type_id}`;{hint} the properties are {}",
            listed.join(", ")
        );
        return Diagnostic::new(code::UNKNOWN_PROPERTY, pointer, message)
            .in_step(decl.name, property.as_deref());
    }
    let message = match &property {
        Some(name) => format!(
            "`{name}`: {}; `{name}` takes {}",
            plain(&error.message),
            annotation(name)
        ),
        None => format!(
            "{}; the step is an object of `{type_id}` properties",
            plain(&error.message)
        ),
    };
    Diagnostic::new(code::INVALID_VALUE, pointer, message).in_step(decl.name, property.as_deref())
}

/// Serde's message with Rust type names said in JSON words.
fn plain(message: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("u8", "a whole number from 0 to 255"),
        ("u16", "a whole number from 0 to 65535"),
        ("u32", "a whole number of 0 or more"),
        ("u64", "a whole number of 0 or more"),
        ("usize", "a whole number of 0 or more"),
        ("i32", "a whole number"),
        ("i64", "a whole number"),
        ("f32", "a number"),
        ("f64", "a number"),
        ("a sequence", "a list"),
        ("a map", "an object"),
    ];
    let mut plain = message.to_owned();
    for (rust, words) in WORDS {
        let rust = format!("expected {rust}");
        if plain.ends_with(&rust) || plain.contains(&format!("{rust} ")) {
            plain = plain.replace(&rust, &format!("expected {words}"));
        }
    }
    plain
        .replace("invalid type: sequence", "invalid type: list")
        .replace("invalid type: map", "invalid type: object")
}

/// Reports each property of the step that breaks a limit of its schema.
fn check_limits(entry: &Entry, decl: &StepDecl<'_>, report: &mut Report<'_>) {
    let Some(properties) = entry.schema().get("properties").and_then(Value::as_object) else {
        return;
    };
    let Some(object) = decl.json.as_object() else {
        return;
    };
    for (name, value) in object.iter().filter(|(name, _)| !is_implicit(name)) {
        let Some(problem) = properties
            .get(name)
            .and_then(|schema| limits::check(schema, value))
        else {
            continue;
        };
        let pointer = format!("{}/{}", decl.pointer(), super::position::escape(name));
        let message = format!("`{name}` {problem}");
        report.push(
            Diagnostic::new(code::INVALID_VALUE, pointer, message).in_step(decl.name, Some(name)),
        );
    }
}

/// The step's actual outputs, or `None` after reporting why they cannot be named.
fn outputs(step: &dyn Step, decl: &StepDecl<'_>, report: &mut Report<'_>) -> Option<OutputKinds> {
    match step.outputs() {
        Ok(outputs) => Some(
            outputs
                .into_iter()
                .map(|output| (output.name, output.kinds))
                .collect(),
        ),
        Err(found) => {
            problems(code::INVALID_OUTPUT_NAME, found, decl, report);
            None
        }
    }
}

/// Reports problems a block found in its step, each at its place.
fn problems(code: &'static str, found: Vec<Problem>, decl: &StepDecl<'_>, report: &mut Report<'_>) {
    for problem in found {
        let property = first_token(&problem.pointer);
        let pointer = format!("{}{}", decl.pointer(), problem.pointer);
        report.push(
            Diagnostic::new(code, pointer, problem.message).in_step(decl.name, property.as_deref()),
        );
    }
}
