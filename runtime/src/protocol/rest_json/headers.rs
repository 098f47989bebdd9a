//! Headers of `restJson1` requests and responses.
//!
//! A list member bound to a header is one header whose items are separated by `, `; an item
//! containing a comma or a double quote is written as a quoted string (with `"` and `\`
//! escaped), and reading undoes that. Timestamps in `http-date` form contain a comma of their
//! own (`Mon, 16 Dec 2019 …`), so a list of them is split on every second comma. A header
//! sent more than once counts as one list with the values in order.
//!
//! Errors name the header, never its value: header values may be `@sensitive`.

use crate::error::{BoxError, DeserializeError};
use http::header::{HeaderMap, HeaderName, HeaderValue};
use std::borrow::Cow;
use std::collections::HashMap;

/// Quotes a list item when it contains a comma or a double quote.
pub fn quote_item(item: &str) -> Cow<'_, str> {
    if item.contains([',', '"']) {
        let mut quoted = String::with_capacity(item.len() + 2);
        quoted.push('"');
        for c in item.chars() {
            if matches!(c, '"' | '\\') {
                quoted.push('\\');
            }
            quoted.push(c);
        }
        quoted.push('"');
        Cow::Owned(quoted)
    } else {
        Cow::Borrowed(item)
    }
}

/// Joins the items of a list-valued header, quoting those that need it.
pub fn join_list<I, S>(items: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    items
        .into_iter()
        .map(|item| quote_item(item.as_ref()).into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Joins `http-date` timestamps (never quoted, although they contain a comma).
pub fn join_dates<I, S>(items: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    items
        .into_iter()
        .map(|item| item.as_ref().to_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Sets request header `name` to `value`.
///
/// The error names the header when the value cannot be sent (a control character, a
/// newline), without repeating the value.
pub fn insert(headers: &mut HeaderMap, name: &str, value: &str) -> Result<(), BoxError> {
    let header_name = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| format!("`{name}` is not a valid HTTP header name"))?;
    let header_value = HeaderValue::from_str(value).map_err(|_| {
        format!("the value for header `{name}` contains characters a header cannot carry")
    })?;
    headers.insert(header_name, header_value);
    Ok(())
}

/// Sets the headers of an `@httpPrefixHeaders` map: each key, prefixed, is a header.
pub fn insert_prefixed<'a, I>(
    headers: &mut HeaderMap,
    prefix: &str,
    entries: I,
) -> Result<(), BoxError>
where
    I: IntoIterator<Item = (&'a String, &'a String)>,
{
    for (key, value) in entries {
        insert(headers, &format!("{prefix}{key}"), value)?;
    }
    Ok(())
}

/// The value of response header `name`: `None` when absent; several occurrences are joined
/// with `, ` as one list.
pub fn get(headers: &HeaderMap, name: &str) -> Result<Option<String>, DeserializeError> {
    let mut values = headers.get_all(name).iter().peekable();
    if values.peek().is_none() {
        return Ok(None);
    }
    let mut joined = Vec::new();
    for value in values {
        let text = value.to_str().map_err(|_| {
            DeserializeError::new(format!("header `{name}` is not visible ASCII text"))
        })?;
        joined.push(text);
    }
    Ok(Some(joined.join(", ")))
}

/// Splits a list-valued header into its items, unquoting quoted ones.
pub fn split_list(value: &str, name: &str) -> Result<Vec<String>, DeserializeError> {
    let mut items = Vec::new();
    let mut chars = value.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_ascii_whitespace()).is_some() {}
        let mut item = String::new();
        if chars.next_if_eq(&'"').is_some() {
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some('\\') => match chars.next() {
                        Some(escaped) => item.push(escaped),
                        None => return Err(unterminated(name)),
                    },
                    Some(c) => item.push(c),
                    None => return Err(unterminated(name)),
                }
            }
            while chars.next_if(|c| c.is_ascii_whitespace()).is_some() {}
            match chars.next() {
                None | Some(',') => {}
                Some(_) => {
                    return Err(DeserializeError::new(format!(
                        "header `{name}` has text after a quoted list item"
                    )))
                }
            }
            items.push(item);
        } else {
            for c in chars.by_ref() {
                if c == ',' {
                    break;
                }
                item.push(c);
            }
            items.push(item.trim_end().to_owned());
        }
        if chars.peek().is_none() {
            break;
        }
    }
    Ok(items)
}

fn unterminated(name: &str) -> DeserializeError {
    DeserializeError::new(format!(
        "header `{name}` has an unterminated quoted list item"
    ))
}

/// Splits a header holding a list of `http-date` timestamps (every second comma separates).
pub fn split_dates(value: &str) -> Vec<String> {
    let parts: Vec<&str> = value.split(',').collect();
    parts
        .chunks(2)
        .map(|pair| pair.join(",").trim().to_owned())
        .collect()
}

/// The headers starting with `prefix` (compared without case), keyed by the rest of their
/// name as received (HTTP/1 names arrive in lower case through the `http` crate).
pub fn prefixed(
    headers: &HeaderMap,
    prefix: &str,
) -> Result<HashMap<String, String>, DeserializeError> {
    let prefix = prefix.to_ascii_lowercase();
    let mut map = HashMap::new();
    for name in headers.keys() {
        if let Some(rest) = name.as_str().strip_prefix(prefix.as_str()) {
            if let Some(value) = get(headers, name.as_str())? {
                map.insert(rest.to_owned(), value);
            }
        }
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_with_commas_or_quotes_are_quoted() {
        assert_eq!(join_list(["a", "b"]), "a, b");
        assert_eq!(join_list(["b,c", "\"def\"", "a"]), r#""b,c", "\"def\"", a"#);
        assert_eq!(quote_item(r"back\slash,"), r#""back\\slash,""#);
        assert_eq!(quote_item("plain"), "plain");
    }

    #[test]
    fn quoted_lists_split_back() {
        let joined = join_list(["b,c", "\"def\"", "a", r"x\,y"]);
        assert_eq!(
            split_list(&joined, "h").unwrap(),
            ["b,c", "\"def\"", "a", r"x\,y"]
        );
        assert_eq!(
            split_list("a, b,c ,  d", "h").unwrap(),
            ["a", "b", "c", "d"]
        );
        assert_eq!(split_list("", "h").unwrap(), [""]);
        assert_eq!(split_list("\"\", a", "h").unwrap(), ["", "a"]);
        let error = split_list("\"open, a", "X-List").unwrap_err().to_string();
        assert!(error.contains("X-List"), "{error}");
        assert!(split_list("\"a\"b, c", "h").is_err());
    }

    #[test]
    fn http_date_lists_split_on_every_second_comma() {
        let dates = [
            "Mon, 16 Dec 2019 23:48:18 GMT",
            "Tue, 17 Dec 2019 23:48:18 GMT",
        ];
        let joined = join_dates(dates);
        assert_eq!(
            joined,
            "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT"
        );
        assert_eq!(split_dates(&joined), dates);
    }

    #[test]
    fn insert_refuses_bad_values_without_echoing_them() {
        let mut headers = HeaderMap::new();
        insert(&mut headers, "X-Token", "ok").unwrap();
        assert_eq!(headers["x-token"], "ok");
        let error = insert(&mut headers, "X-Token", "secret\nvalue")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("X-Token") && !error.contains("secret"),
            "{error}"
        );
        assert!(insert(&mut headers, "bad name", "v").is_err());
    }

    #[test]
    fn repeated_headers_read_as_one_list_and_prefixes_collect() {
        let mut headers = HeaderMap::new();
        headers.append("x-list", HeaderValue::from_static("a"));
        headers.append("x-list", HeaderValue::from_static("b, c"));
        headers.insert("x-foo", HeaderValue::from_static("Foo"));
        headers.insert("x-foo-abc", HeaderValue::from_static("Abc value"));
        assert_eq!(get(&headers, "X-List").unwrap().as_deref(), Some("a, b, c"));
        assert_eq!(get(&headers, "x-missing").unwrap(), None);
        let map = prefixed(&headers, "X-Foo-").unwrap();
        assert_eq!(map.len(), 1);
        assert_eq!(map["abc"], "Abc value");
        let everything = prefixed(&headers, "").unwrap();
        assert_eq!(everything.len(), 3);
    }

    #[test]
    fn prefixed_entries_become_headers() {
        let mut headers = HeaderMap::new();
        let entries: HashMap<String, String> = [("Abc".to_owned(), "v".to_owned())].into();
        insert_prefixed(&mut headers, "X-Foo-", &entries).unwrap();
        assert_eq!(headers["x-foo-abc"], "v");
    }
}
