//! The block library: each block is one struct with `#[derive(Block)]` and
//! an `impl Run`, grouped by family as the reference engine groups them.

pub mod formatters;
pub mod secrets_providers;
pub mod sinks;

use block_core::registry::{Registry, RegistryError};

/// A registry of every block in this library (and any other linked crate).
pub fn registry() -> Result<Registry, RegistryError> {
    Registry::from_inventory()
}

pub mod cli;
