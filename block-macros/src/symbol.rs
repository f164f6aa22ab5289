//! The names of the `#[block(...)]` vocabulary, in one place.

pub(crate) const BLOCK: &str = "block";

// On the struct.
pub(crate) const ID: &str = "id";
pub(crate) const NAME: &str = "name";
pub(crate) const BLOCK_TYPE: &str = "block_type";
pub(crate) const LICENSE: &str = "license";
pub(crate) const SECTION: &str = "section";
pub(crate) const ICON: &str = "icon";
pub(crate) const UI: &str = "ui";
pub(crate) const ENGINE: &str = "engine";
pub(crate) const ALIASES: &str = "aliases";
pub(crate) const DEPRECATED: &str = "deprecated";
pub(crate) const ACCEPTS_EMPTY_VALUES: &str = "accepts_empty_values";
pub(crate) const OUTPUT: &str = "output";
pub(crate) const SHORT_DESCRIPTION: &str = "short_description";
pub(crate) const LONG_DESCRIPTION: &str = "long_description";

pub(crate) const CONTAINER_KEYS: &[&str] = &[
    ID,
    NAME,
    BLOCK_TYPE,
    LICENSE,
    SECTION,
    ICON,
    UI,
    ENGINE,
    ALIASES,
    DEPRECATED,
    ACCEPTS_EMPTY_VALUES,
    OUTPUT,
    SHORT_DESCRIPTION,
    LONG_DESCRIPTION,
];

// In `output(...)`.
pub(crate) const KIND: &str = "kind";
pub(crate) const OUTPUT_KEYS: &[&str] = &[NAME, KIND];

// On a field.
pub(crate) const DESCRIPTION: &str = "description";
pub(crate) const RENAME: &str = "rename";
pub(crate) const EXAMPLES: &str = "examples";
pub(crate) const DEFAULT: &str = "default";
pub(crate) const MIN_ITEMS: &str = "min_items";
pub(crate) const MAX_ITEMS: &str = "max_items";
pub(crate) const MINIMUM: &str = "minimum";
pub(crate) const MAXIMUM: &str = "maximum";
pub(crate) const SCHEMA: &str = "schema";
pub(crate) const DYNAMIC_OUTPUTS: &str = "dynamic_outputs";
pub(crate) const SKIP: &str = "skip";

pub(crate) const FIELD_KEYS: &[&str] = &[
    DESCRIPTION,
    RENAME,
    KIND,
    EXAMPLES,
    DEFAULT,
    MIN_ITEMS,
    MAX_ITEMS,
    MINIMUM,
    MAXIMUM,
    SCHEMA,
    DYNAMIC_OUTPUTS,
    SKIP,
];

// In `dynamic_outputs(...)`.
pub(crate) const NAMES: &str = "names";
pub(crate) const DYNAMIC_KEYS: &[&str] = &[KIND, NAMES];
pub(crate) const NAME_RULES: &[&str] = &["lowercase", "as_is"];

// Properties every step has, which a field may not redefine, with what
// each holds.
pub(crate) const RESERVED_PROPERTIES: &[(&str, &str)] = &[
    ("type", "it holds the block's identifier"),
    ("name", "it holds the step's name"),
];
