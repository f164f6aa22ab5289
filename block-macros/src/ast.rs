//! The struct a block is derived from, with its attributes and docs read,
//! keeping the syntax nodes so every error lands on the right token.

use syn::{Data, DeriveInput, Fields, Ident, Type};

use crate::attr::{ContainerAttrs, FieldAttrs};
use crate::check;
use crate::context::Context;
use crate::docs;

/// The annotated struct.
pub(crate) struct Container<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) attrs: ContainerAttrs,
    /// The first paragraph of the struct's doc comment.
    pub(crate) short_description: String,
    /// The rest of the struct's doc comment, as Markdown.
    pub(crate) long_description: String,
    pub(crate) fields: Vec<Field<'a>>,
    /// Fields marked `skip`: run-time state, filled by `Default`.
    pub(crate) state: Vec<Field<'a>>,
}

/// One named field: one property of the block.
pub(crate) struct Field<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) ty: &'a Type,
    pub(crate) attrs: FieldAttrs,
    /// The field's doc comment, paragraphs on one line each.
    pub(crate) doc: String,
}

impl<'a> Container<'a> {
    /// Reads the struct, or records why it cannot be a block.
    pub(crate) fn from_ast(ctx: &Context, input: &'a DeriveInput) -> Option<Self> {
        let attrs = ContainerAttrs::parse(ctx, &input.attrs);
        if !input.generics.params.is_empty() {
            ctx.error(
                &input.generics,
                "a block cannot have generic parameters: each block is one concrete struct",
            );
        }
        let named = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => Some(named),
                Fields::Unnamed(_) | Fields::Unit => {
                    ctx.error(input.ident.clone(), "a block is a struct with named fields, one per property, e.g. `struct MyBlock { field: Type }`");
                    None
                }
            },
            Data::Enum(data) => {
                ctx.error(
                    data.enum_token,
                    "a block is a struct with named fields, not an enum, e.g. `struct MyBlock { field: Type }`; for a property with a fixed set of values, derive `Deserialize` and `JsonSchema` on an enum and use it as a field's type",
                );
                None
            }
            Data::Union(data) => {
                ctx.error(
                    data.union_token,
                    "a block is a struct with named fields, not a union, e.g. `struct MyBlock { field: Type }`",
                );
                None
            }
        }?;
        let (short_description, long_description) = docs::split(&docs::lines(&input.attrs));
        let mut fields = Vec::new();
        let mut state = Vec::new();
        for field in named
            .named
            .iter()
            .filter_map(|field| Field::from_ast(ctx, field))
        {
            if field.attrs.skip.get().is_some() {
                check::check_skipped(ctx, &field);
                state.push(field);
            } else {
                fields.push(field);
            }
        }
        Some(Self {
            ident: &input.ident,
            attrs,
            short_description,
            long_description,
            fields,
            state,
        })
    }
}

impl<'a> Field<'a> {
    fn from_ast(ctx: &Context, field: &'a syn::Field) -> Option<Self> {
        let attrs = FieldAttrs::parse(ctx, &field.attrs);
        let doc = docs::paragraphs(&docs::lines(&field.attrs));
        Some(Self {
            ident: field.ident.as_ref()?,
            ty: &field.ty,
            attrs,
            doc,
        })
    }

    /// The property name written in a step: `rename`, or the field name
    /// without a raw-identifier prefix.
    pub(crate) fn property(&self) -> String {
        self.attrs.rename.get().map_or_else(
            || self.ident.to_string().trim_start_matches("r#").to_owned(),
            syn::LitStr::value,
        )
    }

    /// The description: the `description` attribute, else the doc comment.
    pub(crate) fn description(&self) -> String {
        self.attrs
            .description
            .get()
            .map_or_else(|| self.doc.clone(), syn::LitStr::value)
    }

    /// Whether the type is `Option<...>`, so the property may be left out.
    pub(crate) fn is_option(&self) -> bool {
        last_segment(self.ty).is_some_and(|segment| segment.ident == "Option")
    }

    /// Whether the type is `Vec<String>`, the only shape dynamic outputs read.
    pub(crate) fn is_list_of_strings(&self) -> bool {
        let Some(segment) = last_segment(self.ty) else {
            return false;
        };
        let syn::PathArguments::AngleBracketed(arguments) = &segment.arguments else {
            return false;
        };
        let inner = match arguments.args.first() {
            Some(syn::GenericArgument::Type(inner)) if arguments.args.len() == 1 => inner,
            _ => return false,
        };
        segment.ident == "Vec"
            && last_segment(inner).is_some_and(|s| s.ident == "String" && s.arguments.is_none())
    }

    /// Whether the type mentions `Input` or `Ref`, the field types that
    /// accept references (so a `kind` on it has an effect).
    pub(crate) fn accepts_references(&self) -> bool {
        fn mentions(ty: &Type) -> bool {
            let Type::Path(path) = ty else { return false };
            path.path.segments.iter().any(|segment| {
                segment.ident == "Input"
                    || segment.ident == "Ref"
                    || match &segment.arguments {
                        syn::PathArguments::AngleBracketed(arguments) => arguments.args.iter().any(|argument| {
                            matches!(argument, syn::GenericArgument::Type(inner) if mentions(inner))
                        }),
                        _ => false,
                    }
            })
        }
        mentions(self.ty)
    }
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(path) if path.qself.is_none() => path.path.segments.last(),
        _ => None,
    }
}
