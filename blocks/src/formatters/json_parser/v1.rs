//! `roboflow_core/json_parser@v1`: turns a JSON text, typically a language
//! model's answer, into one output per expected field.

use block_core::{Block, Context, Input, Inputs, Outputs, Run, RunError, Value};
use serde_json::Map;

use crate::formatters::{json_type, origin};

/// The output that tells whether parsing found every expected field.
const ERROR_STATUS: &str = "error_status";

/// Reads a JSON object out of a text and exposes the fields you name as separate outputs.
///
/// Language models asked for JSON often wrap it in a Markdown code block.
/// This block finds the JSON in such an answer (or in any text), parses it
/// and gives each field listed in `expected_fields` its own output, so the
/// steps after it can use `$steps.STEP.FIELD`.
///
/// ## Where the JSON is looked for
///
/// 1. In the first code block that opens with ```` ```json ```` (in any
///    letter case), when the text has one; later blocks are ignored.
/// 2. Otherwise in the whole text.
/// 3. When the whole text is not JSON, in the first code block that opens
///    with a bare ```` ``` ````, as some models write it.
///
/// ## Outputs
///
/// - One output per entry of `expected_fields`, named exactly as written,
///   holding the field's value, or `null` when the field is absent.
/// - `error_status`: `false` when the text held a JSON object with every
///   expected field, `true` when it was not JSON, was JSON but not an object,
///   or lacked at least one field. A field present with the value `null` is
///   not missing.
///
/// `error_status` is the name of the status output, so it cannot be one of
/// `expected_fields`. When the text came from a secret, every output stays
/// masked.
#[derive(Debug, Block)]
#[block(
    id = "roboflow_core/json_parser@v1",
    name = "JSON Parser",
    block_type = "formatter",
    license = "Apache-2.0",
    section = "advanced",
    icon = "fal fa-table-tree",
    ui = { "blockPriority": 5 },
    engine = ">=1.3.0,<2.0.0",
    output(name = "error_status", kind = "boolean")
)]
pub struct JsonParser {
    /// The text to parse: plain JSON, or an answer with the JSON in a
    /// ```json code block.
    #[block(
        kind = "language_model_output",
        examples = [
            "$steps.lmm.output",
            "$inputs.config",
            "{\"key\": \"value\"}",
            "{\"model_id\": \"yolov8n-640\"}"
        ]
    )]
    pub raw_json: Input<String>,
    /// Top-level fields of the JSON object to expose; each becomes an output
    /// of the same name (`error_status` is taken).
    #[block(
        dynamic_outputs(kind = "*", names = "as_is"),
        examples = [["field_a", "field_b"], ["model_id", "confidence"], ["class_name", "class_id"]]
    )]
    pub expected_fields: Vec<String>,
}

impl Run for JsonParser {
    /// Parses the text and picks the expected fields; a text that is not a
    /// JSON object, or lacks a field, is reported through `error_status`.
    fn run(&self, inputs: &Inputs<'_>, _context: &Context) -> Result<Outputs, RunError> {
        if let Err(problems) = self.actual_outputs() {
            let reasons: Vec<String> = problems
                .iter()
                .map(|problem| format!("{}: {}", problem.pointer, problem.message))
                .collect();
            return Err(RunError::new(reasons.join("; ")));
        }
        let raw = self.raw_json.value(inputs)?;
        let tainted = raw.is_tainted();
        let text = match raw.expose() {
            serde_json::Value::String(text) => text,
            other => {
                return Err(RunError::new(format!(
                    "`raw_json` must be text, but {} holds {}",
                    origin(&self.raw_json),
                    json_type(&other)
                )));
            }
        };
        let object = parse_object(&text);
        let mark = |value: serde_json::Value| {
            let value = Value::json(value);
            if tainted { value.tainted() } else { value }
        };
        let mut outputs = Outputs::new();
        let mut all_found = object.is_some();
        for field in &self.expected_fields {
            let value = object.as_ref().and_then(|object| object.get(field));
            all_found &= value.is_some();
            outputs.insert(field, mark(value.cloned().unwrap_or_default()));
        }
        Ok(outputs.with_flag(ERROR_STATUS, !all_found))
    }
}

/// The JSON object found in `text`, if any (see the block's description
/// for where it is looked for).
fn parse_object(text: &str) -> Option<Map<String, serde_json::Value>> {
    let parsed = match json_fence(text) {
        Some(fenced) => serde_json::from_str(fenced).ok(),
        None => serde_json::from_str(text)
            .ok()
            .or_else(|| bare_fence(text).and_then(|fenced| serde_json::from_str(fenced).ok())),
    };
    match parsed? {
        serde_json::Value::Object(object) => Some(object),
        _ => None,
    }
}

const FENCE: &str = "```";

/// The content of the first closed code block opened with ```` ```json ````,
/// in any letter case, up to the next fence.
fn json_fence(text: &str) -> Option<&str> {
    // Lowering ASCII letters keeps every byte offset, so positions found in
    // the lowered copy are valid in `text`.
    let lowered = text.to_ascii_lowercase();
    let start = lowered.find("```json")? + "```json".len();
    let end = start + text[start..].find(FENCE)?;
    Some(&text[start..end])
}

/// The content of the first code block whose opening fence line is a bare
/// ```` ``` ````, up to the next fence line. Fences pair up line by line,
/// so the closing fence of a ```` ```python ```` block opens nothing.
fn bare_fence(text: &str) -> Option<&str> {
    let mut open: Option<(bool, usize)> = None;
    let mut position = 0;
    for line in text.split_inclusive('\n') {
        let line_start = position;
        position += line.len();
        let Some(info) = line.trim_start().strip_prefix(FENCE) else {
            continue;
        };
        match open.take() {
            None => open = Some((info.trim().is_empty(), position)),
            Some((true, content_start)) => return Some(&text[content_start..line_start]),
            Some((false, _)) => {}
        }
    }
    None
}
