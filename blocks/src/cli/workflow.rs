//! `validate` and `run`: workflow files compiled against the registry, with
//! every diagnostic shown at its place, and run with the operator's
//! settings from the environment and the command line.

use std::io::Write;
use std::path::{Path, PathBuf};

use block_core::Context;
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
    let context = context.with_env(env);
    Ok(match &options.writable_directory {
        Some(directory) => context.with_writable_directory(directory),
        None => context,
    })
}

fn read(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|error| {
        Failure::invalid(format!("{}: cannot read the file: {error}", path.display()))
    })
}

/// Compiles one file; on failure, writes its diagnostics and returns them.
fn compile(
    registry: &Registry,
    path: &Path,
    context: &Context,
) -> Result<Result<Compiled, Vec<Diagnostic>>, Failure> {
    let text = read(path)?;
    Ok(workflow::compile(&text, registry, context))
}

fn report(
    path: &Path,
    diagnostics: &[Diagnostic],
    format: Format,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), Failure> {
    let file = path.display().to_string();
    match format {
        Format::Human => {
            let text = std::fs::read_to_string(path).unwrap_or_default();
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
    let mut all: Vec<(PathBuf, Vec<Diagnostic>)> = Vec::new();
    for path in files {
        let diagnostics = compile(registry, path, &context)?.err().unwrap_or_default();
        all.push((path.clone(), diagnostics));
    }
    let invalid = all
        .iter()
        .filter(|(_, diagnostics)| !diagnostics.is_empty())
        .count();
    match options.format {
        Format::Json => {
            let flattened: Vec<Value> = all
                .iter()
                .flat_map(|(path, diagnostics)| {
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
            for (path, diagnostics) in &all {
                if diagnostics.is_empty() {
                    writeln!(out, "{}: valid", path.display()).map_err(Failure::internal)?;
                } else {
                    report(path, diagnostics, Format::Human, out, err)?;
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
        Ok(compiled) => compiled,
        Err(diagnostics) => {
            report(path, &diagnostics, options.format, out, err)?;
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
    for param in &run.params {
        let Some((name, text)) = param.split_once('=') else {
            return Err(Failure::invalid(format!(
                "--param `{param}`: write `NAME=VALUE`, e.g. `--param threshold=0.5`"
            )));
        };
        let value = serde_json::from_str(text).unwrap_or_else(|_| Value::from(text));
        params.insert(name.to_owned(), value);
    }
    Ok(params)
}
