//! A test-only block that uses every attribute of the derive; its schema,
//! properties table and outputs are snapshots, so a change to what the
//! derive generates is a reviewed snapshot update.

use std::collections::BTreeMap;

use block_core::kind::{DeclaredKind, Kind};
use block_core::{Block, Context, Input, Inputs, Outputs, Ref, Run, RunError};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

/// Degrees Celsius, declared by this crate.
pub const TEMPERATURE: Kind = Kind {
    name: "temperature",
    description: "A temperature in degrees Celsius.",
    docs: "A float holding degrees Celsius.",
    serialised_type: "number",
};

block_core::inventory::submit! { DeclaredKind(&TEMPERATURE) }

/// How the report is written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Csv,
    Json,
}

/// Exercises every attribute of the derive.
///
/// The rest of this comment is the long description, in **Markdown**.
///
/// - it keeps paragraphs
/// - and lists
#[derive(Debug, Block)]
#[block(
    id = "tests/every_attribute@v2",
    name = "Every Attribute",
    block_type = "formatter",
    license = "MIT",
    section = "testing",
    icon = "fas fa-flask",
    engine = ">=1.2.0,<2.0.0",
    aliases = ["tests/every_attribute@v1", "EveryAttribute"],
    deprecated = "use tests/every_attribute@v3",
    accepts_empty_values,
    ui = { "blockPriority": 7, "popular": true },
    output(name = "error_status", kind = "boolean"),
    output(name = "message", kind = ["string", "language_model_output"]),
    output(name = "reading", kind = TEMPERATURE)
)]
pub struct EveryAttribute {
    /// A literal or a reference to a string.
    #[block(examples = ["$inputs.text", "hello"])]
    pub text: Input<String>,
    /// A reference only, accepting images or any temperature.
    #[block(kind = ["image", TEMPERATURE])]
    pub source: Ref,
    /// References of any kind, at least one.
    #[block(kind = "*", min_items = 1, max_items = 3)]
    pub data: Vec<Ref>,
    /// Headers whose values may be references to secrets.
    #[block(kind = ["string", "secret"], examples = [{ "api_key": "$inputs.api_key" }])]
    pub headers: BTreeMap<String, Input<serde_json::Value>>,
    /// How many entries a file holds.
    #[block(default = 1024, minimum = 1, maximum = 100000)]
    pub max_entries: Input<u32>,
    /// The report format.
    #[block(default = "csv", schema = { "always_visible": true })]
    pub format: Format,
    /// An optional threshold between 0 and 1.
    #[block(kind = "float_zero_to_one")]
    pub threshold: Option<Input<f64>>,
    /// Written as `type` in a step; renamed because `type` is reserved.
    #[block(rename = "kind_of_report")]
    pub r#type: Option<String>,
    /// Fields to extract: each becomes an output as written.
    #[block(dynamic_outputs(kind = "*", names = "as_is"), examples = [["a", "b"]])]
    pub fields: Vec<String>,
    /// Labels whose lowercase forms become secret outputs.
    #[block(dynamic_outputs(kind = "secret", names = "lowercase"))]
    pub labels: Vec<String>,
    /// Overridden by the attribute.
    #[block(description = "Whether to run at all.")]
    pub enabled: bool,
}

impl Run for EveryAttribute {
    fn run(&self, _inputs: &Inputs<'_>, _context: &Context) -> Result<Outputs, RunError> {
        Ok(Outputs::new())
    }
}

fn entry_value<T>(view: impl FnOnce(&block_core::registry::Entry) -> T) -> T {
    let registry = block_core::Registry::from_inventory().unwrap();
    view(registry.get("tests/every_attribute@v2").unwrap())
}

#[test]
fn schema_snapshot() {
    entry_value(|entry| insta::assert_json_snapshot!(entry.schema()));
}

#[test]
fn properties_table_snapshot() {
    entry_value(|entry| insta::assert_json_snapshot!(entry.rows()));
}

#[test]
fn outputs_snapshot() {
    let class = entry_value(block_core::registry::Entry::class_outputs);
    let step: EveryAttribute = serde_json::from_value(json!({
        "type": "EveryAttribute",
        "name": "s",
        "text": "hello",
        "source": "$steps.camera.image",
        "data": ["$inputs.a"],
        "headers": {"api_key": "$steps.vault.api_key", "fixed": 3},
        "fields": ["Alpha", "beta"],
        "labels": ["TOKEN"],
        "enabled": true
    }))
    .unwrap();
    let actual = step.actual_outputs().unwrap();
    insta::assert_json_snapshot!(json!({ "class": class, "actual": actual }));
}

#[test]
fn defaults_fill_missing_properties_and_aliases_resolve() {
    let step: EveryAttribute = serde_json::from_value(json!({
        "type": "tests/every_attribute@v1", "name": "s", "text": "$inputs.text", "source": "$inputs.image",
        "data": ["$inputs.a"], "headers": {}, "fields": [], "labels": [], "enabled": false
    }))
    .unwrap();
    assert_eq!(step.max_entries, Input::Literal(1024));
    assert!(matches!(step.format, Format::Csv));
    assert!(step.threshold.is_none());
    let registry = block_core::Registry::from_inventory().unwrap();
    let alias = registry.get("EveryAttribute").unwrap();
    assert_eq!(alias.metadata().type_id, "tests/every_attribute@v2");
}

#[test]
fn constraints_are_enforced_when_parsing() {
    let base = json!({
        "type": "tests/every_attribute@v2", "name": "s", "text": "x", "source": "$inputs.image",
        "headers": {}, "fields": [], "labels": [], "enabled": false
    });
    let registry = block_core::Registry::from_inventory().unwrap();
    let entry = registry.get("tests/every_attribute@v2").unwrap();
    for (data, message) in [
        (json!([]), "needs at least 1 entry, found 0 entries"),
        (
            json!(["$inputs.a", "$inputs.b", "$inputs.c", "$inputs.d"]),
            "takes at most 3 entries, found 4 entries",
        ),
    ] {
        let mut step = base.clone();
        step["data"] = data;
        let error = entry.block().parse(&step).err().unwrap();
        assert_eq!(
            (error.pointer.as_str(), error.message.as_str()),
            ("/data", message)
        );
    }
    let mut step = base.clone();
    step["data"] = json!(["$steps.only_step"]);
    let error = entry.block().parse(&step).err().unwrap();
    assert_eq!(error.pointer, "/data/0");
    assert!(
        error.message.contains("a step name and an output name"),
        "{}",
        error.message
    );
}

#[test]
fn schema_is_valid_json_schema_2020_12() {
    entry_value(|entry| {
        if let Err(error) = jsonschema::draft202012::meta::validate(entry.schema()) {
            panic!("not a 2020-12 schema: {error}");
        }
    });
}

/// A block with run-time state that is not a property.
#[derive(Debug, Block)]
#[block(id = "tests/with_state@v1", name = "With State", block_type = "sink")]
pub struct WithState {
    /// How long to wait between two sends.
    pub cooldown_seconds: u64,
    /// When the step last sent; not part of the step's JSON.
    #[block(skip)]
    pub last_sent: std::sync::Mutex<Option<std::time::Instant>>,
}

impl Run for WithState {
    fn run(&self, _inputs: &Inputs<'_>, _context: &Context) -> Result<Outputs, RunError> {
        Ok(Outputs::new())
    }
}

#[test]
fn skipped_fields_are_state_not_properties() {
    let registry = block_core::Registry::from_inventory().unwrap();
    let entry = registry.get("tests/with_state@v1").unwrap();
    let names: Vec<&str> = entry.rows().iter().map(|row| row.name.as_str()).collect();
    assert_eq!(names, ["name", "cooldown_seconds"]);
    let step: WithState = serde_json::from_value(json!({"cooldown_seconds": 5})).unwrap();
    assert!(step.last_sent.lock().unwrap().is_none());
    let error = serde_json::from_value::<WithState>(json!({"cooldown_seconds": 5, "last_sent": 1}))
        .unwrap_err();
    assert!(
        error.to_string().contains("unknown field `last_sent`"),
        "{error}"
    );
}
