//! Client-side checks of the model's constraints (`@required`, `@length`, `@pattern`,
//! `@range`) run before anything is sent. Generated `Validate` impls call the checks of a
//! [`Validator`], which tracks the member path so every violation says where it is.

use std::fmt;
use std::sync::OnceLock;

/// A value whose constraints can be checked.
pub trait Validate {
    /// Records every violation found in `self` (and nested values) into `validator`.
    fn validate_into(&self, validator: &mut Validator);

    /// Checks `self`, returning every violation at once.
    fn validate(&self) -> Result<(), ValidationError> {
        let mut validator = Validator::default();
        self.validate_into(&mut validator);
        validator.finish()
    }
}

/// One broken constraint.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    path: String,
    kind: ViolationKind,
}

/// Which constraint was broken, with the offending length or value.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ViolationKind {
    /// `@length`: strings count Unicode scalar values; lists and maps entries; blobs bytes.
    Length {
        /// Inclusive minimum.
        min: Option<u64>,
        /// Inclusive maximum.
        max: Option<u64>,
        /// The length found.
        actual: u64,
    },
    /// `@pattern`: the value does not match. The value itself is kept only when the member
    /// is not `@sensitive`.
    Pattern {
        /// The regular expression from the model.
        pattern: &'static str,
        /// The offending value, `None` when it is sensitive.
        value: Option<String>,
    },
    /// `@range`.
    Range {
        /// Inclusive minimum.
        min: Option<f64>,
        /// Inclusive maximum.
        max: Option<f64>,
        /// The value found, `None` when it is sensitive.
        value: Option<f64>,
    },
    /// `@required` member not set (reported by a fluent builder's `send` for every missing
    /// member of the input; nested structures enforce it in their own `build`).
    Required,
}

impl Violation {
    /// The member path, e.g. `UserAttributes[2].Name`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was broken.
    pub fn kind(&self) -> &ViolationKind {
        &self.kind
    }
}

fn bounds<T: fmt::Display>(min: &Option<T>, max: &Option<T>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("between {min} and {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "unbounded".to_owned(),
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` ", self.path)?;
        match &self.kind {
            ViolationKind::Length { min, max, actual } => {
                write!(f, "has length {actual}, which must be {}", bounds(min, max))
            }
            ViolationKind::Pattern {
                pattern,
                value: Some(value),
            } => {
                write!(
                    f,
                    "is {value:?}, which does not match the pattern `{pattern}`"
                )
            }
            ViolationKind::Pattern {
                pattern,
                value: None,
            } => {
                write!(f, "(sensitive) does not match the pattern `{pattern}`")
            }
            ViolationKind::Range { min, max, value } => {
                match value {
                    Some(value) => write!(f, "is {value}")?,
                    None => f.write_str("(sensitive) is out of range")?,
                }
                write!(f, ", which must be {}", bounds(min, max))
            }
            ViolationKind::Required => f.write_str("is required but was not set"),
        }
    }
}

/// The input broke one or more constraints of the model; nothing was sent.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// Every violation found, in member order.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            violation.fmt(f)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

impl From<crate::error::BuildError> for ValidationError {
    /// A builder's missing required member, as a `Required` violation at that member.
    fn from(error: crate::error::BuildError) -> ValidationError {
        ValidationError {
            violations: vec![Violation {
                path: error.member().to_owned(),
                kind: ViolationKind::Required,
            }],
        }
    }
}

/// A `@pattern` regular expression, compiled on first use and then reused.
///
/// Smithy patterns are ECMAScript regular expressions; they are compiled by `regress` in
/// "unicode sets" mode (flags `uv`), so they match code points: `.` is one character, even
/// outside the Basic Multilingual Plane, while `\w` and `\d` stay ASCII as ECMAScript says.
/// The generator translates the few Java-style constructs found in AWS models (see
/// `smithy_codegen::ir::pattern`) and hands over the result with [`Pattern::translated`].
pub struct Pattern {
    source: &'static str,
    ecma: &'static str,
    flags: &'static str,
    compiled: OnceLock<Option<regress::Regex>>,
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}

impl Pattern {
    /// A pattern from the model that is already in ECMAScript form (compiled lazily, once).
    pub const fn new(source: &'static str) -> Pattern {
        Pattern::translated(source, source, "uv")
    }

    /// A pattern from the model (`source`, used in messages) checked as the ECMAScript
    /// expression `ecma` with the `regress` flags `flags`.
    pub const fn translated(
        source: &'static str,
        ecma: &'static str,
        flags: &'static str,
    ) -> Pattern {
        Pattern {
            source,
            ecma,
            flags,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern text as written in the model.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether `value` matches. Smithy patterns are not implicitly anchored, so this
    /// searches. The generator only emits patterns it has compiled with the same engine, so a
    /// compile failure cannot happen for generated code; it would count as a match (the
    /// service still checks).
    pub fn is_match(&self, value: &str) -> bool {
        self.compiled
            .get_or_init(|| regress::Regex::with_flags(self.ecma, self.flags).ok())
            .as_ref()
            .is_none_or(|regex| regex.find(value).is_some())
    }
}

#[derive(Debug, Clone)]
enum Segment {
    Member(&'static str),
    Index(usize),
    Key(String),
    /// A key of a map inside a sensitive scope: shown as a placeholder.
    RedactedKey,
}

/// Collects violations while walking a value.
#[derive(Debug, Default)]
pub struct Validator {
    path: Vec<Segment>,
    violations: Vec<Violation>,
    /// How many [`Validator::sensitive`] scopes are open around the current value.
    sensitive_depth: u32,
}

impl Validator {
    /// Runs `check` with `name` appended to the path.
    pub fn member(&mut self, name: &'static str, check: impl FnOnce(&mut Validator)) {
        self.path.push(Segment::Member(name));
        check(self);
        self.path.pop();
    }

    /// Runs `check` on every item of a list, with the index appended to the path.
    pub fn items<T>(&mut self, items: &[T], mut check: impl FnMut(&mut Validator, &T)) {
        for (i, item) in items.iter().enumerate() {
            self.path.push(Segment::Index(i));
            check(self, item);
            self.path.pop();
        }
    }

    /// Runs `check` with the current value treated as `@sensitive`: no violation found inside
    /// echoes a value, and map keys inside show as `[*** Sensitive Data Redacted ***]` in
    /// paths. Generated code opens this scope for sensitive members, structures, list items,
    /// map values and maps whose keys are sensitive.
    pub fn sensitive(&mut self, check: impl FnOnce(&mut Validator)) {
        self.sensitive_depth += 1;
        check(self);
        self.sensitive_depth -= 1;
    }

    /// Runs `check` on every entry of a map, with the key appended to the path (a placeholder
    /// inside a [`sensitive`](Validator::sensitive) scope). Entries are visited in key order
    /// so messages are deterministic.
    pub fn entries<'a, V: 'a>(
        &mut self,
        entries: impl IntoIterator<Item = (&'a String, &'a V)>,
        mut check: impl FnMut(&mut Validator, &'a String, &'a V),
    ) {
        let pairs: Vec<(&'a String, &'a V)> = entries.into_iter().collect();
        let keys: Vec<&str> = pairs.iter().map(|(key, _)| key.as_str()).collect();
        for index in crate::maps::key_order(&keys) {
            let (key, value) = pairs[index];
            let segment = if self.sensitive_depth > 0 {
                Segment::RedactedKey
            } else {
                Segment::Key(key.clone())
            };
            self.path.push(segment);
            check(self, key, value);
            self.path.pop();
        }
    }

    /// Checks a length (already measured by the caller in the unit the constraint uses).
    pub fn length(&mut self, actual: usize, min: Option<u64>, max: Option<u64>) {
        let actual = actual as u64;
        if min.is_some_and(|min| actual < min) || max.is_some_and(|max| actual > max) {
            self.push(ViolationKind::Length { min, max, actual });
        }
    }

    /// Checks a string's length in Unicode scalar values.
    pub fn str_length(&mut self, value: &str, min: Option<u64>, max: Option<u64>) {
        self.length(value.chars().count(), min, max);
    }

    /// Checks a pattern; the value is echoed in the message only when not sensitive, and then
    /// cut to [`MAX_UNTRUSTED_TEXT`](crate::untrusted::MAX_UNTRUSTED_TEXT) bytes.
    pub fn pattern(&mut self, value: &str, pattern: &Pattern, sensitive: bool) {
        if !pattern.is_match(value) {
            let sensitive = sensitive || self.sensitive_depth > 0;
            let value = (!sensitive).then(|| crate::untrusted::bounded(value).into_owned());
            self.push(ViolationKind::Pattern {
                pattern: pattern.source(),
                value,
            });
        }
    }

    /// Checks a numeric range.
    pub fn range(&mut self, value: f64, min: Option<f64>, max: Option<f64>, sensitive: bool) {
        if min.is_some_and(|min| value < min) || max.is_some_and(|max| value > max) {
            let sensitive = sensitive || self.sensitive_depth > 0;
            let value = (!sensitive).then_some(value);
            self.push(ViolationKind::Range { min, max, value });
        }
    }

    /// Records that a required member is missing.
    pub fn required_missing(&mut self) {
        self.push(ViolationKind::Required);
    }

    fn push(&mut self, kind: ViolationKind) {
        let mut path = String::new();
        for segment in &self.path {
            match segment {
                Segment::Member(name) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(name);
                }
                Segment::Index(i) => path.push_str(&format!("[{i}]")),
                Segment::Key(key) => {
                    path.push_str(&format!("[{:?}]", crate::untrusted::bounded(key)))
                }
                Segment::RedactedKey => {
                    path.push('[');
                    path.push_str(crate::sensitive::REDACTED_TEXT);
                    path.push(']');
                }
            }
        }
        self.violations.push(Violation { path, kind });
    }

    /// Ends the walk: `Ok` when nothing was broken.
    pub fn finish(self) -> Result<(), ValidationError> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError {
                violations: self.violations,
            })
        }
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate_into(&self, validator: &mut Validator) {
        (**self).validate_into(validator);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn violations(check: impl FnOnce(&mut Validator)) -> Vec<Violation> {
        let mut validator = Validator::default();
        check(&mut validator);
        validator
            .finish()
            .err()
            .map(|e| e.violations().to_vec())
            .unwrap_or_default()
    }

    #[test]
    fn patterns_have_ecmascript_semantics() {
        // `\w` and `\d` are ASCII in ECMAScript, whatever Unicode says.
        let client_id = Pattern::new(r"^[\w+]+$");
        assert!(client_id.is_match("abc_DEF+123"));
        assert!(!client_id.is_match("é"));
        assert!(!client_id.is_match("日本語"));
        assert!(!Pattern::new(r"^\d+$").is_match("٣"));
        // `\s` is Unicode white space; `.` one code point but no line terminator.
        assert!(Pattern::new(r"^\s$").is_match("\u{3000}"));
        assert!(Pattern::new(r"^.$").is_match("😀"));
        assert!(!Pattern::new(r"^.$").is_match("\n"));
        // `$` is the end of the input, not before a final newline.
        assert!(!Pattern::new(r"^abc$").is_match("abc\n"));
        // Not anchored unless the pattern says so.
        assert!(Pattern::new("b").is_match("abc"));
    }

    #[test]
    fn patterns_look_ahead_and_behind() {
        let no_trailing_dot = Pattern::new(r"^[0-9A-Za-z\.\-_]*(?<!\.)$");
        assert!(no_trailing_dot.is_match("a.b"));
        assert!(!no_trailing_dot.is_match("a.b."));
        let not_reserved = Pattern::new(r"^(?!aws:).*$");
        assert!(not_reserved.is_match("team"));
        assert!(!not_reserved.is_match("aws:team"));
    }

    #[test]
    fn translated_patterns_report_the_model_text() {
        // What the generator emits for Java's `\p{Print}` (see `ir::pattern` in the generator).
        let print = Pattern::translated(r"^\p{Print}+$", r"^[\x20-\~]+$", "uv");
        assert!(print.is_match("Hello, world!"));
        assert!(!print.is_match("tab\there"));
        let found = violations(|v| v.pattern("tab\there", &print, false));
        assert_eq!(found.len(), 1);
        assert!(found[0].to_string().contains(r"\p{Print}"), "{}", found[0]);
        assert_eq!(print.source(), r"^\p{Print}+$");
    }

    #[test]
    fn supplementary_ranges_match_code_points() {
        let supplementary = Pattern::new(r"^[\u{10000}-\u{10FFFF}]+$");
        assert!(supplementary.is_match("😀𝄞"));
        assert!(!supplementary.is_match("a"));
    }

    #[test]
    fn string_length_counts_code_points() {
        assert!(violations(|v| v.str_length("😀é", Some(2), Some(2))).is_empty());
        let found = violations(|v| v.str_length("😀é", Some(3), None));
        assert!(matches!(
            found[0].kind(),
            ViolationKind::Length { actual: 2, .. }
        ));
    }
}
