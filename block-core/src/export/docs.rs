//! The documentation site, generated from the registry: one page per block
//! family (versions newest first), one per kind, and an index by UI section.
//! The same source as the schemas, so the two cannot drift; `check` says
//! when a committed copy is stale.

mod block_page;
mod index;
mod kind_page;
mod markdown;

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use crate::kind;
use crate::registry::{Entry, Registry};

/// Every page of the site, by path relative to its root.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Site {
    pages: BTreeMap<PathBuf, String>,
}

/// How a directory differs from the generated site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// A page is not there.
    Missing(PathBuf),
    /// A page is there with other contents.
    Changed(PathBuf),
    /// A Markdown file is there that the site does not have.
    Extra(PathBuf),
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Missing(path) => write!(f, "{}: missing", path.display()),
            Self::Changed(path) => write!(f, "{}: differs from the generated page", path.display()),
            Self::Extra(path) => write!(f, "{}: not a page of the generated site", path.display()),
        }
    }
}

impl Site {
    /// The site for every block of `registry`.
    #[must_use]
    pub fn generate(registry: &Registry) -> Self {
        let mut pages = BTreeMap::new();
        for (family, versions) in families(registry) {
            pages.insert(
                block_page::path(family),
                block_page::render(&versions, registry),
            );
        }
        for kind in kind::all() {
            pages.insert(kind_page::path(kind), kind_page::render(kind, registry));
        }
        pages.insert(PathBuf::from("index.md"), index::render(registry));
        Self { pages }
    }

    /// The pages, by relative path.
    #[must_use]
    pub fn pages(&self) -> &BTreeMap<PathBuf, String> {
        &self.pages
    }

    /// Writes every page under `root`, creating folders as needed.
    pub fn write(&self, root: &Path) -> io::Result<()> {
        for (path, text) in &self.pages {
            let target = root.join(path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(target, text)?;
        }
        Ok(())
    }

    /// How `root` differs from this site; empty when it is up to date.
    pub fn check(&self, root: &Path) -> io::Result<Vec<Stale>> {
        let mut stale = Vec::new();
        for (path, text) in &self.pages {
            match std::fs::read_to_string(root.join(path)) {
                Ok(found) if &found == text => {}
                Ok(_) => stale.push(Stale::Changed(path.clone())),
                Err(error) if error.kind() == io::ErrorKind::NotFound => {
                    stale.push(Stale::Missing(path.clone()));
                }
                Err(error) => return Err(error),
            }
        }
        for path in markdown_files(root, Path::new(""))? {
            if !self.pages.contains_key(&path) {
                stale.push(Stale::Extra(path));
            }
        }
        Ok(stale)
    }
}

/// Blocks grouped by family (identifier without version), newest first.
fn families(registry: &Registry) -> BTreeMap<&'static str, Vec<&Entry>> {
    let mut families: BTreeMap<&'static str, Vec<&Entry>> = BTreeMap::new();
    for entry in registry.entries() {
        families
            .entry(entry.metadata().family())
            .or_default()
            .push(entry);
    }
    for versions in families.values_mut() {
        versions.sort_by_key(|entry| std::cmp::Reverse(version_number(entry)));
    }
    families
}

fn version_number(entry: &Entry) -> u64 {
    entry
        .metadata()
        .version()
        .trim_start_matches('v')
        .parse()
        .unwrap_or(0)
}

fn markdown_files(root: &Path, relative: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let directory = match std::fs::read_dir(root.join(relative)) {
        Ok(directory) => directory,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(found),
        Err(error) => return Err(error),
    };
    for item in directory {
        let item = item?;
        let path = relative.join(item.file_name());
        if item.file_type()?.is_dir() {
            found.extend(markdown_files(root, &path)?);
        } else if path.extension().is_some_and(|extension| extension == "md") {
            found.push(path);
        }
    }
    Ok(found)
}
