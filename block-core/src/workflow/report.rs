//! Collects the diagnostics of one file, placing each at the line and
//! column of its pointer, so that checks only name the pointer.

use super::diagnostic::{Diagnostic, code};
use super::position::{Locate, Position};

/// How many diagnostics one file lists; past that they are counted, so
/// that a file with a million mistakes costs no more memory than its text.
pub(crate) const LISTED: usize = 1000;

/// The diagnostics found so far in one file.
#[derive(Debug)]
pub(crate) struct Report<'a> {
    positions: &'a dyn Locate,
    diagnostics: Vec<Diagnostic>,
    unlisted: usize,
}

impl<'a> Report<'a> {
    /// An empty report for the file indexed by `positions`.
    pub(crate) fn new(positions: &'a dyn Locate) -> Self {
        Self {
            positions,
            diagnostics: Vec::new(),
            unlisted: 0,
        }
    }

    /// Adds a diagnostic, placed where its pointer is.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        if self.diagnostics.len() >= LISTED {
            self.unlisted += 1;
            return;
        }
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

    /// The diagnostics in file order, each reported once; when there were
    /// more than [`LISTED`], a last one counts the rest.
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
        if self.unlisted > 0 {
            let message = format!(
                "{} more problems were found and are not listed: fix the {LISTED} above and check the file again",
                self.unlisted
            );
            let last = self
                .diagnostics
                .last()
                .map_or(Position::START, Diagnostic::position);
            let summary = Diagnostic::new(code::TOO_MANY_PROBLEMS, "", message).at(last);
            self.diagnostics.push(summary);
        }
        self.diagnostics
    }
}
