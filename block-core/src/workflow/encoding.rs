//! The bytes of a workflow file read as text. JSON files are UTF-8; a
//! UTF-8 byte-order mark, which some editors write, is skipped. Anything
//! else is refused at the first byte that cannot be read, with its line
//! and column.

use super::diagnostic::{Diagnostic, code};
use super::position::Position;

/// The byte-order mark some editors put before UTF-8 text.
pub(crate) const UTF8_BOM: &str = "\u{feff}";

/// Byte-order marks of the encodings JSON files must not use, longest first.
const OTHER_MARKS: &[(&[u8], &str)] = &[
    (&[0xFF, 0xFE, 0x00, 0x00], "UTF-32"),
    (&[0x00, 0x00, 0xFE, 0xFF], "UTF-32"),
    (&[0xFF, 0xFE], "UTF-16"),
    (&[0xFE, 0xFF], "UTF-16"),
];

/// `bytes` as text, without a leading byte-order mark, or the place of
/// the first byte that is not UTF-8.
pub(crate) fn decode(bytes: &[u8]) -> Result<&str, Vec<Diagnostic>> {
    if let Some((_, encoding)) = OTHER_MARKS.iter().find(|(mark, _)| bytes.starts_with(mark)) {
        let message = format!(
            "the file is {encoding} text (it starts with a {encoding} byte-order mark): save it as UTF-8, the encoding of JSON files"
        );
        return Err(vec![Diagnostic::new(code::INVALID_ENCODING, "", message)]);
    }
    let bytes = bytes.strip_prefix(UTF8_BOM.as_bytes()).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|error| {
        let valid = bytes.get(..error.valid_up_to()).unwrap_or_default();
        // The prefix is valid UTF-8 by the error's own account.
        let before = std::str::from_utf8(valid).unwrap_or_default();
        let message = match (error.error_len(), bytes.get(error.valid_up_to())) {
            (Some(_), Some(byte)) => format!(
                "the file is not UTF-8 text: the byte 0x{byte:02X} here does not start a character{}; save the file as UTF-8",
                legacy_hint(*byte)
            ),
            _ => "the file is not UTF-8 text: it ends in the middle of a character; save the file as UTF-8".to_owned(),
        };
        vec![Diagnostic::new(code::INVALID_ENCODING, "", message).at(end_of(before))]
    })
}

/// A guess at the encoding a byte comes from, for the message.
fn legacy_hint(byte: u8) -> &'static str {
    if byte >= 0x80 {
        " (the file may be Latin-1 or Windows-1252 text)"
    } else {
        ""
    }
}

/// The place just after `text`.
fn end_of(text: &str) -> Position {
    let line_start = text.rfind('\n').map_or(0, |newline| newline + 1);
    Position {
        line: text.matches('\n').count() + 1,
        column: text.get(line_start..).unwrap_or_default().chars().count() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_skipped() {
        assert_eq!(decode(b"\xEF\xBB\xBF{}"), Ok("{}"));
        assert_eq!(decode("{\"é\": 1}".as_bytes()), Ok("{\"é\": 1}"));
    }

    #[test]
    fn the_first_bad_byte_is_placed() {
        let error = decode(b"{\n  \"caf\xC3\xA9\": \"\xE9t\xE9\"\n}")
            .unwrap_err()
            .remove(0);
        assert_eq!(error.code, code::INVALID_ENCODING);
        assert_eq!(
            error.position(),
            Position {
                line: 2,
                column: 12
            }
        );
        assert!(error.message.contains("0xE9"), "{}", error.message);
        assert!(error.message.contains("Latin-1"), "{}", error.message);
        let cut = decode(b"{\"a\": \"\xC3").unwrap_err().remove(0);
        assert!(
            cut.message.contains("middle of a character"),
            "{}",
            cut.message
        );
        assert_eq!(cut.position(), Position { line: 1, column: 8 });
    }

    #[test]
    fn utf16_is_named() {
        let error = decode(b"\xFF\xFE{\x00}\x00").unwrap_err().remove(0);
        assert!(error.message.contains("UTF-16"), "{}", error.message);
    }
}
