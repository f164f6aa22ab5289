//! The Environment Secrets Store v1 against the reference interface: schema
//! field by field, properties table, outputs and the env access policy.

use block_core::Context;
use block_core::context::EnvAccess;
use block_core::registry::Entry;
use block_core::testing::Values;
use blocks::secrets_providers::environment_secrets_store::v1::EnvironmentSecretsStore;
use serde_json::{Value, json};

const ID: &str = "roboflow_core/environment_secrets_store@v1";

fn reference() -> Value {
    block_tests::reference_interface(ID)
}

fn with_entry<T>(check: impl FnOnce(&Entry) -> T) -> T {
    let registry = blocks::registry().unwrap();
    check(registry.get(ID).expect("the block is registered"))
}

/// Every key the reference gives a property has the same value here
/// (descriptions are prose, and ours may add keys such as `description`).
#[test]
fn schema_matches_the_reference_field_by_field() {
    let reference = reference();
    with_entry(|entry| {
        let ours = entry.schema();
        block_tests::assert_same_metadata(ours, &reference);
        let properties = reference["properties"].as_object().unwrap();
        assert_eq!(
            ours["properties"]
                .as_object()
                .unwrap()
                .keys()
                .collect::<Vec<_>>(),
            properties.keys().collect::<Vec<_>>(),
            "the same properties in the same order"
        );
        for (property, expected) in properties {
            for (key, value) in expected.as_object().unwrap() {
                assert_eq!(
                    &ours["properties"][property][key], value,
                    "`{property}`.`{key}`"
                );
            }
        }
        assert_eq!(
            ours["execution_engine_compatibility"],
            json!(">=1.4.0,<2.0.0")
        );
        let outputs = serde_json::to_value(entry.class_outputs()).unwrap();
        assert_eq!(outputs[0]["name"], reference["outputs"][0]["name"]);
        assert_eq!(
            outputs[0]["kind"][0]["name"],
            reference["outputs"][0]["kind"][0]
        );
    });
}

#[test]
fn schema_is_valid_json_schema_2020_12() {
    with_entry(|entry| {
        let schema = entry.schema();
        if let Err(error) = jsonschema::draft202012::meta::validate(schema) {
            panic!("not a 2020-12 schema: {error}");
        }
        let valid = json!({"type": ID, "name": "vault", "variables_storing_secrets": ["A"]});
        let empty = json!({"type": ID, "name": "vault", "variables_storing_secrets": []});
        let unknown =
            json!({"type": ID, "name": "vault", "variables_storing_secrets": ["A"], "x": 1});
        assert!(jsonschema::draft202012::is_valid(schema, &valid));
        assert!(!jsonschema::draft202012::is_valid(schema, &empty));
        assert!(!jsonschema::draft202012::is_valid(schema, &unknown));
    });
}

#[test]
fn descriptions_are_the_reference_pages() {
    let page = include_str!("../fixtures/reference/environment_secrets_store_page.txt");
    with_entry(|entry| {
        let rows = entry.rows();
        let shown: Vec<(&str, &str, bool)> = rows
            .iter()
            .map(|row| (row.name.as_str(), row.type_annotation.as_str(), row.refs))
            .collect();
        assert_eq!(
            shown,
            [
                ("name", "str", false),
                ("variables_storing_secrets", "List[str]", false)
            ]
        );
        for row in rows {
            // The reference page prints each description with a doubled period.
            assert!(
                page.contains(&format!("{}.", row.description)),
                "{}",
                row.description
            );
            assert!(!row.description.ends_with(".."), "{}", row.description);
        }
        let metadata = entry.metadata();
        assert!(page.contains(metadata.short_description));
        assert!(
            metadata
                .long_description
                .contains("Please note that names of outputs will be lowercased.")
        );
    });
}

fn step(names: &[&str]) -> EnvironmentSecretsStore {
    serde_json::from_value(json!({"type": ID, "name": "vault", "variables_storing_secrets": names}))
        .unwrap()
}

fn run(block: &EnvironmentSecretsStore, context: &Context) -> Result<Value, String> {
    let (outputs, _) = Values::default()
        .run(block, context)
        .map_err(|e| e.to_string())?;
    let shown: serde_json::Map<String, Value> = outputs
        .into_map()
        .into_iter()
        .map(|(name, value)| (name, serde_json::to_value(value.revealed()).unwrap()))
        .collect();
    Ok(Value::Object(shown))
}

fn allowing(list: &str) -> Context {
    Context::default().with_env(EnvAccess::from_settings(list, None).unwrap())
}

// The environment is process-wide: each test uses its own variable names.
#[test]
fn running_reads_allowed_variables_and_unset_ones_give_null() {
    // Setting a variable needs `unsafe` in edition 2024, which the workspace
    // forbids: PATH is always set, and the prefixed name is set nowhere.
    let block = step(&["PATH", "BLOCKS_TEST_SURELY_UNSET"]);
    let outputs = run(&block, &allowing("PATH,BLOCKS_TEST_*")).unwrap();
    assert_eq!(outputs["path"], json!(std::env::var("PATH").unwrap()));
    assert_eq!(outputs["blocks_test_surely_unset"], Value::Null);
}

#[test]
fn access_is_denied_by_default_naming_the_variable_and_the_setting() {
    use block_core::Run;
    let block = step(&["PATH"]);
    let error = run(&block, &Context::default()).unwrap_err();
    assert!(
        error.contains("`PATH`") && error.contains("BLOCKS_ALLOWED_ENV_VARS"),
        "{error}"
    );
    assert!(
        !error.contains(&std::env::var("PATH").unwrap()),
        "the value never shows"
    );
    let problems = block.check(&Context::default());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].pointer, "/variables_storing_secrets/0");
    assert!(block.check(&allowing("PA*")).is_empty());
}

#[test]
fn the_reference_switch_forbids_everything() {
    let context =
        Context::default().with_env(EnvAccess::from_settings("*", Some("false")).unwrap());
    let error = run(&step(&["PATH"]), &context).unwrap_err();
    assert!(
        error.contains("ALLOW_WORKFLOW_BLOCKS_ACCESSING_ENVIRONMENTAL_VARIABLES"),
        "{error}"
    );
}

#[test]
fn outputs_are_lowercase_secrets_and_collisions_are_errors() {
    use block_core::Block;
    let outputs = step(&["MY_SECRET_A", "My_Secret_B"])
        .actual_outputs()
        .unwrap();
    let shown: Vec<(&str, &str)> = outputs
        .iter()
        .map(|o| (o.name.as_str(), o.kinds[0].name))
        .collect();
    assert_eq!(
        shown,
        [("my_secret_a", "secret"), ("my_secret_b", "secret")]
    );
    let problems = step(&["TOKEN", "token"]).actual_outputs().unwrap_err();
    assert_eq!(problems[0].pointer, "/variables_storing_secrets/1");
    assert!(
        problems[0].message.contains("lowercased"),
        "{}",
        problems[0].message
    );
}

#[test]
fn an_empty_list_or_an_unknown_property_does_not_parse() {
    with_entry(|entry| {
        let unknown = json!({"type": ID, "name": "v", "variables_storing_secret": ["A"]});
        let error = entry.block().parse(&unknown).err().unwrap();
        assert_eq!(error.pointer, "/variables_storing_secret");
        assert!(
            error.message.contains("expected one of"),
            "{}",
            error.message
        );
        let wrong = json!({"type": ID, "name": "v", "variables_storing_secrets": "A"});
        assert_eq!(
            entry.block().parse(&wrong).err().unwrap().pointer,
            "/variables_storing_secrets"
        );
        let empty = json!({"type": ID, "name": "v", "variables_storing_secrets": []});
        let error = entry.block().parse(&empty).err().unwrap();
        assert_eq!(error.pointer, "/variables_storing_secrets");
        assert_eq!(error.message, "needs at least 1 entry, found 0 entries");
    });
}
