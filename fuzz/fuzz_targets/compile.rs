//! Arbitrary bytes as a workflow file: indexed for places, read, compiled
//! against the library's blocks with every environment variable allowed,
//! and run when it compiles and has no sink (a sink would write files or
//! reach for the network). Nothing may panic; every diagnostic must stand
//! inside the file.

#![no_main]

use std::sync::LazyLock;

use block_core::registry::Registry;
use block_core::workflow::{self, Diagnostic, Positions};
use block_core::{Context, EnvAccess};
use libfuzzer_sys::fuzz_target;

static REGISTRY: LazyLock<Registry> =
    LazyLock::new(|| blocks::registry().expect("the library's blocks form a registry"));

/// Blocks may read any variable; no directory is writable, so a file sink
/// never compiles.
static CONTEXT: LazyLock<Context> = LazyLock::new(|| {
    let env = EnvAccess::from_settings("*", None).expect("a valid pattern");
    Context::default().with_env(env)
});

fuzz_target!(|bytes: &[u8]| {
    // The index of places stands any text, JSON or not.
    if let Ok(text) = std::str::from_utf8(bytes) {
        let positions = Positions::index(text);
        for pointer in ["", "/steps/0/type", "/a~1b/0/~0", "/0/0/0/0"] {
            let _ = positions.locate(pointer);
        }
        let _ = positions.duplicate_keys();
    }
    match workflow::compile_bytes(bytes, &REGISTRY, &CONTEXT) {
        Err(diagnostics) => check(bytes, &diagnostics),
        Ok(compiled) => {
            if !has_sink(bytes) {
                let _ = compiled.run(&serde_json::Map::new(), &CONTEXT);
            }
        }
    }
});

/// Whether a step of the workflow is a sink, its `type` read as the
/// engine reads it (escapes resolved, aliases known).
fn has_sink(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let Ok(json) = serde_json::from_str::<serde_json::Value>(text) else {
        return true;
    };
    let steps = json.get("steps").and_then(serde_json::Value::as_array);
    steps.into_iter().flatten().any(|step| {
        let block = step.get("type").and_then(serde_json::Value::as_str);
        block
            .and_then(|id| REGISTRY.get(id))
            .is_none_or(|entry| entry.metadata().block_type == "sink")
    })
}

/// Every diagnostic is placed on a line of the file, at most one column
/// past its end, and renders.
fn check(bytes: &[u8], diagnostics: &[Diagnostic]) {
    assert!(!diagnostics.is_empty(), "a refusal without a diagnostic");
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let lines: Vec<&str> = text.split('\n').collect();
    for diagnostic in diagnostics {
        let line = lines
            .get(diagnostic.line - 1)
            .unwrap_or_else(|| panic!("past the last line: {diagnostic:?}"));
        let width = line.chars().count() + 1;
        assert!(
            (1..=width).contains(&diagnostic.column),
            "outside its line: {diagnostic:?}"
        );
        assert!(!diagnostic.message.is_empty(), "no message: {diagnostic:?}");
    }
    let _ = workflow::render_human("fuzz.json", text, diagnostics);
}
