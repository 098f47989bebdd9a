//! The body of `Operation::serialize`: path, query, headers and body from the input.

use super::text::{list_item, text_of};
use super::{bindings, field, rt, with_value};
use crate::emit::runtime::{
    HTTP_HEADER_MAP, JSON_MAP_TYPE, JSON_VALUE, REST_JSON_BUILD_REQUEST, REST_JSON_REQUEST_PATH,
};
use crate::emit::rust_type::to_json;
use crate::emit::tokens::ident;
use crate::ir::http_bindings::{Location, PathSegment, PayloadKind, StructBindings};
use crate::ir::{CrateIr, OperationIr, RustType, StructIr};
use crate::model::TimestampFormat;
use proc_macro2::TokenStream;
use quote::quote;

/// The body of `Operation::serialize`. `host_prefix` and `endpoint` bind the locals of the
/// same names; `compression` rewrites the finished `request` (or is empty).
pub(super) fn serialize(
    ir: &CrateIr,
    op: &OperationIr,
    host_prefix: TokenStream,
    endpoint: TokenStream,
    compression: TokenStream,
) -> Result<TokenStream, String> {
    let rt = rt();
    let http = bindings(ir, op)?;
    let input = &op.input;
    let token = quote! { &(context.idempotency_token)() };

    let mut path_steps = Vec::new();
    for segment in &http.path {
        path_steps.push(match segment {
            PathSegment::Literal(text) => quote! { path.literal(#text); },
            PathSegment::Label { member, greedy } => {
                let f = field(input, member)?;
                let Some(Location::Label {
                    timestamp_format, ..
                }) = http.input.location(member)
                else {
                    return Err(format!("`{member}` of `{}` is not a label", op.id));
                };
                let mut text = text_of(&f.ty, quote! { value }, *timestamp_format, false)?;
                let customizations = &ir.http.as_ref().map(|h| &h.customizations);
                if let Some((_, fallback)) = customizations
                    .iter()
                    .flat_map(|c| &c.label_defaults)
                    .find(|(name, _)| name == member)
                {
                    // The service reads an empty label as this value (e.g. Glacier's `-`).
                    text = quote! { {
                        let text = #text;
                        if text.is_empty() { ::std::string::String::from(#fallback) } else { text }
                    } };
                }
                let push = if *greedy {
                    quote! { path.greedy_label(#member, &#text)?; }
                } else {
                    quote! { path.label(#member, &#text)?; }
                };
                let missing = format!(
                    "the input member `{member}` is bound to the request path but is not set"
                );
                with_value(
                    f,
                    push,
                    quote! { return ::std::result::Result::Err(#missing.into()); },
                )
            }
        });
    }
    for (name, value) in &http.literal_query {
        let value = match value {
            Some(value) => quote! { ::std::option::Option::Some(#value) },
            None => quote! { ::std::option::Option::None },
        };
        path_steps.push(quote! { path.literal_query(#name, #value); });
    }

    let mut queries = Vec::new();
    let mut query_params = Vec::new();
    let mut headers = Vec::new();
    let mut body_members = Vec::new();
    for (member, location) in &http.input.members {
        let f = field(input, member)?;
        let unset_token = if f.idempotency_token && f.optional {
            Some(token.clone())
        } else {
            None
        };
        match location {
            Location::Query {
                name,
                timestamp_format,
            } => {
                let push = if let Some((item, sparse)) = list_item(&f.ty) {
                    let text = text_of(item, quote! { item }, *timestamp_format, false)?;
                    let items = if sparse {
                        quote! { value.iter().flatten() }
                    } else {
                        quote! { value.iter() }
                    };
                    quote! { for item in #items { path.query(#name, &#text); } }
                } else {
                    let text = text_of(&f.ty, quote! { value }, *timestamp_format, false)?;
                    quote! { path.query(#name, &#text); }
                };
                let otherwise = match &unset_token {
                    Some(token) => quote! { path.query(#name, #token); },
                    None => quote! {},
                };
                queries.push(with_value(f, push, otherwise));
            }
            Location::QueryParams => {
                let RustType::Map {
                    value: value_ty, ..
                } = &f.ty
                else {
                    return Err(format!(
                        "@httpQueryParams member `{member}` of `{}` is not a map",
                        op.id
                    ));
                };
                let push = if let Some((item, _)) = list_item(value_ty) {
                    let text = text_of(item, quote! { item }, TimestampFormat::DateTime, false)?;
                    quote! { for (key, items) in value { for item in items { path.query_param(key, &#text); } } }
                } else {
                    let text =
                        text_of(value_ty, quote! { item }, TimestampFormat::DateTime, false)?;
                    quote! { for (key, item) in value { path.query_param(key, &#text); } }
                };
                query_params.push(with_value(f, push, quote! {}));
            }
            Location::Header {
                name,
                timestamp_format,
                base64,
            } => {
                let text = if let Some((item, sparse)) = list_item(&f.ty) {
                    let text = text_of(item, quote! { item }, *timestamp_format, *base64)?;
                    let items = if sparse {
                        quote! { value.iter().flatten() }
                    } else {
                        quote! { value.iter() }
                    };
                    let dates = matches!(item, RustType::Timestamp(_))
                        && *timestamp_format == TimestampFormat::HttpDate;
                    if dates {
                        quote! { #rt::headers::join_dates(#items.map(|item| #text)) }
                    } else {
                        quote! { #rt::headers::join_list(#items.map(|item| #text)) }
                    }
                } else {
                    text_of(&f.ty, quote! { value }, *timestamp_format, *base64)?
                };
                let otherwise = match &unset_token {
                    Some(token) => quote! { #rt::headers::insert(&mut headers, #name, #token)?; },
                    None => quote! {},
                };
                headers.push(with_value(
                    f,
                    quote! { #rt::headers::insert(&mut headers, #name, &#text)?; },
                    otherwise,
                ));
            }
            Location::PrefixHeaders { prefix } => {
                headers.push(with_value(
                    f,
                    quote! { #rt::headers::insert_prefixed(&mut headers, #prefix, value)?; },
                    quote! {},
                ));
            }
            Location::Body { json_name } => {
                let write = to_json(&f.ty, quote! { value });
                let otherwise = match &unset_token {
                    Some(token) => quote! {
                        object.insert(::std::string::String::from(#json_name), #JSON_VALUE::String(::std::string::String::from(#token)));
                    },
                    None => quote! {},
                };
                body_members.push(with_value(
                    f,
                    quote! { object.insert(::std::string::String::from(#json_name), #write); },
                    otherwise,
                ));
            }
            Location::Label { .. } | Location::Payload(_) | Location::ResponseCode => {}
        }
    }

    let customizations = ir
        .http
        .as_ref()
        .map(|h| h.customizations.clone())
        .unwrap_or_default();
    for (name, value) in &customizations.fixed_headers {
        headers.push(quote! { #rt::headers::insert(&mut headers, #name, #value)?; });
    }
    let body = request_body(input, &http.input, body_members)?;
    let headers_binding = if headers.is_empty() {
        quote! { let headers = #HTTP_HEADER_MAP::new(); }
    } else {
        quote! { let mut headers = #HTTP_HEADER_MAP::new(); }
    };
    let method = &http.method;
    let mut checksum_calls = Vec::new();
    if http.checksum_required {
        checksum_calls.push(quote! { #rt::checksum::set_content_md5(&mut request); });
    }
    let blob_payload = matches!(http.input.payload(), Some((_, PayloadKind::Blob { .. })));
    if customizations.glacier_checksums && blob_payload {
        checksum_calls.push(quote! { #rt::checksum::set_glacier_checksums(&mut request); });
    }
    let checksum = match streamed_payload(input, &http.input)? {
        _ if checksum_calls.is_empty() => quote! {},
        // Checksums cover bytes in memory only: a streamed payload is read after this point.
        Some(streamed) => quote! {
            let mut request = request;
            if !#streamed { #(#checksum_calls)* }
        },
        None => quote! { #(let mut request = request; #checksum_calls)* },
    };
    // An operation without input members never reads `input`.
    let unused_input = if input.fields.is_empty() {
        quote! { let _ = input; }
    } else {
        quote! {}
    };
    Ok(quote! {
        #unused_input
        let mut path = #REST_JSON_REQUEST_PATH::new();
        #(#path_steps)*
        #(#queries)*
        #(#query_params)*
        #headers_binding
        #(#headers)*
        let (content_type, body): (::std::option::Option<&str>, ::std::vec::Vec<u8>) = #body;
        #host_prefix
        #endpoint
        let uri = path.to_uri(endpoint, host_prefix.as_deref())?;
        let request = #REST_JSON_BUILD_REQUEST(#method, uri, headers, content_type, body)?;
        #checksum
        #compression
        ::std::result::Result::Ok(request)
    })
}

/// For an input with a `@streaming` payload, an expression telling whether it is streamed
/// (set and not in memory).
fn streamed_payload(
    input: &StructIr,
    bindings: &StructBindings,
) -> Result<Option<TokenStream>, String> {
    let Some((member, _)) = bindings.payload() else {
        return Ok(None);
    };
    let f = field(input, member)?;
    if f.ty != RustType::ByteStream {
        return Ok(None);
    }
    let name = ident(&f.ident);
    Ok(Some(if f.optional {
        quote! { input.#name.as_ref().is_some_and(|stream| stream.in_memory().is_none()) }
    } else {
        quote! { input.#name.in_memory().is_none() }
    }))
}

/// An expression of type `(Option<&str>, Vec<u8>)`: the content type and bytes of the body.
fn request_body(
    input: &StructIr,
    bindings: &StructBindings,
    body_members: Vec<TokenStream>,
) -> Result<TokenStream, String> {
    let rt = rt();
    if let Some((member, kind)) = bindings.payload() {
        let f = field(input, member)?;
        let (content_type, bytes) = match kind {
            PayloadKind::Blob { media_type, .. } => (
                media_type
                    .clone()
                    .unwrap_or_else(|| "application/octet-stream".to_owned()),
                if f.ty == RustType::ByteStream {
                    // A stream not in memory is sent by the client after this request is
                    // built (`Operation::streaming_input`); its place here stays empty.
                    quote! { value.in_memory().unwrap_or_default().to_vec() }
                } else {
                    quote! { value.as_bytes().to_vec() }
                },
            ),
            PayloadKind::String { media_type } => (
                media_type
                    .clone()
                    .unwrap_or_else(|| "text/plain".to_owned()),
                quote! { value.as_bytes().to_vec() },
            ),
            PayloadKind::Enum => (
                "text/plain".to_owned(),
                quote! { value.as_str().as_bytes().to_vec() },
            ),
            PayloadKind::Structure | PayloadKind::Union | PayloadKind::Document => {
                let write = to_json(&f.ty, quote! { value });
                (
                    "application/json".to_owned(),
                    quote! { #rt::body::json_bytes(&#write) },
                )
            }
        };
        let name = ident(&f.ident);
        let unbox = if f.boxed {
            quote! { let value = &**value; }
        } else {
            quote! {}
        };
        // An unset structure payload is sent as an empty object; other kinds send nothing.
        let unset = if *kind == PayloadKind::Structure {
            quote! { (::std::option::Option::Some(#rt::body::JSON), ::std::vec::Vec::from(&b"{}"[..])) }
        } else {
            quote! { (::std::option::Option::None, ::std::vec::Vec::new()) }
        };
        return Ok(if f.optional {
            quote! {
                match &input.#name {
                    ::std::option::Option::Some(value) => { #unbox (::std::option::Option::Some(#content_type), #bytes) }
                    ::std::option::Option::None => #unset,
                }
            }
        } else {
            quote! { { let value = &input.#name; #unbox (::std::option::Option::Some(#content_type), #bytes) } }
        });
    }
    if bindings.has_body_members() {
        return Ok(quote! {
            {
                let mut object = #JSON_MAP_TYPE::new();
                #(#body_members)*
                (::std::option::Option::Some(#rt::body::JSON), #rt::body::json_bytes(&#JSON_VALUE::Object(object)))
            }
        });
    }
    Ok(quote! { (::std::option::Option::None, ::std::vec::Vec::new()) })
}
