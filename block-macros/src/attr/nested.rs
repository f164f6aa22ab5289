//! The keys that hold keys: `output(...)` on the struct and
//! `dynamic_outputs(...)` on a field.

use syn::LitStr;
use syn::meta::ParseNestedMeta;

use crate::context::Context;
use crate::symbol::{
    DYNAMIC_KEYS, DYNAMIC_OUTPUTS, KIND, NAME, NAME_RULES, NAMES, OUTPUT, OUTPUT_KEYS,
};

use super::kind::{KindRef, kind_list};
use super::value::{example, string};
use super::{Slot, skip_value, unknown};

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

/// Whether `key(...)` has its parentheses; records the mistake if not.
pub(super) fn has_list(ctx: &Context, meta: &ParseNestedMeta, key: &str) -> syn::Result<bool> {
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
pub(super) fn output(ctx: &Context, meta: &ParseNestedMeta) -> syn::Result<Option<OutputAttr>> {
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
pub(super) fn dynamic(ctx: &Context, meta: &ParseNestedMeta) -> syn::Result<Option<DynamicAttr>> {
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
pub(super) fn name_rule(ctx: &Context, text: &LitStr) -> bool {
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
