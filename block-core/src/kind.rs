//! Kinds: the names that say what a value is, so that the engine and a UI
//! can tell which outputs may feed which inputs.

pub mod builtin;

use std::collections::BTreeMap;
use std::fmt;

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// A kind of value that flows between steps.
///
/// Kinds are identified by name; the built-in catalogue uses the reference
/// engine's names so that workflow files and UI builders interoperate.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Kind {
    /// The name written in workflow files and schemas (`secret`, `*`, ...).
    pub name: &'static str,
    /// One sentence a UI shows beside a connection.
    pub description: &'static str,
    /// Markdown for the kind's documentation page.
    pub docs: &'static str,
    /// The JSON type a value of this kind is serialised as.
    pub serialised_type: &'static str,
}

impl Kind {
    /// Whether this is the wildcard kind `*`, compatible with every kind.
    #[must_use]
    pub fn is_wildcard(&self) -> bool {
        self.name == builtin::WILDCARD.name
    }
}

impl fmt::Debug for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Kind({})", self.name)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_struct("Kind", 4)?;
        object.serialize_field("name", self.name)?;
        object.serialize_field("description", self.description)?;
        object.serialize_field("docs", self.docs)?;
        object.serialize_field("serialised_data_type", self.serialised_type)?;
        object.end()
    }
}

/// Whether a value of one of `produced` may feed a property accepting `accepted`:
/// either side holds the wildcard, or the two sets share a kind.
#[must_use]
pub fn compatible(produced: &[&Kind], accepted: &[&Kind]) -> bool {
    let wildcard = |kinds: &[&Kind]| kinds.iter().any(|kind| kind.is_wildcard());
    wildcard(produced)
        || wildcard(accepted)
        || produced
            .iter()
            .any(|kind| accepted.iter().any(|other| other.name == kind.name))
}

/// Declares a kind from a block crate, so that the registry, the describe
/// document and the docs know it.
///
/// ```
/// use block_core::kind::{Kind, DeclaredKind};
///
/// pub const TEMPERATURE: Kind = Kind {
///     name: "temperature",
///     description: "A temperature in degrees Celsius.",
///     docs: "A float holding degrees Celsius.",
///     serialised_type: "float",
/// };
/// block_core::inventory::submit! { DeclaredKind(&TEMPERATURE) }
/// ```
#[derive(Debug)]
pub struct DeclaredKind(pub &'static Kind);

inventory::collect!(DeclaredKind);

/// Every kind known to this process: the built-in catalogue and the kinds
/// declared by linked block crates, sorted by name.
#[must_use]
pub fn all() -> Vec<&'static Kind> {
    let declared = inventory::iter::<DeclaredKind>.into_iter().map(|d| d.0);
    let by_name: BTreeMap<&str, &'static Kind> = builtin::ALL
        .iter()
        .copied()
        .chain(declared)
        .map(|kind| (kind.name, kind))
        .collect();
    by_name.into_values().collect()
}

/// Finds a kind by its name among [`all`] kinds.
#[must_use]
pub fn lookup(name: &str) -> Option<&'static Kind> {
    builtin::ALL
        .iter()
        .copied()
        .chain(inventory::iter::<DeclaredKind>.into_iter().map(|d| d.0))
        .find(|kind| kind.name == name)
}
