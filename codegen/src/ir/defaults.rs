//! `@default` values: the model's JSON checked against the member's Rust type and turned into
//! a typed [`DefaultValue`]. A value that does not fit (a string for an integer, `300` for a
//! byte, an unknown enum value, a non-empty list) is a model error naming the member; it is
//! never silently replaced by zero. Timestamps are parsed here, at generation time.

use super::lower::{error, LowerError};
use super::{DefaultValue, NamedKind, RustType};
use crate::model::{EnumValue, Model, ShapeId, ShapeKind};
use base64::Engine as _;
use serde_json::Value;

/// The typed default of `member` (of type `ty`), from its `@default` JSON.
pub(super) fn lower_default(
    model: &Model,
    member: &ShapeId,
    ty: &RustType,
    value: &Value,
) -> Result<DefaultValue, LowerError> {
    let mismatch = |expected: &str| {
        error(
            member,
            format!("the @default {value} does not fit the member's type: expected {expected}"),
        )
    };
    let integer = |min: i64, max: i64, name: &str| -> Result<DefaultValue, LowerError> {
        match value.as_i64() {
            Some(n) if (min..=max).contains(&n) => Ok(DefaultValue::Integer(n)),
            _ => Err(mismatch(&format!("an integer that fits {name}"))),
        }
    };
    Ok(match ty {
        RustType::String => match value {
            Value::String(s) => DefaultValue::String(s.clone()),
            _ => return Err(mismatch("a string")),
        },
        RustType::BigNumber => match value {
            Value::String(s) => DefaultValue::String(s.clone()),
            Value::Number(n) => DefaultValue::String(n.to_string()),
            _ => return Err(mismatch("a number")),
        },
        RustType::Bool => match value {
            Value::Bool(b) => DefaultValue::Bool(*b),
            _ => return Err(mismatch("true or false")),
        },
        RustType::I8 => integer(i8::MIN.into(), i8::MAX.into(), "a byte")?,
        RustType::I16 => integer(i16::MIN.into(), i16::MAX.into(), "a short")?,
        RustType::I32 => integer(i32::MIN.into(), i32::MAX.into(), "an integer")?,
        RustType::I64 => integer(i64::MIN, i64::MAX, "a long")?,
        RustType::F32 | RustType::F64 => match value.as_f64() {
            Some(f) => DefaultValue::Float(f),
            None => return Err(mismatch("a number")),
        },
        RustType::Blob | RustType::ByteStream => match value {
            Value::String(s) => DefaultValue::Blob(
                base64::engine::general_purpose::STANDARD
                    .decode(s)
                    .map_err(|e| mismatch(&format!("base64 text ({e})")))?,
            ),
            _ => return Err(mismatch("base64 text")),
        },
        RustType::Timestamp(_) => {
            let (secs, nanos) = match value {
                Value::Number(n) => epoch_seconds(&n.to_string()),
                Value::String(s) => parse_date_time(s),
                _ => None,
            }
            .ok_or_else(|| {
                mismatch("epoch seconds or an RFC 3339 date-time such as 1985-04-12T23:20:50.52Z")
            })?;
            DefaultValue::Timestamp { secs, nanos }
        }
        RustType::Document => DefaultValue::Document(value.clone()),
        RustType::Named {
            id,
            kind: NamedKind::Enum,
            ..
        } => match value {
            Value::String(s) if enum_values(model, id).iter().any(|v| v == s) => {
                DefaultValue::Enum(s.clone())
            }
            _ => return Err(mismatch(&format!("one of the values of `{id}`"))),
        },
        RustType::Named {
            id,
            kind: NamedKind::IntEnum,
            ..
        } => match value.as_i64().and_then(|n| i32::try_from(n).ok()) {
            Some(n) if enum_values(model, id).contains(&n.to_string()) => DefaultValue::IntEnum(n),
            _ => return Err(mismatch(&format!("one of the values of `{id}`"))),
        },
        RustType::Named { .. } => {
            return Err(error(
                member,
                "a structure or union member cannot have a @default",
            ))
        }
        RustType::List { .. } => match value {
            Value::Array(items) if items.is_empty() => DefaultValue::EmptyList,
            _ => return Err(mismatch("an empty list")),
        },
        RustType::Map { .. } => match value {
            Value::Object(entries) if entries.is_empty() => DefaultValue::EmptyMap,
            _ => return Err(mismatch("an empty map")),
        },
    })
}

/// The wire values of an enum or int enum shape (as text).
fn enum_values(model: &Model, id: &ShapeId) -> Vec<String> {
    let Some(shape) = model.shape(id) else {
        return Vec::new();
    };
    let (ShapeKind::Enum(members) | ShapeKind::IntEnum(members)) = &shape.kind else {
        return Vec::new();
    };
    members
        .iter()
        .map(|member| match &member.traits.enum_value {
            Some(EnumValue::String(s)) => s.clone(),
            Some(EnumValue::Int(i)) => i.to_string(),
            None => member.name.clone(),
        })
        .collect()
}

/// Epoch seconds written as a decimal number (`1515531081`, `1515531081.123`, `-1.5`, `1e3`),
/// as whole seconds and nanoseconds, exactly (no binary floating point in between).
fn epoch_seconds(text: &str) -> Option<(i64, u32)> {
    if text.contains(['e', 'E']) {
        // serde_json prints large or tiny floats in exponent form; go through f64 for those.
        let f: f64 = text.parse().ok()?;
        if !f.is_finite() || f.abs() > 9.0e15 {
            return None;
        }
        let secs = f.floor();
        let nanos = ((f - secs) * 1e9).round() as u32;
        return Some(normalise(secs as i64, nanos));
    }
    let negative = text.starts_with('-');
    let digits = text.trim_start_matches('-');
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let whole: i64 = whole.parse().ok()?;
    let mut nanos_text: String = fraction.chars().take(9).collect();
    while nanos_text.len() < 9 {
        nanos_text.push('0');
    }
    let nanos: u32 = nanos_text.parse().ok()?;
    if !negative {
        return Some((whole, nanos));
    }
    // -1.5 is 1.5 seconds before the epoch: secs = -2, nanos = 500_000_000.
    if nanos == 0 {
        Some((-whole, 0))
    } else {
        Some((-whole - 1, 1_000_000_000 - nanos))
    }
}

fn normalise(secs: i64, nanos: u32) -> (i64, u32) {
    if nanos >= 1_000_000_000 {
        (secs + 1, nanos - 1_000_000_000)
    } else {
        (secs, nanos)
    }
}

/// An RFC 3339 date-time (`2006-01-02T15:04:05Z`, fractional seconds and `±hh:mm` offsets
/// allowed) as seconds and nanoseconds since the Unix epoch.
fn parse_date_time(text: &str) -> Option<(i64, u32)> {
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    if bytes.len() < 20
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || !matches!(bytes[10], b'T' | b't')
        || bytes[13] != b':'
        || bytes[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &text[19..];
    let mut nanos = 0u32;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let mut padded: String = fraction[..digits].chars().take(9).collect();
        while padded.len() < 9 {
            padded.push('0');
        }
        nanos = padded.parse().ok()?;
        rest = &fraction[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            if rest.len() != 6 || rest.as_bytes()[3] != b':' {
                return None;
            }
            let hours: i64 = rest[1..3].parse().ok()?;
            let minutes: i64 = rest[4..6].parse().ok()?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            sign * (hours * 3600 + minutes * 60)
        }
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset;
    Some((secs, nanos))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TimestampFormat;

    fn member() -> ShapeId {
        ShapeId::parse("test#Thing$count").unwrap()
    }

    fn lower(ty: &RustType, json: &str) -> Result<DefaultValue, LowerError> {
        let model = Model::load(r#"{"smithy": "2.0", "shapes": {}}"#).unwrap();
        lower_default(&model, &member(), ty, &serde_json::from_str(json).unwrap())
    }

    #[test]
    fn values_of_the_right_type_are_kept() {
        assert_eq!(lower(&RustType::I32, "5"), Ok(DefaultValue::Integer(5)));
        assert_eq!(
            lower(&RustType::String, "\"a\""),
            Ok(DefaultValue::String("a".into()))
        );
        assert_eq!(lower(&RustType::Bool, "true"), Ok(DefaultValue::Bool(true)));
        assert_eq!(lower(&RustType::F64, "1.5"), Ok(DefaultValue::Float(1.5)));
        assert_eq!(
            lower(&RustType::Blob, "\"aGk=\""),
            Ok(DefaultValue::Blob(b"hi".to_vec()))
        );
        assert_eq!(
            lower(&RustType::BigNumber, "12345678901234567890"),
            Ok(DefaultValue::String("12345678901234567890".into()))
        );
    }

    #[test]
    fn a_mismatch_is_an_error_naming_the_member() {
        for (ty, json) in [
            (RustType::I32, "\"five\""),
            (RustType::I8, "300"),
            (RustType::Bool, "0"),
            (RustType::String, "1"),
            (RustType::Blob, "\"not base64!\""),
            (
                RustType::Timestamp(TimestampFormat::DateTime),
                "\"yesterday\"",
            ),
        ] {
            let error = lower(&ty, json).expect_err(json);
            assert_eq!(error.shape(), Some(&member()), "{json}");
            assert!(error.to_string().contains("test#Thing$count"), "{error}");
        }
    }

    #[test]
    fn timestamps_are_parsed_at_generation_time() {
        let ts = RustType::Timestamp(TimestampFormat::EpochSeconds);
        let at = |json| match lower(&ts, json) {
            Ok(DefaultValue::Timestamp { secs, nanos }) => (secs, nanos),
            other => panic!("{json}: {other:?}"),
        };
        assert_eq!(at("0"), (0, 0));
        assert_eq!(at("1515531081"), (1_515_531_081, 0));
        assert_eq!(at("1515531081.123"), (1_515_531_081, 123_000_000));
        assert_eq!(at("-1.5"), (-2, 500_000_000));
        assert_eq!(at("\"1970-01-01T00:00:00Z\""), (0, 0));
        assert_eq!(
            at("\"2018-01-09T20:51:21.123Z\""),
            (1_515_531_081, 123_000_000)
        );
        assert_eq!(at("\"2018-01-09T21:51:21+01:00\""), (1_515_531_081, 0));
        assert_eq!(at("\"2000-02-29T00:00:00Z\""), (951_782_400, 0));
        assert_eq!(at("\"1969-12-31T23:59:59Z\""), (-1, 0));
        for bad in [
            "\"2018-02-30T00:00:00Z\"",
            "\"2018-01-09 20:51:21Z\"",
            "\"2018-01-09T20:51:21\"",
        ] {
            assert!(lower(&ts, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn collections_default_only_to_empty() {
        let list = RustType::List {
            item: Box::new(RustType::String),
            sparse: false,
            item_constraints: Box::default(),
            item_sensitive: false,
        };
        assert_eq!(lower(&list, "[]"), Ok(DefaultValue::EmptyList));
        assert!(lower(&list, "[\"a\"]").is_err());
    }
}
