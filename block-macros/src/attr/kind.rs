//! `kind = ...`: built-in kinds by name, checked here; declared kinds by
//! the path of their constant, resolved by rustc.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::{LitStr, Token};

use crate::context::Context;
use crate::kinds;
use crate::symbol::KIND;

use super::closest;
use super::value::{parse_value, until_comma, value_of};

/// A kind named in an attribute.
#[derive(Clone)]
pub(crate) enum KindRef {
    /// A built-in kind, by the constant that holds it.
    Builtin(syn::Ident),
    /// A kind declared by a crate, by the path of its constant.
    Declared(syn::Path),
}

/// A `&'static Kind`. The borrow of a declared kind carries the span of its
/// path, so a path that names something other than a `Kind` is reported
/// there rather than on the derive.
impl ToTokens for KindRef {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            Self::Builtin(constant) => {
                tokens.extend(quote::quote!(&::block_core::__private::builtin::#constant));
            }
            Self::Declared(path) => {
                let span = path
                    .segments
                    .first()
                    .map_or_else(Span::call_site, |segment| segment.ident.span());
                tokens.extend(quote::quote_spanned!(span=> &#path));
            }
        }
    }
}

/// `kind = "secret"`, `kind = ["string", "integer"]` or `kind = my::KIND`.
pub(super) fn kind_list(
    ctx: &Context,
    meta: &ParseNestedMeta,
) -> syn::Result<Option<Vec<KindRef>>> {
    let Some(tokens) = value_of(ctx, meta, KIND)? else {
        return Ok(None);
    };
    Ok(parse_value(ctx, tokens, |input| kind_or_list(ctx, input)).flatten())
}

/// One kind, or a bracketed list of at least one.
pub(super) fn kind_or_list(ctx: &Context, input: ParseStream) -> syn::Result<Option<Vec<KindRef>>> {
    if !input.peek(syn::token::Bracket) {
        return Ok(kind(ctx, input)?.map(|kind| vec![kind]));
    }
    let content;
    let bracket = syn::bracketed!(content in input);
    let mut kinds = Vec::new();
    let mut valid = true;
    while !content.is_empty() {
        match kind(ctx, &content)? {
            Some(kind) => kinds.push(kind),
            None => valid = false,
        }
        if !content.is_empty() && !content.peek(Token![,]) {
            return Err(content
                .error("expected `,` between kinds, e.g. `kind = [\"string\", \"integer\"]`"));
        }
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    if kinds.is_empty() && valid {
        ctx.push(syn::Error::new(
            bracket.span.join(),
            "`kind` needs at least one kind, e.g. `kind = [\"string\"]`, or `kind = \"*\"` for any kind",
        ));
        return Ok(None);
    }
    Ok(valid.then_some(kinds))
}

pub(super) fn kind(ctx: &Context, input: ParseStream) -> syn::Result<Option<KindRef>> {
    if input.peek(LitStr) {
        let name: LitStr = input.parse()?;
        let text = name.value();
        if kinds::BUILTIN.contains(&text.as_str()) {
            return Ok(Some(KindRef::Builtin(kinds::constant(&text, name.span()))));
        }
        let hint = closest(&text, kinds::BUILTIN)
            .map(|k| format!("did you mean `{k}`? "))
            .unwrap_or_default();
        let list = kinds::BUILTIN
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        ctx.error(&name, format_args!(
            "unknown kind `{text}`: {hint}the built-in kinds are {list}; a kind declared by a crate is written as the path of its constant, e.g. `kind = my_kinds::TEMPERATURE`"
        ));
        return Ok(None);
    }
    if input.peek(syn::Ident) || input.peek(Token![::]) || input.peek(Token![crate]) {
        return Ok(Some(KindRef::Declared(input.parse()?)));
    }
    ctx.error(
        until_comma(input)?,
        "`kind` takes a kind name, a list of them or the path of a declared kind, e.g. `kind = \"secret\"`, `kind = [\"string\", \"integer\"]` or `kind = my_kinds::TEMPERATURE`",
    );
    Ok(None)
}
