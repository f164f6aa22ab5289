//! Code generation. Everything generated sits in `const _: () = { ... };`
//! and reaches block_core, serde and std through absolute paths into
//! `::block_core::__private`, so names in the author's scope cannot break it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use serde_json::{Map, Value, json};
use syn::spanned::Spanned;
use syn::{DeriveInput, LitStr};

use crate::ast::{Container, Field};
use crate::attr::KindRef;
use crate::check;
use crate::context::Context;

/// The default execution-engine range of a block that declares none.
const DEFAULT_ENGINE: &str = ">=1.0.0,<2.0.0";
/// The default UI section and icon.
const DEFAULT_SECTION: &str = "advanced";
const DEFAULT_ICON: &str = "fas fa-cube";

/// Reads, checks and expands one derive input.
pub(crate) fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let ctx = Context::default();
    let container = Container::from_ast(&ctx, input);
    if let Some(container) = &container {
        check::check(&ctx, container);
    }
    ctx.finish()?;
    Ok(container
        .map(|container| expand(&container))
        .unwrap_or_default())
}

fn expand(container: &Container) -> TokenStream {
    let ident = container.ident;
    let metadata = metadata(container);
    let outputs = outputs(container);
    let properties = container.fields.iter().map(property);
    let dynamic_lists = container
        .fields
        .iter()
        .filter(|field| field.attrs.dynamic.get().is_some())
        .map(|field| {
            let member = field.ident;
            quote!(self.#member.as_slice())
        });
    let deserialize = deserialize(container);
    let from_step = from_step(container);
    let default_checks = container.fields.iter().filter_map(default_check);
    quote! {
        #[doc(hidden)]
        const _: () = {
            #[automatically_derived]
            impl ::block_core::__private::Block for #ident {
                const METADATA: ::block_core::__private::Metadata = #metadata;

                const OUTPUTS: &'static [::block_core::__private::OutputDecl] = &[#(#outputs),*];

                fn properties(
                    __generator: &mut ::block_core::__private::schemars::SchemaGenerator,
                ) -> ::block_core::__private::Vec<::block_core::__private::PropertySpec> {
                    ::block_core::__private::vec![#(#properties),*]
                }

                fn actual_outputs(
                    &self,
                ) -> ::block_core::__private::Result<
                    ::block_core::__private::Vec<::block_core::__private::Output>,
                    ::block_core::__private::Vec<::block_core::__private::Problem>,
                > {
                    ::block_core::__private::actual_outputs(
                        <Self as ::block_core::__private::Block>::OUTPUTS,
                        &[#(#dynamic_lists),*],
                    )
                }

                #from_step

                fn default_errors() -> ::block_core::__private::Vec<::block_core::__private::String> {
                    let mut __errors = ::block_core::__private::Vec::new();
                    #(#default_checks)*
                    __errors
                }
            }

            #deserialize

            ::block_core::__private::inventory::submit! {
                ::block_core::__private::Registration(::block_core::__private::BlockType::of::<#ident>())
            }
        };
    }
}

fn text(slot: Option<&LitStr>, default: &str) -> String {
    slot.map_or_else(|| default.to_owned(), LitStr::value)
}

fn metadata(container: &Container) -> TokenStream {
    let attrs = &container.attrs;
    let ident = container.ident;
    let id = text(attrs.id.get(), "");
    let name = text(attrs.name.get(), "");
    let short = text(attrs.short_description.get(), &container.short_description);
    let long = text(attrs.long_description.get(), &container.long_description);
    let block_type = text(attrs.block_type.get(), "");
    let section = text(attrs.section.get(), DEFAULT_SECTION);
    let icon = text(attrs.icon.get(), DEFAULT_ICON);
    let engine = text(attrs.engine.get(), DEFAULT_ENGINE);
    let license = attrs.license.get().map_or_else(
        || quote!(::block_core::__private::env!("CARGO_PKG_LICENSE")),
        |license| quote!(#license),
    );
    let ui = optional_json(attrs.ui.get());
    let aliases = attrs.aliases.get().map(Vec::as_slice).unwrap_or_default();
    let deprecated = optional(attrs.deprecated.get().map(|reason| quote!(#reason)));
    let accepts_empty_values = attrs.accepts_empty_values.get().is_some();
    quote! {
        ::block_core::__private::Metadata {
            type_id: #id,
            aliases: &[#(#aliases),*],
            name: #name,
            short_description: #short,
            long_description: #long,
            license: #license,
            block_type: #block_type,
            section: #section,
            icon: #icon,
            ui_extra: #ui,
            engine: #engine,
            deprecated: #deprecated,
            accepts_empty_values: #accepts_empty_values,
            rust_path: ::block_core::__private::concat!(
                ::block_core::__private::module_path!(), "::", ::block_core::__private::stringify!(#ident)
            ),
            source: ::block_core::__private::env!("CARGO_PKG_NAME"),
        }
    }
}

fn kinds(kinds: &[KindRef]) -> TokenStream {
    quote!(&[#(#kinds),*])
}

fn outputs(container: &Container) -> Vec<TokenStream> {
    let statics = container.attrs.outputs.iter().map(|output| {
        let name = &output.name;
        let kinds = kinds(&output.kinds);
        quote!(::block_core::__private::OutputDecl::Static { name: #name, kinds: #kinds })
    });
    let dynamics = container.fields.iter().filter_map(|field| {
        let dynamic = field.attrs.dynamic.get()?;
        let source = field.property();
        let rule = format_ident!(
            "{}",
            if dynamic.rule == "lowercase" {
                "Lowercase"
            } else {
                "AsIs"
            }
        );
        let kinds = kinds(&dynamic.kinds);
        Some(quote! {
            ::block_core::__private::OutputDecl::Dynamic {
                source: #source,
                rule: ::block_core::__private::NameRule::#rule,
                kinds: #kinds,
            }
        })
    });
    statics.chain(dynamics).collect()
}

fn optional(value: Option<TokenStream>) -> TokenStream {
    value.map_or_else(
        || quote!(::block_core::__private::Option::None),
        |value| quote!(::block_core::__private::Option::Some(#value)),
    )
}

/// JSON checked at compile time, emitted as text parsed once at run time.
fn optional_json(value: Option<&Value>) -> TokenStream {
    optional(value.map(|value| {
        let text = value.to_string();
        quote!(#text)
    }))
}

/// Schema keywords from the field's constraint attributes and `schema`.
fn extra(field: &Field) -> Option<Value> {
    let attrs = &field.attrs;
    let mut extra = Map::new();
    if let Some(count) = attrs.min_items.get() {
        extra.insert("minItems".into(), json!(count));
    }
    if let Some(count) = attrs.max_items.get() {
        extra.insert("maxItems".into(), json!(count));
    }
    if let Some(bound) = attrs.minimum.get() {
        extra.insert("minimum".into(), bound.clone());
    }
    if let Some(bound) = attrs.maximum.get() {
        extra.insert("maximum".into(), bound.clone());
    }
    if let Some(Value::Object(schema)) = attrs.schema.get() {
        extra.extend(schema.clone());
    }
    (!extra.is_empty()).then_some(Value::Object(extra))
}

/// Converts a declared default to the field's type, recording the error:
/// the registry refuses a block whose default does not fit.
fn default_check(field: &Field) -> Option<TokenStream> {
    let default = field.attrs.default.get()?.to_string();
    let property = field.property();
    let ty = field.ty;
    Some(quote! {
        if let ::block_core::__private::Result::Err(__error) =
            ::block_core::__private::default_from_json::<#ty>(#property, #default)
        {
            __errors.push(__error);
        }
    })
}

fn property(field: &Field) -> TokenStream {
    let name = field.property();
    let description = field.description();
    let required = !field.is_option() && field.attrs.default.get().is_none();
    let ty = field.ty;
    let kinds = optional(field.attrs.kinds.get().map(|list| kinds(list)));
    let examples = optional_json(field.attrs.examples.get());
    let default = optional_json(field.attrs.default.get());
    let extra = optional_json(extra(field).as_ref());
    quote! {
        ::block_core::__private::PropertySpec {
            name: #name,
            description: #description,
            required: #required,
            schema: __generator.subschema_for::<#ty>(),
            kinds: #kinds,
            examples: #examples,
            default: #default,
            extra: #extra,
        }
    }
}

/// `Block::from_step`: the step read property by property, each through
/// a function of block-core generic over the property's type alone, so
/// that blocks sharing property types share that code; the same errors,
/// at the same pointers, as the `Deserialize` impl.
fn from_step(container: &Container) -> TokenStream {
    let ident = container.ident;
    let shown = ident.to_string();
    let slot = |index: usize| format_ident!("__property_{}", index);
    let slots = container.fields.iter().enumerate().map(|(index, field)| {
        let slot = slot(index);
        let ty = field.ty;
        quote! {
            let mut #slot: ::block_core::__private::Option<#ty> = ::block_core::__private::Option::None;
        }
    });
    let arms = container.fields.iter().enumerate().map(|(index, field)| {
        let slot = slot(index);
        let property = field.property();
        let ty = field.ty;
        let (min, max) = (field.attrs.min_items.get(), field.attrs.max_items.get());
        let count = (min.is_some() || max.is_some()).then(|| {
            let bound = |count: Option<&u64>| {
                optional(count.map(|count| {
                    let count = usize::try_from(*count).unwrap_or(usize::MAX);
                    quote!(#count)
                }))
            };
            let (min, max) = (bound(min), bound(max));
            quote!(::block_core::__private::step_count(&__value, #property, #min, #max)?;)
        });
        quote! {
            #property => {
                let __value: #ty = ::block_core::__private::step_property(__json, #property)?;
                #count
                #slot = ::block_core::__private::Option::Some(__value);
            }
        }
    });
    let known = container.fields.iter().map(Field::property);
    let moves = container.fields.iter().enumerate().map(|(index, field)| {
        let slot = slot(index);
        let member = field.ident;
        let property = field.property();
        let ty = field.ty;
        let missing = if let Some(default) = field.attrs.default.get() {
            let default = default.to_string();
            quote!(::block_core::__private::step_default::<#ty>(#property, #default)?)
        } else if field.is_option() {
            quote!(::block_core::__private::Option::None)
        } else {
            quote! {
                return ::block_core::__private::Result::Err(
                    ::block_core::__private::missing_property(#property),
                )
            }
        };
        quote! {
            #member: match #slot {
                ::block_core::__private::Option::Some(__value) => __value,
                ::block_core::__private::Option::None => #missing,
            }
        }
    });
    let state = container.state.iter().map(|field| {
        let member = field.ident;
        let ty = field.ty;
        quote_spanned!(ty.span()=> #member: <#ty as ::block_core::__private::Default>::default())
    });
    quote! {
        fn from_step(
            __step: &::block_core::__private::serde_json::Value,
        ) -> ::block_core::__private::Result<Self, ::block_core::__private::ParseError> {
            const __KNOWN: &[&str] = &["type", "name", #(#known),*];
            let __object = ::block_core::__private::step_object(__step, #shown)?;
            #(#slots)*
            for (__key, __json) in __object {
                match __key.as_str() {
                    "type" | "name" => {}
                    #(#arms)*
                    __other => {
                        return ::block_core::__private::Result::Err(
                            ::block_core::__private::unknown_property(__other, __KNOWN),
                        );
                    }
                }
            }
            ::block_core::__private::Result::Ok(#ident {
                #(#moves,)*
                #(#state,)*
            })
        }
    }
}

/// A `Deserialize` impl through `Block::from_step`: the value is read as
/// JSON first, so that the block has one reading of its properties (with
/// the same errors) rather than a second one derived by serde.
fn deserialize(container: &Container) -> TokenStream {
    let ident = container.ident;
    quote! {
        #[automatically_derived]
        impl<'de> ::block_core::__private::serde::Deserialize<'de> for #ident {
            fn deserialize<__D>(__deserializer: __D) -> ::block_core::__private::Result<Self, __D::Error>
            where
                __D: ::block_core::__private::serde::Deserializer<'de>,
            {
                let __json = <::block_core::__private::serde_json::Value as ::block_core::__private::serde::Deserialize>::deserialize(__deserializer)?;
                <Self as ::block_core::__private::Block>::from_step(&__json).map_err(|__error| {
                    <__D::Error as ::block_core::__private::serde::de::Error>::custom(__error.message)
                })
            }
        }
    }
}
