//! Expressions of the rules language, parsed once from their JSON form.
//!
//! Parsing does all the checks that do not depend on parameter values (function names, argument
//! counts, template and `getAttr` path syntax), so a bad rule set fails when it is loaded rather
//! than on some later request.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value as Json;

use super::functions::Function;

/// One expression: a literal, a reference, or a function call.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    /// A string literal; every string literal may hold `{placeholders}`.
    Template(Template),
    Bool(bool),
    Int(i64),
    Array(Vec<Expr>),
    Record(BTreeMap<String, Expr>),
    /// `{"ref": name}`: a parameter or a variable bound by an earlier `assign`.
    Ref(String),
    /// `getAttr` is kept apart from other calls because its path is parsed ahead of time.
    GetAttr {
        target: Box<Expr>,
        path: AttrPath,
    },
    Call {
        function: Function,
        args: Vec<Expr>,
    },
}

impl Expr {
    /// Parses an expression; the error says what was wrong, for the rule set's author.
    pub(crate) fn from_json(json: &Json) -> Result<Expr, String> {
        match json {
            Json::String(text) => Template::parse(text).map(Expr::Template),
            Json::Bool(value) => Ok(Expr::Bool(*value)),
            Json::Number(number) => number
                .as_i64()
                .map(Expr::Int)
                .ok_or_else(|| format!("number `{number}` is not an integer")),
            Json::Array(items) => items
                .iter()
                .map(Expr::from_json)
                .collect::<Result<_, _>>()
                .map(Expr::Array),
            Json::Object(fields) => {
                if let Some(name) = fields.get("ref") {
                    let name = name
                        .as_str()
                        .ok_or_else(|| format!("`ref` must be a string, found `{name}`"))?;
                    Ok(Expr::Ref(name.to_owned()))
                } else if let Some(function) = fields.get("fn") {
                    let function = function
                        .as_str()
                        .ok_or_else(|| format!("`fn` must be a string, found `{function}`"))?;
                    let argv = match fields.get("argv") {
                        Some(Json::Array(argv)) => argv.as_slice(),
                        Some(other) => {
                            return Err(format!(
                                "`argv` of `{function}` must be an array, found `{other}`"
                            ))
                        }
                        None => return Err(format!("call of `{function}` has no `argv`")),
                    };
                    Expr::call_from_json(function, argv)
                } else {
                    crate::maps::try_btree_map(
                        fields
                            .iter()
                            .map(|(key, value)| Ok((key.clone(), Expr::from_json(value)?))),
                    )
                    .map(Expr::Record)
                }
            }
            Json::Null => Err("`null` is not an expression".to_owned()),
        }
    }

    /// Parses `{"fn": name, "argv": argv}`; conditions use this directly.
    pub(crate) fn call_from_json(name: &str, argv: &[Json]) -> Result<Expr, String> {
        if name == "getAttr" {
            let [target, path] = argv else {
                return Err(format!("`getAttr` takes 2 arguments, found {}", argv.len()));
            };
            let path = path
                .as_str()
                .ok_or_else(|| format!("the path of `getAttr` must be a string, found `{path}`"))?;
            return Ok(Expr::GetAttr {
                target: Box::new(Expr::from_json(target)?),
                path: AttrPath::parse(path)?,
            });
        }
        let function =
            Function::from_name(name).ok_or_else(|| format!("unknown function `{name}`"))?;
        if !function.accepts_arg_count(argv.len()) {
            return Err(format!(
                "`{name}` takes {} arguments, found {}",
                function.arity_text(),
                argv.len()
            ));
        }
        let args = argv.iter().map(Expr::from_json).collect::<Result<_, _>>()?;
        Ok(Expr::Call { function, args })
    }
}

/// A string literal split into fixed text and `{placeholder}` parts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Template {
    parts: Vec<TemplatePart>,
}

/// One piece of a [`Template`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TemplatePart {
    Literal(String),
    /// `{name}` or `{name#path}`: a [`Expr::Ref`] or an [`Expr::GetAttr`] on one.
    Placeholder(Expr),
}

impl Template {
    /// Parses `{name}`, `{name#a.b[0]}`, and the escapes `{{` and `}}` for literal braces.
    pub(crate) fn parse(text: &str) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix("{{") {
                literal.push('{');
                rest = after;
            } else if let Some(after) = rest.strip_prefix("}}") {
                literal.push('}');
                rest = after;
            } else if let Some(after) = rest.strip_prefix('{') {
                let (inner, tail) = after
                    .split_once('}')
                    .ok_or_else(|| format!("unclosed `{{` in template `{text}`"))?;
                if !literal.is_empty() {
                    parts.push(TemplatePart::Literal(std::mem::take(&mut literal)));
                }
                parts.push(TemplatePart::Placeholder(parse_placeholder(inner, text)?));
                rest = tail;
            } else if rest.starts_with('}') {
                return Err(format!(
                    "unmatched `}}` in template `{text}` (write `}}}}` for a literal brace)"
                ));
            } else {
                let end = rest.find(['{', '}']).unwrap_or(rest.len());
                literal.push_str(&rest[..end]);
                rest = &rest[end..];
            }
        }
        if !literal.is_empty() || parts.is_empty() {
            parts.push(TemplatePart::Literal(literal));
        }
        Ok(Template { parts })
    }

    pub(crate) fn parts(&self) -> &[TemplatePart] {
        &self.parts
    }
}

fn parse_placeholder(inner: &str, template: &str) -> Result<Expr, String> {
    let (name, path) = match inner.split_once('#') {
        Some((name, path)) => (name, Some(path)),
        None => (inner, None),
    };
    if !is_identifier(name) {
        return Err(format!(
            "`{{{inner}}}` in template `{template}` does not name a parameter or variable"
        ));
    }
    let reference = Expr::Ref(name.to_owned());
    Ok(match path {
        None => reference,
        Some(path) => Expr::GetAttr {
            target: Box::new(reference),
            path: AttrPath::parse(path)?,
        },
    })
}

fn is_identifier(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A parsed `getAttr` path such as `resourceId[2]` or `a.b`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AttrPath {
    text: String,
    segments: Vec<PathSegment>,
}

/// One step of an [`AttrPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PathSegment {
    /// A field of a record.
    Key(String),
    /// A zero-based position in an array.
    Index(usize),
}

impl AttrPath {
    /// Splits on `.`; each part is a key, optionally followed by one `[index]`.
    pub(crate) fn parse(text: &str) -> Result<AttrPath, String> {
        let mut segments = Vec::new();
        for part in text.split('.') {
            match part.split_once('[') {
                Some((key, bracketed)) => {
                    if !key.is_empty() {
                        segments.push(PathSegment::Key(key.to_owned()));
                    }
                    let index = bracketed
                        .strip_suffix(']')
                        .and_then(|digits| digits.parse::<usize>().ok())
                        .ok_or_else(|| {
                            format!("`{part}` in path `{text}` has no valid `[index]`")
                        })?;
                    segments.push(PathSegment::Index(index));
                }
                None if part.is_empty() => {
                    return Err(format!("path `{text}` has an empty part"));
                }
                None => segments.push(PathSegment::Key(part.to_owned())),
            }
        }
        Ok(AttrPath {
            text: text.to_owned(),
            segments,
        })
    }

    pub(crate) fn segments(&self) -> &[PathSegment] {
        &self.segments
    }
}

impl fmt::Display for AttrPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(text: &str) -> TemplatePart {
        TemplatePart::Literal(text.to_owned())
    }

    #[test]
    fn template_splits_literals_and_placeholders() {
        let template = Template::parse("https://svc.{Region}.{Partition#dnsSuffix}").unwrap();
        let expected = vec![
            literal("https://svc."),
            TemplatePart::Placeholder(Expr::Ref("Region".to_owned())),
            literal("."),
            TemplatePart::Placeholder(Expr::GetAttr {
                target: Box::new(Expr::Ref("Partition".to_owned())),
                path: AttrPath::parse("dnsSuffix").unwrap(),
            }),
        ];
        assert_eq!(template.parts(), expected.as_slice());
    }

    #[test]
    fn template_escapes_are_literal_braces() {
        let template = Template::parse("{{not a ref}} and }}").unwrap();
        assert_eq!(template.parts(), [literal("{not a ref} and }")].as_slice());
    }

    #[test]
    fn empty_template_is_one_empty_literal() {
        assert_eq!(
            Template::parse("").unwrap().parts(),
            [literal("")].as_slice()
        );
    }

    #[test]
    fn malformed_templates_are_errors() {
        for bad in ["{Region", "a}b", "{}", "{a b}", "{x#}", "{x#a[}"] {
            assert!(Template::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn attr_paths_mix_keys_and_indexes() {
        let path = AttrPath::parse("a.b[2]").unwrap();
        assert_eq!(
            path.segments(),
            [
                PathSegment::Key("a".to_owned()),
                PathSegment::Key("b".to_owned()),
                PathSegment::Index(2)
            ]
            .as_slice()
        );
        assert_eq!(
            AttrPath::parse("[0]").unwrap().segments(),
            [PathSegment::Index(0)].as_slice()
        );
        for bad in ["", "a..b", "a[-1]", "a[x]", "a[1"] {
            assert!(AttrPath::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn calls_check_names_and_argument_counts() {
        let call = |json: Json| Expr::from_json(&json);
        assert!(call(serde_json::json!({"fn": "isSet", "argv": [{"ref": "A"}]})).is_ok());
        assert!(call(serde_json::json!({"fn": "isSet", "argv": []})).is_err());
        assert!(call(serde_json::json!({"fn": "noSuchFn", "argv": []})).is_err());
        assert!(call(serde_json::json!({"fn": "getAttr", "argv": [{"ref": "A"}, 3]})).is_err());
        assert!(call(serde_json::json!({"fn": "isSet"})).is_err());
        assert!(call(serde_json::json!(1.5)).is_err());
        assert!(call(serde_json::json!(null)).is_err());
    }
}
