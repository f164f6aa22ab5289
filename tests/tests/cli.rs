//! The `blocks` command line, run in process: stdout, stderr and exit codes.

use std::path::Path;

use serde_json::Value;

use block_tests::{CliRun as Run, run_cli as blocks};

fn json(run: &Run) -> Value {
    assert_eq!(run.code, 0, "stderr: {}", run.err);
    serde_json::from_str(&run.out).unwrap()
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples")
        .join(name)
        .display()
        .to_string()
}

fn step_file(text: &str) -> tempfile::NamedTempFile {
    use std::io::Write;
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(text.as_bytes()).unwrap();
    file
}

#[test]
fn outputs_of_the_example_step_are_lowercase_secrets() {
    let outputs = json(&blocks(&["outputs", &example("vault_step.json")]));
    let shown: Vec<(&str, &str)> = outputs
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["name"].as_str().unwrap(),
                o["kind"][0]["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [("my_secret_a", "secret"), ("my_secret_b", "secret")]
    );
}

#[test]
fn list_and_schema_and_describe() {
    let list = json(&blocks(&["list"]));
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|b| b["id"] == "roboflow_core/environment_secrets_store@v1")
    );
    let schema = json(&blocks(&[
        "schema",
        "roboflow_core/environment_secrets_store@v1",
    ]));
    assert_eq!(schema["block_type"], "secrets_provider");
    let describe = json(&blocks(&["describe"]));
    let block = describe["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["manifest_type_identifier"] == "roboflow_core/environment_secrets_store@v1")
        .unwrap();
    assert_eq!(
        block["human_friendly_block_name"],
        "Environment Secrets Store"
    );
    assert_eq!(block["execution_engine_compatibility"], ">=1.4.0,<2.0.0");
    assert_eq!(block["outputs_manifest"][0]["name"], "*");
    assert_eq!(
        blocks(&["describe"]).out,
        blocks(&["describe"]).out,
        "byte-identical across runs"
    );
}

#[test]
fn an_unknown_block_suggests_the_closest_and_exits_2() {
    let run = blocks(&["schema", "roboflow_core/environment_secret_store@v1"]);
    assert_eq!(run.code, 2);
    assert!(run.out.is_empty());
    assert!(
        run.err
            .contains("did you mean `roboflow_core/environment_secrets_store@v1`?"),
        "{}",
        run.err
    );
}

#[test]
fn invalid_step_files_exit_2_with_the_place() {
    let cases = [
        ("{\"type\": ", ":1:9: not valid JSON"),
        ("{\"name\": \"v\"}", "/type: a step needs `type`"),
        (
            "{\"type\": \"roboflow_core/environment_secrets_store@v1\", \"name\": \"v\", \"variables_storing_secrets\": []}",
            "/variables_storing_secrets: needs at least 1 entry",
        ),
        (
            "{\"type\": \"roboflow_core/environment_secrets_store@v1\", \"name\": \"v\", \"variables_storing_secrets\": [\"A\", \"a\"]}",
            "/variables_storing_secrets/1: `a` and the entry at /variables_storing_secrets/0 both become the output `a`",
        ),
    ];
    for (text, expected) in cases {
        let file = step_file(text);
        let run = blocks(&["outputs", file.path().to_str().unwrap()]);
        assert_eq!(run.code, 2, "{text}");
        assert!(run.err.contains(expected), "{text}: {}", run.err);
    }
    let missing = blocks(&["outputs", "/nonexistent/step.json"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.err.contains("cannot read the step file"),
        "{}",
        missing.err
    );
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(blocks(&["frobnicate"]).code, 2);
    assert_eq!(blocks(&["schema"]).code, 2);
    let help = blocks(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.out.contains("outputs"));
}

fn workflow_file(json: &serde_json::Value) -> tempfile::NamedTempFile {
    step_file(&serde_json::to_string_pretty(json).unwrap())
}

#[test]
fn validate_accepts_every_example_and_reports_each_problem_with_its_place() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut examples: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|item| item.unwrap().path())
        .filter(|path| std::fs::read_to_string(path).unwrap().contains("\"steps\""))
        .map(|path| path.display().to_string())
        .collect();
    examples.sort();
    let mut args = vec!["validate", "--allow-env", "*"];
    args.extend(examples.iter().map(String::as_str));
    let run = blocks(&args);
    assert_eq!(run.code, 0, "{}{}", run.out, run.err);
    assert_eq!(run.out.lines().count(), examples.len());

    let broken = step_file(
        "{\n  \"version\": \"1.0\",\n  \"inputs\": [],\n  \"steps\": [\n    {\"type\": \"roboflow_core/json_parser@v1\", \"name\": \"p\", \"raw_json\": \"$steps.nowhere.output\", \"expected_fields\": []}\n  ],\n  \"outputs\": []\n}\n",
    );
    let path = broken.path().to_str().unwrap();
    let human = blocks(&["validate", path]);
    assert_eq!(human.code, 2);
    assert!(human.err.contains(&format!("{path}:5:")), "{}", human.err);
    assert!(human.err.contains("error[unknown-step]"), "{}", human.err);
    let json = blocks(&["validate", "--format", "json", path]);
    assert_eq!(json.code, 2);
    let diagnostics: Value = serde_json::from_str(&json.out).unwrap();
    let first = &diagnostics[0];
    assert_eq!(first["code"], "unknown-step");
    assert_eq!(first["pointer"], "/steps/0/raw_json");
    assert_eq!(first["line"], 5);
    assert!(first["column"].as_u64().unwrap() > 1);
}

#[test]
fn run_prints_results_masks_secrets_and_reveals_them_on_request() {
    let parsed = json(&blocks(&["run", &example("parse_json.json")]));
    assert_eq!(parsed[0]["model_id"], "yolov8n-640");
    assert_eq!(parsed[0]["incomplete"], true);

    // PATH is always set: a stand-in secret that needs no `unsafe` set_var.
    let vault = serde_json::json!({
        "version": "1.0",
        "inputs": [{"type": "WorkflowParameter", "name": "fallback"}],
        "steps": [
            {"type": "roboflow_core/environment_secrets_store@v1", "name": "vault", "variables_storing_secrets": ["PATH"]},
            {"type": "roboflow_core/first_non_empty_or_default@v1", "name": "pick", "data": ["$steps.vault.path", "$inputs.fallback"]}
        ],
        "outputs": [{"type": "JsonField", "name": "picked", "selector": "$steps.pick.output"}]
    });
    let file = workflow_file(&vault);
    let path = file.path().to_str().unwrap();
    let secret = std::env::var("PATH").unwrap();
    let masked = blocks(&["run", path, "--allow-env", "PATH", "--param", "fallback=x"]);
    assert_eq!(json(&masked)[0]["picked"], "********");
    assert!(!masked.out.contains(&secret) && !masked.err.contains(&secret));
    let revealed = blocks(&[
        "run",
        path,
        "--allow-env",
        "PATH",
        "--param",
        "fallback=x",
        "--reveal-secrets",
    ]);
    assert_eq!(json(&revealed)[0]["picked"], Value::from(secret));

    let denied = blocks(&["run", path, "--param", "fallback=x"]);
    assert_eq!(denied.code, 2);
    assert!(
        denied.err.contains("error[not-allowed]") && denied.err.contains("--allow-env PATH"),
        "{}",
        denied.err
    );
    let missing = blocks(&["run", path, "--allow-env", "PATH"]);
    assert_eq!(missing.code, 2);
    assert!(missing.err.contains("`fallback`"), "{}", missing.err);
}

#[test]
fn parameters_come_from_flags_and_files_and_a_failing_step_exits_1() {
    let clock = serde_json::json!({
        "version": "1.0",
        "inputs": [{"type": "WorkflowParameter", "name": "zone", "default_value": "UTC"}],
        "steps": [{"type": "roboflow_core/current_time@v1", "name": "clock", "timezone": "$inputs.zone"}],
        "outputs": [{"type": "JsonField", "name": "date", "selector": "$steps.clock.date"}]
    });
    let file = workflow_file(&clock);
    let path = file.path().to_str().unwrap();
    assert_eq!(
        json(&blocks(&["run", path]))[0]["date"]
            .as_str()
            .unwrap()
            .len(),
        10
    );
    let inputs = step_file("{\"zone\": \"Asia/Tokyo\"}");
    assert_eq!(
        blocks(&["run", path, "--inputs", inputs.path().to_str().unwrap()]).code,
        0
    );
    let failed = blocks(&["run", path, "--param", "zone=Mars/Olympus_Mons"]);
    assert_eq!(failed.code, 1, "{}", failed.err);
    assert!(failed.err.contains("step `clock`"), "{}", failed.err);
    let bad = blocks(&["run", path, "--param", "zone"]);
    assert_eq!(bad.code, 2);
    assert!(bad.err.contains("NAME=VALUE"), "{}", bad.err);
}
