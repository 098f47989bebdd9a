//! The `awsJson1_0` / `awsJson1_1` protocols: every call is a `POST /` whose
//! `X-Amz-Target` header names the operation and whose body is the input as JSON; errors
//! name their type in a header or in the body.

use super::header_str;
use crate::error::{BoxError, ErrorMetadata};
use crate::json;
use serde_json::Value;

// Protocol-neutral helpers, also reachable here: generated awsJson crates name them through
// this module.
pub use super::{
    check_host_prefix, is_success, request_id, response_metadata, wrap, REQUEST_ID_HEADER,
};

/// Which awsJson version a service speaks; they differ only in the content type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonVersion {
    /// `application/x-amz-json-1.0`
    V1_0,
    /// `application/x-amz-json-1.1`
    V1_1,
}

impl JsonVersion {
    /// The `Content-Type` of requests.
    pub fn content_type(self) -> &'static str {
        match self {
            JsonVersion::V1_0 => "application/x-amz-json-1.0",
            JsonVersion::V1_1 => "application/x-amz-json-1.1",
        }
    }
}

/// The header telling an awsQuery-compatible service that the client wants query-style error
/// codes (`x-amzn-query-error`) in its error responses.
pub const QUERY_MODE_HEADER: &str = "x-amzn-query-mode";

/// Marks a request of an awsQuery-compatible service (`aws.protocols#awsQueryCompatible`)
/// with `x-amzn-query-mode: true`.
pub fn set_query_mode(request: &mut http::Request<Vec<u8>>) {
    request
        .headers_mut()
        .insert(QUERY_MODE_HEADER, http::HeaderValue::from_static("true"));
}

/// Builds the HTTP request of one call.
///
/// `endpoint` is the base URL (`https://host[:port][/path]`); `host_prefix` is the already
/// expanded `@endpoint` host prefix, if the operation has one; `target` is
/// `<ServiceName>.<OperationName>`.
pub fn build_request(
    endpoint: &str,
    host_prefix: Option<&str>,
    version: JsonVersion,
    target: &str,
    body: &Value,
) -> Result<http::Request<Vec<u8>>, BoxError> {
    build_request_bytes(
        endpoint,
        host_prefix,
        version,
        target,
        serde_json::to_vec(body)?,
    )
}

/// Like [`build_request`], with the body already written (see
/// [`JsonWriter`](crate::json_writer::JsonWriter)).
pub fn build_request_bytes(
    endpoint: &str,
    host_prefix: Option<&str>,
    version: JsonVersion,
    target: &str,
    body: Vec<u8>,
) -> Result<http::Request<Vec<u8>>, BoxError> {
    let uri = request_uri(endpoint, host_prefix)?;
    let target = http::HeaderValue::from_str(target)
        .map_err(|e| format!("invalid x-amz-target `{target}`: {e}"))?;
    let length = http::HeaderValue::from(body.len());
    let mut request = http::Request::new(body);
    *request.method_mut() = http::Method::POST;
    *request.uri_mut() = uri;
    let headers = request.headers_mut();
    headers.reserve(3);
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static(version.content_type()),
    );
    headers.insert(TARGET_HEADER, target);
    headers.insert(http::header::CONTENT_LENGTH, length);
    Ok(request)
}

/// The header naming the operation.
const TARGET_HEADER: http::HeaderName = http::HeaderName::from_static("x-amz-target");

/// `endpoint` with the host prefix applied and a path ending in `/`.
fn request_uri(endpoint: &str, host_prefix: Option<&str>) -> Result<http::Uri, BoxError> {
    let base: http::Uri = endpoint
        .parse()
        .map_err(|e| format!("invalid endpoint URL `{endpoint}`: {e}"))?;
    // The usual case, a bare `https://host` (parsed with the path `/`), is already the
    // request URL: no second parse.
    if host_prefix.is_none()
        && base.scheme().is_some()
        && base.authority().is_some()
        && base.query().is_none()
        && base.path().ends_with('/')
        && !base.path().ends_with("//")
    {
        return Ok(base);
    }
    let scheme = base
        .scheme_str()
        .ok_or_else(|| format!("the endpoint URL `{endpoint}` has no scheme"))?;
    let authority = base
        .authority()
        .ok_or_else(|| format!("the endpoint URL `{endpoint}` has no host"))?
        .as_str();
    let mut path = base.path().trim_end_matches('/').to_owned();
    path.push('/');
    let prefix = host_prefix.unwrap_or("");
    let uri = format!("{scheme}://{prefix}{authority}{path}");
    uri.parse()
        .map_err(|e| format!("invalid request URL `{uri}`: {e}").into())
}

/// An error response, read as far as it can be: code, message, request id and status, plus
/// the body (an empty object when the body is not JSON, e.g. an HTML error page).
pub struct ErrorResponse {
    /// Code, message, request id, status. For awsQuery-compatible services the code is the
    /// legacy query code from `x-amzn-query-error`, when the response carries one.
    pub meta: ErrorMetadata,
    /// The error's shape name as the protocol sends it (header `X-Amzn-Errortype`, else body
    /// `__type`, else body `code`), namespace and URL suffix removed: what selects the
    /// modelled error.
    pub error_type: Option<String>,
    /// The parsed body, for the modelled error's members.
    pub body: Value,
}

/// Reads an error response. With `query_compatible`, the `x-amzn-query-error` header
/// (`Code;Fault`) supplies the code, as awsQuery-compatible services require.
pub fn parse_error(response: &http::Response<Vec<u8>>, query_compatible: bool) -> ErrorResponse {
    let body = json::parse_body(response.body()).unwrap_or(Value::Object(Default::default()));
    let query_code = if query_compatible {
        header_str(response, "x-amzn-query-error")
            .and_then(|value| value.split(';').next())
            .filter(|code| !code.is_empty())
            .map(str::to_owned)
    } else {
        None
    };
    let error_type = header_str(response, "x-amzn-errortype")
        .or_else(|| body.get("__type").and_then(Value::as_str))
        .or_else(|| body.get("code").and_then(Value::as_str))
        .map(sanitize_error_code)
        .filter(|code| !code.is_empty());
    let message = ["message", "Message", "errorMessage"]
        .iter()
        .find_map(|key| body.get(*key).and_then(Value::as_str))
        .map(str::to_owned);
    let meta = ErrorMetadata::new(
        error_type.clone(),
        message,
        request_id(response),
        Some(response.status().as_u16()),
    );
    ErrorResponse {
        meta: attach_query_code(meta, query_code),
        error_type,
        body,
    }
}

fn attach_query_code(meta: ErrorMetadata, query_code: Option<String>) -> ErrorMetadata {
    match query_code {
        None => meta,
        Some(code) => ErrorMetadata::new(
            Some(code),
            meta.message().map(str::to_owned),
            meta.request_id().map(str::to_owned),
            meta.http_status(),
        ),
    }
}

/// The bare error name: namespace (`ns#`) and anything after `:` (a URL) removed.
pub fn sanitize_error_code(raw: &str) -> String {
    let without_suffix = raw.split(':').next().unwrap_or(raw);
    let name = without_suffix.rsplit('#').next().unwrap_or(without_suffix);
    name.trim().to_owned()
}

/// Parses a success body, keeping the status and request id when it is not JSON.
pub fn parse_success_body(
    response: &http::Response<Vec<u8>>,
) -> Result<Value, crate::error::ResponseError> {
    json::parse_body(response.body()).map_err(|e| wrap(response, e))
}

/// Reads a modelled error structure from an error body and attaches the response's metadata;
/// a body that does not fit the structure is a response error. Generic over the error
/// structure only, not over the operation's error enum: one copy per error shape, however
/// many operations share it (build time).
pub fn modelled_error<T>(
    response: &http::Response<Vec<u8>>,
    body: &Value,
    meta: ErrorMetadata,
) -> Result<T, crate::error::ResponseError>
where
    T: json::FromJson + crate::error::ProvideErrorMetadata,
{
    let mut parsed = T::from_json(body).map_err(|e| wrap(response, e))?;
    *parsed.meta_mut() = meta;
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_lose_namespace_and_url() {
        assert_eq!(sanitize_error_code("FooError"), "FooError");
        assert_eq!(
            sanitize_error_code("aws.protocoltests.restjson#FooError"),
            "FooError"
        );
        assert_eq!(
            sanitize_error_code("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
            "FooError"
        );
        assert_eq!(
            sanitize_error_code("FooError:http://internal.amazon.com/"),
            "FooError"
        );
    }

    #[test]
    fn uri_keeps_endpoint_path_and_prefix() {
        let uri = request_uri("https://example.com/custom", Some("foo.")).unwrap();
        assert_eq!(uri.to_string(), "https://foo.example.com/custom/");
        let uri = request_uri("http://127.0.0.1:9229", None).unwrap();
        assert_eq!(uri.to_string(), "http://127.0.0.1:9229/");
        for (endpoint, expected) in [
            ("https://example.com/", "https://example.com/"),
            ("https://example.com//", "https://example.com/"),
            ("https://example.com/a/", "https://example.com/a/"),
            ("https://example.com/a?x=1", "https://example.com/a/"),
            ("https://example.com/?x=1", "https://example.com/"),
        ] {
            assert_eq!(request_uri(endpoint, None).unwrap().to_string(), expected);
        }
        assert!(request_uri("/relative/", None).is_err());
        assert!(request_uri("not a url", None).is_err());
    }

    #[test]
    fn query_compatible_errors_keep_both_codes() {
        let response = http::Response::builder()
            .status(400)
            .header("x-amzn-query-error", "Customized;Sender")
            .body(
                br#"{"__type": "aws.protocoltests.json10#CustomCodeError", "message": "Hi"}"#
                    .to_vec(),
            )
            .unwrap();
        let parsed = parse_error(&response, true);
        assert_eq!(parsed.error_type.as_deref(), Some("CustomCodeError"));
        assert_eq!(parsed.meta.code(), Some("Customized"));
        assert_eq!(parsed.meta.message(), Some("Hi"));
        let plain = parse_error(&response, false);
        assert_eq!(plain.meta.code(), Some("CustomCodeError"));
    }

    #[test]
    fn query_mode_header_is_set() {
        let mut request = build_request(
            "https://example.com",
            None,
            JsonVersion::V1_0,
            "S.Op",
            &Value::Object(Default::default()),
        )
        .unwrap();
        set_query_mode(&mut request);
        assert_eq!(request.headers()[QUERY_MODE_HEADER], "true");
    }

    #[test]
    fn html_error_page_keeps_status() {
        let response = http::Response::builder()
            .status(502)
            .header("x-amzn-requestid", "abc")
            .body(b"<html>bad gateway</html>".to_vec())
            .unwrap();
        let parsed = parse_error(&response, false);
        assert_eq!(parsed.meta.code(), None);
        assert_eq!(parsed.meta.http_status(), Some(502));
        assert_eq!(parsed.meta.request_id(), Some("abc"));
    }
}
