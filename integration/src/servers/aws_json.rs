//! A deliberately small awsJson 1.1 caller for test setup, independent of generated code.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE as CONTENT_TYPE_HEADER};
use serde_json::Value;

use super::error::HarnessError;

/// The service prefix of the `X-Amz-Target` header for Cognito user pools.
pub const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService";

/// The request content type of the awsJson 1.1 protocol.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// Upper bound for one call, from connecting to reading the whole body.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

/// What a server answered to one awsJson call.
#[derive(Debug, Clone)]
pub struct AwsJsonResponse {
    /// The HTTP status code.
    pub status: u16,
    /// All response headers.
    pub headers: HeaderMap,
    /// The body parsed as JSON; [`Value::Null`] when it was empty or not JSON (moto, for
    /// example, answers unimplemented operations with an HTML page).
    pub body: Value,
    /// The body as text (lossily decoded), whatever it contained.
    pub raw_body: String,
}

impl AwsJsonResponse {
    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The value of a header as text, if present and printable.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The request id, from `x-amzn-requestid` (or `x-amz-request-id`), if the server sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.header("x-amzn-requestid")
            .or_else(|| self.header("x-amz-request-id"))
    }

    /// The error code as the awsJson 1.1 protocol defines it: the `X-Amzn-ErrorType`
    /// header if present, else the body's `__type` (or `code`) member, reduced to the
    /// bare shape name (text after a `#` and before a `:` is kept).
    pub fn error_type(&self) -> Option<String> {
        let raw = self
            .header("x-amzn-errortype")
            .map(str::to_owned)
            .or_else(|| self.body_str("__type"))
            .or_else(|| self.body_str("code"))?;
        Some(sanitize_error_type(&raw).to_owned())
    }

    /// The error message from the body's `message` (or `Message`, `errorMessage`) member.
    pub fn error_message(&self) -> Option<String> {
        self.body_str("message")
            .or_else(|| self.body_str("Message"))
            .or_else(|| self.body_str("errorMessage"))
    }

    fn body_str(&self, key: &str) -> Option<String> {
        self.body
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
    }
}

/// Reduces an awsJson error code to its shape name, as the protocol prescribes:
/// `aws.protocoltests#FooError:http://...` becomes `FooError`.
fn sanitize_error_type(raw: &str) -> &str {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    let after_hash = match before_colon.split_once('#') {
        Some((_, rest)) => rest,
        None => before_colon,
    };
    after_hash.trim()
}

/// A syntactically valid SigV4 `Authorization` header value with a fake key and
/// signature, for servers (moto) that read the region and account from it but do not
/// verify signatures.
pub fn fake_sigv4_authorization(region: &str) -> String {
    format!(
        "AWS4-HMAC-SHA256 Credential=AKIAHARNESSFAKEKEY01/20240101/{region}/cognito-idp/aws4_request, \
         SignedHeaders=content-type;host;x-amz-target, \
         Signature=0000000000000000000000000000000000000000000000000000000000000000"
    )
}

/// Calls `operation` on a Cognito user-pool endpoint with the awsJson 1.1 protocol:
/// `POST /` with `Content-Type: application/x-amz-json-1.1` and
/// `X-Amz-Target: AWSCognitoIdentityProviderService.<operation>`.
///
/// Any HTTP status is returned as a response; only transport failures (connection
/// refused, timeout after [`REQUEST_TIMEOUT`]) are errors.
pub async fn aws_json_call(
    endpoint: &str,
    operation: &str,
    body: Value,
) -> Result<AwsJsonResponse, HarnessError> {
    aws_json_call_with_headers(endpoint, operation, body, &[]).await
}

/// Like [`aws_json_call`], with extra request headers (for example an `Authorization`
/// header from [`fake_sigv4_authorization`]).
pub async fn aws_json_call_with_headers(
    endpoint: &str,
    operation: &str,
    body: Value,
    extra_headers: &[(&str, &str)],
) -> Result<AwsJsonResponse, HarnessError> {
    let http_error = |source| HarnessError::Http {
        operation: operation.to_owned(),
        source,
    };
    let bad_header = |problem: String| HarnessError::UnexpectedResponse {
        operation: operation.to_owned(),
        status: 0,
        problem,
        body: String::new(),
    };

    // A client per call: a client's connection pool must not outlive the Tokio runtime
    // it was used on, and every `#[tokio::test]` has its own runtime.
    let client = reqwest::Client::builder()
        .timeout(REQUEST_TIMEOUT)
        .connect_timeout(Duration::from_secs(5))
        .build()
        .map_err(http_error)?;

    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE_HEADER, HeaderValue::from_static(CONTENT_TYPE));
    let target = format!("{TARGET_PREFIX}.{operation}");
    headers.insert(
        HeaderName::from_static("x-amz-target"),
        HeaderValue::from_str(&target)
            .map_err(|e| bad_header(format!("invalid X-Amz-Target {target:?}: {e}")))?,
    );
    for (name, value) in extra_headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|e| bad_header(format!("invalid header name {name:?}: {e}")))?;
        let value = HeaderValue::from_str(value)
            .map_err(|e| bad_header(format!("invalid value for header {name}: {e}")))?;
        headers.insert(name, value);
    }

    let url = format!("{}/", endpoint.trim_end_matches('/'));
    let response = client
        .post(url)
        .headers(headers)
        .body(body.to_string())
        .send()
        .await
        .map_err(http_error)?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.map_err(http_error)?;
    let raw_body = String::from_utf8_lossy(&bytes).into_owned();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Ok(AwsJsonResponse {
        status,
        headers,
        body,
        raw_body,
    })
}

/// Calls `operation` and returns its JSON object body, or an error if the status is not
/// 2xx or the body is not a JSON object. Meant for setup steps that must succeed.
pub async fn aws_json_ok(
    endpoint: &str,
    operation: &str,
    body: Value,
) -> Result<Value, HarnessError> {
    let response = aws_json_call(endpoint, operation, body).await?;
    let problem = if !response.is_success() {
        Some(format!(
            "{}: {}",
            response
                .error_type()
                .unwrap_or_else(|| "no error type".to_owned()),
            response
                .error_message()
                .unwrap_or_else(|| "no message".to_owned())
        ))
    } else if !response.body.is_object() {
        Some("the body is not a JSON object".to_owned())
    } else {
        None
    };
    match problem {
        Some(problem) => Err(HarnessError::UnexpectedResponse {
            operation: operation.to_owned(),
            status: response.status,
            problem,
            body: response.raw_body,
        }),
        None => Ok(response.body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_types_are_reduced_to_shape_names() {
        assert_eq!(
            sanitize_error_type("NotAuthorizedException"),
            "NotAuthorizedException"
        );
        assert_eq!(
            sanitize_error_type("com.amazonaws.cognito#CodeMismatchException"),
            "CodeMismatchException"
        );
        assert_eq!(
            sanitize_error_type(
                "FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"
            ),
            "FooError"
        );
        assert_eq!(
            sanitize_error_type("aws.protocoltests.restjson#FooError:http://internal.amazon.com/"),
            "FooError"
        );
    }

    #[test]
    fn header_wins_over_body_for_the_error_type() {
        let mut headers = HeaderMap::new();
        headers.insert(
            HeaderName::from_static("x-amzn-errortype"),
            HeaderValue::from_static("FromHeader"),
        );
        let response = AwsJsonResponse {
            status: 400,
            headers,
            body: serde_json::json!({"__type": "FromBody", "Message": "m"}),
            raw_body: String::new(),
        };
        assert_eq!(response.error_type().as_deref(), Some("FromHeader"));
        assert_eq!(response.error_message().as_deref(), Some("m"));
    }

    #[test]
    fn fake_authorization_names_the_region() {
        assert!(
            fake_sigv4_authorization("eu-west-1").contains("/eu-west-1/cognito-idp/aws4_request")
        );
    }
}
