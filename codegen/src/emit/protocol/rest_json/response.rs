//! The body of `Operation::deserialize`: output or modelled error from the response.

use super::text::{list_item, parse_text};
use super::{bindings, field, rt};
use crate::emit::runtime::{
    BLOB, BYTE_STREAM, ERROR_SDK_ERROR, ERROR_UNHANDLED_ERROR, JSON_MEMBER, JSON_OBJECT, JSON_ZERO,
    REST_JSON_MODELLED_ERROR, REST_JSON_PARSE_ERROR, REST_JSON_RESPONSE_METADATA,
};
use crate::emit::rust_type::reader;
use crate::emit::tokens::ident;
use crate::ir::http_bindings::{Location, PayloadKind, StructBindings};
use crate::ir::{CrateIr, OperationIr, RustType, StructIr, StructRole};
use crate::model::TimestampFormat;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// Statements filling `target` (a place expression of the structure `s`) from the response's
/// headers, status code, payload and JSON body, as `bindings` says.
fn read_members(
    s: &StructIr,
    bindings: &StructBindings,
    target: TokenStream,
    read_body: bool,
) -> Result<TokenStream, String> {
    let rt = rt();
    let fail = quote! { .map_err(|e| #ERROR_SDK_ERROR::Response(#rt::errors::wrap(response, e)))? };
    let mut steps = Vec::new();
    let mut body_steps = Vec::new();
    for (member, location) in &bindings.members {
        let f = field(s, member)?;
        let name = ident(&f.ident);
        let store = |value: TokenStream| {
            let value = if f.boxed {
                quote! { ::std::boxed::Box::new(#value) }
            } else {
                value
            };
            if f.optional {
                quote! { #target.#name = ::std::option::Option::Some(#value); }
            } else {
                quote! { #target.#name = #value; }
            }
        };
        match location {
            Location::Header {
                name: header,
                timestamp_format,
                base64,
            } => {
                let parsed = if let Some((item, sparse)) = list_item(&f.ty) {
                    let read = parse_text(
                        item,
                        quote! { item.as_str() },
                        header,
                        *timestamp_format,
                        *base64,
                    )?;
                    let dates = matches!(item, RustType::Timestamp(_))
                        && *timestamp_format == TimestampFormat::HttpDate;
                    let items = if dates {
                        quote! { #rt::headers::split_dates(&text) }
                    } else {
                        quote! { #rt::headers::split_list(&text, #header) #fail }
                    };
                    let wrap = if sparse {
                        quote! { .map(::std::option::Option::Some) }
                    } else {
                        quote! {}
                    };
                    quote! {
                        #items.iter().map(|item| #read #wrap).collect::<::std::result::Result<::std::vec::Vec<_>, _>>() #fail
                    }
                } else {
                    let read = parse_text(
                        &f.ty,
                        quote! { text.as_str() },
                        header,
                        *timestamp_format,
                        *base64,
                    )?;
                    quote! { #read #fail }
                };
                let store = store(parsed);
                steps.push(quote! {
                    if let ::std::option::Option::Some(text) = #rt::headers::get(response.headers(), #header) #fail {
                        #store
                    }
                });
            }
            Location::PrefixHeaders { prefix } => {
                let store = store(quote! { map });
                steps.push(quote! {
                    let map = #rt::headers::prefixed(response.headers(), #prefix) #fail;
                    if !map.is_empty() {
                        #store
                    }
                });
            }
            Location::ResponseCode => {
                let store = store(quote! { i32::from(response.status().as_u16()) });
                steps.push(store);
            }
            Location::Payload(kind) if read_body => {
                let value = match kind {
                    // A streamed body reaches a `@streaming` payload through
                    // `Operation::set_streaming_output`; a whole one (in tests) comes here.
                    PayloadKind::Blob { .. } if f.ty == RustType::ByteStream => {
                        quote! { #BYTE_STREAM::from(response.body().clone()) }
                    }
                    PayloadKind::Blob { .. } => {
                        quote! { #BLOB::new(response.body().clone()) }
                    }
                    PayloadKind::String { .. } => {
                        quote! { #rt::body::read_text(response.body()) #fail }
                    }
                    PayloadKind::Enum => {
                        let RustType::Named { name, .. } = &f.ty else {
                            return Err(format!("payload `{member}` of `{}` is not an enum", s.id));
                        };
                        let name = ident(name);
                        quote! { crate::types::#name::from(#rt::body::read_text(response.body()) #fail .as_str()) }
                    }
                    PayloadKind::Structure | PayloadKind::Union | PayloadKind::Document => {
                        let read = reader(&f.ty);
                        quote! { (#read)(&#rt::body::read_json(response.body()) #fail) #fail }
                    }
                };
                let store = store(value);
                steps.push(quote! {
                    if !response.body().is_empty() {
                        #store
                    }
                });
            }
            Location::Body { json_name } if read_body => {
                let read = reader(&f.ty);
                let store = store(quote! { value });
                body_steps.push(quote! {
                    if let ::std::option::Option::Some(value) = #JSON_MEMBER(object, #json_name, #read) #fail {
                        #store
                    }
                });
            }
            _ => {}
        }
    }
    if !body_steps.is_empty() {
        steps.push(quote! {
            let body = #rt::body::read_json(response.body()) #fail;
            let object = #JSON_OBJECT(&body) #fail;
            #(#body_steps)*
        });
    }
    Ok(quote! { #(#steps)* })
}

/// The body of `Operation::deserialize`.
pub(super) fn deserialize(ir: &CrateIr, op: &OperationIr) -> Result<TokenStream, String> {
    let rt = rt();
    let http = bindings(ir, op)?;
    let output = ident(&op.output.name);
    let error = ident(&op.error_enum);
    let read_output = read_members(&op.output, &http.output, quote! { output }, true)?;

    let mut arms = Vec::new();
    for modelled in &op.errors {
        let e = ir
            .errors
            .get(&modelled.shape)
            .ok_or_else(|| format!("no error structure `{}`", modelled.shape))?;
        let v = ident(&modelled.variant);
        let code = &modelled.wire_name;
        let ty = ident(&modelled.type_name);
        let headers = match ir
            .http
            .as_ref()
            .and_then(|http| http.errors.get(&modelled.shape))
        {
            // Body members were read by `modelled_error`; headers and status come here.
            Some(bindings) => read_members(e, bindings, quote! { error }, false)?,
            None => quote! {},
        };
        let binding = if headers.is_empty() {
            quote! { error }
        } else {
            quote! { mut error }
        };
        arms.push(quote! {
            ::std::option::Option::Some(#code) => {
                // A plain `match`, not `?`: one instantiation per error shape, not per
                // (error shape, operation) pair.
                let #binding: crate::error::#ty = match #REST_JSON_MODELLED_ERROR(response, &body, meta) {
                    ::std::result::Result::Ok(error) => error,
                    ::std::result::Result::Err(e) => return ::std::result::Result::Err(#ERROR_SDK_ERROR::Response(e)),
                };
                #headers
                #error::#v(error)
            }
        });
    }
    let read_error = if arms.is_empty() {
        quote! {
            let #rt::errors::ErrorResponse { meta, .. } = #REST_JSON_PARSE_ERROR(response);
            let error = #error::Unhandled(#ERROR_UNHANDLED_ERROR::new(meta));
        }
    } else {
        // Statuses that identify one modelled error (`@httpError`), for responses without a code.
        let mut statuses: BTreeMap<u16, Vec<&str>> = BTreeMap::new();
        for modelled in &op.errors {
            if let Some(StructIr {
                role:
                    StructRole::Error {
                        http_status: Some(status),
                        ..
                    },
                ..
            }) = ir.errors.get(&modelled.shape)
            {
                statuses
                    .entry(*status)
                    .or_default()
                    .push(&modelled.wire_name);
            }
        }
        let by_status =
            statuses
                .iter()
                .filter(|(_, names)| names.len() == 1)
                .map(|(status, names)| {
                    let name = names[0];
                    quote! { (#status, #name) }
                });
        quote! {
            let #rt::errors::ErrorResponse { meta, error_type, body } = #REST_JSON_PARSE_ERROR(response);
            let error_type = #rt::errors::error_type_or_status(error_type, response.status().as_u16(), &[#(#by_status),*]);
            let error = match error_type.as_deref() {
                #(#arms)*
                _ => #error::Unhandled(#ERROR_UNHANDLED_ERROR::new(meta)),
            };
        }
    };
    Ok(quote! {
        if !response.status().is_success() {
            #read_error
            return ::std::result::Result::Err(#ERROR_SDK_ERROR::Service(error));
        }
        let mut output = <#output as #JSON_ZERO>::zero();
        #read_output
        output._meta = #REST_JSON_RESPONSE_METADATA(response);
        ::std::result::Result::Ok(output)
    })
}
