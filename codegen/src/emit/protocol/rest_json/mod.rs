//! `restJson1`: the request is built from the operation's HTTP bindings (method and path from
//! `@http`, members in labels, query, headers or the body) and the response is read back the
//! same way; errors are selected by the code in `X-Amzn-Errortype`, `code` or `__type`. The
//! generic rules live in `smithy_runtime::rest_json`; this emitter writes the per-member part.
//!
//! One concern per file: `text.rs` (scalars as text in labels, queries and headers),
//! `request.rs` (`Operation::serialize`), `response.rs` (`Operation::deserialize`).

mod request;
mod response;
mod text;

use super::{ProtocolEmitter, RequestParts};
use crate::emit::runtime::REST_JSON;
use crate::emit::tokens::ident;
use crate::ir::http_bindings::OperationBindings;
use crate::ir::{CrateIr, FieldIr, OperationIr, StructIr};
use proc_macro2::TokenStream;
use quote::quote;

/// The emitter of `restJson1`.
pub struct RestJson;

impl ProtocolEmitter for RestJson {
    fn serialize(&self, ir: &CrateIr, op: &OperationIr, parts: RequestParts) -> TokenStream {
        request::serialize(ir, op, parts.host_prefix, parts.endpoint, parts.compression)
            .unwrap_or_else(|message| invariant_broken(op, &message))
    }

    fn deserialize(&self, ir: &CrateIr, op: &OperationIr) -> TokenStream {
        response::deserialize(ir, op).unwrap_or_else(|message| invariant_broken(op, &message))
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
