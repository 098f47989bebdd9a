//! One file per operation: its input and output (with builders), its error enum, and the
//! `Operation` impl that turns an input into a request and a response into a result.

use super::errors::operation_error;
use super::struct_json::struct_json;
use super::structs::structure;
use super::tokens::{deprecated, docs, ident};
use super::validate::struct_validate;
use crate::ir::{CrateIr, OperationIr, Protocol, StructIr};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The module file of one operation.
pub fn operation_module(ir: &CrateIr, op: &OperationIr) -> Result<TokenStream, String> {
    let input = io_struct(&op.input);
    let output = io_struct(&op.output);
    let output_name = ident(&op.output.name);
    let error = operation_error(ir, op);
    let marker = operation_impl(ir, op)?;
    let fluent = super::client::fluent_builder(op);
    let paginator = super::paginators::paginator(op);
    let doc = docs(&op.docs, &format!("The `{}` operation.", op.name));
    let _ = doc;
    Ok(quote! {
        #input
        #output
        impl ::smithy_runtime::error::ProvideResponseMetadata for #output_name {
            fn response_metadata(&self) -> &::smithy_runtime::error::ResponseMetadata {
                &self._meta
            }
            fn response_metadata_mut(&mut self) -> &mut ::smithy_runtime::error::ResponseMetadata {
                &mut self._meta
            }
        }
        #error
        #marker
        #fluent
        #paginator
    })
}

fn io_struct(s: &StructIr) -> TokenStream {
    let body = structure(s);
    let json = struct_json(s);
    let validate = struct_validate(s);
    quote! { #body #json #validate }
}

/// The errors list for the client method's docs (links go through the operation module).
pub fn errors_doc_from_client(ir: &CrateIr, op: &OperationIr) -> String {
    errors_doc_with_prefix(
        ir,
        op,
        &format!(
            "crate::operation::{}::",
            crate::ir::naming::unraw(&op.module)
        ),
    )
}

/// The error documentation list appended to an operation's docs.
pub fn errors_doc(ir: &CrateIr, op: &OperationIr) -> String {
    errors_doc_with_prefix(ir, op, "")
}

fn errors_doc_with_prefix(ir: &CrateIr, op: &OperationIr, prefix: &str) -> String {
    if op.errors.is_empty() {
        return "# Errors\n\nThe model lists no errors for this operation.".to_owned();
    }
    let mut text = String::from("# Errors\n");
    for (variant, id) in &op.errors {
        let error = &ir.errors[id];
        let first_line = error.docs.lines().next().unwrap_or("").trim();
        text.push_str(&format!(
            "\n- [`{variant}`]({prefix}{}::{variant})",
            op.error_enum
        ));
        if !first_line.is_empty() {
            text.push_str(&format!(": {first_line}"));
        }
    }
    text
}

fn operation_impl(ir: &CrateIr, op: &OperationIr) -> Result<TokenStream, String> {
    let marker = format_ident!("{}", crate::ir::naming::camel_ident(&op.name));
    let input = ident(&op.input.name);
    let output = ident(&op.output.name);
    let error = format_ident!("{}", op.error_enum);
    let name = &op.name;
    let doc = super::tokens::docs_with(
        &op.docs,
        &format!("The `{name}` operation."),
        &errors_doc(ir, op),
    );
    let deprecation = deprecated(&op.deprecated);
    let auth = if op.anonymous {
        quote! { ::smithy_runtime::operation::AuthScheme::Anonymous }
    } else {
        quote! { ::smithy_runtime::operation::AuthScheme::SigV4 }
    };
    let version = match ir.service.protocol {
        Protocol::AwsJson1_0 => quote! { ::smithy_runtime::aws_json::JsonVersion::V1_0 },
        Protocol::AwsJson1_1 => quote! { ::smithy_runtime::aws_json::JsonVersion::V1_1 },
    };
    let target = format!("{}.{}", ir.service.name, op.name);
    // The span name must be a literal: it is the operation name, so traces show
    // `UpdateUserAttributes{..}` rather than a generic `call{..}`.
    let sdk_id = &ir.service.sdk_id;
    let tokens = op.input.fields.iter().filter(|f| f.idempotency_token && f.optional).map(|f| {
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
    let host_prefix = host_prefix(op)?;
    let endpoint = endpoint(op)?;
    let compression = if op.request_compression.iter().any(|e| e == "gzip") {
        quote! { let request = ::smithy_runtime::compression::gzip_request(request)?; }
    } else {
        quote! {}
    };
    let query_compatible = ir.service.query_compatible;
    let query_mode = if query_compatible {
        quote! {
            let mut request = request;
            ::smithy_runtime::aws_json::set_query_mode(&mut request);
        }
    } else {
        quote! {}
    };
    let error_arms = op.errors.iter().map(|(variant, id)| {
        let e = &ir.errors[id];
        let v = ident(variant);
        let code = &e.wire_name;
        quote! {
            ::std::option::Option::Some(#code) => #error::#v(::smithy_runtime::aws_json::modelled_error(response, &body, meta)?),
        }
    });
    let mutable = if op
        .input
        .fields
        .iter()
        .any(|f| f.idempotency_token && f.optional)
    {
        quote! { mut }
    } else {
        quote! {}
    };
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
    Ok(quote! {
        #doc
        #deprecation
        #[derive(Debug, Clone, Copy, Default)]
        pub struct #marker;

        impl ::smithy_runtime::operation::Operation for #marker {
            type Input = #input;
            type Output = #output;
            type Error = #error;
            const NAME: &'static str = #name;
            const SERVICE: &'static ::smithy_runtime::operation::ServiceInfo = &crate::SERVICE_INFO;
            const AUTH: ::smithy_runtime::operation::AuthScheme = #auth;

            fn serialize(
                input: &Self::Input,
                context: &::smithy_runtime::operation::RequestContext<'_>,
            ) -> ::std::result::Result<::smithy_runtime::http::Request<::std::vec::Vec<u8>>, ::smithy_runtime::error::BoxError> {
                let #mutable body = ::smithy_runtime::json::ToJson::to_json(input);
                #(#tokens)*
                #host_prefix
                #endpoint
                let request = ::smithy_runtime::aws_json::build_request(endpoint, host_prefix.as_deref(), #version, #target, &body)?;
                #query_mode
                #compression
                ::std::result::Result::Ok(request)
            }

            fn deserialize(
                response: &::smithy_runtime::http::Response<::std::vec::Vec<u8>>,
            ) -> ::std::result::Result<Self::Output, ::smithy_runtime::error::SdkError<Self::Error>> {
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

            fn span() -> ::smithy_runtime::tracing::Span {
                ::smithy_runtime::tracing::info_span!(
                    #name,
                    operation = #name,
                    service = #sdk_id,
                    attempts = ::smithy_runtime::tracing::field::Empty,
                )
            }
        }
    })
}

/// `let host_prefix: Option<String>`: the `@endpoint` host prefix with `@hostLabel` members
/// filled in and checked.
fn host_prefix(op: &OperationIr) -> Result<TokenStream, String> {
    let Some(template) = &op.host_prefix else {
        return Ok(
            quote! { let host_prefix: ::std::option::Option<::std::string::String> = ::std::option::Option::None; },
        );
    };
    let mut format = String::new();
    let mut args = Vec::new();
    let mut rest = template.as_str();
    while let Some(open) = rest.find('{') {
        format.push_str(&rest[..open]);
        let close = rest[open..].find('}').ok_or_else(|| {
            format!(
                "unclosed `{{` in the host prefix `{template}` of `{}`",
                op.id
            )
        })? + open;
        let label = &rest[open + 1..close];
        let field = op
            .input
            .fields
            .iter()
            .find(|f| f.member == label)
            .ok_or_else(|| format!("the host prefix `{template}` of `{}` names `{label}`, which is not an input member", op.id))?;
        let field_ident = ident(&field.ident);
        format.push_str("{}");
        args.push(if field.optional {
            quote! { input.#field_ident.as_deref().unwrap_or_default() }
        } else {
            quote! { input.#field_ident }
        });
        rest = &rest[close + 1..];
    }
    format.push_str(rest);
    let prefix = if args.is_empty() {
        // No labels: a plain string (`format!` without arguments is a clippy warning).
        quote! { ::std::string::String::from(#template) }
    } else {
        quote! { ::std::format!(#format, #(#args),*) }
    };
    Ok(quote! {
        let host_prefix = ::std::option::Option::Some(::smithy_runtime::aws_json::check_host_prefix(#prefix)?);
    })
}

/// `let endpoint: &str`: the configured endpoint, or the URL in the input member the
/// operation's customization names (when set and not empty).
fn endpoint(op: &OperationIr) -> Result<TokenStream, String> {
    let Some(member) = &op.endpoint_override else {
        return Ok(quote! { let endpoint = context.endpoint; });
    };
    let field = op
        .input
        .fields
        .iter()
        .find(|f| &f.member == member)
        .ok_or_else(|| {
            format!(
                "`{}` takes its endpoint from `{member}`, which is not an input member",
                op.id
            )
        })?;
    let field_ident = ident(&field.ident);
    let url = if field.optional {
        quote! { input.#field_ident.as_deref().unwrap_or_default() }
    } else {
        quote! { input.#field_ident.as_str() }
    };
    Ok(quote! {
        let endpoint = match #url {
            "" => context.endpoint,
            url => url,
        };
    })
}
