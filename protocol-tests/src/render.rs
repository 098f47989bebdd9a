//! Writing one Rust test per case, for the `tests/` folder of the generated crate.
//!
//! Request cases build the input with the generated builders and check the request the
//! operation serializes; response cases feed an `http::Response` to the operation's
//! deserializer and compare the result, member by member, with a value built the same way.

use crate::cases::{Case, CaseBody, Kind, RequestCase, ResponseCase};
use crate::values::{ident, ValueWriter};
use heck::ToSnakeCase;
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use smithy_codegen::ir::{CrateIr, OperationIr, RustType, StructIr};
use std::collections::BTreeSet;

/// The source of the shared checks, written next to the tests as `tests/support/mod.rs`.
pub const SUPPORT_SOURCE: &str = include_str!("../support/mod.rs");

/// Where the support module goes in the generated crate.
pub const SUPPORT_PATH: &str = "tests/support/mod.rs";

/// Where the generated tests go in the generated crate.
pub const TESTS_PATH: &str = "tests/protocol_tests.rs";

/// The endpoint used when a case names no host.
pub const DEFAULT_ENDPOINT: &str = "https://example.com";

/// A generated test file and which test runs which case.
#[derive(Debug, Clone)]
pub struct RenderedTests {
    /// The formatted Rust source.
    pub source: String,
    /// `(test path as libtest prints it, case kind, case id)` in file order.
    pub tests: Vec<(String, Kind, String)>,
}

/// `gunzip`, which the support module calls for a gzipped request body. The runtime's
/// decompressor exists only when the crate turned on its `gzip` feature (it has a
/// `@requestCompression` operation); without one, a gzipped body is itself the failure.
fn gunzip_function(ir: &CrateIr) -> TokenStream {
    let compresses = ir
        .operations
        .iter()
        .any(|op| op.request_compression.iter().any(|e| e == "gzip"));
    if compresses {
        quote! {
            /// Decompresses a gzipped request body.
            fn gunzip(body: &[u8]) -> Result<Vec<u8>, String> {
                smithy_runtime::compression::gunzip(body).map_err(|e| e.to_string())
            }
        }
    } else {
        quote! {
            /// No operation of this crate compresses its requests.
            fn gunzip(_body: &[u8]) -> Result<Vec<u8>, String> {
                Err("no operation of this crate has `@requestCompression`".to_owned())
            }
        }
    }
}

/// Renders every case of one crate into a test file; `krate` is the crate's Rust name.
pub fn render(ir: &CrateIr, krate: &str, cases: &[Case]) -> Result<RenderedTests, String> {
    let writer = ValueWriter::new(ir, krate);
    let mut request_tests = Vec::new();
    let mut response_tests = Vec::new();
    let mut tests = Vec::new();
    let mut names = [BTreeSet::new(), BTreeSet::new()];
    for case in cases {
        let op = ir
            .operations
            .iter()
            .find(|op| op.id == case.operation)
            .ok_or_else(|| {
                format!(
                    "case `{}`: no operation `{}` in the IR",
                    case.id(),
                    case.operation
                )
            })?;
        let kind = case.kind();
        let slot = match kind {
            Kind::Request => 0,
            Kind::Response => 1,
        };
        let name = unique_name(&mut names[slot], case.id());
        let function = ident(&name);
        let doc = format!(" `{}` on `{}`.", case.id(), shape_of(case));
        let body = match &case.body {
            CaseBody::Request(request) => request_test(&writer, op, request),
            CaseBody::Response(response) => response_test(&writer, op, response),
            CaseBody::Error {
                error,
                case: response,
            } => error_test(&writer, ir, op, error, response),
        }
        .map_err(|e| format!("case `{}`: {e}", case.id()))?;
        let test = quote! {
            #[doc = #doc]
            #[test]
            fn #function() {
                #body
            }
        };
        match kind {
            Kind::Request => request_tests.push(test),
            Kind::Response => response_tests.push(test),
        }
        tests.push((
            format!("{}::{name}", kind.as_str()),
            kind,
            case.id().to_owned(),
        ));
    }
    let header = format!(
        " Smithy protocol compliance cases for `{}`, one test per client case.",
        ir.service.id
    );
    let gunzip = gunzip_function(ir);
    let tokens = quote! {
        #![doc = #header]

        mod support;

        #gunzip

        /// Cases that check the request an input serializes to.
        mod request {
            #[allow(unused_imports)]
            use super::support;
            #(#request_tests)*
        }

        /// Cases that check what a response deserializes to.
        mod response {
            #[allow(unused_imports)]
            use super::support;
            #(#response_tests)*
        }
    };
    let file = syn::parse2::<syn::File>(tokens)
        .map_err(|e| format!("the generated tests do not parse: {e}"))?;
    Ok(RenderedTests {
        source: format!(
            "// Generated by the protocol-tests crate from Smithy's protocol test cases.\n\n{}",
            prettyplease::unparse(&file)
        ),
        tests,
    })
}

fn shape_of(case: &Case) -> String {
    match &case.body {
        CaseBody::Error { error, .. } => error.to_string(),
        _ => case.operation.to_string(),
    }
}

/// The snake_case test name for a case id, made unique within its module.
fn unique_name(taken: &mut BTreeSet<String>, id: &str) -> String {
    let mut base = id.to_snake_case();
    if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
        base = format!("case_{base}");
    }
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{base}_{n}");
        n += 1;
    }
    name
}

fn operation_path(writer: &ValueWriter<'_>, op: &OperationIr) -> TokenStream {
    let krate = writer.krate();
    let module = ident(&op.module);
    quote! { #krate::operation::#module }
}

fn marker(writer: &ValueWriter<'_>, op: &OperationIr) -> TokenStream {
    let module = operation_path(writer, op);
    let marker = ident(&op.marker);
    quote! { #module::#marker }
}

fn pairs(map: &std::collections::BTreeMap<String, String>) -> TokenStream {
    let pairs = map.iter().map(|(k, v)| quote! { (#k, #v) });
    quote! { &[#(#pairs),*] }
}

fn strings(items: &[String]) -> TokenStream {
    quote! { &[#(#items),*] }
}

fn option_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(v) => quote! { ::std::option::Option::Some(#v) },
        None => quote! { ::std::option::Option::None },
    }
}

fn request_test(
    writer: &ValueWriter<'_>,
    op: &OperationIr,
    case: &RequestCase,
) -> Result<TokenStream, String> {
    let module = operation_path(writer, op);
    let input_name = ident(&op.input.name);
    let input = writer.structure(
        &op.input,
        &quote! { #module::#input_name },
        case.params.as_ref(),
        "",
    )?;
    let marker = marker(writer, op);
    let endpoint = match &case.host {
        Some(host) => format!("https://{host}"),
        None => DEFAULT_ENDPOINT.to_owned(),
    };
    let method = &case.method;
    let uri = &case.uri;
    let resolved_host = option_str(case.resolved_host.as_deref());
    let query = strings(&case.query_params);
    let forbid_query = strings(&case.forbid_query_params);
    let require_query = strings(&case.require_query_params);
    let headers = pairs(&case.headers);
    let forbid_headers = strings(&case.forbid_headers);
    let require_headers = strings(&case.require_headers);
    let body = option_str(case.body.as_deref());
    let media_type = option_str(case.body_media_type.as_deref());
    Ok(quote! {
        let input = #input;
        let request = support::serialize::<#marker>(&input, #endpoint);
        support::check_request(&request, &support::ExpectedRequest {
            method: #method,
            uri: #uri,
            resolved_host: #resolved_host,
            query_params: #query,
            forbid_query_params: #forbid_query,
            require_query_params: #require_query,
            headers: #headers,
            forbid_headers: #forbid_headers,
            require_headers: #require_headers,
            body: #body,
            body_media_type: #media_type,
        });
    })
}

fn response_value(case: &ResponseCase) -> TokenStream {
    let code = case.code;
    let headers = pairs(&case.headers);
    let body = Literal::byte_string(case.body.as_deref().unwrap_or_default().as_bytes());
    quote! { let response = support::response(#code, #headers, #body); }
}

/// `assert`s comparing every member of `actual` with `expected` through the accessors.
fn compare_members(s: &StructIr, actual: &TokenStream, expected: &TokenStream) -> TokenStream {
    if s.fields.is_empty() {
        // Nothing to compare, but the value must still build and the response still parse.
        return quote! { let _ = (&#actual, &#expected); };
    }
    let checks = s.fields.iter().map(|f| {
        let accessor = ident(&f.ident);
        let member = &f.member;
        if matches!(f.ty, RustType::F32 | RustType::F64) {
            quote! { support::assert_float_eq(#actual.#accessor(), #expected.#accessor(), #member); }
        } else if f.ty == RustType::ByteStream {
            // Both streams are whole in memory here (the response was read into a buffer).
            let bytes = if f.optional {
                quote! { .map(::smithy_runtime::ByteStream::in_memory) }
            } else {
                quote! { .in_memory() }
            };
            let message = format!("member `{member}` (stream bytes)")
                .replace('{', "{{")
                .replace('}', "}}");
            quote! { ::std::assert_eq!(#actual.#accessor() #bytes, #expected.#accessor() #bytes, #message); }
        } else {
            let message = format!("member `{member}`")
                .replace('{', "{{")
                .replace('}', "}}");
            quote! { ::std::assert_eq!(#actual.#accessor(), #expected.#accessor(), #message); }
        }
    });
    quote! { #(#checks)* }
}

fn request_id_check(case: &ResponseCase, meta: TokenStream) -> TokenStream {
    let id = case
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("x-amzn-requestid"))
        .map(|(_, v)| v);
    match id {
        Some(id) => quote! {
            ::std::assert_eq!(#meta.request_id(), ::std::option::Option::Some(#id), "request id");
        },
        None => quote! {},
    }
}

fn response_test(
    writer: &ValueWriter<'_>,
    op: &OperationIr,
    case: &ResponseCase,
) -> Result<TokenStream, String> {
    let module = operation_path(writer, op);
    let output_name = ident(&op.output.name);
    let expected = writer.structure(
        &op.output,
        &quote! { #module::#output_name },
        case.params.as_ref(),
        "",
    )?;
    let marker = marker(writer, op);
    let response = response_value(case);
    let compare = compare_members(&op.output, &quote! { output }, &quote! { expected });
    let request_id = request_id_check(
        case,
        quote! { ::smithy_runtime::error::ProvideResponseMetadata::response_metadata(&output) },
    );
    Ok(quote! {
        #response
        let output = <#marker as ::smithy_runtime::operation::Operation>::deserialize(&response)
            .unwrap_or_else(|e| ::std::panic!("the response should parse as the output: {e:?}"));
        let expected = #expected;
        #compare
        #request_id
    })
}

fn error_test(
    writer: &ValueWriter<'_>,
    ir: &CrateIr,
    op: &OperationIr,
    error: &smithy_codegen::model::ShapeId,
    case: &ResponseCase,
) -> Result<TokenStream, String> {
    let error_ir = ir
        .errors
        .get(error)
        .ok_or_else(|| format!("no error `{error}` in the IR"))?;
    let variant = &op
        .errors
        .iter()
        .find(|e| &e.shape == error)
        .ok_or_else(|| format!("`{}` does not list the error `{error}`", op.id))?
        .variant;
    let krate = writer.krate();
    let module = operation_path(writer, op);
    let error_enum = ident(&op.error_enum);
    let variant = ident(variant);
    let error_name = ident(&error_ir.name);
    let expected = writer.structure(
        error_ir,
        &quote! { #krate::error::#error_name },
        case.params.as_ref(),
        "",
    )?;
    let marker = marker(writer, op);
    let response = response_value(case);
    let compare = compare_members(error_ir, &quote! { error }, &quote! { expected });
    let code = case
        .vendor_params
        .as_ref()
        .and_then(|v| v.get("code"))
        .and_then(serde_json::Value::as_str)
        .unwrap_or(&error_ir.wire_name);
    let wire_name = &error_ir.wire_name;
    let request_id = request_id_check(
        case,
        quote! { ::smithy_runtime::error::ProvideErrorMetadata::meta(&error) },
    );
    Ok(quote! {
        #response
        let error = match <#marker as ::smithy_runtime::operation::Operation>::deserialize(&response) {
            ::std::result::Result::Err(::smithy_runtime::error::SdkError::Service(#module::#error_enum::#variant(error))) => error,
            other => ::std::panic!("expected the `{}` error, got {other:?}", #wire_name),
        };
        let expected = #expected;
        #compare
        ::std::assert_eq!(
            ::smithy_runtime::error::ProvideErrorMetadata::meta(&error).code(),
            ::std::option::Option::Some(#code),
            "error code"
        );
        #request_id
    })
}
