//! Properties of compiling, over generated workflows: any chain or fan of
//! the library's blocks wired with valid selectors compiles, and any
//! mutation of one (a byte flipped, a range deleted, the text cut, two
//! values swapped, a value replaced) compiles or is refused with
//! diagnostics inside the file, and never panics.
//!
//! The case counts are kept small for the normal test run; set
//! `PROPTEST_CASES` to run more.

use std::sync::LazyLock;

use block_core::registry::Registry;
use block_core::workflow::{self, Diagnostic};
use block_core::{Context, EnvAccess};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{Value, json};

static REGISTRY: LazyLock<Registry> = LazyLock::new(|| blocks::registry().unwrap());

fn context() -> Context {
    Context::default()
        .with_env(EnvAccess::from_settings("*", None).unwrap())
        .with_writable_directory("/srv/workflows/out")
}

/// `cases` cases, unless `PROPTEST_CASES` says otherwise.
fn config(cases: u32) -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    config
}

/// A value a step may read: its selector and the kinds it carries.
#[derive(Debug, Clone)]
struct Source {
    selector: String,
    kinds: &'static [&'static str],
}

const ANY: &[&str] = &["*"];
const STRING: &[&str] = &["string"];
const SECRET: &[&str] = &["secret"];
const BOOLEAN: &[&str] = &["boolean"];
const TIMESTAMP: &[&str] = &["timestamp"];

/// Whether a value of `kinds` may stand where `accepted` kinds are.
fn fits(kinds: &[&str], accepted: &[&str]) -> bool {
    kinds.contains(&"*") || accepted.contains(&"*") || kinds.iter().any(|k| accepted.contains(k))
}

/// One step to generate: which block, and the numbers that choose what it reads.
#[derive(Debug, Clone)]
struct Plan {
    block: u8,
    choices: Vec<usize>,
    /// A chain reads the latest value it can; a fan reads any earlier one.
    chain: bool,
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        0u8..6,
        prop::collection::vec(any::<usize>(), 4),
        any::<bool>(),
    )
        .prop_map(|(block, choices, chain)| Plan {
            block,
            choices,
            chain,
        })
}

/// The values steps may read so far, and the numbers that choose among them.
struct Reader<'p> {
    sources: &'p [Source],
    plan: &'p Plan,
    turn: usize,
}

impl Reader<'_> {
    /// A selector of a value the place accepts: the latest for a chain,
    /// any for a fan; `None` when no value fits.
    fn pick(&mut self, accepted: &[&str]) -> Option<String> {
        let fitting: Vec<&Source> = self
            .sources
            .iter()
            .filter(|source| fits(source.kinds, accepted))
            .collect();
        let choice = self.plan.choices[self.turn % self.plan.choices.len()];
        self.turn += 1;
        let chosen = if self.plan.chain {
            fitting.last()
        } else {
            fitting.get(choice % fitting.len().max(1))
        };
        chosen.map(|source| source.selector.clone())
    }

    /// A number from 1 to `most`, chosen by the plan.
    fn count(&self, most: usize) -> usize {
        1 + self.plan.choices[0] % most
    }
}

type StepOutputs = Vec<(&'static str, &'static [&'static str])>;

/// One step of the planned block, named `name`, and its outputs with kinds.
fn step(name: &str, reader: &mut Reader<'_>) -> (Value, StepOutputs) {
    match reader.plan.block {
        0 => {
            let raw = reader.pick(&["language_model_output"]);
            let fields: Vec<&'static str> = ["a", "b", "c"][..reader.count(3)].to_vec();
            let mut outputs: StepOutputs = fields.iter().map(|field| (*field, ANY)).collect();
            outputs.push(("error_status", BOOLEAN));
            let raw = raw.unwrap_or_else(|| "{\"a\": 1}".into());
            let step = json!({"type": "roboflow_core/json_parser@v1", "name": name,
                              "raw_json": raw, "expected_fields": fields});
            (step, outputs)
        }
        1 => {
            let data: Vec<String> = (0..reader.count(3))
                .filter_map(|_| reader.pick(ANY))
                .collect();
            let step = json!({"type": "roboflow_core/first_non_empty_or_default@v1", "name": name,
                              "data": data, "default": "none"});
            (step, vec![("output", ANY)])
        }
        2 => {
            let zone = reader.pick(STRING).unwrap_or_else(|| "UTC".into());
            let step =
                json!({"type": "roboflow_core/current_time@v1", "name": name, "timezone": zone});
            let outputs = vec![
                ("timestamp", TIMESTAMP),
                ("iso_string", STRING),
                ("date", STRING),
                ("time", STRING),
            ];
            (step, outputs)
        }
        3 => {
            let listed = [("MY_TOKEN", "my_token"), ("OTHER_KEY", "other_key")];
            let variables = &listed[..reader.count(2)];
            let names: Vec<&str> = variables.iter().map(|(variable, _)| *variable).collect();
            let step = json!({"type": "roboflow_core/environment_secrets_store@v1", "name": name,
                              "variables_storing_secrets": names});
            (
                step,
                variables
                    .iter()
                    .map(|(_, output)| (*output, SECRET))
                    .collect(),
            )
        }
        4 => {
            let header = reader
                .pick(&["string", "secret", "boolean"])
                .unwrap_or_else(|| "literal".into());
            let payload = reader.pick(ANY).unwrap_or_else(|| "literal".into());
            let step = json!({"type": "roboflow_core/webhook_sink@v1", "name": name, "url": "http://127.0.0.1:9/hook",
                              "method": "POST", "headers": {"Authorization": header},
                              "json_payload": {"value": payload}, "disable_sink": true});
            let outputs = vec![
                ("error_status", BOOLEAN),
                ("throttling_status", BOOLEAN),
                ("message", STRING),
            ];
            (step, outputs)
        }
        _ => {
            let content = reader.pick(STRING).unwrap_or_else(|| "$inputs.zone".into());
            let step = json!({"type": "roboflow_core/local_file_sink@v1", "name": name, "content": content,
                              "output_mode": "append_log", "target_directory": "logs"});
            (step, vec![("error_status", BOOLEAN), ("message", STRING)])
        }
    }
}

/// Builds a valid workflow from plans: each step reads values of kinds it
/// accepts from the inputs and the steps before it.
fn workflow(plans: &[Plan]) -> Value {
    let input = |name: &str, kinds| Source {
        selector: format!("$inputs.{name}"),
        kinds,
    };
    let mut sources = vec![
        input("text", ANY),
        input("zone", STRING),
        input("token", SECRET),
    ];
    let mut steps = Vec::new();
    for (index, plan) in plans.iter().enumerate() {
        let mut reader = Reader {
            sources: &sources,
            plan,
            turn: 0,
        };
        let (step, outputs) = step(&format!("s{index}"), &mut reader);
        steps.push(step);
        sources.extend(outputs.into_iter().map(|(output, kinds)| Source {
            selector: format!("$steps.s{index}.{output}"),
            kinds,
        }));
        sources.push(Source {
            selector: format!("$steps.s{index}.*"),
            kinds: &["dictionary"],
        });
    }
    let outputs: Vec<Value> = sources
        .iter()
        .enumerate()
        .map(|(index, source)| json!({"type": "JsonField", "name": format!("o{index}"), "selector": source.selector}))
        .collect();
    json!({
        "version": "1.0",
        "inputs": [
            {"type": "WorkflowParameter", "name": "text"},
            {"type": "WorkflowParameter", "name": "zone", "kind": ["string"], "default_value": "UTC"},
            {"type": "WorkflowParameter", "name": "token", "kind": ["secret"]}
        ],
        "steps": steps,
        "outputs": outputs,
    })
}

fn plans() -> impl Strategy<Value = Vec<Plan>> {
    prop::collection::vec(plan(), 1..12)
}

/// Compiles `bytes`: diagnostics when refused, each inside the file.
fn refused(bytes: &[u8]) -> Vec<Diagnostic> {
    let Err(diagnostics) = workflow::compile_bytes(bytes, &REGISTRY, &context()) else {
        return Vec::new();
    };
    assert!(!diagnostics.is_empty(), "refused without a diagnostic");
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let lines: Vec<&str> = text.split('\n').collect();
    for diagnostic in &diagnostics {
        let line = lines.get(diagnostic.line - 1);
        let width = line.map_or(0, |line| line.chars().count() + 1);
        assert!(
            (1..=width).contains(&diagnostic.column),
            "outside the file: {diagnostic:?}"
        );
    }
    let _ = workflow::render_human("mutated.json", text, &diagnostics);
    diagnostics
}

/// Every value of `json` with its pointer, the root first.
fn places(json: &Value, pointer: String, into: &mut Vec<String>) {
    into.push(pointer.clone());
    match json {
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                places(item, format!("{pointer}/{index}"), into);
            }
        }
        Value::Object(entries) => {
            for (key, item) in entries {
                let token = key.replace('~', "~0").replace('/', "~1");
                places(item, format!("{pointer}/{token}"), into);
            }
        }
        _ => {}
    }
}

/// A change to a workflow's text or JSON.
#[derive(Debug, Clone)]
enum Mutation {
    FlipByte { at: usize, bits: u8 },
    Delete { at: usize, length: usize },
    Truncate { at: usize },
    Swap { first: usize, second: usize },
    Replace { at: usize, with: u8 },
    Insert { at: usize, byte: u8 },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(at, bits)| Mutation::FlipByte { at, bits }),
        (any::<usize>(), 1usize..64).prop_map(|(at, length)| Mutation::Delete { at, length }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), any::<usize>())
            .prop_map(|(first, second)| Mutation::Swap { first, second }),
        (any::<usize>(), 0u8..8).prop_map(|(at, with)| Mutation::Replace { at, with }),
        (
            any::<usize>(),
            prop::sample::select(b"{}[],:\"\\$.* \n\x00\xff".to_vec())
        )
            .prop_map(|(at, byte)| Mutation::Insert { at, byte }),
    ]
}

/// `json` pretty-printed, then changed by `mutation`.
fn mutated(json: &Value, mutation: &Mutation) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(json).unwrap();
    let length = bytes.len();
    let mut json = json.clone();
    let mut pointers = Vec::new();
    places(&json, String::new(), &mut pointers);
    match *mutation {
        Mutation::FlipByte { at, bits } => bytes[at % length] ^= bits,
        Mutation::Delete { at, length: cut } => {
            let start = at % length;
            bytes.drain(start..(start + cut).min(length));
        }
        Mutation::Truncate { at } => bytes.truncate(at % length),
        Mutation::Insert { at, byte } => bytes.insert(at % (length + 1), byte),
        Mutation::Swap { first, second } => {
            let first = &pointers[first % pointers.len()];
            let second = &pointers[second % pointers.len()];
            // Neither may hold the other, or the swap has no meaning.
            if !first.starts_with(second.as_str()) && !second.starts_with(first.as_str()) {
                let a = json.pointer(first).cloned().unwrap();
                let b = json.pointer(second).cloned().unwrap();
                *json.pointer_mut(first).unwrap() = b;
                *json.pointer_mut(second).unwrap() = a;
            }
            bytes = serde_json::to_vec_pretty(&json).unwrap();
        }
        Mutation::Replace { at, with } => {
            let pointer = &pointers[at % pointers.len()];
            let replacement = [
                json!(null),
                json!(true),
                json!(-1),
                json!(1.5e300),
                json!(""),
                json!("$steps.s0.*"),
                json!([]),
                json!({"type": "roboflow_core/json_parser@v1"}),
            ][usize::from(with) % 8]
                .clone();
            *json.pointer_mut(pointer).unwrap() = replacement;
            bytes = serde_json::to_vec_pretty(&json).unwrap();
        }
    }
    bytes
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn generated_chains_and_fans_compile(plans in plans()) {
        let json = workflow(&plans);
        let text = serde_json::to_string_pretty(&json).unwrap();
        let compiled = workflow::compile(&text, &REGISTRY, &context());
        prop_assert!(compiled.is_ok(), "{text}\n{:#?}", compiled.err());
        prop_assert_eq!(compiled.unwrap().step_names().count(), plans.len());
    }

    #[test]
    fn mutated_workflows_compile_or_are_refused_in_place(
        plans in plans(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let mut json = workflow(&plans);
        let mut bytes = Vec::new();
        for mutation in &mutations {
            bytes = mutated(&json, mutation);
            // Later mutations apply to the result when it is still JSON.
            match serde_json::from_slice(&bytes) {
                Ok(next) => json = next,
                Err(_) => break,
            }
        }
        let first = refused(&bytes);
        prop_assert_eq!(first, refused(&bytes), "the same file, the same diagnostics");
    }
}
