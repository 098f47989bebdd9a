//! SigV4 request signing, on top of the `aws-sigv4` crate.

use std::error::Error as StdError;
use std::fmt;
use std::time::SystemTime;

use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

use super::credentials::Credentials;
use crate::error::BoxError;

/// A request could not be signed (for example a header value that is not text).
#[derive(Debug)]
pub struct SigningError {
    source: BoxError,
}

impl SigningError {
    fn new(source: impl Into<BoxError>) -> SigningError {
        SigningError {
            source: source.into(),
        }
    }
}

impl fmt::Display for SigningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not sign the request with SigV4: {}", self.source)
    }
}

impl StdError for SigningError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(self.source.as_ref())
    }
}

/// Signs `request` in place with AWS Signature Version 4, as of `time`.
///
/// Adds `authorization` and `x-amz-date`, plus `x-amz-security-token` when the credentials
/// carry a session token. The whole body is hashed into the signature, unless the request
/// carries `x-amz-content-sha256: UNSIGNED-PAYLOAD` (a streamed body, sent after signing). Any earlier values of
/// those headers are replaced, so a request can be signed again for a retry.
pub fn sign_request(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    region: &str,
    signing_name: &str,
    time: SystemTime,
) -> Result<(), SigningError> {
    for stale in ["authorization", "x-amz-date", "x-amz-security-token"] {
        request.headers_mut().remove(stale);
    }
    let identity: Identity = aws_credential_types::Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key(),
        credentials.session_token().map(str::to_owned),
        credentials.expiry(),
        "smithy-runtime",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(signing_name)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(SigningError::new)?
        .into();

    let mut headers = Vec::with_capacity(request.headers().len());
    for (name, value) in request.headers() {
        let value = value.to_str().map_err(|_| {
            SigningError::new(format!("the value of header `{name}` is not visible ASCII"))
        })?;
        headers.push((name.as_str(), value));
    }
    let uri = request.uri().to_string();
    // A streamed body is sent after signing; the request says so with this header.
    let body = if request
        .headers()
        .get("x-amz-content-sha256")
        .is_some_and(|value| value == "UNSIGNED-PAYLOAD")
    {
        SignableBody::UnsignedPayload
    } else {
        SignableBody::Bytes(request.body())
    };
    let signable = SignableRequest::new(request.method().as_str(), uri, headers.into_iter(), body)
        .map_err(SigningError::new)?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(SigningError::new)?
        .into_parts();

    let (new_headers, _query) = instructions.into_parts();
    for header in new_headers {
        let name =
            http::HeaderName::from_bytes(header.name().as_bytes()).map_err(SigningError::new)?;
        let mut value = http::HeaderValue::from_str(header.value()).map_err(SigningError::new)?;
        let secret = header.sensitive()
            || name == http::header::AUTHORIZATION
            || name.as_str() == "x-amz-security-token";
        value.set_sensitive(secret);
        request.headers_mut().insert(name, value);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    /// 2015-08-30T12:36:00Z, the time of the AWS SigV4 test suite.
    fn suite_time() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_440_938_160)
    }

    fn get_request() -> http::Request<Vec<u8>> {
        let mut request = http::Request::new(Vec::new());
        *request.uri_mut() = http::Uri::from_static("https://example.amazonaws.com/");
        request
    }

    fn header<'a>(request: &'a http::Request<Vec<u8>>, name: &str) -> Option<&'a str> {
        request
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
    }

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    #[test]
    fn matches_the_sigv4_suite_get_vanilla() {
        let mut request = get_request();
        let credentials = Credentials::new("AKIDEXAMPLE", SECRET, None);
        let signed = sign_request(
            &mut request,
            &credentials,
            "us-east-1",
            "service",
            suite_time(),
        );
        assert!(signed.is_ok(), "{signed:?}");
        assert_eq!(header(&request, "x-amz-date"), Some("20150830T123600Z"));
        assert_eq!(
            header(&request, "authorization"),
            Some(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
                 SignedHeaders=host;x-amz-date, \
                 Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
            )
        );
        assert!(request.headers().get("x-amz-security-token").is_none());
    }

    #[test]
    fn matches_the_sigv4_suite_with_session_token_and_resigns_cleanly() {
        let token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
        let credentials = Credentials::new("AKIDEXAMPLE", SECRET, Some(token.to_owned()));
        let mut request = get_request();
        // Signing twice (as a retry does) must give the same headers, not stacked ones.
        for _ in 0..2 {
            let signed = sign_request(
                &mut request,
                &credentials,
                "us-east-1",
                "service",
                suite_time(),
            );
            assert!(signed.is_ok(), "{signed:?}");
        }
        assert_eq!(request.headers().get_all("authorization").iter().count(), 1);
        assert_eq!(header(&request, "x-amz-security-token"), Some(token));
        assert!(request
            .headers()
            .get("x-amz-security-token")
            .is_some_and(|v| v.is_sensitive()));
        assert_eq!(
            header(&request, "authorization"),
            Some(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
                 SignedHeaders=host;x-amz-date;x-amz-security-token, \
                 Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"
            )
        );
    }
}
