//! The operator's [`Limits`] applied to a workflow file before it is
//! parsed: its size, how deeply it nests and how long its texts are; and,
//! once parsed, how many steps it has. A file over a limit is refused with
//! a diagnostic that names the limit and the setting that raises it.
//!
//! The walk over the text here is a single pass that keeps no recursion,
//! so that a file nested ten thousand levels deep is measured, refused and
//! never handed to a parser that would recurse into it.

use crate::context::{Limit, Limits};

use super::diagnostic::{Diagnostic, code};
use super::position::{Position, decode_key, escape};

/// How many texts over the limit are reported one by one; the rest are
/// counted in one last diagnostic.
const LISTED_TEXTS: usize = 100;

/// Checks the size, nesting and texts of `text` against `limits`.
pub(crate) fn check_text(text: &str, limits: &Limits) -> Result<(), Vec<Diagnostic>> {
    check_file_size(length(text.len()), limits)?;
    let found = Walk::new(text, limits).run();
    if found.is_empty() { Ok(()) } else { Err(found) }
}

/// Checks the size of a workflow file of `bytes` bytes, so that a file
/// over the limit is refused (with one diagnostic) before it is read.
pub fn check_file_size(bytes: u64, limits: &Limits) -> Result<(), Vec<Diagnostic>> {
    let limit = limits.get(Limit::FileBytes);
    if bytes <= length(limit) {
        return Ok(());
    }
    let message = format!(
        "the file is {} ({bytes} bytes), over the limit of {limit} {}: split the workflow, or the operator can raise the limit with {}",
        size(bytes),
        Limit::FileBytes.counts(),
        Limit::FileBytes
    );
    Err(vec![Diagnostic::new(code::LIMIT_EXCEEDED, "", message)])
}

/// A length in memory as a file length.
pub(crate) fn length(bytes: usize) -> u64 {
    u64::try_from(bytes).unwrap_or(u64::MAX)
}

/// Why a workflow of `count` steps is refused, when it is.
pub(crate) fn check_steps(count: usize, limits: &Limits) -> Result<(), String> {
    let limit = limits.get(Limit::Steps);
    if count <= limit {
        return Ok(());
    }
    Err(format!(
        "the workflow has {count} steps, over the limit of {limit} {}: split it into smaller workflows, or the operator can raise the limit with {}",
        Limit::Steps.counts(),
        Limit::Steps
    ))
}

/// A size in the unit a person reads best.
fn size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    let tenths = |unit: u64| {
        let tenths = bytes.saturating_mul(10) / unit;
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    if bytes >= MIB {
        format!("{} MiB", tenths(MIB))
    } else if bytes >= KIB {
        format!("{} KiB", tenths(KIB))
    } else {
        format!("{bytes} bytes")
    }
}

/// A list or an object being walked through.
#[derive(Debug)]
struct Frame {
    object: bool,
    /// The byte range of the current key, between its quotes.
    key: Option<(usize, usize)>,
    /// Whether the next text in this object is a key.
    awaiting_key: bool,
    /// The place of the current element in this list.
    index: usize,
}

/// One pass over a text that JSON parsing has not yet accepted: it finds
/// the containers and strings, and where each starts, tolerating anything
/// else (the parser reports syntax afterwards).
struct Walk<'t> {
    text: &'t str,
    bytes: &'t [u8],
    offset: usize,
    at: Position,
    frames: Vec<Frame>,
    max_depth: usize,
    max_string: usize,
    found: Vec<Diagnostic>,
    unlisted: usize,
}

impl<'t> Walk<'t> {
    fn new(text: &'t str, limits: &Limits) -> Self {
        Self {
            text,
            bytes: text.as_bytes(),
            offset: 0,
            at: Position::START,
            frames: Vec::new(),
            max_depth: limits.get(Limit::Depth),
            max_string: limits.get(Limit::StringBytes),
            found: Vec::new(),
            unlisted: 0,
        }
    }

    fn run(mut self) -> Vec<Diagnostic> {
        while let Some(byte) = self.bytes.get(self.offset).copied() {
            match byte {
                b'\n' => self.newline(),
                b'{' | b'[' => {
                    if self.frames.len() >= self.max_depth {
                        self.too_deep();
                        break;
                    }
                    self.frames.push(Frame {
                        object: byte == b'{',
                        key: None,
                        awaiting_key: byte == b'{',
                        index: 0,
                    });
                    self.bump();
                }
                b'}' | b']' => {
                    self.frames.pop();
                    self.bump();
                }
                b',' => {
                    if let Some(frame) = self.frames.last_mut() {
                        frame.awaiting_key = frame.object;
                        frame.index += 1;
                    }
                    self.bump();
                }
                b'"' => self.string(),
                _ => self.bump(),
            }
        }
        if self.unlisted > 0 {
            let message = format!(
                "{} more texts are over the limit of {} {}; only the first {LISTED_TEXTS} are listed",
                self.unlisted,
                self.max_string,
                Limit::StringBytes.counts()
            );
            let last = self
                .found
                .last()
                .map_or(Position::START, Diagnostic::position);
            self.found
                .push(Diagnostic::new(code::LIMIT_EXCEEDED, "", message).at(last));
        }
        self.found
    }

    fn newline(&mut self) {
        self.offset += 1;
        self.at = Position {
            line: self.at.line + 1,
            column: 1,
        };
    }

    /// Moves past one byte that is not a line break; a character's
    /// continuation bytes do not move the column.
    fn bump(&mut self) {
        if let Some(byte) = self.bytes.get(self.offset) {
            self.offset += 1;
            if byte & 0xC0 != 0x80 {
                self.at.column += 1;
            }
        }
    }

    /// Moves past a string, measuring it.
    fn string(&mut self) {
        let opened = self.at;
        self.bump();
        let start = self.offset;
        loop {
            let rest = self.bytes.get(self.offset..).unwrap_or_default();
            let Some(run) = rest.iter().position(|b| matches!(b, b'"' | b'\\' | b'\n')) else {
                // An unterminated string: the parser reports it.
                self.offset = self.bytes.len();
                break;
            };
            let plain = rest.get(..run).unwrap_or_default();
            self.at.column += plain.iter().filter(|b| **b & 0xC0 != 0x80).count();
            self.offset += run;
            match self.bytes.get(self.offset) {
                Some(b'"') => break,
                Some(b'\n') => self.newline(),
                _ => {
                    self.bump();
                    if self.bytes.get(self.offset) == Some(&b'\n') {
                        self.newline();
                    } else {
                        self.bump();
                    }
                }
            }
        }
        let end = self.offset;
        self.bump();
        let is_key = match self.frames.last_mut() {
            Some(frame) if frame.object && frame.awaiting_key => {
                frame.awaiting_key = false;
                frame.key = Some((start, end));
                true
            }
            _ => false,
        };
        let length = end - start;
        if length > self.max_string {
            self.too_long(opened, length, is_key);
        }
    }

    fn too_deep(&mut self) {
        let limit = self.max_depth;
        let message = format!(
            "lists and objects nest more than {limit} levels deep here, over the limit of {limit} {}: flatten the value, or the operator can raise the limit (up to {}) with {}",
            Limit::Depth.counts(),
            Limit::Depth.ceiling(),
            Limit::Depth
        );
        let pointer = self.pointer(true);
        self.found
            .push(Diagnostic::new(code::LIMIT_EXCEEDED, pointer, message).at(self.at));
    }

    fn too_long(&mut self, at: Position, length: usize, is_key: bool) {
        if self.found.len() >= LISTED_TEXTS {
            self.unlisted += 1;
            return;
        }
        let what = if is_key { "key" } else { "text" };
        let message = format!(
            "this {what} is {} ({length} bytes), over the limit of {} {}: shorten it, or the operator can raise the limit with {}",
            size(self::length(length)),
            self.max_string,
            Limit::StringBytes.counts(),
            Limit::StringBytes
        );
        // A key's own pointer would repeat it whole: name its object.
        let pointer = self.pointer(!is_key);
        self.found
            .push(Diagnostic::new(code::LIMIT_EXCEEDED, pointer, message).at(at));
    }

    /// The pointer of the value being read; of its object when the last
    /// key is left out.
    fn pointer(&self, with_last_key: bool) -> String {
        let mut pointer = String::new();
        let count = self.frames.len();
        for (place, frame) in self.frames.iter().enumerate() {
            if frame.object {
                let last = place + 1 == count;
                match frame.key {
                    Some(key) if with_last_key || !last => {
                        pointer.push('/');
                        pointer.push_str(&escape(&decode_key(self.text, key)));
                    }
                    _ => {}
                }
            } else {
                pointer.push('/');
                pointer.push_str(&frame.index.to_string());
            }
        }
        pointer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(limit: Limit, value: usize) -> Limits {
        Limits::default().with(limit, value).unwrap()
    }

    #[test]
    fn a_file_over_the_size_limit_names_the_setting() {
        let found = check_text(&" ".repeat(2048), &limits(Limit::FileBytes, 1024)).unwrap_err();
        assert_eq!(found.len(), 1);
        let message = &found[0].message;
        assert!(
            message.starts_with(
                "the file is 2.0 KiB (2048 bytes), over the limit of 1024 bytes per file"
            ),
            "{message}"
        );
        assert!(
            message.contains("BLOCKS_MAX_FILE_BYTES (`--max-file-bytes`)"),
            "{message}"
        );
    }

    #[test]
    fn nesting_is_refused_at_the_first_level_too_deep() {
        let text = "{\"a\": [1, {\"b\": [[[]]]}]}";
        assert!(check_text(text, &limits(Limit::Depth, 6)).is_ok());
        let found = check_text(text, &limits(Limit::Depth, 4)).unwrap_err();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer, "/a/1/b/0");
        assert_eq!(
            found[0].position(),
            Position {
                line: 1,
                column: 18
            }
        );
        assert!(
            found[0]
                .message
                .contains("BLOCKS_MAX_DEPTH (`--max-depth`)")
        );
    }

    #[test]
    fn long_texts_are_placed_by_pointer_and_character_column() {
        let text = "{\"é\": \"12345\",\n \"k\\\"ey\": [\"ok\", \"123456\"], \"long-key\": 1}";
        let found = check_text(text, &limits(Limit::StringBytes, 5)).unwrap_err();
        let places: Vec<(&str, usize, usize)> = found
            .iter()
            .map(|d| (d.pointer.as_str(), d.line, d.column))
            .collect();
        assert_eq!(places, [("/k\"ey/1", 2, 18), ("", 2, 29)]);
        assert!(found[1].message.starts_with("this key is 8 bytes"));
    }

    #[test]
    fn the_walk_tolerates_text_that_is_not_json() {
        for text in [
            "",
            "\"",
            "\"\\",
            "{\"a",
            "]]]}}",
            "{\"a\n\":[",
            "\u{e9}\"\u{e9}",
        ] {
            let _ = check_text(text, &limits(Limit::StringBytes, 1));
        }
    }
}
