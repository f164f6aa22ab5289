//! The index: every block by UI section, then every kind.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use super::{block_page, kind_page, markdown};
use crate::kind;
use crate::registry::{Entry, Registry};

pub(super) fn render(registry: &Registry) -> String {
    let here = Path::new("index.md");
    let mut sections: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for entry in registry.entries() {
        sections
            .entry(entry.metadata().section)
            .or_default()
            .push(entry);
    }
    let mut page = String::from(
        "# Blocks\n\nEvery block of this library, by the UI section it is listed in.\n",
    );
    for (section, entries) in sections {
        let _ = writeln!(page, "\n## {}\n", title(section));
        let _ = writeln!(
            page,
            "| **Block** | **Identifier** | **Description** |\n|---|---|---|"
        );
        for entry in entries {
            let metadata = entry.metadata();
            let _ = writeln!(
                page,
                "| {} | `{}` | {} |",
                block_page::reference(entry, here),
                metadata.type_id,
                markdown::cell(&markdown::sentence(metadata.short_description)),
            );
        }
    }
    let _ = writeln!(page, "\n## Kinds\n");
    for kind in kind::all() {
        let link = markdown::link(here, &kind_page::path(kind));
        let _ = writeln!(
            page,
            "- [`{}`]({link}): {}",
            kind.name,
            markdown::sentence(kind.description)
        );
    }
    page
}

/// `data_storage` as `Data Storage`.
fn title(section: &str) -> String {
    section
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}
