//! A workflow file read into its parts (version, inputs, steps, outputs),
//! each part remembering where it was written.
//!
//! Reading is tolerant: a malformed input, step or output is reported and
//! left out, and reading goes on, so that one pass finds every problem.

use serde_json::{Map, Value};

use crate::context::Limits;

use super::diagnostic::{Diagnostic, code};
use super::encoding::{self, UTF8_BOM};
use super::limits;
use super::position::{DuplicateKey, Position, Positions, escape};
use super::report::Report;
use super::text::{Read, Unread};

/// The properties of a workflow definition.
const TOP_KEYS: &[&str] = &["version", "inputs", "steps", "outputs"];
/// The `type` names of a value input (the second is the reference's older name).
const PARAMETER_TYPES: &[&str] = &["WorkflowParameter", "InferenceParameter"];
/// The `type` names of an image input (the second is the reference's older name).
const IMAGE_TYPES: &[&str] = &["WorkflowImage", "InferenceImage"];
const PARAMETER_KEYS: &[&str] = &["type", "name", "kind", "default_value"];
const IMAGE_KEYS: &[&str] = &["type", "name", "kind"];
/// The `type` name of an output.
const OUTPUT_TYPE: &str = "JsonField";
const OUTPUT_KEYS: &[&str] = &["type", "name", "selector", "coordinates_system"];
const COORDINATE_SYSTEMS: &[&str] = &["own", "parent"];
/// What the `type`, `name` and `selector` of each part hold, for messages.
const INPUT_TYPE: &str = "`WorkflowParameter` for a value or `WorkflowImage` for an image";
const INPUT_NAME: &str = "a text such as \"threshold\", the name `$inputs.NAME` reads";
const STEP_TYPE: &str =
    "a block identifier such as \"roboflow_core/json_parser@v1\" (`blocks list` shows them all)";
const STEP_NAME: &str = "a unique text such as \"step_1\", the name `$steps.NAME` reads";
const OUTPUT_TYPE_TEXT: &str = "\"JsonField\"";
const OUTPUT_NAME: &str = "a text such as \"result\", the key of the output in the results";
const OUTPUT_SELECTOR: &str = "a selector such as \"$steps.STEP.OUTPUT\" or \"$inputs.NAME\"";
/// The kinds of an input that declares none.
const ANY_KIND: &[&str] = &["*"];
const IMAGE_KIND: &[&str] = &["image"];

/// A workflow file: its text, its JSON and where each value stands.
#[derive(Debug)]
pub struct Document<'t> {
    text: &'t str,
    json: Value,
    /// Indexed only when a diagnostic needs a line and column, or when
    /// reading saw a repeated key.
    positions: Positions<'t>,
    /// Whether reading saw an object repeat a key.
    repeats_keys: bool,
    limits: Limits,
}

impl<'t> Document<'t> {
    /// Parses `text` as JSON within the default [`Limits`]; see
    /// [`Document::parse_within`].
    pub fn parse(text: &'t str) -> Result<Self, Vec<Diagnostic>> {
        Self::parse_within(text, &Limits::default())
    }

    /// Parses `text` as JSON, a leading byte-order mark skipped. A text
    /// over one of `limits` (size, nesting, length of a text) is refused
    /// before parsing, with a diagnostic per problem; a syntax error is
    /// the one diagnostic, placed where the parser stopped.
    pub fn parse_within(text: &'t str, limits: &Limits) -> Result<Self, Vec<Diagnostic>> {
        let text = text.strip_prefix(UTF8_BOM).unwrap_or(text);
        limits::check_file_size(limits::length(text.len()), limits)?;
        // One pass reads the JSON; the text is walked again for the exact
        // limits only when that pass stopped on something that may be
        // over one, or on a syntax error (limits are reported first).
        let read = match super::text::read(text, limits) {
            Ok(read) => read,
            Err(unread) => {
                limits::check_text(text, limits)?;
                let json = match unread {
                    Unread::MayExceed => serde_json::from_str(text),
                    Unread::Syntax(error) => Err(error),
                };
                let json = json.map_err(|error| vec![syntax_error(text, &error)])?;
                Read {
                    json,
                    duplicates: true,
                }
            }
        };
        Ok(Self {
            text,
            json: read.json,
            positions: Positions::index(text),
            repeats_keys: read.duplicates,
            limits: *limits,
        })
    }

    /// Reads the bytes of a file as UTF-8 text (see [`Document::parse_within`]);
    /// a file over the size limit is refused before it is decoded, and a
    /// byte that is not UTF-8 is a diagnostic at its line and column.
    pub fn from_bytes(bytes: &'t [u8], limits: &Limits) -> Result<Self, Vec<Diagnostic>> {
        limits::check_file_size(limits::length(bytes.len()), limits)?;
        let text = encoding::decode(bytes)?;
        Self::parse_within(text, limits)
    }

    /// A document of JSON built in memory rather than read from a file: it
    /// has no text, so its diagnostics carry pointers but no line or column.
    #[must_use]
    pub fn from_json(json: Value) -> Document<'static> {
        Document {
            text: "",
            json,
            positions: Positions::index(""),
            repeats_keys: false,
            limits: Limits::default(),
        }
    }

    /// The text as given.
    #[must_use]
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The parsed JSON.
    #[must_use]
    pub fn json(&self) -> &Value {
        &self.json
    }

    /// Where each value of the text starts.
    #[must_use]
    pub fn positions(&self) -> &Positions<'t> {
        &self.positions
    }

    /// The limits the document was read within.
    #[must_use]
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Keys written twice in one object, in text order.
    #[must_use]
    pub fn duplicate_keys(&self) -> &[DuplicateKey] {
        if self.repeats_keys {
            self.positions.duplicate_keys()
        } else {
            &[]
        }
    }

    /// Where the value at `pointer` starts (or its deepest existing parent).
    #[must_use]
    pub fn locate(&self, pointer: &str) -> Position {
        self.positions.locate(pointer)
    }
}

/// The diagnostic for text serde_json refused, placed where the mistake
/// is (which is not always where the parser stopped) and saying what
/// would be valid.
fn syntax_error(text: &str, error: &serde_json::Error) -> Diagnostic {
    let full = error.to_string();
    let reason = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(reason, _)| reason);
    let stopped = stop_offset(text, error.line(), error.column());
    let (offset, message) = explain_syntax(text, reason, stopped, error.classify());
    Diagnostic::new(code::INVALID_JSON, "", message).at(position_of(text, offset))
}

/// Where the mistake is, from where the parser stopped, and the message.
fn explain_syntax(
    text: &str,
    reason: &str,
    stopped: usize,
    category: serde_json::error::Category,
) -> (usize, String) {
    let bytes = text.as_bytes();
    let rest = text.get(stopped..).unwrap_or_default();
    let before = bytes.get(..stopped).unwrap_or_default();
    if category == serde_json::error::Category::Eof {
        if text.trim().is_empty() {
            let message = "the file is empty: a workflow definition is a JSON object with `version`, `inputs`, `steps` and `outputs`";
            return (stopped, message.to_owned());
        }
        let inside = reason
            .strip_prefix("EOF while parsing ")
            .unwrap_or("a value");
        let message = format!(
            "the file ends in the middle of {inside}: it was cut short, or a `}}`, `]` or `\"` is missing"
        );
        return (stopped, message);
    }
    let comment = rest.starts_with("//") || rest.starts_with("/*");
    let (offset, hint) = if comment {
        (stopped, "JSON has no comments: remove them".to_owned())
    } else if reason.starts_with("trailing comma") {
        // The parser stops at the bracket; the mistake is the comma before it.
        let comma = before.iter().rposition(|b| *b == b',').unwrap_or(stopped);
        (comma, "remove the comma after the last item".to_owned())
    } else if reason.starts_with("key must be a string") {
        (stopped, "write keys in double quotes".to_owned())
    } else if reason.starts_with("expected value") && rest.starts_with('\'') {
        (
            stopped,
            "write texts in double quotes, not single quotes".to_owned(),
        )
    } else if reason.starts_with("expected value") && rest.starts_with(['}', ']']) {
        let hint = "a value is missing, or a bracket closes what it did not open: each `[` closes with `]`, each `{` with `}`";
        (stopped, hint.to_owned())
    } else if reason.starts_with("trailing characters") {
        let hint = "a workflow file holds one JSON object: remove what follows its closing `}`";
        (stopped, hint.to_owned())
    } else if reason.starts_with("number out of range") {
        // The parser stops after the number; show where it starts.
        let number = |b: &u8| b.is_ascii_digit() || b".eE+-".contains(b);
        let start = before.iter().rposition(|b| !number(b)).map_or(0, |i| i + 1);
        (
            start,
            "write a number of at most about 1.8e308, or write it as a text".to_owned(),
        )
    } else if reason.starts_with("control character") {
        control_character(bytes, stopped)
    } else if reason.contains("escape") || reason.contains("surrogate") {
        let hint = "a `\\` in a text starts an escape: `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t`, or `\\u` and four hex digits (a pair of them, `\\uD800`-`\\uDBFF` then `\\uDC00`-`\\uDFFF`, for a character past U+FFFF)";
        (stopped, hint.to_owned())
    } else {
        (stopped, String::new())
    };
    let message = if hint.is_empty() {
        format!("the file is not valid JSON: {reason}")
    } else {
        format!("the file is not valid JSON: {reason}; {hint}")
    };
    (offset, message)
}

/// The control character a string holds, and how to write it. The parser
/// reports a line break on the next line: place it at the end of its own.
fn control_character(bytes: &[u8], stopped: usize) -> (usize, String) {
    let offset = match stopped.checked_sub(1) {
        Some(previous)
            if bytes.get(previous) == Some(&b'\n') && bytes.get(stopped) != Some(&b'\n') =>
        {
            previous
        }
        _ => stopped,
    };
    let hint = if bytes.get(offset) == Some(&b'\n') {
        "write a line break inside a text as \\n"
    } else {
        "write control characters inside a text as escapes, such as \\t or \\u0000"
    };
    (offset, hint.to_owned())
}

/// The byte offset where serde_json stopped: its 1-based line and its
/// column in bytes, 0 when it stopped on a line break.
fn stop_offset(text: &str, line: usize, byte_column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(newline, _)| newline + 1)
    };
    let line_end = text
        .get(line_start..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |end| line_start + end);
    let mut offset = (line_start + byte_column.saturating_sub(1)).min(line_end);
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The line and character column of byte `offset` of `text`.
fn position_of(text: &str, offset: usize) -> Position {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    Position {
        line: before.matches('\n').count() + 1,
        column: before.get(line_start..).unwrap_or_default().chars().count() + 1,
    }
}

/// A workflow definition: `{version, inputs, steps, outputs}`.
#[derive(Debug, Default)]
pub struct Definition<'d> {
    /// The engine version the workflow is written for, as written.
    pub version: Option<&'d str>,
    /// The workflow's inputs, in file order.
    pub inputs: Vec<WorkflowInput<'d>>,
    /// The steps, in file order.
    pub steps: Vec<StepDecl<'d>>,
    /// The outputs, in file order.
    pub outputs: Vec<WorkflowOutput<'d>>,
}

/// An input of the workflow: `WorkflowParameter` or `WorkflowImage`.
#[derive(Debug, Clone)]
pub struct WorkflowInput<'d> {
    /// Its place in `inputs`.
    pub index: usize,
    /// The name `$inputs.NAME` uses.
    pub name: &'d str,
    /// The kinds of its value (`*` when none is declared).
    pub kinds: Vec<&'d str>,
    /// The value used when a run does not give one; `None` makes the input required.
    pub default_value: Option<&'d Value>,
    /// Whether it is an image input.
    pub image: bool,
}

/// A step as written: the block it configures and its JSON.
#[derive(Debug, Clone)]
pub struct StepDecl<'d> {
    /// Its place in `steps`.
    pub index: usize,
    /// The name `$steps.NAME` uses; empty when the step has none (already reported).
    pub name: &'d str,
    /// The block identifier in `type`; `None` when absent (already reported).
    pub type_id: Option<&'d str>,
    /// The step's JSON object, `type` and `name` included.
    pub json: &'d Value,
}

/// An output of the workflow: a `JsonField` naming a selector.
#[derive(Debug, Clone)]
pub struct WorkflowOutput<'d> {
    /// Its place in `outputs`.
    pub index: usize,
    /// The key of the output in the results.
    pub name: &'d str,
    /// The selector whose value the output shows, as written.
    pub selector: &'d str,
    /// `own` or `parent`; accepted for compatibility.
    pub coordinates_system: Option<&'d str>,
}

impl WorkflowInput<'_> {
    /// The input's JSON pointer.
    #[must_use]
    pub fn pointer(&self) -> String {
        format!("/inputs/{}", self.index)
    }
}

impl StepDecl<'_> {
    /// The step's JSON pointer.
    #[must_use]
    pub fn pointer(&self) -> String {
        format!("/steps/{}", self.index)
    }
}

impl WorkflowOutput<'_> {
    /// The output's JSON pointer.
    #[must_use]
    pub fn pointer(&self) -> String {
        format!("/outputs/{}", self.index)
    }
}

impl<'d> Definition<'d> {
    /// Reads the definition in `document`, or every problem of its shape.
    pub fn parse(document: &'d Document<'_>) -> Result<Self, Vec<Diagnostic>> {
        let mut report = Report::new(document.positions());
        let definition = Self::read(document, &mut report);
        if report.is_clean() {
            Ok(definition)
        } else {
            Err(report.finish())
        }
    }

    /// Reads what can be read, reporting each problem of shape.
    pub(crate) fn read(document: &'d Document<'_>, report: &mut Report<'_>) -> Self {
        for duplicate in document.duplicate_keys() {
            let message = format!(
                "`{}` is written twice in this object (first at line {}, column {}); only the last value would count, so keep one",
                duplicate.key, duplicate.first.line, duplicate.first.column
            );
            report.error(code::DUPLICATE_KEY, duplicate.pointer.clone(), message);
        }
        let Some(root) = document.json().as_object() else {
            let message = format!(
                "a workflow definition is a JSON object with `version`, `inputs`, `steps` and `outputs`, not {}",
                describe(document.json())
            );
            report.error(code::INVALID_VALUE, "", message);
            return Self::default();
        };
        if let Some(Value::Array(steps)) = root.get("steps")
            && let Err(message) = limits::check_steps(steps.len(), document.limits())
        {
            // Checking a file that large would take its time for nothing.
            report.error(code::LIMIT_EXCEEDED, "/steps", message);
            return Self::default();
        }
        unknown_keys(root, "", TOP_KEYS, "a workflow definition", report);
        Self {
            version: read_version(root, report),
            inputs: list(root, "inputs", report)
                .iter()
                .enumerate()
                .filter_map(|(index, value)| read_input(index, value, report))
                .collect(),
            steps: list(root, "steps", report)
                .iter()
                .enumerate()
                .filter_map(|(index, value)| read_step(index, value, report))
                .collect(),
            outputs: list(root, "outputs", report)
                .iter()
                .enumerate()
                .filter_map(|(index, value)| read_output(index, value, report))
                .collect(),
        }
    }
}

fn read_version<'d>(root: &'d Map<String, Value>, report: &mut Report<'_>) -> Option<&'d str> {
    match root.get("version")? {
        Value::String(version) => Some(version),
        other => {
            let message = format!(
                "`version` is a text such as \"1.0.0\", not {}",
                describe(other)
            );
            report.error(code::INVALID_VALUE, "/version", message);
            None
        }
    }
}

/// The list under `key`, or nothing (reported) when it is absent or not a list.
fn list<'d>(root: &'d Map<String, Value>, key: &str, report: &mut Report<'_>) -> &'d [Value] {
    match root.get(key) {
        Some(Value::Array(items)) => items,
        Some(other) => {
            let message = format!("`{key}` is a list, not {}", describe(other));
            report.error(code::INVALID_VALUE, format!("/{key}"), message);
            &[]
        }
        None => {
            let message = format!(
                "a workflow definition needs `{key}`: a list (it may be empty); the properties are `version`, `inputs`, `steps` and `outputs`"
            );
            report.error(code::MISSING_PROPERTY, "", message);
            &[]
        }
    }
}

fn read_input<'d>(
    index: usize,
    value: &'d Value,
    report: &mut Report<'_>,
) -> Option<WorkflowInput<'d>> {
    let pointer = format!("/inputs/{index}");
    let object = object(value, &pointer, "an input", "`type` and `name`", report)?;
    let type_name = string(object, &pointer, ("type", INPUT_TYPE), "an input", report);
    let name = string(object, &pointer, ("name", INPUT_NAME), "an input", report);
    let type_name = type_name?;
    let image = IMAGE_TYPES.contains(&type_name);
    if !image && !PARAMETER_TYPES.contains(&type_name) {
        let message = format!(
            "`{}` is not an input type: use {INPUT_TYPE}",
            shorten(type_name)
        );
        report.error(code::INVALID_VALUE, format!("{pointer}/type"), message);
        return None;
    }
    let (keys, default_kinds) = if image {
        (IMAGE_KEYS, IMAGE_KIND)
    } else {
        (PARAMETER_KEYS, ANY_KIND)
    };
    unknown_keys(
        object,
        &pointer,
        keys,
        &format!("a `{type_name}` input"),
        report,
    );
    let kinds = read_kinds(object.get("kind"), &pointer, default_kinds, report);
    let name = name?;
    let default_value = if image {
        None
    } else {
        object.get("default_value")
    };
    Some(WorkflowInput {
        index,
        name,
        kinds,
        default_value,
        image,
    })
}

/// An input's `kind`: a list of kind names or kind objects with a `name`.
fn read_kinds<'d>(
    value: Option<&'d Value>,
    pointer: &str,
    default: &'static [&'static str],
    report: &mut Report<'_>,
) -> Vec<&'d str> {
    let Some(value) = value else {
        return default.to_vec();
    };
    let Value::Array(items) = value else {
        let message = format!(
            "`kind` is a list of kind names such as [\"string\"], not {}",
            describe(value)
        );
        report.error(code::INVALID_VALUE, format!("{pointer}/kind"), message);
        return default.to_vec();
    };
    let mut kinds = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        if let Some(name) = item
            .as_str()
            .or_else(|| item.get("name").and_then(Value::as_str))
        {
            kinds.push(name);
        } else {
            let message = format!(
                "a kind is a kind name such as \"string\", or an object with a `name`, not {}",
                describe(item)
            );
            report.error(
                code::INVALID_VALUE,
                format!("{pointer}/kind/{index}"),
                message,
            );
        }
    }
    if kinds.is_empty() {
        default.to_vec()
    } else {
        kinds
    }
}

fn read_step<'d>(index: usize, value: &'d Value, report: &mut Report<'_>) -> Option<StepDecl<'d>> {
    // The common case, a step with a type and a name, without building a
    // pointer it would not need.
    if let Some(object) = value.as_object()
        && let (Some(Value::String(type_id)), Some(Value::String(name))) =
            (member(object, "type"), member(object, "name"))
        && !name.is_empty()
    {
        return Some(StepDecl {
            index,
            name,
            type_id: Some(type_id),
            json: value,
        });
    }
    let pointer = format!("/steps/{index}");
    let object = object(
        value,
        &pointer,
        "a step",
        "`type`, `name` and its block's properties",
        report,
    )?;
    let type_id = string(object, &pointer, ("type", STEP_TYPE), "a step", report);
    let name = string(object, &pointer, ("name", STEP_NAME), "a step", report).unwrap_or_default();
    if name.is_empty() && object.get("name").is_some_and(Value::is_string) {
        let message = "a step name cannot be empty: give the step a unique name such as \"step_1\"";
        report.error(code::INVALID_VALUE, format!("{pointer}/name"), message);
    }
    Some(StepDecl {
        index,
        name,
        type_id,
        json: value,
    })
}

fn read_output<'d>(
    index: usize,
    value: &'d Value,
    report: &mut Report<'_>,
) -> Option<WorkflowOutput<'d>> {
    // The common case, `{"type": "JsonField", "name": ..., "selector": ...}`
    // in any order, read without building a pointer it would not need.
    if let Some(object) = value.as_object()
        && object.len() == 3
        && let (
            Some(Value::String(type_name)),
            Some(Value::String(name)),
            Some(Value::String(selector)),
        ) = (
            member(object, "type"),
            member(object, "name"),
            member(object, "selector"),
        )
        && type_name == OUTPUT_TYPE
    {
        return Some(WorkflowOutput {
            index,
            name,
            selector,
            coordinates_system: None,
        });
    }
    let pointer = format!("/outputs/{index}");
    let object = object(
        value,
        &pointer,
        "an output",
        "`type`, `name` and `selector`",
        report,
    )?;
    unknown_keys(object, &pointer, OUTPUT_KEYS, "an output", report);
    let type_name = string(
        object,
        &pointer,
        ("type", OUTPUT_TYPE_TEXT),
        "an output",
        report,
    );
    if let Some(other) = type_name.filter(|name| *name != OUTPUT_TYPE) {
        let message = format!(
            "`{}` is not an output type: an output has `\"type\": \"{OUTPUT_TYPE}\"`",
            shorten(other)
        );
        report.error(code::INVALID_VALUE, format!("{pointer}/type"), message);
    }
    let coordinates_system = object.get("coordinates_system").and_then(|value| {
        let system = value
            .as_str()
            .filter(|system| COORDINATE_SYSTEMS.contains(system));
        if system.is_none() {
            let given = value.as_str().map_or_else(
                || describe(value).to_owned(),
                |text| format!("`{}`", shorten(text)),
            );
            let message = format!("`coordinates_system` is \"own\" or \"parent\", not {given}");
            report.error(
                code::INVALID_VALUE,
                format!("{pointer}/coordinates_system"),
                message,
            );
        }
        system
    });
    let name = string(object, &pointer, ("name", OUTPUT_NAME), "an output", report);
    let selector = string(
        object,
        &pointer,
        ("selector", OUTPUT_SELECTOR),
        "an output",
        report,
    );
    Some(WorkflowOutput {
        index,
        name: name?,
        selector: selector?,
        coordinates_system,
    })
}

/// The value of `key` in `object`. The objects of a workflow file have a
/// handful of keys, which are compared faster than one is hashed.
fn member<'d>(object: &'d Map<String, Value>, key: &str) -> Option<&'d Value> {
    const FEW: usize = 8;
    if object.len() > FEW {
        return object.get(key);
    }
    object
        .iter()
        .find_map(|(name, value)| (name == key).then_some(value))
}

/// `value` as an object, or a report that `what` must be one, with `holding`.
fn object<'d>(
    value: &'d Value,
    pointer: &str,
    what: &str,
    holding: &str,
    report: &mut Report<'_>,
) -> Option<&'d Map<String, Value>> {
    let object = value.as_object();
    if object.is_none() {
        let message = format!(
            "{what} is a JSON object with {holding}, not {}",
            describe(value)
        );
        report.error(code::INVALID_VALUE, pointer, message);
    }
    object
}

/// The text under `key`, or a report that `what` needs one; `holds` says
/// what a valid one is.
fn string<'d>(
    object: &'d Map<String, Value>,
    pointer: &str,
    (key, holds): (&str, &str),
    what: &str,
    report: &mut Report<'_>,
) -> Option<&'d str> {
    match object.get(key) {
        Some(Value::String(text)) => Some(text),
        Some(other) => {
            let message = format!("`{key}` is {holds}, not {}", describe(other));
            report.error(
                code::INVALID_VALUE,
                format!("{pointer}/{}", escape(key)),
                message,
            );
            None
        }
        None => {
            report.error(
                code::MISSING_PROPERTY,
                pointer,
                format!("{what} needs `{key}`: {holds}"),
            );
            None
        }
    }
}

/// Reports every key of `object` outside `allowed`, suggesting the closest.
fn unknown_keys(
    object: &Map<String, Value>,
    pointer: &str,
    allowed: &[&str],
    what: &str,
    report: &mut Report<'_>,
) {
    for key in object.keys().filter(|key| !allowed.contains(&key.as_str())) {
        let shown = shorten(key);
        let listed = allowed
            .iter()
            .map(|key| format!("`{key}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let message = match closest(key, allowed.iter().copied()) {
            Some(near) => format!(
                "`{shown}` is not a property of {what}; did you mean `{near}`? The properties are {listed}"
            ),
            None => format!("`{shown}` is not a property of {what}; the properties are {listed}"),
        };
        report.error(
            code::UNKNOWN_PROPERTY,
            format!("{pointer}/{}", escape(key)),
            message,
        );
    }
}

/// The candidate most like `word`, when one is close enough to be a typo:
/// the same word in another case, else the most similar spelling.
pub(crate) fn closest<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    // Comparing costs the product of the lengths; a typo is in a name, and
    // a name is short.
    const LONGEST: usize = 64;
    if word.len() > LONGEST {
        return None;
    }
    let mut best: Option<(f64, &'c str)> = None;
    for candidate in candidates.into_iter().filter(|c| c.len() <= LONGEST) {
        let score = if candidate.eq_ignore_ascii_case(word) {
            2.0
        } else {
            strsim::jaro_winkler(word, candidate)
        };
        if score > 0.8 && best.is_none_or(|(top, _)| score > top) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// A text of the file as a message quotes it: whole when short, else its
/// start, so that a message stays readable whatever the file holds.
pub(crate) fn shorten(text: &str) -> std::borrow::Cow<'_, str> {
    const SHOWN: usize = 60;
    match text.char_indices().nth(SHOWN) {
        None => std::borrow::Cow::Borrowed(text),
        Some((cut, _)) => std::borrow::Cow::Owned(format!("{}…", text.get(..cut).unwrap_or(text))),
    }
}

/// A JSON value's type, in words, for messages (never its content).
pub(crate) fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_syntax_error_has_its_line_and_character_column() {
        let error = Document::parse("{\n  \"é\": 1,\n  \"b\" 2\n}")
            .unwrap_err()
            .remove(0);
        assert_eq!(error.code, code::INVALID_JSON);
        assert_eq!(error.position(), Position { line: 3, column: 7 });
        assert!(error.message.contains("expected `:`"), "{}", error.message);
        assert!(!error.message.contains("line 3"), "{}", error.message);
        let error = Document::parse("{\"é\": [1,").unwrap_err().remove(0);
        assert!(error.message.contains("is missing"), "{}", error.message);
        assert_eq!(error.line, 1);
    }

    #[test]
    fn the_parts_are_read_with_defaults_and_aliases() {
        let text = r#"{"version": "1.0", "inputs": [
            {"type": "WorkflowParameter", "name": "a"},
            {"type": "InferenceParameter", "name": "b", "kind": ["string", {"name": "secret"}], "default_value": null},
            {"type": "WorkflowImage", "name": "image"}],
          "steps": [{"type": "x/y@v1", "name": "s", "p": 1}],
          "outputs": [{"type": "JsonField", "name": "o", "selector": "$steps.s.*", "coordinates_system": "own"}]}"#;
        let document = Document::parse(text).unwrap();
        let definition = Definition::parse(&document).unwrap();
        assert_eq!(definition.version, Some("1.0"));
        let a = &definition.inputs[0];
        assert_eq!((a.kinds.as_slice(), a.default_value), (&["*"][..], None));
        let b = &definition.inputs[1];
        assert_eq!(
            (b.kinds.as_slice(), b.default_value),
            (&["string", "secret"][..], Some(&Value::Null))
        );
        assert!(definition.inputs[2].image);
        assert_eq!(definition.inputs[2].kinds, ["image"]);
        assert_eq!(
            (definition.steps[0].name, definition.steps[0].type_id),
            ("s", Some("x/y@v1"))
        );
        assert_eq!(definition.outputs[0].selector, "$steps.s.*");
    }

    #[test]
    fn every_problem_of_shape_is_reported() {
        let text = r#"{"versoin": "1", "inputs": [{"type": "WorkflowBatch", "name": "a"}, {"name": 3, "type": "WorkflowParameter", "defualt_value": 1}],
            "steps": [{"name": "s"}, 5],
            "outputs": [{"type": "JsonField", "name": "o", "coordinates_system": "world"}], "steps": []}"#;
        let document = Document::parse(text).unwrap();
        let found: Vec<(&str, String)> = Definition::parse(&document)
            .unwrap_err()
            .into_iter()
            .map(|d| (d.code, d.pointer))
            .collect();
        let expected = [
            (code::UNKNOWN_PROPERTY, "/versoin"),
            (code::INVALID_VALUE, "/inputs/0/type"),
            (code::INVALID_VALUE, "/inputs/1/name"),
            (code::UNKNOWN_PROPERTY, "/inputs/1/defualt_value"),
            (code::MISSING_PROPERTY, "/outputs/0"),
            (code::INVALID_VALUE, "/outputs/0/coordinates_system"),
            (code::DUPLICATE_KEY, "/steps"),
        ];
        let expected: Vec<(&str, String)> = expected
            .iter()
            .map(|(c, p)| (*c, (*p).to_owned()))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn a_root_that_is_not_an_object_is_one_problem() {
        let document = Document::parse("[1]").unwrap();
        let problems = Definition::parse(&document).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].message.contains("not a list"),
            "{}",
            problems[0].message
        );
    }
}
