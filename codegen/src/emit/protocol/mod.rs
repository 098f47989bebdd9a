//! The protocol seam: everything that differs between wire protocols (how a request is built
//! from an input, how a response or error is read, content types, error-code rules) lives in
//! one module per protocol, selected from the service's protocol trait. The rest of `emit`
//! is protocol-neutral.
//!
//! Adding a protocol means: a variant of `ir::Protocol` (chosen in `ir/lower.rs` from the
//! service's trait), a module here implementing [`ProtocolEmitter`], an arm in
//! [`for_service`], and the matching runtime module under `runtime/src/protocol/`. The step-by-step
//! list is `docs/adding-a-protocol.md`.

mod aws_json;
mod rest_json;

use super::json_roles::Directions;
use crate::ir::{CrateIr, OperationIr, Protocol, ServiceIr, StructIr, UnionIr};
use proc_macro2::TokenStream;

/// Protocol-neutral statements the serializer splices in, in this order: each binds or
/// rebinds a local (`host_prefix: Option<String>`, `endpoint: &str`) or, for compression,
/// rewrites the finished `request`.
pub struct RequestParts {
    /// Binds `host_prefix`.
    pub host_prefix: TokenStream,
    /// Binds `endpoint`.
    pub endpoint: TokenStream,
    /// Rebinds `request` (empty when the operation is not compressed).
    pub compression: TokenStream,
}

/// What a protocol contributes to an operation's `Operation` impl.
pub trait ProtocolEmitter {
    /// The body of `fn serialize(input: &Self::Input, context: &RequestContext) ->
    /// Result<http::Request<Vec<u8>>, BoxError>`.
    fn serialize(&self, ir: &CrateIr, op: &OperationIr, parts: RequestParts) -> TokenStream;

    /// The body of `fn deserialize(response: &http::Response<Vec<u8>>) ->
    /// Result<Self::Output, SdkError<Self::Error>>`.
    fn deserialize(&self, ir: &CrateIr, op: &OperationIr) -> TokenStream;

    /// How a structure (data type, input, output or error) is written to and read from a
    /// document body. JSON unless the protocol says otherwise (a CBOR protocol would not).
    /// `directions` says which of the two the client needs; the other is feature-gated.
    fn structure_codec(&self, s: &StructIr, directions: Directions) -> TokenStream {
        super::struct_json::struct_json(s, directions)
    }

    /// How a union is written and read; JSON unless the protocol says otherwise.
    fn union_codec(&self, u: &UnionIr, directions: Directions) -> TokenStream {
        super::unions::union_json(u, directions)
    }
}

/// The emitter for the service's protocol.
pub fn for_service(service: &ServiceIr) -> &'static dyn ProtocolEmitter {
    match service.protocol {
        Protocol::AwsJson1_0 => &aws_json::AwsJson::V1_0,
        Protocol::AwsJson1_1 => &aws_json::AwsJson::V1_1,
        Protocol::RestJson1 => &rest_json::RestJson,
    }
}
