//! Scalars as text outside a JSON body: labels, query values and headers.

use super::rt;
use crate::emit::runtime::ERROR_DESERIALIZE_ERROR;
use crate::emit::rust_type::timestamp_format;
use crate::emit::tokens::ident;
use crate::ir::{NamedKind, RustType};
use crate::model::TimestampFormat;
use proc_macro2::TokenStream;
use quote::quote;

/// An expression of type `String`: a scalar `value` (an expression of type `&T`) as text.
pub(super) fn text_of(
    ty: &RustType,
    value: TokenStream,
    format: TimestampFormat,
    base64: bool,
) -> Result<TokenStream, String> {
    let rt = rt();
    Ok(match ty {
        RustType::String if base64 => quote! { #rt::text::base64(#value) },
        RustType::String
        | RustType::BigNumber
        | RustType::Bool
        | RustType::I8
        | RustType::I16
        | RustType::I32
        | RustType::I64 => quote! { ::std::string::ToString::to_string(#value) },
        RustType::F32 => quote! { #rt::text::float(*#value) },
        RustType::F64 => quote! { #rt::text::double(*#value) },
        RustType::Blob => quote! { #value.to_base64() },
        RustType::Timestamp(_) => {
            let format = timestamp_format(format);
            quote! { #rt::text::timestamp(#value, #format) }
        }
        RustType::Named {
            kind: NamedKind::Enum,
            ..
        } => quote! { ::std::string::String::from(#value.as_str()) },
        RustType::Named {
            kind: NamedKind::IntEnum,
            ..
        } => quote! { ::std::string::ToString::to_string(&#value.as_i32()) },
        other => {
            return Err(format!(
                "a {other:?} cannot be written as text in a URL or header"
            ))
        }
    })
}

/// An expression of type `Result<T, DeserializeError>`: `text` (a `&str`) read as a scalar.
pub(super) fn parse_text(
    ty: &RustType,
    text: TokenStream,
    what: &str,
    format: TimestampFormat,
    base64: bool,
) -> Result<TokenStream, String> {
    let rt = rt();
    Ok(match ty {
        RustType::String if base64 => quote! { #rt::text::read_base64(#text, #what) },
        RustType::String => {
            quote! { ::std::result::Result::<_, #ERROR_DESERIALIZE_ERROR>::Ok(::std::string::String::from(#text)) }
        }
        RustType::BigNumber => {
            quote! { ::std::result::Result::<_, #ERROR_DESERIALIZE_ERROR>::Ok(::std::string::String::from(#text.trim())) }
        }
        RustType::Bool => quote! { #rt::text::read_bool(#text, #what) },
        RustType::I8 => quote! { #rt::text::read_integer::<i8>(#text, #what) },
        RustType::I16 => quote! { #rt::text::read_integer::<i16>(#text, #what) },
        RustType::I32 => quote! { #rt::text::read_integer::<i32>(#text, #what) },
        RustType::I64 => quote! { #rt::text::read_integer::<i64>(#text, #what) },
        RustType::F32 => quote! { #rt::text::read_float(#text, #what) },
        RustType::F64 => quote! { #rt::text::read_double(#text, #what) },
        RustType::Timestamp(_) => {
            let format = timestamp_format(format);
            quote! { #rt::text::read_timestamp(#text, #format, #what) }
        }
        RustType::Named {
            kind: NamedKind::Enum,
            name,
            ..
        } => {
            let name = ident(name);
            quote! { ::std::result::Result::<_, #ERROR_DESERIALIZE_ERROR>::Ok(crate::types::#name::from(#text.trim())) }
        }
        RustType::Named {
            kind: NamedKind::IntEnum,
            name,
            ..
        } => {
            let name = ident(name);
            quote! { #rt::text::read_integer::<i32>(#text, #what).map(crate::types::#name::from) }
        }
        other => return Err(format!("a {other:?} cannot be read from a header")),
    })
}

/// The item type of a list, with whether items are `Option` (sparse).
pub(super) fn list_item(ty: &RustType) -> Option<(&RustType, bool)> {
    match ty {
        RustType::List { item, sparse, .. } => Some((item, *sparse)),
        _ => None,
    }
}
