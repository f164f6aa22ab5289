//! `#[derive(Block)]`: a workflow block's identifier, JSON schema,
//! properties and outputs, from one annotated struct.
//!
//! The crate is split by job: [`ast`] models the input struct, [`attr`]
//! reads the `#[block(...)]` vocabulary, [`check`] applies the rules that
//! span several fields, and [`expand`] writes the code. Every mistake is
//! collected in a [`context::Context`] and reported in one build, each on
//! its own span.

mod ast;
mod attr;
mod check;
mod context;
mod docs;
mod expand;
mod json;
mod kinds;
mod symbol;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `block_core::Block` and registers the block; see the
/// `block_core` documentation for the attribute vocabulary.
#[proc_macro_derive(Block, attributes(block))]
pub fn derive_block(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
