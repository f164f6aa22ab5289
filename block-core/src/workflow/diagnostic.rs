//! A problem found in a workflow file, with its place, and the two ways of
//! showing a list of them: for a person and as JSON for tools.

use std::fmt::Write as _;

use serde::Serialize;

use super::position::Position;

/// The stable codes of diagnostics. Tools may match on them; a code is
/// never reused for another kind of problem.
pub mod code {
    /// The file is not UTF-8 text.
    pub const INVALID_ENCODING: &str = "invalid-encoding";
    /// The file is not valid JSON.
    pub const INVALID_JSON: &str = "invalid-json";
    /// The file goes over one of the operator's limits (size, steps,
    /// nesting, text length).
    pub const LIMIT_EXCEEDED: &str = "limit-exceeded";
    /// An object repeats a key, so its first value would be silently lost.
    pub const DUPLICATE_KEY: &str = "duplicate-key";
    /// A required property is absent.
    pub const MISSING_PROPERTY: &str = "missing-property";
    /// A property that the object does not have.
    pub const UNKNOWN_PROPERTY: &str = "unknown-property";
    /// A value of the wrong type, or outside what its property allows.
    pub const INVALID_VALUE: &str = "invalid-value";
    /// The workflow's `version` is one this engine cannot run.
    pub const UNSUPPORTED_VERSION: &str = "unsupported-version";
    /// A step's `type` names no registered block.
    pub const UNKNOWN_BLOCK: &str = "unknown-block";
    /// A block that does not run on this engine's version.
    pub const INCOMPATIBLE_BLOCK: &str = "incompatible-block";
    /// Two inputs, two steps or two outputs share a name.
    pub const DUPLICATE_NAME: &str = "duplicate-name";
    /// A string meant as a selector that is not one.
    pub const MALFORMED_SELECTOR: &str = "malformed-selector";
    /// `$inputs.NAME` where no input has that name.
    pub const UNKNOWN_INPUT: &str = "unknown-input";
    /// `$steps.STEP...` where no step has that name.
    pub const UNKNOWN_STEP: &str = "unknown-step";
    /// `$steps.STEP.OUTPUT` where the step has no such output.
    pub const UNKNOWN_OUTPUT: &str = "unknown-output";
    /// A reference whose kinds the property does not accept.
    pub const KIND_MISMATCH: &str = "kind-mismatch";
    /// Steps that depend on each other in a circle.
    pub const CYCLE: &str = "cycle";
    /// A step whose configuration cannot name its outputs.
    pub const INVALID_OUTPUT_NAME: &str = "invalid-output-name";
    /// A step that needs something the operator does not allow.
    pub const NOT_ALLOWED: &str = "not-allowed";
    /// More problems than are listed one by one; the last diagnostic
    /// counts the rest.
    pub const TOO_MANY_PROBLEMS: &str = "too-many-problems";
    /// A fault of the engine itself, not of the file.
    pub const INTERNAL: &str = "internal-error";
}

/// One problem in a workflow file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// A stable code from [`code`].
    pub code: &'static str,
    /// What is wrong and what would be valid.
    pub message: String,
    /// The JSON pointer of the offending value, e.g. `/steps/1/raw_json`.
    pub pointer: String,
    /// The line of the value (or of its closest existing parent), from 1.
    pub line: usize,
    /// The column in characters, from 1.
    pub column: usize,
    /// The step's name, when the problem is inside a step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// The step property, when the problem is inside one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub property: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at `pointer`, placed at the start of the file until
    /// [`Diagnostic::at`] gives it its position.
    pub fn new(code: &'static str, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            pointer: pointer.into(),
            line: Position::START.line,
            column: Position::START.column,
            step: None,
            property: None,
        }
    }

    /// The same diagnostic at `position`.
    #[must_use]
    pub fn at(mut self, position: Position) -> Self {
        self.line = position.line;
        self.column = position.column;
        self
    }

    /// The same diagnostic, naming the step and, when known, its property.
    #[must_use]
    pub fn in_step(mut self, step: &str, property: Option<&str>) -> Self {
        if !step.is_empty() {
            self.step = Some(step.to_owned());
        }
        self.property = property.map(str::to_owned);
        self
    }

    /// The position as a value.
    #[must_use]
    pub fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }
}

/// The widest part of a line shown under a diagnostic; longer lines (a
/// minified file) are cut around the column.
const SHOWN_WIDTH: usize = 120;

/// Renders diagnostics for a person: `file:line:col: error[code]: message`,
/// then the offending line of `text` with a caret under the column.
#[must_use]
pub fn render_human(file: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    // Columns are counted after a byte-order mark, as editors show them.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let starts = line_starts(text, diagnostics);
    let mut current: Option<Line<'_>> = None;
    let mut out = String::new();
    for diagnostic in diagnostics {
        let Diagnostic {
            code,
            message,
            line,
            column,
            ..
        } = diagnostic;
        let _ = writeln!(out, "{file}:{line}:{column}: error[{code}]: {message}");
        // Diagnostics come in file order: a line is measured once.
        if current.as_ref().is_none_or(|shown| shown.number != *line) {
            current = line_text(text, &starts, *line).map(|source| Line::new(*line, source));
        }
        if let Some(source) = &current {
            let (shown, caret) = excerpt(source, *column);
            let gutter = " ".repeat(line.to_string().len());
            let _ = writeln!(out, "{gutter} |\n{line} | {shown}\n{gutter} | {caret}^");
        }
        if let Some(place) = place(diagnostic) {
            let _ = writeln!(out, "  = {place}");
        }
    }
    out
}

/// Renders diagnostics as a JSON array of objects with `code`, `message`,
/// `pointer`, `line`, `column`, and `step` and `property` when known.
#[must_use]
pub fn render_json(diagnostics: &[Diagnostic]) -> String {
    // Serialising strings and numbers cannot fail; an empty array is the
    // honest fallback should serde ever disagree.
    serde_json::to_string_pretty(diagnostics).unwrap_or_else(|_| "[]".to_owned())
}

/// The part of `line` to show and the padding that puts a caret under
/// `column` (tabs kept, so that the caret lines up with them).
fn excerpt(line: &Line<'_>, column: usize) -> (String, String) {
    let length = line.chars;
    let caret_index = column.saturating_sub(1).min(length);
    // Keep the start of the line when it fits with the caret; else centre.
    let start = if length <= SHOWN_WIDTH || caret_index < SHOWN_WIDTH * 2 / 3 {
        0
    } else {
        caret_index - SHOWN_WIDTH / 2
    };
    let end = (start + SHOWN_WIDTH).min(length);
    // A control character would act on the terminal rather than show.
    let mut shown: String = line
        .between(start, end)
        .chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect();
    let mut padding: String = line
        .between(start, caret_index)
        .chars()
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    if start > 0 {
        shown.insert(0, '…');
        padding.insert(0, ' ');
    }
    if end < length {
        shown.push('…');
    }
    (shown, padding)
}

/// Where each line of `text` starts, when a diagnostic will show one.
fn line_starts(text: &str, diagnostics: &[Diagnostic]) -> Vec<usize> {
    if diagnostics.is_empty() {
        return Vec::new();
    }
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(newline, _)| newline + 1))
        .collect()
}

/// Line `number` of `text` (from 1), as [`str::lines`] gives it.
fn line_text<'t>(text: &'t str, starts: &[usize], number: usize) -> Option<&'t str> {
    let start = *starts.get(number.checked_sub(1)?)?;
    if start >= text.len() {
        return None;
    }
    let end = starts.get(number).map_or(text.len(), |next| next - 1);
    let line = text.get(start..end)?;
    Some(line.strip_suffix('\r').unwrap_or(line))
}

/// A line to show, with where every [`Line::STRIDE`]th character starts,
/// so that the part around a column is found without walking the line
/// (a minified file is one long line, and may have many diagnostics).
struct Line<'t> {
    number: usize,
    text: &'t str,
    /// The byte offset of characters 0, STRIDE, 2 × STRIDE, ...
    marks: Vec<usize>,
    /// The length in characters.
    chars: usize,
}

impl<'t> Line<'t> {
    const STRIDE: usize = 1024;

    fn new(number: usize, text: &'t str) -> Self {
        let text = text.trim_end_matches('\r');
        let mut marks = Vec::new();
        let mut chars = 0;
        for (offset, _) in text.char_indices() {
            if chars % Self::STRIDE == 0 {
                marks.push(offset);
            }
            chars += 1;
        }
        Self {
            number,
            text,
            marks,
            chars,
        }
    }

    /// The byte offset of character `index` (the end for the length).
    fn offset(&self, index: usize) -> usize {
        let mark = self
            .marks
            .get(index / Self::STRIDE)
            .copied()
            .unwrap_or(self.text.len());
        let rest = self.text.get(mark..).unwrap_or_default();
        rest.char_indices()
            .nth(index % Self::STRIDE)
            .map_or(self.text.len(), |(offset, _)| mark + offset)
    }

    /// Characters `start..end`.
    fn between(&self, start: usize, end: usize) -> &'t str {
        self.text
            .get(self.offset(start)..self.offset(end))
            .unwrap_or_default()
    }
}

/// Where the problem is, in the author's words: pointer, step and property.
fn place(diagnostic: &Diagnostic) -> Option<String> {
    if diagnostic.pointer.is_empty() {
        return None;
    }
    let mut place = format!("at {}", diagnostic.pointer);
    if let Some(step) = &diagnostic.step {
        let _ = write!(place, ", step `{step}`");
    }
    if let Some(property) = &diagnostic.property {
        let _ = write!(place, ", property `{property}`");
    }
    Some(place)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Diagnostic {
        Diagnostic::new(
            code::UNKNOWN_BLOCK,
            "/steps/0/type",
            "`x` is not a known block type",
        )
        .at(Position {
            line: 2,
            column: 10,
        })
        .in_step("vault", Some("type"))
    }

    #[test]
    fn human_output_shows_the_place_line_and_caret() {
        let text = "{\n\t\"type\": \"x\"\n}";
        let rendered = render_human("flow.json", text, &[sample()]);
        let expected = "flow.json:2:10: error[unknown-block]: `x` is not a known block type\n  |\n2 | \t\"type\": \"x\"\n  | \t        ^\n  = at /steps/0/type, step `vault`, property `type`\n";
        assert_eq!(rendered, expected);
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let short = format!("{}X", "a".repeat(110));
        assert_eq!(
            excerpt(&Line::new(1, &short), 111).0,
            short,
            "a line that fits is shown whole"
        );
        let line = format!("{}X{}", "é".repeat(3000), "b".repeat(300));
        let (shown, padding) = excerpt(&Line::new(1, &line), 3001);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().nth(padding.chars().count()), Some('X'));
    }

    #[test]
    fn json_output_has_the_fields_tools_read() {
        let json: serde_json::Value = serde_json::from_str(&render_json(&[sample()])).unwrap();
        let object = &json[0];
        for key in [
            "code", "message", "pointer", "line", "column", "step", "property",
        ] {
            assert!(object.get(key).is_some(), "{key} in {object}");
        }
        assert_eq!(object["line"], 2);
        assert_eq!(object["column"], 10);
    }
}
