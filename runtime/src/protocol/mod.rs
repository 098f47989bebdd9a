//! One module per wire protocol. Each turns a generated operation's input into an HTTP
//! request and reads responses and errors back; generated code calls the module of its
//! service's protocol (`aws_json`, `rest_json`). The helpers here are shared by every protocol:
//! request ids, success checks, host prefixes.
//!
//! A new protocol (restJson1, rpcv2Cbor, …) is a new module beside `aws_json`, paired with the
//! generator's `emit/protocol/<name>.rs`.

pub mod aws_json;
#[cfg(feature = "rest-json")]
pub mod rest_json;

use crate::error::{BoxError, DeserializeError, ResponseMetadata};

/// The header carrying the request id.
pub const REQUEST_ID_HEADER: &str = "x-amzn-requestid";

/// Checks an expanded `@endpoint` host prefix (e.g. `foo.bar.`): every dot-separated label
/// must be 1 to 63 letters, digits or hyphens and must not start or end with a hyphen, so that
/// an input member filled into the prefix (`@hostLabel`) cannot redirect the request.
pub fn check_host_prefix(prefix: String) -> Result<String, BoxError> {
    let labels = prefix.strip_suffix('.').unwrap_or(&prefix);
    let valid = !labels.is_empty()
        && labels.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    if valid {
        Ok(prefix)
    } else {
        Err(format!(
            "the host prefix `{prefix}` is not a valid host name prefix: each label must be 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen"
        )
        .into())
    }
}

/// The request id and status of any response.
pub fn response_metadata(response: &http::Response<Vec<u8>>) -> ResponseMetadata {
    ResponseMetadata::new(request_id(response), Some(response.status().as_u16()))
}

/// The `x-amzn-requestid` header, if present and text.
pub fn request_id(response: &http::Response<Vec<u8>>) -> Option<String> {
    // A typed name: looking up by `&str` parses the name again on every response.
    const NAME: http::HeaderName = http::HeaderName::from_static(REQUEST_ID_HEADER);
    response
        .headers()
        .get(NAME)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

pub(crate) fn header_str<'a>(response: &'a http::Response<Vec<u8>>, name: &str) -> Option<&'a str> {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
}

/// Whether the response is a success (2xx); everything else is parsed as an error.
pub fn is_success(response: &http::Response<Vec<u8>>) -> bool {
    response.status().is_success()
}

/// Wraps a body error with the facts of its response.
pub fn wrap(
    response: &http::Response<Vec<u8>>,
    error: DeserializeError,
) -> crate::error::ResponseError {
    crate::error::ResponseError::new(response.status().as_u16(), request_id(response), error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_prefixes_must_be_host_labels() {
        assert_eq!(
            check_host_prefix("foo.bar.".to_owned()).unwrap(),
            "foo.bar."
        );
        assert_eq!(check_host_prefix("foo.".to_owned()).unwrap(), "foo.");
        for bad in ["foo..", "foo.evil.com/x.", "foo.-a.", ".", "foo.a b."] {
            assert!(check_host_prefix(bad.to_owned()).is_err(), "{bad}");
        }
    }
}
