//! 250 generated block types (see `build.rs`), registered like any block.

use std::collections::BTreeMap;

use block_core::{Block, Context, Input, Inputs, Outputs, Ref, Run, RunError};

include!(concat!(env!("OUT_DIR"), "/blocks.rs"));

/// The registry of every generated block.
///
/// # Panics
///
/// Never: the generated identifiers are distinct.
#[must_use]
pub fn registry() -> block_core::Registry {
    block_core::Registry::from_inventory().expect("generated identifiers are distinct")
}
