//! The workflow the engine is measured on, the shape the reference engine
//! was measured on: N independent env-secrets steps, each reading two
//! variables that are set, one workflow output per variable.

use block_core::Context;
use block_core::context::{EnvAccess, Limit, Limits};
use block_core::registry::Registry;
use serde_json::{Value, json};

/// The variables each step reads. Every process has them set, so the
/// benchmark needs no `set_var` (which the workspace's `forbid(unsafe)`
/// rules out) and no wrapper script.
pub(crate) const VARIABLES: [&str; 2] = ["HOME", "PATH"];

const BLOCK: &str = "roboflow_core/environment_secrets_store@v1";

/// The definition with `steps` steps, as JSON.
pub(crate) fn definition(steps: usize) -> Value {
    let step = |index: usize| {
        json!({
            "type": BLOCK,
            "name": format!("vault_{index}"),
            "variables_storing_secrets": VARIABLES,
        })
    };
    let outputs = (0..steps).flat_map(|index| {
        VARIABLES.map(|variable| {
            let output = variable.to_lowercase();
            json!({
                "type": "JsonField",
                "name": format!("vault_{index}_{output}"),
                "selector": format!("$steps.vault_{index}.{output}"),
            })
        })
    });
    json!({
        "version": "1.4.0",
        "inputs": [],
        "steps": (0..steps).map(step).collect::<Vec<_>>(),
        "outputs": outputs.collect::<Vec<_>>(),
    })
}

/// The definition as a file would hold it: pretty-printed.
pub(crate) fn text(steps: usize) -> String {
    serde_json::to_string_pretty(&definition(steps)).expect("JSON values always serialise")
}

/// The operator's settings: the two variables allowed, and no limit on
/// the size of a file or its number of steps (100 000 steps are past the
/// defaults, as they would be for an operator running such files).
pub(crate) fn context() -> Context {
    let env = EnvAccess::deny_all()
        .allow_all(VARIABLES)
        .expect("plain variable names are valid patterns");
    let limits = [Limit::FileBytes, Limit::Steps]
        .into_iter()
        .try_fold(Limits::default(), |limits, limit| {
            limits.with(limit, usize::MAX)
        })
        .expect("both limits go up to usize::MAX");
    Context::default().with_env(env).with_limits(limits)
}

/// Every block of the library.
pub(crate) fn registry() -> Registry {
    blocks::registry().expect("the library's blocks form a registry")
}
