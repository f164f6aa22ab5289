//! The `blocks` command line, run in process: stdout, stderr and exit codes.

use std::path::Path;

use serde_json::Value;

struct Run {
    code: u8,
    out: String,
    err: String,
}

fn blocks(args: &[&str]) -> Run {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let arguments = std::iter::once("blocks")
        .chain(args.iter().copied())
        .map(Into::into);
    let code = blocks::cli::main(arguments, &mut out, &mut err);
    Run {
        code,
        out: String::from_utf8(out).unwrap(),
        err: String::from_utf8(err).unwrap(),
    }
}

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
