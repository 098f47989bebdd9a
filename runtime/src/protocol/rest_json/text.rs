//! Scalars as text outside a JSON body: in labels, query values and headers.
//!
//! Numbers are written in decimal, floats that are not finite as `NaN`, `Infinity` and
//! `-Infinity`, booleans as `true`/`false`, timestamps in the member's `@timestampFormat`
//! (the binding decides the default: `date-time` in labels and queries, `http-date` in
//! headers). The readers take the same forms and say which header was wrong, never the value
//! (which may be sensitive).

use crate::datetime::{DateTime, TimestampFormat};
use crate::error::DeserializeError;
use std::str::FromStr;

/// Writes a double; non-finite values use the names Smithy gives them.
pub fn double(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else {
        value.to_string()
    }
}

/// Writes a float; non-finite values use the names Smithy gives them.
pub fn float(value: f32) -> String {
    if value.is_finite() {
        value.to_string()
    } else {
        double(f64::from(value))
    }
}

/// Writes a timestamp in `format`.
pub fn timestamp(value: &DateTime, format: TimestampFormat) -> String {
    value.fmt(format)
}

/// Writes a `@mediaType` string for a header: base64 of its UTF-8 bytes.
pub fn base64(value: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(value)
}

/// Reads a `@mediaType` string from a header (base64 of UTF-8 text).
pub fn read_base64(text: &str, what: &str) -> Result<String, DeserializeError> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .map_err(|_| bad(what, "base64 text"))?;
    String::from_utf8(bytes).map_err(|_| bad(what, "base64 of UTF-8 text"))
}

fn bad(what: &str, expected: &str) -> DeserializeError {
    DeserializeError::new(format!("{what} is not {expected}"))
}

/// Reads `true` or `false`; `what` names the header or value for the error.
pub fn read_bool(text: &str, what: &str) -> Result<bool, DeserializeError> {
    match text.trim() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(bad(what, "`true` or `false`")),
    }
}

/// Reads an integer that fits `T`.
pub fn read_integer<T: FromStr>(text: &str, what: &str) -> Result<T, DeserializeError> {
    text.trim()
        .parse()
        .map_err(|_| bad(what, "an integer in range"))
}

/// Reads a double, including `NaN`, `Infinity` and `-Infinity`.
pub fn read_double(text: &str, what: &str) -> Result<f64, DeserializeError> {
    match text.trim() {
        "NaN" => Ok(f64::NAN),
        "Infinity" => Ok(f64::INFINITY),
        "-Infinity" => Ok(f64::NEG_INFINITY),
        // Rust would also accept `inf` and `nan`, which Smithy does not.
        number
            if number
                .bytes()
                .any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E') =>
        {
            Err(bad(what, "a number"))
        }
        number => number.parse().map_err(|_| bad(what, "a number")),
    }
}

/// Reads a float, including `NaN`, `Infinity` and `-Infinity`.
pub fn read_float(text: &str, what: &str) -> Result<f32, DeserializeError> {
    // Rounding to the nearest `f32` is what a float member means.
    #[allow(clippy::cast_possible_truncation)]
    read_double(text, what).map(|value| value as f32)
}

/// Reads a timestamp written in `format`.
pub fn read_timestamp(
    text: &str,
    format: TimestampFormat,
    what: &str,
) -> Result<DateTime, DeserializeError> {
    DateTime::parse(text.trim(), format)
        .map_err(|_| bad(what, &format!("a timestamp in the `{format}` format")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_finite_floats_have_names() {
        assert_eq!(double(f64::NAN), "NaN");
        assert_eq!(double(f64::INFINITY), "Infinity");
        assert_eq!(double(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(float(f32::NEG_INFINITY), "-Infinity");
        assert_eq!(double(1.1), "1.1");
        assert_eq!(float(1.1), "1.1");
        assert_eq!(double(-0.5), "-0.5");
        assert_eq!(double(3.0), "3");
    }

    #[test]
    fn numbers_read_back() {
        assert!(read_double("NaN", "h").unwrap().is_nan());
        assert_eq!(read_double("-Infinity", "h").unwrap(), f64::NEG_INFINITY);
        assert_eq!(read_double(" 1.5e3 ", "h").unwrap(), 1500.0);
        assert!(read_double("inf", "h").is_err());
        assert!(read_double("nan", "h").is_err());
        assert_eq!(read_float("2.5", "h").unwrap(), 2.5);
        assert_eq!(read_integer::<i8>("-12", "h").unwrap(), -12);
        let error = read_integer::<i8>("300", "X-Byte").unwrap_err().to_string();
        assert!(error.contains("X-Byte"), "{error}");
        assert!(read_bool("true", "h").unwrap());
        assert!(!read_bool("false", "h").unwrap());
        assert!(read_bool("yes", "h").is_err());
    }

    #[test]
    fn media_type_strings_are_base64() {
        assert_eq!(base64("true"), "dHJ1ZQ==");
        assert_eq!(read_base64("dHJ1ZQ==", "h").unwrap(), "true");
        assert!(read_base64("***", "X-Json")
            .unwrap_err()
            .to_string()
            .contains("X-Json"));
    }

    #[test]
    fn timestamps_in_each_format() {
        let value = DateTime::from_secs(1576540098);
        assert_eq!(
            timestamp(&value, TimestampFormat::HttpDate),
            "Mon, 16 Dec 2019 23:48:18 GMT"
        );
        assert_eq!(
            timestamp(&value, TimestampFormat::DateTime),
            "2019-12-16T23:48:18Z"
        );
        assert_eq!(
            timestamp(&value, TimestampFormat::EpochSeconds),
            "1576540098"
        );
        for format in [
            TimestampFormat::HttpDate,
            TimestampFormat::DateTime,
            TimestampFormat::EpochSeconds,
        ] {
            let text = timestamp(&value, format);
            assert_eq!(read_timestamp(&text, format, "h").unwrap(), value);
        }
        let error = read_timestamp("soon", TimestampFormat::HttpDate, "X-When")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("X-When") && !error.contains("soon"),
            "{error}"
        );
    }
}
