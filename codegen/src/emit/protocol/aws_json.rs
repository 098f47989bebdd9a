//! `awsJson1_0` / `awsJson1_1`: `POST /` with the operation named in `X-Amz-Target` and the
//! input as a JSON body; errors are selected by the code in `X-Amzn-Errortype`, `__type` or
//! `code` (read by `smithy_runtime::protocol::aws_json`).

use super::{ProtocolEmitter, RequestParts};
use crate::emit::runtime::{
    AWS_JSON_BUILD_REQUEST, AWS_JSON_BUILD_REQUEST_BYTES, AWS_JSON_ERROR_RESPONSE,
    AWS_JSON_IS_SUCCESS, AWS_JSON_JSON_VERSION, AWS_JSON_MODELLED_ERROR, AWS_JSON_PARSE_ERROR,
    AWS_JSON_PARSE_SUCCESS_BODY, AWS_JSON_RESPONSE_METADATA, AWS_JSON_SET_QUERY_MODE,
    AWS_JSON_WRAP, ERROR_SDK_ERROR, ERROR_UNHANDLED_ERROR, JSON_FROM_JSON, JSON_TO_JSON,
    JSON_VALUE, JSON_WRITER,
};
use crate::emit::tokens::ident;
use crate::ir::{CrateIr, OperationIr};
use proc_macro2::TokenStream;
use quote::quote;

/// The two versions differ only in the content type.
pub enum AwsJson {
    /// `application/x-amz-json-1.0`
    V1_0,
    /// `application/x-amz-json-1.1`
    V1_1,
}

impl ProtocolEmitter for AwsJson {
    fn serialize(&self, ir: &CrateIr, op: &OperationIr, parts: RequestParts) -> TokenStream {
        let RequestParts {
            host_prefix,
            endpoint,
            compression,
        } = parts;
        let version = match self {
            AwsJson::V1_0 => quote! { #AWS_JSON_JSON_VERSION::V1_0 },
            AwsJson::V1_1 => quote! { #AWS_JSON_JSON_VERSION::V1_1 },
        };
        let target = format!("{}.{}", ir.service.name, op.name);
        // `@idempotencyToken` members the caller left unset get a fresh token in the body.
        let unset_tokens: Vec<_> = op
            .input
            .fields
            .iter()
            .filter(|f| f.idempotency_token && f.optional)
            .collect();
        let tokens = unset_tokens.iter().map(|f| {
            let field = ident(&f.ident);
            let key = &f.member;
            quote! {
                if input.#field.is_none() {
                    if let #JSON_VALUE::Object(object) = &mut body {
                        object.insert(::std::string::String::from(#key), #JSON_VALUE::String((context.idempotency_token)()));
                    }
                }
            }
        });
        let mutable = if unset_tokens.is_empty() {
            quote! {}
        } else {
            quote! { mut }
        };
        let query_mode = if ir.service.query_compatible {
            quote! {
                let mut request = request;
                #AWS_JSON_SET_QUERY_MODE(&mut request);
            }
        } else {
            quote! {}
        };
        // Written straight to bytes; only a body that gets a generated idempotency token goes
        // through a `Value` to have it added.
        let (body, build) = if unset_tokens.is_empty() {
            (
                quote! {
                    let mut body = #JSON_WRITER::new();
                    #JSON_TO_JSON::write_json(input, &mut body);
                },
                quote! { #AWS_JSON_BUILD_REQUEST_BYTES(endpoint, host_prefix.as_deref(), #version, #target, body.into_bytes())? },
            )
        } else {
            (
                quote! {
                    let #mutable body = #JSON_TO_JSON::to_json(input);
                    #(#tokens)*
                },
                quote! { #AWS_JSON_BUILD_REQUEST(endpoint, host_prefix.as_deref(), #version, #target, &body)? },
            )
        };
        quote! {
            #body
            #host_prefix
            #endpoint
            let request = #build;
            #query_mode
            #compression
            ::std::result::Result::Ok(request)
        }
    }

    fn deserialize(&self, ir: &CrateIr, op: &OperationIr) -> TokenStream {
        let output = ident(&op.output.name);
        let error = ident(&op.error_enum);
        let query_compatible = ir.service.query_compatible;
        let error_arms = op.errors.iter().map(|e| {
            let variant = ident(&e.variant);
            let code = &e.wire_name;
            // A plain `match`, not `?` or `map_err`: those would be instantiated once per
            // (error shape, operation) pair, a large share of a whole-service crate's build.
            quote! {
                ::std::option::Option::Some(#code) => match #AWS_JSON_MODELLED_ERROR(response, &body, meta) {
                    ::std::result::Result::Ok(error) => #error::#variant(error),
                    ::std::result::Result::Err(e) => return ::std::result::Result::Err(#ERROR_SDK_ERROR::Response(e)),
                },
            }
        });
        // Without modelled errors every error is unhandled: no `match` on the code (clippy's
        // `match_single_binding`), and neither code nor body is read.
        let (body_binding, read_error) = if op.errors.is_empty() {
            (
                quote! { error_type: _, body: _ },
                quote! { let error = #error::Unhandled(#ERROR_UNHANDLED_ERROR::new(meta)); },
            )
        } else {
            (
                quote! { error_type, body },
                quote! {
                    let error = match error_type.as_deref() {
                        #(#error_arms)*
                        _ => #error::Unhandled(#ERROR_UNHANDLED_ERROR::new(meta)),
                    };
                },
            )
        };
        quote! {
            if !#AWS_JSON_IS_SUCCESS(response) {
                let #AWS_JSON_ERROR_RESPONSE { meta, #body_binding } = #AWS_JSON_PARSE_ERROR(response, #query_compatible);
                #read_error
                return ::std::result::Result::Err(#ERROR_SDK_ERROR::Service(error));
            }
            let body = #AWS_JSON_PARSE_SUCCESS_BODY(response).map_err(#ERROR_SDK_ERROR::Response)?;
            let mut output = <#output as #JSON_FROM_JSON>::from_json(&body)
                .map_err(|e| #ERROR_SDK_ERROR::Response(#AWS_JSON_WRAP(response, e)))?;
            output._meta = #AWS_JSON_RESPONSE_METADATA(response);
            ::std::result::Result::Ok(output)
        }
    }
}
