//! The `#[block(...)]` vocabulary, read key by key. Each key is parsed in
//! one branch; a repeated key, an unknown key or a value of the wrong type
//! is recorded on its own span and parsing goes on with the next key.
//!
//! A value is cut out first (the tokens after `=` up to the next comma) and
//! parsed on its own, so a mistake inside it is reported once, on its
//! tokens, and never stops the keys after it from being read.

mod kind;
mod nested;
mod value;

use proc_macro2::{Span, TokenTree};
use quote::ToTokens;
use serde_json::Value;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitStr, Token};

use crate::context::Context;
use crate::symbol::{
    ACCEPTS_EMPTY_VALUES, ALIASES, BLOCK, BLOCK_TYPE, CONTAINER_KEYS, DEFAULT, DEPRECATED,
    DESCRIPTION, DYNAMIC_OUTPUTS, ENGINE, EXAMPLES, FIELD_KEYS, ICON, ID, KIND, LICENSE,
    LONG_DESCRIPTION, MAX_ITEMS, MAXIMUM, MIN_ITEMS, MINIMUM, NAME, OUTPUT, RENAME, SCHEMA,
    SECTION, SHORT_DESCRIPTION, SKIP, UI,
};

pub(crate) use kind::KindRef;
use kind::kind_list;
pub(crate) use nested::{DynamicAttr, OutputAttr};
use nested::{dynamic, output};
use value::{JsonShape, count, example, flag, json_of, string, string_list, until_comma};

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
