//! Body checksums: `Content-MD5` for operations marked `@httpChecksumRequired` (the base64
//! MD5 digest of the exact body bytes sent), and the SHA-256 linear and tree hashes Amazon
//! Glacier requires on uploads.

use base64::Engine as _;
use md5::{Digest, Md5};
use sha2::Sha256;

/// The `Content-MD5` header name.
pub const CONTENT_MD5: &str = "content-md5";

/// The `Content-MD5` value of `body`.
pub fn content_md5(body: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Md5::digest(body))
}

/// Adds `Content-MD5` to a built request, computed over its body.
pub fn set_content_md5(request: &mut http::Request<Vec<u8>>) {
    let digest = content_md5(request.body());
    // Base64 text is always a valid header value.
    if let Ok(value) = http::HeaderValue::from_str(&digest) {
        request.headers_mut().insert(CONTENT_MD5, value);
    }
}

/// The chunk size of Glacier's tree hash: 1 MiB.
const TREE_HASH_CHUNK: usize = 1024 * 1024;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of `body`, in lower-case hex (`X-Amz-Content-Sha256`).
pub fn sha256_hex(body: &[u8]) -> String {
    hex(&Sha256::digest(body))
}

/// Glacier's tree hash of `body` in lower-case hex (`X-Amz-Sha256-Tree-Hash`): the SHA-256 of
/// each 1 MiB chunk, then of each adjacent pair of digests, level by level, until one is left
/// (an odd digest out moves up unchanged).
pub fn tree_hash_hex(body: &[u8]) -> String {
    let mut level: Vec<Vec<u8>> = if body.is_empty() {
        vec![Sha256::digest(body).to_vec()]
    } else {
        body.chunks(TREE_HASH_CHUNK)
            .map(|chunk| Sha256::digest(chunk).to_vec())
            .collect()
    };
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| match pair {
                [left, right] => {
                    let mut hasher = Sha256::new();
                    hasher.update(left);
                    hasher.update(right);
                    hasher.finalize().to_vec()
                }
                [single] => single.clone(),
                _ => unreachable!("chunks(2) yields one or two items"),
            })
            .collect();
    }
    hex(&level[0])
}

/// Adds Glacier's `X-Amz-Content-Sha256` and `X-Amz-Sha256-Tree-Hash` to a built request,
/// keeping values the caller already set.
pub fn set_glacier_checksums(request: &mut http::Request<Vec<u8>>) {
    for (name, compute) in [
        ("x-amz-content-sha256", sha256_hex as fn(&[u8]) -> String),
        ("x-amz-sha256-tree-hash", tree_hash_hex),
    ] {
        if !request.headers().contains_key(name) {
            let digest = compute(request.body());
            if let Ok(value) = http::HeaderValue::from_str(&digest) {
                request.headers_mut().insert(name, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glacier_hashes_of_one_chunk_equal_the_plain_sha256() {
        let hello = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
        assert_eq!(sha256_hex(b"hello world"), hello);
        assert_eq!(tree_hash_hex(b"hello world"), hello);
        let mut request = http::Request::new(b"hello world".to_vec());
        request.headers_mut().insert(
            "x-amz-sha256-tree-hash",
            http::HeaderValue::from_static("given"),
        );
        set_glacier_checksums(&mut request);
        assert_eq!(request.headers()["x-amz-content-sha256"], hello);
        assert_eq!(request.headers()["x-amz-sha256-tree-hash"], "given");
    }

    #[test]
    fn tree_hash_combines_chunk_digests_pairwise() {
        // Three chunks: hash(hash(h0 + h1) + h2), with the odd one moved up unchanged.
        let body: Vec<u8> = (0..TREE_HASH_CHUNK * 2 + 10)
            .map(|i| (i % 251) as u8)
            .collect();
        let digests: Vec<Vec<u8>> = body
            .chunks(TREE_HASH_CHUNK)
            .map(|c| Sha256::digest(c).to_vec())
            .collect();
        let joined = |a: &[u8], b: &[u8]| {
            let mut h = Sha256::new();
            h.update(a);
            h.update(b);
            h.finalize().to_vec()
        };
        let expected = joined(&joined(&digests[0], &digests[1]), &digests[2]);
        assert_eq!(tree_hash_hex(&body), hex(&expected));
        assert_ne!(tree_hash_hex(&body), sha256_hex(&body));
    }

    #[test]
    fn digests_match_known_values() {
        // RFC 1321 test suite values, base64 encoded.
        assert_eq!(content_md5(b""), "1B2M2Y8AsgTpgAmY7PhCfg==");
        assert_eq!(content_md5(b"abc"), "kAFQmDzST7DWlj99KOF/cg==");
    }

    #[test]
    fn header_is_set_over_the_body() {
        let mut request = http::Request::new(b"abc".to_vec());
        set_content_md5(&mut request);
        assert_eq!(request.headers()["content-md5"], "kAFQmDzST7DWlj99KOF/cg==");
    }
}
