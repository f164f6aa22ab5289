//! The names of block_core's built-in kinds, so an unknown name is caught
//! at compile time with the list of valid ones. Each maps to the constant
//! of the same name in upper case in `block_core::kind::builtin`.

use proc_macro2::{Ident, Span};

/// The built-in kind names, as the reference engine spells them.
pub(crate) const BUILTIN: &[&str] = &[
    "*",
    "boolean",
    "integer",
    "float",
    "float_zero_to_one",
    "string",
    "list_of_values",
    "dictionary",
    "secret",
    "timestamp",
    "bytes",
    "language_model_output",
    "roboflow_api_key",
    "roboflow_model_id",
    "roboflow_project",
    "image",
    "image_metadata",
    "parent_id",
    "prediction_type",
    "inference_id",
    "top_class",
    "object_detection_prediction",
    "classification_prediction",
    "zone",
    "rgb_color",
    "embedding",
];

/// The constant naming a built-in kind.
pub(crate) fn constant(name: &str, span: Span) -> Ident {
    let upper = if name == "*" {
        "WILDCARD".to_owned()
    } else {
        name.to_uppercase()
    };
    Ident::new(&upper, span)
}
