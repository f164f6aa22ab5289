//! JSON values written in attributes (`examples = [["A", "B"]]`,
//! `default = 1024`, `ui = { "blockPriority": 7 }`), read at compile time so
//! a malformed one is reported on its token.

use serde_json::{Map, Number, Value};
use syn::parse::ParseStream;
use syn::{Lit, Token, braced, bracketed};

const EXPECTED: &str = "expected a JSON value: a string, a number, `true`, `false`, `null`, a list `[...]` or an object `{ \"key\": value }`";

/// Parses the whole of a key's value as one JSON value.
pub(crate) fn parse_whole(input: ParseStream) -> syn::Result<Value> {
    let value = parse(input)?;
    if !input.is_empty() {
        return Err(input
            .error("expected one JSON value: write several as a list, e.g. `[\"one\", \"two\"]`"));
    }
    Ok(value)
}

/// Parses one JSON value from attribute tokens.
fn parse(input: ParseStream) -> syn::Result<Value> {
    if input.peek(syn::token::Bracket) {
        return parse_array(input);
    }
    if input.peek(syn::token::Brace) {
        return parse_object(input);
    }
    if input.peek(Token![-]) {
        let minus: Token![-] = input.parse()?;
        if !input.peek(syn::LitInt) && !input.peek(syn::LitFloat) {
            let span = if input.is_empty() {
                minus.span
            } else {
                input.span()
            };
            return Err(syn::Error::new(
                span,
                "expected a number after `-`, e.g. `-1` or `-0.5`",
            ));
        }
        let number: Lit = input.parse()?;
        return match literal(&number)? {
            Value::Number(number) => negate(&number, input),
            _ => Err(syn::Error::new(
                number.span(),
                "expected a number after `-`",
            )),
        };
    }
    if input.peek(syn::Ident) {
        let ident: syn::Ident = input.parse()?;
        return match ident.to_string().as_str() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            "null" => Ok(Value::Null),
            word => Err(syn::Error::new(
                ident.span(),
                format!("`{word}` is not a JSON value: write text in quotes, `\"{word}\"`"),
            )),
        };
    }
    let lit: Lit = input
        .parse()
        .map_err(|error| syn::Error::new(error.span(), EXPECTED))?;
    literal(&lit)
}

fn literal(lit: &Lit) -> syn::Result<Value> {
    match lit {
        Lit::Str(text) => Ok(Value::String(text.value())),
        Lit::Bool(flag) => Ok(Value::Bool(flag.value)),
        Lit::Int(int) => int
            .base10_parse::<u64>()
            .map(Value::from)
            .map_err(|_| syn::Error::new(int.span(), "expected an integer that fits in 64 bits")),
        Lit::Float(float) => float
            .base10_parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| syn::Error::new(float.span(), "expected a finite number")),
        other => Err(syn::Error::new(other.span(), EXPECTED)),
    }
}

fn negate(number: &Number, input: ParseStream) -> syn::Result<Value> {
    if let Some(int) = number.as_u64() {
        return i64::try_from(int)
            .map(|int| Value::from(-int))
            .map_err(|_| input.error("expected an integer that fits in 64 bits"));
    }
    Ok(number
        .as_f64()
        .and_then(|float| Number::from_f64(-float))
        .map_or(Value::Null, Value::Number))
}

fn parse_array(input: ParseStream) -> syn::Result<Value> {
    let content;
    bracketed!(content in input);
    let mut items = Vec::new();
    while !content.is_empty() {
        items.push(parse(&content)?);
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(Value::Array(items))
}

/// A key of a JSON object: a string literal.
fn object_key(input: ParseStream) -> syn::Result<syn::LitStr> {
    if input.peek(syn::LitStr) {
        return input.parse();
    }
    if input.peek(syn::Ident) {
        let ident: syn::Ident = input.parse()?;
        return Err(syn::Error::new(
            ident.span(),
            format!("the keys of a JSON object are quoted: write `\"{ident}\"`"),
        ));
    }
    Err(input.error("expected a quoted key, e.g. `{ \"blockPriority\": 7 }`"))
}

fn parse_object(input: ParseStream) -> syn::Result<Value> {
    let content;
    braced!(content in input);
    let mut object = Map::new();
    while !content.is_empty() {
        let key = object_key(&content)?;
        content.parse::<Token![:]>()?;
        object.insert(key.value(), parse(&content)?);
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(Value::Object(object))
}
