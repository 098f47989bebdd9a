//! Backward-compatibility rules of traits: which additions, removals and updates of a trait
//! (or of a value inside it) break clients, and how badly.
//!
//! The rules of the Smithy prelude and the AWS trait packages are facts of their trait
//! definitions (`@trait(breakingChanges: …)`), listed here because our prelude does not model
//! trait definitions. A model that defines its own traits brings its rules along and they
//! are read from the definition.

use super::Severity;
use crate::model::{Model, ShapeId};

/// Which difference a rule is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ChangeKind {
    /// Absent before, present now.
    Add,
    /// Present before, absent now.
    Remove,
    /// Present in both with different values.
    Update,
    /// Add, remove or update.
    Any,
    /// Add or remove.
    Presence,
}

impl ChangeKind {
    fn parse(text: &str) -> Option<ChangeKind> {
        Some(match text {
            "add" => ChangeKind::Add,
            "remove" => ChangeKind::Remove,
            "update" => ChangeKind::Update,
            "any" => ChangeKind::Any,
            "presence" => ChangeKind::Presence,
            _ => return None,
        })
    }

    /// Whether this rule covers a concrete difference.
    pub(super) fn covers(self, concrete: ChangeKind) -> bool {
        match self {
            ChangeKind::Any => true,
            ChangeKind::Presence => matches!(concrete, ChangeKind::Add | ChangeKind::Remove),
            other => other == concrete,
        }
    }
}

/// One rule: a JSON-pointer-like path inside the trait value (empty: the whole value;
/// `member` steps into every list item or map value), the kind of change, and its severity.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Rule {
    pub path: String,
    pub change: ChangeKind,
    pub severity: Severity,
}

use ChangeKind::{Add, Any, Presence, Remove, Update};
use Severity::{Danger, Error, Note, Warning};

/// One built-in rule: (path, change, severity).
type RuleSpec = (&'static str, ChangeKind, Severity);

/// Built-in rules by trait id.
const BUILT_IN: &[(&str, &[RuleSpec])] = &[
    (
        "smithy.api#trait",
        &[
            ("", Presence, Error),
            ("/structurallyExclusive", Any, Error),
            ("/conflicts", Update, Note),
        ],
    ),
    ("smithy.api#protocolDefinition", &[("", Presence, Error)]),
    ("smithy.api#authDefinition", &[("", Presence, Error)]),
    ("smithy.api#httpBasicAuth", &[("", Remove, Error)]),
    ("smithy.api#httpDigestAuth", &[("", Remove, Error)]),
    ("smithy.api#httpBearerAuth", &[("", Remove, Error)]),
    ("smithy.api#httpApiKeyAuth", &[("", Remove, Error)]),
    ("smithy.api#addedDefault", &[("", Remove, Error)]),
    ("smithy.api#optionalAuth", &[("", Remove, Error)]),
    ("smithy.api#error", &[("", Any, Error)]),
    ("smithy.api#retryable", &[("", Remove, Error)]),
    ("smithy.api#readonly", &[("", Remove, Error)]),
    ("smithy.api#idempotent", &[("", Remove, Error)]),
    ("smithy.api#idempotencyToken", &[("", Remove, Error)]),
    ("smithy.api#internal", &[("", Remove, Warning)]),
    ("smithy.api#jsonName", &[("", Any, Error)]),
    ("smithy.api#xmlAttribute", &[("", Any, Error)]),
    ("smithy.api#xmlFlattened", &[("", Any, Error)]),
    ("smithy.api#xmlName", &[("", Any, Error)]),
    ("smithy.api#xmlNamespace", &[("", Any, Error)]),
    ("smithy.api#mediaType", &[("", Remove, Error)]),
    ("smithy.api#resourceIdentifier", &[("", Remove, Error)]),
    ("smithy.api#streaming", &[("", Any, Error)]),
    ("smithy.api#requiresLength", &[("", Presence, Error)]),
    ("smithy.api#enum", &[("", Presence, Error)]),
    (
        "smithy.api#pattern",
        &[("", Add, Warning), ("", Update, Note)],
    ),
    (
        "smithy.api#property",
        &[("", Remove, Error), ("", Update, Error)],
    ),
    ("smithy.api#notProperty", &[("", Add, Error)]),
    ("smithy.api#nestedProperties", &[("", Any, Error)]),
    ("smithy.api#sparse", &[("", Presence, Error)]),
    ("smithy.api#uniqueItems", &[("", Presence, Warning)]),
    (
        "smithy.api#paginated",
        &[
            ("", Remove, Error),
            ("/inputToken", Update, Error),
            ("/outputToken", Update, Error),
            ("/items", Remove, Error),
            ("/items", Add, Note),
            ("/items", Update, Note),
            ("/pageSize", Update, Error),
            ("/pageSize", Remove, Error),
        ],
    ),
    (
        "smithy.api#http",
        &[
            ("", Remove, Error),
            ("/method", Update, Error),
            ("/uri", Update, Error),
            ("/code", Update, Error),
            ("/code", Presence, Danger),
        ],
    ),
    ("smithy.api#httpLabel", &[("", Presence, Error)]),
    ("smithy.api#httpQuery", &[("", Any, Error)]),
    ("smithy.api#httpQueryParams", &[("", Any, Error)]),
    ("smithy.api#httpHeader", &[("", Any, Error)]),
    ("smithy.api#httpPrefixHeaders", &[("", Any, Error)]),
    ("smithy.api#httpPayload", &[("", Presence, Error)]),
    ("smithy.api#httpError", &[("", Any, Error)]),
    ("smithy.api#httpResponseCode", &[("", Any, Error)]),
    ("smithy.api#cors", &[("", Remove, Error)]),
    ("smithy.api#eventPayload", &[("", Any, Error)]),
    ("smithy.api#eventHeader", &[("", Any, Error)]),
    ("smithy.api#timestampFormat", &[("", Any, Error)]),
    ("smithy.api#endpoint", &[("", Any, Error)]),
    ("smithy.api#hostLabel", &[("", Any, Error)]),
    ("smithy.api#input", &[("", Presence, Error)]),
    ("smithy.api#output", &[("", Presence, Error)]),
    (
        "smithy.api#requestCompression",
        &[
            ("", Remove, Danger),
            ("/encodings", Remove, Error),
            ("/encodings/member", Add, Note),
            ("/encodings/member", Remove, Danger),
            ("/encodings/member", Update, Danger),
        ],
    ),
    ("aws.api#awsChunked", &[("", Remove, Error)]),
    ("aws.auth#sigv4", &[("", Remove, Error)]),
    ("aws.auth#sigv4a", &[("", Remove, Error)]),
    ("aws.endpoints#endpointsModifier", &[("", Presence, Error)]),
    (
        "aws.endpoints#standardRegionalEndpoints",
        &[("", Remove, Error)],
    ),
    (
        "aws.endpoints#standardPartitionalEndpoints",
        &[("", Any, Error)],
    ),
    ("aws.endpoints#dualStackOnlyEndpoints", &[("", Any, Error)]),
    ("aws.endpoints#rulesBasedEndpoints", &[("", Any, Error)]),
    ("aws.protocols#awsQueryError", &[("", Any, Error)]),
    (
        "aws.protocols#httpChecksum",
        &[
            ("", Remove, Danger),
            ("/requestAlgorithmMember", Remove, Danger),
            ("/requestValidationModeMember", Remove, Danger),
            ("/responseAlgorithms/member", Remove, Danger),
        ],
    ),
];

/// Namespaces whose traits are defined by Smithy or AWS packages: a trait from these without
/// rules gets the default treatment (NOTE for additions and updates, WARNING for removals).
const DEFINED_NAMESPACES: &[&str] = &["smithy.", "aws."];

/// How a trait's differences are judged.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum TraitPolicy {
    /// The trait's definition lists breaking-change rules.
    Rules(Vec<Rule>),
    /// A defined trait without rules: additions and updates are NOTEs, removals WARNINGs.
    Default,
    /// A trait defined nowhere we know: every difference is a WARNING.
    Unknown,
}

/// The policy for `trait_id`: a definition in the new model wins, then the built-in table.
pub(super) fn policy(model: &Model, trait_id: &ShapeId) -> TraitPolicy {
    if let Some(definition) = model
        .shape(trait_id)
        .and_then(|s| s.traits.raw.get(&ShapeId::new("smithy.api", "trait")))
    {
        let rules = definition
            .get("breakingChanges")
            .and_then(|v| v.as_array())
            .map(|rules| rules.iter().filter_map(parse_rule).collect::<Vec<_>>())
            .unwrap_or_default();
        return if rules.is_empty() {
            TraitPolicy::Default
        } else {
            TraitPolicy::Rules(rules)
        };
    }
    let text = trait_id.to_string();
    if let Some((_, rules)) = BUILT_IN.iter().find(|(id, _)| *id == text) {
        return TraitPolicy::Rules(
            rules
                .iter()
                .map(|(path, change, severity)| Rule {
                    path: (*path).to_owned(),
                    change: *change,
                    severity: *severity,
                })
                .collect(),
        );
    }
    if DEFINED_NAMESPACES
        .iter()
        .any(|ns| text.starts_with(ns) || trait_id.namespace() == ns.trim_end_matches('.'))
    {
        TraitPolicy::Default
    } else {
        TraitPolicy::Unknown
    }
}

/// One `breakingChanges` entry of a trait definition (`severity` defaults to ERROR).
fn parse_rule(value: &serde_json::Value) -> Option<Rule> {
    let change = ChangeKind::parse(value.get("change")?.as_str()?)?;
    let severity = match value.get("severity").and_then(|v| v.as_str()) {
        Some(text) => Severity::parse(text)?,
        None => Severity::Error,
    };
    let path = value
        .get("path")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_owned();
    Some(Rule {
        path,
        change,
        severity,
    })
}
