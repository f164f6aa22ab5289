//! One compiled workflow run 10 000 times from 8 threads at once gives,
//! run for run, the results of the same runs one after another.

use block_core::workflow::{self, Compiled};
use block_core::{Context, EnvAccess};
use serde_json::{Map, Value, json};

const RUNS: usize = 10_000;
const THREADS: usize = 8;

/// Every block that runs without a server or a directory: a secret read
/// from the environment, a text parsed as JSON (three ways, by run), a
/// fallback, a secret input passed on, a disabled webhook that would
/// carry it, and the clock's zone checked (its reading differs by run).
const WORKFLOW: &str = r#"{
  "version": "1.0",
  "inputs": [
    {"type": "WorkflowParameter", "name": "greeting", "kind": ["string"]},
    {"type": "WorkflowParameter", "name": "config"},
    {"type": "WorkflowParameter", "name": "token", "kind": ["secret"]}
  ],
  "steps": [
    {"type": "roboflow_core/environment_secrets_store@v1", "name": "vault", "variables_storing_secrets": ["PATH"]},
    {"type": "roboflow_core/json_parser@v1", "name": "parse", "raw_json": "$inputs.config", "expected_fields": ["name", "count"]},
    {"type": "roboflow_core/first_non_empty_or_default@v1", "name": "pick", "data": ["$steps.parse.name", "$inputs.greeting"]},
    {"type": "roboflow_core/first_non_empty_or_default@v1", "name": "secret", "data": ["$inputs.token"], "default": "none"},
    {"type": "roboflow_core/webhook_sink@v1", "name": "hook", "url": "http://127.0.0.1:9/hook", "method": "POST",
     "headers": {"Authorization": "$steps.secret.output"}, "json_payload": {"count": "$steps.parse.count"},
     "disable_sink": true},
    {"type": "roboflow_core/current_time@v1", "name": "clock", "timezone": "Asia/Tokyo"}
  ],
  "outputs": [
    {"type": "JsonField", "name": "parsed", "selector": "$steps.parse.*"},
    {"type": "JsonField", "name": "picked", "selector": "$steps.pick.output"},
    {"type": "JsonField", "name": "secret", "selector": "$steps.secret.output"},
    {"type": "JsonField", "name": "vault", "selector": "$steps.vault.path"},
    {"type": "JsonField", "name": "hook", "selector": "$steps.hook.*"}
  ]
}"#;

fn context() -> Context {
    Context::default().with_env(EnvAccess::from_settings("PATH", None).unwrap())
}

/// The parameters of run `run`: each run its own values, its config by
/// turns a JSON object, a fenced answer, and no JSON at all.
fn parameters(run: usize) -> Map<String, Value> {
    let config = match run % 3 {
        0 => json!({"name": format!("n{run}"), "count": run}).to_string(),
        1 => format!("Here it is:\n```json\n{{\"count\": {run}}}\n```"),
        _ => "no JSON here".to_owned(),
    };
    let params = json!({"greeting": format!("hello {run}"), "config": config, "token": format!("token-{run}")});
    params.as_object().cloned().unwrap_or_default()
}

/// What run `run` shows, masked and revealed.
fn shown(compiled: &Compiled, context: &Context, run: usize) -> (String, String) {
    let results = compiled.run(&parameters(run), context).unwrap();
    (
        serde_json::to_string(&results.masked()).unwrap(),
        serde_json::to_string(&results.revealed()).unwrap(),
    )
}

#[test]
fn eight_threads_give_the_results_of_sequential_runs() {
    let registry = blocks::registry().unwrap();
    let context = context();
    let compiled = workflow::compile(WORKFLOW, &registry, &context).unwrap();
    let sequential: Vec<(String, String)> = (0..RUNS)
        .map(|run| shown(&compiled, &context, run))
        .collect();

    let mut concurrent: Vec<Option<(String, String)>> = vec![None; RUNS];
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|thread| {
                let (compiled, context) = (&compiled, &context);
                scope.spawn(move || {
                    (thread..RUNS)
                        .step_by(THREADS)
                        .map(|run| (run, shown(compiled, context, run)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for handle in handles {
            for (run, result) in handle.join().unwrap() {
                concurrent[run] = Some(result);
            }
        }
    });

    for (run, (expected, found)) in sequential.iter().zip(&concurrent).enumerate() {
        assert_eq!(Some(expected), found.as_ref(), "run {run}");
    }
    // The runs differ from each other, and the secrets stay masked.
    let (masked, revealed) = &sequential[3];
    assert!(
        masked.contains("\"picked\":\"n3\"") && masked.contains("\"secret\":\"********\""),
        "{masked}"
    );
    assert!(revealed.contains("token-3"), "{revealed}");
    assert!(
        sequential[4].0.contains("\"picked\":\"hello 4\""),
        "{}",
        sequential[4].0
    );
}
