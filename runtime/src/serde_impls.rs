//! `serde` support for the runtime's value types (feature `serde`), so generated data types can
//! derive `Serialize` and `Deserialize`.
//!
//! The representation is chosen for readability and lossless round trips, not to match any
//! wire protocol:
//!
//! - [`Blob`]: base64 text in human-readable formats (JSON, YAML, …), raw bytes otherwise;
//! - [`DateTime`]: RFC 3339 text (`2024-05-01T12:00:00Z`, fractions kept) in human-readable
//!   formats, fractional epoch seconds otherwise; both forms are accepted when reading;
//! - [`Document`]: the JSON-like value it holds (null, bool, number, string, list, map).

use crate::{Blob, DateTime, Document, TimestampFormat};
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};
use std::fmt;

impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(&self.to_base64())
        } else {
            serializer.serialize_bytes(self.as_bytes())
        }
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Blob, D::Error> {
        struct BlobVisitor;

        impl<'de> Visitor<'de> for BlobVisitor {
            type Value = Blob;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("base64 text or bytes")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Blob, E> {
                Blob::from_base64(text).map_err(E::custom)
            }

            fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Blob, E> {
                Ok(Blob::new(bytes))
            }

            fn visit_byte_buf<E: de::Error>(self, bytes: Vec<u8>) -> Result<Blob, E> {
                Ok(Blob::new(bytes))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Blob, A::Error> {
                let mut bytes = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(byte) = seq.next_element::<u8>()? {
                    bytes.push(byte);
                }
                Ok(Blob::new(bytes))
            }
        }

        if deserializer.is_human_readable() {
            deserializer.deserialize_str(BlobVisitor)
        } else {
            deserializer.deserialize_bytes(BlobVisitor)
        }
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(&self.fmt(TimestampFormat::DateTime))
        } else {
            serializer.serialize_f64(self.as_fractional_secs())
        }
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        struct DateTimeVisitor;

        impl Visitor<'_> for DateTimeVisitor {
            type Value = DateTime;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 date-time or epoch seconds")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTime, E> {
                DateTime::parse(text, TimestampFormat::DateTime).map_err(E::custom)
            }

            fn visit_f64<E: de::Error>(self, secs: f64) -> Result<DateTime, E> {
                DateTime::from_fractional_secs(secs).map_err(E::custom)
            }

            fn visit_i64<E: de::Error>(self, secs: i64) -> Result<DateTime, E> {
                // Epoch seconds within ±2^53 are exact as f64; beyond that no DateTime exists.
                self.visit_f64(secs as f64)
            }

            fn visit_u64<E: de::Error>(self, secs: u64) -> Result<DateTime, E> {
                self.visit_f64(secs as f64)
            }
        }

        if deserializer.is_human_readable() {
            deserializer.deserialize_any(DateTimeVisitor)
        } else {
            deserializer.deserialize_f64(DateTimeVisitor)
        }
    }
}

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Document, D::Error> {
        serde_json::Value::deserialize(deserializer).map(Document::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T>(value: &T) -> T
    where
        T: Serialize + for<'de> Deserialize<'de>,
    {
        let text = serde_json::to_string(value).unwrap_or_else(|e| panic!("serialize: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("deserialize {text}: {e}"))
    }

    #[test]
    fn blob_is_base64_text() {
        let blob = Blob::new(b"hello\0world".to_vec());
        assert_eq!(
            serde_json::to_value(&blob).ok(),
            Some(serde_json::json!("aGVsbG8Ad29ybGQ="))
        );
        assert_eq!(round_trip(&blob), blob);
    }

    #[test]
    fn date_time_is_rfc3339_and_accepts_epoch_seconds() {
        let time =
            DateTime::from_fractional_secs(1_700_000_000.25).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            serde_json::to_value(time).ok(),
            Some(serde_json::json!("2023-11-14T22:13:20.25Z"))
        );
        assert_eq!(round_trip(&time), time);
        let from_number: Option<DateTime> = serde_json::from_str("1700000000.25").ok();
        assert_eq!(from_number, Some(time));
    }

    #[test]
    fn document_is_its_json_value() {
        let doc = Document::from(serde_json::json!({"a": [1, 2.5, "x", null, true]}));
        assert_eq!(
            serde_json::to_value(&doc).ok(),
            Some(serde_json::json!({"a": [1, 2.5, "x", null, true]}))
        );
        assert_eq!(round_trip(&doc), doc);
    }
}
