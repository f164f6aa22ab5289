//! What the cross-crate tests in `tests/` share: the reference engine's
//! interfaces of the blocks this library reimplements, and the `blocks`
//! binary for tests that run it as a child process.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

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

/// The `blocks` binary, built by cargo for the profile of the running tests
/// (a no-op when it is up to date), wherever the target folder is. Tests
/// that must set environment variables run it as a child process, since
/// they cannot set their own without `unsafe`.
///
/// # Panics
///
/// When cargo cannot build it: a broken checkout.
#[must_use]
pub fn blocks_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let test = std::env::current_exe().expect("the test's own path");
        let release = test.components().any(|part| part.as_os_str() == "release");
        let mut cargo = Command::new(env!("CARGO"));
        cargo
            .args(["build", "--quiet", "--package", "blocks", "--bin", "blocks"])
            .arg("--message-format=json")
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        if release {
            cargo.arg("--release");
        }
        let built = cargo.output().expect("cargo runs");
        assert!(
            built.status.success(),
            "building the blocks binary failed:\n{}",
            String::from_utf8_lossy(&built.stderr)
        );
        String::from_utf8_lossy(&built.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<Value>(line).ok())
            .filter(|message| message["target"]["name"] == "blocks")
            .find_map(|message| message["executable"].as_str().map(PathBuf::from))
            .expect("cargo names the blocks executable")
    })
}
