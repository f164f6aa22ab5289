//! Every block's schema: a reviewed snapshot, so an unintended change to a
//! block's interface fails CI, and a valid JSON Schema 2020-12.

#[test]
fn every_block_schema_is_a_reviewed_snapshot() {
    let registry = blocks::registry().unwrap();
    for entry in registry.entries() {
        let name = entry.metadata().type_id.replace(['/', '@'], "__");
        insta::assert_json_snapshot!(name, entry.schema());
    }
}

#[test]
fn every_block_schema_is_valid_json_schema_2020_12() {
    let registry = blocks::registry().unwrap();
    for entry in registry.entries() {
        if let Err(error) = jsonschema::draft202012::meta::validate(entry.schema()) {
            panic!(
                "{}: not a 2020-12 schema: {error}",
                entry.metadata().type_id
            );
        }
    }
}

#[test]
fn the_describe_document_is_deterministic_and_valid_json_schema_data() {
    let registry = blocks::registry().unwrap();
    let first =
        serde_json::to_string(&block_core::export::describe::Describe::of(&registry)).unwrap();
    let second =
        serde_json::to_string(&block_core::export::describe::Describe::of(&registry)).unwrap();
    assert_eq!(first, second);
}
