//! Bodies and content types of `restJson1` messages.
//!
//! * Unbound input members form a JSON object, sent as `application/json` (as `{}` when all
//!   of them are unset). An input without body members sends no body and no `Content-Type`.
//! * An `@httpPayload` member is the whole body: a blob as `application/octet-stream`, a
//!   string as `text/plain` (either overridden by the target's `@mediaType`), a structure,
//!   union or document as JSON. An unset payload sends no body.
//! * A response body that is empty reads as an empty JSON object, so an output whose members
//!   all live in headers, or a service that sends nothing, parses.

use crate::error::{BoxError, DeserializeError};
use crate::json;
use serde_json::Value;

/// The content type of JSON bodies.
pub const JSON: &str = "application/json";
/// The default content type of blob payloads.
pub const OCTET_STREAM: &str = "application/octet-stream";
/// The default content type of string payloads.
pub const TEXT_PLAIN: &str = "text/plain";

/// A request with the given method, URL, headers and body.
///
/// `Content-Type` is set when `content_type` is given and the caller did not already set one
/// through a header binding; `Content-Length` is set for a non-empty body and for methods that
/// usually carry one (so `GET` without a body has neither header).
pub fn build_request(
    method: &str,
    uri: http::Uri,
    mut headers: http::HeaderMap,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> Result<http::Request<Vec<u8>>, BoxError> {
    let method = http::Method::from_bytes(method.as_bytes())
        .map_err(|_| format!("`{method}` is not an HTTP method"))?;
    if let Some(content_type) = content_type {
        if !headers.contains_key(http::header::CONTENT_TYPE) {
            headers.insert(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_str(content_type)
                    .map_err(|_| format!("`{content_type}` is not a valid content type"))?,
            );
        }
    }
    let carries_body = matches!(
        method,
        http::Method::POST | http::Method::PUT | http::Method::PATCH
    );
    if !body.is_empty() || carries_body {
        headers.insert(http::header::CONTENT_LENGTH, body.len().into());
    }
    let mut request = http::Request::builder()
        .method(method)
        .uri(uri)
        .body(body)?;
    *request.headers_mut() = headers;
    Ok(request)
}

/// The bytes of a JSON document body.
pub fn json_bytes(value: &Value) -> Vec<u8> {
    // Serializing a `Value` cannot fail: its map keys are strings.
    serde_json::to_vec(value).unwrap_or_default()
}

/// Reads a JSON document body; an empty (or all-whitespace) body is an empty object.
pub fn read_json(body: &[u8]) -> Result<Value, DeserializeError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Default::default()));
    }
    json::parse_body(body)
}

/// Reads a string payload (the whole body as UTF-8 text).
pub fn read_text(body: &[u8]) -> Result<String, DeserializeError> {
    String::from_utf8(body.to_vec())
        .map_err(|_| DeserializeError::new("the body is not UTF-8 text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri() -> http::Uri {
        "http://example.com/x".parse().unwrap()
    }

    #[test]
    fn get_without_body_has_no_content_headers() {
        let request = build_request("GET", uri(), Default::default(), None, Vec::new()).unwrap();
        assert!(request.headers().get("content-type").is_none());
        assert!(request.headers().get("content-length").is_none());
        assert_eq!(request.method(), http::Method::GET);
    }

    #[test]
    fn post_with_json_body() {
        let request = build_request(
            "POST",
            uri(),
            Default::default(),
            Some(JSON),
            json_bytes(&serde_json::json!({"a": 1})),
        )
        .unwrap();
        assert_eq!(request.headers()["content-type"], JSON);
        assert_eq!(request.headers()["content-length"], "7");
        assert_eq!(request.body(), br#"{"a":1}"#);
        let empty = build_request("POST", uri(), Default::default(), None, Vec::new()).unwrap();
        assert_eq!(empty.headers()["content-length"], "0");
        assert!(empty.headers().get("content-type").is_none());
    }

    #[test]
    fn bound_content_type_header_wins() {
        let mut headers = http::HeaderMap::new();
        headers.insert("content-type", "image/jpg".parse().unwrap());
        let request =
            build_request("PUT", uri(), headers, Some(OCTET_STREAM), b"x".to_vec()).unwrap();
        assert_eq!(request.headers()["content-type"], "image/jpg");
        assert!(build_request("BAD METHOD", uri(), Default::default(), None, vec![]).is_err());
    }

    #[test]
    fn empty_bodies_read_as_empty_objects() {
        assert_eq!(read_json(b"").unwrap(), serde_json::json!({}));
        assert_eq!(read_json(b" \n").unwrap(), serde_json::json!({}));
        assert_eq!(read_json(br#"{"a":1}"#).unwrap()["a"], 1);
        assert!(read_json(b"<html>").is_err());
        assert_eq!(read_text(b"hi").unwrap(), "hi");
        assert!(read_text(&[0xff]).is_err());
    }
}
