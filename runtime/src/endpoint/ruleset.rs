//! The rule set document (`smithy.rules#endpointRuleSet`), deserialised once with serde.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use super::error::EndpointError;
use super::eval;
use super::expr::Expr;
use super::params::{ParamValue, Params};
use super::resolved::Endpoint;

/// A parsed endpoint rule set, ready to resolve endpoints.
///
/// Parse it once (it is immutable and `Sync`, so a `OnceLock` or `static` can hold it) and call
/// [`resolve`](RuleSet::resolve) per request. Loading checks everything that does not depend on
/// parameter values: the document's shape, parameter declarations, function names and argument
/// counts, template syntax and `getAttr` paths.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub(crate) parameters: BTreeMap<String, Parameter>,
    pub(crate) rules: Vec<Rule>,
}

impl RuleSet {
    /// Loads the value of a service's `smithy.rules#endpointRuleSet` trait.
    pub fn from_json(json: &serde_json::Value) -> Result<RuleSet, EndpointError> {
        let document = RuleSetDocument::deserialize(json)
            .map_err(|e| EndpointError::invalid_rule_set(e.to_string()))?;
        RuleSet::from_document(document)
    }

    /// Like [`from_json`](RuleSet::from_json), from JSON text (for example a constant embedded
    /// in a generated client).
    pub fn from_json_str(json: &str) -> Result<RuleSet, EndpointError> {
        let document: RuleSetDocument = serde_json::from_str(json)
            .map_err(|e| EndpointError::invalid_rule_set(e.to_string()))?;
        RuleSet::from_document(document)
    }

    /// Picks the endpoint for `params`: the first rule whose conditions hold decides.
    ///
    /// Fails with [`EndpointErrorKind::RuleError`](super::EndpointErrorKind::RuleError) carrying
    /// the rule's own message when an `error` rule is selected, and with other kinds when the
    /// parameters do not fit the rule set or the rule set cannot be evaluated.
    pub fn resolve(&self, params: &Params) -> Result<Endpoint, EndpointError> {
        eval::resolve(self, params)
    }

    /// Whether the rule set declares a parameter called `name`.
    ///
    /// [`resolve`](RuleSet::resolve) rejects names the rule set does not declare, so a caller
    /// that fills in the same built-ins (`Region`, `UseFIPS`, …) for every service asks first.
    pub fn declares_parameter(&self, name: &str) -> bool {
        self.parameters.contains_key(name)
    }

    fn from_document(document: RuleSetDocument) -> Result<RuleSet, EndpointError> {
        // Minor versions add functions, which unknown-function checks already cover.
        if document.version.split('.').next() != Some("1") {
            return Err(EndpointError::invalid_rule_set(format!(
                "unsupported rule set version `{}` (expected 1.x)",
                document.version
            )));
        }
        if document.rules.is_empty() {
            return Err(EndpointError::invalid_rule_set("the rule set has no rules"));
        }
        Ok(RuleSet {
            parameters: document.parameters,
            rules: document.rules,
        })
    }
}

#[derive(Deserialize)]
struct RuleSetDocument {
    version: String,
    #[serde(default)]
    parameters: BTreeMap<String, Parameter>,
    rules: Vec<Rule>,
}

/// A declared parameter, with its default already checked against its type.
#[derive(Debug, Clone)]
pub(crate) struct Parameter {
    pub(crate) kind: ParamType,
    pub(crate) required: bool,
    pub(crate) default: Option<ParamValue>,
}

impl<'de> Deserialize<'de> for Parameter {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct RawParameter {
            #[serde(rename = "type")]
            kind: String,
            #[serde(default)]
            required: bool,
            default: Option<serde_json::Value>,
        }
        let raw = RawParameter::deserialize(deserializer)?;
        let kind = ParamType::from_name(&raw.kind).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown parameter type `{}` (expected string, boolean or stringArray)",
                raw.kind
            ))
        })?;
        let default = raw
            .default
            .map(|value| {
                kind.value_from_json(&value).ok_or_else(|| {
                    serde::de::Error::custom(format!("default `{value}` is not a {kind}"))
                })
            })
            .transpose()?;
        Ok(Parameter {
            kind,
            required: raw.required,
            default,
        })
    }
}

/// The declared type of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParamType {
    String,
    Boolean,
    StringArray,
}

impl ParamType {
    /// Type names are matched without regard to case: models write both `String` and `string`.
    fn from_name(name: &str) -> Option<ParamType> {
        [
            ParamType::String,
            ParamType::Boolean,
            ParamType::StringArray,
        ]
        .into_iter()
        .find(|kind| kind.name().eq_ignore_ascii_case(name))
    }

    fn name(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Boolean => "boolean",
            ParamType::StringArray => "stringArray",
        }
    }

    pub(crate) fn accepts(self, value: &ParamValue) -> bool {
        matches!(
            (self, value),
            (ParamType::String, ParamValue::String(_))
                | (ParamType::Boolean, ParamValue::Bool(_))
                | (ParamType::StringArray, ParamValue::StringArray(_))
        )
    }

    fn value_from_json(self, json: &serde_json::Value) -> Option<ParamValue> {
        match (self, json) {
            (ParamType::String, serde_json::Value::String(s)) => {
                Some(ParamValue::String(s.clone()))
            }
            (ParamType::Boolean, serde_json::Value::Bool(b)) => Some(ParamValue::Bool(*b)),
            (ParamType::StringArray, serde_json::Value::Array(items)) => items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .map(ParamValue::StringArray),
            _ => None,
        }
    }
}

impl fmt::Display for ParamType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One rule: conditions that must all hold, then what happens when they do.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Rule {
    #[serde(default)]
    pub(crate) conditions: Vec<Condition>,
    #[serde(flatten)]
    pub(crate) outcome: RuleOutcome,
}

/// What a selected rule produces, by the rule's `type`.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub(crate) enum RuleOutcome {
    Endpoint {
        endpoint: EndpointTemplate,
    },
    Error {
        error: Expr,
    },
    /// Sub-rules; once a tree is entered, exhausting it is an error, not a fall-through.
    Tree {
        rules: Vec<Rule>,
    },
}

/// The `endpoint` object of an endpoint rule, before evaluation.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct EndpointTemplate {
    pub(crate) url: Expr,
    #[serde(default)]
    pub(crate) headers: BTreeMap<String, Vec<Expr>>,
    #[serde(default)]
    pub(crate) properties: BTreeMap<String, Expr>,
}

/// A function call whose result decides whether a rule applies, optionally bound to a name.
#[derive(Debug, Clone)]
pub(crate) struct Condition {
    pub(crate) call: Expr,
    pub(crate) assign: Option<String>,
}

impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct RawCondition {
            #[serde(rename = "fn")]
            function: String,
            argv: Vec<serde_json::Value>,
            assign: Option<String>,
        }
        let raw = RawCondition::deserialize(deserializer)?;
        let call =
            Expr::call_from_json(&raw.function, &raw.argv).map_err(serde::de::Error::custom)?;
        Ok(Condition {
            call,
            assign: raw.assign,
        })
    }
}
