//! A kind's page: what it is and which blocks produce and accept it.

use std::fmt::Write;
use std::path::PathBuf;

use super::{block_page, markdown};
use crate::export::connections::{accepted_kinds, produced_kinds};
use crate::kind::Kind;
use crate::registry::Registry;

/// The page's path: `kinds/NAME.md` (`*` is `wildcard`).
pub(super) fn path(kind: &Kind) -> PathBuf {
    let slug = if kind.is_wildcard() {
        "wildcard"
    } else {
        kind.name
    };
    PathBuf::from(format!("kinds/{slug}.md"))
}

pub(super) fn render(kind: &Kind, registry: &Registry) -> String {
    let here = path(kind);
    let mut page = String::new();
    let _ = writeln!(page, "# Kind `{}`\n", kind.name);
    let _ = writeln!(page, "{}\n", markdown::sentence(kind.description));
    if kind.docs != kind.description {
        let _ = writeln!(page, "{}\n", kind.docs.trim());
    }
    let _ = writeln!(page, "Serialised as: `{}`\n", kind.serialised_type);
    let producers: Vec<String> = registry
        .entries()
        .filter(|entry| produced_kinds(entry).contains(&kind.name))
        .map(|entry| block_page::reference(entry, &here))
        .collect();
    let consumers: Vec<String> = registry
        .entries()
        .filter(|entry| accepted_kinds(entry).contains(&kind.name))
        .map(|entry| block_page::reference(entry, &here))
        .collect();
    let _ = writeln!(page, "## Produced by\n\n{}\n", list(&producers));
    let _ = writeln!(page, "## Accepted by\n\n{}", list(&consumers));
    if !kind.is_wildcard() {
        let wildcard = markdown::link(&here, &path(&crate::kind::builtin::WILDCARD));
        let _ = writeln!(
            page,
            "\nEvery property that accepts [`*`]({wildcard}) accepts it too."
        );
    }
    page
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        return "None.".to_owned();
    }
    items
        .iter()
        .map(|item| format!("- {item}"))
        .collect::<Vec<_>>()
        .join("\n")
}
