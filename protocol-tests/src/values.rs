//! Turning a case's JSON `params` into Rust expressions that build the same value through
//! the generated crate's public API (builders, setters, enum conversions), guided by the IR.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;
use serde_json::Value;
use smithy_codegen::ir::{CrateIr, FieldIr, NamedKind, RustType, StructIr, TypeIr};

/// An identifier token, raw (`r#type`) when the IR name is raw.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// Writes Rust expressions for one generated crate.
pub struct ValueWriter<'a> {
    ir: &'a CrateIr,
    krate: Ident,
}

/// A problem with a case's parameters, naming where in them it is.
pub type ValueError = String;

fn at(path: &str, message: impl std::fmt::Display) -> ValueError {
    format!("params{path}: {message}")
}

/// Whether the builder's `build()` returns a `Result` (some member must be set).
pub fn build_is_fallible(s: &StructIr) -> bool {
    s.fields.iter().any(must_set)
}

/// Whether the builder refuses to build without this member.
pub fn must_set(f: &FieldIr) -> bool {
    !f.optional && f.default.is_none()
}

impl<'a> ValueWriter<'a> {
    /// A writer for the crate described by `ir`, imported under the name `krate`.
    pub fn new(ir: &'a CrateIr, krate: &str) -> ValueWriter<'a> {
        ValueWriter {
            ir,
            krate: ident(krate),
        }
    }

    /// The crate's identifier.
    pub fn krate(&self) -> &Ident {
        &self.krate
    }

    /// An expression building the structure `s` (reached at `path`) from `value` (an object,
    /// or absent for no members), finishing with `.build()` and unwrapping when fallible.
    pub fn structure(
        &self,
        s: &StructIr,
        type_path: &TokenStream,
        value: Option<&Value>,
        path: &str,
    ) -> Result<TokenStream, ValueError> {
        let empty = serde_json::Map::new();
        let members = match value {
            None | Some(Value::Null) => &empty,
            Some(Value::Object(members)) => members,
            Some(other) => return Err(at(path, format!("expected an object, found {other}"))),
        };
        let mut calls = Vec::new();
        for (name, member_value) in members {
            let field = s
                .fields
                .iter()
                .find(|f| &f.member == name)
                .ok_or_else(|| at(path, format!("`{}` has no member named `{name}`", s.id)))?;
            calls.push(self.setter_calls(field, member_value, &format!("{path}.{name}"))?);
        }
        let finish = if build_is_fallible(s) {
            let message = format!("{} builds from the case parameters", s.name);
            quote! { .build().expect(#message) }
        } else {
            quote! { .build() }
        };
        Ok(quote! { #type_path::builder() #(#calls)* #finish })
    }

    /// The builder calls that set one member to `value`, as a user would write them: one
    /// call per list item or map entry, `set_x` for absent values and empty collections.
    fn setter_calls(
        &self,
        f: &FieldIr,
        value: &Value,
        path: &str,
    ) -> Result<TokenStream, ValueError> {
        let setter = ident(&f.ident);
        let set = ident(&f.setter);
        if value.is_null() {
            return Ok(quote! { .#set(::std::option::Option::None) });
        }
        match (&f.ty, value) {
            (RustType::List { item, sparse, .. }, Value::Array(items)) if !items.is_empty() => {
                let mut calls = Vec::new();
                for (i, item_value) in items.iter().enumerate() {
                    let item_path = format!("{path}[{i}]");
                    let expr = if *sparse {
                        self.optional(item, item_value, &item_path)?
                    } else {
                        self.value(item, item_value, &item_path)?
                    };
                    calls.push(quote! { .#setter(#expr) });
                }
                Ok(quote! { #(#calls)* })
            }
            (
                RustType::Map {
                    value: ty, sparse, ..
                },
                Value::Object(entries),
            ) if !entries.is_empty() => {
                let mut calls = Vec::new();
                for (key, entry) in entries {
                    let entry_path = format!("{path}.{key}");
                    let expr = if *sparse {
                        self.optional(ty, entry, &entry_path)?
                    } else {
                        self.value(ty, entry, &entry_path)?
                    };
                    calls.push(quote! { .#setter(#key, #expr) });
                }
                Ok(quote! { #(#calls)* })
            }
            (RustType::List { .. } | RustType::Map { .. }, _) => {
                let expr = self.value(&f.ty, value, path)?;
                let stored = if f.boxed {
                    quote! { ::std::boxed::Box::new(#expr) }
                } else {
                    expr
                };
                Ok(quote! { .#set(::std::option::Option::Some(#stored)) })
            }
            (ty, _) => {
                let expr = self.value(ty, value, path)?;
                Ok(quote! { .#setter(#expr) })
            }
        }
    }

    /// `Some(value)`, or `None` for JSON `null` (sparse collections).
    fn optional(
        &self,
        ty: &RustType,
        value: &Value,
        path: &str,
    ) -> Result<TokenStream, ValueError> {
        if value.is_null() {
            Ok(quote! { ::std::option::Option::None })
        } else {
            let expr = self.value(ty, value, path)?;
            Ok(quote! { ::std::option::Option::Some(#expr) })
        }
    }

    /// An expression of type `ty` for `value`.
    pub fn value(
        &self,
        ty: &RustType,
        value: &Value,
        path: &str,
    ) -> Result<TokenStream, ValueError> {
        let wrong = |expected: &str| at(path, format!("expected {expected}, found {value}"));
        Ok(match ty {
            RustType::String | RustType::BigNumber => match value {
                Value::String(s) => quote! { ::std::string::String::from(#s) },
                Value::Number(n) if matches!(ty, RustType::BigNumber) => {
                    let text = n.to_string();
                    quote! { ::std::string::String::from(#text) }
                }
                _ => return Err(wrong("a string")),
            },
            RustType::Bool => {
                let b = value.as_bool().ok_or_else(|| wrong("a boolean"))?;
                quote! { #b }
            }
            RustType::I8 => int_literal(value, path, |i| {
                i8::try_from(i).ok().map(Literal::i8_suffixed)
            })?,
            RustType::I16 => int_literal(value, path, |i| {
                i16::try_from(i).ok().map(Literal::i16_suffixed)
            })?,
            RustType::I32 => int_literal(value, path, |i| {
                i32::try_from(i).ok().map(Literal::i32_suffixed)
            })?,
            RustType::I64 => int_literal(value, path, |i| Some(Literal::i64_suffixed(i)))?,
            RustType::F32 => float(value, path, quote! { f32 }, |f| {
                Literal::f32_suffixed(f as f32)
            })?,
            RustType::F64 => float(value, path, quote! { f64 }, Literal::f64_suffixed)?,
            RustType::Blob => {
                let s = value.as_str().ok_or_else(|| wrong("a string"))?;
                quote! { ::smithy_runtime::Blob::from(#s) }
            }
            RustType::ByteStream => {
                let s = value.as_str().ok_or_else(|| wrong("a string"))?;
                quote! { ::smithy_runtime::ByteStream::from(::smithy_runtime::Blob::from(#s)) }
            }
            RustType::Timestamp(_) => {
                let n = value.as_number().ok_or_else(|| wrong("epoch seconds"))?;
                if let Some(secs) = n.as_i64() {
                    quote! { ::smithy_runtime::DateTime::from_secs(#secs) }
                } else {
                    let secs = n.as_f64().ok_or_else(|| wrong("epoch seconds"))?;
                    quote! {
                        ::smithy_runtime::DateTime::from_fractional_secs(#secs)
                            .expect("the case's timestamp is in range")
                    }
                }
            }
            RustType::Document => document(value),
            RustType::Named { id, name, kind } => {
                let krate = &self.krate;
                let type_name = ident(name);
                let type_path = quote! { #krate::types::#type_name };
                match kind {
                    NamedKind::Enum => {
                        let s = value.as_str().ok_or_else(|| wrong("a string"))?;
                        quote! { #type_path::from(#s) }
                    }
                    NamedKind::IntEnum => {
                        let i = value
                            .as_i64()
                            .and_then(|i| i32::try_from(i).ok())
                            .ok_or_else(|| wrong("a 32-bit integer"))?;
                        quote! { #type_path::from(#i) }
                    }
                    NamedKind::Struct => match self.ir.types.get(id) {
                        Some(TypeIr::Struct(s)) => {
                            self.structure(s, &type_path, Some(value), path)?
                        }
                        _ => return Err(at(path, format!("no structure `{id}` in the IR"))),
                    },
                    NamedKind::Union => match self.ir.types.get(id) {
                        Some(TypeIr::Union(u)) => {
                            let members = value.as_object().ok_or_else(|| wrong("an object"))?;
                            let mut set = members.iter().filter(|(_, v)| !v.is_null());
                            let (member, member_value) = match (set.next(), set.next()) {
                                (Some(one), None) => one,
                                _ => return Err(wrong("exactly one union member")),
                            };
                            let variant =
                                u.variants.iter().find(|v| &v.member == member).ok_or_else(
                                    || at(path, format!("`{id}` has no member named `{member}`")),
                                )?;
                            let variant_ident = ident(&variant.ident);
                            match &variant.ty {
                                None => quote! { #type_path::#variant_ident },
                                Some(ty) => {
                                    let inner =
                                        self.value(ty, member_value, &format!("{path}.{member}"))?;
                                    if variant.boxed {
                                        quote! { #type_path::#variant_ident(::std::boxed::Box::new(#inner)) }
                                    } else {
                                        quote! { #type_path::#variant_ident(#inner) }
                                    }
                                }
                            }
                        }
                        _ => return Err(at(path, format!("no union `{id}` in the IR"))),
                    },
                }
            }
            RustType::List { item, sparse, .. } => {
                let items = value.as_array().ok_or_else(|| wrong("an array"))?;
                let mut exprs = Vec::new();
                for (i, item_value) in items.iter().enumerate() {
                    let item_path = format!("{path}[{i}]");
                    exprs.push(if *sparse {
                        self.optional(item, item_value, &item_path)?
                    } else {
                        self.value(item, item_value, &item_path)?
                    });
                }
                quote! { ::std::vec![#(#exprs),*] }
            }
            RustType::Map {
                value: value_ty,
                sparse,
                ..
            } => {
                let entries = value.as_object().ok_or_else(|| wrong("an object"))?;
                if entries.is_empty() {
                    quote! { ::std::collections::HashMap::new() }
                } else {
                    let mut pairs = Vec::new();
                    for (key, entry) in entries {
                        let entry_path = format!("{path}.{key}");
                        let expr = if *sparse {
                            self.optional(value_ty, entry, &entry_path)?
                        } else {
                            self.value(value_ty, entry, &entry_path)?
                        };
                        pairs.push(quote! { (::std::string::String::from(#key), #expr) });
                    }
                    quote! { ::std::collections::HashMap::from([#(#pairs),*]) }
                }
            }
        })
    }
}

fn int_literal(
    value: &Value,
    path: &str,
    make: impl Fn(i64) -> Option<Literal>,
) -> Result<TokenStream, ValueError> {
    let literal = value.as_i64().and_then(make).ok_or_else(|| {
        at(
            path,
            format!("expected an integer that fits, found {value}"),
        )
    })?;
    Ok(quote! { #literal })
}

/// A float literal; the strings `NaN`, `Infinity`, `-Infinity` become the type's constants.
fn float(
    value: &Value,
    path: &str,
    ty: TokenStream,
    make: impl Fn(f64) -> Literal,
) -> Result<TokenStream, ValueError> {
    match value {
        Value::Number(n) => {
            let f = n
                .as_f64()
                .ok_or_else(|| at(path, format!("expected a number, found {value}")))?;
            let literal = make(f);
            Ok(quote! { #literal })
        }
        Value::String(s) => match s.as_str() {
            "NaN" => Ok(quote! { #ty::NAN }),
            "Infinity" => Ok(quote! { #ty::INFINITY }),
            "-Infinity" => Ok(quote! { #ty::NEG_INFINITY }),
            _ => Err(at(path, format!("expected a number, found {value}"))),
        },
        _ => Err(at(path, format!("expected a number, found {value}"))),
    }
}

/// A `smithy_runtime::Document` expression for any JSON value.
fn document(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote! { ::smithy_runtime::Document::Null },
        Value::Bool(b) => quote! { ::smithy_runtime::Document::Bool(#b) },
        Value::Number(n) => {
            let number = if let Some(u) = n.as_u64() {
                quote! { ::smithy_runtime::Number::PosInt(#u) }
            } else if let Some(i) = n.as_i64() {
                quote! { ::smithy_runtime::Number::NegInt(#i) }
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                quote! { ::smithy_runtime::Number::Float(#f) }
            };
            quote! { ::smithy_runtime::Document::Number(#number) }
        }
        Value::String(s) => {
            quote! { ::smithy_runtime::Document::String(::std::string::String::from(#s)) }
        }
        Value::Array(items) => {
            let items = items.iter().map(document);
            quote! { ::smithy_runtime::Document::Array(::std::vec![#(#items),*]) }
        }
        Value::Object(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = document(v);
                quote! { (::std::string::String::from(#k), #v) }
            });
            quote! {
                ::smithy_runtime::Document::Object(::std::collections::BTreeMap::from([#(#entries),*]))
            }
        }
    }
}
