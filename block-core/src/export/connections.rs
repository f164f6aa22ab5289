//! Which blocks can feed which, computed from kinds: an output connects to
//! a property when either side is the wildcard or their kinds meet.
//! Dynamic outputs count with their declared kinds, not as `*`, so a
//! `secret` output connects only where `secret` or `*` is accepted.

use crate::output::OutputDecl;
use crate::registry::{Entry, Registry};

/// The blocks a block connects with, each once, sorted by identifier.
#[derive(Debug, Default)]
pub struct Connections<'a> {
    /// Blocks whose outputs can feed this block's references.
    pub inputs: Vec<&'a Entry>,
    /// Blocks with a property that accepts one of this block's outputs.
    pub outputs: Vec<&'a Entry>,
}

/// The kinds, by name, of every output a block declares.
#[must_use]
pub fn produced_kinds(entry: &Entry) -> Vec<&'static str> {
    let mut kinds: Vec<&'static str> = entry
        .block()
        .outputs
        .iter()
        .flat_map(|decl| match decl {
            OutputDecl::Static { kinds, .. } | OutputDecl::Dynamic { kinds, .. } => kinds.iter(),
        })
        .map(|kind| kind.name)
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds
}

/// The kinds, by name, every reference of a block accepts.
#[must_use]
pub fn accepted_kinds(entry: &Entry) -> Vec<&str> {
    let mut kinds: Vec<&str> = entry
        .reference_slots()
        .iter()
        .flat_map(|slot| slot.kinds.iter().map(String::as_str))
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds
}

/// Whether values of `produced` may feed a property accepting `accepted`.
#[must_use]
pub fn meet(produced: &[&str], accepted: &[&str]) -> bool {
    let wildcard = |kinds: &[&str]| kinds.contains(&"*");
    if produced.is_empty() || accepted.is_empty() {
        return false;
    }
    wildcard(produced) || wildcard(accepted) || produced.iter().any(|kind| accepted.contains(kind))
}

/// The connections of `entry` among all blocks of `registry`.
#[must_use]
pub fn of<'a>(entry: &Entry, registry: &'a Registry) -> Connections<'a> {
    let produced = produced_kinds(entry);
    let accepted = accepted_kinds(entry);
    let mut connections = Connections::default();
    for other in registry.entries() {
        if meet(&produced_kinds(other), &accepted) {
            connections.inputs.push(other);
        }
        if meet(&produced, &accepted_kinds(other)) {
            connections.outputs.push(other);
        }
    }
    connections
}

#[cfg(test)]
mod tests {
    use super::meet;

    #[test]
    fn kinds_meet_on_the_wildcard_or_a_shared_kind() {
        assert!(meet(&["secret"], &["secret", "string"]));
        assert!(meet(&["secret"], &["*"]));
        assert!(meet(&["*"], &["integer"]));
        assert!(!meet(&["secret"], &["string", "integer"]));
        assert!(!meet(&[], &["*"]), "a block without outputs feeds nothing");
        assert!(
            !meet(&["*"], &[]),
            "a block without references takes nothing"
        );
    }
}
