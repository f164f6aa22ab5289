//! The operator's limits on workflow files, set from the command line and
//! from the environment: each refuses a file over it with a diagnostic
//! naming the limit and its setting, a flag wins over its variable, and a
//! setting that cannot be used is refused before any file is read.

use std::io::Write;
use std::process::Command;

use serde_json::Value;

/// A workflow of three steps, nested four levels deep, whose longest text
/// is 44 bytes, in 400 bytes or so.
const WORKFLOW: &str = r#"{
  "version": "1.0",
  "inputs": [],
  "steps": [
    {"type": "roboflow_core/current_time@v1", "name": "a"},
    {"type": "roboflow_core/current_time@v1", "name": "b"},
    {"type": "roboflow_core/first_non_empty_or_default@v1", "name": "c", "data": ["$steps.a.date"]}
  ],
  "outputs": []
}"#;

struct Ran {
    code: Option<i32>,
    out: String,
    err: String,
}

/// Runs `blocks validate --format json` on the workflow with `args` and
/// the environment `variables`.
fn validate(args: &[&str], variables: &[(&str, &str)]) -> Ran {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(WORKFLOW.as_bytes()).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_blocks-process"))
        .args(["validate", "--format", "json"])
        .args(args)
        .arg(file.path())
        .env_clear()
        .envs(variables.iter().copied())
        .output()
        .unwrap();
    Ran {
        code: output.status.code(),
        out: String::from_utf8_lossy(&output.stdout).into_owned(),
        err: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The one diagnostic of a refused file.
fn refusal(ran: &Ran) -> Value {
    assert_eq!(ran.code, Some(2), "{}{}", ran.out, ran.err);
    let diagnostics: Value = serde_json::from_str(&ran.out).unwrap();
    assert_eq!(
        diagnostics.as_array().map(Vec::len),
        Some(1),
        "{diagnostics}"
    );
    assert_eq!(diagnostics[0]["code"], "limit-exceeded", "{diagnostics}");
    diagnostics[0].clone()
}

#[test]
fn the_workflow_is_within_the_default_limits() {
    let ran = validate(&[], &[]);
    assert_eq!(ran.code, Some(0), "{}{}", ran.out, ran.err);
}

#[test]
fn each_limit_refuses_from_its_flag_and_from_its_variable() {
    let cases = [
        (
            "--max-file-bytes",
            "BLOCKS_MAX_FILE_BYTES",
            "100",
            "bytes per file",
            "",
        ),
        (
            "--max-steps",
            "BLOCKS_MAX_STEPS",
            "2",
            "steps per workflow",
            "/steps",
        ),
        (
            "--max-depth",
            "BLOCKS_MAX_DEPTH",
            "3",
            "levels of nested lists",
            "/steps/2/data",
        ),
        (
            "--max-string-bytes",
            "BLOCKS_MAX_STRING_BYTES",
            "40",
            "bytes per text",
            "/steps/2/type",
        ),
    ];
    for (flag, variable, value, counts, pointer) in cases {
        for ran in [
            validate(&[flag, value], &[]),
            validate(&[], &[(variable, value)]),
        ] {
            let diagnostic = refusal(&ran);
            let message = diagnostic["message"].as_str().unwrap();
            assert!(message.contains(counts), "{flag}: {message}");
            assert!(
                message.contains(&format!("{variable} (`{flag}`)")),
                "{flag}: the message names the setting: {message}"
            );
            assert_eq!(diagnostic["pointer"], pointer, "{flag}");
        }
        // The flag wins over the variable.
        let roomy = if flag == "--max-depth" {
            "100"
        } else {
            "100000"
        };
        let ran = validate(&[flag, roomy], &[(variable, value)]);
        assert_eq!(ran.code, Some(0), "{flag}: {}{}", ran.out, ran.err);
    }
}

#[test]
fn a_setting_that_cannot_be_used_is_refused_naming_itself() {
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);
    let cases: [Case<'_>; 4] = [
        (
            &["--max-steps", "many"],
            &[],
            "--max-steps is `many`, which is not a whole number",
        ),
        (
            &["--max-depth", "500"],
            &[],
            "--max-depth is 500, but the limit of levels of nested lists and objects must be from 1 to 100",
        ),
        (
            &[],
            &[("BLOCKS_MAX_FILE_BYTES", "8MB")],
            "BLOCKS_MAX_FILE_BYTES is `8MB`",
        ),
        (
            &[],
            &[("BLOCKS_MAX_STRING_BYTES", "0")],
            "BLOCKS_MAX_STRING_BYTES is 0",
        ),
    ];
    for (args, variables, expected) in cases {
        let ran = validate(args, variables);
        assert_eq!(ran.code, Some(2), "{args:?} {variables:?}");
        assert!(ran.out.is_empty(), "no file was read: {}", ran.out);
        assert!(ran.err.contains(expected), "{}", ran.err);
    }
}
