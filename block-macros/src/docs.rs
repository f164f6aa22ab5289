//! Doc comments as descriptions: the single source for code, schema and
//! generated documentation.

use syn::{Attribute, Expr, Lit, Meta};

/// The text of the `///` comments on an item, one entry per line, with the
/// conventional leading space removed.
pub(crate) fn lines(attrs: &[Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc"))
        .filter_map(|attr| match &attr.meta {
            Meta::NameValue(pair) => match &pair.value {
                Expr::Lit(expr) => match &expr.lit {
                    Lit::Str(text) => Some(text.value()),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        })
        .flat_map(|text| text.split('\n').map(str::to_owned).collect::<Vec<_>>())
        .map(|line| line.strip_prefix(' ').map(str::to_owned).unwrap_or(line))
        .collect()
}

/// The first paragraph on one line, and the rest as Markdown.
pub(crate) fn split(lines: &[String]) -> (String, String) {
    let trimmed: Vec<&str> = lines.iter().map(|line| line.trim_end()).collect();
    let start = trimmed
        .iter()
        .position(|line| !line.is_empty())
        .unwrap_or(trimmed.len());
    let rest = &trimmed[start..];
    let end = rest
        .iter()
        .position(|line| line.is_empty())
        .unwrap_or(rest.len());
    let first = rest[..end]
        .iter()
        .map(|line| line.trim())
        .collect::<Vec<_>>()
        .join(" ");
    let long = rest[end..].join("\n").trim().to_owned();
    (first, long)
}

/// All paragraphs of a field's comment, each on one line.
pub(crate) fn paragraphs(lines: &[String]) -> String {
    lines
        .split(|line| line.trim().is_empty())
        .filter(|paragraph| !paragraph.is_empty())
        .map(|paragraph| {
            paragraph
                .iter()
                .map(|line| line.trim())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}
