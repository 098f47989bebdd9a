//! The function library: the standard functions of the rules language plus the `aws.*` ones.
//!
//! `getAttr` is not here: its path is parsed with the expression (see `expr.rs`), and the
//! evaluator follows it directly.

use super::arn::parse_arn;
use super::error::EndpointError;
use super::host::{is_valid_host_label, is_virtual_hostable_s3_bucket};
use super::partitions::partition_for;
use super::url::parse_url;
use super::value::{record, Value};

/// A function a rule set may call by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Function {
    IsSet,
    Not,
    BooleanEquals,
    StringEquals,
    Substring,
    UriEncode,
    ParseUrl,
    IsValidHostLabel,
    Coalesce,
    Ite,
    Split,
    AwsPartition,
    AwsParseArn,
    AwsIsVirtualHostableS3Bucket,
}

impl Function {
    const ALL: [Function; 14] = [
        Function::IsSet,
        Function::Not,
        Function::BooleanEquals,
        Function::StringEquals,
        Function::Substring,
        Function::UriEncode,
        Function::ParseUrl,
        Function::IsValidHostLabel,
        Function::Coalesce,
        Function::Ite,
        Function::Split,
        Function::AwsPartition,
        Function::AwsParseArn,
        Function::AwsIsVirtualHostableS3Bucket,
    ];

    pub(crate) fn from_name(name: &str) -> Option<Function> {
        Function::ALL
            .into_iter()
            .find(|function| function.name() == name)
    }

    /// The name rule sets use in `"fn"`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Function::IsSet => "isSet",
            Function::Not => "not",
            Function::BooleanEquals => "booleanEquals",
            Function::StringEquals => "stringEquals",
            Function::Substring => "substring",
            Function::UriEncode => "uriEncode",
            Function::ParseUrl => "parseURL",
            Function::IsValidHostLabel => "isValidHostLabel",
            Function::Coalesce => "coalesce",
            Function::Ite => "ite",
            Function::Split => "split",
            Function::AwsPartition => "aws.partition",
            Function::AwsParseArn => "aws.parseArn",
            Function::AwsIsVirtualHostableS3Bucket => "aws.isVirtualHostableS3Bucket",
        }
    }

    /// The exact argument count, or `None` for `coalesce`, which takes two or more.
    fn fixed_arity(self) -> Option<usize> {
        match self {
            Function::Coalesce => None,
            Function::IsSet
            | Function::Not
            | Function::UriEncode
            | Function::ParseUrl
            | Function::AwsPartition
            | Function::AwsParseArn => Some(1),
            Function::BooleanEquals
            | Function::StringEquals
            | Function::IsValidHostLabel
            | Function::AwsIsVirtualHostableS3Bucket => Some(2),
            Function::Ite | Function::Split => Some(3),
            Function::Substring => Some(4),
        }
    }

    pub(crate) fn accepts_arg_count(self, count: usize) -> bool {
        match self.fixed_arity() {
            Some(arity) => count == arity,
            None => count >= 2,
        }
    }

    pub(crate) fn arity_text(self) -> String {
        match self.fixed_arity() {
            Some(arity) => arity.to_string(),
            None => "2 or more".to_owned(),
        }
    }
}

/// Applies `function` to already evaluated arguments (`None` = unset).
///
/// The evaluator short-circuits `coalesce` and `ite` so that branches not taken are never
/// evaluated; the eager forms here give the same answer when every argument evaluated cleanly.
pub(crate) fn apply(
    function: Function,
    values: &[Option<Value>],
) -> Result<Option<Value>, EndpointError> {
    let args = Args { function, values };
    let result = match function {
        Function::IsSet => Some(Value::Bool(args.optional(0)?.is_some())),
        Function::Not => Some(Value::Bool(!args.bool(0)?)),
        Function::BooleanEquals => Some(Value::Bool(args.bool(0)? == args.bool(1)?)),
        Function::StringEquals => Some(Value::Bool(args.string(0)? == args.string(1)?)),
        Function::Substring => {
            substring(args.string(0)?, args.int(1)?, args.int(2)?, args.bool(3)?)
                .map(|s| Value::String(s.to_owned()))
        }
        Function::UriEncode => Some(Value::String(uri_encode(args.string(0)?))),
        Function::ParseUrl => parse_url(args.string(0)?).map(|url| {
            record([
                ("scheme", Value::String(url.scheme)),
                ("authority", Value::String(url.authority)),
                ("path", Value::String(url.path)),
                ("normalizedPath", Value::String(url.normalized_path)),
                ("isIp", Value::Bool(url.is_ip)),
            ])
        }),
        Function::IsValidHostLabel => Some(Value::Bool(is_valid_host_label(
            args.string(0)?,
            args.bool(1)?,
        ))),
        Function::Coalesce => values.iter().flatten().next().cloned(),
        Function::Ite => {
            let chosen = if args.bool(0)? { 1 } else { 2 };
            args.optional(chosen)?.cloned()
        }
        Function::Split => Some(split(args.string(0)?, args.string(1)?, args.int(2)?)?),
        Function::AwsPartition => partition_for(args.string(0)?)?,
        Function::AwsParseArn => parse_arn(args.string(0)?).map(|arn| {
            record([
                ("partition", Value::String(arn.partition)),
                ("service", Value::String(arn.service)),
                ("region", Value::String(arn.region)),
                ("accountId", Value::String(arn.account_id)),
                (
                    "resourceId",
                    Value::Array(arn.resource_id.into_iter().map(Value::String).collect()),
                ),
            ])
        }),
        Function::AwsIsVirtualHostableS3Bucket => Some(Value::Bool(is_virtual_hostable_s3_bucket(
            args.string(0)?,
            args.bool(1)?,
        ))),
    };
    Ok(result)
}

/// Typed access to a call's arguments, with errors that name the function and position.
struct Args<'a> {
    function: Function,
    values: &'a [Option<Value>],
}

impl<'a> Args<'a> {
    fn optional(&self, index: usize) -> Result<Option<&'a Value>, EndpointError> {
        self.values.get(index).map(Option::as_ref).ok_or_else(|| {
            EndpointError::invalid_rule_set(format!(
                "`{}` is missing argument {}",
                self.function.name(),
                index + 1
            ))
        })
    }

    fn required(&self, index: usize, expected: &str) -> Result<&'a Value, EndpointError> {
        self.optional(index)?.ok_or_else(|| {
            EndpointError::invalid_rule_set(format!(
                "argument {} of `{}` is unset where a {expected} is needed (guard it with `isSet`)",
                index + 1,
                self.function.name()
            ))
        })
    }

    fn mismatch(&self, index: usize, expected: &str, found: &Value) -> EndpointError {
        EndpointError::invalid_rule_set(format!(
            "argument {} of `{}` must be a {expected}, found a {}",
            index + 1,
            self.function.name(),
            found.type_name()
        ))
    }

    fn string(&self, index: usize) -> Result<&'a str, EndpointError> {
        match self.required(index, "string")? {
            Value::String(s) => Ok(s),
            other => Err(self.mismatch(index, "string", other)),
        }
    }

    fn bool(&self, index: usize) -> Result<bool, EndpointError> {
        match self.required(index, "boolean")? {
            Value::Bool(b) => Ok(*b),
            other => Err(self.mismatch(index, "boolean", other)),
        }
    }

    fn int(&self, index: usize) -> Result<i64, EndpointError> {
        match self.required(index, "integer")? {
            Value::Int(i) => Ok(*i),
            other => Err(self.mismatch(index, "integer", other)),
        }
    }
}

/// `substring`: ASCII-only, `start` inclusive, `stop` exclusive, counted from the end when
/// `reverse` is set; unset when the range does not fit.
fn substring(input: &str, start: i64, stop: i64, reverse: bool) -> Option<&str> {
    let start = usize::try_from(start).ok()?;
    let stop = usize::try_from(stop).ok()?;
    if start >= stop || stop > input.len() || !input.is_ascii() {
        return None;
    }
    let (from, to) = if reverse {
        (input.len() - stop, input.len() - start)
    } else {
        (start, stop)
    };
    input.get(from..to)
}

/// `uriEncode`: percent-encodes every byte outside RFC 3986's unreserved set, upper-case hex.
fn uri_encode(input: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(input.len());
    for byte in input.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0F)]));
        }
    }
    out
}

/// `split`: a limit of 0 splits everywhere; `n > 0` yields at most `n` parts, the last holding
/// the unsplit rest.
fn split(input: &str, delimiter: &str, limit: i64) -> Result<Value, EndpointError> {
    if delimiter.is_empty() {
        return Err(EndpointError::invalid_rule_set(
            "`split` needs a non-empty delimiter",
        ));
    }
    let parts: Vec<Value> = match usize::try_from(limit) {
        Ok(0) => input
            .split(delimiter)
            .map(|s| Value::String(s.to_owned()))
            .collect(),
        Ok(limit) => input
            .splitn(limit, delimiter)
            .map(|s| Value::String(s.to_owned()))
            .collect(),
        Err(_) => {
            return Err(EndpointError::invalid_rule_set(format!(
                "`split` limit must not be negative, found {limit}"
            )))
        }
    };
    Ok(Value::Array(parts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_function_name_round_trips() {
        for function in Function::ALL {
            assert_eq!(Function::from_name(function.name()), Some(function));
        }
        assert_eq!(Function::from_name("getAttr"), None);
    }

    #[test]
    fn substring_counts_from_either_end() {
        assert_eq!(substring("abcdef", 0, 4, false), Some("abcd"));
        assert_eq!(substring("abcdef", 0, 4, true), Some("cdef"));
        assert_eq!(substring("abcdef", 1, 3, true), Some("de"));
        assert_eq!(substring("abc", 0, 4, false), None);
        assert_eq!(substring("abc", 2, 2, false), None);
        assert_eq!(substring("abc", -1, 2, false), None);
        assert_eq!(substring("ab\u{e9}cdef", 0, 2, false), None);
    }

    #[test]
    fn uri_encode_keeps_only_unreserved() {
        assert_eq!(uri_encode("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(uri_encode("a b/c?d=e"), "a%20b%2Fc%3Fd%3De");
        assert_eq!(uri_encode("\u{e9}"), "%C3%A9");
    }

    #[test]
    fn split_honours_limit() {
        let strings = |value: Value| match value {
            Value::Array(items) => items
                .into_iter()
                .map(|item| match item {
                    Value::String(s) => s,
                    other => panic!("not a string: {other:?}"),
                })
                .collect::<Vec<_>>(),
            other => panic!("not an array: {other:?}"),
        };
        assert_eq!(strings(split("a--b--c", "--", 0).unwrap()), ["a", "b", "c"]);
        assert_eq!(strings(split("a--b--c", "--", 1).unwrap()), ["a--b--c"]);
        assert_eq!(strings(split("a--b--c", "--", 2).unwrap()), ["a", "b--c"]);
        assert_eq!(strings(split("", "--", 0).unwrap()), [""]);
        assert!(split("a", "", 0).is_err());
        assert!(split("a", "-", -1).is_err());
    }

    #[test]
    fn unset_or_mistyped_arguments_are_errors() {
        let unset = apply(
            Function::StringEquals,
            &[None, Some(Value::String("a".into()))],
        );
        assert!(unset.is_err());
        let mistyped = apply(Function::Not, &[Some(Value::String("true".into()))]);
        assert!(mistyped.is_err());
        let missing = apply(Function::Not, &[]);
        assert!(missing.is_err());
    }

    #[test]
    fn coalesce_and_ite_pick_the_right_value() {
        let a = Some(Value::String("a".into()));
        let b = Some(Value::String("b".into()));
        assert_eq!(apply(Function::Coalesce, &[None, b.clone()]).unwrap(), b);
        assert_eq!(
            apply(Function::Coalesce, &[a.clone(), b.clone()]).unwrap(),
            a
        );
        let yes = Some(Value::Bool(true));
        assert_eq!(
            apply(Function::Ite, &[yes, a.clone(), b.clone()]).unwrap(),
            a
        );
    }
}
