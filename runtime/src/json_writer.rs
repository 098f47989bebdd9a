//! [`JsonWriter`]: JSON written straight to bytes, for request serializers. Building a
//! `serde_json::Value` tree first costs an allocation per member name and value and a second
//! pass to print it; generated `ToJson` impls write through this instead.
//!
//! Output is byte-for-byte what printing the equivalent `Value` gives (serde_json does the
//! string escaping and number formatting), members in the order written, map keys sorted.

use crate::{Blob, DateTime, Document, TimestampFormat};
use serde_json::{Number, Value};
use std::collections::HashMap;

/// A growing JSON text. Writes one value; objects and arrays nest through
/// [`object`](JsonWriter::object) and the list and map helpers.
#[derive(Debug, Default)]
pub struct JsonWriter {
    out: Vec<u8>,
}

/// The members of an object being written; [`end`](ObjectWriter::end) closes it.
#[derive(Debug)]
pub struct ObjectWriter<'a> {
    out: &'a mut JsonWriter,
    empty: bool,
}

impl JsonWriter {
    /// An empty writer.
    pub fn new() -> JsonWriter {
        JsonWriter {
            out: Vec::with_capacity(256),
        }
    }

    /// The text written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.out
    }

    /// The finished text.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }

    /// `null`.
    pub fn null(&mut self) {
        self.out.extend_from_slice(b"null");
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, value: bool) {
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
    }

    /// A string, escaped.
    pub fn string(&mut self, value: &str) {
        // serde_json prints: writing to a `Vec` cannot fail, nor can these types.
        let _ = serde_json::to_writer(&mut self.out, value);
    }

    /// An integer of any width.
    pub fn integer(&mut self, value: impl Into<i64>) {
        let _ = serde_json::to_writer(&mut self.out, &value.into());
    }

    /// A double; non-finite values as the strings `NaN`, `Infinity`, `-Infinity`.
    pub fn double(&mut self, value: f64) {
        self.value(&crate::json::double(value));
    }

    /// A float, widened as its shortest decimal form (`1.1f32` stays `1.1`).
    pub fn float(&mut self, value: f32) {
        self.value(&crate::json::float(value));
    }

    /// An arbitrary-precision number: a JSON number when the text is one, else a string.
    pub fn big_number(&mut self, value: &str) {
        match value.parse::<Number>() {
            Ok(number) => {
                let _ = serde_json::to_writer(&mut self.out, &number);
            }
            Err(_) => self.string(value),
        }
    }

    /// A blob as base64.
    pub fn blob(&mut self, value: &Blob) {
        self.string(&value.to_base64());
    }

    /// A timestamp in `format`.
    pub fn timestamp(&mut self, value: &DateTime, format: TimestampFormat) {
        self.value(&crate::json::timestamp(value, format));
    }

    /// A document, as is.
    pub fn document(&mut self, value: &Document) {
        self.value(&value.to_json());
    }

    /// A `serde_json::Value`, as is.
    pub fn value(&mut self, value: &Value) {
        let _ = serde_json::to_writer(&mut self.out, value);
    }

    /// Opens an object; write members with [`ObjectWriter::key`], close with
    /// [`ObjectWriter::end`].
    pub fn object(&mut self) -> ObjectWriter<'_> {
        self.out.push(b'{');
        ObjectWriter {
            out: self,
            empty: true,
        }
    }

    /// A dense list.
    pub fn list<T>(&mut self, items: &[T], mut write: impl FnMut(&mut JsonWriter, &T)) {
        self.out.push(b'[');
        for (index, item) in items.iter().enumerate() {
            if index > 0 {
                self.out.push(b',');
            }
            write(self, item);
        }
        self.out.push(b']');
    }

    /// A sparse list: `None` items as `null`.
    pub fn sparse_list<T>(
        &mut self,
        items: &[Option<T>],
        mut write: impl FnMut(&mut JsonWriter, &T),
    ) {
        self.list(items, |out, item| match item {
            Some(item) => write(out, item),
            None => out.null(),
        });
    }

    /// A dense map, keys sorted so the same input always gives the same bytes.
    pub fn map<T>(
        &mut self,
        entries: &HashMap<String, T>,
        mut write: impl FnMut(&mut JsonWriter, &T),
    ) {
        let pairs: Vec<(&String, &T)> = entries.iter().collect();
        let keys: Vec<&str> = pairs.iter().map(|(key, _)| key.as_str()).collect();
        let mut object = self.object();
        for index in crate::maps::key_order(&keys) {
            let (key, value) = pairs[index];
            write(object.key(key), value);
        }
        object.end();
    }

    /// A sparse map: `None` values as `null`.
    pub fn sparse_map<T>(
        &mut self,
        entries: &HashMap<String, Option<T>>,
        mut write: impl FnMut(&mut JsonWriter, &T),
    ) {
        self.map(entries, |out, value| match value {
            Some(value) => write(out, value),
            None => out.null(),
        });
    }
}

impl ObjectWriter<'_> {
    /// Starts the member `key`; write its value to the returned writer (exactly once).
    pub fn key(&mut self, key: &str) -> &mut JsonWriter {
        if !self.empty {
            self.out.out.push(b',');
        }
        self.empty = false;
        self.out.string(key);
        self.out.out.push(b':');
        self.out
    }

    /// Closes the object.
    pub fn end(self) {
        self.out.out.push(b'}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn written(write: impl FnOnce(&mut JsonWriter)) -> String {
        let mut out = JsonWriter::new();
        write(&mut out);
        String::from_utf8(out.into_bytes()).expect("JSON is UTF-8")
    }

    #[test]
    fn writes_what_printing_the_value_tree_writes() {
        let text = written(|out| {
            let mut object = out.object();
            object.key("S").string("a \"quoted\"\n\u{1}é");
            object.key("I").integer(-42i32);
            object.key("D").double(1.5);
            object.key("N").double(f64::NAN);
            object.key("F").float(1.1);
            object.key("B").boolean(true);
            object
                .key("Big")
                .big_number("123456789012345678901234567890");
            object.key("E").object().end();
            object.key("L").list(&[1i64, 2], |out, n| out.integer(*n));
            object
                .key("SL")
                .sparse_list(&[Some("x"), None], |out, s| out.string(s));
            let map: HashMap<String, Option<bool>> =
                [("b".to_owned(), Some(true)), ("a".to_owned(), None)].into();
            object.key("M").sparse_map(&map, |out, b| out.boolean(*b));
            object.end();
        });
        let tree = json!({
            "S": "a \"quoted\"\n\u{1}é",
            "I": -42,
            "D": 1.5,
            "N": "NaN",
            "F": 1.1,
            "B": true,
            "Big": crate::json::big_number("123456789012345678901234567890"),
            "E": {},
            "L": [1, 2],
            "SL": ["x", null],
            "M": {"a": null, "b": true}
        });
        // The same value (the tree's own key order depends on serde_json's `preserve_order`)…
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed, tree);
        // …with the members in the order written, and the same bytes for each member.
        let written_order = [
            "\"S\":", "\"I\":", "\"D\":", "\"N\":", "\"F\":", "\"B\":", "\"Big\":",
        ];
        let positions: Vec<usize> = written_order
            .iter()
            .map(|key| text.find(key).unwrap_or_else(|| panic!("{key} in {text}")))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
        for (key, value) in tree.as_object().unwrap() {
            let member = format!("\"{key}\":{value}");
            assert!(text.contains(&member), "{member} in {text}");
        }
    }

    #[test]
    fn empty_containers() {
        assert_eq!(written(|out| out.object().end()), "{}");
        assert_eq!(written(|out| out.list(&[] as &[u8], |_, _| {})), "[]");
        assert_eq!(
            written(|out| out.map(&HashMap::<String, u8>::new(), |_, _| {})),
            "{}"
        );
    }
}
