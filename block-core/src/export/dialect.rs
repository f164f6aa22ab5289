//! The JSON Schema dialect of exported schemas: 2020-12 by default, draft-07
//! for tools that know only that one.

use serde_json::Value;

/// The meta-schema of the custom keywords (`kind`, `reference`,
/// `selected_element`, `x-dynamic-outputs`, block metadata), shipped so that
/// a strict validator can register them.
pub const META_SCHEMA: &str = include_str!("../../schemas/block-schema.meta.json");

/// A JSON Schema dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// JSON Schema 2020-12.
    #[default]
    Draft2020_12,
    /// JSON Schema draft-07.
    Draft07,
}

const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";
const DRAFT_07: &str = "http://json-schema.org/draft-07/schema#";

impl Dialect {
    /// The meta-schema URI written in `$schema`.
    #[must_use]
    pub fn uri(self) -> &'static str {
        match self {
            Self::Draft2020_12 => DRAFT_2020_12,
            Self::Draft07 => DRAFT_07,
        }
    }

    /// `schema`, written in 2020-12, in this dialect: `$schema` names it,
    /// and draft-07 keeps definitions under `definitions`.
    #[must_use]
    pub fn convert(self, mut schema: Value) -> Value {
        if self == Self::Draft07 {
            rename_definitions(&mut schema);
        }
        if let Some(object) = schema.as_object_mut()
            && object.contains_key("$schema")
        {
            object.insert("$schema".into(), Value::from(self.uri()));
        }
        schema
    }
}

fn rename_definitions(schema: &mut Value) {
    match schema {
        Value::Object(object) => {
            if let Some(definitions) = object.remove("$defs") {
                object.insert("definitions".into(), definitions);
            }
            if let Some(Value::String(reference)) = object.get_mut("$ref") {
                *reference = reference.replace("#/$defs/", "#/definitions/");
            }
            object.values_mut().for_each(rename_definitions);
        }
        Value::Array(items) => items.iter_mut().for_each(rename_definitions),
        _ => {}
    }
}
