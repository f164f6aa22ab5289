//! Running compiled workflows: results, skipping, taint, reveal,
//! parameters, failures and threads.

use serde_json::{Map, Value as Json, json};

use super::blocks::{context, registry};
use super::{WORKFLOW, edited};
use crate::secret::MASK;
use crate::workflow::{Compiled, Results, RunFailure, compile};

fn compiled(text: &str) -> Compiled {
    compile(text, &registry(), &context()).unwrap_or_else(|found| panic!("{found:#?}"))
}

fn params(json: Json) -> Map<String, Json> {
    json.as_object().cloned().unwrap_or_default()
}

fn run(compiled: &Compiled, given: Json) -> Results {
    compiled.run(&params(given), &context()).unwrap()
}

#[test]
fn results_have_the_reference_shape_and_are_masked() {
    let results = run(&compiled(WORKFLOW), json!({"greeting": "hi"}));
    let shown = serde_json::to_value(results.masked()).unwrap();
    let expected = json!([{
        "token": MASK,
        "loud": "HI",
        "vault": {"my_token": MASK, "unset_key": null},
        "fallback": "none",
    }]);
    assert_eq!(shown, expected);
    assert!(
        !serde_json::to_string(&results.masked())
            .unwrap()
            .contains("secret-of")
    );
    assert!(!format!("{results:?}").contains("secret-of"));
}

#[test]
fn reveal_shows_every_value_in_clear() {
    let results = run(
        &compiled(WORKFLOW),
        json!({"greeting": "hi", "fallback": "given"}),
    );
    let shown = serde_json::to_value(results.revealed()).unwrap();
    let expected = json!([{
        "token": "secret-of-MY_TOKEN",
        "loud": "HI",
        "vault": {"my_token": "secret-of-MY_TOKEN", "unset_key": null},
        "fallback": "given",
    }]);
    assert_eq!(shown, expected);
}

#[test]
fn taint_survives_a_block_whose_output_is_any_kind() {
    let results = run(&compiled(WORKFLOW), json!({"greeting": "hi"}));
    let token = results.get("token").unwrap();
    assert!(token.is_tainted());
    assert_eq!(token.expose(), json!("secret-of-MY_TOKEN"));
}

#[test]
fn a_step_with_a_null_input_is_skipped() {
    let text = edited(&[
        (
            r#""data": ["$steps.vault.unset_key", "$steps.vault.my_token"]"#,
            r#""data": ["$steps.vault.unset_key"]"#,
        ),
        ("$inputs.greeting", "$steps.pick.output"),
    ]);
    let results = run(&compiled(&text), json!({"greeting": "unused"}));
    // The pass-through accepts empty values: it ran and gave its default.
    assert_eq!(results.get("token").unwrap().expose(), json!(null));
    assert_eq!(
        results.get("loud").unwrap().expose(),
        json!(null),
        "shout was skipped"
    );

    let results = run(&compiled(WORKFLOW), json!({"greeting": null}));
    assert_eq!(
        results.get("loud").unwrap().expose(),
        json!(null),
        "a null parameter skips too"
    );
}

#[test]
fn parameters_take_defaults_and_refuse_gaps() {
    let compiled = compiled(WORKFLOW);
    let results = run(&compiled, json!({"greeting": "hi"}));
    assert_eq!(results.get("fallback").unwrap().expose(), json!("none"));

    let failure = compiled
        .run(
            &params(json!({"fallback": "x", "greting": "hi"})),
            &context(),
        )
        .unwrap_err();
    let RunFailure::Parameters {
        missing, unknown, ..
    } = &failure
    else {
        panic!("{failure}")
    };
    assert_eq!(
        (missing.as_slice(), unknown.as_slice()),
        (&["greeting".to_owned()][..], &["greting".to_owned()][..])
    );
    assert!(failure.to_string().contains("`greeting`"), "{failure}");
}

#[test]
fn an_input_of_kind_secret_is_masked() {
    let text = edited(&[(
        r#""name": "fallback", "default_value""#,
        r#""name": "fallback", "kind": ["secret"], "default_value""#,
    )]);
    let results = run(
        &compiled(&text),
        json!({"greeting": "hi", "fallback": "hunter2"}),
    );
    let shown = serde_json::to_value(results.masked()).unwrap();
    assert_eq!(shown[0]["fallback"], json!(MASK));
}

#[test]
fn a_failing_step_is_named_and_its_secrets_masked() {
    let compiled = compiled(WORKFLOW);
    let failure = compiled
        .run(&params(json!({"greeting": "please fail"})), &context())
        .unwrap_err();
    assert_eq!(
        failure,
        RunFailure::Step {
            step: "shout".into(),
            message: "cannot shout `please fail`".into()
        }
    );

    let text = edited(&[
        (
            r#"["MY_TOKEN", "UNSET_KEY"]"#,
            r#"["FAIL_TOKEN", "UNSET_KEY"]"#,
        ),
        ("$steps.vault.my_token", "$steps.vault.fail_token"),
        ("$inputs.greeting", "$steps.pick.output"),
    ]);
    let failure = self::compiled(&text)
        .run(&params(json!({"greeting": "x"})), &context())
        .unwrap_err();
    let message = failure.to_string();
    assert!(message.starts_with("step `shout` failed"), "{message}");
    assert!(!message.contains("secret-of"), "{message}");
    assert!(message.contains(MASK), "{message}");
}

#[test]
fn one_compiled_workflow_runs_from_eight_threads() {
    let compiled = compiled(WORKFLOW);
    std::thread::scope(|scope| {
        for thread in 0..8 {
            let compiled = &compiled;
            scope.spawn(move || {
                for round in 0..25 {
                    let greeting = format!("t{thread}r{round}");
                    let results = run(compiled, json!({"greeting": greeting}));
                    assert_eq!(
                        results.get("loud").unwrap().expose(),
                        json!(greeting.to_uppercase())
                    );
                    assert!(results.get("token").unwrap().is_tainted());
                }
            });
        }
    });
}

/// Compiles and runs a chain of `STEPS` pass-through steps; run in release
/// with `--ignored --nocapture` to see the time.
#[test]
#[ignore = "a timing measure, not a check"]
fn a_long_chain_compiles_quickly() {
    const STEPS: usize = 100_000;
    let mut steps = vec![
        json!({"type": "test/vault@v1", "name": "s0", "variables_storing_secrets": ["MY_TOKEN"]}),
    ];
    steps.push(
        json!({"type": "test/first_non_empty@v1", "name": "s1", "data": ["$steps.s0.my_token"]}),
    );
    for index in 2..STEPS {
        let data = [
            format!("$steps.s{}.output", index - 1),
            "$inputs.fallback".to_owned(),
        ];
        steps.push(
            json!({"type": "test/first_non_empty@v1", "name": format!("s{index}"), "data": data}),
        );
    }
    let last = format!("$steps.s{}.output", STEPS - 1);
    let text = serde_json::to_string_pretty(&json!({
        "version": "1.0.0",
        "inputs": [{"type": "WorkflowParameter", "name": "fallback", "default_value": null}],
        "steps": steps,
        "outputs": [{"type": "JsonField", "name": "last", "selector": last}],
    }))
    .unwrap();
    let start = std::time::Instant::now();
    let compiled = compiled(&text);
    let compiling = start.elapsed();
    let start = std::time::Instant::now();
    let results = run(&compiled, json!({}));
    println!(
        "{STEPS} steps, {} bytes: compile {compiling:?}, run {:?}",
        text.len(),
        start.elapsed()
    );
    assert!(results.get("last").unwrap().is_tainted());
}
