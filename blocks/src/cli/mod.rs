//! The command-line tool: a thin layer over block-core. Output is JSON on
//! stdout; errors go to stderr with exit code 2 for invalid input.

mod docs;
mod failure;
mod inspect;
mod workflow;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use block_core::export::dialect::Dialect;
use clap::{Parser, Subcommand};

pub use failure::Failure;

/// Run and check workflows, and inspect and export their blocks.
#[derive(Debug, Parser)]
#[command(name = "blocks", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check workflow files: every problem of each, with its place.
    /// Exits 0 when all are valid, 2 otherwise.
    Validate {
        /// The workflow files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        options: workflow::CheckOptions,
    },
    /// Run a workflow and print its results as JSON, secrets masked.
    /// Exits 0 on success, 2 for an invalid definition or input, 1 when a
    /// step fails.
    Run {
        /// The workflow file.
        file: PathBuf,
        #[command(flatten)]
        options: workflow::CheckOptions,
        #[command(flatten)]
        run: workflow::RunOptions,
    },
    /// List every block: identifier and name.
    List,
    /// Print the JSON schema of one block.
    Schema {
        /// The block's type identifier or alias.
        id: String,
        /// Write the schema in the draft-07 dialect instead of 2020-12.
        #[arg(long)]
        draft07: bool,
    },
    /// Print the actual outputs of one step configuration, with their kinds.
    Outputs {
        /// A JSON file holding one step (`{"type": ..., "name": ..., ...}`).
        step: PathBuf,
    },
    /// Print the describe document: every block with its schema and
    /// outputs, the kinds, and which properties accept each kind.
    Describe {
        /// Write the block schemas in the draft-07 dialect instead of 2020-12.
        #[arg(long)]
        draft07: bool,
    },
    /// Print a JSON schema of a whole workflow file, for editors.
    DefinitionSchema {
        /// Write the schema in the draft-07 dialect instead of 2020-12.
        #[arg(long)]
        draft07: bool,
    },
    /// Print the meta-schema that documents the custom keywords of block
    /// schemas (`kind`, `reference`, `selected_element`, block metadata).
    MetaSchema,
    /// Write the documentation site (Markdown), or check a written copy.
    Docs {
        /// Write the pages under this folder.
        #[arg(long, value_name = "DIR", required_unless_present = "check")]
        out: Option<PathBuf>,
        /// Exit 1, listing the differences, when this folder is not what
        /// `--out` would write.
        #[arg(long, value_name = "DIR", conflicts_with = "out")]
        check: Option<PathBuf>,
    },
}

/// The tool as a process: the process's arguments, its standard output
/// and error, and the exit code. The `blocks` binary is this one call.
#[must_use]
pub fn run_process() -> ExitCode {
    let stdout = &mut std::io::stdout().lock();
    let stderr = &mut std::io::stderr().lock();
    ExitCode::from(main(std::env::args_os(), stdout, stderr))
}

/// Runs the tool with `args` (the first is the program name), writing
/// results to `out` and errors to `err`; returns the exit code: 0 success,
/// 1 a failure while running, 2 invalid input or usage.
pub fn main(
    args: impl IntoIterator<Item = OsString>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(usage) => {
            let shown = usage.render().to_string();
            let code = if usage.use_stderr() { 2 } else { 0 };
            let stream: &mut dyn Write = if usage.use_stderr() { err } else { out };
            // Nothing more can be reported if the stream itself fails.
            let _ = write!(stream, "{shown}");
            return code;
        }
    };
    match cli.run(out, err) {
        Ok(()) => 0,
        Err(failure) => {
            if !failure.is_reported() {
                let _ = writeln!(err, "{failure}");
            }
            failure.code()
        }
    }
}

fn dialect(draft07: bool) -> Dialect {
    if draft07 {
        Dialect::Draft07
    } else {
        Dialect::Draft2020_12
    }
}

impl Cli {
    /// Runs the command, writing its output to `out` and diagnostics to `err`.
    pub fn run(&self, out: &mut impl Write, err: &mut impl Write) -> Result<(), Failure> {
        let registry = crate::registry().map_err(Failure::internal)?;
        let document = match &self.command {
            Command::Validate { files, options } => {
                return workflow::validate(&registry, files, options, out, err);
            }
            Command::Run { file, options, run } => {
                return workflow::run(&registry, file, options, run, out, err);
            }
            Command::List => inspect::list(&registry),
            Command::Schema { id, draft07 } => inspect::schema(&registry, id, dialect(*draft07))?,
            Command::Outputs { step } => inspect::outputs(&registry, step)?,
            Command::Describe { draft07 } => inspect::describe(&registry, dialect(*draft07)),
            Command::DefinitionSchema { draft07 } => {
                block_core::export::definition_schema::of(&registry, dialect(*draft07))
            }
            Command::MetaSchema => inspect::meta_schema()?,
            Command::Docs {
                out: Some(folder), ..
            } => return docs::write(&registry, folder, out),
            Command::Docs { check, .. } => return docs::check(&registry, check.as_deref(), out),
        };
        serde_json::to_writer_pretty(&mut *out, &document).map_err(Failure::internal)?;
        writeln!(out).map_err(Failure::internal)
    }
}
