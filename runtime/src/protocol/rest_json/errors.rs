//! Reading a `restJson1` error response.
//!
//! The error's shape name comes from the `X-Amzn-Errortype` header, else the body's `code`,
//! else its `__type`. Services may send it qualified (`aws.example#NotFound`) or with a
//! trailing URL (`NotFound:http://internal.example/`); both are removed before the name
//! selects a modelled error.

use crate::error::{
    DeserializeError, ErrorMetadata, ProvideErrorMetadata, ResponseError, ResponseMetadata,
};
use crate::json;
use serde_json::Value;

/// The header naming the error type.
pub const ERROR_TYPE_HEADER: &str = "x-amzn-errortype";

/// The headers carrying the request id, in order of preference.
pub const REQUEST_ID_HEADERS: &[&str] = &["x-amzn-requestid", "x-amz-request-id"];

/// An error response, read as far as it can be.
#[derive(Debug)]
pub struct ErrorResponse {
    /// Code, message, request id and status.
    pub meta: ErrorMetadata,
    /// The bare error shape name: what selects the modelled error.
    pub error_type: Option<String>,
    /// The parsed body (an empty object when the body is empty or not JSON, e.g. an HTML
    /// page from a proxy), for the modelled error's body members.
    pub body: Value,
}

/// The request id of a response, if it has one.
pub fn request_id<B>(response: &http::Response<B>) -> Option<String> {
    REQUEST_ID_HEADERS.iter().find_map(|name| {
        response
            .headers()
            .get(*name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    })
}

/// Reads an error response: its code, message, request id and status, and its JSON body.
pub fn parse_error(response: &http::Response<Vec<u8>>) -> ErrorResponse {
    let body = json::parse_body(response.body())
        .ok()
        .filter(Value::is_object)
        .unwrap_or_else(|| Value::Object(Default::default()));
    let header = response
        .headers()
        .get(ERROR_TYPE_HEADER)
        .and_then(|value| value.to_str().ok());
    let error_type = header
        .or_else(|| body.get("code").and_then(Value::as_str))
        .or_else(|| body.get("__type").and_then(Value::as_str))
        .map(sanitize_error_code)
        .filter(|code| !code.is_empty());
    let message = ["message", "Message", "errorMessage"]
        .iter()
        .find_map(|key| body.get(*key).and_then(Value::as_str))
        .map(str::to_owned);
    ErrorResponse {
        meta: ErrorMetadata::new(
            error_type.clone(),
            message,
            request_id(response),
            Some(response.status().as_u16()),
        ),
        error_type,
        body,
    }
}

/// The error type a response names, else the one modelled error whose `@httpError` status
/// the response has: `by_status` lists `(status, error name)` for statuses only one of the
/// operation's errors uses. A service that sends neither code nor body still gets its error
/// recognised; a code, when sent, always wins.
pub fn error_type_or_status(
    error_type: Option<String>,
    status: u16,
    by_status: &[(u16, &str)],
) -> Option<String> {
    error_type.or_else(|| {
        by_status
            .iter()
            .find(|(code, _)| *code == status)
            .map(|(_, name)| (*name).to_owned())
    })
}

/// The request id and status of any response.
pub fn response_metadata<B>(response: &http::Response<B>) -> ResponseMetadata {
    ResponseMetadata::new(request_id(response), Some(response.status().as_u16()))
}

/// Wraps a body or header error with the facts of its response.
pub fn wrap<B>(response: &http::Response<B>, error: DeserializeError) -> ResponseError {
    ResponseError::new(response.status().as_u16(), request_id(response), error)
}

/// Reads a modelled error's body members and attaches the response's metadata; a body that
/// does not fit the structure is a response error. Header members are read by the caller.
/// Generic over the error structure only (one copy per error shape, not per operation).
pub fn modelled_error<T>(
    response: &http::Response<Vec<u8>>,
    body: &Value,
    meta: ErrorMetadata,
) -> Result<T, ResponseError>
where
    T: json::FromJson + ProvideErrorMetadata,
{
    let mut parsed = T::from_json(body).map_err(|e| wrap(response, e))?;
    *parsed.meta_mut() = meta;
    Ok(parsed)
}

/// The bare error name: anything after `:` (a URL) and the namespace (`ns#`) removed.
pub fn sanitize_error_code(raw: &str) -> String {
    let without_suffix = raw.split(':').next().unwrap_or(raw);
    let name = without_suffix.rsplit('#').next().unwrap_or(without_suffix);
    name.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
        let mut builder = http::Response::builder().status(404);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(body.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn code_comes_from_header_then_code_then_dunder_type() {
        let all = response(
            &[("X-Amzn-Errortype", "FromHeader")],
            r#"{"code": "FromCode", "__type": "FromType"}"#,
        );
        assert_eq!(parse_error(&all).error_type.as_deref(), Some("FromHeader"));
        let body = response(&[], r#"{"__type": "FromType", "code": "FromCode"}"#);
        assert_eq!(parse_error(&body).error_type.as_deref(), Some("FromCode"));
        let dunder = response(&[], r#"{"__type": "aws.protocoltests.restjson#FooError"}"#);
        assert_eq!(parse_error(&dunder).error_type.as_deref(), Some("FooError"));
        let none = response(&[], "{}");
        assert_eq!(parse_error(&none).error_type, None);
    }

    #[test]
    fn status_selects_an_error_only_without_a_code() {
        let table = [(404, "NotFound"), (409, "Conflict")];
        assert_eq!(
            error_type_or_status(None, 404, &table).as_deref(),
            Some("NotFound")
        );
        assert_eq!(
            error_type_or_status(Some("Other".into()), 404, &table).as_deref(),
            Some("Other")
        );
        assert_eq!(error_type_or_status(None, 500, &table), None);
    }

    #[test]
    fn namespaces_and_urls_are_stripped() {
        for raw in [
            "FooError",
            "FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
            "aws.protocoltests.restjson#FooError",
            "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
        ] {
            assert_eq!(sanitize_error_code(raw), "FooError", "{raw}");
        }
    }

    #[test]
    fn metadata_has_message_status_and_request_id() {
        let parsed = parse_error(&response(
            &[("x-amzn-RequestId", "req-1")],
            r#"{"code": "ResourceNotFoundException", "message": "Workspace not found"}"#,
        ));
        assert_eq!(parsed.meta.code(), Some("ResourceNotFoundException"));
        assert_eq!(parsed.meta.message(), Some("Workspace not found"));
        assert_eq!(parsed.meta.request_id(), Some("req-1"));
        assert_eq!(parsed.meta.http_status(), Some(404));
    }

    #[test]
    fn non_json_bodies_still_give_status() {
        for body in ["<html>bad gateway</html>", "", "[1, 2]"] {
            let parsed = parse_error(&response(&[], body));
            assert_eq!(parsed.error_type, None);
            assert_eq!(parsed.meta.http_status(), Some(404));
            assert!(parsed.body.is_object());
        }
    }
}
