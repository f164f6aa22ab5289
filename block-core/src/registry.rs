//! The registry: every block type by identifier and alias. Blocks derived
//! in any linked crate register themselves; others are added explicitly.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::context::Context;
use crate::manifest::{Block, Metadata};
use crate::output::{self, Output, OutputDecl};
use crate::property::{self, PropertyRow, ReferenceSlot};
use crate::run::{Inputs, Outputs, Problem, Run, RunError};
use crate::schema;

/// A configured step, type-erased: what the engine holds after parsing.
pub trait Step: Send + Sync {
    /// The block type's metadata.
    fn metadata(&self) -> &'static Metadata;
    /// The step's actual outputs.
    fn outputs(&self) -> Result<Vec<Output>, Vec<Problem>>;
    /// Checks that need the operator's settings.
    fn check(&self, context: &Context) -> Vec<Problem>;
    /// Runs the step.
    fn run(&self, inputs: &Inputs<'_>, context: &Context) -> Result<Outputs, RunError>;
}

impl<B: Block + Run> Step for B {
    fn metadata(&self) -> &'static Metadata {
        &const { B::METADATA }
    }

    fn outputs(&self) -> Result<Vec<Output>, Vec<Problem>> {
        self.actual_outputs()
    }

    fn check(&self, context: &Context) -> Vec<Problem> {
        Run::check(self, context)
    }

    fn run(&self, inputs: &Inputs<'_>, context: &Context) -> Result<Outputs, RunError> {
        Run::run(self, inputs, context)
    }
}

/// Why a step's JSON is not a valid configuration of its block.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    /// JSON pointer inside the step.
    pub pointer: String,
    /// What serde reported.
    pub message: String,
}

/// A block type, type-erased.
#[derive(Clone, Copy)]
pub struct BlockType {
    /// Identity, descriptions and UI hints.
    pub metadata: &'static Metadata,
    /// Declared outputs.
    pub outputs: &'static [OutputDecl],
    schema: fn() -> schemars::Schema,
    parse: fn(&Value) -> Result<Box<dyn Step>, ParseError>,
    default_errors: fn() -> Vec<String>,
}

impl fmt::Debug for BlockType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlockType")
            .field("type_id", &self.metadata.type_id)
            .finish_non_exhaustive()
    }
}

impl BlockType {
    /// The block type of `B`.
    #[must_use]
    pub const fn of<B: Block + Run>() -> Self {
        Self {
            metadata: &const { B::METADATA },
            outputs: B::OUTPUTS,
            schema: schema::of::<B>,
            parse: parse::<B>,
            default_errors: B::default_errors,
        }
    }

    /// Parses a step's JSON into a configured step.
    pub fn parse(&self, step: &Value) -> Result<Box<dyn Step>, ParseError> {
        (self.parse)(step)
    }
}

fn parse<B: Block + Run>(step: &Value) -> Result<Box<dyn Step>, ParseError> {
    B::from_step(step).map(|block| Box::new(block) as Box<dyn Step>)
}

/// Deserialises `json` as a `T`; a failure carries the JSON pointer inside
/// `json` where it happened.
pub(crate) fn deserialize<T: DeserializeOwned>(json: &Value) -> Result<T, ParseError> {
    // Most values are valid: read them directly, and track the path only
    // to explain a failure.
    if let Ok(value) = T::deserialize(json) {
        return Ok(value);
    }
    serde_path_to_error::deserialize::<_, T>(json).map_err(|error| ParseError {
        pointer: pointer_of(error.path()),
        message: error.into_inner().to_string(),
    })
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => {
                pointer.push('/');
                pointer.push_str(&index.to_string());
            }
            Segment::Map { key } | Segment::Enum { variant: key } => {
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            Segment::Unknown => {}
        }
    }
    pointer
}

/// Submitted by `#[derive(Block)]` for every block in a linked crate.
#[derive(Debug)]
pub struct Registration(pub BlockType);

inventory::collect!(Registration);

/// A registered block with its schema and tables, computed once.
#[derive(Debug)]
pub struct Entry {
    block: BlockType,
    schema: OnceLock<Value>,
    rows: OnceLock<Vec<PropertyRow>>,
    slots: OnceLock<Vec<ReferenceSlot>>,
}

impl Entry {
    fn new(block: BlockType) -> Self {
        Self {
            block,
            schema: OnceLock::new(),
            rows: OnceLock::new(),
            slots: OnceLock::new(),
        }
    }

    /// The block type.
    #[must_use]
    pub fn block(&self) -> &BlockType {
        &self.block
    }

    /// The block's metadata.
    #[must_use]
    pub fn metadata(&self) -> &'static Metadata {
        self.block.metadata
    }

    /// The block's JSON schema.
    pub fn schema(&self) -> &Value {
        self.schema.get_or_init(|| (self.block.schema)().to_value())
    }

    /// The rows of the block's properties table.
    pub fn rows(&self) -> &[PropertyRow] {
        self.rows.get_or_init(|| property::rows(self.schema()))
    }

    /// Where a step of this block may hold references.
    pub fn reference_slots(&self) -> &[ReferenceSlot] {
        self.slots
            .get_or_init(|| property::reference_slots(self.schema()))
    }

    /// The outputs shown for the block type (dynamic ones as `*`).
    #[must_use]
    pub fn class_outputs(&self) -> Vec<Output> {
        output::class_outputs(self.block.outputs)
    }
}

/// Why a set of blocks cannot form a registry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    /// Two blocks claim one identifier (or alias).
    #[error(
        "two blocks claim the identifier `{id}`: `{first}` and `{second}`; give one of them another identifier or version"
    )]
    Duplicate {
        id: String,
        first: String,
        second: String,
    },
    /// A declared default does not fit its field's type.
    #[error("block `{block}`: {message}")]
    BadDefault { block: String, message: String },
}

/// Every known block type, by identifier and alias.
#[derive(Debug, Default)]
pub struct Registry {
    entries: Vec<Arc<Entry>>,
    by_id: HashMap<&'static str, Arc<Entry>>,
}

impl Registry {
    /// The blocks registered by every linked crate.
    pub fn from_inventory() -> Result<Self, RegistryError> {
        Self::from_types(inventory::iter::<Registration>.into_iter().map(|r| r.0))
    }

    /// A registry of exactly `types`.
    pub fn from_types(types: impl IntoIterator<Item = BlockType>) -> Result<Self, RegistryError> {
        let mut registry = Self::default();
        for block in types {
            registry.add(block)?;
        }
        registry
            .entries
            .sort_by_key(|entry| entry.metadata().type_id);
        Ok(registry)
    }

    /// Adds one block type, refusing an identifier or alias already taken.
    pub fn add(&mut self, block: BlockType) -> Result<(), RegistryError> {
        if let Some(message) = (block.default_errors)().into_iter().next() {
            return Err(RegistryError::BadDefault {
                block: block.metadata.rust_path.to_owned(),
                message,
            });
        }
        let entry = Arc::new(Entry::new(block));
        let ids =
            std::iter::once(block.metadata.type_id).chain(block.metadata.aliases.iter().copied());
        for id in ids.clone() {
            if let Some(existing) = self.by_id.get(id) {
                return Err(RegistryError::Duplicate {
                    id: id.to_owned(),
                    first: existing.metadata().rust_path.to_owned(),
                    second: block.metadata.rust_path.to_owned(),
                });
            }
        }
        for id in ids {
            self.by_id.insert(id, Arc::clone(&entry));
        }
        let position = self
            .entries
            .partition_point(|e| e.metadata().type_id < block.metadata.type_id);
        self.entries.insert(position, entry);
        Ok(())
    }

    /// The block with this identifier or alias.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(AsRef::as_ref)
    }

    /// Every block, sorted by identifier.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().map(AsRef::as_ref)
    }

    /// The known identifier closest to `id`, to suggest for a typo.
    #[must_use]
    pub fn closest(&self, id: &str) -> Option<&'static str> {
        self.by_id
            .keys()
            .map(|known| (strsim::jaro_winkler(id, known), *known))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, known)| known)
    }
}
