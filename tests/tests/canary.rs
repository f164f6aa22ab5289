//! Secret canaries: distinctive secrets set where a deployment sets them,
//! then every path that could print one is driven, and the canary must
//! appear nowhere, except where the caller asked with `--reveal-secrets`
//! (which proves that the canary did flow).
//!
//! The command line runs as a child process with the canaries in its
//! environment (the tests cannot set variables in their own process
//! without `unsafe`): `blocks-process`, whose `main` is the `blocks`
//! binary's one call, built by cargo with the tests. Everything the child
//! writes is read: stdout, stderr, files it wrote, requests it sent. The
//! framework has no logging: the child runs with `RUST_LOG=trace` and
//! `RUST_BACKTRACE=full`, and a successful run must write nothing at all
//! to stderr. The types that can hold a secret are checked in process,
//! through their `Debug`, `Display` and serialised forms.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use block_core::testing::Values;
use block_core::workflow::{self, RunFailure};
use block_core::{Context, EnvAccess, Inputs, Outputs, RunError, Secret, Value};
use blocks::formatters::current_time::v1::CurrentTime;
use blocks::sinks::local_file_sink::v1::LocalFileSink;
use blocks::sinks::webhook_sink::v1::WebhookSink;
use serde_json::json;

/// The mark every canary secret carries.
const CANARY: &str = "cAnArY-3f9e71d2";

/// What one run of the command line wrote.
#[derive(Debug)]
struct Ran {
    code: Option<i32>,
    out: String,
    err: String,
}

impl Ran {
    fn all(&self) -> String {
        format!("{}{}", self.out, self.err)
    }

    /// Asserts that neither stream shows a canary.
    fn clean(self, what: &str) -> Self {
        assert!(
            !self.all().contains(CANARY),
            "{what} printed a canary:\n{self:#?}"
        );
        self
    }
}

/// The environment of a deployment with canary secrets.
struct Deployment {
    writable: tempfile::TempDir,
    variables: Vec<(String, String)>,
}

impl Deployment {
    fn new() -> Self {
        let variables = [
            ("CANARY_TOKEN", format!("Bearer {CANARY}")),
            (
                "CANARY_JSON",
                format!("{{\"token\": \"{CANARY}\", \"n\": 1}}"),
            ),
            ("CANARY_DIRECTORY", format!("../{CANARY}")),
            ("CANARY_ZONE", format!("Mars/{CANARY}")),
            ("BLOCKS_ALLOWED_ENV_VARS", "CANARY_*".to_owned()),
            ("RUST_LOG", "trace".to_owned()),
            ("RUST_BACKTRACE", "full".to_owned()),
        ];
        Self {
            writable: tempfile::tempdir().unwrap(),
            variables: variables
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value))
                .collect(),
        }
    }

    /// The same deployment with `CANARY_URL` pointing at `url`.
    fn with_url(mut self, url: &str) -> Self {
        self.variables
            .push(("CANARY_URL".to_owned(), url.to_owned()));
        self
    }

    fn run(&self, args: &[&str]) -> Ran {
        let output = Command::new(env!("CARGO_BIN_EXE_blocks-process"))
            .args(args)
            .env_clear()
            .envs(self.variables.iter().map(|(name, value)| (name, value)))
            .env("BLOCKS_WRITABLE_DIRECTORY", self.writable.path())
            .output()
            .expect("the blocks binary runs");
        Ran {
            code: output.status.code(),
            out: String::from_utf8_lossy(&output.stdout).into_owned(),
            err: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Every file written under the writable directory, concatenated.
    fn written(&self) -> String {
        let mut all = String::new();
        let mut folders = vec![self.writable.path().to_owned()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else {
                    all.push_str(&std::fs::read_to_string(path).unwrap());
                }
            }
        }
        all
    }
}

fn file(text: &str) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(text.as_bytes()).unwrap();
    file
}

/// Every request an HTTP server on 127.0.0.1 received, as text (request
/// line, headers and body), answering each with `status`; it stops on its
/// own after a while.
fn server(status: u16) -> (String, Arc<Mutex<Vec<String>>>) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let address = server.server_addr().to_ip().unwrap();
    let received = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&received);
    std::thread::spawn(move || {
        let until = Instant::now() + Duration::from_secs(60);
        while let Some(remaining) = until.checked_duration_since(Instant::now()) {
            let Ok(Some(mut request)) = server.recv_timeout(remaining) else {
                break;
            };
            let mut body = String::new();
            let _ = request.as_reader().read_to_string(&mut body);
            let headers: Vec<String> = request.headers().iter().map(ToString::to_string).collect();
            let seen = format!(
                "{} {}\n{}\n{body}",
                request.method(),
                request.url(),
                headers.join("\n")
            );
            record.lock().unwrap().push(seen);
            let _ = request.respond(tiny_http::Response::empty(status));
        }
    });
    (format!("http://{address}"), received)
}

/// A server on 127.0.0.1 that reads each request and closes the
/// connection without an answer.
fn closing_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let until = Instant::now() + Duration::from_secs(60);
        while Instant::now() < until {
            match listener.accept() {
                Ok((mut stream, _)) => {
                    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
                    let _ = stream.read(&mut [0; 4096]);
                }
                Err(_) => std::thread::sleep(Duration::from_millis(10)),
            }
        }
    });
    format!("http://{address}")
}

/// An address where nothing listens.
fn unreachable() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{address}")
}

/// A workflow that reads every canary and passes each through every block
/// that passes values on, sending them to `CANARY_URL`.
const EVERY_PATH: &str = r#"{
  "version": "1.0",
  "inputs": [{"type": "WorkflowParameter", "name": "given", "kind": ["secret"]}],
  "steps": [
    {"type": "roboflow_core/environment_secrets_store@v1", "name": "vault",
     "variables_storing_secrets": ["CANARY_TOKEN", "CANARY_JSON", "CANARY_URL"]},
    {"type": "roboflow_core/first_non_empty_or_default@v1", "name": "token", "data": ["$steps.vault.canary_token"]},
    {"type": "roboflow_core/first_non_empty_or_default@v1", "name": "answer", "data": ["$steps.vault.canary_json"]},
    {"type": "roboflow_core/json_parser@v1", "name": "parse", "raw_json": "$steps.answer.output", "expected_fields": ["token", "n", "absent"]},
    {"type": "roboflow_core/first_non_empty_or_default@v1", "name": "given", "data": ["$inputs.given"]},
    {"type": "roboflow_core/webhook_sink@v1", "name": "hook", "url": "$steps.vault.canary_url", "method": "POST",
     "headers": {"Authorization": "$steps.token.output"},
     "query_parameters": {"key": "$steps.parse.token"},
     "json_payload": {"given": "$steps.given.output", "parsed": "$steps.parse.*"},
     "fire_and_forget": false, "cooldown_seconds": 0},
    {"type": "roboflow_core/local_file_sink@v1", "name": "save", "content": "$steps.parse.token",
     "file_type": "txt", "output_mode": "separate_files", "target_directory": "saved"}
  ],
  "outputs": [
    {"type": "JsonField", "name": "vault", "selector": "$steps.vault.*"},
    {"type": "JsonField", "name": "token", "selector": "$steps.token.output"},
    {"type": "JsonField", "name": "parsed", "selector": "$steps.parse.*"},
    {"type": "JsonField", "name": "given", "selector": "$steps.given.output"},
    {"type": "JsonField", "name": "hook", "selector": "$steps.hook.*"},
    {"type": "JsonField", "name": "save", "selector": "$steps.save.*"}
  ]
}"#;

#[test]
fn results_are_masked_unless_revealed_and_the_secrets_still_reach_the_sinks() {
    let (url, received) = server(200);
    let deployment = Deployment::new().with_url(&format!("{url}/hook/{CANARY}?id={CANARY}"));
    let workflow = file(EVERY_PATH);
    let path = workflow.path().to_str().unwrap();
    let given = format!("given={CANARY}-given");

    let masked = deployment
        .run(&["run", path, "--param", &given])
        .clean("run");
    assert_eq!(masked.code, Some(0), "{masked:#?}");
    assert!(
        masked.err.is_empty(),
        "a successful run logs nothing: {masked:#?}"
    );
    let results: serde_json::Value = serde_json::from_str(&masked.out).unwrap();
    let row = &results[0];
    assert_eq!(row["token"], "********");
    assert_eq!(row["parsed"]["token"], "********");
    assert_eq!(row["parsed"]["error_status"], true, "a flag stays visible");
    assert_eq!(row["hook"]["error_status"], false, "{row}");
    assert_eq!(row["hook"]["message"], "********");
    assert_eq!(row["save"]["error_status"], false, "{row}");

    // The values did reach the server and the file, in clear.
    let requests = received.lock().unwrap().join("\n");
    assert!(requests.contains(&format!("Bearer {CANARY}")), "{requests}");
    assert!(requests.contains(&format!("/hook/{CANARY}")), "{requests}");
    assert!(requests.contains(&format!("{CANARY}-given")), "{requests}");
    assert!(deployment.written().contains(CANARY));

    let revealed = deployment.run(&["run", path, "--param", &given, "--reveal-secrets"]);
    assert_eq!(revealed.code, Some(0), "{revealed:#?}");
    assert!(
        revealed.out.contains(&format!("Bearer {CANARY}")),
        "{revealed:#?}"
    );
    assert!(
        revealed.out.contains(&format!("{CANARY}-given")),
        "{revealed:#?}"
    );
    assert!(!revealed.err.contains(CANARY));
}

#[test]
fn a_failing_webhook_names_the_host_and_never_the_secrets() {
    let (failing, _) = server(500);
    let cases = [
        ("answers 500", failing),
        ("closes the connection", closing_server()),
        ("is unreachable", unreachable()),
    ];
    let workflow = file(EVERY_PATH);
    let path = workflow.path().to_str().unwrap();
    let given = format!("given={CANARY}");
    for (what, url) in cases {
        let deployment = Deployment::new().with_url(&format!("{url}/{CANARY}?token={CANARY}"));
        let ran = deployment
            .run(&["run", path, "--param", &given])
            .clean(what);
        assert_eq!(ran.code, Some(0), "{what}: {ran:#?}");
        let results: serde_json::Value = serde_json::from_str(&ran.out).unwrap();
        assert_eq!(
            results[0]["hook"]["error_status"], true,
            "{what}: {results}"
        );
        let revealed = deployment.run(&["run", path, "--param", &given, "--reveal-secrets"]);
        let results: serde_json::Value = serde_json::from_str(&revealed.out).unwrap();
        let message = results[0]["hook"]["message"].as_str().unwrap().to_owned();
        assert!(message.contains("127.0.0.1"), "{what}: {message}");
        assert!(
            !message.contains(CANARY),
            "{what}: the message itself holds a secret: {message}"
        );
    }
}

#[test]
fn run_time_errors_mask_the_secrets_they_mention() {
    let deployment = Deployment::new().with_url("http://127.0.0.1:9/hook");
    let cases = [
        (
            "a sink refused a directory from a secret",
            r#"{"type": "roboflow_core/local_file_sink@v1", "name": "save", "content": "$steps.pick.output",
                "output_mode": "append_log", "target_directory": "$steps.directory.output"}"#,
        ),
        (
            "a zone from a secret is unknown",
            r#"{"type": "roboflow_core/current_time@v1", "name": "clock", "timezone": "$steps.pick.output"}"#,
        ),
        (
            "a JSON text from a secret is not a text",
            r#"{"type": "roboflow_core/json_parser@v1", "name": "parse", "raw_json": "$steps.parsed.n", "expected_fields": []}"#,
        ),
    ];
    for (what, step) in cases {
        let text = format!(
            r#"{{"version": "1.0", "inputs": [], "steps": [
                {{"type": "roboflow_core/environment_secrets_store@v1", "name": "vault",
                  "variables_storing_secrets": ["CANARY_TOKEN", "CANARY_DIRECTORY", "CANARY_ZONE", "CANARY_JSON"]}},
                {{"type": "roboflow_core/first_non_empty_or_default@v1", "name": "pick", "data": ["$steps.vault.canary_zone"]}},
                {{"type": "roboflow_core/first_non_empty_or_default@v1", "name": "directory", "data": ["$steps.vault.canary_directory"]}},
                {{"type": "roboflow_core/first_non_empty_or_default@v1", "name": "json", "data": ["$steps.vault.canary_json"]}},
                {{"type": "roboflow_core/json_parser@v1", "name": "parsed", "raw_json": "$steps.json.output", "expected_fields": ["n"]}},
                {step}], "outputs": []}}"#
        );
        let workflow = file(&text);
        let ran = deployment
            .run(&["run", workflow.path().to_str().unwrap()])
            .clean(what);
        assert_eq!(ran.code, Some(1), "{what}: {ran:#?}");
        assert!(ran.err.contains("failed"), "{what}: {ran:#?}");
    }
}

#[test]
fn diagnostics_and_parameter_errors_name_places_not_values() {
    let deployment = Deployment::new();
    let broken = file(
        r#"{"version": "1.0", "inputs": [{"type": "WorkflowParameter", "name": "given", "kind": ["secret"]}],
            "steps": [{"type": "roboflow_core/environment_secrets_store@v1", "name": "vault",
                       "variables_storing_secrets": ["CANARY_TOKEN", "NOT_ALLOWED"]},
                      {"type": "roboflow_core/json_parser@v1", "name": "parse", "raw_json": "$steps.vault.canary_token", "expected_fields": []}],
            "outputs": [{"type": "JsonField", "name": "o", "selector": "$steps.vault.nothing"}]}"#,
    );
    let path = broken.path().to_str().unwrap();
    for args in [
        vec!["validate", path],
        vec!["validate", "--format", "json", path],
        vec!["run", path],
        vec!["run", "--format", "json", path],
    ] {
        let ran = deployment.run(&args).clean("diagnostics");
        assert_eq!(ran.code, Some(2), "{ran:#?}");
    }

    let fine = file(
        r#"{"version": "1.0", "inputs": [{"type": "WorkflowParameter", "name": "given", "kind": ["secret"]}],
            "steps": [], "outputs": [{"type": "JsonField", "name": "o", "selector": "$inputs.given"}]}"#,
    );
    let path = fine.path().to_str().unwrap();
    let unknown = format!("{CANARY}-name={CANARY}");
    let inputs = file(&format!("{{\"given\": \"{CANARY}\", oops}}"));
    for args in [
        vec!["run", path, "--param", &unknown],
        vec!["run", path, "--param", CANARY],
        vec!["run", path, "--inputs", inputs.path().to_str().unwrap()],
    ] {
        let ran = deployment.run(&args);
        assert_eq!(ran.code, Some(2), "{ran:#?}");
        // A parameter's name is the operator's own words; its value never shows.
        let shown = ran.all().replace(&format!("`{CANARY}-name`"), "`NAME`");
        assert!(!shown.contains(CANARY), "{ran:#?}");
    }
}

#[test]
fn describing_listing_and_documenting_never_read_a_secret() {
    let deployment = Deployment::new();
    let docs = tempfile::tempdir().unwrap();
    let step = file(
        r#"{"type": "roboflow_core/environment_secrets_store@v1", "name": "vault", "variables_storing_secrets": ["CANARY_TOKEN"]}"#,
    );
    let mut commands: Vec<Vec<String>> = [
        vec!["list"],
        vec!["describe"],
        vec!["describe", "--draft07"],
        vec!["definition-schema"],
        vec!["meta-schema"],
        vec!["--help"],
        vec!["--version"],
        vec!["outputs", step.path().to_str().unwrap()],
        vec!["docs", "--out", docs.path().to_str().unwrap()],
    ]
    .iter()
    .map(|args| args.iter().map(|arg| (*arg).to_owned()).collect())
    .collect();
    let registry = blocks::registry().unwrap();
    for entry in registry.entries() {
        commands.push(vec!["schema".into(), entry.metadata().type_id.into()]);
    }
    for args in &commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let ran = deployment.run(&args).clean(&args.join(" "));
        assert_eq!(ran.code, Some(0), "{ran:#?}");
    }
    let mut pages = vec![docs.path().to_owned()];
    while let Some(folder) = pages.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pages.push(path);
            } else {
                let page = std::fs::read_to_string(&path).unwrap();
                assert!(!page.contains(CANARY), "{}", path.display());
            }
        }
    }
}

/// In process: every public type that can hold a secret shows it in none
/// of its `Debug`, `Display` or masked serialised forms.
#[test]
fn types_holding_a_secret_never_show_it() {
    fn hidden(what: &str, shown: &str) {
        assert!(!shown.contains(CANARY), "{what} shows the canary: {shown}");
    }
    let secret = Secret::new(CANARY);
    hidden("Secret Debug", &format!("{secret:?}"));
    hidden("Secret Display", &format!("{secret}"));
    hidden("Secret JSON", &serde_json::to_string(&secret).unwrap());
    hidden("Revealed Debug", &format!("{:?}", secret.revealed()));

    let values = [
        Value::secret(Some(secret.clone())),
        Value::json(json!({"nested": [CANARY]})).tainted(),
        Value::outputs(
            [("a".to_owned(), Value::secret(Some(secret.clone())))]
                .into_iter()
                .collect(),
        ),
    ];
    for value in &values {
        hidden("Value Debug", &format!("{value:?}"));
        hidden(
            "Value masked",
            &serde_json::to_string(&value.masked()).unwrap(),
        );
        hidden("Shown Debug", &format!("{:?}", value.revealed()));
    }
    let outputs = Outputs::new()
        .with("token", values[0].clone())
        .with_flag("error_status", true);
    hidden("Outputs Debug", &format!("{outputs:?}"));
    // A block's error about a value it read from a secret.
    let clock: CurrentTime =
        serde_json::from_value(json!({"type": "roboflow_core/current_time@v1", "name": "clock", "timezone": "$inputs.zone"}))
            .unwrap();
    let zone = Values::default().with(
        "$inputs.zone",
        Value::secret(Some(Secret::new(format!("Mars/{CANARY}")))),
    );
    let error: RunError = zone.run(&clock, &Context::default()).unwrap_err();
    hidden("RunError Debug", &format!("{error:?}"));
    hidden("RunError Display", &error.to_string());

    // Inputs after reading a secret.
    let resolved = Values::default().with("$inputs.token", values[0].clone());
    let inputs = Inputs::new(&resolved);
    let read = inputs.value(&"$inputs.token".parse().unwrap()).unwrap();
    assert!(read.is_tainted());
    hidden("Inputs Debug", &format!("{inputs:?}"));
    hidden("Values Debug", &format!("{resolved:?}"));

    // Results, their views and a run's failure.
    let registry = blocks::registry().unwrap();
    let context = Context::default();
    let text = r#"{"version": "1.0",
        "inputs": [{"type": "WorkflowParameter", "name": "token", "kind": ["secret"]}],
        "steps": [
          {"type": "roboflow_core/first_non_empty_or_default@v1", "name": "pick", "data": ["$inputs.token"]},
          {"type": "roboflow_core/current_time@v1", "name": "clock", "timezone": "$steps.pick.output"}],
        "outputs": [{"type": "JsonField", "name": "token", "selector": "$steps.pick.output"}]}"#;
    let compiled = workflow::compile(text, &registry, &context).unwrap();
    hidden("Compiled Debug", &format!("{compiled:?}"));
    let failure = compiled
        .run(json!({"token": CANARY}).as_object().unwrap(), &context)
        .unwrap_err();
    assert!(matches!(failure, RunFailure::Step { .. }));
    hidden("RunFailure Debug", &format!("{failure:?}"));
    hidden("RunFailure Display", &failure.to_string());
    let results = compiled
        .run(json!({"token": "UTC"}).as_object().unwrap(), &context)
        .unwrap();
    let canary_results = {
        let text = text.replace(
            r#"{"type": "roboflow_core/current_time@v1", "name": "clock", "timezone": "$steps.pick.output"}"#,
            r#"{"type": "roboflow_core/json_parser@v1", "name": "clock", "raw_json": "$steps.pick.output", "expected_fields": []}"#,
        );
        let compiled = workflow::compile(&text, &registry, &context).unwrap();
        compiled
            .run(json!({"token": CANARY}).as_object().unwrap(), &context)
            .unwrap()
    };
    for results in [&results, &canary_results] {
        hidden("Results Debug", &format!("{results:?}"));
        hidden(
            "Results masked",
            &serde_json::to_string(&results.masked()).unwrap(),
        );
        hidden("ShownResults Debug", &format!("{:?}", results.revealed()));
    }
    assert!(
        serde_json::to_string(&canary_results.revealed())
            .unwrap()
            .contains(CANARY),
        "revealed on request"
    );
    hidden(
        "Context Debug",
        &format!(
            "{:?}",
            Context::default().with_env(EnvAccess::from_settings("CANARY_*", None).unwrap())
        ),
    );
}

/// In process: the parsed blocks, whose state may keep what a run read.
#[test]
fn parsed_blocks_never_show_a_secret_they_used() {
    let writable = tempfile::tempdir().unwrap();
    let context = Context::default().with_writable_directory(writable.path());
    let sink: LocalFileSink = serde_json::from_value(json!({
        "type": "roboflow_core/local_file_sink@v1", "name": "save", "content": "$inputs.content",
        "output_mode": "append_log", "target_directory": "$inputs.directory", "file_type": "txt"
    }))
    .unwrap();
    let values = Values::default()
        .with("$inputs.content", Value::secret(Some(Secret::new(CANARY))))
        .with(
            "$inputs.directory",
            Value::secret(Some(Secret::new(format!("logs-{CANARY}")))),
        );
    let (outputs, read_secret) = values.run(&sink, &context).unwrap();
    assert!(read_secret);
    assert!(!format!("{sink:?}").contains(CANARY), "{sink:?}");
    assert!(!format!("{outputs:?}").contains(CANARY), "{outputs:?}");

    let hook: WebhookSink = serde_json::from_value(json!({
        "type": "roboflow_core/webhook_sink@v1", "name": "hook", "url": "$inputs.url", "method": "GET",
        "headers": {"Authorization": "$inputs.token"}, "fire_and_forget": false, "request_timeout": 1
    }))
    .unwrap();
    let values = Values::default()
        .with(
            "$inputs.url",
            Value::secret(Some(Secret::new(format!("{}/{CANARY}", unreachable())))),
        )
        .with("$inputs.token", Value::secret(Some(Secret::new(CANARY))));
    let (outputs, _) = values.run(&hook, &Context::default()).unwrap();
    assert!(!format!("{hook:?}").contains(CANARY), "{hook:?}");
    let message = outputs.get("message").unwrap().expose();
    assert!(!message.to_string().contains(CANARY), "{message}");
}

/// In process: each block that passes a value on keeps its taint, so the
/// results mask it; flags stay visible; reveal shows every value.
#[test]
fn taint_passes_through_every_block_that_passes_values_on() {
    let (url, received) = server(200);
    let writable = tempfile::tempdir().unwrap();
    let context = Context::default().with_writable_directory(writable.path());
    let registry = blocks::registry().unwrap();
    let text = format!(
        r#"{{"version": "1.0",
        "inputs": [
          {{"type": "WorkflowParameter", "name": "token", "kind": ["secret"]}},
          {{"type": "WorkflowParameter", "name": "answer", "kind": ["secret", "language_model_output"]}},
          {{"type": "WorkflowParameter", "name": "zone", "kind": ["secret", "string"]}}
        ],
        "steps": [
          {{"type": "roboflow_core/first_non_empty_or_default@v1", "name": "pick", "data": ["$inputs.token"]}},
          {{"type": "roboflow_core/json_parser@v1", "name": "parse", "raw_json": "$inputs.answer", "expected_fields": ["token"]}},
          {{"type": "roboflow_core/current_time@v1", "name": "clock", "timezone": "$inputs.zone"}},
          {{"type": "roboflow_core/webhook_sink@v1", "name": "hook", "url": "{url}/hook", "method": "POST",
            "headers": {{"Authorization": "$steps.pick.output"}}, "fire_and_forget": false, "cooldown_seconds": 0}},
          {{"type": "roboflow_core/local_file_sink@v1", "name": "save", "content": "$steps.parse.token",
            "file_type": "txt", "output_mode": "separate_files", "target_directory": "out"}}
        ],
        "outputs": [
          {{"type": "JsonField", "name": "pick", "selector": "$steps.pick.*"}},
          {{"type": "JsonField", "name": "parse", "selector": "$steps.parse.*"}},
          {{"type": "JsonField", "name": "clock", "selector": "$steps.clock.*"}},
          {{"type": "JsonField", "name": "hook", "selector": "$steps.hook.*"}},
          {{"type": "JsonField", "name": "save", "selector": "$steps.save.*"}}
        ]}}"#
    );
    let compiled = workflow::compile(&text, &registry, &context).unwrap();
    let params =
        json!({"token": CANARY, "answer": format!("{{\"token\": \"{CANARY}\"}}"), "zone": "UTC"});
    let results = compiled.run(params.as_object().unwrap(), &context).unwrap();
    let masked = serde_json::to_value(results.masked()).unwrap();
    let row = &masked[0];
    assert_eq!(row["pick"], json!({"output": "********"}));
    assert_eq!(
        row["parse"],
        json!({"token": "********", "error_status": false})
    );
    for output in ["timestamp", "iso_string", "date", "time"] {
        assert_eq!(
            row["clock"][output], "********",
            "the clock read a secret zone"
        );
    }
    assert_eq!(
        row["hook"],
        json!({"error_status": false, "throttling_status": false, "message": "********"})
    );
    assert_eq!(
        row["save"],
        json!({"error_status": false, "message": "********"})
    );
    assert!(!masked.to_string().contains(CANARY));

    let revealed = serde_json::to_value(results.revealed()).unwrap();
    assert_eq!(revealed[0]["pick"]["output"], CANARY);
    assert_eq!(revealed[0]["parse"]["token"], CANARY);
    assert!(received.lock().unwrap().join("\n").contains(CANARY));
}
