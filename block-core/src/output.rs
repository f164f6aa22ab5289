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
    let entries: usize = lists.iter().map(|list| list.len()).sum();
    let mut outputs = Vec::with_capacity(decls.len() + entries);
    for decl in decls {
        if let OutputDecl::Static { name, kinds } = decl {
            outputs.push(Output {
                name: (*name).to_owned(),
                kinds,
            });
        }
    }
    let statics = outputs.len();
    let dynamic = decls.iter().filter_map(|decl| match decl {
        OutputDecl::Dynamic {
            source,
            rule,
            kinds,
        } => Some((*source, *rule, *kinds)),
        OutputDecl::Static { .. } => None,
    });
    // Where each dynamic output came from, to name it in a clash.
    let mut origins: Vec<(&str, usize)> = Vec::with_capacity(entries);
    let mut taken = Taken::new(&outputs);
    let mut problems = Vec::new();
    for ((source, rule, kinds), entries) in dynamic.zip(lists) {
        for (index, entry) in entries.iter().enumerate() {
            let name = rule.apply(entry);
            let earlier = taken.find(&outputs, &name).map(|place| {
                match place.checked_sub(statics).and_then(|at| origins.get(at)) {
                    Some((source, index)) => format!("/{source}/{index}"),
                    None => String::new(),
                }
            });
            let pointer = || format!("/{source}/{index}");
            if let Some(problem) = check_name(&name, entry, pointer, rule, earlier.as_ref()) {
                problems.push(problem);
                continue;
            }
            origins.push((source, index));
            outputs.push(Output { name, kinds });
            taken.grow(&outputs);
        }
    }
    if problems.is_empty() {
        Ok(outputs)
    } else {
        Err(problems)
    }
}

/// The output names taken so far: searched one by one while they are few,
/// as nearly every step's are, and through a hash map past that, so that a
/// list of many thousand entries stays linear.
struct Taken(Option<HashMap<String, usize>>);

impl Taken {
    /// How many outputs are searched one by one.
    const FEW: usize = 16;

    fn new(outputs: &[Output]) -> Self {
        let mut taken = Self(None);
        taken.grow(outputs);
        taken
    }

    /// The place in `outputs` of the output called `name`.
    fn find(&self, outputs: &[Output], name: &str) -> Option<usize> {
        match &self.0 {
            Some(places) => places.get(name).copied(),
            None => outputs.iter().position(|output| output.name == name),
        }
    }

    /// Records the output just added last to `outputs`.
    fn grow(&mut self, outputs: &[Output]) {
        match &mut self.0 {
            Some(places) => {
                if let Some(output) = outputs.last() {
                    places.insert(output.name.clone(), outputs.len() - 1);
                }
            }
            None if outputs.len() > Self::FEW => {
                let places = outputs.iter().enumerate();
                self.0 = Some(
                    places
                        .map(|(place, output)| (output.name.clone(), place))
                        .collect(),
                );
            }
            None => {}
        }
    }
}

fn check_name(
    name: &str,
    entry: &str,
    pointer: impl FnOnce() -> String,
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
    Some(Problem::new(pointer(), message))
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
    fn clashes_in_long_lists_are_found_too() {
        let mut entries: Vec<String> = (0..40).map(|i| format!("V{i}")).collect();
        entries.extend(["v3".to_owned(), "ERROR_STATUS".to_owned()]);
        let problems = actual_outputs(DECLS, &[&entries]).unwrap_err();
        let places: Vec<&str> = problems.iter().map(|p| p.pointer.as_str()).collect();
        assert_eq!(places, ["/names/40", "/names/41"]);
        assert!(
            problems[0].message.contains("/names/3 "),
            "{}",
            problems[0].message
        );
        assert!(
            problems[1].message.contains("reserved"),
            "{}",
            problems[1].message
        );
        let outputs = actual_outputs(DECLS, &[&entries[..40]]).unwrap();
        assert_eq!(outputs.len(), 41);
        assert_eq!(outputs[40].name, "v39");
    }

    #[test]
    fn class_outputs_show_dynamic_outputs_as_the_wildcard() {
        let outputs = class_outputs(DECLS);
        assert_eq!(outputs[1].name, "*");
        assert!(outputs[1].kinds[0].is_wildcard());
    }
}
