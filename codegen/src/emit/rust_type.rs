//! Type tokens for IR types, and the conversions every emitter needs: how a value of a
//! type is written to JSON, read from JSON, and what its default value looks like.

use super::tokens::ident;
use crate::ir::{FieldIr, NamedKind, RustType};
use crate::model::TimestampFormat;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// The value type (without `Option`/`Box`).
pub fn value_type(ty: &RustType) -> TokenStream {
    match ty {
        RustType::String | RustType::BigNumber => quote! { ::std::string::String },
        RustType::Bool => quote! { bool },
        RustType::I8 => quote! { i8 },
        RustType::I16 => quote! { i16 },
        RustType::I32 => quote! { i32 },
        RustType::I64 => quote! { i64 },
        RustType::F32 => quote! { f32 },
        RustType::F64 => quote! { f64 },
        RustType::Blob => quote! { ::smithy_runtime::Blob },
        RustType::Timestamp(_) => quote! { ::smithy_runtime::DateTime },
        RustType::Document => quote! { ::smithy_runtime::Document },
        RustType::Named { name, .. } => {
            let name = ident(name);
            quote! { crate::types::#name }
        }
        RustType::List { item, sparse, .. } => {
            let item = value_type(item);
            if *sparse {
                quote! { ::std::vec::Vec<::std::option::Option<#item>> }
            } else {
                quote! { ::std::vec::Vec<#item> }
            }
        }
        RustType::Map { value, sparse, .. } => {
            let value = value_type(value);
            if *sparse {
                quote! { ::std::collections::HashMap<::std::string::String, ::std::option::Option<#value>> }
            } else {
                quote! { ::std::collections::HashMap<::std::string::String, #value> }
            }
        }
    }
}

/// The value type, boxed when the field needs it.
pub fn stored_type(field: &FieldIr) -> TokenStream {
    let value = value_type(&field.ty);
    if field.boxed {
        quote! { ::std::boxed::Box<#value> }
    } else {
        value
    }
}

/// The field's declared type.
pub fn field_type(field: &FieldIr) -> TokenStream {
    let stored = stored_type(field);
    if field.optional {
        quote! { ::std::option::Option<#stored> }
    } else {
        stored
    }
}

/// Whether the type is `Copy` (accessors return it by value).
pub fn is_copy(ty: &RustType) -> bool {
    matches!(
        ty,
        RustType::Bool
            | RustType::I8
            | RustType::I16
            | RustType::I32
            | RustType::I64
            | RustType::F32
            | RustType::F64
            | RustType::Timestamp(_)
    )
}

fn timestamp_format(format: TimestampFormat) -> TokenStream {
    match format {
        TimestampFormat::EpochSeconds => quote! { ::smithy_runtime::TimestampFormat::EpochSeconds },
        TimestampFormat::DateTime => quote! { ::smithy_runtime::TimestampFormat::DateTime },
        TimestampFormat::HttpDate => quote! { ::smithy_runtime::TimestampFormat::HttpDate },
    }
}

/// An expression writing `value` (an expression of type `&T`) as a JSON `Value`.
pub fn to_json(ty: &RustType, value: TokenStream) -> TokenStream {
    match ty {
        RustType::String => quote! { ::smithy_runtime::json::string(#value) },
        RustType::BigNumber => quote! { ::smithy_runtime::json::big_number(#value) },
        RustType::Bool => quote! { ::smithy_runtime::json::Value::Bool(*#value) },
        RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => {
            quote! { ::smithy_runtime::json::integer(*#value) }
        }
        RustType::F32 => quote! { ::smithy_runtime::json::float(*#value) },
        RustType::F64 => quote! { ::smithy_runtime::json::double(*#value) },
        RustType::Blob => quote! { ::smithy_runtime::json::blob(#value) },
        RustType::Timestamp(format) => {
            let format = timestamp_format(*format);
            quote! { ::smithy_runtime::json::timestamp(#value, #format) }
        }
        RustType::Document => quote! { ::smithy_runtime::json::document(#value) },
        RustType::Named { .. } => quote! { ::smithy_runtime::json::ToJson::to_json(#value) },
        RustType::List { item, sparse, .. } => {
            let write = writer(item);
            if *sparse {
                quote! { ::smithy_runtime::json::sparse_list(#value, #write) }
            } else {
                quote! { ::smithy_runtime::json::list(#value, #write) }
            }
        }
        RustType::Map {
            value: value_ty,
            sparse,
            ..
        } => {
            let write = writer(value_ty);
            if *sparse {
                quote! { ::smithy_runtime::json::sparse_map(#value, #write) }
            } else {
                quote! { ::smithy_runtime::json::map(#value, #write) }
            }
        }
    }
}

/// A callable writing a `&T` as a `Value`: the trait method for generated types, else a
/// closure.
fn writer(ty: &RustType) -> TokenStream {
    match ty {
        RustType::Named { .. } => quote! { ::smithy_runtime::json::ToJson::to_json },
        // Writers taking exactly `&T` are passed as is (a closure around them is a clippy
        // warning); the others need the closure for a deref or a copy.
        RustType::Blob => quote! { ::smithy_runtime::json::blob },
        RustType::Document => quote! { ::smithy_runtime::json::document },
        other => {
            let write = to_json(other, quote! { item });
            quote! { |item| #write }
        }
    }
}

/// An expression reading a `T` from `value` (an expression of type `&Value`), yielding
/// `Result<T, DeserializeError>`.
pub fn from_json(ty: &RustType, value: TokenStream) -> TokenStream {
    match ty {
        RustType::String => quote! { ::smithy_runtime::json::read_string(#value) },
        RustType::BigNumber => quote! { ::smithy_runtime::json::read_big_number(#value) },
        RustType::Bool => quote! { ::smithy_runtime::json::read_bool(#value) },
        RustType::I8 => quote! { ::smithy_runtime::json::read_integer::<i8>(#value) },
        RustType::I16 => quote! { ::smithy_runtime::json::read_integer::<i16>(#value) },
        RustType::I32 => quote! { ::smithy_runtime::json::read_integer::<i32>(#value) },
        RustType::I64 => quote! { ::smithy_runtime::json::read_integer::<i64>(#value) },
        RustType::F32 => quote! { ::smithy_runtime::json::read_float(#value) },
        RustType::F64 => quote! { ::smithy_runtime::json::read_double(#value) },
        RustType::Blob => quote! { ::smithy_runtime::json::read_blob(#value) },
        RustType::Timestamp(format) => {
            let format = timestamp_format(*format);
            quote! { ::smithy_runtime::json::read_timestamp(#value, #format) }
        }
        RustType::Document => quote! { ::smithy_runtime::json::read_document(#value) },
        RustType::Named { name, .. } => {
            let name = ident(name);
            quote! { <crate::types::#name as ::smithy_runtime::json::FromJson>::from_json(#value) }
        }
        RustType::List { item, sparse, .. } => {
            let read = reader(item);
            if *sparse {
                quote! { ::smithy_runtime::json::read_sparse_list(#value, #read) }
            } else {
                quote! { ::smithy_runtime::json::read_list(#value, #read) }
            }
        }
        RustType::Map {
            value: value_ty,
            sparse,
            ..
        } => {
            let read = reader(value_ty);
            if *sparse {
                quote! { ::smithy_runtime::json::read_sparse_map(#value, #read) }
            } else {
                quote! { ::smithy_runtime::json::read_map(#value, #read) }
            }
        }
    }
}

/// A callable reading a `T` from a `&Value`: the function itself where one exists (no
/// redundant closure), else a closure.
pub fn reader(ty: &RustType) -> TokenStream {
    match ty {
        RustType::String => quote! { ::smithy_runtime::json::read_string },
        RustType::BigNumber => quote! { ::smithy_runtime::json::read_big_number },
        RustType::Bool => quote! { ::smithy_runtime::json::read_bool },
        RustType::I8 => quote! { ::smithy_runtime::json::read_integer::<i8> },
        RustType::I16 => quote! { ::smithy_runtime::json::read_integer::<i16> },
        RustType::I32 => quote! { ::smithy_runtime::json::read_integer::<i32> },
        RustType::I64 => quote! { ::smithy_runtime::json::read_integer::<i64> },
        RustType::F32 => quote! { ::smithy_runtime::json::read_float },
        RustType::F64 => quote! { ::smithy_runtime::json::read_double },
        RustType::Blob => quote! { ::smithy_runtime::json::read_blob },
        RustType::Document => quote! { ::smithy_runtime::json::read_document },
        RustType::Named { name, .. } => {
            let name = ident(name);
            quote! { <crate::types::#name as ::smithy_runtime::json::FromJson>::from_json }
        }
        other => {
            let read = from_json(other, quote! { value });
            quote! { |value| #read }
        }
    }
}

/// The Rust expression for a `@default` value of type `ty`; `None` when the JSON value does
/// not fit the type (the caller reports it).
pub fn default_value(ty: &RustType, value: &serde_json::Value) -> Option<TokenStream> {
    use serde_json::Value;
    Some(match (ty, value) {
        (RustType::String | RustType::BigNumber, Value::String(s)) => {
            quote! { ::std::string::String::from(#s) }
        }
        (RustType::BigNumber, Value::Number(n)) => {
            let text = n.to_string();
            quote! { ::std::string::String::from(#text) }
        }
        (RustType::Bool, Value::Bool(b)) => quote! { #b },
        (RustType::I8, Value::Number(n)) => {
            Literal::i8_suffixed(i8::try_from(n.as_i64()?).ok()?).into_token_stream()
        }
        (RustType::I16, Value::Number(n)) => {
            Literal::i16_suffixed(i16::try_from(n.as_i64()?).ok()?).into_token_stream()
        }
        (RustType::I32, Value::Number(n)) => {
            Literal::i32_suffixed(i32::try_from(n.as_i64()?).ok()?).into_token_stream()
        }
        (RustType::I64, Value::Number(n)) => Literal::i64_suffixed(n.as_i64()?).into_token_stream(),
        (RustType::F32, Value::Number(n)) => {
            Literal::f32_suffixed(n.as_f64()? as f32).into_token_stream()
        }
        (RustType::F64, Value::Number(n)) => Literal::f64_suffixed(n.as_f64()?).into_token_stream(),
        // A blob's default is written in the model as base64.
        (RustType::Blob, Value::String(s)) => {
            use base64::Engine as _;
            let bytes = base64::engine::general_purpose::STANDARD.decode(s).ok()?;
            let bytes = Literal::byte_string(&bytes);
            quote! { ::smithy_runtime::Blob::new(#bytes) }
        }
        (RustType::Timestamp(_), Value::Number(n)) => {
            if let Some(secs) = n.as_i64() {
                quote! { ::smithy_runtime::DateTime::from_secs(#secs) }
            } else {
                let millis = (n.as_f64()? * 1000.0).round() as i64;
                quote! { ::smithy_runtime::DateTime::from_millis(#millis) }
            }
        }
        (RustType::Timestamp(_), Value::String(s)) => quote! {
            ::smithy_runtime::DateTime::parse(#s, ::smithy_runtime::TimestampFormat::DateTime).unwrap_or_default()
        },
        (RustType::Document, value) => document_value(value),
        (
            RustType::Named {
                name,
                kind: NamedKind::Enum,
                ..
            },
            Value::String(s),
        ) => {
            let name = ident(name);
            quote! { crate::types::#name::from(#s) }
        }
        (
            RustType::Named {
                name,
                kind: NamedKind::IntEnum,
                ..
            },
            Value::Number(n),
        ) => {
            let name = ident(name);
            let int = i32::try_from(n.as_i64()?).ok()?;
            quote! { crate::types::#name::from(#int) }
        }
        (RustType::List { .. }, Value::Array(items)) if items.is_empty() => {
            quote! { ::std::vec::Vec::new() }
        }
        (RustType::Map { .. }, Value::Object(entries)) if entries.is_empty() => {
            quote! { ::std::collections::HashMap::new() }
        }
        _ => return None,
    })
}

fn document_value(value: &serde_json::Value) -> TokenStream {
    use serde_json::Value;
    match value {
        Value::Null => quote! { ::smithy_runtime::Document::Null },
        Value::Bool(b) => quote! { ::smithy_runtime::Document::Bool(#b) },
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                quote! { ::smithy_runtime::Document::Number(::smithy_runtime::Number::PosInt(#u)) }
            } else if let Some(i) = n.as_i64() {
                quote! { ::smithy_runtime::Document::Number(::smithy_runtime::Number::NegInt(#i)) }
            } else {
                let f = n.as_f64().unwrap_or_default();
                quote! { ::smithy_runtime::Document::Number(::smithy_runtime::Number::Float(#f)) }
            }
        }
        Value::String(s) => {
            quote! { ::smithy_runtime::Document::String(::std::string::String::from(#s)) }
        }
        Value::Array(items) => {
            let items = items.iter().map(document_value);
            quote! { ::smithy_runtime::Document::Array(::std::vec![#(#items),*]) }
        }
        Value::Object(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = document_value(v);
                quote! { (::std::string::String::from(#k), #v) }
            });
            quote! { ::smithy_runtime::Document::Object(::std::collections::BTreeMap::from([#(#entries),*])) }
        }
    }
}

trait IntoTokenStream {
    fn into_token_stream(self) -> TokenStream;
}

impl IntoTokenStream for Literal {
    fn into_token_stream(self) -> TokenStream {
        quote! { #self }
    }
}
