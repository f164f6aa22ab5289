//! Rules that look at more than one key or field: identifiers, required
//! keys, output names, descriptions and the shapes dynamic outputs need.

use std::collections::HashMap;

use syn::LitStr;

use crate::ast::Container;
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
        (
            ID,
            attrs.id.get().is_some(),
            "id = \"namespace/block_name@v1\"",
        ),
        (NAME, attrs.name.get().is_some(), "name = \"Human Name\""),
        (
            BLOCK_TYPE,
            attrs.block_type.get().is_some(),
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
        if text.is_empty() || text.chars().any(char::is_whitespace) {
            ctx.error(
                alias,
                "an alias is a former identifier without spaces, e.g. `\"FirstNonEmptyOrDefault\"`",
            );
        } else if Some(&text) == id.as_ref() || seen.contains(&text) {
            ctx.error(alias, format_args!("`{text}` is already this block's identifier or an earlier alias; list each once"));
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
        if RESERVED_PROPERTIES.contains(&property.as_str()) {
            ctx.error(field.ident, format_args!(
                "`{property}` is a property every step has already (`type` holds the identifier, `name` the step's name); rename the field or use `#[block(rename = \"...\")]`"
            ));
        } else if let Some(earlier) = seen.insert(property.clone(), field.ident) {
            ctx.error(field.ident, format_args!("property `{property}` is also the name of field `{earlier}`; each property name must be unique"));
        }
        if field.attrs.kinds.get().is_some() && !field.accepts_references() {
            let span = field
                .attrs
                .kinds
                .span()
                .unwrap_or_else(|| field.ident.span());
            ctx.push(syn::Error::new(span, format!(
                "`kind` applies to a field that accepts references, but `{property}` is a literal: make its type `Input<T>` (literal or reference) or `Ref<T>` (reference only)"
            )));
        }
        if field.attrs.dynamic.get().is_some() && !field.is_list_of_strings() {
            ctx.error(field.ty, format_args!(
                "`dynamic_outputs` needs a `Vec<String>` field: each entry becomes an output name, but `{property}` has another type"
            ));
        }
    }
}

fn check_outputs(ctx: &Context, container: &Container) {
    let mut seen: Vec<String> = Vec::new();
    for output in &container.attrs.outputs {
        let name = output.name.value();
        let reachable = name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !reachable {
            ctx.error(&output.name, format_args!(
                "`{name}` cannot name an output: use letters, digits, `_` and `-` so that `$steps.STEP.{name}` can reach it"
            ));
        } else if seen.contains(&name) {
            ctx.error(
                &output.name,
                format_args!("duplicate output `{name}`: each output name is declared once"),
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
