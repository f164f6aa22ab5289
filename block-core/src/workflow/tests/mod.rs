//! Engine tests on hand-written blocks: each diagnostic with its place,
//! and runs (skipping, taint, reveal, parameters, threads).

mod blocks;
mod diagnostics;
mod runs;

use super::diagnostic::Diagnostic;

/// A workflow using every test block: a vault, a pass-through that picks
/// the first non-empty secret, and a step that shouts a greeting.
const WORKFLOW: &str = r#"{
  "version": "1.0.0",
  "inputs": [
    {"type": "WorkflowParameter", "name": "greeting", "kind": ["string"]},
    {"type": "WorkflowParameter", "name": "fallback", "default_value": "none"}
  ],
  "steps": [
    {"type": "test/vault@v1", "name": "vault", "variables_storing_secrets": ["MY_TOKEN", "UNSET_KEY"]},
    {"type": "test/first_non_empty@v1", "name": "pick", "data": ["$steps.vault.unset_key", "$steps.vault.my_token"]},
    {"type": "test/shout@v1", "name": "shout", "text": "$inputs.greeting"}
  ],
  "outputs": [
    {"type": "JsonField", "name": "token", "selector": "$steps.pick.output"},
    {"type": "JsonField", "name": "loud", "selector": "$steps.shout.loud"},
    {"type": "JsonField", "name": "vault", "selector": "$steps.vault.*"},
    {"type": "JsonField", "name": "fallback", "selector": "$inputs.fallback"}
  ]
}"#;

/// [`WORKFLOW`] with each `(from, to)` replacement made once.
fn edited(replacements: &[(&str, &str)]) -> String {
    let mut text = WORKFLOW.to_owned();
    for (from, to) in replacements {
        assert!(text.contains(from), "the workflow has no `{from}`");
        text = text.replacen(from, to, 1);
    }
    text
}

/// The 1-based line and character column where `needle` first occurs.
fn place_of(text: &str, needle: &str) -> (usize, usize) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("no `{needle}` in the text"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Asserts that `diagnostics` holds one with `code` at `pointer`, placed
/// where `needle` first occurs in `text`, and returns it.
fn expect<'d>(
    diagnostics: &'d [Diagnostic],
    text: &str,
    code: &str,
    pointer: &str,
    needle: &str,
) -> &'d Diagnostic {
    let found = diagnostics
        .iter()
        .find(|d| d.code == code && d.pointer == pointer)
        .unwrap_or_else(|| panic!("no {code} at {pointer} in {diagnostics:#?}"));
    assert_eq!(
        (found.line, found.column),
        place_of(text, needle),
        "place of {code} at {pointer}"
    );
    found
}
