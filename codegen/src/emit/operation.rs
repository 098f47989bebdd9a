//! One file per operation: its input and output (with builders), its error enum, and the
//! marker type implementing the runtime's `Operation` trait. The protocol-neutral parts of a
//! request (host prefix, endpoint override, compression) are built here; the protocol module
//! (`protocol/`) turns them into the `serialize`/`deserialize` bodies.

use super::protocol::{self, RequestParts};
use super::runtime::{
    AWS_JSON_CHECK_HOST_PREFIX, BYTE_STREAM, COMPRESSION_GZIP_REQUEST, ERROR_BOX_ERROR,
    ERROR_SDK_ERROR, HTTP_REQUEST, HTTP_RESPONSE, OPERATION, OPERATION_AUTH_SCHEME,
    OPERATION_REQUEST_CONTEXT, OPERATION_SERVICE_INFO, TRACING_FIELD, TRACING_INFO_SPAN,
    TRACING_SPAN,
};
use super::tokens::{deprecated, docs_with, ident};
use crate::ir::http_bindings::PayloadKind;
use crate::ir::{CrateIr, FieldIr, HostPrefixSegment, OperationIr, RustType, StructIr};
use proc_macro2::TokenStream;
use quote::quote;

/// The marker type of `op` and its `Operation` impl.
pub fn operation_impl(ir: &CrateIr, op: &OperationIr) -> TokenStream {
    let marker = ident(&op.marker);
    let input = ident(&op.input.name);
    let output = ident(&op.output.name);
    let error = ident(&op.error_enum);
    let name = &op.name;
    let doc = docs_with(
        &op.docs,
        &format!("The `{name}` operation."),
        &errors_doc(op, ""),
    );
    let deprecation = deprecated(&op.deprecated);
    let auth = if op.anonymous {
        quote! { #OPERATION_AUTH_SCHEME::Anonymous }
    } else {
        quote! { #OPERATION_AUTH_SCHEME::SigV4 }
    };
    // The span name must be a literal: it is the operation name, so traces show
    // `UpdateUserAttributes{..}` rather than a generic `call{..}`.
    let sdk_id = &ir.service.sdk_id;
    let parts = RequestParts {
        host_prefix: host_prefix(op),
        endpoint: endpoint(op),
        compression: compression(op),
    };
    let protocol = protocol::for_service(&ir.service);
    let serialize = protocol.serialize(ir, op, parts);
    let deserialize = protocol.deserialize(ir, op);
    let streaming = streaming_hooks(ir, op);
    quote! {
        #doc
        #deprecation
        #[derive(Debug, Clone, Copy, Default)]
        pub struct #marker;

        impl #OPERATION for #marker {
            type Input = #input;
            type Output = #output;
            type Error = #error;
            const NAME: &'static str = #name;
            const SERVICE: &'static #OPERATION_SERVICE_INFO = &crate::SERVICE_INFO;
            const AUTH: #OPERATION_AUTH_SCHEME = #auth;
            #streaming

            fn serialize(
                input: &Self::Input,
                context: &#OPERATION_REQUEST_CONTEXT<'_>,
            ) -> ::std::result::Result<#HTTP_REQUEST<::std::vec::Vec<u8>>, #ERROR_BOX_ERROR> {
                #serialize
            }

            fn deserialize(
                response: &#HTTP_RESPONSE<::std::vec::Vec<u8>>,
            ) -> ::std::result::Result<Self::Output, #ERROR_SDK_ERROR<Self::Error>> {
                #deserialize
            }

            fn span() -> #TRACING_SPAN {
                #TRACING_INFO_SPAN!(
                    #name,
                    operation = #name,
                    service = #sdk_id,
                    attempts = #TRACING_FIELD::Empty,
                )
            }
        }
    }
}

/// The `@streaming` payload member of `s`, if it has one.
fn stream_field(s: &StructIr) -> Option<&FieldIr> {
    s.fields.iter().find(|f| f.ty == RustType::ByteStream)
}

/// The `Operation` items that let the client stream a `@streaming` input or output payload
/// (nothing for operations without one: the trait's defaults keep bodies in memory).
fn streaming_hooks(ir: &CrateIr, op: &OperationIr) -> TokenStream {
    let mut hooks = TokenStream::new();
    if let Some(f) = stream_field(&op.output) {
        let field = ident(&f.ident);
        let value = if f.optional {
            quote! { ::std::option::Option::Some(body) }
        } else {
            quote! { body }
        };
        hooks.extend(quote! {
            const STREAMING_OUTPUT: bool = true;

            fn set_streaming_output(output: &mut Self::Output, body: #BYTE_STREAM) {
                output.#field = #value;
            }
        });
    }
    if let Some(f) = stream_field(&op.input) {
        let field = ident(&f.ident);
        let value = if f.optional {
            quote! { input.#field.as_mut() }
        } else {
            quote! { ::std::option::Option::Some(&mut input.#field) }
        };
        let requires_length = ir
            .http
            .as_ref()
            .and_then(|http| http.operations.get(&op.id))
            .and_then(|bindings| bindings.input.payload())
            .is_some_and(|(_, kind)| {
                matches!(
                    kind,
                    PayloadKind::Blob {
                        requires_length: true,
                        ..
                    }
                )
            });
        if requires_length {
            hooks.extend(quote! { const STREAMING_INPUT_REQUIRES_LENGTH: bool = true; });
        }
        hooks.extend(quote! {
            fn streaming_input(input: &mut Self::Input) -> ::std::option::Option<&mut #BYTE_STREAM> {
                #value
            }
        });
    }
    hooks
}

/// The `# Errors` section of an operation's docs; `prefix` is the path to the operation's
/// module from where the docs appear (empty inside the module).
pub fn errors_doc(op: &OperationIr, prefix: &str) -> String {
    if op.errors.is_empty() {
        return "# Errors\n\nThe model lists no errors for this operation.".to_owned();
    }
    let mut text = String::from("# Errors\n");
    for error in &op.errors {
        let first_line = error.docs.lines().next().unwrap_or("").trim();
        text.push_str(&format!(
            "\n- [`{variant}`]({prefix}{}::{variant})",
            op.error_enum,
            variant = error.variant
        ));
        if !first_line.is_empty() {
            text.push_str(&format!(": {first_line}"));
        }
    }
    text
}

/// `let host_prefix: Option<String>`: the `@endpoint` host prefix with `@hostLabel` members
/// filled in and checked.
fn host_prefix(op: &OperationIr) -> TokenStream {
    let Some(prefix) = &op.host_prefix else {
        return quote! { let host_prefix: ::std::option::Option<::std::string::String> = ::std::option::Option::None; };
    };
    let mut format = String::new();
    let mut args = Vec::new();
    for segment in &prefix.segments {
        match segment {
            // Braces in literal text must not read as `format!` placeholders.
            HostPrefixSegment::Literal(text) => {
                format.push_str(&text.replace('{', "{{").replace('}', "}}"))
            }
            HostPrefixSegment::Label(field) => {
                let field_ident = ident(&field.ident);
                format.push_str("{}");
                args.push(if field.optional {
                    quote! { input.#field_ident.as_deref().unwrap_or_default() }
                } else {
                    quote! { input.#field_ident }
                });
            }
        }
    }
    let text = if args.is_empty() {
        // No labels: a plain string (`format!` without arguments is a clippy warning); the
        // literal is used as written, so its braces stay single.
        let literal: String = prefix
            .segments
            .iter()
            .map(|segment| match segment {
                HostPrefixSegment::Literal(text) => text.as_str(),
                HostPrefixSegment::Label(_) => "",
            })
            .collect();
        quote! { ::std::string::String::from(#literal) }
    } else {
        quote! { ::std::format!(#format, #(#args),*) }
    };
    quote! {
        let host_prefix = ::std::option::Option::Some(#AWS_JSON_CHECK_HOST_PREFIX(#text)?);
    }
}

/// `let endpoint: &str`: the configured endpoint, or the URL in the input member the
/// operation's customization names (when set and not empty).
fn endpoint(op: &OperationIr) -> TokenStream {
    let Some(field) = &op.endpoint_override else {
        return quote! { let endpoint = context.endpoint; };
    };
    let field_ident = ident(&field.ident);
    let url = if field.optional {
        quote! { input.#field_ident.as_deref().unwrap_or_default() }
    } else {
        quote! { input.#field_ident.as_str() }
    };
    quote! {
        let endpoint = match #url {
            "" => context.endpoint,
            url => url,
        };
    }
}

/// `@requestCompression`: gzip the finished request when the model asks for it.
fn compression(op: &OperationIr) -> TokenStream {
    if op.request_compression.iter().any(|e| e == "gzip") {
        quote! { let request = #COMPRESSION_GZIP_REQUEST(request)?; }
    } else {
        quote! {}
    }
}
