//! `awsJson1_0` / `awsJson1_1`: `POST /` with the operation named in `X-Amz-Target` and the
//! input as a JSON body; errors are selected by the code in `X-Amzn-Errortype`, `__type` or
//! `code` (read by `smithy_runtime::protocol::aws_json`).

use super::{ProtocolEmitter, RequestParts};
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
            AwsJson::V1_0 => quote! { ::smithy_runtime::aws_json::JsonVersion::V1_0 },
            AwsJson::V1_1 => quote! { ::smithy_runtime::aws_json::JsonVersion::V1_1 },
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
                    if let ::smithy_runtime::json::Value::Object(object) = &mut body {
                        object.insert(::std::string::String::from(#key), ::smithy_runtime::json::Value::String((context.idempotency_token)()));
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
                ::smithy_runtime::aws_json::set_query_mode(&mut request);
            }
        } else {
            quote! {}
        };
        quote! {
            let #mutable body = ::smithy_runtime::json::ToJson::to_json(input);
            #(#tokens)*
            #host_prefix
            #endpoint
            let request = ::smithy_runtime::aws_json::build_request(endpoint, host_prefix.as_deref(), #version, #target, &body)?;
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
            quote! {
                ::std::option::Option::Some(#code) => #error::#variant(::smithy_runtime::aws_json::modelled_error(response, &body, meta)?),
            }
        });
        // Without modelled errors every error is unhandled: no `match` on the code (clippy's
        // `match_single_binding`), and neither code nor body is read.
        let (body_binding, read_error) = if op.errors.is_empty() {
            (
                quote! { error_type: _, body: _ },
                quote! { let error = #error::Unhandled(::smithy_runtime::error::UnhandledError::new(meta)); },
            )
        } else {
            (
                quote! { error_type, body },
                quote! {
                    let error = match error_type.as_deref() {
                        #(#error_arms)*
                        _ => #error::Unhandled(::smithy_runtime::error::UnhandledError::new(meta)),
                    };
                },
            )
        };
        quote! {
            if !::smithy_runtime::aws_json::is_success(response) {
                let ::smithy_runtime::aws_json::ErrorResponse { meta, #body_binding } = ::smithy_runtime::aws_json::parse_error(response, #query_compatible);
                #read_error
                return ::std::result::Result::Err(::smithy_runtime::error::SdkError::Service(error));
            }
            let body = ::smithy_runtime::aws_json::parse_success_body(response).map_err(::smithy_runtime::error::SdkError::Response)?;
            let mut output = <#output as ::smithy_runtime::json::FromJson>::from_json(&body)
                .map_err(|e| ::smithy_runtime::error::SdkError::Response(::smithy_runtime::aws_json::wrap(response, e)))?;
            output._meta = ::smithy_runtime::aws_json::response_metadata(response);
            ::std::result::Result::Ok(output)
        }
    }
}
