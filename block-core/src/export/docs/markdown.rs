//! Small pieces of Markdown shared by the pages.

use std::path::{Component, Path, PathBuf};

/// `text` as one sentence: trimmed, ending with exactly one stop (the
/// reference's pages print ".." where a description already has one).
pub(super) fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() || text.ends_with(['.', '!', '?', ':']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// `text` safe inside a table cell: one line, pipes escaped.
pub(super) fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// The relative link from the page at `from` to the page at `to`.
pub(super) fn link(from: &Path, to: &Path) -> String {
    let depth = from.parent().map_or(0, |parent| {
        parent
            .components()
            .filter(|c| matches!(c, Component::Normal(_)))
            .count()
    });
    let mut path = PathBuf::new();
    for _ in 0..depth {
        path.push("..");
    }
    path.push(to);
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_with_one_stop() {
        assert_eq!(sentence("Fetch it"), "Fetch it.");
        assert_eq!(sentence("Fetch it. "), "Fetch it.");
        assert_eq!(sentence("Is it?"), "Is it?");
    }

    #[test]
    fn links_climb_out_of_the_page_folder() {
        assert_eq!(
            link(Path::new("blocks/ns/a.md"), Path::new("kinds/secret.md")),
            "../../kinds/secret.md"
        );
        assert_eq!(
            link(Path::new("index.md"), Path::new("kinds/secret.md")),
            "kinds/secret.md"
        );
        assert_eq!(cell("a | b\nc"), "a \\| b c");
    }
}
