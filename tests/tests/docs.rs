//! The generated documentation: every page is Markdown whose relative links
//! resolve, the committed `docs/` is up to date, each block page is a
//! reviewed snapshot, and the env-secrets page carries the reference
//! page's facts section by section.

use std::path::{Path, PathBuf};

use block_core::export::docs::Site;
use pulldown_cmark::{Event, Parser, Tag};

fn site() -> Site {
    Site::generate(&blocks::registry().unwrap())
}

fn committed_docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs")
}

fn links(markdown: &str) -> Vec<String> {
    Parser::new(markdown)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_relative_link_resolves_to_a_page() {
    let site = site();
    for (path, text) in site.pages() {
        let folder = path.parent().unwrap_or(Path::new(""));
        for link in links(text) {
            if link.starts_with("http") || link.starts_with('#') {
                continue;
            }
            let target = normalise(&folder.join(link.split('#').next().unwrap()));
            assert!(
                site.pages().contains_key(&target),
                "{}: `{link}` points to no page",
                path.display()
            );
        }
    }
}

fn normalise(path: &Path) -> PathBuf {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(part) => parts.push(part),
            _ => {}
        }
    }
    parts.iter().collect()
}

#[test]
fn every_page_parses_and_has_one_title_and_no_doubled_periods() {
    for (path, text) in site().pages() {
        let titles = Parser::new(text)
            .filter(|event| {
                matches!(
                    event,
                    Event::Start(Tag::Heading {
                        level: pulldown_cmark::HeadingLevel::H1,
                        ..
                    })
                )
            })
            .count();
        assert_eq!(titles, 1, "{}", path.display());
        let prose: String = Parser::new(text)
            .filter_map(|event| match event {
                Event::Text(text) => Some(text.to_string()),
                _ => None,
            })
            .collect();
        assert!(
            !prose.contains(".."),
            "{}: a doubled period",
            path.display()
        );
    }
}

#[test]
fn the_committed_docs_are_up_to_date() {
    let stale = site().check(&committed_docs()).unwrap();
    let shown: Vec<String> = stale.iter().map(ToString::to_string).collect();
    assert!(
        stale.is_empty(),
        "docs/ is stale, run `cargo run -p blocks -- docs --out docs`:\n{}",
        shown.join("\n")
    );
}

#[test]
fn block_pages_are_reviewed_snapshots() {
    for (path, text) in site().pages() {
        if path.starts_with("blocks") {
            let name = path
                .with_extension("")
                .display()
                .to_string()
                .replace('/', "__");
            insta::assert_snapshot!(name, text);
        }
    }
}

#[test]
fn the_env_secrets_page_carries_the_reference_pages_facts() {
    let site = site();
    let page = &site.pages()[Path::new("blocks/roboflow_core/environment_secrets_store.md")];
    let sections = [
        "# Environment Secrets Store",
        "Class: `EnvironmentSecretsStore`",
        "## How This Block Works",
        "## Type identifier",
        "`roboflow_core/environment_secrets_store@v1`",
        "## Properties",
        "| **Name** | **Type** | **Description** | Refs |",
        "| `name` | `str` | Enter a unique identifier for this step. | ❌ |",
        "| `variables_storing_secrets` | `List[str]` | List with names of environment variables to fetch. Each will create separate block output. | ❌ |",
        "The **Refs** column marks",
        "## Available Connections",
        "- inputs: None",
        "## Input and Output Bindings",
        "[`secret`](../../kinds/secret.md)",
        "## Example JSON definition",
        "\"<your_step_name_here>\"",
    ];
    let mut from = 0;
    for section in sections {
        let found = page[from..]
            .find(section)
            .unwrap_or_else(|| panic!("`{section}` missing or out of order"));
        from += found + section.len();
    }
    // Only blocks that accept secrets are listed, each once, sorted.
    let outputs_line = page
        .lines()
        .find(|line| line.starts_with("- outputs:"))
        .unwrap();
    let listed: Vec<&str> = outputs_line.split("), [").collect();
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(listed, sorted);
    assert!(outputs_line.contains("Webhook Sink"), "{outputs_line}");
    assert!(!outputs_line.contains("Current Time"), "{outputs_line}");
}
