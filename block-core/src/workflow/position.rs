//! Where each value of a JSON text stands: the line and column of the
//! value any JSON pointer names.
//!
//! `serde_json::Value` keeps no spans. Rather than parse the file with a
//! second JSON library (whose grammar and numbers would differ from the
//! ones the engine uses), the text serde_json has just accepted is walked
//! once more, recording where every value starts. The walk is linear and
//! allocates only as its two flat tables grow: one node per value, and the
//! members of every container side by side. A lookup follows the pointer
//! down the recorded tree.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

use serde::Serialize;

/// A place in a text: 1-based line and column, the column counted in
/// characters (not bytes), as editors show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column in characters, from 1.
    pub column: usize,
}

impl Position {
    /// The first character of a text.
    pub const START: Self = Self { line: 1, column: 1 };
}

/// A key written twice in one object. JSON parsers keep only the last
/// value, so the first one is silently lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// The pointer of the later value.
    pub pointer: String,
    /// The key as written.
    pub key: String,
    /// Where the earlier value starts.
    pub first: Position,
}

/// The start of every value of a JSON text, found by JSON pointer.
#[derive(Debug)]
pub struct Positions<'t> {
    text: &'t str,
    /// Built at the first question: most texts compile without one.
    index: OnceLock<Index<'t>>,
}

/// Where every value of a text starts.
#[derive(Debug)]
struct Index<'t> {
    nodes: Vec<Node>,
    members: Vec<Member>,
    /// For each object of more than [`SMALL`] members, by where its
    /// members start: the node of each key's last value.
    keyed: HashMap<usize, HashMap<Cow<'t, str>, usize>>,
    duplicates: Vec<DuplicateKey>,
}

/// Objects up to this many members are searched member by member; larger
/// ones through a hash map, so that finding every key of a large object
/// stays linear.
const SMALL: usize = 16;

/// The deepest nesting indexed: as deep as serde_json parses. Deeper text
/// is indexed up to there, so that no text can exhaust the stack.
const MAX_NESTING: usize = 128;

/// One value: where it starts and, for a container, where its members lie
/// in the members table.
#[derive(Debug, Clone)]
struct Node {
    at: Position,
    shape: Shape,
}

#[derive(Debug, Clone)]
enum Shape {
    Scalar,
    Array(Range<usize>),
    Object(Range<usize>),
}

/// One member of a container: for an object, the byte range of its key
/// between the quotes (empty for an array element); and its value's node.
#[derive(Debug, Clone, Copy)]
struct Member {
    key: (usize, usize),
    node: usize,
}

impl<'t> Positions<'t> {
    /// The positions of `text`, which must be JSON that serde_json
    /// accepted; on any other text they cover the part that could be read.
    /// The text is indexed when first asked about, not before.
    #[must_use]
    pub fn index(text: &'t str) -> Self {
        Self {
            text,
            index: OnceLock::new(),
        }
    }

    fn built(&self) -> &Index<'t> {
        self.index.get_or_init(|| {
            let mut scanner = Scanner::new(self.text);
            let _complete = scanner.value();
            Index {
                nodes: scanner.nodes,
                members: scanner.members,
                keyed: scanner.keyed,
                duplicates: scanner.duplicates,
            }
        })
    }

    /// Where the value at `pointer` starts; for a pointer that goes past
    /// the document, where its deepest existing ancestor starts.
    #[must_use]
    pub fn locate(&self, pointer: &str) -> Position {
        let index = self.built();
        let Some(mut node) = index.nodes.first() else {
            return Position::START;
        };
        for token in tokens(pointer) {
            let next = match &node.shape {
                Shape::Array(range) => {
                    let items = index.members.get(range.clone()).unwrap_or_default();
                    token
                        .parse::<usize>()
                        .ok()
                        .and_then(|index| items.get(index))
                        .and_then(|member| index.nodes.get(member.node))
                }
                Shape::Object(range) => {
                    if let Some(keys) = index.keyed.get(&range.start) {
                        keys.get(&token).and_then(|node| index.nodes.get(*node))
                    } else {
                        let members = index.members.get(range.clone()).unwrap_or_default();
                        members
                            .iter()
                            .rev()
                            .find(|member| decode_key(self.text, member.key) == token)
                            .and_then(|member| index.nodes.get(member.node))
                    }
                }
                Shape::Scalar => None,
            };
            match next {
                Some(child) => node = child,
                None => break,
            }
        }
        node.at
    }

    /// Keys written twice in one object, in text order.
    #[must_use]
    pub fn duplicate_keys(&self) -> &[DuplicateKey] {
        &self.built().duplicates
    }
}

/// What finds the place of a pointer: the [`Positions`] of a text,
/// whatever the text's lifetime.
pub(crate) trait Locate: fmt::Debug {
    /// Where the value at `pointer` starts.
    fn locate(&self, pointer: &str) -> Position;
}

impl Locate for Positions<'_> {
    fn locate(&self, pointer: &str) -> Position {
        Positions::locate(self, pointer)
    }
}

/// The unescaped reference tokens of a JSON pointer (`~1` is `/`, `~0` is `~`).
fn tokens(pointer: &str) -> impl Iterator<Item = Cow<'_, str>> {
    pointer.split('/').skip(1).map(|token| {
        if token.contains('~') {
            Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
        } else {
            Cow::Borrowed(token)
        }
    })
}

/// Escapes a key as a JSON pointer token.
#[must_use]
pub fn escape(key: &str) -> Cow<'_, str> {
    if key.contains(['~', '/']) {
        Cow::Owned(key.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(key)
    }
}

/// The key between byte offsets `start..end`, with JSON escapes resolved.
pub(crate) fn decode_key(text: &str, (start, end): (usize, usize)) -> Cow<'_, str> {
    let raw = text.get(start..end).unwrap_or_default();
    if !raw.contains('\\') {
        return Cow::Borrowed(raw);
    }
    let quoted = text
        .get(start.saturating_sub(1)..end + 1)
        .unwrap_or_default();
    serde_json::from_str::<String>(quoted).map_or(Cow::Borrowed(raw), Cow::Owned)
}

/// A segment of the path to the value being read, to name duplicates.
#[derive(Debug, Clone, Copy)]
enum Segment {
    Key((usize, usize)),
    Index(usize),
}

/// Reads values in the order serde_json did, recording where each starts.
struct Scanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    offset: usize,
    at: Position,
    nodes: Vec<Node>,
    members: Vec<Member>,
    /// Members of the containers being read, innermost last; a container
    /// moves its own to `members` when it closes, so each lies contiguous.
    open: Vec<Member>,
    path: Vec<Segment>,
    keyed: HashMap<usize, HashMap<Cow<'t, str>, usize>>,
    duplicates: Vec<DuplicateKey>,
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            bytes: text.as_bytes(),
            offset: 0,
            at: Position::START,
            nodes: Vec::new(),
            members: Vec::new(),
            open: Vec::new(),
            path: Vec::new(),
            keyed: HashMap::new(),
            duplicates: Vec::new(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.offset).copied()
    }

    /// Moves past one byte that is not a line break.
    fn bump(&mut self) {
        if let Some(byte) = self.peek() {
            self.offset += 1;
            if byte & 0xC0 != 0x80 {
                self.at.column += 1;
            }
        }
    }

    fn skip_whitespace(&mut self) {
        let rest = self.bytes.get(self.offset..).unwrap_or_default();
        let mut taken = 0;
        for byte in rest {
            match byte {
                b'\n' => {
                    self.at = Position {
                        line: self.at.line + 1,
                        column: 1,
                    }
                }
                b' ' | b'\t' | b'\r' => self.at.column += 1,
                _ => break,
            }
            taken += 1;
        }
        self.offset += taken;
    }

    /// Reads one value and returns its node, or `None` on text that is not
    /// JSON or nests deeper than [`MAX_NESTING`].
    fn value(&mut self) -> Option<usize> {
        if self.path.len() >= MAX_NESTING {
            return None;
        }
        self.skip_whitespace();
        let index = self.nodes.len();
        self.nodes.push(Node {
            at: self.at,
            shape: Shape::Scalar,
        });
        let shape = match self.peek()? {
            b'{' => Shape::Object(self.object()?),
            b'[' => Shape::Array(self.array()?),
            b'"' => {
                self.string()?;
                Shape::Scalar
            }
            _ => {
                self.scalar()?;
                Shape::Scalar
            }
        };
        if let Some(node) = self.nodes.get_mut(index) {
            node.shape = shape;
        }
        Some(index)
    }

    fn object(&mut self) -> Option<Range<usize>> {
        self.bump();
        let base = self.open.len();
        loop {
            self.skip_whitespace();
            match self.peek()? {
                b'}' => break,
                b',' => self.bump(),
                b'"' => {
                    let key = self.string()?;
                    self.skip_whitespace();
                    (self.peek()? == b':').then_some(())?;
                    self.bump();
                    self.path.push(Segment::Key(key));
                    let node = self.value();
                    self.path.pop();
                    self.open.push(Member { key, node: node? });
                }
                _ => return None,
            }
        }
        self.bump();
        self.note_duplicates(base);
        let range = self.close(base);
        self.index_keys(range.clone());
        Some(range)
    }

    fn array(&mut self) -> Option<Range<usize>> {
        self.bump();
        let base = self.open.len();
        loop {
            self.skip_whitespace();
            match self.peek()? {
                b']' => break,
                b',' => self.bump(),
                _ => {
                    self.path.push(Segment::Index(self.open.len() - base));
                    let node = self.value();
                    self.path.pop();
                    self.open.push(Member {
                        key: (0, 0),
                        node: node?,
                    });
                }
            }
        }
        self.bump();
        Some(self.close(base))
    }

    /// Moves the members of the container that opened at `base` to the
    /// members table and returns where they now lie.
    fn close(&mut self, base: usize) -> Range<usize> {
        let start = self.members.len();
        self.members.extend(self.open.drain(base..));
        start..self.members.len()
    }

    /// Reads a string and returns the byte range between its quotes.
    fn string(&mut self) -> Option<(usize, usize)> {
        self.bump();
        let start = self.offset;
        loop {
            // JSON strings hold no raw line break, so a run of plain
            // characters only moves the column: count it in one pass.
            let rest = self.bytes.get(self.offset..)?;
            let run = rest.iter().position(|b| matches!(b, b'"' | b'\\'))?;
            let plain = rest.get(..run).unwrap_or_default();
            self.at.column += plain.iter().filter(|b| **b & 0xC0 != 0x80).count();
            self.offset += run;
            if self.peek()? == b'"' {
                break;
            }
            self.bump();
            self.bump();
        }
        let end = self.offset;
        self.bump();
        Some((start, end))
    }

    /// Reads a number, `true`, `false` or `null`; `None` where none
    /// starts (text that is not JSON, such as `[}`), so that reading stops
    /// rather than stand still.
    fn scalar(&mut self) -> Option<()> {
        let rest = self.bytes.get(self.offset..).unwrap_or_default();
        let run = rest
            .iter()
            .position(|b| matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'))
            .unwrap_or(rest.len());
        if run == 0 {
            return None;
        }
        let scalar = rest.get(..run).unwrap_or_default();
        self.offset += run;
        self.at.column += scalar.iter().filter(|b| **b & 0xC0 != 0x80).count();
        Some(())
    }

    /// Maps each key of a large object, whose members lie at `range`, to
    /// the node of its last value.
    fn index_keys(&mut self, range: Range<usize>) {
        if range.len() <= SMALL {
            return;
        }
        let text = self.text;
        let members = self.members.get(range.clone()).unwrap_or_default();
        let keys = members
            .iter()
            .map(|member| (decode_key(text, member.key), member.node))
            .collect();
        self.keyed.insert(range.start, keys);
    }

    /// Records every key of the object whose members start at `base` in
    /// `open` that an earlier key of the object repeats. Small objects
    /// (every step) are compared pair by pair, which allocates nothing;
    /// large ones go through a hash map.
    fn note_duplicates(&mut self, base: usize) {
        let text = self.text;
        let members = self.open.get(base..).unwrap_or_default();
        let mut seen: HashMap<Cow<'t, str>, usize> = HashMap::new();
        let mut found = Vec::new();
        for (place, member) in members.iter().enumerate() {
            let key = decode_key(text, member.key);
            let first = if members.len() <= SMALL {
                let earlier = members.get(..place).unwrap_or_default();
                earlier
                    .iter()
                    .find(|other| decode_key(text, other.key) == key)
                    .map(|other| other.node)
            } else {
                match seen.entry(key.clone()) {
                    Entry::Occupied(earlier) => Some(*earlier.get()),
                    Entry::Vacant(slot) => {
                        slot.insert(member.node);
                        None
                    }
                }
            };
            if let Some(first) = first.and_then(|node| self.nodes.get(node)) {
                found.push((key, first.at));
            }
        }
        for (key, first) in found {
            let mut pointer = self.pointer();
            pointer.push('/');
            pointer.push_str(&escape(&key));
            self.duplicates.push(DuplicateKey {
                pointer,
                key: key.into_owned(),
                first,
            });
        }
    }

    /// The pointer of the value being read.
    fn pointer(&self) -> String {
        let mut pointer = String::new();
        for segment in &self.path {
            pointer.push('/');
            match segment {
                Segment::Key(range) => pointer.push_str(&escape(&decode_key(self.text, *range))),
                Segment::Index(index) => pointer.push_str(&index.to_string()),
            }
        }
        pointer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  \"é/~\": \"ü\", \"c\":\n    null\n}";

    fn at(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    #[test]
    fn every_value_has_its_line_and_character_column() {
        let positions = Positions::index(TEXT);
        assert_eq!(positions.locate(""), at(1, 1));
        assert_eq!(positions.locate("/a"), at(2, 8));
        assert_eq!(positions.locate("/a/0"), at(2, 9));
        assert_eq!(positions.locate("/a/1/b"), at(2, 18));
        assert_eq!(
            positions.locate("/é~1~0"),
            at(3, 10),
            "escaped pointer, columns in characters"
        );
        assert_eq!(positions.locate("/c"), at(4, 5));
    }

    #[test]
    fn a_missing_place_falls_back_to_its_deepest_ancestor() {
        let positions = Positions::index(TEXT);
        assert_eq!(positions.locate("/a/1/missing"), at(2, 12));
        assert_eq!(positions.locate("/a/7"), at(2, 8));
        assert_eq!(positions.locate("/c/x"), at(4, 5));
        assert_eq!(positions.locate("no-slash"), at(1, 1));
    }

    #[test]
    fn escaped_keys_are_found_and_duplicates_named() {
        let text = r#"{"s": [{"n\u0061me": 1, "name": 2}], "t": 3, "t": 4}"#;
        let positions = Positions::index(text);
        assert_eq!(positions.locate("/s/0/name"), at(1, 33));
        let duplicates = positions.duplicate_keys();
        let found: Vec<(&str, Position)> = duplicates
            .iter()
            .map(|d| (d.pointer.as_str(), d.first))
            .collect();
        assert_eq!(found, [("/s/0/name", at(1, 22)), ("/t", at(1, 43))]);
    }

    #[test]
    fn duplicates_in_large_objects_are_found_too() {
        let keys: Vec<String> = (0..40).map(|i| format!("\"k{}\": {i}", i % 30)).collect();
        let text = format!("{{{}}}", keys.join(", "));
        let duplicates = Positions::index(&text).duplicate_keys().to_vec();
        assert_eq!(duplicates.len(), 10);
        assert_eq!(duplicates[0].pointer, "/k0");
        assert_eq!(duplicates[0].first, at(1, 8));
    }

    #[test]
    fn text_that_is_not_json_does_not_panic() {
        // `[[[[}` once looped for ever: a `}` where a value starts.
        for text in [
            "",
            "{",
            "[1,",
            "{\"a\"",
            "{\"a\" 1}",
            "\"\\",
            "}",
            "[[[[}",
            "{\"a\":}",
        ] {
            let positions = Positions::index(text);
            let _ = positions.locate("/a/0");
        }
    }
}
