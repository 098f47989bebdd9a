//! Node values (the JSON-like values of traits and metadata) and the decoding of quoted
//! strings and text blocks.

use serde_json::{Map, Number, Value};

/// A node value as written; unquoted shape ids are kept to be resolved later.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    /// An unquoted shape id, as written, with its line and column.
    ShapeId(String, usize, usize),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl Node {
    /// Converts to JSON, turning unquoted shape ids into strings with `resolve`.
    pub fn to_json<E>(
        &self,
        resolve: &mut impl FnMut(&str, usize, usize) -> Result<String, E>,
    ) -> Result<Value, E> {
        Ok(match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(n) => Value::Number(n.clone()),
            Node::String(s) => Value::String(s.clone()),
            Node::ShapeId(text, line, column) => Value::String(resolve(text, *line, *column)?),
            Node::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| item.to_json(resolve))
                    .collect::<Result<_, _>>()?,
            ),
            Node::Object(entries) => {
                let mut map = Map::new();
                for (key, value) in entries {
                    map.insert(key.clone(), value.to_json(resolve)?);
                }
                Value::Object(map)
            }
        })
    }
}

/// Decodes the escapes of a quoted string body (between the quotes).
pub(super) fn parse_quoted(raw: &str) -> Result<String, String> {
    let normalized = raw.replace("\r\n", "\n");
    unescape(&normalized)
}

/// Applies Smithy's text block rules to the body between `"""` and `"""`: it must start with
/// a line break; the smallest indentation of the non-blank lines (and of the closing line)
/// is removed from every line, trailing spaces are dropped, then escapes are decoded.
pub(super) fn parse_text_block(raw: &str) -> Result<String, String> {
    let normalized = raw.replace("\r\n", "\n");
    if normalized.is_empty() {
        return Err("Text block is empty".to_owned());
    }
    let Some(body) = normalized.strip_prefix('\n') else {
        return Err("Text block must start with a new line".to_owned());
    };
    let lines: Vec<&str> = body.split('\n').collect();
    let blank = |line: &str| line.chars().all(|c| c == ' ' || c == '\t');
    let indent = |line: &str| line.chars().take_while(|c| *c == ' ' || *c == '\t').count();
    let last = lines.len().saturating_sub(1);
    let strip = lines
        .iter()
        .enumerate()
        .filter(|(i, line)| !blank(line) || *i == last)
        .map(|(_, line)| indent(line))
        .min()
        .unwrap_or(0);
    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if blank(line) {
            out.push(String::new());
            continue;
        }
        let rest: String = line.chars().skip(strip).collect();
        let trimmed = if i == last {
            rest
        } else {
            rest.trim_end_matches([' ', '\t']).to_owned()
        };
        out.push(trimmed);
    }
    unescape(&out.join("\n"))
}

/// Decodes `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\uXXXX`, and `\` before a line
/// break (which removes both).
fn unescape(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\n') => {}
            Some('u') => {
                let mut code = 0u32;
                for _ in 0..4 {
                    let Some(digit) = chars.next() else {
                        return Err("Invalid unclosed unicode escape found in string".to_owned());
                    };
                    let Some(value) = digit.to_digit(16) else {
                        return Err(format!("Invalid unicode escape character: `{digit}`"));
                    };
                    code = code * 16 + value;
                }
                // Surrogates cannot stand alone in a Rust string; keep them visible.
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            Some(other) => return Err(format!("Invalid escape found in string: `\\{other}`")),
            None => return Err("Invalid escape found in string: `\\`".to_owned()),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_blocks_drop_incidental_indentation() {
        assert_eq!(parse_text_block("\n    Hello\n    ").unwrap(), "Hello\n");
        assert_eq!(parse_text_block("\n    Hello").unwrap(), "Hello");
        assert_eq!(parse_text_block("\n    ").unwrap(), "");
        assert_eq!(parse_text_block("\n\n    ").unwrap(), "\n");
        assert_eq!(
            parse_text_block("\n    a\n\n      b\n    ").unwrap(),
            "a\n\n  b\n"
        );
        assert_eq!(
            parse_text_block("\n    Hi \\\n    there").unwrap(),
            "Hi there"
        );
        assert!(parse_text_block("").is_err());
        assert!(parse_text_block("x\n").is_err());
    }

    #[test]
    fn escapes_are_decoded_and_bad_ones_refused() {
        assert_eq!(parse_quoted(r#"a\"b\\c\u0041\n"#).unwrap(), "a\"b\\cA\n");
        assert!(parse_quoted(r"\ ").is_err());
        assert!(parse_quoted(r"\u00").is_err());
        assert!(parse_quoted(r"\u00tt").is_err());
    }
}
