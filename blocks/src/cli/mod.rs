//! The command-line tool: a thin layer over block-core. Output is JSON on
//! stdout; errors go to stderr with exit code 2 for invalid input.

mod failure;
mod inspect;

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use failure::Failure;

/// Work with workflow blocks: list them, print their schemas and outputs.
#[derive(Debug, Parser)]
#[command(name = "blocks", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List every block: identifier and name.
    List,
    /// Print the JSON schema of one block.
    Schema {
        /// The block's type identifier or alias.
        id: String,
    },
    /// Print the actual outputs of one step configuration, with their kinds.
    Outputs {
        /// A JSON file holding one step (`{"type": ..., "name": ..., ...}`).
        step: PathBuf,
    },
    /// Print every block with its identifier, aliases, name, schema,
    /// outputs and engine compatibility.
    Describe,
}

impl Cli {
    /// Runs the command, writing its JSON output to `out`.
    pub fn run(&self, out: &mut impl Write) -> Result<(), Failure> {
        let registry = crate::registry().map_err(Failure::internal)?;
        let document = match &self.command {
            Command::List => inspect::list(&registry),
            Command::Schema { id } => inspect::schema(&registry, id)?,
            Command::Outputs { step } => inspect::outputs(&registry, step)?,
            Command::Describe => inspect::describe(&registry),
        };
        serde_json::to_writer_pretty(&mut *out, &document).map_err(Failure::internal)?;
        writeln!(out).map_err(Failure::internal)
    }
}
