//! Checks shared by the generated protocol tests: serializing with a fixed context, comparing
//! a request with a case's expectations, building a response, comparing floats.
//!
//! This file is written into every generated crate as `tests/support/mod.rs` by the
//! `protocol-tests` crate; it only uses the crate's own dependency, `smithy-runtime`.
#![allow(dead_code)]

use smithy_runtime::http;
use smithy_runtime::json::Value;
use smithy_runtime::operation::{Operation, RequestContext};
use std::fmt::Debug;

/// The token every `@idempotencyToken` member left unset must get.
pub const IDEMPOTENCY_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

/// Serializes `input` the way the client would, against `endpoint`.
pub fn serialize<O: Operation>(input: &O::Input, endpoint: &str) -> http::Request<Vec<u8>> {
    let token = || IDEMPOTENCY_TOKEN.to_owned();
    let context = RequestContext {
        endpoint,
        idempotency_token: &token,
    };
    O::serialize(input, &context)
        .unwrap_or_else(|e| panic!("`{}` could not serialize its input: {e}", O::NAME))
}

/// What a request case expects.
pub struct ExpectedRequest<'a> {
    /// Method.
    pub method: &'a str,
    /// Path.
    pub uri: &'a str,
    /// Host the request goes to, when the case says.
    pub resolved_host: Option<&'a str>,
    /// `key=value` pairs of the query string.
    pub query_params: &'a [&'a str],
    /// Query keys that must not be sent.
    pub forbid_query_params: &'a [&'a str],
    /// Query keys that must be sent.
    pub require_query_params: &'a [&'a str],
    /// Headers with their exact values.
    pub headers: &'a [(&'a str, &'a str)],
    /// Headers that must not be sent.
    pub forbid_headers: &'a [&'a str],
    /// Headers that must be sent.
    pub require_headers: &'a [&'a str],
    /// The body, when the case gives one.
    pub body: Option<&'a str>,
    /// The body's media type (JSON is compared structurally).
    pub body_media_type: Option<&'a str>,
}

/// All values of a header joined as one list, or `None` when absent.
fn header(request: &http::Request<Vec<u8>>, name: &str) -> Option<String> {
    let values: Vec<String> = request
        .headers()
        .get_all(name)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

/// Asserts that `request` is what `expected` describes.
pub fn check_request(request: &http::Request<Vec<u8>>, expected: &ExpectedRequest<'_>) {
    assert_eq!(request.method().as_str(), expected.method, "method");
    assert_eq!(request.uri().path(), expected.uri, "path");
    if let Some(host) = expected.resolved_host {
        assert_eq!(request.uri().host(), Some(host), "host");
    }
    let query: Vec<&str> = request
        .uri()
        .query()
        .map(|q| q.split('&').collect())
        .unwrap_or_default();
    for pair in expected.query_params {
        assert!(
            query.contains(pair),
            "query parameter `{pair}` missing from {query:?}"
        );
    }
    let key_of = |pair: &&str| pair.split('=').next().unwrap_or_default().to_owned();
    let keys: Vec<String> = query.iter().map(key_of).collect();
    for key in expected.forbid_query_params {
        assert!(
            !keys.iter().any(|k| k == key),
            "query parameter `{key}` must not be sent"
        );
    }
    for key in expected.require_query_params {
        assert!(
            keys.iter().any(|k| k == key),
            "query parameter `{key}` must be sent"
        );
    }
    for (name, value) in expected.headers {
        assert_eq!(
            header(request, name).as_deref(),
            Some(*value),
            "header `{name}`"
        );
    }
    for name in expected.forbid_headers {
        assert_eq!(
            header(request, name),
            None,
            "header `{name}` must not be sent"
        );
    }
    for name in expected.require_headers {
        assert!(
            header(request, name).is_some(),
            "header `{name}` must be sent"
        );
    }
    let gzipped = header(request, "content-encoding")
        .is_some_and(|encodings| encodings.split(',').any(|e| e.trim() == "gzip"));
    let body = if gzipped {
        // `gunzip` is rendered into the test file: the runtime's decompressor is compiled only
        // into crates with a `@requestCompression` operation.
        let body = crate::gunzip(request.body())
            .unwrap_or_else(|e| panic!("the body is not valid gzip: {e}"));
        let json = smithy_runtime::json::parse_body(&body);
        assert!(json.is_ok(), "the decompressed body is not JSON: {json:?}");
        body
    } else {
        request.body().clone()
    };
    if let Some(length) = header(request, "content-length") {
        assert_eq!(length, request.body().len().to_string(), "Content-Length");
    }
    let Some(expected_body) = expected.body else {
        return;
    };
    let is_json = expected
        .body_media_type
        .is_some_and(|m| m == "application/json" || m.ends_with("+json"));
    if is_json {
        let actual = parse_json(&body, "the request body");
        let wanted = parse_json(expected_body.as_bytes(), "the expected body");
        assert_json_eq(&actual, &wanted, "body");
    } else {
        assert_eq!(
            String::from_utf8_lossy(&body),
            expected_body,
            "body (compared byte for byte)"
        );
    }
}

fn parse_json(bytes: &[u8], what: &str) -> Value {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        panic!("{what} is empty, expected JSON");
    }
    smithy_runtime::json::parse_body(bytes).unwrap_or_else(|e| panic!("{what} is not JSON: {e}"))
}

/// Asserts two JSON values are equal: same structure, object keys in any order, numbers
/// equal by value (`1` and `1.0` are the same number).
pub fn assert_json_eq(actual: &Value, expected: &Value, path: &str) {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            let mut a_keys: Vec<&String> = a.keys().collect();
            let mut e_keys: Vec<&String> = e.keys().collect();
            a_keys.sort();
            e_keys.sort();
            assert_eq!(a_keys, e_keys, "keys of {path}");
            for (key, value) in e {
                assert_json_eq(&a[key], value, &format!("{path}.{key}"));
            }
        }
        (Value::Array(a), Value::Array(e)) => {
            assert_eq!(a.len(), e.len(), "length of {path}");
            for (i, (a, e)) in a.iter().zip(e).enumerate() {
                assert_json_eq(a, e, &format!("{path}[{i}]"));
            }
        }
        (Value::Number(a), Value::Number(e)) => {
            let same = match (a.as_i64(), e.as_i64()) {
                (Some(a), Some(e)) => a == e,
                _ => a.as_f64() == e.as_f64(),
            };
            assert!(same, "{path}: {a} != {e}");
        }
        (a, e) => assert_eq!(a, e, "{path}"),
    }
}

/// A response as a case describes it.
pub fn response(code: u16, headers: &[(&str, &str)], body: &[u8]) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(code);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder
        .body(body.to_vec())
        .unwrap_or_else(|e| panic!("the case's response is not valid HTTP: {e}"))
}

/// Floats compared so that NaN equals NaN (the cases send NaN and expect NaN back).
pub trait FloatMember: Debug {
    /// Equal as values, or both NaN.
    fn same(&self, other: &Self) -> bool;
}

impl FloatMember for f32 {
    fn same(&self, other: &Self) -> bool {
        self == other || (self.is_nan() && other.is_nan())
    }
}

impl FloatMember for f64 {
    fn same(&self, other: &Self) -> bool {
        self == other || (self.is_nan() && other.is_nan())
    }
}

impl<T: FloatMember> FloatMember for Option<T> {
    fn same(&self, other: &Self) -> bool {
        match (self, other) {
            (Some(a), Some(b)) => a.same(b),
            (None, None) => true,
            _ => false,
        }
    }
}

/// Asserts that a float member has the expected value (NaN-aware).
pub fn assert_float_eq<T: FloatMember>(actual: T, expected: T, member: &str) {
    assert!(
        actual.same(&expected),
        "member `{member}`: {actual:?} != {expected:?}"
    );
}
