//! Type tokens for IR types, and the conversions every emitter needs: how a value of a
//! type is written to JSON, read from JSON, and what its default value looks like.

use super::runtime::{
    BLOB, BYTE_STREAM, DATE_TIME, DOCUMENT, JSON_BIG_NUMBER, JSON_BLOB, JSON_DOCUMENT, JSON_DOUBLE,
    JSON_FLOAT, JSON_FROM_JSON, JSON_INTEGER, JSON_LIST, JSON_MAP, JSON_READ_BIG_NUMBER,
    JSON_READ_BLOB, JSON_READ_BOOL, JSON_READ_DOCUMENT, JSON_READ_DOUBLE, JSON_READ_FLOAT,
    JSON_READ_INTEGER, JSON_READ_LIST, JSON_READ_MAP, JSON_READ_SPARSE_LIST, JSON_READ_SPARSE_MAP,
    JSON_READ_STRING, JSON_READ_TIMESTAMP, JSON_SPARSE_LIST, JSON_SPARSE_MAP, JSON_STRING,
    JSON_TIMESTAMP, JSON_TO_JSON, JSON_VALUE, NUMBER, TIMESTAMP_FORMAT,
};
use super::tokens::ident;
use crate::ir::{DefaultValue, FieldIr, RustType};
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
        RustType::Blob => quote! { #BLOB },
        RustType::ByteStream => quote! { #BYTE_STREAM },
        RustType::Timestamp(_) => quote! { #DATE_TIME },
        RustType::Document => quote! { #DOCUMENT },
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

/// A `@streaming` payload is the whole body, never a JSON value; lowering keeps it out of
/// JSON documents, so this only shows up if that invariant breaks (the crate then fails to
/// build with the reason instead of the generator panicking).
fn no_json_form() -> TokenStream {
    quote! { ::std::compile_error!("smithy-codegen: a @streaming payload has no JSON form") }
}

pub(super) fn timestamp_format(format: TimestampFormat) -> TokenStream {
    match format {
        TimestampFormat::EpochSeconds => quote! { #TIMESTAMP_FORMAT::EpochSeconds },
        TimestampFormat::DateTime => quote! { #TIMESTAMP_FORMAT::DateTime },
        TimestampFormat::HttpDate => quote! { #TIMESTAMP_FORMAT::HttpDate },
    }
}

/// An expression writing `value` (an expression of type `&T`) as a JSON `Value`.
pub fn to_json(ty: &RustType, value: TokenStream) -> TokenStream {
    match ty {
        RustType::String => quote! { #JSON_STRING(#value) },
        RustType::BigNumber => quote! { #JSON_BIG_NUMBER(#value) },
        RustType::Bool => quote! { #JSON_VALUE::Bool(*#value) },
        RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => {
            quote! { #JSON_INTEGER(*#value) }
        }
        RustType::F32 => quote! { #JSON_FLOAT(*#value) },
        RustType::F64 => quote! { #JSON_DOUBLE(*#value) },
        RustType::Blob => quote! { #JSON_BLOB(#value) },
        RustType::ByteStream => no_json_form(),
        RustType::Timestamp(format) => {
            let format = timestamp_format(*format);
            quote! { #JSON_TIMESTAMP(#value, #format) }
        }
        RustType::Document => quote! { #JSON_DOCUMENT(#value) },
        RustType::Named { .. } => quote! { #JSON_TO_JSON::to_json(#value) },
        RustType::List { item, sparse, .. } => {
            let write = writer(item);
            if *sparse {
                quote! { #JSON_SPARSE_LIST(#value, #write) }
            } else {
                quote! { #JSON_LIST(#value, #write) }
            }
        }
        RustType::Map {
            value: value_ty,
            sparse,
            ..
        } => {
            let write = writer(value_ty);
            if *sparse {
                quote! { #JSON_SPARSE_MAP(#value, #write) }
            } else {
                quote! { #JSON_MAP(#value, #write) }
            }
        }
    }
}

/// A statement writing `value` (an expression of type `&T`) to `out` (an expression of type
/// `&mut JsonWriter`).
pub fn write_json(ty: &RustType, out: TokenStream, value: TokenStream) -> TokenStream {
    match ty {
        RustType::String => quote! { #out.string(#value) },
        RustType::BigNumber => quote! { #out.big_number(#value) },
        RustType::Bool => quote! { #out.boolean(*#value) },
        RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => {
            quote! { #out.integer(*#value) }
        }
        RustType::F32 => quote! { #out.float(*#value) },
        RustType::F64 => quote! { #out.double(*#value) },
        RustType::Blob => quote! { #out.blob(#value) },
        RustType::ByteStream => no_json_form(),
        RustType::Timestamp(format) => {
            let format = timestamp_format(*format);
            quote! { #out.timestamp(#value, #format) }
        }
        RustType::Document => quote! { #out.document(#value) },
        RustType::Named { .. } => quote! { #JSON_TO_JSON::write_json(#value, #out) },
        RustType::List { item, sparse, .. } => {
            let write = write_json(item, quote! { out }, quote! { item });
            if *sparse {
                quote! { #out.sparse_list(#value, |out, item| #write) }
            } else {
                quote! { #out.list(#value, |out, item| #write) }
            }
        }
        RustType::Map {
            value: value_ty,
            sparse,
            ..
        } => {
            let write = write_json(value_ty, quote! { out }, quote! { item });
            if *sparse {
                quote! { #out.sparse_map(#value, |out, item| #write) }
            } else {
                quote! { #out.map(#value, |out, item| #write) }
            }
        }
    }
}

/// A callable writing a `&T` as a `Value`: the trait method for generated types, else a
/// closure.
fn writer(ty: &RustType) -> TokenStream {
    match ty {
        RustType::Named { .. } => quote! { #JSON_TO_JSON::to_json },
        // Writers taking exactly `&T` are passed as is (a closure around them is a clippy
        // warning); the others need the closure for a deref or a copy.
        RustType::Blob => quote! { #JSON_BLOB },
        RustType::Document => quote! { #JSON_DOCUMENT },
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
        RustType::String => quote! { #JSON_READ_STRING(#value) },
        RustType::BigNumber => quote! { #JSON_READ_BIG_NUMBER(#value) },
        RustType::Bool => quote! { #JSON_READ_BOOL(#value) },
        RustType::I8 => quote! { #JSON_READ_INTEGER::<i8>(#value) },
        RustType::I16 => quote! { #JSON_READ_INTEGER::<i16>(#value) },
        RustType::I32 => quote! { #JSON_READ_INTEGER::<i32>(#value) },
        RustType::I64 => quote! { #JSON_READ_INTEGER::<i64>(#value) },
        RustType::F32 => quote! { #JSON_READ_FLOAT(#value) },
        RustType::F64 => quote! { #JSON_READ_DOUBLE(#value) },
        RustType::Blob => quote! { #JSON_READ_BLOB(#value) },
        RustType::ByteStream => no_json_form(),
        RustType::Timestamp(format) => {
            let format = timestamp_format(*format);
            quote! { #JSON_READ_TIMESTAMP(#value, #format) }
        }
        RustType::Document => quote! { #JSON_READ_DOCUMENT(#value) },
        RustType::Named { name, .. } => {
            let name = ident(name);
            quote! { <crate::types::#name as #JSON_FROM_JSON>::from_json(#value) }
        }
        RustType::List { item, sparse, .. } => {
            let read = reader(item);
            if *sparse {
                quote! { #JSON_READ_SPARSE_LIST(#value, #read) }
            } else {
                quote! { #JSON_READ_LIST(#value, #read) }
            }
        }
        RustType::Map {
            value: value_ty,
            sparse,
            ..
        } => {
            let read = reader(value_ty);
            if *sparse {
                quote! { #JSON_READ_SPARSE_MAP(#value, #read) }
            } else {
                quote! { #JSON_READ_MAP(#value, #read) }
            }
        }
    }
}

/// A callable reading a `T` from a `&Value`: the function itself where one exists (no
/// redundant closure), else a closure.
pub fn reader(ty: &RustType) -> TokenStream {
    match ty {
        RustType::String => quote! { #JSON_READ_STRING },
        RustType::BigNumber => quote! { #JSON_READ_BIG_NUMBER },
        RustType::Bool => quote! { #JSON_READ_BOOL },
        RustType::I8 => quote! { #JSON_READ_INTEGER::<i8> },
        RustType::I16 => quote! { #JSON_READ_INTEGER::<i16> },
        RustType::I32 => quote! { #JSON_READ_INTEGER::<i32> },
        RustType::I64 => quote! { #JSON_READ_INTEGER::<i64> },
        RustType::F32 => quote! { #JSON_READ_FLOAT },
        RustType::F64 => quote! { #JSON_READ_DOUBLE },
        RustType::Blob => quote! { #JSON_READ_BLOB },
        RustType::Document => quote! { #JSON_READ_DOCUMENT },
        RustType::Named { name, .. } => {
            let name = ident(name);
            quote! { <crate::types::#name as #JSON_FROM_JSON>::from_json }
        }
        other => {
            let read = from_json(other, quote! { value });
            quote! { |value| #read }
        }
    }
}

/// The Rust expression for a `@default` value of type `ty` (lowering has checked that the
/// value fits the type).
pub fn default_value(ty: &RustType, value: &DefaultValue) -> TokenStream {
    match (ty, value) {
        (_, DefaultValue::String(s)) => quote! { ::std::string::String::from(#s) },
        (_, DefaultValue::Bool(b)) => quote! { #b },
        (RustType::I8, DefaultValue::Integer(n)) => literal(Literal::i8_suffixed(*n as i8)),
        (RustType::I16, DefaultValue::Integer(n)) => literal(Literal::i16_suffixed(*n as i16)),
        (RustType::I32, DefaultValue::Integer(n)) => literal(Literal::i32_suffixed(*n as i32)),
        (_, DefaultValue::Integer(n)) => literal(Literal::i64_suffixed(*n)),
        (RustType::F32, DefaultValue::Float(f)) => literal(Literal::f32_suffixed(*f as f32)),
        (_, DefaultValue::Float(f)) => literal(Literal::f64_suffixed(*f)),
        (RustType::ByteStream, DefaultValue::Blob(bytes)) => {
            let bytes = Literal::byte_string(bytes);
            quote! { #BYTE_STREAM::from(&#bytes[..]) }
        }
        (_, DefaultValue::Blob(bytes)) => {
            let bytes = Literal::byte_string(bytes);
            quote! { #BLOB::new(#bytes) }
        }
        (_, DefaultValue::Timestamp { secs, nanos: 0 }) => {
            quote! { #DATE_TIME::from_secs(#secs) }
        }
        (_, DefaultValue::Timestamp { secs, nanos }) if nanos % 1_000_000 == 0 => {
            let millis = secs * 1000 + i64::from(nanos / 1_000_000);
            quote! { #DATE_TIME::from_millis(#millis) }
        }
        (_, DefaultValue::Timestamp { secs, nanos }) => {
            quote! { #DATE_TIME::from_secs_and_nanos(#secs, #nanos) }
        }
        (_, DefaultValue::Document(value)) => document_value(value),
        (_, DefaultValue::Enum(s)) => {
            let name = named_type(ty);
            quote! { #name::from(#s) }
        }
        (_, DefaultValue::IntEnum(n)) => {
            let name = named_type(ty);
            quote! { #name::from(#n) }
        }
        (_, DefaultValue::EmptyList) => quote! { ::std::vec::Vec::new() },
        (_, DefaultValue::EmptyMap) => quote! { ::std::collections::HashMap::new() },
    }
}

fn named_type(ty: &RustType) -> TokenStream {
    match ty {
        RustType::Named { name, .. } => {
            let name = ident(name);
            quote! { crate::types::#name }
        }
        other => value_type(other),
    }
}

fn literal(literal: Literal) -> TokenStream {
    quote! { #literal }
}

fn document_value(value: &serde_json::Value) -> TokenStream {
    use serde_json::Value;
    match value {
        Value::Null => quote! { #DOCUMENT::Null },
        Value::Bool(b) => quote! { #DOCUMENT::Bool(#b) },
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                quote! { #DOCUMENT::Number(#NUMBER::PosInt(#u)) }
            } else if let Some(i) = n.as_i64() {
                quote! { #DOCUMENT::Number(#NUMBER::NegInt(#i)) }
            } else {
                let f = n.as_f64().unwrap_or_default();
                quote! { #DOCUMENT::Number(#NUMBER::Float(#f)) }
            }
        }
        Value::String(s) => {
            quote! { #DOCUMENT::String(::std::string::String::from(#s)) }
        }
        Value::Array(items) => {
            let items = items.iter().map(document_value);
            quote! { #DOCUMENT::Array(::std::vec![#(#items),*]) }
        }
        Value::Object(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = document_value(v);
                quote! { (::std::string::String::from(#k), #v) }
            });
            quote! { #DOCUMENT::Object(::std::collections::BTreeMap::from([#(#entries),*])) }
        }
    }
}

/// `.unwrap_or_…` falling back to `value`: `unwrap_or_default()` when `value` is a standard
/// empty value (`Vec::new()`), else `unwrap_or_else(|| value)` (clippy asks for the first).
pub fn unwrap_or(value: &TokenStream) -> TokenStream {
    let text = value.to_string().replace(' ', "");
    let empty = [
        "::std::vec::Vec::new()",
        "::std::collections::HashMap::new()",
        "::std::string::String::new()",
    ];
    if empty.contains(&text.as_str()) {
        quote! { .unwrap_or_default() }
    } else {
        quote! { .unwrap_or_else(|| #value) }
    }
}
