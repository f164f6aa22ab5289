//! The `#[block(...)]` vocabulary, read key by key. Each key is parsed in
//! one branch; a repeated key, an unknown key or a value of the wrong type
//! is recorded on its own span and parsing goes on with the next key.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use serde_json::Value;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::{Attribute, LitInt, LitStr, Token};

use crate::context::Context;
use crate::json;
use crate::kinds;
use crate::symbol::{
    ACCEPTS_EMPTY_VALUES, ALIASES, BLOCK, BLOCK_TYPE, CONTAINER_KEYS, DEFAULT, DEPRECATED,
    DESCRIPTION, DYNAMIC_KEYS, DYNAMIC_OUTPUTS, ENGINE, EXAMPLES, FIELD_KEYS, ICON, ID, KIND,
    LICENSE, LONG_DESCRIPTION, MAX_ITEMS, MAXIMUM, MIN_ITEMS, MINIMUM, NAME, NAME_RULES, NAMES,
    OUTPUT, OUTPUT_KEYS, RENAME, SCHEMA, SECTION, SHORT_DESCRIPTION, SKIP, UI,
};

/// A value with the span of the key that set it, to report a second use.
pub(crate) struct Slot<T> {
    key: &'static str,
    value: Option<(Span, T)>,
}

impl<T> Slot<T> {
    fn new(key: &'static str) -> Self {
        Self { key, value: None }
    }

    fn set(&mut self, ctx: &Context, meta: &ParseNestedMeta, value: T) {
        if self.value.is_some() {
            ctx.error(
                &meta.path,
                format_args!("duplicate `{}` attribute: give it once", self.key),
            );
        } else {
            self.value = Some((
                meta.path
                    .get_ident()
                    .map_or_else(Span::call_site, syn::Ident::span),
                value,
            ));
        }
    }

    pub(crate) fn get(&self) -> Option<&T> {
        self.value.as_ref().map(|(_, value)| value)
    }

    pub(crate) fn span(&self) -> Option<Span> {
        self.value.as_ref().map(|(span, _)| *span)
    }
}

/// A kind named in an attribute.
#[derive(Clone)]
pub(crate) enum KindRef {
    /// A built-in kind, by the constant that holds it.
    Builtin(syn::Ident),
    /// A kind declared by a crate, by the path of its constant.
    Declared(syn::Path),
}

impl ToTokens for KindRef {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            Self::Builtin(constant) => {
                tokens.extend(quote::quote!(::block_core::__private::builtin::#constant));
            }
            Self::Declared(path) => path.to_tokens(tokens),
        }
    }
}

/// `output(name = "...", kind = ...)` on the struct.
pub(crate) struct OutputAttr {
    pub(crate) name: LitStr,
    pub(crate) kinds: Vec<KindRef>,
}

/// `dynamic_outputs(kind = ..., names = "...")` on a list field.
pub(crate) struct DynamicAttr {
    pub(crate) kinds: Vec<KindRef>,
    pub(crate) rule: String,
}

/// The struct-level attributes.
pub(crate) struct ContainerAttrs {
    pub(crate) id: Slot<LitStr>,
    pub(crate) name: Slot<LitStr>,
    pub(crate) block_type: Slot<LitStr>,
    pub(crate) license: Slot<LitStr>,
    pub(crate) section: Slot<LitStr>,
    pub(crate) icon: Slot<LitStr>,
    pub(crate) ui: Slot<Value>,
    pub(crate) engine: Slot<LitStr>,
    pub(crate) aliases: Slot<Vec<LitStr>>,
    pub(crate) deprecated: Slot<String>,
    pub(crate) accepts_empty_values: Slot<()>,
    pub(crate) short_description: Slot<LitStr>,
    pub(crate) long_description: Slot<LitStr>,
    pub(crate) outputs: Vec<OutputAttr>,
}

/// The field-level attributes.
pub(crate) struct FieldAttrs {
    pub(crate) description: Slot<LitStr>,
    pub(crate) rename: Slot<LitStr>,
    pub(crate) kinds: Slot<Vec<KindRef>>,
    pub(crate) examples: Slot<Value>,
    pub(crate) default: Slot<Value>,
    pub(crate) min_items: Slot<u64>,
    pub(crate) max_items: Slot<u64>,
    pub(crate) minimum: Slot<Value>,
    pub(crate) maximum: Slot<Value>,
    pub(crate) schema: Slot<Value>,
    pub(crate) dynamic: Slot<DynamicAttr>,
    /// Run-time state of the block, not a property: filled by `Default`.
    pub(crate) skip: Slot<()>,
}

impl ContainerAttrs {
    pub(crate) fn parse(ctx: &Context, attrs: &[Attribute]) -> Self {
        let mut this = Self {
            id: Slot::new(ID),
            name: Slot::new(NAME),
            block_type: Slot::new(BLOCK_TYPE),
            license: Slot::new(LICENSE),
            section: Slot::new(SECTION),
            icon: Slot::new(ICON),
            ui: Slot::new(UI),
            engine: Slot::new(ENGINE),
            aliases: Slot::new(ALIASES),
            deprecated: Slot::new(DEPRECATED),
            accepts_empty_values: Slot::new(ACCEPTS_EMPTY_VALUES),
            short_description: Slot::new(SHORT_DESCRIPTION),
            long_description: Slot::new(LONG_DESCRIPTION),
            outputs: Vec::new(),
        };
        for_each_key(ctx, attrs, |meta, key| this.parse_key(ctx, meta, key));
        this
    }

    fn parse_key(&mut self, ctx: &Context, meta: &ParseNestedMeta, key: &str) -> syn::Result<()> {
        let string_slot = match key {
            ID => Some(&mut self.id),
            NAME => Some(&mut self.name),
            BLOCK_TYPE => Some(&mut self.block_type),
            LICENSE => Some(&mut self.license),
            SECTION => Some(&mut self.section),
            ICON => Some(&mut self.icon),
            ENGINE => Some(&mut self.engine),
            SHORT_DESCRIPTION => Some(&mut self.short_description),
            LONG_DESCRIPTION => Some(&mut self.long_description),
            _ => None,
        };
        if let Some(slot) = string_slot {
            if let Some(text) = string(ctx, meta, key)? {
                slot.set(ctx, meta, text);
            }
            return Ok(());
        }
        match key {
            UI => {
                if let Some(object) = json_of(ctx, meta, key, JsonShape::Object)? {
                    self.ui.set(ctx, meta, object);
                }
            }
            ALIASES => {
                if let Some(list) = string_list(ctx, meta, key)? {
                    self.aliases.set(ctx, meta, list);
                }
            }
            DEPRECATED => {
                let reason = if meta.input.peek(Token![=]) {
                    string(ctx, meta, key)?.map(|text| text.value())
                } else {
                    Some(String::new())
                };
                if let Some(reason) = reason {
                    self.deprecated.set(ctx, meta, reason);
                }
            }
            ACCEPTS_EMPTY_VALUES => {
                if flag(ctx, meta, key)? {
                    self.accepts_empty_values.set(ctx, meta, ());
                }
            }
            OUTPUT => {
                if let Some(output) = output(ctx, meta)? {
                    self.outputs.push(output);
                }
            }
            _ => unknown(
                ctx,
                meta,
                key,
                CONTAINER_KEYS,
                "the struct",
                FIELD_KEYS,
                "a field",
            )?,
        }
        Ok(())
    }
}

impl FieldAttrs {
    pub(crate) fn parse(ctx: &Context, attrs: &[Attribute]) -> Self {
        let mut this = Self {
            description: Slot::new(DESCRIPTION),
            rename: Slot::new(RENAME),
            kinds: Slot::new(KIND),
            examples: Slot::new(EXAMPLES),
            default: Slot::new(DEFAULT),
            min_items: Slot::new(MIN_ITEMS),
            max_items: Slot::new(MAX_ITEMS),
            minimum: Slot::new(MINIMUM),
            maximum: Slot::new(MAXIMUM),
            schema: Slot::new(SCHEMA),
            dynamic: Slot::new(DYNAMIC_OUTPUTS),
            skip: Slot::new(SKIP),
        };
        for_each_key(ctx, attrs, |meta, key| this.parse_key(ctx, meta, key));
        this
    }

    fn parse_key(&mut self, ctx: &Context, meta: &ParseNestedMeta, key: &str) -> syn::Result<()> {
        match key {
            DESCRIPTION | RENAME => {
                let slot = if key == DESCRIPTION {
                    &mut self.description
                } else {
                    &mut self.rename
                };
                if let Some(text) = string(ctx, meta, key)? {
                    slot.set(ctx, meta, text);
                }
            }
            KIND => {
                if let Some(kinds) = kind_list(ctx, meta)? {
                    self.kinds.set(ctx, meta, kinds);
                }
            }
            EXAMPLES | DEFAULT | MINIMUM | MAXIMUM | SCHEMA => {
                let (slot, shape) = match key {
                    EXAMPLES => (&mut self.examples, JsonShape::Array),
                    DEFAULT => (&mut self.default, JsonShape::Any),
                    MINIMUM => (&mut self.minimum, JsonShape::Number),
                    MAXIMUM => (&mut self.maximum, JsonShape::Number),
                    _ => (&mut self.schema, JsonShape::Object),
                };
                if let Some(value) = json_of(ctx, meta, key, shape)? {
                    slot.set(ctx, meta, value);
                }
            }
            MIN_ITEMS | MAX_ITEMS => {
                let slot = if key == MIN_ITEMS {
                    &mut self.min_items
                } else {
                    &mut self.max_items
                };
                if let Some(count) = count(ctx, meta, key)? {
                    slot.set(ctx, meta, count);
                }
            }
            DYNAMIC_OUTPUTS => {
                if let Some(dynamic) = dynamic(ctx, meta)? {
                    self.dynamic.set(ctx, meta, dynamic);
                }
            }
            SKIP => {
                if flag(ctx, meta, key)? {
                    self.skip.set(ctx, meta, ());
                }
            }
            _ => unknown(
                ctx,
                meta,
                key,
                FIELD_KEYS,
                "a field",
                CONTAINER_KEYS,
                "the struct",
            )?,
        }
        Ok(())
    }
}

/// Calls `parse_key` for every key of every `#[block(...)]` attribute.
fn for_each_key(
    ctx: &Context,
    attrs: &[Attribute],
    mut parse_key: impl FnMut(&ParseNestedMeta, &str) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|attr| attr.path().is_ident(BLOCK)) {
        let result = attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            parse_key(&meta, &key)
        });
        if let Err(error) = result {
            ctx.push(error);
        }
    }
}

/// Reports an unknown key, or a key of the other level, and skips its value.
fn unknown(
    ctx: &Context,
    meta: &ParseNestedMeta,
    key: &str,
    known: &[&str],
    here: &str,
    other: &[&str],
    there: &str,
) -> syn::Result<()> {
    let name = meta.path.to_token_stream().to_string().replace(' ', "");
    if other.contains(&key) {
        ctx.error(
            &meta.path,
            format_args!("`{name}` belongs on {there}, not on {here}"),
        );
    } else {
        let hint = closest(&name, known)
            .map(|k| format!("did you mean `{k}`? "))
            .unwrap_or_default();
        let list = known
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        ctx.error(
            &meta.path,
            format_args!("unknown attribute `{name}` on {here}: {hint}expected one of {list}"),
        );
    }
    skip_value(meta)
}

fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(name, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Consumes whatever value follows a key: `= tokens` or `(tokens)`.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        skip_tokens(meta.value()?)
    } else if meta.input.peek(syn::token::Paren) {
        meta.input.parse::<TokenTree>().map(drop)
    } else {
        Ok(())
    }
}

fn skip_tokens(input: ParseStream) -> syn::Result<()> {
    while !input.is_empty() && !input.peek(Token![,]) {
        input.parse::<TokenTree>()?;
    }
    Ok(())
}

/// The example shown when a key gets a value of the wrong type.
fn example(key: &str) -> &'static str {
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
        RENAME => "rename = \"property_name\"",
        DESCRIPTION => "description = \"What the property holds.\"",
        EXAMPLES => "examples = [\"one\", \"two\"]",
        MIN_ITEMS => "min_items = 1",
        MAX_ITEMS => "max_items = 10",
        MINIMUM => "minimum = 0",
        MAXIMUM => "maximum = 100",
        SCHEMA => "schema = { \"always_visible\": true }",
        UI => "ui = { \"blockPriority\": 7 }",
        NAMES => "names = \"lowercase\"",
        _ => "key = \"value\"",
    }
}

/// `key = "text"`.
fn string(ctx: &Context, meta: &ParseNestedMeta, key: &str) -> syn::Result<Option<LitStr>> {
    let input = meta.value()?;
    if input.peek(LitStr) {
        let text: LitStr = input.parse()?;
        if text.value().trim().is_empty() {
            ctx.error(
                &text,
                format_args!("`{key}` must not be empty, e.g. `{}`", example(key)),
            );
            return Ok(None);
        }
        return Ok(Some(text));
    }
    let start = input.span();
    skip_tokens(input)?;
    ctx.push(syn::Error::new(
        start,
        format!("`{key}` takes a string literal, e.g. `{}`", example(key)),
    ));
    Ok(None)
}

/// `key = ["a", "b"]`.
fn string_list(
    ctx: &Context,
    meta: &ParseNestedMeta,
    key: &str,
) -> syn::Result<Option<Vec<LitStr>>> {
    let input = meta.value()?;
    let start = input.span();
    let mut fits = input.peek(syn::token::Bracket);
    let mut items = Vec::new();
    if fits {
        let content;
        syn::bracketed!(content in input);
        while !content.is_empty() {
            if content.peek(LitStr) {
                items.push(content.parse()?);
            } else {
                fits = false;
                content.parse::<TokenTree>()?;
            }
            if content.peek(Token![,]) {
                content.parse::<Token![,]>()?;
            }
        }
    } else {
        skip_tokens(input)?;
    }
    if !fits {
        ctx.push(syn::Error::new(
            start,
            format!(
                "`{key}` takes a list of string literals, e.g. `{}`",
                example(key)
            ),
        ));
        return Ok(None);
    }
    Ok(Some(items))
}

/// A bare flag: `key` alone.
fn flag(ctx: &Context, meta: &ParseNestedMeta, key: &str) -> syn::Result<bool> {
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
fn count(ctx: &Context, meta: &ParseNestedMeta, key: &str) -> syn::Result<Option<u64>> {
    let input = meta.value()?;
    if input.peek(LitInt) {
        let int: LitInt = input.parse()?;
        if let Ok(count) = int.base10_parse::<u64>() {
            return Ok(Some(count));
        }
    }
    let start = input.span();
    skip_tokens(input)?;
    ctx.push(syn::Error::new(
        start,
        format!("`{key}` takes a whole number, e.g. `{}`", example(key)),
    ));
    Ok(None)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum JsonShape {
    Any,
    Array,
    Object,
    Number,
}

/// `key = <JSON value>` of the expected shape.
fn json_of(
    ctx: &Context,
    meta: &ParseNestedMeta,
    key: &str,
    shape: JsonShape,
) -> syn::Result<Option<Value>> {
    let input = meta.value()?;
    let start = input.span();
    let value = match json::parse(input) {
        Ok(value) => value,
        Err(error) => {
            ctx.push(error);
            skip_tokens(input)?;
            return Ok(None);
        }
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
        ctx.push(syn::Error::new(
            start,
            format!("`{key}` takes {what}, e.g. `{}`", example(key)),
        ));
        return Ok(None);
    }
    Ok(Some(value))
}

/// `kind = "secret"`, `kind = ["string", "integer"]` or `kind = my::KIND`.
fn kind_list(ctx: &Context, meta: &ParseNestedMeta) -> syn::Result<Option<Vec<KindRef>>> {
    let input = meta.value()?;
    let mut kinds = Vec::new();
    let mut valid = true;
    if input.peek(syn::token::Bracket) {
        let content;
        syn::bracketed!(content in input);
        while !content.is_empty() {
            match kind(ctx, &content)? {
                Some(kind) => kinds.push(kind),
                None => valid = false,
            }
            if !content.is_empty() {
                content.parse::<Token![,]>()?;
            }
        }
        if kinds.is_empty() && valid {
            ctx.error(&meta.path, "`kind` needs at least one kind, e.g. `kind = \"string\"` or `kind = \"*\"` for any");
            valid = false;
        }
    } else {
        match kind(ctx, input)? {
            Some(kind) => kinds.push(kind),
            None => valid = false,
        }
    }
    Ok(valid.then_some(kinds))
}

fn kind(ctx: &Context, input: ParseStream) -> syn::Result<Option<KindRef>> {
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
    let start = input.span();
    skip_tokens(input)?;
    ctx.push(syn::Error::new(
        start,
        "`kind` takes a kind name, a list of them or the path of a declared kind, e.g. `kind = \"secret\"` or `kind = [\"string\", \"integer\"]`",
    ));
    Ok(None)
}

/// `output(name = "...", kind = ...)`.
fn output(ctx: &Context, meta: &ParseNestedMeta) -> syn::Result<Option<OutputAttr>> {
    let mut name: Slot<LitStr> = Slot::new(NAME);
    let mut kinds: Slot<Vec<KindRef>> = Slot::new(KIND);
    let path = meta.path.clone();
    meta.parse_nested_meta(|inner| {
        let key = inner
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        match key.as_str() {
            NAME => {
                if let Some(text) = string(ctx, &inner, NAME)? {
                    name.set(ctx, &inner, text);
                }
            }
            KIND => {
                if let Some(list) = kind_list(ctx, &inner)? {
                    kinds.set(ctx, &inner, list);
                }
            }
            _ => unknown(ctx, &inner, &key, OUTPUT_KEYS, "`output(...)`", &[], "")?,
        }
        Ok(())
    })?;
    let missing = |what: &str, example: &str| {
        ctx.error(
            &path,
            format_args!("`output(...)` needs `{what}`, e.g. `{example}`"),
        );
    };
    match (name.value, kinds.value) {
        (Some((_, name)), Some((_, kinds))) => Ok(Some(OutputAttr { name, kinds })),
        (None, _) => {
            missing(NAME, "output(name = \"error_status\", kind = \"boolean\")");
            Ok(None)
        }
        (_, None) => {
            missing(KIND, "output(name = \"error_status\", kind = \"boolean\")");
            Ok(None)
        }
    }
}

/// `dynamic_outputs(kind = ..., names = "lowercase")`.
fn dynamic(ctx: &Context, meta: &ParseNestedMeta) -> syn::Result<Option<DynamicAttr>> {
    let mut kinds: Slot<Vec<KindRef>> = Slot::new(KIND);
    let mut rule: Slot<String> = Slot::new(NAMES);
    let path = meta.path.clone();
    meta.parse_nested_meta(|inner| {
        let key = inner.path.get_ident().map(ToString::to_string).unwrap_or_default();
        match key.as_str() {
            KIND => {
                if let Some(list) = kind_list(ctx, &inner)? {
                    kinds.set(ctx, &inner, list);
                }
            }
            NAMES => {
                if let Some(text) = string(ctx, &inner, NAMES)? {
                    if NAME_RULES.contains(&text.value().as_str()) {
                        rule.set(ctx, &inner, text.value());
                    } else {
                        ctx.error(&text, format_args!(
                            "unknown name rule `{}`: expected `lowercase` (each entry lowercased) or `as_is` (each entry as written)",
                            text.value()
                        ));
                    }
                }
            }
            _ => unknown(ctx, &inner, &key, DYNAMIC_KEYS, "`dynamic_outputs(...)`", &[], "")?,
        }
        Ok(())
    })?;
    let Some((_, kinds)) = kinds.value else {
        ctx.error(&path, "`dynamic_outputs(...)` needs `kind`, e.g. `dynamic_outputs(kind = \"secret\", names = \"lowercase\")`");
        return Ok(None);
    };
    let rule = rule
        .value
        .map_or_else(|| "as_is".to_owned(), |(_, rule)| rule);
    Ok(Some(DynamicAttr { kinds, rule }))
}
