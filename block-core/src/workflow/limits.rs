//! The limits a block schema sets that deserialising cannot see: list and
//! text lengths (`minItems`, `maxLength`, ...) and number bounds.

use serde_json::Value;

use crate::selector::Selector;

/// Why `value` breaks the limits of the property schema `schema`, or
/// `None` when it keeps them. Among alternatives (`anyOf`), a value that
/// keeps the limits of one alternative of its type keeps them.
pub(crate) fn check(schema: &Value, value: &Value) -> Option<String> {
    let mut first_problem = None;
    for candidate in candidates(schema).filter(|candidate| applies(candidate, value)) {
        match problem(candidate, value) {
            None => return None,
            Some(problem) => {
                first_problem.get_or_insert(problem);
            }
        }
    }
    first_problem
}

/// The schema and its literal alternatives (references are checked elsewhere).
fn candidates(schema: &Value) -> impl Iterator<Item = &Value> {
    let alternatives = ["anyOf", "oneOf"]
        .into_iter()
        .filter_map(|key| schema.get(key).and_then(Value::as_array))
        .flatten();
    std::iter::once(schema)
        .chain(alternatives)
        .filter(|candidate| candidate.get("reference") != Some(&Value::Bool(true)))
}

/// Whether `schema` describes values of `value`'s JSON type.
fn applies(schema: &Value, value: &Value) -> bool {
    let name = match value {
        Value::Array(_) => "array",
        Value::String(text) if !Selector::is_intended(text) => "string",
        Value::Number(_) => "number",
        _ => return false,
    };
    let accepts =
        |declared: &Value| declared == name || (name == "number" && declared == "integer");
    match schema.get("type") {
        Some(Value::Array(types)) => types.iter().any(accepts),
        Some(declared) => accepts(declared),
        // An untyped wrapper of alternatives says nothing by itself.
        None => LIMITS.iter().any(|key| schema.get(key).is_some()),
    }
}

/// The keywords checked here.
const LIMITS: &[&str] = &[
    "minItems",
    "maxItems",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
];

fn problem(schema: &Value, value: &Value) -> Option<String> {
    match value {
        Value::Array(items) => count_problem(schema, items.len(), "minItems", "maxItems", "item"),
        Value::String(text) => count_problem(
            schema,
            text.chars().count(),
            "minLength",
            "maxLength",
            "character",
        ),
        Value::Number(number) => number
            .as_f64()
            .and_then(|number| bound_problem(schema, number)),
        _ => None,
    }
}

fn count_problem(schema: &Value, count: usize, min: &str, max: &str, unit: &str) -> Option<String> {
    let limit = |key: &str| schema.get(key).and_then(Value::as_u64);
    let plural = |n: u64| {
        if n == 1 {
            unit.to_owned()
        } else {
            format!("{unit}s")
        }
    };
    let count_u64 = u64::try_from(count).unwrap_or(u64::MAX);
    if let Some(least) = limit(min).filter(|least| count_u64 < *least) {
        return Some(format!(
            "needs at least {least} {}, found {count}",
            plural(least)
        ));
    }
    if let Some(most) = limit(max).filter(|most| count_u64 > *most) {
        return Some(format!(
            "takes at most {most} {}, found {count}",
            plural(most)
        ));
    }
    None
}

fn bound_problem(schema: &Value, number: f64) -> Option<String> {
    let bound = |key: &str| schema.get(key).and_then(Value::as_f64);
    if let Some(least) = bound("minimum").filter(|least| number < *least) {
        return Some(format!("must be at least {least}, found {number}"));
    }
    if let Some(most) = bound("maximum").filter(|most| number > *most) {
        return Some(format!("must be at most {most}, found {number}"));
    }
    if let Some(least) = bound("exclusiveMinimum").filter(|least| number <= *least) {
        return Some(format!("must be greater than {least}, found {number}"));
    }
    if let Some(most) = bound("exclusiveMaximum").filter(|most| number >= *most) {
        return Some(format!("must be less than {most}, found {number}"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lengths_and_bounds_are_checked() {
        let list = json!({"type": "array", "minItems": 1});
        assert_eq!(
            check(&list, &json!([])).as_deref(),
            Some("needs at least 1 item, found 0")
        );
        assert_eq!(check(&list, &json!(["a"])), None);
        let number = json!({"type": ["integer", "null"], "minimum": 1, "maximum": 10});
        assert!(check(&number, &json!(0)).is_some_and(|p| p.contains("at least 1")));
        assert!(check(&number, &json!(11)).is_some_and(|p| p.contains("at most 10")));
        assert_eq!(check(&number, &json!(null)), None);
    }

    #[test]
    fn alternatives_and_selectors_are_respected() {
        let schema = json!({"anyOf": [
            {"type": "string", "minLength": 3},
            {"type": "string", "reference": true, "maxLength": 1},
        ]});
        assert!(check(&schema, &json!("ab")).is_some());
        assert_eq!(check(&schema, &json!("$inputs.x")), None);
        let either =
            json!({"anyOf": [{"type": "array", "minItems": 2}, {"type": "array", "maxItems": 1}]});
        assert_eq!(check(&either, &json!([1])), None);
    }
}
