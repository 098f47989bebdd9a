//! Load diagnostics: what was wrong, where (shape id and JSON path), and what would be right.

use super::ShapeId;
use std::fmt;

/// A failure to load or query a model.
///
/// Carries the shape the problem belongs to (when known), the JSON path of the offending
/// value (e.g. `$.shapes["ns#Foo"].members.bar.target`), the name of the document when
/// several were loaded together, and a [`LoadErrorKind`] saying what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    // Boxed so that `Result<_, LoadError>` stays small on the happy path.
    inner: Box<Located>,
}

#[derive(Debug, Clone, PartialEq)]
struct Located {
    shape: Option<ShapeId>,
    path: String,
    document: Option<String>,
    /// 1-based line and column in the document, for IDL (`.smithy`) sources.
    position: Option<(usize, usize)>,
    kind: LoadErrorKind,
}

/// What went wrong while loading or querying a model.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum LoadErrorKind {
    /// The text is not valid JSON.
    MalformedJson {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// The JSON parser's description.
        message: String,
    },
    /// Smithy IDL text that does not follow the grammar (the error's line and column say where).
    Syntax {
        /// What was expected and what was found.
        message: String,
    },
    /// A model file or directory that cannot be read.
    Io {
        /// What could not be read and why.
        message: String,
    },
    /// The `smithy` version is not one this loader understands.
    UnsupportedVersion {
        /// The version found in the document.
        found: String,
    },
    /// A string that should be an absolute shape id is not one.
    InvalidShapeId {
        /// The rejected text.
        text: String,
        /// Why it is rejected.
        reason: String,
    },
    /// A reference names a shape that is neither defined nor in the prelude.
    UnknownShape {
        /// The missing shape (or member) id.
        target: ShapeId,
        /// What holds the reference, e.g. "member `ns#Foo$bar`".
        referrer: String,
        /// Defined ids that look like what was meant.
        did_you_mean: Vec<ShapeId>,
    },
    /// An operation name or id that the service (or model) does not have.
    UnknownOperation {
        /// The service searched, when the lookup was per service.
        service: Option<ShapeId>,
        /// The name or id asked for.
        name: String,
        /// Operation names that look like what was meant.
        did_you_mean: Vec<String>,
    },
    /// A member declared twice (by two mixins, or by a mixin and the shape) with different targets.
    ConflictingMember {
        /// The member id in the shape being built.
        member: ShapeId,
        /// The target declared first.
        existing_target: ShapeId,
        /// Where the first declaration comes from, e.g. "mixin `ns#A1`".
        existing_origin: String,
        /// The conflicting target.
        new_target: ShapeId,
    },
    /// The same trait given twice with different, non-list values (by `apply` or a duplicate).
    ConflictingTrait {
        /// The trait id.
        trait_id: ShapeId,
        /// The shape or member the trait is applied to.
        target: ShapeId,
        /// The value already present, as compact JSON.
        existing: String,
        /// The conflicting value, as compact JSON.
        new: String,
    },
    /// Two documents give different values for the same `metadata` key.
    ConflictingMetadata {
        /// The metadata key.
        key: String,
    },
    /// A shape id defined twice with different definitions (or redefining a prelude shape).
    DuplicateShape {
        /// The shape id.
        id: ShapeId,
        /// Where the first definition comes from.
        first: String,
    },
    /// Mixins that (directly or indirectly) mix themselves in.
    CyclicMixins {
        /// The cycle, starting and ending with the same shape.
        cycle: Vec<ShapeId>,
    },
    /// A shape used as a mixin that cannot be one.
    InvalidMixin {
        /// The shape being built.
        shape: ShapeId,
        /// The mixin.
        mixin: ShapeId,
        /// Why it cannot be used.
        reason: String,
    },
    /// A known trait whose value has the wrong form.
    InvalidTrait {
        /// The trait id.
        trait_id: ShapeId,
        /// What is wrong and what was expected.
        reason: String,
    },
    /// A JSON value of the wrong type (e.g. an array where an object belongs).
    WrongType {
        /// What was expected, e.g. "a string".
        expected: &'static str,
        /// What was found, e.g. "an array".
        found: &'static str,
    },
    /// A required property is absent.
    MissingField {
        /// The property name.
        field: &'static str,
        /// What the property is for, e.g. "a member must name the shape it targets".
        why: &'static str,
    },
    /// A property that this kind of shape does not have (often a typo).
    UnknownProperty {
        /// The property name.
        property: String,
        /// The AST type of the object holding it (`structure`, `member`, …).
        owner: &'static str,
        /// The properties that object may have.
        allowed: &'static [&'static str],
    },
    /// A `type` that is not a Smithy shape type.
    UnknownShapeType {
        /// The type found.
        found: String,
    },
    /// A reference to a shape of a kind that cannot be used there (e.g. a member targeting an
    /// operation, or an operation input that is not a structure).
    InvalidTarget {
        /// What holds the reference.
        referrer: String,
        /// The referenced shape.
        target: ShapeId,
        /// What the referenced shape is, e.g. "operation" or "mixin structure".
        found: String,
        /// What would be allowed there.
        expected: &'static str,
    },
}

impl LoadError {
    /// Builds an error for `path`, belonging to `shape` when known.
    pub(crate) fn new(
        shape: Option<&ShapeId>,
        path: impl Into<String>,
        kind: LoadErrorKind,
    ) -> Self {
        LoadError {
            inner: Box::new(Located {
                shape: shape.cloned(),
                path: path.into(),
                document: None,
                position: None,
                kind,
            }),
        }
    }

    /// Builds an error that has no JSON location (model queries such as closures).
    pub(crate) fn query(shape: Option<&ShapeId>, kind: LoadErrorKind) -> Self {
        LoadError::new(shape, String::new(), kind)
    }

    /// Names the document the error comes from (used when loading several documents).
    pub(crate) fn in_document(mut self, name: &str) -> Self {
        self.inner.document = Some(name.to_owned());
        self
    }

    /// Places the error at a 1-based line and column of its document (IDL sources).
    pub(crate) fn at_position(mut self, line: usize, column: usize) -> Self {
        self.inner.position = Some((line, column));
        self
    }

    /// The 1-based line and column of the problem, for errors in IDL (`.smithy`) files.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.inner.position
    }

    /// The shape the problem belongs to, when known.
    pub fn shape(&self) -> Option<&ShapeId> {
        self.inner.shape.as_ref()
    }

    /// The JSON path of the offending value (`$` for the whole document; empty for errors of
    /// model queries that have no location).
    pub fn path(&self) -> &str {
        &self.inner.path
    }

    /// The document name, when the model was loaded from several named documents.
    pub fn document(&self) -> Option<&str> {
        self.inner.document.as_deref()
    }

    /// What went wrong.
    pub fn kind(&self) -> &LoadErrorKind {
        &self.inner.kind
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.inner.document, self.inner.position) {
            (Some(document), Some((line, column))) => write!(f, "{document}:{line}:{column}: ")?,
            (None, Some((line, column))) => write!(f, "line {line}, column {column}: ")?,
            (Some(document), None) => write!(f, "{document}: ")?,
            (None, None) => {}
        }
        if !self.inner.path.is_empty() {
            write!(f, "{}: ", self.inner.path)?;
        }
        self.inner.kind.describe(self.inner.shape.as_ref(), f)
    }
}

impl std::error::Error for LoadError {}

impl fmt::Display for LoadErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.describe(None, f)
    }
}

impl LoadErrorKind {
    /// Writes the sentence; `shape` is named where the kind's own fields do not name it.
    fn describe(&self, shape: Option<&ShapeId>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let in_shape = shape
            .map(|id| format!(" in shape `{id}`"))
            .unwrap_or_default();
        match self {
            LoadErrorKind::MalformedJson { line, column, message } => write!(
                f,
                "malformed JSON at line {line}, column {column}: {message} \
                 (a model must be one JSON object in the Smithy JSON AST format)"
            ),
            LoadErrorKind::Syntax { message } => write!(f, "syntax error: {message}"),
            LoadErrorKind::Io { message } => write!(f, "{message}"),
            LoadErrorKind::UnsupportedVersion { found } => write!(
                f,
                "unsupported Smithy version `{found}` (expected \"2.0\", \"2\", \"1.0\" or \"1\")"
            ),
            LoadErrorKind::InvalidShapeId { text, reason } => write!(
                f,
                "invalid shape id `{text}`{in_shape}: {reason} \
                 (expected an absolute id such as `example.namespace#ShapeName`)"
            ),
            LoadErrorKind::UnknownShape { target, referrer, did_you_mean } => {
                write!(f, "unknown shape reference `{target}` in {referrer} (")?;
                if target.member().is_some() {
                    write!(f, "the shape has no member with that name")?;
                } else {
                    write!(f, "no shape with that id is defined, and it is not in the prelude")?;
                }
                write_suggestions(f, did_you_mean)?;
                write!(f, ")")
            }
            LoadErrorKind::UnknownOperation { service, name, did_you_mean } => {
                write!(f, "unknown operation `{name}`")?;
                match service {
                    Some(service) => write!(f, " in service `{service}` (the service has no operation with that name or id")?,
                    None => write!(f, " (no shape with that id is defined")?,
                }
                write_suggestions(f, did_you_mean)?;
                write!(f, ")")
            }
            LoadErrorKind::ConflictingMember { member, existing_target, existing_origin, new_target } => write!(
                f,
                "member `{member}` targets `{new_target}`, but {existing_origin} already defines it \
                 with target `{existing_target}` (a member redeclared over a mixin member must \
                 target the same shape)"
            ),
            LoadErrorKind::ConflictingTrait { trait_id, target, existing, new } => write!(
                f,
                "conflicting values for trait `{trait_id}` on `{target}`: {existing} and {new} \
                 (a trait applied twice must have equal values, or list values, which are concatenated)"
            ),
            LoadErrorKind::ConflictingMetadata { key } => write!(
                f,
                "metadata key `{key}` has a different value in an earlier document \
                 (values must be equal, or lists, which are concatenated)"
            ),
            LoadErrorKind::DuplicateShape { id, first } => write!(
                f,
                "shape `{id}` is already defined by {first}, differently (a shape id may be \
                 defined only once; identical duplicates are allowed)"
            ),
            LoadErrorKind::CyclicMixins { cycle } => {
                write!(f, "mixins form a cycle: ")?;
                for (i, id) in cycle.iter().enumerate() {
                    if i > 0 {
                        write!(f, " -> ")?;
                    }
                    write!(f, "`{id}`")?;
                }
                write!(f, " (a shape cannot mix itself in, directly or through other mixins)")
            }
            LoadErrorKind::InvalidMixin { shape, mixin, reason } => {
                write!(f, "`{mixin}` cannot be a mixin of `{shape}`: {reason}")
            }
            LoadErrorKind::InvalidTrait { trait_id, reason } => {
                let on = shape.map(|id| format!(" on `{id}`")).unwrap_or_default();
                write!(f, "trait `{trait_id}`{on} has the wrong form: {reason}")
            }
            LoadErrorKind::WrongType { expected, found } => {
                write!(f, "wrong JSON type{in_shape}: expected {expected}, found {found}")
            }
            LoadErrorKind::MissingField { field, why } => {
                write!(f, "missing required property `{field}`{in_shape} ({why})")
            }
            LoadErrorKind::UnknownProperty { property, owner, allowed } => write!(
                f,
                "unknown property `{property}` on a {owner}{in_shape} (expected one of: {})",
                allowed.join(", ")
            ),
            LoadErrorKind::UnknownShapeType { found } => {
                let types: Vec<&str> =
                    crate::ast::SHAPE_TYPES.iter().copied().filter(|t| *t != "member").collect();
                write!(f, "unknown shape type `{found}`{in_shape} (expected one of: {})", types.join(", "))
            }
            LoadErrorKind::InvalidTarget { referrer, target, found, expected } => write!(
                f,
                "{referrer} refers to {found} `{target}`, but only {expected} is allowed there"
            ),
        }
    }
}

fn write_suggestions(f: &mut fmt::Formatter<'_>, candidates: &[impl fmt::Display]) -> fmt::Result {
    for (i, candidate) in candidates.iter().enumerate() {
        let lead = if i == 0 { "; did you mean " } else { " or " };
        write!(f, "{lead}`{candidate}`")?;
    }
    if !candidates.is_empty() {
        write!(f, "?")?;
    }
    Ok(())
}

/// Short JSON text of a value for messages, cut at a readable length.
pub(crate) fn brief_json(value: &serde_json::Value) -> String {
    const LIMIT: usize = 80;
    let text = value.to_string();
    if text.chars().count() > LIMIT {
        format!("{}…", text.chars().take(LIMIT).collect::<String>())
    } else {
        text
    }
}

/// Names longer than this get no "did you mean" hints: the edit distance costs the product
/// of the two lengths, and a hostile model could otherwise make loading take minutes.
const SUGGESTION_MAX_CHARS: usize = 256;

/// Up to three `candidates` that look like `wanted` (same text ignoring case, or a small edit
/// distance), closest first, for "did you mean" hints.
pub(crate) fn close_matches<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    if wanted.len() > 4 * SUGGESTION_MAX_CHARS {
        return Vec::new();
    }
    let wanted_lower = wanted.to_lowercase();
    let wanted_chars = wanted_lower.chars().count();
    if wanted_chars > SUGGESTION_MAX_CHARS {
        return Vec::new();
    }
    let limit = (wanted.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            // The distance is at least the difference in length: skip the work when that
            // alone rules the candidate out (and for names no one types by hand).
            if candidate.len() > 4 * SUGGESTION_MAX_CHARS {
                return None;
            }
            let candidate_lower = candidate.to_lowercase();
            let chars = candidate_lower.chars().count();
            if chars > SUGGESTION_MAX_CHARS || chars.abs_diff(wanted_chars) > limit {
                return None;
            }
            let distance = edit_distance(&wanted_lower, &candidate_lower);
            (distance <= limit).then_some((distance, candidate))
        })
        .collect();
    scored.sort();
    scored.dedup();
    scored
        .into_iter()
        .take(3)
        .map(|(_, candidate)| candidate.to_owned())
        .collect()
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitute =
                previous.get(j).copied().unwrap_or(usize::MAX - 1) + usize::from(ca != *cb);
            let delete = previous.get(j + 1).copied().unwrap_or(usize::MAX - 1) + 1;
            let insert = current.get(j).copied().unwrap_or(usize::MAX - 1) + 1;
            current.push(substitute.min(delete).min(insert));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_matches_ignore_case_and_allow_small_edits() {
        let names = [
            "GetUser",
            "GetUserAttributeVerificationCode",
            "DeleteUser",
            "getuser",
        ];
        assert_eq!(close_matches("GetUsr", names), ["GetUser", "getuser"]);
        assert_eq!(close_matches("DeleteUsers", names), ["DeleteUser"]);
        assert!(close_matches("Completely", names).is_empty());
    }

    #[test]
    fn edit_distance_counts_single_character_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let long = serde_json::Value::String("x".repeat(200));
        let brief = brief_json(&long);
        assert!(brief.ends_with('…'));
        assert_eq!(brief.chars().count(), 81);
        assert_eq!(brief_json(&serde_json::json!({ "a": 1 })), "{\"a\":1}");
    }

    #[test]
    fn errors_without_location_print_only_the_sentence() {
        let kind = LoadErrorKind::UnknownOperation {
            service: None,
            name: "x#Y".into(),
            did_you_mean: vec![],
        };
        assert_eq!(
            LoadError::query(None, kind).to_string(),
            "unknown operation `x#Y` (no shape with that id is defined)"
        );
    }
}
