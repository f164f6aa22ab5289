//! The bad-input corpus: every malformed workflow under `tests/corpus/`,
//! and those too large to commit, generated here, compiled against the
//! library's registry. Each file's diagnostics are a reviewed snapshot of
//! what `blocks validate` shows: code, message, line:column, the line with
//! a caret under the column, and the pointer, step and property. None may
//! panic, take too long, come out empty or point outside the file.

use std::path::Path;
use std::sync::LazyLock;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use block_core::context::{Limit, Limits};
use block_core::registry::Registry;
use block_core::workflow::{self, Diagnostic, code};
use block_core::{Context, EnvAccess};

/// Far more than any case needs in a debug build on a slow machine; a
/// case that takes longer hangs.
const DEADLINE: Duration = Duration::from_secs(30);

static REGISTRY: LazyLock<Registry> =
    LazyLock::new(|| blocks::registry().expect("the library's blocks form a registry"));

/// The operator's settings of every case: variables named `ALLOWED_*` may
/// be read, and sinks write under a directory that is only named.
fn context() -> Context {
    let env = EnvAccess::from_settings("ALLOWED_*", None).expect("a valid pattern");
    Context::default()
        .with_env(env)
        .with_writable_directory("/srv/workflows/out")
}

/// Compiles `bytes` on a thread of its own, failing the test if that
/// panics or outlasts [`DEADLINE`]; the diagnostics, empty when it compiles.
fn compile(name: &str, bytes: Vec<u8>, context: Context) -> Vec<Diagnostic> {
    let (done, finished) = mpsc::channel();
    let started = Instant::now();
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let result = workflow::compile_bytes(&bytes, &REGISTRY, &context);
            let _ = done.send(result.err().unwrap_or_default());
        })
        .expect("a thread starts");
    match finished.recv_timeout(DEADLINE) {
        Ok(diagnostics) => diagnostics,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{name}: compiling took more than {DEADLINE:?}")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            panic!("{name}: compiling panicked after {:?}", started.elapsed())
        }
    }
}

/// Asserts that each diagnostic stands inside `text`: on one of its lines,
/// at most one column past the line's end.
fn assert_placed(name: &str, text: &str, diagnostics: &[Diagnostic]) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split('\n').collect();
    for diagnostic in diagnostics {
        let line = lines.get(diagnostic.line - 1).unwrap_or_else(|| {
            panic!(
                "{name}: line {} is past the end: {diagnostic:?}",
                diagnostic.line
            )
        });
        let width = line.chars().count() + 1;
        assert!(
            (1..=width).contains(&diagnostic.column),
            "{name}: column {} is outside line {} ({width} columns): {diagnostic:?}",
            diagnostic.column,
            diagnostic.line
        );
    }
}

/// What `blocks validate` prints for the case.
fn shown(name: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    if diagnostics.is_empty() {
        return format!("{name}: valid\n");
    }
    workflow::render_human(name, text, diagnostics)
}

#[test]
fn every_file_of_the_corpus_is_refused_with_its_places() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .expect("the corpus folder")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 45, "the corpus has {} files", files.len());
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let diagnostics = compile(&name, bytes.clone(), context());
        assert!(!diagnostics.is_empty(), "{name} compiles");
        assert_placed(&name, &text, &diagnostics);
        assert_eq!(
            diagnostics,
            compile(&name, bytes, context()),
            "{name}: the same file gives the same diagnostics"
        );
        let snapshot = name.trim_end_matches(".json");
        insta::assert_snapshot!(snapshot, shown(&name, &text, &diagnostics));
    }
}

/// A workflow whose one step holds `value` as a literal.
fn holding(value: &str) -> String {
    format!(
        "{{\"version\": \"1.0\", \"inputs\": [{{\"type\": \"WorkflowParameter\", \"name\": \"x\"}}], \"steps\": [{{\"type\": \"roboflow_core/first_non_empty_or_default@v1\", \"name\": \"deep\", \"data\": [\"$inputs.x\"], \"default\": {value}}}], \"outputs\": []}}"
    )
}

fn limits(settings: &[(Limit, usize)]) -> Context {
    let mut limits = Limits::default();
    for (limit, value) in settings {
        limits = limits.with(*limit, *value).unwrap();
    }
    context().with_limits(limits)
}

/// Runs one generated case and snapshots what it shows, with the long
/// line cut as the command line cuts it.
fn generated(name: &str, text: &str, context: Context) -> Vec<Diagnostic> {
    let diagnostics = compile(name, text.as_bytes().to_vec(), context);
    assert_placed(name, text, &diagnostics);
    diagnostics
}

#[test]
fn nesting_ten_thousand_levels_deep_is_refused_at_the_limit() {
    let depth = 10_000;
    let text = holding(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
    let name = "generated_nesting_10000_deep";
    let diagnostics = generated(name, &text, context());
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].code, code::LIMIT_EXCEEDED);
    insta::assert_snapshot!(name, shown(name, &text, &diagnostics));

    // Up to the ceiling of the setting, deep values are read.
    let deepest = Limit::Depth.ceiling();
    let text = holding(&format!(
        "{}{}",
        "[".repeat(deepest - 3),
        "]".repeat(deepest - 3)
    ));
    let diagnostics = generated(name, &text, limits(&[(Limit::Depth, deepest)]));
    assert_eq!(
        diagnostics,
        [],
        "{deepest} levels within a limit of {deepest}"
    );
    let text = holding(&format!(
        "{}{}",
        "[".repeat(deepest - 2),
        "]".repeat(deepest - 2)
    ));
    let diagnostics = generated(name, &text, limits(&[(Limit::Depth, deepest)]));
    assert_eq!(diagnostics[0].code, code::LIMIT_EXCEEDED);
}

#[test]
fn a_fifty_megabyte_string_is_refused_by_size_then_by_length() {
    let big = "a".repeat(50 * 1024 * 1024);
    let text = format!(
        "{{\"version\": \"1.0\", \"inputs\": [], \"steps\": [], \"outputs\": [\n  {{\"type\": \"JsonField\", \"name\": \"{big}\", \"selector\": \"$inputs.x\"}}\n]}}"
    );
    let name = "generated_string_50_mb";
    let diagnostics = generated(name, &text, context());
    assert_eq!(diagnostics.len(), 1);
    insta::assert_snapshot!(name, shown(name, &text, &diagnostics));

    let name = "generated_string_50_mb_in_a_larger_file_limit";
    let raised = limits(&[(Limit::FileBytes, 64 * 1024 * 1024)]);
    let diagnostics = generated(name, &text, raised);
    assert_eq!(diagnostics.len(), 1);
    insta::assert_snapshot!(name, shown(name, &text, &diagnostics));
}

#[test]
fn a_hundred_thousand_steps_are_refused_and_compile_when_allowed() {
    let steps: Vec<String> = (0..100_000)
        .map(|index| {
            format!("{{\"type\":\"roboflow_core/current_time@v1\",\"name\":\"s{index}\"}}")
        })
        .collect();
    let text = format!(
        "{{\"version\":\"1.0\",\"inputs\":[],\n\"steps\":[{}],\"outputs\":[]}}",
        steps.join(",")
    );
    let name = "generated_steps_100000";
    let diagnostics = generated(name, &text, context());
    assert_eq!(diagnostics.len(), 1);
    insta::assert_snapshot!(name, shown(name, &text, &diagnostics));

    // A chain of as many steps, each reading the one before, compiles in
    // linear time once the operator allows it.
    let mut chain = vec![
        "{\"type\":\"roboflow_core/json_parser@v1\",\"name\":\"s0\",\"raw_json\":\"{}\",\"expected_fields\":[\"a\"]}".to_owned(),
        "{\"type\":\"roboflow_core/first_non_empty_or_default@v1\",\"name\":\"s1\",\"data\":[\"$steps.s0.a\"]}".to_owned(),
    ];
    chain.extend((2..100_000).map(|index| {
        format!(
            "{{\"type\":\"roboflow_core/first_non_empty_or_default@v1\",\"name\":\"s{index}\",\"data\":[\"$steps.s{}.output\"]}}",
            index - 1
        )
    }));
    let text = format!(
        "{{\"version\":\"1.0\",\"inputs\":[],\"steps\":[{}],\"outputs\":[{{\"type\":\"JsonField\",\"name\":\"last\",\"selector\":\"$steps.s99999.output\"}}]}}",
        chain.join(",")
    );
    let raised = limits(&[
        (Limit::Steps, 100_000),
        (Limit::FileBytes, 16 * 1024 * 1024),
    ]);
    let diagnostics = generated("generated_chain_100000", &text, raised);
    assert_eq!(diagnostics, []);
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let text = format!("{{\"version\": \"1.0\"{}}}", " ".repeat(2000));
    let name = "generated_file_over_a_limit_of_1_kib";
    let diagnostics = generated(name, &text, limits(&[(Limit::FileBytes, 1024)]));
    assert_eq!(diagnostics.len(), 1);
    insta::assert_snapshot!(name, shown(name, &text, &diagnostics));
}

#[test]
fn a_text_over_the_length_limit_is_refused_wherever_it_stands() {
    let long = "x".repeat(2000);
    let text = format!(
        "{{\n  \"version\": \"1.0\",\n  \"inputs\": [{{\"type\": \"WorkflowParameter\", \"name\": \"{long}\"}}],\n  \"steps\": [],\n  \"outputs\": [],\n  \"{long}\": 1\n}}"
    );
    let name = "generated_texts_over_a_limit_of_1_kib";
    let diagnostics = generated(name, &text, limits(&[(Limit::StringBytes, 1024)]));
    assert_eq!(diagnostics.len(), 2);
    insta::assert_snapshot!(name, shown(name, &text, &diagnostics));
}

#[test]
fn mistakes_past_the_first_thousand_are_counted() {
    let keys: Vec<String> = (0..200_000)
        .map(|index| format!("\"k{index}\": 1"))
        .collect();
    let text = format!(
        "{{\"version\": \"1.0\", \"inputs\": [], \"steps\": [{{\"type\": \"roboflow_core/current_time@v1\", \"name\": \"clock\", {}}}], \"outputs\": []}}",
        keys.join(", ")
    );
    let name = "generated_200000_unknown_properties";
    let diagnostics = generated(name, &text, context());
    assert_eq!(diagnostics.len(), 1001);
    assert!(
        diagnostics[..1000]
            .iter()
            .all(|d| d.code == code::UNKNOWN_PROPERTY)
    );
    let last = diagnostics.last().unwrap();
    assert_eq!(last.code, code::TOO_MANY_PROBLEMS);
    assert!(
        last.message.starts_with("199000 more problems"),
        "{}",
        last.message
    );
    let first = &diagnostics[..1];
    insta::assert_snapshot!(name, shown(name, &text, first));
}
