//! JSON building blocks for generated serializers and deserializers.
//!
//! Generated code writes its types through [`ToJson`] (straight to bytes with a
//! [`JsonWriter`]) and reads them from a [`serde_json::Value`]
//! through [`FromJson`], calling the helpers here for everything that is the same in every
//! model: numbers (including `NaN`/`Infinity` as strings), blobs (base64), timestamps, lists,
//! maps, and the rule that `null` means absent.

use crate::error::DeserializeError;
use crate::json_writer::JsonWriter;
use crate::{Blob, DateTime, Document, TimestampFormat};
use serde_json::Number;
use std::collections::HashMap;

pub use serde_json::{Map, Value};

/// Writes a generated type as JSON.
pub trait ToJson {
    /// Writes the JSON form of `self` to `out`: what request serializers call, with no
    /// intermediate `Value` tree.
    fn write_json(&self, out: &mut JsonWriter);

    /// The JSON form of `self` as a `Value` (for tests and for the rare request that is
    /// edited after serializing): written, then read back.
    fn to_json(&self) -> Value {
        let mut out = JsonWriter::new();
        self.write_json(&mut out);
        let mut reader = serde_json::Deserializer::from_slice(out.as_bytes());
        // Our own output is exactly as deep as `self`, which already exists in memory: the
        // parser's depth limit (meant for untrusted input) must not cut it short.
        reader.disable_recursion_limit();
        // The writer only writes valid JSON, so the fallback is never taken.
        reader
            .into_iter::<Value>()
            .next()
            .and_then(Result::ok)
            .unwrap_or(Value::Null)
    }
}

/// Reads a generated type from JSON.
pub trait FromJson: Sized {
    /// Parses `value`; errors name the path inside `value`.
    fn from_json(value: &Value) -> Result<Self, DeserializeError>;
}

/// The value a required member takes when a response omits it (Smithy's client error
/// correction): empty, zero, false, or the same recursively for structures.
pub trait Zero {
    /// The zero value.
    fn zero() -> Self;
}

// ---------------------------------------------------------------- writing

/// A string.
pub fn string(value: &str) -> Value {
    Value::String(value.to_owned())
}

/// An integer of any width.
pub fn integer(value: impl Into<i64>) -> Value {
    Value::Number(value.into().into())
}

/// A double; non-finite values are written as the strings `NaN`, `Infinity`, `-Infinity`.
pub fn double(value: f64) -> Value {
    match Number::from_f64(value) {
        Some(number) => Value::Number(number),
        None if value.is_nan() => string("NaN"),
        None if value > 0.0 => string("Infinity"),
        None => string("-Infinity"),
    }
}

/// A float (widened exactly as its shortest decimal form, so `1.1f32` stays `1.1`).
pub fn float(value: f32) -> Value {
    if value.is_finite() {
        match value.to_string().parse::<f64>() {
            Ok(wide) => double(wide),
            Err(_) => double(f64::from(value)),
        }
    } else {
        double(f64::from(value))
    }
}

/// An arbitrary-precision number kept as decimal text: written as a JSON number when it
/// parses as one, otherwise as a string.
pub fn big_number(value: &str) -> Value {
    match value.parse::<Number>() {
        Ok(number) => Value::Number(number),
        Err(_) => Value::String(value.to_owned()),
    }
}

/// A blob as base64.
pub fn blob(value: &Blob) -> Value {
    Value::String(value.to_base64())
}

/// A timestamp: epoch seconds as a number, the other formats as strings.
pub fn timestamp(value: &DateTime, format: TimestampFormat) -> Value {
    match format {
        TimestampFormat::EpochSeconds => {
            if value.subsec_nanos() == 0 {
                Value::Number(value.secs().into())
            } else {
                // Milliseconds are what AWS services use on the wire.
                let millis = (value.subsec_nanos() / 1_000_000) as f64 / 1000.0;
                double(value.secs() as f64 + millis)
            }
        }
        other => Value::String(value.fmt(other)),
    }
}

/// A document, as is.
pub fn document(value: &Document) -> Value {
    value.to_json()
}

/// A dense list.
pub fn list<T>(items: &[T], mut write: impl FnMut(&T) -> Value) -> Value {
    Value::Array(items.iter().map(&mut write).collect())
}

/// A sparse list: `None` items are written as `null`.
pub fn sparse_list<T>(items: &[Option<T>], mut write: impl FnMut(&T) -> Value) -> Value {
    Value::Array(
        items
            .iter()
            .map(|item| item.as_ref().map_or(Value::Null, &mut write))
            .collect(),
    )
}

/// A dense map, keys in sorted order so the same input always gives the same bytes.
pub fn map<T>(entries: &HashMap<String, T>, mut write: impl FnMut(&T) -> Value) -> Value {
    let mut keys: Vec<&String> = entries.keys().collect();
    keys.sort();
    let mut object = Map::with_capacity(keys.len());
    for key in keys {
        if let Some(value) = entries.get(key) {
            object.insert(key.clone(), write(value));
        }
    }
    Value::Object(object)
}

/// A sparse map: `None` values are written as `null`.
pub fn sparse_map<T>(
    entries: &HashMap<String, Option<T>>,
    mut write: impl FnMut(&T) -> Value,
) -> Value {
    let mut keys: Vec<&String> = entries.keys().collect();
    keys.sort();
    let mut object = Map::with_capacity(keys.len());
    for key in keys {
        if let Some(value) = entries.get(key) {
            object.insert(key.clone(), value.as_ref().map_or(Value::Null, &mut write));
        }
    }
    Value::Object(object)
}

// ---------------------------------------------------------------- reading

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn expected(what: &str, value: &Value) -> DeserializeError {
    DeserializeError::new(format!("expected {what}, found {}", kind(value)))
}

/// Parses a response body. An empty body reads as an empty object, as AWS JSON services
/// may send no body for an output without members.
pub fn parse_body(body: &[u8]) -> Result<Value, DeserializeError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Map::new()));
    }
    // serde_json bounds nesting depth, so hostile input cannot exhaust the stack.
    serde_json::from_slice(body).map_err(|e| {
        if is_depth_limit(&e) {
            return DeserializeError::new(format!(
                "the body is nested more than {MAX_DEPTH} levels deep (line {}, column {})",
                e.line(),
                e.column()
            ));
        }
        DeserializeError::new(format!(
            "the body is not valid JSON ({} at line {}, column {})",
            describe_json_error(&e),
            e.line(),
            e.column()
        ))
    })
}

/// How deeply arrays and objects may nest in a body (the root counts as level 1): the most
/// serde_json's fixed recursion limit lets through. A deeper body fails with a
/// [`DeserializeError`] saying so, instead of overflowing the stack.
pub const MAX_DEPTH: usize = 127;

/// serde_json reports the depth limit only through its message (the error code is private).
fn is_depth_limit(error: &serde_json::Error) -> bool {
    error.to_string().starts_with("recursion limit exceeded")
}

fn describe_json_error(error: &serde_json::Error) -> &'static str {
    match error.classify() {
        serde_json::error::Category::Io => "read error",
        serde_json::error::Category::Syntax => "syntax error",
        serde_json::error::Category::Data => "unexpected data",
        serde_json::error::Category::Eof => "unexpected end of input",
    }
}

/// The members of an object.
pub fn object(value: &Value) -> Result<&Map<String, Value>, DeserializeError> {
    value
        .as_object()
        .ok_or_else(|| expected("an object", value))
}

/// Reads member `name` of `object` with `read`; absent or `null` gives `None`. Errors are
/// placed at `name`.
pub fn member<T>(
    object: &Map<String, Value>,
    name: &str,
    read: impl FnOnce(&Value) -> Result<T, DeserializeError>,
) -> Result<Option<T>, DeserializeError> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => read(value).map(Some).map_err(|e| e.at_member(name)),
    }
}

/// A string.
pub fn read_string(value: &Value) -> Result<String, DeserializeError> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| expected("a string", value))
}

/// A boolean.
pub fn read_bool(value: &Value) -> Result<bool, DeserializeError> {
    value.as_bool().ok_or_else(|| expected("a boolean", value))
}

/// An integer that fits `T` (`i8`, `i16`, `i32`, `i64`).
pub fn read_integer<T: TryFrom<i64>>(value: &Value) -> Result<T, DeserializeError> {
    let wide = value
        .as_i64()
        .ok_or_else(|| expected("an integer", value))?;
    T::try_from(wide).map_err(|_| {
        DeserializeError::new(format!(
            "the integer does not fit in {} bits",
            std::mem::size_of::<T>() * 8
        ))
    })
}

/// A double: a number, or one of the strings `NaN`, `Infinity`, `-Infinity`.
pub fn read_double(value: &Value) -> Result<f64, DeserializeError> {
    match value {
        Value::Number(number) => number.as_f64().ok_or_else(|| expected("a double", value)),
        Value::String(text) => match text.as_str() {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            _ => Err(DeserializeError::new(
                "expected a number, found a string that is not NaN or Infinity",
            )),
        },
        other => Err(expected("a number", other)),
    }
}

/// A float (see [`read_double`]).
pub fn read_float(value: &Value) -> Result<f32, DeserializeError> {
    read_double(value).map(|wide| wide as f32)
}

/// An arbitrary-precision number as its decimal text (a JSON number or a numeric string).
pub fn read_big_number(value: &Value) -> Result<String, DeserializeError> {
    match value {
        Value::Number(number) => Ok(number.to_string()),
        Value::String(text) => Ok(text.clone()),
        other => Err(expected("a number", other)),
    }
}

/// A base64 blob.
pub fn read_blob(value: &Value) -> Result<Blob, DeserializeError> {
    let text = value
        .as_str()
        .ok_or_else(|| expected("a base64 string", value))?;
    Blob::from_base64(text).map_err(|_| DeserializeError::new("the string is not valid base64"))
}

/// A timestamp in `format`; epoch seconds may be an integer or a fraction.
pub fn read_timestamp(
    value: &Value,
    format: TimestampFormat,
) -> Result<DateTime, DeserializeError> {
    match (format, value) {
        (TimestampFormat::EpochSeconds, Value::Number(number)) => {
            if let Some(secs) = number.as_i64() {
                Ok(DateTime::from_secs(secs))
            } else {
                let secs = number
                    .as_f64()
                    .ok_or_else(|| expected("epoch seconds", value))?;
                DateTime::from_fractional_secs(secs)
                    .map_err(|_| DeserializeError::new("the epoch seconds are out of range"))
            }
        }
        (TimestampFormat::EpochSeconds, other) => Err(expected("epoch seconds (a number)", other)),
        // The text is never quoted: the timestamp may be `@sensitive`, and parse errors never
        // repeat body values.
        (format, Value::String(text)) => DateTime::parse(text, format).map_err(|_| {
            DeserializeError::new(format!(
                "expected a {format} timestamp, found a string that is not one"
            ))
        }),
        (_, other) => Err(expected("a timestamp string", other)),
    }
}

/// A document: any JSON value.
pub fn read_document(value: &Value) -> Result<Document, DeserializeError> {
    Ok(Document::from(value.clone()))
}

/// A dense list; `null` items are dropped (client error correction).
pub fn read_list<T>(
    value: &Value,
    mut read: impl FnMut(&Value) -> Result<T, DeserializeError>,
) -> Result<Vec<T>, DeserializeError> {
    let items = value
        .as_array()
        .ok_or_else(|| expected("an array", value))?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if !item.is_null() {
            out.push(read(item).map_err(|e| e.at_index(i))?);
        }
    }
    Ok(out)
}

/// A sparse list; `null` items are kept as `None`.
pub fn read_sparse_list<T>(
    value: &Value,
    mut read: impl FnMut(&Value) -> Result<T, DeserializeError>,
) -> Result<Vec<Option<T>>, DeserializeError> {
    let items = value
        .as_array()
        .ok_or_else(|| expected("an array", value))?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(if item.is_null() {
            None
        } else {
            Some(read(item).map_err(|e| e.at_index(i))?)
        });
    }
    Ok(out)
}

/// A dense map; entries with a `null` value are dropped.
pub fn read_map<T>(
    value: &Value,
    mut read: impl FnMut(&Value) -> Result<T, DeserializeError>,
) -> Result<HashMap<String, T>, DeserializeError> {
    let entries = object(value)?;
    let mut out = HashMap::with_capacity(entries.len());
    for (key, item) in entries {
        if !item.is_null() {
            out.insert(key.clone(), read(item).map_err(|e| e.at_key(key))?);
        }
    }
    Ok(out)
}

/// A sparse map; `null` values are kept as `None`.
pub fn read_sparse_map<T>(
    value: &Value,
    mut read: impl FnMut(&Value) -> Result<T, DeserializeError>,
) -> Result<HashMap<String, Option<T>>, DeserializeError> {
    let entries = object(value)?;
    let mut out = HashMap::with_capacity(entries.len());
    for (key, item) in entries {
        let parsed = if item.is_null() {
            None
        } else {
            Some(read(item).map_err(|e| e.at_key(key))?)
        };
        out.insert(key.clone(), parsed);
    }
    Ok(out)
}

/// The single set member of a union object: its name and value. `__type` and `null`
/// members are ignored; `Ok(None)` means the object set no member.
pub fn union_member(value: &Value) -> Result<Option<(&str, &Value)>, DeserializeError> {
    let entries = object(value)?;
    let mut set = entries
        .iter()
        .filter(|(key, item)| key.as_str() != "__type" && !item.is_null());
    match (set.next(), set.next()) {
        (None, _) => Ok(None),
        (Some((key, item)), None) => Ok(Some((key.as_str(), item))),
        (Some(_), Some(_)) => Err(DeserializeError::new(
            "a union must set exactly one member, found several",
        )),
    }
}

impl<T: ToJson> ToJson for Box<T> {
    fn write_json(&self, out: &mut JsonWriter) {
        (**self).write_json(out)
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json(value: &Value) -> Result<Self, DeserializeError> {
        T::from_json(value).map(Box::new)
    }
}

// ---------------------------------------------------------------- zero values

macro_rules! zero_default {
    ($($ty:ty),*) => {
        $(impl Zero for $ty {
            fn zero() -> Self {
                <$ty>::default()
            }
        })*
    };
}

zero_default!(String, bool, i8, i16, i32, i64, f32, f64);

impl Zero for Blob {
    fn zero() -> Self {
        Blob::new(Vec::new())
    }
}

/// An empty stream: the value of a `@streaming` payload before the body is attached.
impl Zero for crate::ByteStream {
    fn zero() -> Self {
        crate::ByteStream::default()
    }
}

impl Zero for DateTime {
    fn zero() -> Self {
        DateTime::from_secs(0)
    }
}

impl Zero for Document {
    fn zero() -> Self {
        Document::Null
    }
}

impl<T> Zero for Vec<T> {
    fn zero() -> Self {
        Vec::new()
    }
}

impl<T> Zero for HashMap<String, T> {
    fn zero() -> Self {
        HashMap::new()
    }
}

impl<T> Zero for Option<T> {
    fn zero() -> Self {
        None
    }
}

impl<T: Zero> Zero for Box<T> {
    fn zero() -> Self {
        Box::new(T::zero())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_timestamp_is_never_quoted() {
        let value = Value::String("SECRET-2020-13-45".to_owned());
        for format in [TimestampFormat::DateTime, TimestampFormat::HttpDate] {
            let error = read_timestamp(&value, format).expect_err("not a timestamp");
            assert!(!error.to_string().contains("SECRET"), "{error}");
            assert!(error.to_string().contains("timestamp"), "{error}");
        }
    }
}

#[cfg(test)]
mod to_json_tests {
    use super::{JsonWriter, ToJson, Value};

    /// `depth` nested arrays.
    struct Nested(usize);

    impl ToJson for Nested {
        fn write_json(&self, out: &mut JsonWriter) {
            if self.0 == 0 {
                out.null();
            } else {
                out.list(&[Nested(self.0 - 1)], |out, inner| inner.write_json(out));
            }
        }
    }

    #[test]
    fn to_json_reads_back_values_deeper_than_the_parse_limit() {
        let mut value = &Nested(300).to_json();
        let mut depth = 0;
        while let Value::Array(items) = value {
            value = &items[0];
            depth += 1;
        }
        assert_eq!(depth, 300);
        assert_eq!(value, &Value::Null);
    }
}
