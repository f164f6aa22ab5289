//! The properties table of a block (Name, Type, Description, Refs) and the
//! places where a step may hold references, both read from the schema so
//! that they can never disagree with it.

use serde::Serialize;
use serde_json::Value;

/// One row of a block's properties table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PropertyRow {
    /// The property name.
    pub name: String,
    /// The literal type in the reference's notation: `str`, `List[str]`, ...
    pub type_annotation: String,
    /// The property description.
    pub description: String,
    /// Whether the property accepts a reference.
    pub refs: bool,
}

/// Where, inside a property, a reference may stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// The property itself.
    Direct,
    /// An element of the list the property holds.
    ListElement,
    /// A value of the map the property holds.
    DictElement,
}

/// A place inside a property where a step may hold a reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferenceSlot {
    /// The property name.
    pub property: String,
    /// The property description.
    pub description: String,
    /// Where inside the property.
    pub position: Position,
    /// The names of the kinds the reference accepts.
    pub kinds: Vec<String>,
    /// What the selector may point at (`any_data`, `step_output`, ...).
    pub selected_element: String,
}

/// The rows of the properties table, in schema order, `name` first.
#[must_use]
pub fn rows(schema: &Value) -> Vec<PropertyRow> {
    properties(schema)
        .filter(|(name, _)| *name != "type")
        .map(|(name, property)| PropertyRow {
            name: name.to_owned(),
            type_annotation: annotation(property),
            description: description(property),
            refs: !slots_in(property, Position::Direct).is_empty(),
        })
        .collect()
}

/// Every reference slot of a block, in schema order.
#[must_use]
pub fn reference_slots(schema: &Value) -> Vec<ReferenceSlot> {
    let mut slots = Vec::new();
    for (name, property) in properties(schema) {
        for (position, reference) in slots_in(property, Position::Direct) {
            let kinds = reference["kind"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|kind| kind["name"].as_str().or_else(|| kind.as_str()))
                .map(str::to_owned)
                .collect();
            slots.push(ReferenceSlot {
                property: name.to_owned(),
                description: description(property),
                position,
                kinds,
                selected_element: reference["selected_element"]
                    .as_str()
                    .unwrap_or("any_data")
                    .to_owned(),
            });
        }
    }
    slots
}

fn properties(schema: &Value) -> impl Iterator<Item = (&str, &Value)> {
    schema["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, property)| (name.as_str(), property))
}

fn description(property: &Value) -> String {
    property["description"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn is_reference(schema: &Value) -> bool {
    schema.get("reference") == Some(&Value::Bool(true))
}

fn slots_in(schema: &Value, position: Position) -> Vec<(Position, &Value)> {
    if is_reference(schema) {
        return vec![(position, schema)];
    }
    let mut found = Vec::new();
    for alternative in alternatives(schema) {
        found.extend(slots_in(alternative, position));
    }
    if position == Position::Direct {
        if let Some(items) = schema.get("items") {
            found.extend(slots_in(items, Position::ListElement));
        }
        if let Some(values @ Value::Object(_)) = schema.get("additionalProperties") {
            found.extend(slots_in(values, Position::DictElement));
        }
    }
    found
}

fn alternatives(schema: &Value) -> impl Iterator<Item = &Value> {
    ["anyOf", "oneOf"]
        .into_iter()
        .filter_map(|key| schema.get(key).and_then(Value::as_array))
        .flatten()
}

/// Whether a property takes a literal: it is not a reference alone (a list
/// or map of references takes references, not literals).
#[must_use]
pub fn accepts_literal(schema: &Value) -> bool {
    if is_reference(schema) {
        return false;
    }
    if schema.get("anyOf").is_some() || schema.get("oneOf").is_some() {
        return alternatives(schema).any(accepts_literal);
    }
    match (schema.get("items"), schema.get("additionalProperties")) {
        (Some(items), _) => accepts_literal(items),
        (_, Some(values @ Value::Object(_))) => accepts_literal(values),
        _ => true,
    }
}

/// The literal type of a schema in the reference's notation; selectors are
/// left out, and a reference-only property shows the type of its kinds.
#[must_use]
pub fn annotation(schema: &Value) -> String {
    if is_reference(schema) {
        return kinds_annotation(schema);
    }
    let literal: Vec<&Value> = alternatives(schema)
        .filter(|alt| !is_reference(alt))
        .collect();
    if schema.get("anyOf").is_some() || schema.get("oneOf").is_some() {
        return union(&literal, schema);
    }
    match schema.get("type") {
        Some(Value::Array(types)) => {
            let nullable = types.iter().any(|t| t == "null");
            let named: Vec<String> = types
                .iter()
                .filter(|t| *t != "null")
                .map(|t| scalar(t.as_str()))
                .collect();
            let inner = if named.len() == 1 {
                named[0].clone()
            } else {
                format!("Union[{}]", named.join(", "))
            };
            if nullable {
                format!("Optional[{inner}]")
            } else {
                inner
            }
        }
        Some(Value::String(kind)) => typed(kind, schema),
        _ if schema.get("enum").is_some() || schema.get("const").is_some() => "str".to_owned(),
        _ => "Any".to_owned(),
    }
}

fn union(literal: &[&Value], schema: &Value) -> String {
    let nullable = literal
        .iter()
        .any(|alt| alt.get("type") == Some(&Value::from("null")));
    let mut names: Vec<String> = Vec::new();
    for alt in literal
        .iter()
        .filter(|alt| alt.get("type") != Some(&Value::from("null")))
    {
        let name = annotation(alt);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let inner = match names.len() {
        0 if literal.is_empty() => {
            kinds_annotation(alternatives(schema).next().unwrap_or(&Value::Null))
        }
        0 => "Any".to_owned(),
        1 => names.remove(0),
        _ => format!("Union[{}]", names.join(", ")),
    };
    if nullable {
        format!("Optional[{inner}]")
    } else {
        inner
    }
}

fn typed(kind: &str, schema: &Value) -> String {
    match kind {
        "array" => {
            let items = schema
                .get("items")
                .map_or_else(|| "Any".to_owned(), annotation);
            format!("List[{items}]")
        }
        "object" => match schema.get("additionalProperties") {
            Some(values @ Value::Object(_)) => format!("Dict[str, {}]", annotation(values)),
            _ => "Dict[str, Any]".to_owned(),
        },
        other => scalar(Some(other)),
    }
}

fn scalar(kind: Option<&str>) -> String {
    match kind {
        Some("string") => "str",
        Some("integer") => "int",
        Some("number") => "float",
        Some("boolean") => "bool",
        Some("null") => "None",
        Some("array") => "List[Any]",
        Some("object") => "Dict[str, Any]",
        _ => "Any",
    }
    .to_owned()
}

fn kinds_annotation(reference: &Value) -> String {
    let types: Vec<&str> = reference["kind"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|kind| kind["serialised_data_type"].as_str())
        .collect();
    match types.as_slice() {
        [first, rest @ ..] if rest.iter().all(|t| t == first) && *first != "any" => {
            scalar(Some(first))
        }
        _ => "Any".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn annotations_follow_the_reference_notation() {
        let reference = json!({"type": "string", "reference": true, "kind": [{"name": "string", "serialised_data_type": "string"}]});
        let cases = [
            (json!({"type": "string"}), "str"),
            (
                json!({"type": "array", "items": {"type": "string"}}),
                "List[str]",
            ),
            (json!({"type": ["integer", "null"]}), "Optional[int]"),
            (
                json!({"type": "object", "additionalProperties": {"type": "number"}}),
                "Dict[str, float]",
            ),
            (
                json!({"anyOf": [{"type": "boolean"}, reference.clone()]}),
                "bool",
            ),
            (reference.clone(), "str"),
            (json!({"type": "array", "items": reference}), "List[str]"),
            (json!({"enum": ["a", "b"], "type": "string"}), "str"),
            (json!({}), "Any"),
            (
                json!({"anyOf": [{"type": "string"}, {"type": "integer"}]}),
                "Union[str, int]",
            ),
        ];
        for (schema, expected) in cases {
            assert_eq!(annotation(&schema), expected, "{schema}");
        }
    }

    #[test]
    fn slots_know_their_position() {
        let reference = json!({"type": "string", "reference": true, "kind": [{"name": "secret"}]});
        let schema = json!({"properties": {
            "a": {"anyOf": [{"type": "string"}, reference]},
            "b": {"type": "array", "items": reference},
            "c": {"type": "object", "additionalProperties": {"anyOf": [reference, {"type": "integer"}]}},
            "d": {"type": "string"},
        }});
        let slots = reference_slots(&schema);
        let found: Vec<(&str, Position)> = slots
            .iter()
            .map(|s| (s.property.as_str(), s.position))
            .collect();
        assert_eq!(
            found,
            [
                ("a", Position::Direct),
                ("b", Position::ListElement),
                ("c", Position::DictElement)
            ]
        );
        assert_eq!(slots[0].kinds, ["secret"]);
        let refs: Vec<bool> = rows(&schema).iter().map(|row| row.refs).collect();
        assert_eq!(refs, [true, true, true, false]);
    }
}
