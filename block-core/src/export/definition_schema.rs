//! A JSON schema of a whole workflow file, so an editor validates a
//! definition as it is typed: each step is checked against the schema of
//! the block its `type` names (a union discriminated by `type`).

use serde_json::{Map, Value, json};

use crate::registry::Registry;
use crate::selector;

use super::dialect::Dialect;

/// The schema of a workflow definition using the blocks of `registry`.
#[must_use]
pub fn of(registry: &Registry, dialect: Dialect) -> Value {
    let mut definitions = Map::new();
    let mut ids = Vec::new();
    let mut branches = Vec::new();
    for entry in registry.entries() {
        let metadata = entry.metadata();
        let key = metadata.type_id.replace(['/', '@'], "__");
        let mut block = entry.schema().clone();
        if let Some(object) = block.as_object_mut() {
            object.remove("$schema");
        }
        definitions.insert(key.clone(), block);
        let mut names = vec![metadata.type_id];
        names.extend_from_slice(metadata.aliases);
        for name in &names {
            ids.push(Value::from(*name));
        }
        branches.push(json!({
            "if": { "properties": { "type": { "enum": names } }, "required": ["type"] },
            "then": { "$ref": format!("#/$defs/{key}") },
        }));
    }
    definitions.insert("step".into(), json!({
        "type": "object",
        "required": ["type", "name"],
        "properties": { "type": { "description": "The block's type identifier.", "enum": ids } },
        "allOf": branches,
    }));
    definitions.insert("input".into(), input_schema());
    definitions.insert("output".into(), output_schema());
    let schema = json!({
        "$schema": dialect.uri(),
        "title": "Workflow definition",
        "description": "A workflow: its version, inputs, steps (each a block) and outputs.",
        "type": "object",
        "required": ["version", "steps", "outputs"],
        "properties": {
            "version": { "description": "The execution-engine version the workflow is written for, e.g. `1.0`.", "type": "string" },
            "inputs": { "type": "array", "items": { "$ref": "#/$defs/input" } },
            "steps": { "type": "array", "items": { "$ref": "#/$defs/step" } },
            "outputs": { "type": "array", "items": { "$ref": "#/$defs/output" } },
        },
        "$defs": definitions,
    });
    dialect.convert(schema)
}

fn input_schema() -> Value {
    json!({
        "type": "object",
        "required": ["type", "name"],
        "properties": {
            "type": { "enum": ["WorkflowParameter", "WorkflowImage", "InferenceImage", "InferenceParameter"] },
            "name": { "description": "The name `$inputs.NAME` refers to.", "type": "string", "pattern": "^[A-Za-z0-9_-]+$" },
            "kind": { "description": "The kinds the input's value has.", "type": "array", "items": { "anyOf": [{ "type": "string" }, { "type": "object" }] } },
            "default_value": { "description": "The value used when the run gives none." },
        },
    })
}

fn output_schema() -> Value {
    json!({
        "type": "object",
        "required": ["type", "name", "selector"],
        "properties": {
            "type": { "const": "JsonField" },
            "name": { "description": "The key of this output in the results.", "type": "string" },
            "selector": { "description": "Where the value comes from.", "type": "string", "pattern": selector::PATTERN },
            "coordinates_system": { "enum": ["own", "parent"] },
        },
    })
}
