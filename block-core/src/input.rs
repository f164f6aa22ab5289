//! Field types for properties that accept references: [`Input`] takes a
//! literal or a selector, [`Ref`] only a selector.
//!
//! The schema of each marks its selector alternative with `reference: true`
//! and the accepted kinds; `#[block(kind = ...)]` on the field overrides
//! the kinds inferred from the literal type.

use std::borrow::Cow;
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::kind::{Kind, builtin};
use crate::run::{Inputs, RunError};
use crate::schema::reference_schema;
use crate::selector::Selector;
use crate::value::Value;

/// A property that takes a literal `T` or a selector whose value becomes a `T`.
#[derive(Debug, Clone, PartialEq)]
pub enum Input<T> {
    /// A value written in the workflow file.
    Literal(T),
    /// A reference resolved when the step runs.
    Reference(Selector),
}

/// A property that takes only a selector, whose value becomes a `T`.
#[derive(Debug, Clone, PartialEq)]
pub struct Ref<T = serde_json::Value> {
    selector: Selector,
    target: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned + Clone> Input<T> {
    /// The literal, or the referenced value converted to `T`.
    pub fn get(&self, inputs: &Inputs<'_>) -> Result<T, RunError> {
        match self {
            Self::Literal(literal) => Ok(literal.clone()),
            Self::Reference(selector) => inputs.get(selector),
        }
    }
}

impl<T: Serialize> Input<T> {
    /// The literal or the referenced value, keeping its taint.
    pub fn value(&self, inputs: &Inputs<'_>) -> Result<Value, RunError> {
        match self {
            Self::Literal(literal) => {
                serde_json::to_value(literal)
                    .map(Value::json)
                    .map_err(|error| {
                        RunError::new(format!("a literal could not be converted: {error}"))
                    })
            }
            Self::Reference(selector) => inputs.value(selector),
        }
    }
}

impl<T> Input<T> {
    /// The selector, when the property holds one.
    #[must_use]
    pub fn selector(&self) -> Option<&Selector> {
        match self {
            Self::Literal(_) => None,
            Self::Reference(selector) => Some(selector),
        }
    }
}

impl<T> From<T> for Input<T> {
    fn from(literal: T) -> Self {
        Self::Literal(literal)
    }
}

impl<T> Ref<T> {
    /// The selector this property holds.
    #[must_use]
    pub fn selector(&self) -> &Selector {
        &self.selector
    }

    /// The referenced value, keeping its taint.
    pub fn value(&self, inputs: &Inputs<'_>) -> Result<Value, RunError> {
        inputs.value(&self.selector)
    }
}

impl<T: DeserializeOwned> Ref<T> {
    /// The referenced value converted to `T`.
    pub fn get(&self, inputs: &Inputs<'_>) -> Result<T, RunError> {
        inputs.get(&self.selector)
    }
}

impl<T> From<Selector> for Ref<T> {
    fn from(selector: Selector) -> Self {
        Self {
            selector,
            target: PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Input<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = serde_json::Value::deserialize(deserializer)?;
        if let serde_json::Value::String(text) = &json
            && Selector::is_intended(text)
        {
            return text.parse().map(Self::Reference).map_err(D::Error::custom);
        }
        T::deserialize(json)
            .map(Self::Literal)
            .map_err(D::Error::custom)
    }
}

impl<'de, T> Deserialize<'de> for Ref<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Selector::deserialize(deserializer).map(Self::from)
    }
}

impl<T: Serialize> Serialize for Input<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Literal(literal) => literal.serialize(serializer),
            Self::Reference(selector) => selector.serialize(serializer),
        }
    }
}

impl<T> Serialize for Ref<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.selector.serialize(serializer)
    }
}

/// The kinds a reference carries when the field declares none: those of
/// the literal type's JSON form.
fn inferred_kinds(literal: &Schema) -> &'static [&'static Kind] {
    match literal.get("type").and_then(serde_json::Value::as_str) {
        Some("string") => &[&builtin::STRING],
        Some("integer") => &[&builtin::INTEGER],
        Some("number") => &[&builtin::FLOAT],
        Some("boolean") => &[&builtin::BOOLEAN],
        Some("array") => &[&builtin::LIST_OF_VALUES],
        Some("object") => &[&builtin::DICTIONARY],
        _ => &[&builtin::WILDCARD],
    }
}

impl<T: JsonSchema> JsonSchema for Input<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("Input_{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let literal = generator.subschema_for::<T>();
        let reference = reference_schema(inferred_kinds(&literal));
        // A literal that is itself a union joins the outer one, as the
        // reference writes it: `anyOf: [string, number, ..., reference]`.
        let mut alternatives = match literal.as_object() {
            Some(object) if object.len() == 1 && object.contains_key("anyOf") => {
                object["anyOf"].as_array().cloned().unwrap_or_default()
            }
            _ => vec![literal.to_value()],
        };
        alternatives.push(reference.to_value());
        schemars::json_schema!({ "anyOf": alternatives })
    }
}

impl<T: JsonSchema> JsonSchema for Ref<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("Ref_{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let target = generator.subschema_for::<T>();
        reference_schema(inferred_kinds(&target))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_selector_string_is_a_reference_and_the_rest_literal() {
        let reference: Input<String> = serde_json::from_value(json!("$inputs.x")).unwrap();
        assert_eq!(reference, Input::Reference("$inputs.x".parse().unwrap()));
        let literal: Input<String> = serde_json::from_value(json!("$5 off")).unwrap();
        assert_eq!(literal, Input::Literal("$5 off".to_owned()));
        let number: Input<i64> = serde_json::from_value(json!(3)).unwrap();
        assert_eq!(number, Input::Literal(3));
    }

    #[test]
    fn a_malformed_selector_is_an_error_not_a_literal() {
        let error = serde_json::from_value::<Input<String>>(json!("$steps.a")).unwrap_err();
        assert!(
            error.to_string().contains("not a valid selector"),
            "{error}"
        );
        assert!(serde_json::from_value::<Ref>(json!("plain")).is_err());
    }

    #[test]
    fn schemas_mark_the_reference_alternative() {
        let schema = schemars::SchemaGenerator::default().into_root_schema_for::<Input<i64>>();
        let reference = &schema.as_value()["anyOf"][1];
        assert_eq!(reference["reference"], json!(true));
        assert_eq!(reference["kind"][0]["name"], json!("integer"));
        let schema = schemars::SchemaGenerator::default().into_root_schema_for::<Ref>();
        assert_eq!(schema.as_value()["kind"][0]["name"], json!("*"));
    }
}
