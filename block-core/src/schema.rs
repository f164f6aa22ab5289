//! A block's JSON schema (draft 2020-12): the metadata on top, the implicit
//! `type` and `name` properties, then the derived properties with their
//! descriptions, examples, defaults and reference kinds.

use schemars::generate::SchemaSettings;
use schemars::{Schema, json_schema};
use serde_json::{Map, Value, json};

use crate::kind::Kind;
use crate::manifest::{Block, Metadata, PropertySpec};
use crate::output::OutputDecl;
use crate::selector;

/// The description of the implicit `name` property of every step.
pub const NAME_DESCRIPTION: &str = "Enter a unique identifier for this step.";

/// The schema of a string that holds a selector whose value has one of `kinds`.
#[must_use]
pub fn reference_schema(kinds: &[&Kind]) -> Schema {
    json_schema!({
        "type": "string",
        "pattern": selector::PATTERN,
        "reference": true,
        "selected_element": "any_data",
        "selector_points_to_batch": "dynamic",
        "kind": kinds,
    })
}

/// The generator settings for block schemas: 2020-12, every subschema inline
/// (as the reference's UI expects).
#[must_use]
pub fn settings() -> SchemaSettings {
    SchemaSettings::draft2020_12().with(|settings| settings.inline_subschemas = true)
}

/// The full schema of block `B`.
#[must_use]
pub fn of<B: Block>() -> Schema {
    let mut generator = settings().into_generator();
    let properties = B::properties(&mut generator);
    assemble(&B::METADATA, B::OUTPUTS, properties)
}

/// Builds a block schema from its parts.
///
/// # Panics
///
/// Never for metadata and properties made by `#[derive(Block)]`, which
/// checks at compile time that every JSON text it emits is valid.
#[must_use]
pub fn assemble(
    metadata: &Metadata,
    outputs: &[OutputDecl],
    properties: Vec<PropertySpec>,
) -> Schema {
    let mut schema_properties = Map::new();
    schema_properties.insert("type".into(), type_property(metadata));
    schema_properties.insert(
        "name".into(),
        json!({ "type": "string", "description": NAME_DESCRIPTION }),
    );
    let mut required = vec![json!("type"), json!("name")];
    for property in properties {
        if property.required {
            required.push(json!(property.name));
        }
        schema_properties.insert(property.name.into(), property_schema(property));
    }

    let mut top = json!({
        "$schema": schemars::generate::SchemaSettings::draft2020_12().meta_schema,
        "title": metadata.name,
        "description": metadata.short_description,
        "type": "object",
        "name": metadata.name,
        "version": metadata.version(),
        "short_description": metadata.short_description,
        "long_description": metadata.long_description,
        "license": metadata.license,
        "block_type": metadata.block_type,
        "ui_manifest": ui_manifest(metadata),
        "execution_engine_compatibility": metadata.engine,
        "properties": schema_properties,
        "required": required,
        "additionalProperties": false,
    });
    let object = top.as_object_mut().expect("a JSON object literal");
    if let Some(reason) = metadata.deprecated {
        object.insert("deprecated".into(), json!(true));
        object.insert("deprecation_note".into(), json!(reason));
    }
    if !metadata.aliases.is_empty() {
        object.insert("aliases".into(), json!(metadata.aliases));
    }
    let dynamic = dynamic_outputs(outputs);
    if !dynamic.is_empty() {
        object.insert("x-dynamic-outputs".into(), Value::Array(dynamic));
    }
    Schema::try_from(top).expect("an object is a schema")
}

fn type_property(metadata: &Metadata) -> Value {
    if metadata.aliases.is_empty() {
        return json!({ "type": "string", "const": metadata.type_id });
    }
    let mut ids = vec![metadata.type_id];
    ids.extend_from_slice(metadata.aliases);
    json!({ "type": "string", "enum": ids })
}

fn ui_manifest(metadata: &Metadata) -> Value {
    let mut ui = json!({ "section": metadata.section, "icon": metadata.icon });
    if let Some(Value::Object(extra)) = metadata.ui_extra.map(parse_static) {
        ui.as_object_mut()
            .expect("a JSON object literal")
            .extend(extra);
    }
    ui
}

fn dynamic_outputs(outputs: &[OutputDecl]) -> Vec<Value> {
    outputs
        .iter()
        .filter_map(|decl| match decl {
            OutputDecl::Dynamic {
                source,
                rule,
                kinds,
            } => Some(json!({
                "source": source,
                "name_rule": rule,
                "kind": kinds,
            })),
            OutputDecl::Static { .. } => None,
        })
        .collect()
}

fn property_schema(property: PropertySpec) -> Value {
    let mut schema = match property.schema.to_value() {
        // `true` (any value) cannot carry a description: `{}` means the same.
        Value::Bool(true) => Value::Object(Map::new()),
        schema => schema,
    };
    if let Some(kinds) = property.kinds {
        set_reference_kinds(&mut schema, kinds);
    }
    let Value::Object(object) = &mut schema else {
        return schema;
    };
    if !property.description.is_empty() {
        object.insert("description".into(), json!(property.description));
    }
    if let Some(examples) = property.examples {
        object.insert("examples".into(), parse_static(examples));
    }
    if let Some(default) = property.default {
        object.insert("default".into(), parse_static(default));
    }
    if let Some(Value::Object(extra)) = property.extra.map(parse_static) {
        object.extend(extra);
    }
    schema
}

/// Sets `kinds` on every reference alternative inside `schema`.
fn set_reference_kinds(schema: &mut Value, kinds: &[&Kind]) {
    match schema {
        Value::Object(object) => {
            if object.get("reference") == Some(&Value::Bool(true)) {
                object.insert("kind".into(), json!(kinds));
                return;
            }
            for child in object.values_mut() {
                set_reference_kinds(child, kinds);
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| set_reference_kinds(item, kinds)),
        _ => {}
    }
}

/// Parses JSON text the derive checked at compile time.
fn parse_static(text: &str) -> Value {
    serde_json::from_str(text).expect("the derive emits only valid JSON")
}
