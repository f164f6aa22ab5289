//! Collects the diagnostics of one file, placing each at the line and
//! column of its pointer, so that checks only name the pointer.

use super::diagnostic::Diagnostic;
use super::position::{Position, Positions};

/// The diagnostics found so far in one file.
#[derive(Debug)]
pub(crate) struct Report<'a> {
    positions: &'a Positions<'a>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Report<'a> {
    /// An empty report for the file indexed by `positions`.
    pub(crate) fn new(positions: &'a Positions<'a>) -> Self {
        Self {
            positions,
            diagnostics: Vec::new(),
        }
    }

    /// Adds a diagnostic, placed where its pointer is.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        let position = self.positions.locate(&diagnostic.pointer);
        self.diagnostics.push(diagnostic.at(position));
    }

    /// Where the value at `pointer` starts, to name it in a message.
    pub(crate) fn locate(&self, pointer: &str) -> Position {
        self.positions.locate(pointer)
    }

    /// Adds a diagnostic outside any step.
    pub(crate) fn error(
        &mut self,
        code: &'static str,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.push(Diagnostic::new(code, pointer, message));
    }

    /// Whether no problem has been found.
    pub(crate) fn is_clean(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// The diagnostics in file order, each reported once.
    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by(|a, b| {
            (a.position(), &a.pointer, a.code, &a.message).cmp(&(
                b.position(),
                &b.pointer,
                b.code,
                &b.message,
            ))
        });
        self.diagnostics.dedup();
        self.diagnostics
    }
}
