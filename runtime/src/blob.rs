//! The Smithy `blob` type: an owned run of raw bytes.
//!
//! Text-based protocols (JSON, XML, query strings, headers) carry blobs as base64, so [`Blob`]
//! knows how to encode itself to and decode itself from the standard base64 alphabet.

use std::fmt;

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;

/// Standard alphabet; writes `=` padding and, when reading, wants exactly the canonical amount.
const PADDED: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
);

/// Standard alphabet read without any padding.
const UNPADDED: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone),
);

/// Raw bytes, as a Smithy `blob` member holds them.
///
/// This is a thin owner of a `Vec<u8>`; it exists so that generated code has one named type for
/// blobs and so the base64 rules used on the wire live in one place.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Blob {
    bytes: Vec<u8>,
}

impl Blob {
    /// Wraps the given bytes (anything that converts into a `Vec<u8>`) without copying a vector.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Blob {
            bytes: bytes.into(),
        }
    }

    /// Borrows the bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Gives back the owned bytes.
    pub fn into_inner(self) -> Vec<u8> {
        self.bytes
    }

    /// Number of bytes held.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// True when the blob holds no bytes at all.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Encodes the bytes as base64 with the standard alphabet (`+`, `/`) and `=` padding.
    pub fn to_base64(&self) -> String {
        PADDED.encode(&self.bytes)
    }

    /// Decodes base64 text written with the standard alphabet.
    ///
    /// Padding may be present (it must then be the right amount) or left out altogether. Anything
    /// else — characters outside the alphabet, URL-safe `-`/`_`, whitespace, a length that cannot
    /// come from whole bytes, or non-zero leftover bits in the final character — is an error.
    pub fn from_base64(text: &str) -> Result<Blob, BlobDecodeError> {
        // Text that ends in `=` must be padded correctly (`YmxvYg=` is refused); text without
        // any `=` is read as unpadded. base64's own "indifferent" mode would accept the former.
        let engine = if text.ends_with('=') {
            &PADDED
        } else {
            &UNPADDED
        };
        engine
            .decode(text.as_bytes())
            .map(Blob::new)
            .map_err(|err| BlobDecodeError {
                detail: describe(&err),
            })
    }
}

/// Phrases a base64 decoding failure in plain words.
fn describe(err: &base64::DecodeError) -> String {
    match err {
        base64::DecodeError::InvalidByte(offset, byte) => format!(
            "byte {:?} at offset {offset} is not in the standard base64 alphabet",
            char::from(*byte)
        ),
        base64::DecodeError::InvalidLength(len) => {
            format!("{len} base64 symbols cannot encode a whole number of bytes")
        }
        base64::DecodeError::InvalidLastSymbol(offset, byte) => format!(
            "last symbol {:?} at offset {offset} leaves non-zero unused bits",
            char::from(*byte)
        ),
        base64::DecodeError::InvalidPadding => {
            "padding `=` is misplaced or of the wrong length".into()
        }
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Blob::new(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Blob::new(bytes)
    }
}

impl From<&str> for Blob {
    fn from(text: &str) -> Self {
        Blob::new(text.as_bytes())
    }
}

impl From<String> for Blob {
    fn from(text: String) -> Self {
        Blob::new(text.into_bytes())
    }
}

impl From<Blob> for Vec<u8> {
    fn from(blob: Blob) -> Self {
        blob.bytes
    }
}

/// Returned by [`Blob::from_base64`] when the text is not valid standard base64.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlobDecodeError {
    detail: String,
}

impl fmt::Display for BlobDecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid base64 blob: {}", self.detail)
    }
}

impl std::error::Error for BlobDecodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructors_and_accessors() {
        let blob = Blob::new(vec![1u8, 2, 3]);
        assert_eq!(blob.as_bytes(), &[1, 2, 3]);
        assert_eq!(blob.as_ref(), &[1, 2, 3]);
        assert_eq!(blob.len(), 3);
        assert!(!blob.is_empty());
        assert_eq!(blob.clone().into_inner(), vec![1, 2, 3]);
        assert_eq!(Vec::from(blob.clone()), vec![1, 2, 3]);
        assert_eq!(Blob::from(vec![1u8, 2, 3]), blob);
        assert_eq!(Blob::from(&[1u8, 2, 3][..]), blob);
        assert_eq!(Blob::from("abc"), Blob::new(*b"abc"));
        assert_eq!(Blob::from(String::from("abc")), Blob::new("abc"));
        assert!(Blob::default().is_empty());
    }

    #[test]
    fn encodes_with_padding() {
        assert_eq!(Blob::from("").to_base64(), "");
        assert_eq!(Blob::from("f").to_base64(), "Zg==");
        assert_eq!(Blob::from("fo").to_base64(), "Zm8=");
        assert_eq!(Blob::from("foo").to_base64(), "Zm9v");
        assert_eq!(Blob::from("blob").to_base64(), "YmxvYg==");
        assert_eq!(Blob::new(vec![0xfb, 0xff]).to_base64(), "+/8=");
    }

    #[test]
    fn decodes_with_and_without_padding() {
        assert_eq!(Blob::from_base64("YmxvYg==").unwrap(), Blob::from("blob"));
        assert_eq!(Blob::from_base64("YmxvYg").unwrap(), Blob::from("blob"));
        assert_eq!(Blob::from_base64("Zm8=").unwrap(), Blob::from("fo"));
        assert_eq!(Blob::from_base64("Zm8").unwrap(), Blob::from("fo"));
        assert_eq!(Blob::from_base64("").unwrap(), Blob::default());
        assert_eq!(Blob::from_base64("+/8=").unwrap().as_bytes(), &[0xfb, 0xff]);
    }

    #[test]
    fn round_trips_all_byte_values() {
        for len in 0..=260usize {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 7 + len) as u8).collect();
            let blob = Blob::new(bytes);
            assert_eq!(Blob::from_base64(&blob.to_base64()).unwrap(), blob);
        }
    }

    #[test]
    fn rejects_malformed_text() {
        // The Smithy malformed-blob protocol test values that are strings.
        for bad in [
            "xyz",
            "YmxvYg=",
            "-_==",
            "blob!",
            "Zm9v Zm9v",
            "Z",
            "Zg===",
            "=Zg=",
        ] {
            let err = Blob::from_base64(bad).unwrap_err();
            let message = err.to_string();
            assert!(message.starts_with("invalid base64 blob: "), "{message}");
        }
        let err = Blob::from_base64("ab$d").unwrap_err();
        assert!(err.to_string().contains("'$' at offset 2"), "{err}");
    }
}
