//! `list`, `schema`, `outputs` and `describe`: read-only views of the registry.

use std::path::Path;

use block_core::export::describe::Describe;
use block_core::export::dialect::{Dialect, META_SCHEMA};
use block_core::registry::{Entry, Registry};
use serde_json::{Value, json};

use super::Failure;

pub(super) fn list(registry: &Registry) -> Value {
    let blocks: Vec<Value> = registry
        .entries()
        .map(|entry| json!({ "id": entry.metadata().type_id, "name": entry.metadata().name }))
        .collect();
    Value::Array(blocks)
}

pub(super) fn schema(registry: &Registry, id: &str, dialect: Dialect) -> Result<Value, Failure> {
    Ok(dialect.convert(find(registry, id, "")?.schema().clone()))
}

pub(super) fn describe(registry: &Registry, dialect: Dialect) -> Value {
    let mut document = serde_json::to_value(Describe::of(registry)).unwrap_or(Value::Null);
    for block in document["blocks"].as_array_mut().into_iter().flatten() {
        block["block_schema"] = dialect.convert(block["block_schema"].take());
    }
    document
}

pub(super) fn meta_schema() -> Result<Value, Failure> {
    serde_json::from_str(META_SCHEMA).map_err(Failure::internal)
}

pub(super) fn outputs(registry: &Registry, path: &Path) -> Result<Value, Failure> {
    let place = path.display();
    let text = std::fs::read_to_string(path).map_err(|error| {
        Failure::invalid(format!("{place}: cannot read the step file: {error}"))
    })?;
    let step: Value = serde_json::from_str(&text).map_err(|error| {
        Failure::invalid(format!(
            "{place}:{}:{}: not valid JSON: {error}",
            error.line(),
            error.column()
        ))
    })?;
    let Some(id) = step.get("type").and_then(Value::as_str) else {
        return Err(Failure::invalid(format!(
            "{place}: /type: a step needs `type`, a block identifier such as `roboflow_core/environment_secrets_store@v1`"
        )));
    };
    let entry = find(registry, id, &format!("{place}: /type: "))?;
    let parsed = entry.block().parse(&step).map_err(|error| {
        Failure::invalid(format!("{place}: {}: {error}", shown(&error.pointer)))
    })?;
    let outputs = parsed.outputs().map_err(|problems| {
        let lines: Vec<String> = problems
            .iter()
            .map(|problem| format!("{place}: {}: {}", problem.pointer, problem.message))
            .collect();
        Failure::invalid(lines.join("\n"))
    })?;
    serde_json::to_value(outputs).map_err(Failure::internal)
}

fn shown(pointer: &str) -> &str {
    if pointer.is_empty() { "/" } else { pointer }
}

fn find<'a>(registry: &'a Registry, id: &str, place: &str) -> Result<&'a Entry, Failure> {
    registry.get(id).ok_or_else(|| {
        let hint = registry
            .closest(id)
            .map(|known| format!("did you mean `{known}`? "))
            .unwrap_or_default();
        Failure::invalid(format!(
            "{place}unknown block `{id}`: {hint}`blocks list` shows every identifier"
        ))
    })
}
