//! The `#[block(...)]` vocabulary, read key by key. Each key is parsed in
//! one branch; a repeated key, an unknown key or a value of the wrong type
//! is recorded on its own span and parsing goes on with the next key.
//!
//! A value is cut out first (the tokens after `=` up to the next comma) and
//! parsed on its own, so a mistake inside it is reported once, on its
//! tokens, and never stops the keys after it from being read.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use serde_json::Value;
use syn::meta::ParseNestedMeta;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
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

/// One key's value, with the span of the key that set it to report a
/// second use. A key whose value was refused (and reported) counts as
/// given, so it is not reported missing as well.
pub(crate) struct Slot<T> {
    key: &'static str,
    given: Option<Span>,
    value: Option<T>,
}

impl<T> Slot<T> {
    fn new(key: &'static str) -> Self {
        Self {
            key,
            given: None,
            value: None,
        }
    }

    /// Records the key, with its value or `None` when the value was refused.
    fn set(&mut self, ctx: &Context, meta: &ParseNestedMeta, value: Option<T>) {
        if self.given.is_some() {
            ctx.error(
                &meta.path,
                format_args!(
                    "duplicate `{}` attribute: give it once, e.g. `{}`",
                    self.key,
                    example(self.key)
                ),
            );
            return;
        }
        self.given = Some(
            meta.path
                .get_ident()
                .map_or_else(Span::call_site, syn::Ident::span),
        );
        self.value = value;
    }

    pub(crate) fn get(&self) -> Option<&T> {
        self.value.as_ref()
    }

    /// Whether the key was written, even with a refused value.
    pub(crate) fn is_given(&self) -> bool {
        self.given.is_some()
    }

    /// The span of the key, when it was written.
    pub(crate) fn span(&self) -> Option<Span> {
        self.given
    }

    /// The key and its span, when it was written.
    fn written(&self) -> Option<(&'static str, Span)> {
        self.given.map(|span| (self.key, span))
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
            let text = string(ctx, meta, key)?;
            slot.set(ctx, meta, text);
            return Ok(());
        }
        match key {
            UI => {
                let object = json_of(ctx, meta, key, JsonShape::Object)?;
                self.ui.set(ctx, meta, object);
            }
            ALIASES => {
                let list = string_list(ctx, meta, key)?;
                self.aliases.set(ctx, meta, list);
            }
            DEPRECATED => {
                let reason = if meta.input.peek(Token![=]) {
                    string(ctx, meta, key)?.map(|text| text.value())
                } else {
                    Some(String::new())
                };
                self.deprecated.set(ctx, meta, reason);
            }
            ACCEPTS_EMPTY_VALUES => {
                let flag = flag(ctx, meta, key)?.then_some(());
                self.accepts_empty_values.set(ctx, meta, flag);
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

    /// The keys written besides `skip`, which describe a property.
    pub(crate) fn property_keys(&self) -> Vec<(&'static str, Span)> {
        [
            self.description.written(),
            self.rename.written(),
            self.kinds.written(),
            self.examples.written(),
            self.default.written(),
            self.min_items.written(),
            self.max_items.written(),
            self.minimum.written(),
            self.maximum.written(),
            self.schema.written(),
            self.dynamic.written(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    fn parse_key(&mut self, ctx: &Context, meta: &ParseNestedMeta, key: &str) -> syn::Result<()> {
        match key {
            DESCRIPTION | RENAME => {
                let slot = if key == DESCRIPTION {
                    &mut self.description
                } else {
                    &mut self.rename
                };
                let text = string(ctx, meta, key)?;
                slot.set(ctx, meta, text);
            }
            KIND => {
                let kinds = kind_list(ctx, meta)?;
                self.kinds.set(ctx, meta, kinds);
            }
            EXAMPLES | DEFAULT | MINIMUM | MAXIMUM | SCHEMA => {
                let (slot, shape) = match key {
                    EXAMPLES => (&mut self.examples, JsonShape::Array),
                    DEFAULT => (&mut self.default, JsonShape::Any),
                    MINIMUM => (&mut self.minimum, JsonShape::Number),
                    MAXIMUM => (&mut self.maximum, JsonShape::Number),
                    _ => (&mut self.schema, JsonShape::Object),
                };
                let value = json_of(ctx, meta, key, shape)?;
                slot.set(ctx, meta, value);
            }
            MIN_ITEMS | MAX_ITEMS => {
                let slot = if key == MIN_ITEMS {
                    &mut self.min_items
                } else {
                    &mut self.max_items
                };
                let count = count(ctx, meta, key)?;
                slot.set(ctx, meta, count);
            }
            DYNAMIC_OUTPUTS => {
                let dynamic = dynamic(ctx, meta)?;
                self.dynamic.set(ctx, meta, dynamic);
            }
            SKIP => {
                let flag = flag(ctx, meta, key)?.then_some(());
                self.skip.set(ctx, meta, flag);
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
        until_comma(meta.value()?).map(drop)
    } else if meta.input.peek(syn::token::Paren) {
        meta.input.parse::<TokenTree>().map(drop)
    } else {
        Ok(())
    }
}

/// The tokens up to the next comma at this level, consumed.
fn until_comma(input: ParseStream) -> syn::Result<TokenStream> {
    let mut tokens = TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        tokens.extend([input.parse::<TokenTree>()?]);
    }
    Ok(tokens)
}

/// The example shown when a key is misused.
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
fn value_of(ctx: &Context, meta: &ParseNestedMeta, key: &str) -> syn::Result<Option<TokenStream>> {
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
fn parse_value<T>(
    ctx: &Context,
    tokens: TokenStream,
    parser: impl FnOnce(ParseStream) -> syn::Result<T>,
) -> Option<T> {
    parser.parse2(tokens).map_err(|error| ctx.push(error)).ok()
}

/// `key = "text"`.
fn string(ctx: &Context, meta: &ParseNestedMeta, key: &str) -> syn::Result<Option<LitStr>> {
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
fn string_list(
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

/// `kind = "secret"`, `kind = ["string", "integer"]` or `kind = my::KIND`.
fn kind_list(ctx: &Context, meta: &ParseNestedMeta) -> syn::Result<Option<Vec<KindRef>>> {
    let Some(tokens) = value_of(ctx, meta, KIND)? else {
        return Ok(None);
    };
    Ok(parse_value(ctx, tokens, |input| kind_or_list(ctx, input)).flatten())
}

/// One kind, or a bracketed list of at least one.
fn kind_or_list(ctx: &Context, input: ParseStream) -> syn::Result<Option<Vec<KindRef>>> {
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
    ctx.error(
        until_comma(input)?,
        "`kind` takes a kind name, a list of them or the path of a declared kind, e.g. `kind = \"secret\"`, `kind = [\"string\", \"integer\"]` or `kind = my_kinds::TEMPERATURE`",
    );
    Ok(None)
}

/// Whether `key(...)` has its parentheses; records the mistake if not.
fn has_list(ctx: &Context, meta: &ParseNestedMeta, key: &str) -> syn::Result<bool> {
    if meta.input.peek(syn::token::Paren) {
        return Ok(true);
    }
    ctx.error(
        &meta.path,
        format_args!(
            "`{key}` takes its settings in parentheses, e.g. `{}`",
            example(key)
        ),
    );
    skip_value(meta)?;
    Ok(false)
}

/// `output(name = "...", kind = ...)`.
fn output(ctx: &Context, meta: &ParseNestedMeta) -> syn::Result<Option<OutputAttr>> {
    if !has_list(ctx, meta, OUTPUT)? {
        return Ok(None);
    }
    let mut name: Slot<LitStr> = Slot::new(NAME);
    let mut kinds: Slot<Vec<KindRef>> = Slot::new(KIND);
    meta.parse_nested_meta(|inner| {
        let key = inner
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        match key.as_str() {
            NAME => {
                let text = string(ctx, &inner, NAME)?;
                name.set(ctx, &inner, text);
            }
            KIND => {
                let list = kind_list(ctx, &inner)?;
                kinds.set(ctx, &inner, list);
            }
            _ => unknown(ctx, &inner, &key, OUTPUT_KEYS, "`output(...)`", &[], "")?,
        }
        Ok(())
    })?;
    for (slot, what) in [(name.is_given(), NAME), (kinds.is_given(), KIND)] {
        if !slot {
            ctx.error(
                &meta.path,
                format_args!("`output(...)` needs `{what}`, e.g. `{}`", example(OUTPUT)),
            );
        }
    }
    Ok(name
        .value
        .zip(kinds.value)
        .map(|(name, kinds)| OutputAttr { name, kinds }))
}

/// `dynamic_outputs(kind = ..., names = "lowercase")`.
fn dynamic(ctx: &Context, meta: &ParseNestedMeta) -> syn::Result<Option<DynamicAttr>> {
    if !has_list(ctx, meta, DYNAMIC_OUTPUTS)? {
        return Ok(None);
    }
    let mut kinds: Slot<Vec<KindRef>> = Slot::new(KIND);
    let mut rule: Slot<String> = Slot::new(NAMES);
    meta.parse_nested_meta(|inner| {
        let key = inner
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        match key.as_str() {
            KIND => {
                let list = kind_list(ctx, &inner)?;
                kinds.set(ctx, &inner, list);
            }
            NAMES => {
                let text = string(ctx, &inner, NAMES)?;
                let known = text.filter(|text| name_rule(ctx, text));
                rule.set(ctx, &inner, known.map(|text| text.value()));
            }
            _ => unknown(
                ctx,
                &inner,
                &key,
                DYNAMIC_KEYS,
                "`dynamic_outputs(...)`",
                &[],
                "",
            )?,
        }
        Ok(())
    })?;
    if !kinds.is_given() {
        ctx.error(
            &meta.path,
            format_args!(
                "`dynamic_outputs(...)` needs `kind`, e.g. `{}`",
                example(DYNAMIC_OUTPUTS)
            ),
        );
    }
    let Some(kinds) = kinds.value else {
        return Ok(None);
    };
    let rule = rule.value.unwrap_or_else(|| "as_is".to_owned());
    Ok(Some(DynamicAttr { kinds, rule }))
}

/// Whether `names = "..."` names a known rule; records the mistake if not.
fn name_rule(ctx: &Context, text: &LitStr) -> bool {
    if NAME_RULES.contains(&text.value().as_str()) {
        return true;
    }
    ctx.error(
        text,
        format_args!(
            "unknown name rule `{}`: expected `names = \"lowercase\"` (each entry lowercased) or `names = \"as_is\"` (each entry as written)",
            text.value()
        ),
    );
    false
}
