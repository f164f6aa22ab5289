//! Outputs: declared once per block type, expanded per step when some are
//! dynamic (one output per entry of a list property).

use std::collections::HashMap;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::kind::{self, Kind};
use crate::run::Problem;

/// An output a block type declares.
#[derive(Debug, Clone, Copy)]
pub enum OutputDecl {
    /// An output every step has.
    Static {
        name: &'static str,
        kinds: &'static [&'static Kind],
    },
    /// One output per entry of the list property `source`.
    Dynamic {
        source: &'static str,
        rule: NameRule,
        kinds: &'static [&'static Kind],
    },
}

/// How an entry of a dynamic-output list becomes an output name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameRule {
    /// The entry as written.
    AsIs,
    /// The entry in lower case.
    Lowercase,
}

impl NameRule {
    /// The output name for one list entry.
    #[must_use]
    pub fn apply(self, entry: &str) -> String {
        match self {
            Self::AsIs => entry.to_owned(),
            Self::Lowercase => entry.to_lowercase(),
        }
    }
}

/// One actual output of a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// The name selectors use: `$steps.STEP.NAME`.
    pub name: String,
    /// The kinds its values have.
    pub kinds: &'static [&'static Kind],
}

impl Serialize for Output {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_struct("Output", 2)?;
        object.serialize_field("name", &self.name)?;
        object.serialize_field("kind", self.kinds)?;
        object.end()
    }
}

/// The outputs a block type shows before any step exists: static outputs
/// as declared, dynamic ones as the wildcard `*` (the reference's shape).
#[must_use]
pub fn class_outputs(decls: &[OutputDecl]) -> Vec<Output> {
    let mut outputs: Vec<Output> = Vec::with_capacity(decls.len());
    for decl in decls {
        let output = match decl {
            OutputDecl::Static { name, kinds } => Output {
                name: (*name).to_owned(),
                kinds,
            },
            OutputDecl::Dynamic { .. } => Output {
                name: "*".to_owned(),
                kinds: &[&kind::builtin::WILDCARD],
            },
        };
        if !outputs.contains(&output) {
            outputs.push(output);
        }
    }
    outputs
}

/// The actual outputs of one step: static outputs, then one per entry of
/// each dynamic source, in declaration order. `lists` holds the entries of
/// each dynamic source, in the order the dynamic outputs are declared.
///
/// Every clash is reported: a dynamic name equal to a static output or to
/// an earlier entry, and a name a selector could not reach.
pub fn actual_outputs(
    decls: &[OutputDecl],
    lists: &[&[String]],
) -> Result<Vec<Output>, Vec<Problem>> {
    let mut outputs = Vec::new();
    let mut taken: HashMap<String, String> = HashMap::new();
    let mut problems = Vec::new();
    for decl in decls {
        if let OutputDecl::Static { name, kinds } = decl {
            taken.insert((*name).to_owned(), String::new());
            outputs.push(Output {
                name: (*name).to_owned(),
                kinds,
            });
        }
    }
    let dynamic = decls.iter().filter_map(|decl| match decl {
        OutputDecl::Dynamic {
            source,
            rule,
            kinds,
        } => Some((*source, *rule, *kinds)),
        OutputDecl::Static { .. } => None,
    });
    for ((source, rule, kinds), entries) in dynamic.zip(lists) {
        for (index, entry) in entries.iter().enumerate() {
            let pointer = format!("/{source}/{index}");
            let name = rule.apply(entry);
            if let Some(problem) = check_name(&name, entry, &pointer, rule, taken.get(&name)) {
                problems.push(problem);
                continue;
            }
            taken.insert(name.clone(), pointer);
            outputs.push(Output { name, kinds });
        }
    }
    if problems.is_empty() {
        Ok(outputs)
    } else {
        Err(problems)
    }
}

fn check_name(
    name: &str,
    entry: &str,
    pointer: &str,
    rule: NameRule,
    earlier: Option<&String>,
) -> Option<Problem> {
    let reachable = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    let message = match earlier {
        _ if !reachable => format!(
            "`{entry}` cannot name an output: output names use letters, digits, `_` and `-` so that `$steps.STEP.OUTPUT` can reach them"
        ),
        Some(static_output) if static_output.is_empty() => format!(
            "`{entry}` would create the output `{name}`, which is reserved by this block; choose another name"
        ),
        Some(other) if rule == NameRule::Lowercase => format!(
            "`{entry}` and the entry at {other} both become the output `{name}` (output names are lowercased); keep one of them"
        ),
        Some(other) => format!("`{entry}` repeats the entry at {other}; list each name once"),
        None => return None,
    };
    Some(Problem::new(pointer, message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::builtin::{BOOLEAN, SECRET};

    const DECLS: &[OutputDecl] = &[
        OutputDecl::Static {
            name: "error_status",
            kinds: &[&BOOLEAN],
        },
        OutputDecl::Dynamic {
            source: "names",
            rule: NameRule::Lowercase,
            kinds: &[&SECRET],
        },
    ];

    fn names(entries: &[&str]) -> Vec<String> {
        entries.iter().map(|e| (*e).to_owned()).collect()
    }

    #[test]
    fn dynamic_entries_become_lowercase_outputs() {
        let outputs = actual_outputs(DECLS, &[&names(&["MY_SECRET_A", "My_Secret_B"])]).unwrap();
        let named: Vec<&str> = outputs.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(named, ["error_status", "my_secret_a", "my_secret_b"]);
        assert_eq!(outputs[1].kinds[0].name, "secret");
    }

    #[test]
    fn every_clash_is_reported_with_its_place() {
        let problems =
            actual_outputs(DECLS, &[&names(&["A", "a", "ERROR_STATUS", "x.y"])]).unwrap_err();
        let places: Vec<&str> = problems.iter().map(|p| p.pointer.as_str()).collect();
        assert_eq!(places, ["/names/1", "/names/2", "/names/3"]);
        assert!(
            problems[0].message.contains("/names/0"),
            "{}",
            problems[0].message
        );
        assert!(
            problems[1].message.contains("reserved"),
            "{}",
            problems[1].message
        );
        assert!(
            problems[2].message.contains("cannot name an output"),
            "{}",
            problems[2].message
        );
    }

    #[test]
    fn class_outputs_show_dynamic_outputs_as_the_wildcard() {
        let outputs = class_outputs(DECLS);
        assert_eq!(outputs[1].name, "*");
        assert!(outputs[1].kinds[0].is_wildcard());
    }
}
