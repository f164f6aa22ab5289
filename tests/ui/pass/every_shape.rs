//! Every supported shape of `#[derive(Block)]`, compiled under
//! `#![deny(warnings)]` and then registered and parsed at run time.

#![deny(warnings)]

use std::collections::BTreeMap;

use block_core::kind::{DeclaredKind, Kind};
use block_core::{Block, Context, Input, Inputs, Outputs, Ref, Registry, Run, RunError};
use serde_json::json;

/// Degrees Celsius: a kind declared by this crate.
pub const TEMPERATURE: Kind = Kind {
    name: "temperature",
    description: "A temperature in degrees Celsius.",
    docs: "A float holding degrees Celsius.",
    serialised_type: "number",
};

block_core::inventory::submit! { DeclaredKind(&TEMPERATURE) }

/// Kinds declared in a module, reached by a longer path.
mod units {
    use block_core::kind::{DeclaredKind, Kind};

    /// A distance in metres.
    pub const METRES: Kind = Kind {
        name: "metres",
        description: "A distance in metres.",
        docs: "A float holding metres.",
        serialised_type: "number",
    };

    block_core::inventory::submit! { DeclaredKind(&METRES) }
}

/// How a report is written: a user enum with its own schema.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
enum Format {
    /// Comma-separated values.
    Csv,
    /// One JSON document.
    Json,
}

/// Every key of the struct, overriding both descriptions.
///
/// This paragraph is replaced by `long_description`.
#[derive(Debug, Block)]
#[block(
    id = "tests/every_container_key@v2",
    name = "Every Container Key",
    block_type = "formatter",
    license = "MIT",
    section = "testing",
    icon = "fas fa-flask",
    engine = ">=1.2.0,<2.0.0",
    aliases = ["tests/every_container_key@v1", "EveryContainerKey"],
    deprecated = "use tests/every_container_key@v3",
    accepts_empty_values,
    ui = { "blockPriority": 7, "popular": true, "tags": ["a"], "weight": -0.5, "note": null },
    output(name = "error_status", kind = "boolean"),
    output(name = "message", kind = ["string", "language_model_output"]),
    output(name = "reading", kind = TEMPERATURE),
    output(name = "distance", kind = [units::METRES, "float"]),
    output(name = "anything-at-all", kind = "*"),
    short_description = "Uses every struct key.",
    long_description = "The long description, **in Markdown**."
)]
struct EveryContainerKey {
    /// A plain string.
    text: String,
}

/// Deprecated without a reason, and with only the required keys.
#[derive(Debug, Block)]
#[block(
    id = "tests/deprecated_silently@v1",
    name = "Deprecated Silently",
    block_type = "formatter"
)]
#[block(deprecated)]
struct DeprecatedSilently {
    /// Whether to do anything.
    enabled: bool,
}

#[derive(Debug, Block)]
#[block(
    id = "tests/described_by_attributes@v1",
    name = "Described By Attributes",
    block_type = "formatter",
    short_description = "Described without a doc comment."
)]
struct DescribedByAttributes {
    #[block(description = "Described without a doc comment too.")]
    value: Input<i32>,
}

/// A block with no properties at all.
#[derive(Debug, Block)]
#[block(
    id = "tests/no_properties@v1",
    name = "No Properties",
    block_type = "source"
)]
pub struct NoProperties {}

/// Every field type and every field key.
///
/// ## Long description
///
/// With a heading, a list and code:
///
/// - one
/// - two
///
/// ```text
/// a = 1
/// ```
#[derive(Debug, Block)]
#[block(
    id = "tests/every_field_shape@v1",
    name = "Every Field Shape",
    block_type = "transformation"
)]
pub(crate) struct EveryFieldShape {
    /// A string with examples.
    #[block(examples = ["hello", "world"])]
    pub text: String,
    /// An unsigned integer with bounds.
    #[block(minimum = 1, maximum = 100)]
    count: u8,
    /// A signed integer with a negative lower bound and a default.
    #[block(minimum = -10, maximum = 10, default = -3)]
    offset: i64,
    /// A size with a default.
    #[block(default = 4096)]
    size: usize,
    /// A float with float bounds.
    #[block(minimum = -0.5, maximum = 1.5)]
    ratio: f32,
    /// A float with a default.
    #[block(default = 0.25)]
    threshold: f64,
    /// A flag with a default.
    #[block(default = true)]
    verbose: bool,
    /// An optional string.
    note: Option<String>,
    /// An optional number with a default of `null`.
    #[block(default = null)]
    limit: Option<u32>,
    /// A list with item bounds, a default and examples.
    #[block(min_items = 1, max_items = 5, default = ["a"], examples = [["a", "b"]])]
    tags: Vec<String>,
    /// A list of numbers.
    numbers: Vec<f64>,
    /// Headers whose values may be references to secrets.
    #[block(kind = ["string", "secret"], examples = [{ "api_key": "$inputs.api_key" }])]
    headers: BTreeMap<String, Input<serde_json::Value>>,
    /// A literal or a reference to a string.
    message: Input<String>,
    /// A literal or a reference with a default.
    #[block(default = 1024, minimum = 1)]
    max_entries: Input<u32>,
    /// A reference only, to a declared kind.
    #[block(kind = TEMPERATURE)]
    reading: Ref<f64>,
    /// A reference only, of any kind.
    anything: Ref,
    /// References of any kind, at least one.
    #[block(kind = "*", min_items = 1)]
    data: Vec<Ref<serde_json::Value>>,
    /// An optional reference between 0 and 1.
    #[block(kind = "float_zero_to_one")]
    confidence: Option<Input<f64>>,
    /// A user enum with a default and extra schema keywords.
    #[block(default = "csv", schema = { "always_visible": true, "x-order": [1, 2] })]
    format: Format,
    /// A user enum, optional.
    fallback: Option<Format>,
    /// A free-form object with a default.
    #[block(default = { "retries": 3, "backoff": [1, 2, 4] })]
    settings: BTreeMap<String, serde_json::Value>,
    /// Renamed because `type` is every step's identifier.
    #[block(rename = "kind_of_report")]
    r#type: Option<String>,
    /// A raw identifier that is not reserved keeps its name, `match`.
    r#match: Option<String>,
    /// Renamed to a name that is not a Rust identifier.
    #[block(rename = "class-name")]
    class_name: Option<String>,
    /// Documented here, described by the attribute.
    #[block(description = "Whether to run at all.")]
    enabled: bool,
    /// A first paragraph.
    ///
    /// A second paragraph of the same description.
    detailed: Option<bool>,
    /// Entries whose lowercase forms become secret outputs.
    #[block(min_items = 1, dynamic_outputs(kind = "secret", names = "lowercase"))]
    variables: Vec<String>,
    /// Entries that become outputs as written, of two kinds.
    #[block(dynamic_outputs(names = "as_is", kind = ["string", TEMPERATURE]))]
    fields: Vec<String>,
    /// Entries that become outputs with the default name rule.
    #[block(dynamic_outputs(kind = units::METRES))]
    distances: Vec<String>,
    /// Run-time state: not a property, filled by `Default`.
    #[block(skip)]
    calls: std::sync::atomic::AtomicU32,
}

/// The items here share their names with what generated code reaches, so
/// the derive must only use absolute paths.
mod hygiene {
    // Each of these exists only to shadow a name in this module.
    #[allow(dead_code)]
    struct Result;
    #[allow(dead_code)]
    struct Option;
    #[allow(dead_code)]
    struct Vec;
    #[allow(dead_code)]
    struct String;
    #[allow(dead_code)]
    trait Block {}
    #[allow(dead_code)]
    mod serde {}
    #[allow(dead_code)]
    mod core {}

    /// Derived where `Result`, `Option`, `Vec`, `String`, `Block`, `serde`
    /// and `core` are the module's own.
    #[derive(Debug, block_core::Block)]
    #[block(
        id = "tests/shadowed_names@v1",
        name = "Shadowed Names",
        block_type = "transformation",
        output(name = "result", kind = "string")
    )]
    pub(super) struct ShadowedNames {
        /// A string, spelled out because `String` is shadowed.
        pub(super) text: std::string::String,
        /// An optional number with a default.
        #[block(default = 3)]
        pub(super) count: std::option::Option<u32>,
        /// Entries that become outputs.
        #[block(dynamic_outputs(kind = "string"))]
        pub(super) names: std::vec::Vec<std::string::String>,
    }

    impl block_core::Run for ShadowedNames {
        fn run(
            &self,
            _inputs: &block_core::Inputs<'_>,
            _context: &block_core::Context,
        ) -> std::result::Result<block_core::Outputs, block_core::RunError> {
            std::result::Result::Ok(block_core::Outputs::new())
        }
    }
}

macro_rules! trivially_run {
    ($($block:ty),*) => {
        $(
            impl Run for $block {
                fn run(
                    &self,
                    _inputs: &Inputs<'_>,
                    _context: &Context,
                ) -> Result<Outputs, RunError> {
                    Ok(Outputs::new())
                }
            }
        )*
    };
}

trivially_run!(
    EveryContainerKey,
    DeprecatedSilently,
    DescribedByAttributes,
    NoProperties,
    EveryFieldShape
);

fn main() {
    let registry = Registry::from_inventory().expect("every block registers");
    for id in [
        "tests/every_container_key@v2",
        "tests/every_container_key@v1",
        "EveryContainerKey",
        "tests/deprecated_silently@v1",
        "tests/described_by_attributes@v1",
        "tests/no_properties@v1",
        "tests/every_field_shape@v1",
        "tests/shadowed_names@v1",
    ] {
        assert!(registry.get(id).is_some(), "`{id}` is registered");
    }

    let step: EveryFieldShape = serde_json::from_value(json!({
        "type": "tests/every_field_shape@v1",
        "name": "every",
        "text": "hello",
        "count": 3,
        "ratio": 0.5,
        "numbers": [1.5],
        "headers": { "api_key": "$inputs.api_key", "fixed": 3 },
        "message": "$inputs.message",
        "reading": "$steps.thermometer.reading",
        "anything": "$inputs.anything",
        "data": ["$inputs.a"],
        "kind_of_report": "daily",
        "match": "all",
        "class-name": "dog",
        "enabled": true,
        "variables": ["MY_SECRET"],
        "fields": ["Alpha"],
        "distances": ["to_shore"]
    }))
    .expect("a valid step parses");
    assert_eq!(step.text, "hello");
    assert_eq!(step.offset, -3);
    assert_eq!(step.size, 4096);
    assert!(step.verbose);
    assert_eq!(step.max_entries, Input::Literal(1024));
    assert_eq!(step.format, Format::Csv);
    assert_eq!(step.r#type.as_deref(), Some("daily"));
    assert_eq!(step.calls.load(std::sync::atomic::Ordering::Relaxed), 0);
    let outputs = step.actual_outputs().expect("outputs resolve");
    assert_eq!(outputs.len(), 3);
}
