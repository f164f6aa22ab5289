//! Each diagnostic, asserted with its code, pointer, line and column.

use super::blocks::{context, registry};
use super::{WORKFLOW, edited, expect, place_of};
use crate::context::{Context, EnvAccess};
use crate::workflow::diagnostic::{Diagnostic, code, render_human, render_json};
use crate::workflow::{Compiled, compile};

fn problems(text: &str) -> Vec<Diagnostic> {
    compile(text, &registry(), &context()).expect_err("the workflow has problems")
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<&str> {
    diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn the_sample_workflow_compiles() {
    let compiled = compile(WORKFLOW, &registry(), &context()).unwrap();
    assert_eq!(
        compiled.step_names().collect::<Vec<_>>(),
        ["vault", "pick", "shout"]
    );
}

#[test]
fn a_json_syntax_error_is_placed() {
    let text = edited(&[(r#""$inputs.greeting"}"#, r#""$inputs.greeting",}"#)]);
    let found = problems(&text);
    assert_eq!(codes(&found), [code::INVALID_JSON]);
    // On the comma, not on the bracket where the parser stopped.
    assert_eq!((found[0].line, found[0].column), place_of(&text, ",}"));
    assert!(
        found[0].message.contains("trailing comma"),
        "{}",
        found[0].message
    );
}

#[test]
fn step_schema_violations_are_all_reported() {
    let text = edited(&[
        (r#"["MY_TOKEN", "UNSET_KEY"]"#, r#"[], "colour": 1"#),
        (r#""text": "$inputs.greeting""#, r#""text": 5"#),
    ]);
    let found = problems(&text);
    let empty = expect(
        &found,
        &text,
        code::INVALID_VALUE,
        "/steps/0/variables_storing_secrets",
        "[], \"colour\"",
    );
    assert!(
        empty.message.contains("needs at least 1 item"),
        "{}",
        empty.message
    );
    assert_eq!(
        (empty.step.as_deref(), empty.property.as_deref()),
        (Some("vault"), Some("variables_storing_secrets"))
    );
    let unknown = expect(
        &found,
        &text,
        code::UNKNOWN_PROPERTY,
        "/steps/0/colour",
        "1}",
    );
    assert!(
        unknown.message.contains("`variables_storing_secrets`"),
        "{}",
        unknown.message
    );
    let wrong = expect(&found, &text, code::INVALID_VALUE, "/steps/2/text", "5}");
    assert!(
        wrong.message.contains("expected a string"),
        "{}",
        wrong.message
    );
}

#[test]
fn a_missing_property_is_placed_on_its_step() {
    let text = edited(&[(r#", "text": "$inputs.greeting""#, "")]);
    let found = problems(&text);
    let missing = expect(
        &found,
        &text,
        code::MISSING_PROPERTY,
        "/steps/2",
        r#"{"type": "test/shout@v1""#,
    );
    assert_eq!(missing.property.as_deref(), Some("text"));
    assert!(
        missing.message.contains("needs `text`"),
        "{}",
        missing.message
    );
}

#[test]
fn an_unknown_block_gets_the_closest_identifier() {
    let text = edited(&[("test/vault@v1", "test/vualt@v1")]);
    let found = problems(&text);
    let unknown = expect(
        &found,
        &text,
        code::UNKNOWN_BLOCK,
        "/steps/0/type",
        "\"test/vualt@v1\"",
    );
    assert!(
        unknown.message.contains("did you mean `test/vault@v1`?"),
        "{}",
        unknown.message
    );
    // The step's outputs are unknown: its readers are not blamed for them.
    assert_eq!(codes(&found), [code::UNKNOWN_BLOCK]);
}

#[test]
fn duplicate_names_are_reported_at_the_second_use() {
    let text = edited(&[
        (
            r#""name": "fallback", "default_value""#,
            r#""name": "greeting", "default_value""#,
        ),
        (r#""name": "shout""#, r#""name": "pick""#),
        (r#""name": "loud""#, r#""name": "token""#),
        ("$inputs.fallback", "$inputs.greeting"),
    ]);
    let found = problems(&text);
    let input = expect(
        &found,
        &text,
        code::DUPLICATE_NAME,
        "/inputs/1/name",
        r#""greeting", "default_value""#,
    );
    let (line, _) = place_of(&text, r#"{"type": "WorkflowParameter", "name": "greeting""#);
    assert!(
        input
            .message
            .contains(&format!("at line {line} (/inputs/0)")),
        "{}",
        input.message
    );
    expect(
        &found,
        &text,
        code::DUPLICATE_NAME,
        "/steps/2/name",
        r#""pick", "text""#,
    );
    expect(
        &found,
        &text,
        code::DUPLICATE_NAME,
        "/outputs/1/name",
        r#""token", "selector": "$steps.shout"#,
    );
}

#[test]
fn malformed_selectors_are_reported_once_each() {
    let text = edited(&[
        ("$inputs.greeting", "$steps.vault"),
        ("$steps.pick.output", "$step.pick.output"),
    ]);
    let found = problems(&text);
    assert_eq!(
        codes(&found),
        [code::MALFORMED_SELECTOR, code::MALFORMED_SELECTOR]
    );
    let step = expect(
        &found,
        &text,
        code::MALFORMED_SELECTOR,
        "/steps/2/text",
        "\"$steps.vault\"",
    );
    assert!(
        step.message.contains("$steps.STEP.OUTPUT"),
        "{}",
        step.message
    );
    expect(
        &found,
        &text,
        code::MALFORMED_SELECTOR,
        "/outputs/0/selector",
        "\"$step.pick",
    );
}

#[test]
fn references_to_missing_inputs_steps_and_outputs() {
    let text = edited(&[
        ("$inputs.greeting", "$inputs.greting"),
        ("$steps.vault.unset_key", "$steps.valt.unset_key"),
        ("$steps.vault.my_token", "$steps.vault.MY_TOKEN"),
        ("$steps.shout.loud", "$steps.shout.quiet"),
    ]);
    let found = problems(&text);
    let input = expect(
        &found,
        &text,
        code::UNKNOWN_INPUT,
        "/steps/2/text",
        "\"$inputs.greting\"",
    );
    assert!(
        input.message.contains("did you mean `$inputs.greeting`?"),
        "{}",
        input.message
    );
    let step = expect(
        &found,
        &text,
        code::UNKNOWN_STEP,
        "/steps/1/data/0",
        "\"$steps.valt",
    );
    assert!(
        step.message.contains("did you mean `vault`?"),
        "{}",
        step.message
    );
    let output = expect(
        &found,
        &text,
        code::UNKNOWN_OUTPUT,
        "/steps/1/data/1",
        "\"$steps.vault.MY_TOKEN\"",
    );
    assert!(
        output.message.contains("did you mean `my_token`?"),
        "{}",
        output.message
    );
    expect(
        &found,
        &text,
        code::UNKNOWN_OUTPUT,
        "/outputs/1/selector",
        "\"$steps.shout.quiet\"",
    );
    assert_eq!(found.len(), 4, "{found:#?}");
}

#[test]
fn outputs_are_resolved_per_step() {
    let listed = edited(&[("$steps.vault.unset_key", "$steps.vault.my_token")]);
    assert!(compile(&listed, &registry(), &context()).is_ok());
    let unlisted = edited(&[(
        r#"["MY_TOKEN", "UNSET_KEY"]"#,
        r#"["MY_OTHER", "UNSET_KEY"]"#,
    )]);
    let found = problems(&unlisted);
    let output = expect(
        &found,
        &unlisted,
        code::UNKNOWN_OUTPUT,
        "/steps/1/data/1",
        "\"$steps.vault.my_token\"",
    );
    assert!(
        output
            .message
            .contains("outputs are `my_other`, `unset_key`"),
        "{}",
        output.message
    );
}

#[test]
fn kind_mismatches_name_both_kind_sets() {
    let text = edited(&[("$inputs.greeting", "$steps.vault.my_token")]);
    let found = problems(&text);
    let mismatch = expect(
        &found,
        &text,
        code::KIND_MISMATCH,
        "/steps/2/text",
        "\"$steps.vault.my_token\"}",
    );
    assert!(
        mismatch.message.contains("gives [secret]"),
        "{}",
        mismatch.message
    );
    assert!(
        mismatch.message.contains("`text` accepts [string]"),
        "{}",
        mismatch.message
    );
    let input = edited(&[(
        r#""kind": ["string"]"#,
        r#""kind": [{"name": "integer"}, "boolean"]"#,
    )]);
    let found = problems(&input);
    let mismatch = expect(
        &found,
        &input,
        code::KIND_MISMATCH,
        "/steps/2/text",
        "\"$inputs.greeting\"",
    );
    assert!(
        mismatch.message.contains("gives [integer, boolean]"),
        "{}",
        mismatch.message
    );
}

#[test]
fn a_wildcard_on_either_side_connects() {
    let text = edited(&[
        ("$inputs.greeting", "$steps.pick.output"),
        (r#", "kind": ["string"]"#, ""),
    ]);
    assert!(compile(&text, &registry(), &context()).is_ok());
}

#[test]
fn a_cycle_names_every_step_in_it() {
    let text = edited(&[
        ("$inputs.greeting", "$steps.pick.output"),
        ("$steps.vault.unset_key", "$steps.shout.loud"),
    ]);
    let found = problems(&text);
    assert_eq!(codes(&found), [code::CYCLE]);
    let cycle = expect(
        &found,
        &text,
        code::CYCLE,
        "/steps/1/data/0",
        "\"$steps.shout.loud\"",
    );
    assert!(
        cycle.message.contains("`pick` → `shout` → `pick`"),
        "{}",
        cycle.message
    );
    assert_eq!(
        (cycle.step.as_deref(), cycle.property.as_deref()),
        (Some("pick"), Some("data"))
    );
}

#[test]
fn a_step_reading_itself_is_a_cycle() {
    let text = edited(&[("$inputs.greeting", "$steps.shout.loud")]);
    let found = problems(&text);
    let cycle = expect(
        &found,
        &text,
        code::CYCLE,
        "/steps/2/text",
        "\"$steps.shout.loud\"}",
    );
    assert!(
        cycle.message.contains("`shout` → `shout`"),
        "{}",
        cycle.message
    );
}

#[test]
fn versions_outside_the_engine_are_refused() {
    let text = edited(&[(r#""version": "1.0.0""#, r#""version": "2.0.0""#)]);
    let found = problems(&text);
    let version = expect(
        &found,
        &text,
        code::UNSUPPORTED_VERSION,
        "/version",
        "\"2.0.0\"",
    );
    assert!(
        version.message.contains(">=1.0.0, <2.0.0"),
        "{}",
        version.message
    );

    let text = edited(&[(
        r#"{"type": "test/shout@v1""#,
        r#"{"type": "test/future@v1", "name": "later"}, {"type": "test/shout@v1""#,
    )]);
    let found = problems(&text);
    let block = expect(
        &found,
        &text,
        code::INCOMPATIBLE_BLOCK,
        "/steps/2/type",
        "\"test/future@v1\"",
    );
    assert!(
        block.message.contains(">=2.0.0, <3.0.0") && block.message.contains("1.6.0"),
        "{}",
        block.message
    );
}

#[test]
fn env_variables_outside_the_allow_list_are_named_not_read() {
    let strict = Context::default().with_env(EnvAccess::deny_all().allow_all(["UNSET_*"]).unwrap());
    let found = compile(WORKFLOW, &registry(), &strict).unwrap_err();
    assert_eq!(codes(&found), [code::NOT_ALLOWED]);
    let denied = expect(
        &found,
        WORKFLOW,
        code::NOT_ALLOWED,
        "/steps/0/variables_storing_secrets/0",
        "\"MY_TOKEN\"",
    );
    assert!(
        denied.message.contains("`MY_TOKEN`") && denied.message.contains("MY_*"),
        "{}",
        denied.message
    );
    assert!(!denied.message.contains("secret-of"), "{}", denied.message);
}

#[test]
fn clashing_dynamic_outputs_are_reported_on_the_entry() {
    let text = edited(&[(
        r#"["MY_TOKEN", "UNSET_KEY"]"#,
        r#"["MY_TOKEN", "my_token"]"#,
    )]);
    let found = problems(&text);
    let clash = expect(
        &found,
        &text,
        code::INVALID_OUTPUT_NAME,
        "/steps/0/variables_storing_secrets/1",
        "\"my_token\"]",
    );
    assert!(clash.message.contains("lowercased"), "{}", clash.message);
}

#[test]
fn a_repeated_key_is_reported() {
    let text = edited(&[(r#""name": "shout""#, r#""name": "shout", "name": "yell""#)]);
    let found = problems(&text);
    let repeated = expect(
        &found,
        &text,
        code::DUPLICATE_KEY,
        "/steps/2/name",
        "\"yell\"",
    );
    assert!(
        repeated.message.contains("written twice"),
        "{}",
        repeated.message
    );
}

#[test]
fn the_shape_of_the_file_is_checked() {
    let text = edited(&[(
        r#""type": "JsonField", "name": "loud""#,
        r#""type": "JsonFeld", "name": "loud""#,
    )]);
    let found = problems(&text);
    let output = expect(
        &found,
        &text,
        code::INVALID_VALUE,
        "/outputs/1/type",
        "\"JsonFeld\"",
    );
    assert!(
        output.message.contains("\"JsonField\""),
        "{}",
        output.message
    );
    let found = problems(r#"{"version": "1.0.0", "inputs": [], "steps": []}"#);
    assert_eq!(codes(&found), [code::MISSING_PROPERTY]);
    assert!(
        found[0].message.contains("`outputs`"),
        "{}",
        found[0].message
    );
}

#[test]
fn every_problem_of_a_file_comes_at_once_in_file_order() {
    let text = edited(&[
        (r#""version": "1.0.0""#, r#""version": "3""#),
        ("test/vault@v1", "test/vault@v9"),
        ("$steps.vault.my_token", "$steps.vault.my_token.x"),
        ("$inputs.greeting", "$inputs.nobody"),
        ("$steps.shout.loud", "$steps.nowhere.loud"),
    ]);
    let found = problems(&text);
    assert_eq!(
        codes(&found),
        [
            code::UNSUPPORTED_VERSION,
            code::UNKNOWN_BLOCK,
            code::MALFORMED_SELECTOR,
            code::UNKNOWN_INPUT,
            code::UNKNOWN_STEP,
        ]
    );
    let lines: Vec<usize> = found.iter().map(|d| d.line).collect();
    assert!(lines.is_sorted(), "{lines:?}");
}

#[test]
fn renderers_show_the_place() {
    let text = edited(&[("test/vault@v1", "test/vualt@v1")]);
    let found = problems(&text);
    let human = render_human("flow.json", &text, &found);
    let (line, column) = place_of(&text, "\"test/vualt@v1\"");
    assert!(
        human.starts_with(&format!(
            "flow.json:{line}:{column}: error[unknown-block]: "
        )),
        "{human}"
    );
    assert!(
        human.contains(&format!("{line} |     {{\"type\": \"test/vualt@v1\"")),
        "{human}"
    );
    assert!(
        human.contains(&format!("{}^", " ".repeat(column - 1))),
        "{human}"
    );
    let json: serde_json::Value = serde_json::from_str(&render_json(&found)).unwrap();
    assert_eq!(json[0]["pointer"], "/steps/0/type");
    assert_eq!(json[0]["line"], line);
    assert_eq!(json[0]["step"], "vault");
}

#[test]
fn compiled_workflows_are_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Compiled>();
}
