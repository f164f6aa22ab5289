//! Rules that look at more than one key or field: identifiers, required
//! keys, output names, descriptions and the shapes dynamic outputs need.

use std::collections::HashMap;

use proc_macro2::Span;
use quote::ToTokens;
use syn::LitStr;

use crate::ast::{Container, Field};
use crate::context::Context;
use crate::symbol::{BLOCK_TYPE, ID, NAME, RESERVED_PROPERTIES};

/// Applies every rule, recording each violation.
pub(crate) fn check(ctx: &Context, container: &Container) {
    check_required(ctx, container);
    check_identifier(ctx, container.attrs.id.get());
    check_engine(ctx, container.attrs.engine.get());
    check_aliases(ctx, container);
    check_descriptions(ctx, container);
    check_properties(ctx, container);
    check_outputs(ctx, container);
}

fn check_required(ctx: &Context, container: &Container) {
    let attrs = &container.attrs;
    let required = [
        (ID, attrs.id.is_given(), "id = \"namespace/block_name@v1\""),
        (NAME, attrs.name.is_given(), "name = \"Human Name\""),
        (
            BLOCK_TYPE,
            attrs.block_type.is_given(),
            "block_type = \"formatter\"",
        ),
    ];
    for (key, present, example) in required {
        if !present {
            ctx.error(
                container.ident,
                format_args!("missing `{key}`: add `#[block({example})]` to the struct"),
            );
        }
    }
}

/// Whether `id` is `namespace/snake_name@vN`.
fn is_identifier(id: &str) -> bool {
    let snake = |part: &str| {
        part.starts_with(|c: char| c.is_ascii_lowercase())
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    let Some((path, version)) = id.rsplit_once('@') else {
        return false;
    };
    let Some((namespace, name)) = path.split_once('/') else {
        return false;
    };
    let number = version.strip_prefix('v').unwrap_or_default();
    snake(namespace)
        && snake(name)
        && !number.is_empty()
        && !number.starts_with('0')
        && number.chars().all(|c| c.is_ascii_digit())
}

fn check_identifier(ctx: &Context, id: Option<&LitStr>) {
    let Some(id) = id else { return };
    if !is_identifier(&id.value()) {
        ctx.error(id, format_args!(
            "`{}` is not a block identifier: write `namespace/snake_name@vN` in lower case, e.g. `roboflow_core/environment_secrets_store@v1`",
            id.value()
        ));
    }
}

fn check_engine(ctx: &Context, engine: Option<&LitStr>) {
    let Some(engine) = engine else { return };
    if let Err(error) = semver::VersionReq::parse(&engine.value()) {
        ctx.error(
            engine,
            format_args!(
                "`{}` is not a semver range ({error}): write e.g. `>=1.4.0,<2.0.0`",
                engine.value()
            ),
        );
    }
}

fn check_aliases(ctx: &Context, container: &Container) {
    let Some(aliases) = container.attrs.aliases.get() else {
        return;
    };
    let id = container.attrs.id.get().map(LitStr::value);
    let mut seen: Vec<String> = Vec::new();
    for alias in aliases {
        let text = alias.value();
        if text.trim().is_empty() || text.chars().any(char::is_whitespace) {
            ctx.error(alias, format_args!(
                "`{text}` cannot be an alias: an alias is a former identifier of this block, without spaces, e.g. `aliases = [\"FirstNonEmptyOrDefault\"]`"
            ));
        } else if Some(&text) == id.as_ref() {
            ctx.error(alias, format_args!(
                "`{text}` is this block's `id`, not a former one: remove it from `aliases`, which lists former identifiers, e.g. `aliases = [\"namespace/block_name@v1\"]` on a block now at `@v2`"
            ));
        } else if seen.contains(&text) {
            ctx.error(
                alias,
                format_args!("duplicate alias `{text}`: list each alias once"),
            );
        }
        seen.push(text);
    }
}

fn check_descriptions(ctx: &Context, container: &Container) {
    if container.short_description.is_empty() && container.attrs.short_description.get().is_none() {
        ctx.error(container.ident, "a block needs a description: add a `///` comment to the struct; its first paragraph is the short description, the rest the long one");
    }
    for field in &container.fields {
        if field.description().trim().is_empty() {
            ctx.error(field.ident, format_args!(
                "property `{}` needs a description: add a `///` comment to the field (it becomes the schema's description and the docs' table row)",
                field.property()
            ));
        }
    }
}

fn check_properties(ctx: &Context, container: &Container) {
    let mut seen: HashMap<String, &syn::Ident> = HashMap::new();
    for field in &container.fields {
        let property = field.property();
        if !is_property_name(&property) {
            ctx.push(syn::Error::new(property_span(field), format!(
                "`{property}` cannot be a property name: use letters, digits, `_` and `-`, starting with a letter or `_`, e.g. `#[block(rename = \"class_name\")]`"
            )));
        } else if let Some(meaning) = reserved(&property) {
            let fix = if field.attrs.rename.get().is_some() {
                "choose another name"
            } else {
                "rename the field, or give its property another name"
            };
            ctx.push(syn::Error::new(property_span(field), format!(
                "`{property}` is a property every step has already ({meaning}): {fix}, e.g. `#[block(rename = \"{property}_value\")]`"
            )));
        } else if let Some(earlier) = seen.insert(property.clone(), field.ident) {
            ctx.push(syn::Error::new(property_span(field), format!(
                "property `{property}` is already the property of field `{earlier}`: give each field its own property name, e.g. `#[block(rename = \"{property}_2\")]`"
            )));
        }
        check_kinds(ctx, field, &property);
        if field.attrs.dynamic.get().is_some() && !field.is_list_of_strings() {
            let ty = field.ty.to_token_stream().to_string().replace(' ', "");
            ctx.error(field.ty, format_args!(
                "`dynamic_outputs` needs a `Vec<String>` field, whose entries become output names, but `{property}` is `{ty}`: make it `Vec<String>`"
            ));
        }
    }
}

/// A skipped field is run-time state, not a property: property keys on it
/// would have no effect.
pub(crate) fn check_skipped(ctx: &Context, field: &Field) {
    for (key, span) in field.attrs.property_keys() {
        ctx.push(syn::Error::new(span, format!(
            "`{key}` has no effect with `skip`: `{}` is run-time state, not a property; remove `{key}`, or remove `skip` to make it a property",
            field.ident
        )));
    }
}

/// Whether `name` can be a property of a step in a workflow file.
fn is_property_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// What a reserved property holds, or `None` when `property` is free.
fn reserved(property: &str) -> Option<&'static str> {
    RESERVED_PROPERTIES
        .iter()
        .find(|(name, _)| *name == property)
        .map(|(_, meaning)| *meaning)
}

/// Where a property's name is written: the `rename` value, else the field.
fn property_span(field: &Field) -> Span {
    field
        .attrs
        .rename
        .get()
        .map_or_else(|| field.ident.span(), LitStr::span)
}

/// A `kind` only means something on a field that takes references.
fn check_kinds(ctx: &Context, field: &Field, property: &str) {
    let Some(span) = field.attrs.kinds.span() else {
        return;
    };
    if field.accepts_references() {
        return;
    }
    let ty = field.ty.to_token_stream().to_string().replace(' ', "");
    ctx.push(syn::Error::new(span, format!(
        "`kind` lists the kinds a reference may carry, but `{property}` is `{ty}`, which takes no reference: make it `Input<{ty}>` (a literal or a reference) or `Ref<{ty}>` (a reference only), or remove `kind`"
    )));
}

fn check_outputs(ctx: &Context, container: &Container) {
    let mut seen: Vec<String> = Vec::new();
    for output in &container.attrs.outputs {
        let name = output.name.value();
        let reachable = name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !reachable {
            let fixed: String = name
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            ctx.error(&output.name, format_args!(
                "`{name}` cannot name an output: a selector such as `$steps.step_name.{fixed}` reaches it only through letters, digits, `_` and `-`; write e.g. `name = \"{fixed}\"`"
            ));
        } else if seen.contains(&name) {
            ctx.error(
                &output.name,
                format_args!("duplicate output `{name}`: declare each output name once"),
            );
        }
        seen.push(name);
    }
}

#[cfg(test)]
mod tests {
    use super::is_identifier;

    #[test]
    fn identifiers_follow_namespace_name_version() {
        for valid in [
            "roboflow_core/environment_secrets_store@v1",
            "a/b@v12",
            "ns2/x_1@v3",
        ] {
            assert!(is_identifier(valid), "{valid}");
        }
        for invalid in [
            "a/b", "a/b@1", "a/b@v", "a/b@v01", "A/b@v1", "a/B@v1", "a@v1", "a/b/c@v1", "_a/b@v1",
            "a/b@v1x",
        ] {
            assert!(!is_identifier(invalid), "{invalid}");
        }
    }
}
