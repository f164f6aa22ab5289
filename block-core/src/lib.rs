//! The model and engine of workflow blocks.
//!
//! A block is a struct with `#[derive(Block)]` (its identifier, schema,
//! properties and outputs) and an `impl Run` (what it does). This crate
//! holds what the derive builds on: [`kind`]s, [`selector`]s, the
//! reference-taking field types [`Input`] and [`Ref`], [`Secret`]s and
//! tainted [`Value`]s, the [`Registry`], and the run contract.

pub mod context;
pub mod export;
pub mod input;
pub mod kind;
pub mod manifest;
pub mod output;
pub mod property;
pub mod registry;
pub mod run;
pub mod schema;
pub mod secret;
pub mod selector;
pub mod testing;
pub mod value;
pub mod workflow;

pub use block_macros::Block;
pub use context::{Context, EnvAccess};
pub use input::{Input, Ref};
pub use kind::Kind;
pub use manifest::{Block, Metadata};
pub use output::{NameRule, Output, OutputDecl};
pub use registry::{BlockType, Registry};
pub use run::{Inputs, Outputs, Problem, Run, RunError};
pub use secret::Secret;
pub use selector::Selector;
pub use value::Value;

#[doc(hidden)]
pub use inventory;

#[doc(hidden)]
pub mod __private;
