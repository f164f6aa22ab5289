//! Blocks that reshape values between steps: pick one of several, parse a
//! text, read the clock.

pub mod current_time;
pub mod first_non_empty_or_default;
pub mod json_parser;

/// What kind of JSON value a reference held, to say so in an error without
/// showing the value (it may come from a secret).
pub(crate) fn json_type(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "text",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Where a property's value came from, for an error message: the selector,
/// or the literal written in the step.
pub(crate) fn origin<T>(input: &block_core::Input<T>) -> String {
    input.selector().map_or_else(
        || "the literal".to_owned(),
        |selector| format!("`{selector}`"),
    )
}
