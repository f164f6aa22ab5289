//! `roboflow_core/local_file_sink@v1`: writes each run's content to a file under the directory
//! the operator allows, and nowhere else.
//!
//! Every path is opened through a [`cap_std::fs::Dir`] handle on that directory, which resolves
//! it beneath the handle: `..`, absolute paths and symbolic links that lead out fail at the
//! moment of opening, so a directory swapped for a link between two runs (or during one) cannot
//! redirect a write. A lexical check before that gives the clearer message for the common
//! mistakes.
//!
//! A refused path or a missing setting is a [`RunError`], as the reference raises for them; a
//! write that fails on an allowed path is an output (`error_status: true` and a `message`), as
//! the reference returns it.

use std::fmt;
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use block_core::context::WRITABLE_DIRECTORY_VARIABLE as WRITABLE_DIRECTORY_SETTING;
use block_core::{Block, Context, Input, Inputs, Outputs, Problem, Ref, Run, RunError, Value};
use cap_std::ambient_authority;
use cap_std::fs::{Dir, File, OpenOptions};
use schemars::JsonSchema;
use serde::Deserialize;

/// How many numbered names a new file tries when its timestamped name is taken.
const NAME_ATTEMPTS: u32 = 1000;

/// The **Local File Sink** writes a workflow's text output to files on the local file system.
///
/// Each run writes the text of `content`, produced by another step such as a CSV or JSON
/// formatter, either to a file of its own (`output_mode: separate_files`) or as one more entry
/// of a log file (`output_mode: append_log`).
///
/// ## Output modes
///
/// * `separate_files`: every run creates a new file named `<file_name_prefix>_<UTC
///   timestamp>.<file_type>`. An existing file is never overwritten; when the name is taken a
///   number is added.
/// * `append_log`: runs append to the same file until it holds `max_entries_per_file` entries,
///   then a new file starts. Changing the target directory, the prefix or the file type also
///   starts a new file. The content is adapted so that the file stays valid:
///   * `json`: each document is re-written on one line, into a `.jsonl` file ([JSON
///     Lines](https://jsonlines.org/)); content that is not JSON is reported with
///     `error_status: true`.
///   * `csv`: the first line of every entry after the first is taken as a header row and left
///     out, so CSV content must always come with its header row.
///   * `txt`: the text is appended as it is.
///
/// Every entry ends with a line break.
///
/// ## Where files go
///
/// The sink writes only under the directory the operator allows with
/// `BLOCKS_WRITABLE_DIRECTORY`; when it is not set, the sink refuses to run. `target_directory`
/// is a path relative to that directory (an absolute path inside it is accepted too) and is
/// created when missing. A target that leads outside, through `..`, an absolute path elsewhere
/// or a symbolic link, is refused before anything is written.
///
/// ## Outputs
///
/// `error_status` is `true` when a file could not be written, with the reason in `message`;
/// otherwise `message` says which file received the content.
#[derive(Debug, Block)]
#[block(
    id = "roboflow_core/local_file_sink@v1",
    name = "Local File Sink",
    block_type = "sink",
    license = "Apache-2.0",
    section = "data_storage",
    icon = "fal fa-file",
    ui = { "blockPriority": 3, "popular": true },
    engine = ">=1.3.0,<2.0.0",
    output(name = "error_status", kind = "boolean"),
    output(name = "message", kind = "string")
)]
pub struct LocalFileSink {
    /// The text to write, produced by another step.
    #[block(kind = "string", examples = ["$steps.csv_formatter.csv_content"])]
    pub content: Ref<String>,
    /// The format of the content, which gives the file extension.
    #[block(default = "csv", examples = ["csv"])]
    pub file_type: FileType,
    /// Whether each run writes a file of its own or appends to a log file.
    #[block(
        examples = ["append_log"],
        schema = {
            "values_metadata": {
                "append_log": {
                    "name": "Append Log",
                    "description": "Appends each run's content to one file, starting a new file when it is full"
                },
                "separate_files": {
                    "name": "Separate File",
                    "description": "Writes each run's content to a new file"
                }
            }
        }
    )]
    pub output_mode: OutputMode,
    /// The directory to write into, relative to the directory the operator allows writing to.
    #[block(examples = ["some/location"])]
    pub target_directory: Input<String>,
    /// The start of every file name, before the timestamp and the extension.
    #[block(
        default = "workflow_output",
        examples = ["my_file"],
        schema = { "always_visible": true }
    )]
    pub file_name_prefix: Input<String>,
    /// How many entries an append log holds before a new file starts.
    #[block(
        kind = "string",
        default = 1024,
        examples = [1024],
        minimum = 1,
        schema = { "relevant_for": { "output_mode": { "values": ["append_log"], "required": true } } }
    )]
    pub max_entries_per_file: Input<u32>,
    /// The append log being written, kept from one run to the next.
    #[block(skip)]
    append_log: Mutex<Option<AppendLog>>,
}

/// The format of the content written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FileType {
    Csv,
    Json,
    Txt,
}

/// How runs are spread over files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OutputMode {
    AppendLog,
    SeparateFiles,
}

/// Shows the directory as messages do (hidden when computed from a secret), never the file's
/// path.
impl fmt::Debug for AppendLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppendLog")
            .field("directory", &self.target.label)
            .field("entries", &self.entries)
            .finish_non_exhaustive()
    }
}

impl FileType {
    fn extension(self, mode: OutputMode) -> &'static str {
        match (self, mode) {
            (Self::Csv, _) => "csv",
            (Self::Json, OutputMode::AppendLog) => "jsonl",
            (Self::Json, OutputMode::SeparateFiles) => "json",
            (Self::Txt, _) => "txt",
        }
    }
}

/// The open log file of `append_log` mode and what it was opened for.
struct AppendLog {
    target: Target,
    file: File,
    path: PathBuf,
    entries: u32,
}

/// Where one run writes: a directory beneath the writable one, a prefix and a file type. A log
/// file is reused only for the same target.
#[derive(Clone, PartialEq, Eq)]
struct Target {
    directory: PathBuf,
    prefix: String,
    file_type: FileType,
    /// How messages name the directory: hidden when computed from a secret.
    label: String,
}

/// How messages name a path computed from a secret.
const HIDDEN: &str = "(hidden: computed from a secret)";

/// Why a run wrote nothing.
enum Failure {
    /// The step asks for something the operator does not allow: an error.
    Refused(String),
    /// An allowed write failed: reported in the outputs.
    Failed(String),
}

impl Run for LocalFileSink {
    /// Reports, before anything runs, a missing writable directory and the literal settings
    /// that could never be written.
    fn check(&self, context: &Context) -> Vec<Problem> {
        let mut problems = Vec::new();
        match context.writable_directory() {
            None => problems.push(Problem::new("/target_directory", not_configured())),
            Some(root) => {
                if let Input::Literal(directory) = &self.target_directory
                    && let Err(refused) = beneath(root, directory, directory)
                {
                    problems.push(Problem::new("/target_directory", refused));
                }
            }
        }
        if let Input::Literal(prefix) = &self.file_name_prefix
            && let Err(refused) = check_prefix(prefix)
        {
            problems.push(Problem::new("/file_name_prefix", refused));
        }
        if self.max_entries_per_file == Input::Literal(0) {
            problems.push(Problem::new(
                "/max_entries_per_file",
                "`max_entries_per_file` must be at least 1",
            ));
        }
        problems
    }

    /// Writes the content to a new file or to the append log.
    fn run(&self, inputs: &Inputs<'_>, context: &Context) -> Result<Outputs, RunError> {
        let root_path = context
            .writable_directory()
            .ok_or_else(|| RunError::new(not_configured()))?;
        let directory = self.target_directory.get(inputs)?;
        let prefix = self.file_name_prefix.get(inputs)?;
        // A path computed from a secret is used, but never shown.
        let shown = !inputs.read_secret();
        let label = if shown {
            directory.clone()
        } else {
            HIDDEN.to_owned()
        };
        let target = Target {
            directory: beneath(root_path, &directory, &label).map_err(RunError::new)?,
            prefix,
            file_type: self.file_type,
            label,
        };
        check_prefix(&target.prefix).map_err(RunError::new)?;
        let text = self.content.get(inputs)?;
        let written = match self.output_mode {
            OutputMode::SeparateFiles => write_separate(root_path, &target, &text),
            OutputMode::AppendLog => {
                let max = max_entries(&self.max_entries_per_file.value(inputs)?)?;
                self.append(root_path, target, &text, max)
            }
        };
        match written {
            Ok(path) if shown => Ok(outcome(false, format!("saved to `{}`", path.display()))),
            Ok(_) => Ok(outcome(false, "saved")),
            Err(Failure::Refused(message)) => Err(RunError::new(message)),
            Err(Failure::Failed(message)) => Ok(outcome(true, message)),
        }
    }
}

impl LocalFileSink {
    /// Appends one entry to the current log file, starting a new file when there is none, it is
    /// full, or the target changed.
    fn append(
        &self,
        root_path: &Path,
        target: Target,
        content: &str,
        max: u32,
    ) -> Result<PathBuf, Failure> {
        let entry = match target.file_type {
            FileType::Json => one_line_json(content)?,
            FileType::Csv | FileType::Txt => content.to_owned(),
        };
        let mut state = self
            .append_log
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let reused = state
            .as_ref()
            .is_some_and(|log| log.target == target && log.entries < max);
        let log = match state.as_mut() {
            Some(log) if reused => log,
            _ => {
                // Dropping the previous log closes its file.
                *state = None;
                let (file, path) = create_new_file(root_path, &target, OutputMode::AppendLog)?;
                let log = AppendLog {
                    target,
                    file,
                    path,
                    entries: 0,
                };
                state.insert(log)
            }
        };
        // Only a log's first entry keeps its CSV header row.
        let entry = match log.target.file_type {
            FileType::Csv if reused => without_header(&entry),
            _ => &entry,
        };
        write_entry(&mut log.file, entry).map_err(|error| {
            Failure::Failed(format!(
                "could not append to the log file: {}",
                describe(&error)
            ))
        })?;
        log.entries += 1;
        Ok(log.path.clone())
    }
}

/// Writes the content to a file of its own.
fn write_separate(root_path: &Path, target: &Target, content: &str) -> Result<PathBuf, Failure> {
    let (mut file, path) = create_new_file(root_path, target, OutputMode::SeparateFiles)?;
    write_entry(&mut file, content).map_err(|error| {
        Failure::Failed(format!(
            "could not write a file in `{}`: {}",
            target.label,
            describe(&error)
        ))
    })?;
    Ok(path)
}

/// Creates a file that did not exist, named from the prefix and the time, under the target
/// directory; returns it with its path relative to the writable directory.
fn create_new_file(
    root_path: &Path,
    target: &Target,
    mode: OutputMode,
) -> Result<(File, PathBuf), Failure> {
    let directory = open_target(root_path, target)?;
    let stamp = timestamp();
    let extension = target.file_type.extension(mode);
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    for attempt in 0..NAME_ATTEMPTS {
        let name = if attempt == 0 {
            format!("{}_{stamp}.{extension}", target.prefix)
        } else {
            format!("{}_{stamp}_{attempt}.{extension}", target.prefix)
        };
        match directory.open_with(&name, &options) {
            Ok(file) => return Ok((file, target.directory.join(name))),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
            Err(error) => {
                return Err(io_failure(
                    &error,
                    "could not create a file in",
                    &target.label,
                ));
            }
        }
    }
    Err(Failure::Failed(format!(
        "could not find a free file name in `{}` after {NAME_ATTEMPTS} attempts",
        target.label
    )))
}

/// Opens the target directory beneath the writable one, creating it when missing. Both steps
/// resolve beneath the writable directory's handle.
fn open_target(root_path: &Path, target: &Target) -> Result<Dir, Failure> {
    let root = Dir::open_ambient_dir(root_path, ambient_authority()).map_err(|error| {
        Failure::Refused(format!(
            "the writable directory `{}` set by {WRITABLE_DIRECTORY_SETTING} cannot be opened: {}",
            root_path.display(),
            describe(&error)
        ))
    })?;
    let directory = &target.directory;
    if directory.as_os_str().is_empty() {
        return Ok(root);
    }
    // Creating reports a link in the way as "already exists"; opening then
    // tells a link leading out from a directory that is there.
    let created = root.create_dir_all(directory);
    match (root.open_dir(directory), created) {
        (Ok(opened), _) => Ok(opened),
        (Err(error), _) if is_escape(&error) => Err(io_failure(&error, "", &target.label)),
        (Err(_), Err(error)) => Err(io_failure(&error, "could not create", &target.label)),
        (Err(error), Ok(())) => Err(io_failure(&error, "could not open", &target.label)),
    }
}

/// Writes one entry, ending it with a line break.
fn write_entry(file: &mut File, entry: &str) -> io::Result<()> {
    file.write_all(entry.as_bytes())?;
    if !entry.ends_with('\n') {
        file.write_all(b"\n")?;
    }
    file.flush()
}

/// The path of `target` relative to `root`, or why it leads outside (naming the target by
/// `label`). Lexical only: the opening itself also refuses symbolic links that lead out.
fn beneath(root: &Path, target: &str, label: &str) -> Result<PathBuf, String> {
    let path = Path::new(target);
    let relative = if path.is_absolute() {
        strip_root(root, path)
            .ok_or_else(|| outside(root, label, "is an absolute path outside it"))?
    } else {
        path
    };
    let mut normal = PathBuf::new();
    for component in relative.components() {
        match component {
            Component::Normal(part) => normal.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !normal.pop() {
                    return Err(outside(root, label, "climbs above it with `..`"));
                }
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err(outside(root, label, "is an absolute path outside it"));
            }
        }
    }
    Ok(normal)
}

/// `path` without the writable directory in front, as configured or as the file system spells
/// it (a configured `/tmp/x` may be `/private/tmp/x`).
fn strip_root<'a>(root: &Path, path: &'a Path) -> Option<&'a Path> {
    if let Ok(rest) = path.strip_prefix(root) {
        return Some(rest);
    }
    let canonical = std::fs::canonicalize(root).ok()?;
    path.strip_prefix(canonical).ok()
}

/// A file name prefix must name no directory.
fn check_prefix(prefix: &str) -> Result<(), String> {
    if prefix.contains(['/', '\\', '\0']) {
        return Err(
            "`file_name_prefix` must be the start of a file name, without `/`, `\\` or NUL; \
             put directories in `target_directory`"
                .to_owned(),
        );
    }
    Ok(())
}

/// `max_entries_per_file` as a positive count. The reference declares the kind `string` for its
/// references, so a text holding a number is read too.
fn max_entries(value: &Value) -> Result<u32, RunError> {
    let json = value.expose();
    let count = match &json {
        serde_json::Value::Number(number) => number.as_u64(),
        serde_json::Value::String(text) => text.trim().parse().ok(),
        _ => None,
    };
    count
        .and_then(|count| u32::try_from(count).ok())
        .filter(|count| *count >= 1)
        .ok_or_else(|| {
            RunError::new(
                "`max_entries_per_file` must be a whole number from 1 to 4294967295, \
                 or a text holding one",
            )
        })
}

/// A JSON document re-written on one line, for a JSON Lines file.
fn one_line_json(content: &str) -> Result<String, Failure> {
    serde_json::from_str::<serde_json::Value>(content)
        .map(|document| document.to_string())
        .map_err(|error| {
            Failure::Failed(format!(
                "the content is not valid JSON (line {}, column {}); append_log with file_type \
                 `json` writes one JSON document per line",
                error.line(),
                error.column()
            ))
        })
}

/// A CSV entry without its header row.
fn without_header(entry: &str) -> &str {
    entry.split_once('\n').map_or("", |(_, rest)| rest)
}

/// The current UTC time as it appears in file names.
fn timestamp() -> String {
    let now = jiff::Timestamp::now();
    jiff::fmt::strtime::format("%Y_%m_%d_%H_%M_%S_%6f", now)
        .unwrap_or_else(|_| now.as_microsecond().to_string())
}

fn not_configured() -> String {
    format!(
        "writing files is not allowed: no writable directory is configured; set \
         {WRITABLE_DIRECTORY_SETTING} to the directory under which sinks may write"
    )
}

fn outside(root: &Path, target: &str, how: &str) -> String {
    format!(
        "`target_directory` `{target}` {how}: sinks write only under `{}` (set by \
         {WRITABLE_DIRECTORY_SETTING}); use a path relative to it, without `..` leading out",
        root.display()
    )
}

/// An I/O error on an allowed path, or a refusal when the error is an escape that only the
/// opening could see (a symbolic link leading out).
fn io_failure(error: &io::Error, doing: &str, directory: &str) -> Failure {
    if is_escape(error) {
        return Failure::Refused(format!(
            "`target_directory` `{directory}` leads outside the writable directory through a \
             symbolic link: sinks write only under the directory set by \
             {WRITABLE_DIRECTORY_SETTING}, and follow no link that leads out of it"
        ));
    }
    Failure::Failed(format!("{doing} `{directory}`: {}", describe(error)))
}

/// cap-std reports an attempt to leave its directory as a permission error of its own, without
/// an OS error code.
fn is_escape(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::PermissionDenied && error.raw_os_error().is_none()
}

/// An I/O error without any path in it: the kind, and the OS code if any.
fn describe(error: &io::Error) -> String {
    match error.raw_os_error() {
        Some(code) => format!("{} (os error {code})", error.kind()),
        None => error.kind().to_string(),
    }
}

fn outcome(error_status: bool, message: impl Into<String>) -> Outputs {
    Outputs::new()
        .with_flag("error_status", error_status)
        .with("message", Value::json(message.into().into()))
}
