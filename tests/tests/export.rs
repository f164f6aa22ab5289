//! What UI builders load: block schemas against the shipped meta-schema of
//! custom keywords, the draft-07 dialect, and the schema of whole workflow
//! files against the examples.

use std::path::Path;

use block_core::export::definition_schema;
use block_core::export::describe::Describe;
use block_core::export::dialect::{Dialect, META_SCHEMA};
use serde_json::{Value, json};

fn meta_schema() -> Value {
    serde_json::from_str(META_SCHEMA).unwrap()
}

#[test]
fn the_meta_schema_is_itself_a_2020_12_schema() {
    if let Err(error) = jsonschema::draft202012::meta::validate(&meta_schema()) {
        panic!("{error}");
    }
}

#[test]
fn every_block_schema_in_the_describe_document_fits_the_meta_schema() {
    let registry = blocks::registry().unwrap();
    let validator = jsonschema::draft202012::new(&meta_schema()).unwrap();
    let document = serde_json::to_value(Describe::of(&registry)).unwrap();
    for block in document["blocks"].as_array().unwrap() {
        let schema = &block["block_schema"];
        let errors: Vec<String> = validator
            .iter_errors(schema)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{}: {errors:#?}",
            block["manifest_type_identifier"]
        );
        if let Err(error) = jsonschema::draft202012::meta::validate(schema) {
            panic!("{}: {error}", block["manifest_type_identifier"]);
        }
    }
}

#[test]
fn the_meta_schema_catches_a_malformed_reference() {
    let validator = jsonschema::draft202012::new(&meta_schema()).unwrap();
    let registry = blocks::registry().unwrap();
    let entry = registry
        .get("roboflow_core/environment_secrets_store@v1")
        .unwrap();
    let mut schema = entry.schema().clone();
    schema["properties"]["variables_storing_secrets"]["items"] =
        json!({"type": "string", "reference": true});
    assert!(
        !validator.is_valid(&schema),
        "a reference without kind, pattern and selected_element"
    );
    let mut schema = entry.schema().clone();
    schema["version"] = json!("1");
    assert!(!validator.is_valid(&schema));
}

#[test]
fn draft07_schemas_validate_against_draft07() {
    let registry = blocks::registry().unwrap();
    for entry in registry.entries() {
        let schema = Dialect::Draft07.convert(entry.schema().clone());
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        if let Err(error) = jsonschema::draft7::meta::validate(&schema) {
            panic!("{}: {error}", entry.metadata().type_id);
        }
    }
    let definition = definition_schema::of(&registry, Dialect::Draft07);
    assert!(definition.get("definitions").is_some() && definition.get("$defs").is_none());
    if let Err(error) = jsonschema::draft7::meta::validate(&definition) {
        panic!("{error}");
    }
}

fn workflow_examples() -> Vec<(String, Value)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut found = Vec::new();
    for item in std::fs::read_dir(folder).unwrap() {
        let path = item.unwrap().path();
        let Ok(json) = serde_json::from_str::<Value>(&std::fs::read_to_string(&path).unwrap())
        else {
            continue;
        };
        if json.get("steps").is_some() {
            found.push((path.display().to_string(), json));
        }
    }
    found
}

#[test]
fn every_example_workflow_fits_the_definition_schema_and_broken_ones_do_not() {
    let registry = blocks::registry().unwrap();
    let schema = definition_schema::of(&registry, Dialect::Draft2020_12);
    if let Err(error) = jsonschema::draft202012::meta::validate(&schema) {
        panic!("{error}");
    }
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    for (path, workflow) in workflow_examples() {
        let errors: Vec<String> = validator
            .iter_errors(&workflow)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");
    }
    let vault = json!({"type": "roboflow_core/environment_secrets_store@v1", "name": "vault", "variables_storing_secrets": ["A"]});
    let valid = json!({"version": "1.0", "inputs": [], "steps": [vault], "outputs": [{"type": "JsonField", "name": "a", "selector": "$steps.vault.a"}]});
    assert!(validator.is_valid(&valid));
    let broken_cases = [
        ("/steps/0/variables_storing_secrets", json!([])),
        (
            "/steps/0/type",
            json!("roboflow_core/environment_secret_store@v1"),
        ),
        ("/steps/0/extra", json!(1)),
        ("/outputs/0/selector", json!("steps.vault.a")),
    ];
    for (pointer, value) in broken_cases {
        let mut broken = valid.clone();
        *broken
            .pointer_mut(pointer.rsplit_once('/').unwrap().0)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .entry(pointer.rsplit_once('/').unwrap().1)
            .or_insert(Value::Null) = value;
        assert!(!validator.is_valid(&broken), "{pointer} should be refused");
    }
}

#[test]
fn kinds_connections_say_where_each_kind_may_go() {
    let registry = blocks::registry().unwrap();
    let document = serde_json::to_value(Describe::of(&registry)).unwrap();
    let connections = &document["kinds_connections"];
    let find = |kind: &str, id: &str, property: &str| {
        connections[kind]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["manifest_type_identifier"] == id && c["property_name"] == property)
            .cloned()
    };
    let header = find("secret", "roboflow_core/webhook_sink@v1", "headers")
        .expect("a secret may go into a header");
    assert_eq!(
        (
            header["is_dict_element"].as_bool(),
            header["is_list_element"].as_bool()
        ),
        (Some(true), Some(false))
    );
    assert_eq!(header["compatible_element"], "any_data");
    let data = find("*", "roboflow_core/first_non_empty_or_default@v1", "data").unwrap();
    assert_eq!(data["is_list_element"], true);
    let raw = find(
        "language_model_output",
        "roboflow_core/json_parser@v1",
        "raw_json",
    )
    .unwrap();
    assert_eq!(
        (
            raw["is_list_element"].as_bool(),
            raw["is_dict_element"].as_bool()
        ),
        (Some(false), Some(false))
    );
    assert!(find("secret", "roboflow_core/json_parser@v1", "raw_json").is_none());

    let primitives = document["primitives_connections"].as_array().unwrap();
    let literal = |id: &str, property: &str| {
        primitives
            .iter()
            .find(|p| p["manifest_type_identifier"] == id && p["property_name"] == property)
    };
    assert_eq!(
        literal(
            "roboflow_core/environment_secrets_store@v1",
            "variables_storing_secrets"
        )
        .unwrap()["type_annotation"],
        "List[str]"
    );
    assert!(
        literal("roboflow_core/first_non_empty_or_default@v1", "data").is_none(),
        "references only"
    );
    let kinds: Vec<&str> = document["declared_kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["name"].as_str().unwrap())
        .collect();
    let mut sorted = kinds.clone();
    sorted.sort_unstable();
    assert_eq!(kinds, sorted);
    assert!(kinds.contains(&"secret") && kinds.contains(&"*"));
    let env = &document["blocks"].as_array().unwrap()[1];
    assert_eq!(
        env["manifest_type_identifier"],
        "roboflow_core/environment_secrets_store@v1"
    );
    assert_eq!(
        env["dynamic_outputs"][0]["source"],
        "variables_storing_secrets"
    );
    assert_eq!(env["dynamic_outputs"][0]["kind"][0]["name"], "secret");
}
