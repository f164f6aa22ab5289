//! `#[derive(Block)]`.
use proc_macro::TokenStream;

#[proc_macro_derive(Block, attributes(block))]
pub fn derive_block(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
