//! The derive's compile-time contract: every rule of `#[block(...)]` has a
//! compile-fail case in a topic folder of `tests/ui/` with the exact message
//! it must produce, and `tests/ui/pass/` derives every supported shape.

use std::path::Path;

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    for topic in topics(Path::new("ui")) {
        cases.compile_fail(topic.join("*.rs"));
    }
    cases.pass("ui/pass/*.rs");
}

/// The compile-fail topic folders: every folder of `ui/` but `pass/`.
fn topics(root: &Path) -> Vec<std::path::PathBuf> {
    let mut topics: Vec<_> = std::fs::read_dir(root)
        .expect("the `ui` folder of the test crate")
        .map(|entry| entry.expect("a readable entry of `ui`").path())
        .filter(|path| path.is_dir() && !path.ends_with("pass"))
        .collect();
    topics.sort();
    topics
}
