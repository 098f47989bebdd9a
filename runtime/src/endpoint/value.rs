//! Values that rule expressions evaluate to.
//!
//! "Unset" is not a variant: evaluation returns `Option<Value>`, so optionality stays visible in
//! the types (the rules language distinguishes `T` from `option<T>` the same way).

use std::collections::BTreeMap;

use super::expr::PathSegment;

/// A value produced while evaluating a rule set.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    String(String),
    Bool(bool),
    Int(i64),
    Array(Vec<Value>),
    Record(BTreeMap<String, Value>),
}

impl Value {
    /// The rules-language name of this value's type, for error messages.
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Value::String(_) => "string",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Array(_) => "array",
            Value::Record(_) => "record",
        }
    }

    /// Follows a `getAttr` path; a missing key, an out-of-range index or a step into a scalar all
    /// give `None`, which is how the rules language reports "not there".
    pub(crate) fn lookup(&self, path: &[PathSegment]) -> Option<&Value> {
        path.iter()
            .try_fold(self, |current, segment| match (segment, current) {
                (PathSegment::Key(key), Value::Record(fields)) => fields.get(key),
                (PathSegment::Index(index), Value::Array(items)) => items.get(*index),
                _ => None,
            })
    }

    /// Converts to JSON for endpoint properties.
    pub(crate) fn into_json(self) -> serde_json::Value {
        match self {
            Value::String(s) => serde_json::Value::String(s),
            Value::Bool(b) => serde_json::Value::Bool(b),
            Value::Int(i) => serde_json::Value::from(i),
            Value::Array(items) => {
                serde_json::Value::Array(items.into_iter().map(Value::into_json).collect())
            }
            Value::Record(fields) => serde_json::Value::Object(crate::maps::json_object(
                fields
                    .into_iter()
                    .map(|(key, value)| (key, value.into_json())),
            )),
        }
    }
}

/// Builds a record from `(key, value)` pairs; used by functions that return structures.
pub(crate) fn record<const N: usize>(fields: [(&str, Value); N]) -> Value {
    Value::Record(crate::maps::btree_map(
        fields
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value)),
    ))
}
