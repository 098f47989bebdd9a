//! Type tokens for IR types, and the conversions every emitter needs: how a value of a
//! type is written to JSON, read from JSON, and what its default value looks like.

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
        (_, DefaultValue::Blob(bytes)) => {
            let bytes = Literal::byte_string(bytes);
            quote! { ::smithy_runtime::Blob::new(#bytes) }
        }
        (_, DefaultValue::Timestamp { secs, nanos: 0 }) => {
            quote! { ::smithy_runtime::DateTime::from_secs(#secs) }
        }
        (_, DefaultValue::Timestamp { secs, nanos }) if nanos % 1_000_000 == 0 => {
            let millis = secs * 1000 + i64::from(nanos / 1_000_000);
            quote! { ::smithy_runtime::DateTime::from_millis(#millis) }
        }
        (_, DefaultValue::Timestamp { secs, nanos }) => {
            quote! { ::smithy_runtime::DateTime::from_secs_and_nanos(#secs, #nanos) }
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
