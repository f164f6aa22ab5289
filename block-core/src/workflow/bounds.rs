//! The bounds a block schema sets that deserialising cannot see: list and
//! text lengths (`minItems`, `maxLength`, ...) and number bounds.

use serde_json::Value;

use crate::selector::Selector;

/// Why `value` breaks the bounds of the property schema `schema`, or
/// `None` when it keeps them. The schema's own bounds always hold; among
/// its alternatives (`anyOf`), a value that keeps the bounds of one
/// alternative of its type keeps them.
pub(crate) fn check(schema: &Value, value: &Value) -> Option<String> {
    if applies(schema, value)
        && let Some(problem) = problem(schema, value)
    {
        return Some(problem);
    }
    let mut first_problem = None;
    for candidate in alternatives(schema).filter(|candidate| applies(candidate, value)) {
        match problem(candidate, value) {
            None => return None,
            Some(problem) => {
                first_problem.get_or_insert(problem);
            }
        }
    }
    first_problem
}

/// The literal alternatives of a schema (references are checked elsewhere).
fn alternatives(schema: &Value) -> impl Iterator<Item = &Value> {
    ["anyOf", "oneOf"]
        .into_iter()
        .filter_map(|key| keyword(schema, key).and_then(Value::as_array))
        .flatten()
        .filter(|candidate| keyword(candidate, "reference") != Some(&Value::Bool(true)))
}

/// Whether `schema` sets a bound checked here, itself or in one of its
/// alternatives: a property whose schema sets none needs no check.
pub(crate) fn sets_bounds(schema: &Value) -> bool {
    let sets = |schema: &Value| LIMITS.iter().any(|key| keyword(schema, key).is_some());
    sets(schema) || alternatives(schema).any(sets)
}

/// The value of `key` in `schema`. A property's schema has a handful of
/// keywords, which are compared faster than one is hashed.
fn keyword<'s>(schema: &'s Value, key: &str) -> Option<&'s Value> {
    const FEW: usize = 16;
    match schema {
        Value::Object(object) if object.len() <= FEW => object
            .iter()
            .find_map(|(name, value)| (name == key).then_some(value)),
        _ => schema.get(key),
    }
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
    match keyword(schema, "type") {
        Some(Value::Array(types)) => types.iter().any(accepts),
        Some(declared) => accepts(declared),
        // An untyped wrapper of alternatives says nothing by itself.
        None => LIMITS.iter().any(|key| keyword(schema, key).is_some()),
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
    let limit = |key: &str| keyword(schema, key).and_then(Value::as_u64);
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
    let bound = |key: &str| keyword(schema, key).and_then(Value::as_f64);
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
    fn the_schema_s_own_bounds_hold_over_its_alternatives() {
        let schema =
            json!({"minimum": 1, "anyOf": [{"type": "integer", "minimum": 0}, {"type": "string"}]});
        assert!(check(&schema, &json!(0)).is_some_and(|p| p.contains("at least 1")));
        assert_eq!(check(&schema, &json!(1)), None);
        assert_eq!(check(&schema, &json!("$inputs.n")), None);
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
