//! The Local File Sink v1 and the Webhook Sink v1: their schemas against
//! the reference interface, and their runs, called directly: files land
//! only under the writable directory, requests reach a loopback server,
//! and no message ever shows a secret.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use block_core::testing::Values;
use block_core::value::Value as Flowing;
use block_core::{Context, Problem, Run, Secret};
use blocks::sinks::local_file_sink::v1::LocalFileSink;
use blocks::sinks::webhook_sink::v1::WebhookSink;
use serde_json::{Value, json};

const FILE_SINK: &str = "roboflow_core/local_file_sink@v1";
const WEBHOOK: &str = "roboflow_core/webhook_sink@v1";

/// A secret value that must show up at the server and nowhere else.
const CANARY: &str = "canary-7f3a9c-secret";

// ---------------------------------------------------------------------------
// The schemas against the reference interface
// ---------------------------------------------------------------------------

fn reference(id: &str) -> Value {
    block_tests::reference_interface(id)
}

fn schema(id: &str) -> Value {
    block_tests::schema(id)
}

/// Our schema in the reference's notation: kinds by name, and the literal
/// union of a map value (one nested `anyOf` here) flattened into the outer
/// `anyOf`, as the reference writes it.
fn normalised(schema: &Value) -> Value {
    match schema {
        Value::Object(object) => {
            let mut out = serde_json::Map::new();
            for (key, value) in object {
                let value = match (key.as_str(), value) {
                    ("kind", Value::Array(kinds)) => {
                        kinds.iter().map(|kind| kind["name"].clone()).collect()
                    }
                    ("anyOf", Value::Array(alternatives)) => Value::Array(
                        alternatives
                            .iter()
                            .flat_map(|alternative| match alternative.get("anyOf") {
                                Some(Value::Array(inner)) => inner.clone(),
                                _ => vec![alternative.clone()],
                            })
                            .map(|alternative| normalised(&alternative))
                            .collect(),
                    ),
                    _ => normalised(value),
                };
                out.insert(key.clone(), value);
            }
            Value::Object(out)
        }
        Value::Array(items) => items.iter().map(normalised).collect(),
        other => other.clone(),
    }
}

/// Whether `ours` says everything `reference` says: the same keys with the
/// same values, where ours may add keys (descriptions, `default: {}`,
/// integer `format`s) and list the alternatives of an `anyOf` in another
/// order.
fn covers(ours: &Value, reference: &Value) -> bool {
    match (ours, reference) {
        (Value::Object(ours), Value::Object(reference)) => reference.iter().all(|(key, value)| {
            ours.get(key)
                .is_some_and(|mine| match (key.as_str(), mine, value) {
                    ("anyOf", Value::Array(mine), Value::Array(theirs)) => {
                        mine.len() == theirs.len()
                            && theirs
                                .iter()
                                .all(|alternative| mine.iter().any(|m| covers(m, alternative)))
                    }
                    _ => covers(mine, value),
                })
        }),
        (Value::Array(ours), Value::Array(reference)) => {
            ours.len() == reference.len() && ours.iter().zip(reference).all(|(a, b)| covers(a, b))
        }
        _ => ours == reference,
    }
}

/// Removes `kind` from every kind list in `schema`; how many it removed.
fn remove_kind(schema: &mut Value, kind: &str) -> usize {
    match schema {
        Value::Object(object) => {
            let mut removed = 0;
            if let Some(Value::Array(kinds)) = object.get_mut("kind") {
                let before = kinds.len();
                kinds.retain(|k| k != kind);
                removed += before - kinds.len();
            }
            removed
                + object
                    .values_mut()
                    .map(|v| remove_kind(v, kind))
                    .sum::<usize>()
        }
        Value::Array(items) => items.iter_mut().map(|v| remove_kind(v, kind)).sum(),
        _ => 0,
    }
}

/// The checks every sink shares: top level, properties in order, each
/// property field by field (except `skipped`, asserted by the caller),
/// outputs and engine range.
fn matches_reference(id: &str, skipped: &[&str]) -> Value {
    let reference = reference(id);
    let ours = schema(id);
    block_tests::assert_same_metadata(&ours, &reference);
    let properties = reference["properties"].as_object().unwrap();
    let names: Vec<&String> = ours["properties"].as_object().unwrap().keys().collect();
    assert_eq!(
        names,
        properties.keys().collect::<Vec<_>>(),
        "the same properties in order"
    );
    for (property, expected) in properties {
        if skipped.contains(&property.as_str()) {
            continue;
        }
        let mine = normalised(&ours["properties"][property]);
        assert!(
            covers(&mine, expected),
            "`{property}`:\nours {mine:#}\nreference {expected:#}"
        );
    }
    let registry = blocks::registry().unwrap();
    let outputs = serde_json::to_value(registry.get(id).unwrap().class_outputs()).unwrap();
    assert_eq!(normalised(&outputs), reference["outputs"]);
    assert_eq!(
        ours["execution_engine_compatibility"],
        json!(">=1.3.0,<2.0.0")
    );
    ours
}

#[test]
fn file_sink_schema_matches_the_reference() {
    let ours = matches_reference(FILE_SINK, &[]);
    let max = &ours["properties"]["max_entries_per_file"];
    // The reference declares kind `string` for references to this count;
    // kept for interop, and the block reads a text holding a number.
    assert_eq!(normalised(max)["anyOf"][1]["kind"], json!(["string"]));
    // Deliberate: `Input<T>` lists the literal before the reference, where
    // the reference lists `target_directory`'s reference first; the order
    // of `anyOf` alternatives does not change what validates.
    let target = &ours["properties"]["target_directory"]["anyOf"];
    assert_eq!(target[0], json!({"type": "string"}));
    assert_eq!(target[1]["reference"], json!(true));
    // Deliberate addition: the schema states the reference's rule that a
    // file holds at least one entry.
    assert_eq!(max["minimum"], json!(1));
}

#[test]
fn webhook_schema_matches_the_reference() {
    let operations = [
        "json_payload_operations",
        "multi_part_encoded_files_operations",
        "form_data_operations",
    ];
    let secret_capable = ["url", "query_parameters", "headers"];
    let skipped: Vec<&str> = operations.iter().chain(&secret_capable).copied().collect();
    let ours = matches_reference(WEBHOOK, &skipped);
    // Deliberate: `url`, `headers` and `query_parameters` also accept the
    // kind `secret`, so a secret from a secrets provider can authenticate a
    // request (the reference lets it through only because its secrets
    // provider declares `*`). Otherwise they say what the reference says.
    let reference = reference(WEBHOOK);
    for property in secret_capable {
        let mut mine = normalised(&ours["properties"][property]);
        let removed = remove_kind(&mut mine, "secret");
        assert_eq!(removed, 1, "`{property}` accepts `secret`");
        assert!(
            covers(&mine, &reference["properties"][property]),
            "`{property}`: {mine:#}"
        );
    }
    // Deliberate: the reference's operations are lists of query-language
    // steps; here they are maps of lists that must be empty, which `check`
    // enforces with a message (see `non_empty_operations_are_refused`).
    for property in operations {
        let schema = &ours["properties"][property];
        assert_eq!(schema["type"], json!("object"), "{property}");
        assert_eq!(schema["default"], json!({}), "{property}");
    }
    // A map value is one flat union, as in the reference; the literal
    // alternatives come first (the order does not change what validates).
    let header = &ours["properties"]["headers"]["additionalProperties"]["anyOf"];
    assert_eq!(
        header.as_array().unwrap()[..4],
        json!([{"type": "string"}, {"type": "number"}, {"type": "boolean"}, {"type": "integer"}])
            .as_array()
            .unwrap()[..]
    );
    assert_eq!(header[4]["reference"], json!(true));
    // Deliberate addition: the bounds of `request_timeout` checked at run.
    let timeout = &ours["properties"]["request_timeout"];
    assert_eq!(
        (&timeout["minimum"], &timeout["maximum"]),
        (&json!(1), &json!(3600))
    );
}

#[test]
fn sink_schemas_are_valid_json_schema_2020_12() {
    for id in [FILE_SINK, WEBHOOK] {
        let schema = schema(id);
        if let Err(error) = jsonschema::draft202012::meta::validate(&schema) {
            panic!("{id}: not a 2020-12 schema: {error}");
        }
    }
    let file = schema(FILE_SINK);
    let step = json!({"type": FILE_SINK, "name": "f", "content": "$steps.csv.csv_content",
        "output_mode": "append_log", "target_directory": "out"});
    assert!(jsonschema::draft202012::is_valid(&file, &step));
    let mut wrong = step.clone();
    wrong["file_type"] = json!("xml");
    assert!(!jsonschema::draft202012::is_valid(&file, &wrong));

    let webhook = schema(WEBHOOK);
    let step = json!({"type": WEBHOOK, "name": "w", "url": "https://example.com", "method": "POST",
        "headers": {"Authorization": "$steps.vault.token", "X-Count": 3},
        "query_parameters": {"tags": ["a", 1, true]}, "json_payload": {"nested": {"a": [1]}}});
    assert!(jsonschema::draft202012::is_valid(&webhook, &step));
    let mut wrong = step.clone();
    wrong["headers"]["X-Nested"] = json!({"a": 1});
    assert!(!jsonschema::draft202012::is_valid(&webhook, &wrong));
}

// ---------------------------------------------------------------------------
// Running a step directly
// ---------------------------------------------------------------------------

fn secret(text: &str) -> Flowing {
    Flowing::secret(Some(Secret::new(text)))
}

fn text(text: &str) -> Flowing {
    Flowing::json(json!(text))
}

/// The outputs of one run, in clear, or the run's error.
fn run(block: &impl Run, values: &Values, context: &Context) -> Result<Value, String> {
    let (outputs, _) = values
        .run(block, context)
        .map_err(|error| error.to_string())?;
    let shown: serde_json::Map<String, Value> = outputs
        .into_map()
        .into_iter()
        .map(|(name, value)| (name, serde_json::to_value(value.revealed()).unwrap()))
        .collect();
    Ok(Value::Object(shown))
}

fn assert_no_canary(text: &str) {
    assert!(!text.contains(CANARY), "the secret leaked: {text}");
    assert!(
        !text.contains("canary"),
        "part of the secret leaked: {text}"
    );
}

// ---------------------------------------------------------------------------
// Local File Sink
// ---------------------------------------------------------------------------

/// A writable directory `allowed` beside a directory `outside` that no
/// run may touch.
struct Sandbox {
    _temp: tempfile::TempDir,
    allowed: PathBuf,
    outside: PathBuf,
}

impl Sandbox {
    fn new() -> Self {
        let temp = tempfile::tempdir().unwrap();
        let allowed = temp.path().join("allowed");
        let outside = temp.path().join("outside");
        std::fs::create_dir(&allowed).unwrap();
        std::fs::create_dir(&outside).unwrap();
        Self {
            _temp: temp,
            allowed,
            outside,
        }
    }

    fn context(&self) -> Context {
        Context::default().with_writable_directory(&self.allowed)
    }

    fn assert_outside_untouched(&self) {
        let entries: Vec<_> = std::fs::read_dir(&self.outside).unwrap().collect();
        assert!(
            entries.is_empty(),
            "something was written outside: {entries:?}"
        );
        let parent = self.outside.parent().unwrap();
        let mut siblings: Vec<String> = std::fs::read_dir(parent)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        siblings.sort();
        assert_eq!(siblings, ["allowed", "outside"]);
    }
}

fn file_sink(properties: Value) -> LocalFileSink {
    let mut step = json!({"type": FILE_SINK, "name": "files", "content": "$steps.format.text"});
    step.as_object_mut()
        .unwrap()
        .extend(properties.as_object().unwrap().clone());
    serde_json::from_value(step).unwrap()
}

fn content(text_value: &str) -> Values {
    Values::default().with("$steps.format.text", text(text_value))
}

/// Every file under `directory`, by name, with its text.
fn files(directory: &Path) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = std::fs::read_dir(directory)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    found.sort();
    found
}

fn extension(name: &str) -> &str {
    Path::new(name)
        .extension()
        .and_then(|extension| extension.to_str())
        .unwrap_or_default()
}

fn saved(outputs: &Value) {
    assert_eq!(outputs["error_status"], json!(false), "{outputs}");
    assert!(
        outputs["message"].as_str().unwrap().starts_with("saved"),
        "{outputs}"
    );
}

#[test]
fn separate_files_writes_one_new_file_per_run_in_each_type() {
    let sandbox = Sandbox::new();
    for (file_type, body) in [
        ("csv", "a,b\n1,2"),
        ("json", "{\"a\": 1}"),
        ("txt", "hello"),
    ] {
        let block = file_sink(
            json!({"file_type": file_type, "output_mode": "separate_files",
            "target_directory": "out/nested", "file_name_prefix": "report"}),
        );
        for _ in 0..2 {
            saved(&run(&block, &content(body), &sandbox.context()).unwrap());
        }
    }
    let written = files(&sandbox.allowed.join("out/nested"));
    assert_eq!(written.len(), 6, "never overwrites: {written:?}");
    for (extension, body) in [
        ("csv", "a,b\n1,2\n"),
        ("json", "{\"a\": 1}\n"),
        ("txt", "hello\n"),
    ] {
        let of_type: Vec<_> = written
            .iter()
            .filter(|(name, _)| self::extension(name) == extension)
            .collect();
        assert_eq!(of_type.len(), 2, "{extension}: {written:?}");
        for (name, text) in of_type {
            assert!(name.starts_with("report_"), "{name}");
            assert_eq!(text, body, "{name}");
        }
    }
    sandbox.assert_outside_untouched();
}

#[test]
fn the_message_names_the_file_relative_to_the_writable_directory() {
    let sandbox = Sandbox::new();
    let block = file_sink(json!({"output_mode": "separate_files", "target_directory": "out"}));
    let outputs = run(&block, &content("x"), &sandbox.context()).unwrap();
    let message = outputs["message"].as_str().unwrap();
    assert!(
        message.starts_with("saved to `out/workflow_output_"),
        "{message}"
    );
    assert!(
        !message.contains(sandbox.allowed.to_str().unwrap()),
        "{message}"
    );
}

#[test]
fn append_log_rolls_over_after_max_entries_and_keeps_one_csv_header() {
    let sandbox = Sandbox::new();
    let block = file_sink(
        json!({"output_mode": "append_log", "target_directory": "logs",
        "max_entries_per_file": 2}),
    );
    for row in 0..5 {
        let outputs = run(
            &block,
            &content(&format!("h1,h2\nv{row},x")),
            &sandbox.context(),
        );
        saved(&outputs.unwrap());
    }
    let mut bodies: Vec<String> = files(&sandbox.allowed.join("logs"))
        .into_iter()
        .map(|(name, body)| {
            assert!(
                name.starts_with("workflow_output_") && extension(&name) == "csv",
                "{name}"
            );
            body
        })
        .collect();
    bodies.sort();
    assert_eq!(
        bodies,
        [
            "h1,h2\nv0,x\nv1,x\n",
            "h1,h2\nv2,x\nv3,x\n",
            "h1,h2\nv4,x\n"
        ]
    );
}

#[test]
fn append_log_of_json_writes_json_lines_and_reports_invalid_json() {
    let sandbox = Sandbox::new();
    let block = file_sink(json!({"file_type": "json", "output_mode": "append_log",
        "target_directory": "", "max_entries_per_file": 10}));
    saved(&run(&block, &content("{\n  \"a\": 1\n}"), &sandbox.context()).unwrap());
    saved(&run(&block, &content("[1, 2]"), &sandbox.context()).unwrap());
    let outputs = run(&block, &content("{not json"), &sandbox.context()).unwrap();
    assert_eq!(outputs["error_status"], json!(true));
    assert!(
        outputs["message"]
            .as_str()
            .unwrap()
            .contains("not valid JSON"),
        "{outputs}"
    );
    let written = files(&sandbox.allowed);
    assert_eq!(written.len(), 1, "{written:?}");
    assert_eq!(extension(&written[0].0), "jsonl", "{written:?}");
    assert_eq!(written[0].1, "{\"a\":1}\n[1,2]\n");
}

#[test]
fn max_entries_may_come_from_a_reference_to_a_text() {
    let sandbox = Sandbox::new();
    let block = file_sink(json!({"file_type": "txt", "output_mode": "append_log",
        "target_directory": "t", "max_entries_per_file": "$inputs.max"}));
    for _ in 0..3 {
        let values = content("line").with("$inputs.max", text("2"));
        saved(&run(&block, &values, &sandbox.context()).unwrap());
    }
    assert_eq!(files(&sandbox.allowed.join("t")).len(), 2);
    let values = content("line").with("$inputs.max", text("none"));
    let error = run(&block, &values, &sandbox.context()).unwrap_err();
    assert!(error.contains("`max_entries_per_file`"), "{error}");
}

fn refused(block: &LocalFileSink, sandbox: &Sandbox, values: &Values) -> String {
    let error = run(block, values, &sandbox.context()).unwrap_err();
    assert!(
        error.contains("BLOCKS_WRITABLE_DIRECTORY"),
        "names the setting: {error}"
    );
    sandbox.assert_outside_untouched();
    error
}

#[test]
fn a_target_climbing_out_with_dot_dot_is_refused() {
    let sandbox = Sandbox::new();
    for target in ["../outside", "a/../../outside", ".."] {
        let block = file_sink(json!({"output_mode": "separate_files", "target_directory": target}));
        let error = refused(&block, &sandbox, &content("x"));
        assert!(error.contains("climbs above it with `..`"), "{error}");
        assert!(
            error.contains(sandbox.allowed.to_str().unwrap()),
            "says what is allowed: {error}"
        );
    }
    // `..` that stays inside is only a path.
    let block = file_sink(json!({"output_mode": "separate_files", "target_directory": "a/../b"}));
    saved(&run(&block, &content("x"), &sandbox.context()).unwrap());
    assert_eq!(files(&sandbox.allowed.join("b")).len(), 1);
}

#[test]
fn an_absolute_target_is_allowed_only_inside() {
    let sandbox = Sandbox::new();
    let outside = sandbox.outside.to_str().unwrap();
    let block = file_sink(json!({"output_mode": "separate_files", "target_directory": outside}));
    let error = refused(&block, &sandbox, &content("x"));
    assert!(error.contains("is an absolute path outside it"), "{error}");

    let inside = sandbox.allowed.join("abs");
    let block = file_sink(
        json!({"output_mode": "separate_files", "target_directory": inside.to_str().unwrap()}),
    );
    saved(&run(&block, &content("x"), &sandbox.context()).unwrap());
    assert_eq!(files(&inside).len(), 1);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_leading_out_is_refused() {
    let sandbox = Sandbox::new();
    std::os::unix::fs::symlink(&sandbox.outside, sandbox.allowed.join("link")).unwrap();
    std::os::unix::fs::symlink("../outside", sandbox.allowed.join("relative_link")).unwrap();
    for target in ["link", "link/deeper", "relative_link"] {
        for mode in ["separate_files", "append_log"] {
            let block = file_sink(json!({"output_mode": mode, "target_directory": target}));
            let error = refused(&block, &sandbox, &content("x"));
            assert!(error.contains("symbolic link"), "{target}: {error}");
        }
    }
    // A link that stays inside is followed.
    std::fs::create_dir(sandbox.allowed.join("real")).unwrap();
    std::os::unix::fs::symlink("real", sandbox.allowed.join("inner_link")).unwrap();
    let block =
        file_sink(json!({"output_mode": "separate_files", "target_directory": "inner_link"}));
    saved(&run(&block, &content("x"), &sandbox.context()).unwrap());
    assert_eq!(files(&sandbox.allowed.join("real")).len(), 1);
}

#[cfg(unix)]
#[test]
fn a_directory_replaced_by_a_link_between_runs_is_refused() {
    let sandbox = Sandbox::new();
    let block = file_sink(
        json!({"output_mode": "append_log", "target_directory": "logs",
        "max_entries_per_file": 1}),
    );
    saved(&run(&block, &content("a,b\n1,2"), &sandbox.context()).unwrap());
    let logs = sandbox.allowed.join("logs");
    std::fs::remove_dir_all(&logs).unwrap();
    std::os::unix::fs::symlink(&sandbox.outside, &logs).unwrap();
    // The log is full: the next entry opens a new file, through the link.
    let error = refused(&block, &sandbox, &content("a,b\n3,4"));
    assert!(error.contains("symbolic link"), "{error}");
}

/// A directory atomically exchanged with a link to the outside, again and
/// again, while the sink writes into it: `flip` is always one or the
/// other, and no write ever lands outside.
#[cfg(target_os = "linux")]
#[test]
fn a_directory_swapped_for_a_link_during_writes_never_leads_out() {
    use rustix::fs::{CWD, RenameFlags, renameat_with};

    let sandbox = Sandbox::new();
    let flip = sandbox.allowed.join("flip");
    let link = sandbox.allowed.join("link");
    std::fs::create_dir(&flip).unwrap();
    std::os::unix::fs::symlink(&sandbox.outside, &link).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let swapper = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut swaps = 0_u64;
            while !stop.load(Ordering::Relaxed) {
                renameat_with(CWD, &flip, CWD, &link, RenameFlags::EXCHANGE).unwrap();
                swaps += 1;
            }
            swaps
        })
    };
    let block = file_sink(json!({"output_mode": "separate_files", "target_directory": "flip"}));
    let mut written = 0;
    for _ in 0..500 {
        // A run finds a directory (and writes) or a link (and is refused).
        let outputs = run(&block, &content("x"), &sandbox.context());
        written += usize::from(outputs.is_ok_and(|o| o["error_status"] == json!(false)));
    }
    stop.store(true, Ordering::Relaxed);
    let swaps = swapper.join().unwrap();
    assert!(swaps > 0 && written > 0, "{swaps} swaps, {written} written");
    let outside: Vec<_> = std::fs::read_dir(&sandbox.outside).unwrap().collect();
    assert!(
        outside.is_empty(),
        "a write went through the link: {outside:?}"
    );
}

#[test]
fn without_a_writable_directory_nothing_is_written() {
    let block = file_sink(json!({"output_mode": "separate_files", "target_directory": "out"}));
    let error = run(&block, &content("x"), &Context::default()).unwrap_err();
    assert!(error.contains("BLOCKS_WRITABLE_DIRECTORY"), "{error}");
    assert!(error.contains("not allowed"), "{error}");
    let problems = block.check(&Context::default());
    assert_eq!(pointers(&problems), ["/target_directory"]);
    assert!(problems[0].message.contains("BLOCKS_WRITABLE_DIRECTORY"));
}

fn pointers(problems: &[Problem]) -> Vec<&str> {
    problems
        .iter()
        .map(|problem| problem.pointer.as_str())
        .collect()
}

#[test]
fn check_reports_literal_targets_and_settings_that_cannot_work() {
    let sandbox = Sandbox::new();
    let block = file_sink(
        json!({"output_mode": "append_log", "target_directory": "../x",
        "file_name_prefix": "a/b", "max_entries_per_file": 0}),
    );
    let problems = block.check(&sandbox.context());
    assert_eq!(
        pointers(&problems),
        [
            "/target_directory",
            "/file_name_prefix",
            "/max_entries_per_file"
        ]
    );
    let fine = file_sink(json!({"output_mode": "append_log", "target_directory": "$inputs.dir"}));
    assert!(fine.check(&sandbox.context()).is_empty());
}

#[test]
fn a_prefix_or_target_from_references_is_checked_at_run_and_a_secret_path_stays_hidden() {
    let sandbox = Sandbox::new();
    let block = file_sink(json!({"output_mode": "separate_files",
        "target_directory": "$inputs.dir", "file_name_prefix": "$inputs.prefix"}));
    let values = content("x")
        .with("$inputs.dir", text("out"))
        .with("$inputs.prefix", text("../../escape"));
    let error = run(&block, &values, &sandbox.context()).unwrap_err();
    assert!(
        error.contains("`file_name_prefix` must be the start of a file name"),
        "{error}"
    );
    sandbox.assert_outside_untouched();

    let values = content("x")
        .with("$inputs.dir", secret("../canary-7f3a9c-secret"))
        .with("$inputs.prefix", text("p"));
    let error = refused(&block, &sandbox, &values);
    assert_no_canary(&error);
    let values = content("x")
        .with("$inputs.dir", secret("canary-7f3a9c-secret"))
        .with("$inputs.prefix", text("p"));
    let outputs = run(&block, &values, &sandbox.context()).unwrap();
    assert_eq!(outputs["message"], json!("saved"));
    assert_eq!(files(&sandbox.allowed.join(CANARY)).len(), 1);
}

// ---------------------------------------------------------------------------
// Webhook Sink
// ---------------------------------------------------------------------------

/// One request as the loopback server saw it.
#[derive(Debug)]
struct Received {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(field, _)| field.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// A server on 127.0.0.1 that answers `status` to at most `count`
/// requests and stops after them, or after `idle` without one.
fn serve(count: usize, status: u16, idle: Duration) -> (String, JoinHandle<Vec<Received>>) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let handle = std::thread::spawn(move || {
        let mut received = Vec::new();
        while received.len() < count {
            let Ok(Some(mut request)) = server.recv_timeout(idle) else {
                break;
            };
            let mut body = String::new();
            request.as_reader().read_to_string(&mut body).unwrap();
            received.push(Received {
                method: request.method().to_string(),
                url: request.url().to_owned(),
                headers: request
                    .headers()
                    .iter()
                    .map(|h| (h.field.as_str().to_string(), h.value.as_str().to_owned()))
                    .collect(),
                body,
            });
            let response = tiny_http::Response::from_string("ok").with_status_code(status);
            let _ = request.respond(response);
        }
        received
    });
    (format!("http://127.0.0.1:{port}"), handle)
}

fn webhook(properties: Value) -> WebhookSink {
    let mut step = json!({"type": WEBHOOK, "name": "hook", "fire_and_forget": false});
    step.as_object_mut()
        .unwrap()
        .extend(properties.as_object().unwrap().clone());
    serde_json::from_value(step).unwrap()
}

/// Values with the canary behind `$inputs.token`.
fn with_token() -> Values {
    Values::default().with("$inputs.token", secret(CANARY))
}

/// Runs a webhook step and checks that neither its outputs nor its error
/// show the canary.
fn run_webhook(block: &WebhookSink, values: &Values) -> Result<Value, String> {
    let result = run(block, values, &Context::default());
    match &result {
        Ok(outputs) => assert_no_canary(&outputs.to_string()),
        Err(error) => assert_no_canary(error),
    }
    result
}

fn status(outputs: &Value) -> (bool, bool) {
    (
        outputs["error_status"].as_bool().unwrap(),
        outputs["throttling_status"].as_bool().unwrap(),
    )
}

#[test]
fn post_sends_headers_query_and_json_with_the_secret_in_clear() {
    let (base, server) = serve(1, 200, Duration::from_secs(10));
    let block = webhook(json!({
        "url": format!("{base}/hook"), "method": "POST",
        "headers": {"Authorization": "$inputs.token", "X-Count": 3, "X-Flag": true},
        "query_parameters": {"q": "a b&c", "tags": ["x", 2], "key": "$inputs.token"},
        "json_payload": {"token": "$inputs.token", "nested": {"a": [1, null]}, "n": 2.5},
    }));
    let outputs = run_webhook(&block, &with_token()).unwrap();
    assert_eq!(status(&outputs), (false, false), "{outputs}");
    let message = outputs["message"].as_str().unwrap();
    assert!(
        message.contains(&base[7..]) && message.contains("200"),
        "{message}"
    );

    let received = server.join().unwrap();
    let request = &received[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.header("Authorization"), Some(CANARY));
    assert_eq!(request.header("X-Count"), Some("3"));
    assert_eq!(request.header("X-Flag"), Some("true"));
    assert_eq!(request.header("Content-Type"), Some("application/json"));
    let (path, query) = request.url.split_once('?').unwrap();
    assert_eq!(path, "/hook");
    let mut pairs: Vec<&str> = query.split('&').collect();
    pairs.sort_unstable();
    assert_eq!(
        pairs,
        [
            format!("key={CANARY}").as_str(),
            "q=a%20b%26c",
            "tags=2",
            "tags=x"
        ]
    );
    let body: Value = serde_json::from_str(&request.body).unwrap();
    assert_eq!(
        body,
        json!({"n": 2.5, "nested": {"a": [1, null]}, "token": CANARY})
    );
}

#[test]
fn get_and_put_use_their_methods() {
    let (base, server) = serve(3, 200, Duration::from_secs(10));
    let get = webhook(json!({"url": base, "method": "GET", "query_parameters": {"a": 1}}));
    let put = webhook(json!({"url": base, "method": "PUT", "json_payload": {"a": 1}}));
    let empty_post = webhook(json!({"url": base, "method": "POST"}));
    for block in [&get, &put, &empty_post] {
        let outputs = run_webhook(block, &Values::default()).unwrap();
        assert_eq!(status(&outputs), (false, false), "{outputs}");
    }
    let received = server.join().unwrap();
    let seen: Vec<(&str, &str, &str)> = received
        .iter()
        .map(|r| (r.method.as_str(), r.url.as_str(), r.body.as_str()))
        .collect();
    // A GET without body maps sends no body; a POST sends the (empty)
    // JSON payload, as the reference's HTTP library does.
    assert_eq!(
        seen,
        [
            ("GET", "/?a=1", ""),
            ("PUT", "/", "{\"a\":1}"),
            ("POST", "/", "{}")
        ]
    );
}

#[test]
fn form_data_is_url_encoded_and_files_make_a_multipart_body() {
    let (base, server) = serve(2, 200, Duration::from_secs(10));
    let form = webhook(json!({"url": base, "method": "POST",
        "form_data": {"name": "a b", "secret": "$inputs.token", "list": [1, "two"]},
        "json_payload": {"ignored": true}}));
    let files = webhook(json!({"url": base, "method": "POST",
        "form_data": {"field": "value"},
        "multi_part_encoded_files": {"report.csv": "a,b\n1,2", "data": {"k": 1}}}));
    for block in [&form, &files] {
        let outputs = run_webhook(block, &with_token()).unwrap();
        assert_eq!(status(&outputs), (false, false), "{outputs}");
    }
    let received = server.join().unwrap();
    assert_eq!(
        received[0].header("Content-Type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        received[0].body,
        format!("list=1&list=two&name=a+b&secret={CANARY}")
    );
    let content_type = received[1].header("Content-Type").unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap();
    let body = &received[1].body;
    assert!(body.starts_with(&format!("--{boundary}\r\n")), "{body}");
    assert!(body.ends_with(&format!("--{boundary}--\r\n")), "{body}");
    for part in [
        "Content-Disposition: form-data; name=\"field\"\r\n\r\nvalue\r\n",
        "Content-Disposition: form-data; name=\"report.csv\"; filename=\"report.csv\"\r\n\r\na,b\n1,2\r\n",
        "Content-Disposition: form-data; name=\"data\"; filename=\"data\"\r\n\r\n{\"k\":1}\r\n",
    ] {
        assert!(body.contains(part), "{part:?} in {body}");
    }
}

#[test]
fn an_error_status_is_reported_without_the_url_or_the_secret() {
    let (base, server) = serve(1, 500, Duration::from_secs(10));
    let block = webhook(json!({"url": "$inputs.url", "method": "POST",
        "headers": {"X-Api-Key": "$inputs.token"}}));
    let values = with_token().with(
        "$inputs.url",
        secret(&format!("{base}/hooks/{CANARY}?token={CANARY}")),
    );
    let outputs = run_webhook(&block, &values).unwrap();
    assert_eq!(status(&outputs), (true, false), "{outputs}");
    let message = outputs["message"].as_str().unwrap();
    assert!(
        message.contains("status 500") && message.contains("127.0.0.1"),
        "{message}"
    );
    let received = server.join().unwrap();
    assert_eq!(received[0].url, format!("/hooks/{CANARY}?token={CANARY}"));
}

#[test]
fn a_server_that_never_answers_is_given_up_after_the_timeout() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Accepts one connection, reads nothing, answers nothing, and lets go
    // after a while so that the test ends in any case.
    let silent = std::thread::spawn(move || {
        let connection = listener.accept();
        std::thread::sleep(Duration::from_secs(3));
        drop(connection);
    });
    let block = webhook(
        json!({"url": format!("http://127.0.0.1:{port}/x?token={CANARY}"),
        "method": "POST", "request_timeout": 1, "headers": {"Authorization": "$inputs.token"}}),
    );
    let started = Instant::now();
    let outputs = run_webhook(&block, &with_token()).unwrap();
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
    assert_eq!(status(&outputs), (true, false), "{outputs}");
    let message = outputs["message"].as_str().unwrap();
    assert!(message.contains("no answer within 1 s"), "{message}");
    silent.join().unwrap();
}

#[test]
fn an_unreachable_port_is_an_error_naming_only_the_host() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("http://user:{CANARY}@127.0.0.1:{port}/p/{CANARY}?k={CANARY}");
    let block = webhook(json!({"url": url, "method": "GET", "request_timeout": 2}));
    let started = Instant::now();
    let outputs = run_webhook(&block, &Values::default()).unwrap();
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(status(&outputs), (true, false), "{outputs}");
    let message = outputs["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("`127.0.0.1:{port}`")),
        "{message}"
    );
}

#[test]
fn a_second_send_within_the_cooldown_is_throttled() {
    let (base, server) = serve(3, 200, Duration::from_secs(2));
    let block = webhook(json!({"url": base, "method": "POST", "cooldown_seconds": 60}));
    let first = run_webhook(&block, &Values::default()).unwrap();
    assert_eq!(status(&first), (false, false), "{first}");
    let second = run_webhook(&block, &Values::default()).unwrap();
    assert_eq!(status(&second), (false, true), "{second}");
    assert!(
        second["message"]
            .as_str()
            .unwrap()
            .contains("cooldown of 60 s")
    );

    let eager = webhook(json!({"url": base, "method": "POST", "cooldown_seconds": 0}));
    for _ in 0..2 {
        assert_eq!(
            status(&run_webhook(&eager, &Values::default()).unwrap()),
            (false, false)
        );
    }
    assert_eq!(
        server.join().unwrap().len(),
        3,
        "one throttled send of four"
    );
}

#[test]
fn a_disabled_sink_sends_nothing() {
    let (base, server) = serve(1, 200, Duration::from_millis(500));
    let block = webhook(json!({"url": base, "method": "POST", "disable_sink": "$inputs.off"}));
    let values = Values::default().with("$inputs.off", Flowing::json(json!(true)));
    let outputs = run_webhook(&block, &values).unwrap();
    assert_eq!(status(&outputs), (false, false));
    assert!(
        outputs["message"]
            .as_str()
            .unwrap()
            .contains("`disable_sink`")
    );
    assert!(server.join().unwrap().is_empty());
}

#[test]
fn fire_and_forget_returns_at_once_and_sends_in_the_background() {
    let (base, server) = serve(1, 200, Duration::from_secs(10));
    let block = webhook(
        json!({"url": base, "method": "POST", "fire_and_forget": true,
        "headers": {"Authorization": "$inputs.token"}}),
    );
    let outputs = run_webhook(&block, &with_token()).unwrap();
    assert_eq!(status(&outputs), (false, false));
    assert!(
        outputs["message"]
            .as_str()
            .unwrap()
            .contains("in the background")
    );
    let received = server.join().unwrap();
    assert_eq!(received[0].header("Authorization"), Some(CANARY));
}

#[test]
fn requests_that_cannot_be_sent_are_reported_without_values() {
    let block = webhook(json!({"url": "$inputs.token", "method": "GET"}));
    let outputs = run_webhook(&block, &with_token()).unwrap();
    assert_eq!(status(&outputs), (true, false));
    assert!(
        outputs["message"].as_str().unwrap().contains("`url`"),
        "{outputs}"
    );

    let block = webhook(json!({"url": "http://127.0.0.1:9/", "method": "GET",
        "headers": {"X-Token": "$inputs.bad"}}));
    let values = Values::default().with("$inputs.bad", secret("canary-7f3a9c-secret\r\nX-Evil: 1"));
    let outputs = run_webhook(&block, &values).unwrap();
    assert_eq!(status(&outputs), (true, false));
    assert!(
        outputs["message"]
            .as_str()
            .unwrap()
            .contains("header `X-Token`"),
        "{outputs}"
    );
}

#[test]
fn non_empty_operations_are_refused_by_check() {
    let block = webhook(json!({"url": "https://example.com", "method": "POST",
        "json_payload_operations": {"count": [{"type": "SequenceLength"}]},
        "multi_part_encoded_files_operations": {"a/b": []},
        "form_data_operations": {}}));
    let problems = block.check(&Context::default());
    assert_eq!(
        pointers(&problems),
        [
            "/json_payload_operations/count",
            "/multi_part_encoded_files_operations/a~1b"
        ]
    );
    for problem in &problems {
        assert!(
            problem.message.contains("not supported"),
            "{}",
            problem.message
        );
    }
    let empty = webhook(json!({"url": "https://example.com", "method": "POST"}));
    assert!(empty.check(&Context::default()).is_empty());
}

#[test]
fn check_reports_literal_urls_headers_and_timeouts_that_cannot_work() {
    let block = webhook(
        json!({"url": format!("ftp://host/{CANARY}"), "method": "POST",
        "headers": {"Bad Header": "x"}, "request_timeout": 0}),
    );
    let problems = block.check(&Context::default());
    assert_eq!(
        pointers(&problems),
        ["/url", "/headers/Bad Header", "/request_timeout"]
    );
    for problem in &problems {
        assert_no_canary(&problem.message);
    }
}

#[test]
fn literals_outside_the_reference_unions_do_not_parse() {
    for (property, value) in [
        ("headers", json!({"X": {"a": 1}})),
        ("headers", json!({"X": null})),
        ("query_parameters", json!({"q": [[1]]})),
        ("json_payload", json!({"a": null})),
    ] {
        let step = json!({"type": WEBHOOK, "name": "w", "url": "https://e.com", "method": "GET",
            property: value});
        let error = serde_json::from_value::<WebhookSink>(step)
            .unwrap_err()
            .to_string();
        assert!(error.contains("expected"), "{property}: {error}");
    }
}
