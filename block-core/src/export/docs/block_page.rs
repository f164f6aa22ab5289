//! A block family's page: each version, newest first, with the sections
//! of the reference's pages: description, type identifier, properties,
//! connections, bindings and an example step.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::{kind_page, markdown};
use crate::export::connections;
use crate::kind;
use crate::output::OutputDecl;
use crate::registry::{Entry, Registry};

/// The page's path: `blocks/NAMESPACE/NAME.md`.
pub(super) fn path(family: &str) -> PathBuf {
    PathBuf::from(format!("blocks/{family}.md"))
}

/// A Markdown link to an entry's page, from the page at `from`.
pub(super) fn reference(entry: &Entry, from: &Path) -> String {
    let metadata = entry.metadata();
    let target = markdown::link(from, &path(metadata.family()));
    format!("[{} ({})]({target})", metadata.name, metadata.version())
}

pub(super) fn render(versions: &[&Entry], registry: &Registry) -> String {
    let Some(newest) = versions.first() else {
        return String::new();
    };
    let here = path(newest.metadata().family());
    let mut page = format!("# {}\n", newest.metadata().name);
    for entry in versions {
        render_version(&mut page, entry, registry, &here, versions.len() > 1);
    }
    page
}

fn render_version(
    page: &mut String,
    entry: &Entry,
    registry: &Registry,
    here: &Path,
    several: bool,
) {
    let metadata = entry.metadata();
    let name = metadata.name;
    let version = metadata.version();
    let level = if several { "###" } else { "##" };
    if several {
        let _ = writeln!(page, "\n## Version {version}");
    }
    let class = metadata
        .rust_path
        .rsplit("::")
        .next()
        .unwrap_or(metadata.rust_path);
    let _ = writeln!(page, "\nClass: `{class}` (`{}`)\n", metadata.rust_path);
    if let Some(reason) = metadata.deprecated {
        let _ = writeln!(page, "> **Deprecated.** {}\n", markdown::sentence(reason));
    }
    let _ = writeln!(page, "{}\n", markdown::sentence(metadata.short_description));
    if !metadata.long_description.is_empty() {
        let _ = writeln!(page, "{}\n", demote(metadata.long_description, level));
    }
    let _ = writeln!(page, "{level} Type identifier\n");
    let _ = writeln!(
        page,
        "Use the following identifier in step `\"type\"` field: `{}` to add the block as a step in your workflow.",
        metadata.type_id
    );
    if !metadata.aliases.is_empty() {
        let aliases: Vec<String> = metadata
            .aliases
            .iter()
            .map(|alias| format!("`{alias}`"))
            .collect();
        let _ = writeln!(
            page,
            "\nFormer identifiers, still accepted: {}.",
            aliases.join(", ")
        );
    }
    properties(page, entry, level);
    available_connections(page, entry, registry, here, level);
    bindings(page, entry, here, level);
    example(page, entry, level, name, version);
}

/// Long descriptions use `##` for their own sections; on the page they sit
/// under the version, one level deeper.
fn demote(markdown: &str, level: &str) -> String {
    if level == "##" {
        return markdown.trim().to_owned();
    }
    markdown
        .lines()
        .map(|line| {
            if line.starts_with('#') {
                format!("#{line}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

fn properties(page: &mut String, entry: &Entry, level: &str) {
    let _ = writeln!(page, "\n{level} Properties\n");
    let _ = writeln!(
        page,
        "| **Name** | **Type** | **Description** | Refs |\n|---|---|---|---|"
    );
    for row in entry.rows() {
        let refs = if row.refs { "✅" } else { "❌" };
        let description = markdown::cell(&markdown::sentence(&row.description));
        let _ = writeln!(
            page,
            "| `{}` | `{}` | {description} | {refs} |",
            row.name, row.type_annotation
        );
    }
    let _ = writeln!(
        page,
        "\nThe **Refs** column marks the properties that can be parametrised with values available at workflow runtime, \
         through selectors such as `$inputs.NAME` and `$steps.STEP.OUTPUT`. See the bindings below for the kinds each accepts."
    );
}

fn available_connections(
    page: &mut String,
    entry: &Entry,
    registry: &Registry,
    here: &Path,
    level: &str,
) {
    let metadata = entry.metadata();
    let found = connections::of(entry, registry);
    let shown = |entries: &[&Entry]| {
        if entries.is_empty() {
            return "None".to_owned();
        }
        entries
            .iter()
            .map(|other| reference(other, here))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(page, "\n{level} Available Connections\n");
    let _ = writeln!(
        page,
        "Compatible blocks: check what blocks you can connect to {} in version {}.\n",
        metadata.name,
        metadata.version()
    );
    let _ = writeln!(page, "- inputs: {}", shown(&found.inputs));
    let _ = writeln!(page, "- outputs: {}", shown(&found.outputs));
}

fn kind_links(names: impl IntoIterator<Item = impl AsRef<str>>, here: &Path) -> String {
    names
        .into_iter()
        .filter_map(|name| kind::lookup(name.as_ref()))
        .map(|kind| {
            format!(
                "[`{}`]({})",
                kind.name,
                markdown::link(here, &kind_page::path(kind))
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn bindings(page: &mut String, entry: &Entry, here: &Path, level: &str) {
    let metadata = entry.metadata();
    let _ = writeln!(page, "\n{level} Input and Output Bindings\n");
    let _ = writeln!(
        page,
        "The available connections depend on the binding kinds. Check what binding kinds {} in version {} has.\n",
        metadata.name,
        metadata.version()
    );
    let _ = writeln!(page, "- input");
    let mut any_input = false;
    for slot in entry.reference_slots() {
        any_input = true;
        let _ = writeln!(
            page,
            "    - `{}` ({}): {}",
            slot.property,
            kind_links(&slot.kinds, here),
            markdown::sentence(&slot.description)
        );
    }
    if !any_input {
        let _ = writeln!(page, "    - none: every property takes a literal");
    }
    let _ = writeln!(page, "- output");
    for decl in entry.block().outputs {
        let (name, kinds) = match decl {
            OutputDecl::Static { name, kinds } => (format!("`{name}`"), *kinds),
            OutputDecl::Dynamic {
                source,
                rule,
                kinds,
            } => {
                let rule = match rule {
                    crate::output::NameRule::Lowercase => "named in lowercase",
                    crate::output::NameRule::AsIs => "named as written",
                };
                (
                    format!("one output per entry of `{source}`, {rule}"),
                    *kinds,
                )
            }
        };
        let described: Vec<String> = kinds
            .iter()
            .map(|kind| markdown::sentence(kind.description))
            .collect();
        let links = kind_links(kinds.iter().map(|kind| kind.name), here);
        let _ = writeln!(page, "    - {name} ({links}): {}", described.join(" "));
    }
}

fn example(page: &mut String, entry: &Entry, level: &str, name: &str, version: &str) {
    let schema = entry.schema();
    let mut step = Map::new();
    step.insert("name".into(), Value::from("<your_step_name_here>"));
    step.insert("type".into(), Value::from(entry.metadata().type_id));
    for (property, definition) in schema["properties"].as_object().into_iter().flatten() {
        let first_example = definition["examples"]
            .as_array()
            .and_then(|examples| examples.first());
        if let Some(value) = first_example.or_else(|| definition.get("default")) {
            step.insert(property.clone(), value.clone());
        }
    }
    let json = serde_json::to_string_pretty(&Value::Object(step)).unwrap_or_default();
    let _ = writeln!(page, "\n{level} Example JSON definition\n");
    let _ = writeln!(
        page,
        "Example JSON definition of step {name} in version {version}:\n"
    );
    let _ = writeln!(page, "```json\n{json}\n```");
}
