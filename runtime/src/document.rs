//! The Smithy `document` type: open, untyped data shaped like JSON.
//!
//! A [`Document`] holds whatever a service sends in a `document` member: null, booleans,
//! numbers, strings, lists and string-keyed maps, nested freely. [`Number`] keeps integers exact
//! instead of squeezing everything through `f64`.

use std::collections::BTreeMap;

/// 2^63 (exact): the first value above `i64::MAX`.
const TWO_POW_63: f64 = (1u64 << 63) as f64;
/// 2^64 (exact): the first value above `u64::MAX`.
const TWO_POW_64: f64 = 2.0 * TWO_POW_63;

/// A number inside a [`Document`].
///
/// Integers keep their exact value: non-negative ones are `PosInt`, negative ones `NegInt`.
/// The `From` conversions always choose that way; should a `NegInt` hold a non-negative value
/// anyway, it still compares equal to the `PosInt` with the same value. Integers and floats never
/// compare equal to each other (`PosInt(1) != Float(1.0)`), and `Float(NaN)` equals nothing.
#[derive(Clone, Copy, Debug)]
pub enum Number {
    /// A non-negative integer.
    PosInt(u64),
    /// A negative integer.
    NegInt(i64),
    /// A number with a fraction or exponent, or one too large for the integer variants.
    Float(f64),
}

impl Number {
    /// The value as an `f64`; exact for floats and for integers up to 2^53 in magnitude, the
    /// nearest `f64` for larger integers.
    pub fn as_f64(&self) -> f64 {
        match *self {
            Number::PosInt(n) => n as f64,
            Number::NegInt(n) => n as f64,
            Number::Float(f) => f,
        }
    }

    /// The value as an `i64` if it is a whole number that fits one exactly (a float counts when
    /// it has no fractional part); `None` otherwise.
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Number::PosInt(n) => i64::try_from(n).ok(),
            Number::NegInt(n) => Some(n),
            // -2^63 is exactly representable; 2^63 is the first value too large.
            Number::Float(f) if f.fract() == 0.0 && (-TWO_POW_63..TWO_POW_63).contains(&f) => {
                Some(f as i64)
            }
            Number::Float(_) => None,
        }
    }

    /// The value as a `u64` if it is a non-negative whole number that fits one exactly (a float
    /// counts when it has no fractional part); `None` otherwise.
    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            Number::PosInt(n) => Some(n),
            Number::NegInt(n) => u64::try_from(n).ok(),
            Number::Float(f) if f.fract() == 0.0 && (0.0..TWO_POW_64).contains(&f) => {
                Some(f as u64)
            }
            Number::Float(_) => None,
        }
    }

    /// The integer value widened to `i128`, for exact comparison; `None` for floats.
    fn as_i128(&self) -> Option<i128> {
        match *self {
            Number::PosInt(n) => Some(i128::from(n)),
            Number::NegInt(n) => Some(i128::from(n)),
            Number::Float(_) => None,
        }
    }

    /// The JSON form: integers as JSON integers, finite floats as JSON numbers, and NaN and the
    /// infinities as the strings `"NaN"`, `"Infinity"` and `"-Infinity"`, the way AWS JSON
    /// protocols write them.
    pub fn to_json(&self) -> serde_json::Value {
        match *self {
            Number::PosInt(n) => serde_json::Value::from(n),
            Number::NegInt(n) => serde_json::Value::from(n),
            Number::Float(f) => match serde_json::Number::from_f64(f) {
                Some(number) => serde_json::Value::Number(number),
                None if f.is_nan() => serde_json::Value::from("NaN"),
                None if f > 0.0 => serde_json::Value::from("Infinity"),
                None => serde_json::Value::from("-Infinity"),
            },
        }
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Number::Float(a), Number::Float(b)) => a == b,
            (a, b) => match (a.as_i128(), b.as_i128()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        }
    }
}

impl From<u64> for Number {
    fn from(n: u64) -> Self {
        Number::PosInt(n)
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Self {
        match u64::try_from(n) {
            Ok(n) => Number::PosInt(n),
            Err(_) => Number::NegInt(n),
        }
    }
}

impl From<i32> for Number {
    fn from(n: i32) -> Self {
        Number::from(i64::from(n))
    }
}

impl From<f64> for Number {
    fn from(f: f64) -> Self {
        Number::Float(f)
    }
}

impl From<&serde_json::Number> for Number {
    /// Integers stay integers; anything else becomes a float.
    fn from(number: &serde_json::Number) -> Self {
        if let Some(n) = number.as_u64() {
            Number::PosInt(n)
        } else if let Some(n) = number.as_i64() {
            Number::NegInt(n)
        } else {
            // Without serde_json's arbitrary_precision every non-integer has an f64; with it,
            // the text is the fallback.
            Number::Float(
                number
                    .as_f64()
                    .or_else(|| number.to_string().parse().ok())
                    .unwrap_or(f64::NAN),
            )
        }
    }
}

/// Untyped, JSON-like data: the value of a Smithy `document` member.
///
/// Objects keep their keys sorted (a `BTreeMap`), so two documents with the same content compare
/// equal whatever order the keys arrived in.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Document {
    /// The absence of a value (JSON `null`).
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, integer or float.
    Number(Number),
    /// A string.
    String(String),
    /// An ordered list of documents.
    Array(Vec<Document>),
    /// A map from string keys to documents.
    Object(BTreeMap<String, Document>),
}

impl Document {
    /// True for [`Document::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, Document::Null)
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Document::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Document::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Document::String(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&Vec<Document>> {
        match self {
            Document::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The entries, if this is an object.
    pub fn as_object(&self) -> Option<&BTreeMap<String, Document>> {
        match self {
            Document::Object(entries) => Some(entries),
            _ => None,
        }
    }

    /// Converts to a `serde_json::Value`, as it goes on the wire in JSON protocols.
    ///
    /// Non-finite floats, which JSON numbers cannot express, become the strings `"NaN"`,
    /// `"Infinity"` and `"-Infinity"` (see [`Number::to_json`]).
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Document::Null => serde_json::Value::Null,
            Document::Bool(b) => serde_json::Value::Bool(*b),
            Document::Number(n) => n.to_json(),
            Document::String(s) => serde_json::Value::String(s.clone()),
            Document::Array(items) => {
                serde_json::Value::Array(items.iter().map(Document::to_json).collect())
            }
            Document::Object(entries) => serde_json::Value::Object(crate::maps::json_object(
                entries
                    .iter()
                    .map(|(key, value)| (key.clone(), value.to_json())),
            )),
        }
    }
}

impl From<serde_json::Value> for Document {
    /// Takes a JSON value as it is: JSON strings stay strings (even `"NaN"`), integers keep their
    /// exact value, and other numbers become floats.
    fn from(value: serde_json::Value) -> Self {
        match value {
            serde_json::Value::Null => Document::Null,
            serde_json::Value::Bool(b) => Document::Bool(b),
            serde_json::Value::Number(n) => Document::Number(Number::from(&n)),
            serde_json::Value::String(s) => Document::String(s),
            serde_json::Value::Array(items) => {
                Document::Array(items.into_iter().map(Document::from).collect())
            }
            serde_json::Value::Object(entries) => Document::Object(crate::maps::btree_map(
                entries
                    .into_iter()
                    .map(|(key, value)| (key, Document::from(value))),
            )),
        }
    }
}

impl From<&serde_json::Value> for Document {
    /// Like the owned conversion, copying strings and keys.
    fn from(value: &serde_json::Value) -> Self {
        Document::from(value.clone())
    }
}

impl From<Number> for Document {
    fn from(n: Number) -> Self {
        Document::Number(n)
    }
}

impl From<bool> for Document {
    fn from(b: bool) -> Self {
        Document::Bool(b)
    }
}

impl From<String> for Document {
    fn from(s: String) -> Self {
        Document::String(s)
    }
}

impl From<&str> for Document {
    fn from(s: &str) -> Self {
        Document::String(s.to_owned())
    }
}

impl From<i64> for Document {
    fn from(n: i64) -> Self {
        Document::Number(Number::from(n))
    }
}

impl From<i32> for Document {
    /// Lets an untyped integer literal (`Document::from(5)`) convert.
    fn from(n: i32) -> Self {
        Document::Number(Number::from(n))
    }
}

impl From<u64> for Document {
    fn from(n: u64) -> Self {
        Document::Number(Number::from(n))
    }
}

impl From<f64> for Document {
    fn from(f: f64) -> Self {
        Document::Number(Number::from(f))
    }
}

impl From<Vec<Document>> for Document {
    fn from(items: Vec<Document>) -> Self {
        Document::Array(items)
    }
}

impl From<BTreeMap<String, Document>> for Document {
    fn from(entries: BTreeMap<String, Document>) -> Self {
        Document::Object(entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn number_conversions() {
        assert_eq!(Number::from(5i64), Number::PosInt(5));
        assert_eq!(Number::from(-5i64), Number::NegInt(-5));
        assert!(matches!(Number::from(0i64), Number::PosInt(0)));
        assert!(matches!(Number::from(-1i32), Number::NegInt(-1)));

        assert_eq!(Number::PosInt(u64::MAX).as_u64(), Some(u64::MAX));
        assert_eq!(Number::PosInt(u64::MAX).as_i64(), None);
        assert_eq!(Number::PosInt(7).as_i64(), Some(7));
        assert_eq!(Number::NegInt(i64::MIN).as_i64(), Some(i64::MIN));
        assert_eq!(Number::NegInt(-1).as_u64(), None);
        assert_eq!(Number::Float(3.0).as_i64(), Some(3));
        assert_eq!(Number::Float(-3.0).as_i64(), Some(-3));
        assert_eq!(Number::Float(-3.0).as_u64(), None);
        assert_eq!(Number::Float(3.5).as_i64(), None);
        assert_eq!(Number::Float(f64::NAN).as_i64(), None);
        assert_eq!(Number::Float(f64::INFINITY).as_u64(), None);
        assert_eq!(Number::Float(-TWO_POW_63).as_i64(), Some(i64::MIN));
        assert_eq!(Number::Float(TWO_POW_63).as_i64(), None);
        assert_eq!(Number::Float(TWO_POW_63).as_u64(), Some(1 << 63));
        assert_eq!(Number::Float(TWO_POW_64).as_u64(), None);

        assert_eq!(Number::PosInt(3).as_f64(), 3.0);
        assert_eq!(Number::NegInt(-3).as_f64(), -3.0);
        assert_eq!(Number::Float(0.25).as_f64(), 0.25);
    }

    #[test]
    fn number_equality() {
        assert_eq!(Number::NegInt(5), Number::PosInt(5));
        assert_ne!(Number::PosInt(1), Number::Float(1.0));
        assert_ne!(Number::Float(f64::NAN), Number::Float(f64::NAN));
        assert_eq!(Number::Float(0.5), Number::Float(0.5));
        assert_ne!(Number::NegInt(-1), Number::PosInt(u64::MAX));
    }

    #[test]
    fn from_json_keeps_integers_exact() {
        let doc = Document::from(json!({
            "big": u64::MAX,
            "neg": i64::MIN,
            "float": 1.5,
            "exp": 1e300,
            "list": [null, true, "x", [], {}],
            "nan": "NaN",
        }));
        let object = doc.as_object().unwrap();
        assert_eq!(object["big"], Document::Number(Number::PosInt(u64::MAX)));
        assert_eq!(object["neg"], Document::Number(Number::NegInt(i64::MIN)));
        assert_eq!(object["float"], Document::from(1.5));
        assert_eq!(object["exp"], Document::from(1e300));
        assert_eq!(object["nan"].as_str(), Some("NaN"));
        let list = object["list"].as_array().unwrap();
        assert!(list[0].is_null());
        assert_eq!(list[1].as_bool(), Some(true));
        assert_eq!(list[2].as_str(), Some("x"));
        assert_eq!(list[3], Document::Array(vec![]));
        assert_eq!(list[4], Document::Object(BTreeMap::new()));
        assert_eq!(Document::from(&json!(3)), Document::from(3));
    }

    #[test]
    fn json_round_trip() {
        let value = json!({
            "z": [1, -2, 3.25, "s", false, null],
            "a": {"nested": {"deep": [u64::MAX, i64::MIN]}},
        });
        let doc = Document::from(value.clone());
        assert_eq!(doc.to_json(), value);
        // Keys come out sorted.
        let text = serde_json::to_string(&doc.to_json()).unwrap();
        assert!(text.starts_with("{\"a\":"), "{text}");
    }

    #[test]
    fn non_finite_floats_become_strings() {
        assert_eq!(Document::from(f64::NAN).to_json(), json!("NaN"));
        assert_eq!(Document::from(f64::INFINITY).to_json(), json!("Infinity"));
        assert_eq!(
            Document::from(f64::NEG_INFINITY).to_json(),
            json!("-Infinity")
        );
        assert_eq!(Document::from(-0.0).to_json(), json!(-0.0));
        assert_eq!(
            Document::from(vec![Document::from(f64::NAN)]).to_json(),
            json!(["NaN"])
        );
    }

    #[test]
    fn from_impls() {
        assert_eq!(Document::from(true), Document::Bool(true));
        assert_eq!(Document::from("s"), Document::String("s".into()));
        assert_eq!(Document::from(String::from("s")), Document::from("s"));
        assert_eq!(Document::from(-4i64), Document::Number(Number::NegInt(-4)));
        assert_eq!(Document::from(4u64), Document::Number(Number::PosInt(4)));
        assert_eq!(Document::from(4), Document::from(4u64));
        assert_eq!(Document::from(2.5), Document::Number(Number::Float(2.5)));
        assert_eq!(Document::from(Number::PosInt(1)), Document::from(1));
        let mut map = BTreeMap::new();
        map.insert("k".to_owned(), Document::Null);
        assert_eq!(Document::from(map.clone()).to_json(), json!({"k": null}));
        assert_eq!(Document::from(map).as_object().unwrap().len(), 1);
        assert_eq!(
            Document::from(vec![Document::from(1), Document::Null]).to_json(),
            json!([1, null])
        );
        assert_eq!(Document::default(), Document::Null);
        assert_eq!(Document::from(1).as_number(), Some(&Number::PosInt(1)));
        assert_eq!(Document::Null.as_str(), None);
    }
}
