//! `validate` and `run`: workflow files compiled against the registry, with
//! every diagnostic shown at its place, and run with the operator's
//! settings from the environment and the command line.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use block_core::Context;
use block_core::context::{Limit, Limits};
use block_core::registry::Registry;
use block_core::workflow::{self, Compiled, Diagnostic, RunFailure};
use clap::{Args, ValueEnum};
use serde_json::{Map, Value};

use super::Failure;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub(super) enum Format {
    /// `file:line:col: error[code]: message`, the line and a caret, on stderr.
    #[default]
    Human,
    /// A JSON array of diagnostics on stdout.
    Json,
}

/// Settings shared by `validate` and `run`.
#[derive(Debug, Args)]
pub(super) struct CheckOptions {
    /// Allow reading environment variables matching this name or glob
    /// (`SLACK_*`), besides those of `BLOCKS_ALLOWED_ENV_VARS`. Repeatable.
    #[arg(long = "allow-env", value_name = "PATTERN")]
    allow_env: Vec<String>,
    /// Allow sinks to write under this directory (else `BLOCKS_WRITABLE_DIRECTORY`).
    #[arg(long, value_name = "DIR")]
    writable_directory: Option<PathBuf>,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Refuse workflow files larger than this many bytes (else
    /// `BLOCKS_MAX_FILE_BYTES`; 8 MiB by default).
    #[arg(long, value_name = "BYTES")]
    max_file_bytes: Option<String>,
    /// Refuse workflows of more steps than this (else `BLOCKS_MAX_STEPS`;
    /// 10000 by default).
    #[arg(long, value_name = "COUNT")]
    max_steps: Option<String>,
    /// Refuse lists and objects nested deeper than this, up to 100 (else
    /// `BLOCKS_MAX_DEPTH`; 64 by default).
    #[arg(long, value_name = "LEVELS")]
    max_depth: Option<String>,
    /// Refuse a text (string or key) longer than this many bytes (else
    /// `BLOCKS_MAX_STRING_BYTES`; 1 MiB by default).
    #[arg(long, value_name = "BYTES")]
    max_string_bytes: Option<String>,
}

impl CheckOptions {
    /// `limits` with the flags that are given applied over them.
    fn limits(&self, mut limits: Limits) -> Result<Limits, Failure> {
        let flags = [
            (Limit::FileBytes, &self.max_file_bytes),
            (Limit::Steps, &self.max_steps),
            (Limit::Depth, &self.max_depth),
            (Limit::StringBytes, &self.max_string_bytes),
        ];
        for (limit, text) in flags {
            if let Some(text) = text {
                limits = limits
                    .with_text(limit, limit.flag(), text)
                    .map_err(|error| Failure::invalid(format!("error: {error}")))?;
            }
        }
        Ok(limits)
    }
}

/// Settings of `run` alone.
#[derive(Debug, Args)]
pub(super) struct RunOptions {
    /// A workflow parameter, `name=value`; the value is read as JSON when it
    /// parses (`3`, `true`, `["a"]`), else as text. Repeatable.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    params: Vec<String>,
    /// A JSON file holding an object of parameters; `--param` wins over it.
    #[arg(long, value_name = "FILE")]
    inputs: Option<PathBuf>,
    /// Print secrets in clear in the results. Without it they are `"********"`.
    #[arg(long)]
    reveal_secrets: bool,
}

fn context(options: &CheckOptions) -> Result<Context, Failure> {
    let context =
        Context::from_process_env().map_err(|error| Failure::invalid(format!("error: {error}")))?;
    let env = context
        .env()
        .clone()
        .allow_all(options.allow_env.iter().map(String::as_str))
        .map_err(|error| Failure::invalid(format!("error: --allow-env: {error}")))?;
    let limits = options.limits(*context.limits())?;
    let context = context.with_env(env).with_limits(limits);
    Ok(match &options.writable_directory {
        Some(directory) => context.with_writable_directory(directory),
        None => context,
    })
}

fn read(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|error| cannot_read(path, &error))
}

fn cannot_read(path: &Path, error: &std::io::Error) -> Failure {
    Failure::invalid(format!("{}: cannot read the file: {error}", path.display()))
}

/// The bytes of a workflow file, or the diagnostic that refuses a file
/// over the size limit, which is then never read.
fn load(path: &Path, limits: &Limits) -> Result<Result<Vec<u8>, Vec<Diagnostic>>, Failure> {
    let file = File::open(path).map_err(|error| cannot_read(path, &error))?;
    let size = file
        .metadata()
        .map_err(|error| cannot_read(path, &error))?
        .len();
    if let Err(refused) = workflow::check_file_size(size, limits) {
        return Ok(Err(refused));
    }
    // A file that grows after its size was read (or a pipe, whose size is
    // unknown) is read one byte past the limit at most: enough to refuse it.
    let most = u64::try_from(limits.get(Limit::FileBytes))
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut bytes = Vec::new();
    file.take(most)
        .read_to_end(&mut bytes)
        .map_err(|error| cannot_read(path, &error))?;
    Ok(Ok(bytes))
}

/// A workflow file as read and compiled.
struct Checked {
    /// Its bytes, to show the lines diagnostics point at; empty when the
    /// file was refused unread.
    bytes: Vec<u8>,
    /// The compiled workflow, or every problem in the file.
    compiled: Result<Compiled, Vec<Diagnostic>>,
}

/// Reads and compiles one file.
fn compile(registry: &Registry, path: &Path, context: &Context) -> Result<Checked, Failure> {
    Ok(match load(path, context.limits())? {
        Ok(bytes) => {
            let compiled = workflow::compile_bytes(&bytes, registry, context);
            Checked { bytes, compiled }
        }
        Err(refused) => Checked {
            bytes: Vec::new(),
            compiled: Err(refused),
        },
    })
}

fn report(
    path: &Path,
    bytes: &[u8],
    diagnostics: &[Diagnostic],
    format: Format,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Failure> {
    let file = path.display().to_string();
    match format {
        Format::Human => {
            let text = String::from_utf8_lossy(bytes);
            write!(err, "{}", workflow::render_human(&file, &text, diagnostics))
                .map_err(Failure::internal)
        }
        Format::Json => {
            let mut shown = serde_json::to_value(diagnostics).map_err(Failure::internal)?;
            for item in shown.as_array_mut().into_iter().flatten() {
                item["file"] = Value::from(file.clone());
            }
            serde_json::to_writer_pretty(&mut *out, &shown).map_err(Failure::internal)?;
            writeln!(out).map_err(Failure::internal)
        }
    }
}

pub(super) fn validate(
    registry: &Registry,
    files: &[PathBuf],
    options: &CheckOptions,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Failure> {
    let context = context(options)?;
    let mut all: Vec<(PathBuf, Vec<u8>, Vec<Diagnostic>)> = Vec::new();
    for path in files {
        let Checked { bytes, compiled } = compile(registry, path, &context)?;
        all.push((path.clone(), bytes, compiled.err().unwrap_or_default()));
    }
    let invalid = all
        .iter()
        .filter(|(_, _, diagnostics)| !diagnostics.is_empty())
        .count();
    match options.format {
        Format::Json => {
            let flattened: Vec<Value> = all
                .iter()
                .flat_map(|(path, _, diagnostics)| {
                    diagnostics.iter().map(move |diagnostic| {
                        let mut shown = serde_json::to_value(diagnostic).unwrap_or(Value::Null);
                        shown["file"] = Value::from(path.display().to_string());
                        shown
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &flattened).map_err(Failure::internal)?;
            writeln!(out).map_err(Failure::internal)?;
        }
        Format::Human => {
            for (path, bytes, diagnostics) in &all {
                if diagnostics.is_empty() {
                    writeln!(out, "{}: valid", path.display()).map_err(Failure::internal)?;
                } else {
                    report(path, bytes, diagnostics, Format::Human, out, err)?;
                }
            }
        }
    }
    if invalid == 0 {
        Ok(())
    } else {
        Err(Failure::reported(2))
    }
}

pub(super) fn run(
    registry: &Registry,
    path: &Path,
    options: &CheckOptions,
    run: &RunOptions,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Failure> {
    let context = context(options)?;
    let compiled = match compile(registry, path, &context)? {
        Checked {
            compiled: Ok(compiled),
            ..
        } => compiled,
        Checked {
            bytes,
            compiled: Err(diagnostics),
        } => {
            report(path, &bytes, &diagnostics, options.format, out, err)?;
            return Err(Failure::reported(2));
        }
    };
    let params = parameters(run)?;
    let results = compiled
        .run(&params, &context)
        .map_err(|failure| match failure {
            RunFailure::Parameters { .. } => {
                Failure::invalid(format!("{}: {failure}", path.display()))
            }
            RunFailure::Step { .. } => Failure::failed(format!("{}: {failure}", path.display())),
        })?;
    let shown = if run.reveal_secrets {
        results.revealed()
    } else {
        results.masked()
    };
    serde_json::to_writer_pretty(&mut *out, &shown).map_err(Failure::internal)?;
    writeln!(out).map_err(Failure::internal)
}

fn parameters(run: &RunOptions) -> Result<Map<String, Value>, Failure> {
    let mut params = match &run.inputs {
        Some(path) => match serde_json::from_str::<Value>(&read(path)?) {
            Ok(Value::Object(object)) => object,
            Ok(_) => {
                return Err(Failure::invalid(format!(
                    "{}: --inputs takes a JSON object of parameters, e.g. {{\"threshold\": 0.5}}",
                    path.display()
                )));
            }
            Err(error) => {
                return Err(Failure::invalid(format!(
                    "{}:{}:{}: not valid JSON: {error}",
                    path.display(),
                    error.line(),
                    error.column()
                )));
            }
        },
        None => Map::new(),
    };
    for (place, param) in run.params.iter().enumerate() {
        // The text is not repeated: without `=`, it may be a value alone.
        let Some((name, text)) = param.split_once('=') else {
            return Err(Failure::invalid(format!(
                "--param number {} has no `=`: write `NAME=VALUE`, e.g. `--param threshold=0.5`",
                place + 1
            )));
        };
        let value = serde_json::from_str(text).unwrap_or_else(|_| Value::from(text));
        params.insert(name.to_owned(), value);
    }
    Ok(params)
}
