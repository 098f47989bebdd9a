//! `restJson1`: the request is built from the operation's HTTP bindings (method and path from
//! `@http`, members in labels, query, headers or the body) and the response is read back the
//! same way; errors are selected by the code in `X-Amzn-Errortype`, `code` or `__type`. The
//! generic rules live in `smithy_runtime::rest_json`; this emitter writes the per-member part.

use super::{ProtocolEmitter, RequestParts};
use crate::emit::runtime::{
    BLOB, ERROR_DESERIALIZE_ERROR, ERROR_SDK_ERROR, ERROR_UNHANDLED_ERROR, HTTP_HEADER_MAP,
    JSON_MAP_TYPE, JSON_MEMBER, JSON_OBJECT, JSON_VALUE, JSON_ZERO, REST_JSON,
    REST_JSON_BUILD_REQUEST, REST_JSON_MODELLED_ERROR, REST_JSON_PARSE_ERROR,
    REST_JSON_REQUEST_PATH, REST_JSON_RESPONSE_METADATA,
};
use crate::emit::rust_type::{reader, timestamp_format, to_json};
use crate::emit::tokens::ident;
use crate::ir::http_bindings::{
    Location, OperationBindings, PathSegment, PayloadKind, StructBindings,
};
use crate::ir::{CrateIr, FieldIr, NamedKind, OperationIr, RustType, StructIr};
use crate::model::TimestampFormat;
use proc_macro2::TokenStream;
use quote::quote;

/// The emitter of `restJson1`.
pub struct RestJson;

impl ProtocolEmitter for RestJson {
    fn serialize(&self, ir: &CrateIr, op: &OperationIr, parts: RequestParts) -> TokenStream {
        serialize(ir, op, parts.host_prefix, parts.endpoint, parts.compression)
            .unwrap_or_else(|message| invariant_broken(op, &message))
    }

    fn deserialize(&self, ir: &CrateIr, op: &OperationIr) -> TokenStream {
        deserialize(ir, op).unwrap_or_else(|message| invariant_broken(op, &message))
    }
}

/// Lowering checks every binding this emitter relies on (see `ir/http_bindings.rs`), so the
/// errors below cannot happen for a lowered model; should one slip through, the generated
/// crate fails to build with the reason rather than the generator panicking.
fn invariant_broken(op: &OperationIr, message: &str) -> TokenStream {
    let message = format!("smithy-codegen (restJson1, `{}`): {message}", op.id);
    quote! { ::std::compile_error!(#message); }
}

/// The runtime module, spelled once.
fn rt() -> TokenStream {
    quote! { #REST_JSON }
}

fn bindings<'a>(ir: &'a CrateIr, op: &OperationIr) -> Result<&'a OperationBindings, String> {
    ir.http
        .as_ref()
        .and_then(|http| http.operations.get(&op.id))
        .ok_or_else(|| format!("no HTTP bindings were resolved for `{}`", op.id))
}

fn field<'a>(s: &'a StructIr, member: &str) -> Result<&'a FieldIr, String> {
    s.fields
        .iter()
        .find(|f| f.member == member)
        .ok_or_else(|| format!("`{}` has no member `{member}`", s.id))
}

/// Statements binding `value: &T` for a set field, running `then`; an unset optional field
/// runs `otherwise`.
fn with_value(f: &FieldIr, then: TokenStream, otherwise: TokenStream) -> TokenStream {
    let name = ident(&f.ident);
    let unbox = if f.boxed {
        quote! { let value = &**value; }
    } else {
        quote! {}
    };
    if f.optional && otherwise.is_empty() {
        quote! {
            if let ::std::option::Option::Some(value) = &input.#name { #unbox #then }
        }
    } else if f.optional {
        quote! {
            match &input.#name {
                ::std::option::Option::Some(value) => { #unbox #then }
                ::std::option::Option::None => { #otherwise }
            }
        }
    } else {
        quote! { { let value = &input.#name; #unbox #then } }
    }
}

/// An expression of type `String`: a scalar `value` (an expression of type `&T`) as text.
fn text_of(
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
fn parse_text(
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
fn list_item(ty: &RustType) -> Option<(&RustType, bool)> {
    match ty {
        RustType::List { item, sparse, .. } => Some((item, *sparse)),
        _ => None,
    }
}

/// The body of `Operation::serialize`. `host_prefix` and `endpoint` bind the locals of the
/// same names; `compression` rewrites the finished `request` (or is empty).
fn serialize(
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
    let mut checksum = if http.checksum_required {
        quote! {
            let mut request = request;
            #rt::checksum::set_content_md5(&mut request);
        }
    } else {
        quote! {}
    };
    let blob_payload = matches!(http.input.payload(), Some((_, PayloadKind::Blob { .. })));
    if customizations.glacier_checksums && blob_payload {
        checksum.extend(quote! {
            let mut request = request;
            #rt::checksum::set_glacier_checksums(&mut request);
        });
    }
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
                quote! { value.as_bytes().to_vec() },
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
fn deserialize(ir: &CrateIr, op: &OperationIr) -> Result<TokenStream, String> {
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
                let #binding: crate::error::#ty = #REST_JSON_MODELLED_ERROR(response, &body, meta)?;
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
        quote! {
            let #rt::errors::ErrorResponse { meta, error_type, body } = #REST_JSON_PARSE_ERROR(response);
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
