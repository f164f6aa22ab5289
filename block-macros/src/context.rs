//! Collects every error of one derive, so an author fixes them all in one
//! build instead of one per build.

use std::cell::RefCell;
use std::fmt::Display;

use quote::ToTokens;

/// The errors found so far.
#[derive(Default)]
pub(crate) struct Context {
    errors: RefCell<Option<syn::Error>>,
}

impl Context {
    /// Records an error spanning `tokens`.
    pub(crate) fn error(&self, tokens: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(tokens.into_token_stream(), message));
    }

    /// Records an error already built.
    pub(crate) fn push(&self, error: syn::Error) {
        let mut errors = self.errors.borrow_mut();
        match errors.as_mut() {
            Some(all) => all.combine(error),
            None => *errors = Some(error),
        }
    }

    /// All errors combined, or `Ok` when there were none.
    pub(crate) fn finish(self) -> syn::Result<()> {
        self.errors.into_inner().map_or(Ok(()), Err)
    }
}
