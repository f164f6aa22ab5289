//! The workflow engine: a workflow file is read with the place of every
//! value ([`definition`]), compiled against a [`Registry`](crate::Registry)
//! with every problem reported at once ([`compile()`], [`Diagnostic`]), and
//! run as often as needed, from any thread ([`Compiled::run`]).
//!
//! ```text
//! text ──Document::parse──▶ Document ──compile──▶ Compiled ──run(params)──▶ Results
//!                                        │                                  └─ masked | revealed
//!                                        └──▶ [Diagnostic] (file order, each with line:column)
//! ```
//!
//! Before anything is parsed, a file is held to the operator's limits
//! (`limits`: size, nesting, length of a text; then the number of steps)
//! and read as UTF-8 (`encoding`). No file, however large, deep or broken,
//! makes the engine panic, overflow its stack or take time out of
//! proportion to its size (`tests/corpus/` and the fuzz target keep it so).
//!
//! Compiling runs these checks, each reporting every problem it finds:
//! the file's shape ([`definition`]), the `version` ([`ENGINE_VERSION`]),
//! each step against its block (`configure`), the selectors and their
//! kinds (`wiring`), and the dependency order (`order`).

pub mod compile;
pub mod definition;
pub mod diagnostic;
pub mod position;
pub mod run;

mod bounds;
mod configure;
mod encoding;
mod limits;
mod order;
mod references;
mod report;
mod text;
mod version;
mod wiring;

#[cfg(test)]
mod tests;

pub use compile::{Compiled, compile, compile_bytes, compile_document};
pub use definition::{Definition, Document, StepDecl, WorkflowInput, WorkflowOutput};
pub use diagnostic::{Diagnostic, code, render_human, render_json};
pub use limits::check_file_size;
pub use position::{Position, Positions};
pub use run::{Results, RunFailure, ShownResults};
pub use version::{ENGINE_VERSION, SUPPORTED_VERSIONS};
