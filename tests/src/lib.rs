//! What the cross-crate tests in `tests/` share: the reference engine's
//! interfaces of the blocks this library reimplements, and the `blocks`
//! command line run in process.

use serde_json::Value;

/// The reference engine's interface of block `id`, from the fixture copied
/// from its documentation (ids, properties, kinds, defaults, examples,
/// outputs; prose removed).
///
/// # Panics
///
/// When the fixture does not parse or does not hold `id`: a broken test setup.
#[must_use]
pub fn reference_interface(id: &str) -> Value {
    let text = include_str!("../fixtures/reference/block_interfaces.json");
    let all: Value = serde_json::from_str(text).expect("the fixture is JSON");
    assert!(
        all.get(id).is_some(),
        "the fixture has no interface for {id}"
    );
    all[id].clone()
}

/// The schema of block `id` in this library's registry.
///
/// # Panics
///
/// When the library's registry does not form or lacks `id`.
#[must_use]
pub fn schema(id: &str) -> Value {
    let registry = blocks::registry().expect("the library's blocks form a registry");
    registry
        .get(id)
        .expect("the block is registered")
        .schema()
        .clone()
}

/// Asserts that a block schema carries the reference's top level: block
/// type, licence, name, version, `type: object`, the required properties
/// and the UI manifest.
///
/// # Panics
///
/// When a key differs, naming it.
pub fn assert_same_metadata(ours: &Value, reference: &Value) {
    for key in [
        "block_type",
        "license",
        "name",
        "version",
        "type",
        "required",
        "ui_manifest",
    ] {
        assert_eq!(ours[key], reference[key], "top-level `{key}`");
    }
}

/// What one in-process run of the `blocks` command line gave.
#[derive(Debug)]
pub struct CliRun {
    /// The exit code.
    pub code: u8,
    /// What it wrote to stdout.
    pub out: String,
    /// What it wrote to stderr.
    pub err: String,
}

/// Runs `blocks ARGS...` in this process, as the binary's `main` would.
///
/// # Panics
///
/// When the tool writes something that is not UTF-8.
#[must_use]
pub fn run_cli(args: &[&str]) -> CliRun {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let arguments = std::iter::once("blocks")
        .chain(args.iter().copied())
        .map(Into::into);
    let code = blocks::cli::main(arguments, &mut out, &mut err);
    CliRun {
        code,
        out: String::from_utf8(out).expect("stdout is UTF-8"),
        err: String::from_utf8(err).expect("stderr is UTF-8"),
    }
}
