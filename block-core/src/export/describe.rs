//! The describe document UI builders load: every block with its schema and
//! outputs, in the reference engine's shape, sorted so that two runs print
//! the same bytes.

use serde::Serialize;
use serde_json::Value;

use crate::output::Output;
use crate::registry::{Entry, Registry};

/// One block as the describe document shows it.
#[derive(Debug, Serialize)]
pub struct BlockDescription<'a> {
    /// The block's type identifier.
    pub manifest_type_identifier: &'static str,
    /// Older identifiers that still resolve to it.
    pub manifest_type_identifier_aliases: &'static [&'static str],
    /// The human name.
    pub human_friendly_block_name: &'static str,
    /// The full JSON schema of a step.
    pub block_schema: &'a Value,
    /// The class-level outputs (dynamic ones as `*`).
    pub outputs_manifest: Vec<Output>,
    /// The crate the block comes from.
    pub block_source: &'static str,
    /// The Rust path of the block's struct.
    pub fully_qualified_block_class_name: &'static str,
    /// The execution-engine versions the block works with.
    pub execution_engine_compatibility: &'static str,
}

impl<'a> BlockDescription<'a> {
    /// The description of one registered block.
    #[must_use]
    pub fn of(entry: &'a Entry) -> Self {
        let metadata = entry.metadata();
        Self {
            manifest_type_identifier: metadata.type_id,
            manifest_type_identifier_aliases: metadata.aliases,
            human_friendly_block_name: metadata.name,
            block_schema: entry.schema(),
            outputs_manifest: entry.class_outputs(),
            block_source: metadata.source,
            fully_qualified_block_class_name: metadata.rust_path,
            execution_engine_compatibility: metadata.engine,
        }
    }
}

/// The describe document of every registered block.
#[derive(Debug, Serialize)]
pub struct Describe<'a> {
    /// Every block, sorted by identifier.
    pub blocks: Vec<BlockDescription<'a>>,
}

impl<'a> Describe<'a> {
    /// The document for `registry`.
    #[must_use]
    pub fn of(registry: &'a Registry) -> Self {
        Self {
            blocks: registry.entries().map(BlockDescription::of).collect(),
        }
    }
}
