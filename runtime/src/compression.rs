//! Request compression (`smithy.api#requestCompression`): bodies of operations that allow it
//! are sent gzip-compressed once they reach a minimum size, with `gzip` appended to
//! `Content-Encoding`.

use crate::error::BoxError;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::{Read, Write};

/// Bodies smaller than this many bytes are sent as they are (the Smithy default).
pub const DEFAULT_MIN_COMPRESSION_SIZE: usize = 10_240;

/// Compresses `bytes` with gzip.
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>, BoxError> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 2), Compression::default());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

/// Decompresses a gzip stream.
pub fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, BoxError> {
    let mut out = Vec::with_capacity(bytes.len() * 2);
    GzDecoder::new(bytes).read_to_end(&mut out)?;
    Ok(out)
}

/// Compresses the body of `request` with gzip when it has at least
/// [`DEFAULT_MIN_COMPRESSION_SIZE`] bytes: `gzip` is appended to any `Content-Encoding`
/// already present and `Content-Length` is updated. Smaller bodies are left alone.
pub fn gzip_request(request: http::Request<Vec<u8>>) -> Result<http::Request<Vec<u8>>, BoxError> {
    gzip_request_with_threshold(request, DEFAULT_MIN_COMPRESSION_SIZE)
}

/// [`gzip_request`] with an explicit minimum body size.
pub fn gzip_request_with_threshold(
    request: http::Request<Vec<u8>>,
    min_size: usize,
) -> Result<http::Request<Vec<u8>>, BoxError> {
    if request.body().len() < min_size {
        return Ok(request);
    }
    let (mut parts, body) = request.into_parts();
    let compressed = gzip(&body)?;
    let encodings: Vec<String> = parts
        .headers
        .get_all(http::header::CONTENT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .filter(|encoding| !encoding.is_empty())
        .map(str::to_owned)
        .chain(std::iter::once("gzip".to_owned()))
        .collect();
    parts.headers.insert(
        http::header::CONTENT_ENCODING,
        http::HeaderValue::from_str(&encodings.join(", "))?,
    );
    parts
        .headers
        .insert(http::header::CONTENT_LENGTH, compressed.len().into());
    Ok(http::Request::from_parts(parts, compressed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(body: Vec<u8>, encoding: Option<&str>) -> http::Request<Vec<u8>> {
        let mut builder = http::Request::builder().header("content-length", body.len());
        if let Some(encoding) = encoding {
            builder = builder.header("content-encoding", encoding);
        }
        builder.body(body).expect("valid request")
    }

    #[test]
    fn large_bodies_are_compressed_and_round_trip() {
        let body = b"{\"data\":\"abcdefgh\"}".repeat(1000);
        let compressed = gzip_request(request(body.clone(), None)).expect("compresses");
        assert_eq!(compressed.headers()["content-encoding"], "gzip");
        assert_eq!(
            compressed.headers()["content-length"],
            compressed.body().len().to_string().as_str()
        );
        assert!(compressed.body().len() < body.len());
        assert_eq!(gunzip(compressed.body()).expect("decompresses"), body);
    }

    #[test]
    fn existing_encodings_are_kept_and_small_bodies_untouched() {
        let big = vec![b'a'; DEFAULT_MIN_COMPRESSION_SIZE];
        let compressed = gzip_request(request(big, Some("custom"))).expect("compresses");
        assert_eq!(compressed.headers()["content-encoding"], "custom, gzip");
        let small = gzip_request(request(b"{}".to_vec(), None)).expect("passes through");
        assert_eq!(small.body(), b"{}");
        assert!(small.headers().get("content-encoding").is_none());
    }

    #[test]
    fn garbage_is_not_gzip() {
        assert!(gunzip(b"not gzip").is_err());
    }
}
