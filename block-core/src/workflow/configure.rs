//! Each step made into its block: the block found by `type`, every
//! property error of the block's own parse (not only the first), the
//! schema bounds that parsing cannot see, the step's actual outputs, and
//! the operator's checks.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use crate::context::Context;
use crate::kind::Kind;
use crate::output::Output;
use crate::registry::{BlockType, Entry, ParseError, Registry, Step};
use crate::run::Problem;

use super::bounds;
use super::definition::{StepDecl, closest, shorten};
use super::diagnostic::{Diagnostic, code};
use super::position::escape;
use super::references::{self, Malformed, Reference};
use super::report::Report;
use super::version::BlockVersions;

/// A step's actual outputs and their kinds, in order, found by name.
pub(crate) struct StepOutputs {
    outputs: Vec<Output>,
    /// Places in `outputs` sorted by name, for a step with more outputs
    /// than are searched one by one; empty otherwise.
    sorted: Vec<usize>,
}

impl StepOutputs {
    /// How many outputs are searched one by one, faster than hashing a name.
    const FEW: usize = 16;

    fn new(outputs: Vec<Output>) -> Self {
        let mut sorted = Vec::new();
        if outputs.len() > Self::FEW {
            sorted.extend(0..outputs.len());
            sorted.sort_unstable_by(|a, b| outputs[*a].name.cmp(&outputs[*b].name));
        }
        Self { outputs, sorted }
    }

    /// The place and kinds of the output called `name`.
    pub(crate) fn find(&self, name: &str) -> Option<(usize, &'static [&'static Kind])> {
        let place = if self.sorted.is_empty() {
            self.outputs.iter().position(|output| output.name == name)?
        } else {
            let name_at = |place: &usize| self.outputs.get(*place).map_or("", |o| o.name.as_str());
            let at = self
                .sorted
                .binary_search_by(|place| name_at(place).cmp(name))
                .ok()?;
            *self.sorted.get(at)?
        };
        Some((place, self.outputs.get(place)?.kinds))
    }

    /// The names, in order.
    pub(crate) fn names(&self) -> impl ExactSizeIterator<Item = &str> + Clone {
        self.outputs.iter().map(|output| output.name.as_str())
    }

    /// The names, in order, owned.
    pub(crate) fn into_names(self) -> Vec<String> {
        self.outputs.into_iter().map(|output| output.name).collect()
    }
}

/// What compiling learnt about one step.
#[derive(Default)]
pub(crate) struct Configured<'a> {
    /// The block, when `type` names one.
    pub(crate) entry: Option<&'a Entry>,
    /// The configured step, when the step is a valid configuration of it.
    pub(crate) step: Option<Box<dyn Step>>,
    /// The step's actual outputs, when they could be named.
    pub(crate) outputs: Option<StepOutputs>,
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
    /// Each block type met so far, and where to find it by its `type` as
    /// written; most workflows repeat a few types, often step after step.
    known: Vec<BlockFacts<'r>>,
    places: HashMap<String, usize>,
    last: usize,
}

/// What checking a step needs of its block type, worked out at the first
/// step of that type.
struct BlockFacts<'r> {
    /// The `type` as the steps write it (an identifier or an alias).
    written: String,
    entry: &'r Entry,
    /// Why the block does not run on this engine, when it does not.
    incompatible: Option<String>,
    /// The block's properties, sorted by name, each with its schema when
    /// that sets bounds to check (`minItems`, `maximum`, ...).
    properties: Vec<(&'r str, Option<&'r Value>)>,
}

impl<'r> BlockFacts<'r> {
    fn new(written: &str, entry: &'r Entry, incompatible: Option<String>) -> Self {
        let schemas = entry.schema().get("properties").and_then(Value::as_object);
        let mut properties: Vec<(&'r str, Option<&'r Value>)> = schemas
            .into_iter()
            .flatten()
            .map(|(name, schema)| (name.as_str(), bounds::sets_bounds(schema).then_some(schema)))
            .collect();
        properties.sort_unstable_by_key(|(name, _)| *name);
        Self {
            written: written.to_owned(),
            entry,
            incompatible,
            properties,
        }
    }

    /// Whether `key` is a property of the block.
    fn has(&self, key: &str) -> bool {
        self.find(key).is_some()
    }

    /// The schema whose bounds a value of property `key` must keep, when
    /// it sets any.
    fn bounds(&self, key: &str) -> Option<&'r Value> {
        self.find(key).and_then(|(_, schema)| *schema)
    }

    fn find(&self, key: &str) -> Option<&(&'r str, Option<&'r Value>)> {
        let at = self
            .properties
            .binary_search_by_key(&key, |(name, _)| name)
            .ok()?;
        self.properties.get(at)
    }
}

impl<'r> Configurer<'r> {
    pub(crate) fn new(registry: &'r Registry, context: &'r Context) -> Self {
        Self {
            registry,
            context,
            versions: BlockVersions::default(),
            suggestions: HashMap::new(),
            known: Vec::new(),
            places: HashMap::new(),
            last: 0,
        }
    }

    /// The place in `known` of the block type written `type_id`, or `None`
    /// when no block has that identifier.
    fn facts(&mut self, type_id: &str) -> Option<usize> {
        if self
            .known
            .get(self.last)
            .is_some_and(|facts| facts.written == type_id)
        {
            return Some(self.last);
        }
        let place = if let Some(place) = self.places.get(type_id) {
            *place
        } else {
            let entry = self.registry.get(type_id)?;
            let metadata = entry.metadata();
            let incompatible = self
                .versions
                .check(metadata.type_id, metadata.engine, self.registry)
                .err()
                .map(str::to_owned);
            self.known
                .push(BlockFacts::new(type_id, entry, incompatible));
            self.places.insert(type_id.to_owned(), self.known.len() - 1);
            self.known.len() - 1
        };
        self.last = place;
        Some(place)
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
        let Some(place) = self.facts(type_id) else {
            self.unknown_block(decl, type_id, report);
            return Configured::default();
        };
        let Some(facts) = self.known.get(place) else {
            return Configured::default();
        };
        let entry = facts.entry;
        let Some(object) = decl.json.as_object() else {
            return Configured::default();
        };
        if let Some(why) = &facts.incompatible {
            let diagnostic = Diagnostic::new(
                code::INCOMPATIBLE_BLOCK,
                format!("{}/type", decl.pointer()),
                why.clone(),
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
        let mut bounded = check_bounds(facts, decl);

        let unknown = unknown_properties(facts, object);
        for key in &unknown {
            report.push(unknown_property(key, entry, decl));
        }
        // One diagnostic per place: the parser's error is not repeated where
        // a malformed selector or a bound already speaks.
        let malformed: Vec<String> = found.malformed.iter().map(Malformed::pointer).collect();
        let skip: Vec<&str> = malformed
            .iter()
            .map(String::as_str)
            .chain(bounded.iter().map(|(pointer, _)| pointer.as_str()))
            .collect();
        let (step, errors) = parse_all(entry.block(), decl.json, &unknown, &malformed, &skip);
        for error in &errors {
            report.push(explain(error, entry, decl));
        }
        let outputs = step.as_deref().and_then(|step| outputs(step, decl, report));
        if let Some(step) = &step {
            // The block's own words win over a bound at the same place.
            let found = step.check(self.context);
            bounded.retain(|(pointer, _)| !found.iter().any(|problem| &problem.pointer == pointer));
            problems(code::NOT_ALLOWED, found, decl, report);
        }
        for (_, diagnostic) in bounded {
            report.push(diagnostic);
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
        let shown = shorten(type_id);
        let message = if let Some(near) = suggestion {
            format!("`{shown}` is not a known block type; did you mean `{near}`?")
        } else {
            let examples: Vec<String> = registry
                .entries()
                .take(3)
                .map(|e| format!("`{}`", e.metadata().type_id))
                .collect();
            let count = registry.entries().count();
            format!(
                "`{shown}` is not a known block type; the {count} known types include {}",
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

/// A well-formed selector standing in for a malformed one while the rest
/// of the step is parsed, so that the parser goes on to the mistakes after it.
const STAND_IN: &str = "$inputs.stand_in";

/// Parses `json` as a step of `block`, collecting one error per property:
/// after each error the offending property is set aside and parsing
/// starts again, so that a step with three mistakes shows three. The
/// `unknown` properties are set aside from the start, `malformed`
/// selectors replaced by a stand-in (the caller reports both), and errors
/// at the `skip` pointers are not repeated.
fn parse_all(
    block: &BlockType,
    json: &Value,
    unknown: &[&str],
    malformed: &[String],
    skip: &[&str],
) -> (Option<Box<dyn Step>>, Vec<ParseError>) {
    let mut errors = Vec::new();
    let mut set_aside: Vec<String> = unknown.iter().map(|key| (*key).to_owned()).collect();
    // One pass, so that a step of a million unknown keys or malformed
    // selectors costs no more than one of ten.
    let mut working: Option<Value> = (!unknown.is_empty() || !malformed.is_empty()).then(|| {
        let unknown: HashSet<&str> = unknown.iter().copied().collect();
        let known = json.as_object().into_iter().flatten();
        let mut working = Value::Object(
            known
                .filter(|(key, _)| !unknown.contains(key.as_str()))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect(),
        );
        for pointer in malformed {
            if let Some(value) = working.pointer_mut(pointer) {
                *value = Value::String(STAND_IN.to_owned());
            }
        }
        working
    });
    let clean = unknown.is_empty() && malformed.is_empty();
    loop {
        let current = working.as_ref().unwrap_or(json);
        let error = match block.parse(current) {
            Ok(step) if clean && errors.is_empty() && set_aside.is_empty() => {
                return (Some(step), errors);
            }
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
        if !skip.contains(&error.pointer.as_str()) {
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
        return unknown_property(property.as_deref().unwrap_or_default(), entry, decl);
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

/// The keys of a step that are not properties of its block, in file order.
fn unknown_properties<'j>(facts: &BlockFacts<'_>, object: &'j Map<String, Value>) -> Vec<&'j str> {
    object
        .keys()
        .map(String::as_str)
        .filter(|key| !is_implicit(key) && !facts.has(key))
        .collect()
}

/// The diagnostic for a key of the step that is not a property of its block.
fn unknown_property(key: &str, entry: &Entry, decl: &StepDecl<'_>) -> Diagnostic {
    let type_id = entry.metadata().type_id;
    let names = entry
        .rows()
        .iter()
        .map(|row| row.name.as_str())
        .filter(|name| !is_implicit(name));
    let listed = names
        .clone()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let shown = shorten(key);
    let message = match closest(key, names) {
        Some(near) => format!(
            "`{shown}` is not a property of `{type_id}`; did you mean `{near}`? Its properties are {listed}"
        ),
        None => format!("`{shown}` is not a property of `{type_id}`; its properties are {listed}"),
    };
    let pointer = format!("{}/{}", decl.pointer(), escape(key));
    Diagnostic::new(code::UNKNOWN_PROPERTY, pointer, message).in_step(decl.name, Some(key))
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
        // A choice among names, written as one of them.
        ("string or map", "a text"),
    ];
    let mut plain = message.to_owned();
    for (rust, words) in WORDS {
        let rust = format!("expected {rust}");
        if plain.ends_with(&rust) || plain.contains(&format!("{rust} ")) {
            plain = plain.replace(&rust, &format!("expected {words}"));
        }
    }
    let plain = plain
        .replace("invalid type: sequence", "invalid type: list")
        .replace("invalid type: map", "invalid type: object");
    cut_choices(plain)
}

/// Serde's list of the names a property may take, cut after the first
/// few: a time zone has dozens, which the block's documentation lists.
fn cut_choices(message: String) -> String {
    const SHOWN: usize = 12;
    let Some((head, list)) = message.split_once("expected one of ") else {
        return message;
    };
    let choices: Vec<&str> = list.split(", ").collect();
    match choices.get(..SHOWN) {
        Some(shown) if choices.len() > SHOWN => format!(
            "{head}expected one of {} and {} more",
            shown.join(", "),
            choices.len() - SHOWN
        ),
        _ => message,
    }
}

/// Each property of the step that breaks a bound of its schema: its
/// pointer inside the step, and the diagnostic.
fn check_bounds(facts: &BlockFacts<'_>, decl: &StepDecl<'_>) -> Vec<(String, Diagnostic)> {
    let Some(object) = decl.json.as_object() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (name, value) in object.iter().filter(|(name, _)| !is_implicit(name)) {
        let Some(problem) = facts
            .bounds(name)
            .and_then(|schema| bounds::check(schema, value))
        else {
            continue;
        };
        let inside = format!("/{}", escape(name));
        let pointer = format!("{}{inside}", decl.pointer());
        let message = format!("`{name}` {problem}");
        let diagnostic =
            Diagnostic::new(code::INVALID_VALUE, pointer, message).in_step(decl.name, Some(name));
        found.push((inside, diagnostic));
    }
    found
}

/// The step's actual outputs, or `None` after reporting why they cannot be named.
fn outputs(step: &dyn Step, decl: &StepDecl<'_>, report: &mut Report<'_>) -> Option<StepOutputs> {
    match step.outputs() {
        Ok(outputs) => Some(StepOutputs::new(outputs)),
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
