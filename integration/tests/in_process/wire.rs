//! Wire tests of the checked-in generated crate (`generated/cognito-identity-provider`),
//! without any server: the exact requests the five operations send, how success bodies are
//! read, how every modelled error (and every way awsJson 1.1 names an error) is recognised,
//! and the builder guarantees (missing members named, `@sensitive` values redacted, unknown
//! enum values kept).
//!
//! Requests and responses go straight through each operation's
//! [`Operation`](cognito_identity_provider::runtime::operation::Operation) impl, so what is
//! asserted is exactly what the generated code produces; one test per direction also goes
//! through the client pipeline with an in-memory transport.

#[path = "wire/builders.rs"]
mod builders;
#[path = "wire/errors.rs"]
mod errors;
#[path = "wire/requests.rs"]
mod requests;
#[path = "wire/responses.rs"]
mod responses;

use cognito_identity_provider::runtime::http;
use cognito_identity_provider::runtime::operation::{Operation, RequestContext};
use serde_json::Value;

/// The regional endpoint every request in these tests goes to.
pub const ENDPOINT: &str = "https://cognito-idp.us-east-1.amazonaws.com";

/// A well-formed access token (`TokenModelType` only allows `[A-Za-z0-9-_=.]`).
pub const ACCESS_TOKEN: &str = "eyJraWQiOiJhYmMifQ.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl";

/// The request the operation `O` builds for `input`.
pub fn serialize<O: Operation>(input: &O::Input) -> http::Request<Vec<u8>> {
    let token = || "unused-idempotency-token".to_owned();
    let context = RequestContext {
        endpoint: ENDPOINT,
        idempotency_token: &token,
    };
    O::serialize(input, &context).unwrap_or_else(|e| panic!("{}: {e}", O::NAME))
}

/// A response with status `status`, the given headers, and `body`.
pub fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder
        .body(body.as_bytes().to_vec())
        .expect("a valid response")
}

/// `response` with a JSON body and a request id.
pub fn json_response(status: u16, request_id: &str, body: &Value) -> http::Response<Vec<u8>> {
    response(
        status,
        &[
            ("content-type", "application/x-amz-json-1.1"),
            ("x-amzn-requestid", request_id),
        ],
        &body.to_string(),
    )
}

/// A request body read back as JSON.
pub fn body_json(request: &http::Request<Vec<u8>>) -> Value {
    serde_json::from_slice(request.body()).unwrap_or_else(|e| {
        panic!(
            "the body is not JSON ({e}): {}",
            String::from_utf8_lossy(request.body())
        )
    })
}
