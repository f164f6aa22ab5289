//! Values of keys: text, lists of text, flags, counts and JSON, each
//! cut out up to the next comma and parsed on its own.

use proc_macro2::{TokenStream, TokenTree};
use serde_json::Value;
use syn::meta::ParseNestedMeta;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{LitInt, LitStr, Token};

use crate::context::Context;
use crate::json;
use crate::symbol::{
    ACCEPTS_EMPTY_VALUES, ALIASES, BLOCK_TYPE, DEFAULT, DEPRECATED, DESCRIPTION, DYNAMIC_OUTPUTS,
    ENGINE, EXAMPLES, ICON, ID, KIND, LICENSE, LONG_DESCRIPTION, MAX_ITEMS, MAXIMUM, MIN_ITEMS,
    MINIMUM, NAME, NAMES, OUTPUT, RENAME, SCHEMA, SECTION, SHORT_DESCRIPTION, SKIP, UI,
};

use super::skip_value;

/// The tokens up to the next comma at this level, consumed.
pub(super) fn until_comma(input: ParseStream) -> syn::Result<TokenStream> {
    let mut tokens = TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        tokens.extend([input.parse::<TokenTree>()?]);
    }
    Ok(tokens)
}

/// The example shown when a key is misused.
pub(super) fn example(key: &str) -> &'static str {
    match key {
        ID => "id = \"namespace/block_name@v1\"",
        NAME => "name = \"Environment Secrets Store\"",
        BLOCK_TYPE => "block_type = \"formatter\"",
        LICENSE => "license = \"Apache-2.0\"",
        SECTION => "section = \"advanced\"",
        ICON => "icon = \"far fa-key\"",
        ENGINE => "engine = \">=1.4.0,<2.0.0\"",
        ALIASES => "aliases = [\"OldName\"]",
        DEPRECATED => "deprecated = \"use v2\"",
        ACCEPTS_EMPTY_VALUES => "accepts_empty_values",
        SHORT_DESCRIPTION => "short_description = \"Fetches secrets from the environment.\"",
        LONG_DESCRIPTION => "long_description = \"Reads each variable when the step runs.\"",
        OUTPUT => "output(name = \"error_status\", kind = \"boolean\")",
        UI => "ui = { \"blockPriority\": 7 }",
        RENAME => "rename = \"property_name\"",
        DESCRIPTION => "description = \"What the property holds.\"",
        KIND => "kind = \"secret\"",
        EXAMPLES => "examples = [\"one\", \"two\"]",
        DEFAULT => "default = 1024",
        MIN_ITEMS => "min_items = 1",
        MAX_ITEMS => "max_items = 10",
        MINIMUM => "minimum = 0",
        MAXIMUM => "maximum = 100",
        SCHEMA => "schema = { \"always_visible\": true }",
        DYNAMIC_OUTPUTS => "dynamic_outputs(kind = \"secret\", names = \"lowercase\")",
        SKIP => "skip",
        NAMES => "names = \"lowercase\"",
        _ => "key = \"value\"",
    }
}

/// The tokens of `key = value`'s value, up to the next comma; `None`, with
/// the mistake recorded, when the key has no `=` or nothing after it.
pub(super) fn value_of(
    ctx: &Context,
    meta: &ParseNestedMeta,
    key: &str,
) -> syn::Result<Option<TokenStream>> {
    if !meta.input.peek(Token![=]) {
        ctx.error(
            &meta.path,
            format_args!("`{key}` takes a value after `=`, e.g. `{}`", example(key)),
        );
        skip_value(meta)?;
        return Ok(None);
    }
    let tokens = until_comma(meta.value()?)?;
    if tokens.is_empty() {
        ctx.error(
            &meta.path,
            format_args!("`{key}` is missing its value, e.g. `{}`", example(key)),
        );
        return Ok(None);
    }
    Ok(Some(tokens))
}

/// Parses a whole value with `parser`; its error is recorded, not returned,
/// so the next key is still read.
pub(super) fn parse_value<T>(
    ctx: &Context,
    tokens: TokenStream,
    parser: impl FnOnce(ParseStream) -> syn::Result<T>,
) -> Option<T> {
    parser.parse2(tokens).map_err(|error| ctx.push(error)).ok()
}

/// `key = "text"`.
pub(super) fn string(
    ctx: &Context,
    meta: &ParseNestedMeta,
    key: &str,
) -> syn::Result<Option<LitStr>> {
    let Some(tokens) = value_of(ctx, meta, key)? else {
        return Ok(None);
    };
    let Ok(text) = syn::parse2::<LitStr>(tokens.clone()) else {
        ctx.error(
            tokens,
            format_args!("`{key}` takes a string literal, e.g. `{}`", example(key)),
        );
        return Ok(None);
    };
    if text.value().trim().is_empty() {
        ctx.error(
            &text,
            format_args!("`{key}` must not be empty, e.g. `{}`", example(key)),
        );
        return Ok(None);
    }
    Ok(Some(text))
}

/// `key = ["a", "b"]`.
pub(super) fn string_list(
    ctx: &Context,
    meta: &ParseNestedMeta,
    key: &str,
) -> syn::Result<Option<Vec<LitStr>>> {
    let Some(tokens) = value_of(ctx, meta, key)? else {
        return Ok(None);
    };
    let list = |input: ParseStream| {
        let content;
        syn::bracketed!(content in input);
        Punctuated::<LitStr, Token![,]>::parse_terminated(&content)
    };
    let Ok(items) = list.parse2(tokens.clone()) else {
        ctx.error(
            tokens,
            format_args!(
                "`{key}` takes a list of string literals, e.g. `{}`",
                example(key)
            ),
        );
        return Ok(None);
    };
    Ok(Some(items.into_iter().collect()))
}

/// A bare flag: `key` alone.
pub(super) fn flag(ctx: &Context, meta: &ParseNestedMeta, key: &str) -> syn::Result<bool> {
    if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
        ctx.error(
            &meta.path,
            format_args!("`{key}` is a flag: write `{key}` alone, without a value"),
        );
        skip_value(meta)?;
        return Ok(false);
    }
    Ok(true)
}

/// `key = 3`.
pub(super) fn count(ctx: &Context, meta: &ParseNestedMeta, key: &str) -> syn::Result<Option<u64>> {
    let Some(tokens) = value_of(ctx, meta, key)? else {
        return Ok(None);
    };
    let count = syn::parse2::<LitInt>(tokens.clone())
        .ok()
        .and_then(|int| int.base10_parse::<u64>().ok());
    if count.is_none() {
        ctx.error(
            tokens,
            format_args!("`{key}` takes a whole number, e.g. `{}`", example(key)),
        );
    }
    Ok(count)
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum JsonShape {
    Any,
    Array,
    Object,
    Number,
}

/// `key = <JSON value>` of the expected shape.
pub(super) fn json_of(
    ctx: &Context,
    meta: &ParseNestedMeta,
    key: &str,
    shape: JsonShape,
) -> syn::Result<Option<Value>> {
    let Some(tokens) = value_of(ctx, meta, key)? else {
        return Ok(None);
    };
    let Some(value) = parse_value(ctx, tokens.clone(), json::parse_whole) else {
        return Ok(None);
    };
    let fits = match shape {
        JsonShape::Any => true,
        JsonShape::Array => value.is_array(),
        JsonShape::Object => value.is_object(),
        JsonShape::Number => value.is_number(),
    };
    if !fits {
        let what = match shape {
            JsonShape::Array => "a list `[...]`",
            JsonShape::Object => "an object `{ \"key\": value }`",
            _ => "a number",
        };
        ctx.error(
            tokens,
            format_args!("`{key}` takes {what}, e.g. `{}`", example(key)),
        );
        return Ok(None);
    }
    Ok(Some(value))
}
