//! The rule set document (`smithy.rules#endpointRuleSet`), read once from its JSON form.
//!
//! Read by hand from a `serde_json::Value` rather than with `#[derive(Deserialize)]`, so the
//! runtime needs no proc-macro crate; errors name the path of the offending field.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Value as Json};

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
        let document = RuleSetDocument::from_json(json).map_err(EndpointError::invalid_rule_set)?;
        RuleSet::from_document(document)
    }

    /// Like [`from_json`](RuleSet::from_json), from JSON text (for example a constant embedded
    /// in a generated client).
    pub fn from_json_str(json: &str) -> Result<RuleSet, EndpointError> {
        let json: Json = serde_json::from_str(json)
            .map_err(|e| EndpointError::invalid_rule_set(e.to_string()))?;
        RuleSet::from_json(&json)
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

struct RuleSetDocument {
    version: String,
    parameters: BTreeMap<String, Parameter>,
    rules: Vec<Rule>,
}

impl RuleSetDocument {
    fn from_json(json: &Json) -> Result<RuleSetDocument, String> {
        let fields = object(json, "the rule set")?;
        let version = string(required(fields, "version", "the rule set")?, "`version`")?;
        let parameters = match fields.get("parameters") {
            None => BTreeMap::new(),
            Some(parameters) => {
                crate::maps::try_btree_map(object(parameters, "`parameters`")?.iter().map(
                    |(name, value)| {
                        let at = format!("parameter `{name}`");
                        Ok::<_, String>((name.clone(), Parameter::from_json(value, &at)?))
                    },
                ))?
            }
        };
        let rules = rules(required(fields, "rules", "the rule set")?, "`rules`")?;
        Ok(RuleSetDocument {
            version: version.to_owned(),
            parameters,
            rules,
        })
    }
}

// Small readers over `serde_json::Value`; `at` names the place for the error message.

fn object<'a>(json: &'a Json, at: &str) -> Result<&'a Map<String, Json>, String> {
    json.as_object()
        .ok_or_else(|| format!("{at} must be an object, found `{json}`"))
}

fn array<'a>(json: &'a Json, at: &str) -> Result<&'a [Json], String> {
    json.as_array()
        .map(Vec::as_slice)
        .ok_or_else(|| format!("{at} must be an array, found `{json}`"))
}

fn string<'a>(json: &'a Json, at: &str) -> Result<&'a str, String> {
    json.as_str()
        .ok_or_else(|| format!("{at} must be a string, found `{json}`"))
}

fn required<'a>(fields: &'a Map<String, Json>, key: &str, at: &str) -> Result<&'a Json, String> {
    fields
        .get(key)
        .ok_or_else(|| format!("{at} has no `{key}`"))
}

fn rules(json: &Json, at: &str) -> Result<Vec<Rule>, String> {
    array(json, at)?
        .iter()
        .enumerate()
        .map(|(index, rule)| Rule::from_json(rule, &format!("{at}[{index}]")))
        .collect()
}

/// A declared parameter, with its default already checked against its type.
#[derive(Debug, Clone)]
pub(crate) struct Parameter {
    pub(crate) kind: ParamType,
    pub(crate) required: bool,
    pub(crate) default: Option<ParamValue>,
}

impl Parameter {
    fn from_json(json: &Json, at: &str) -> Result<Parameter, String> {
        let fields = object(json, at)?;
        let name = string(
            required(fields, "type", at)?,
            &format!("the `type` of {at}"),
        )?;
        let kind = ParamType::from_name(name).ok_or_else(|| {
            format!(
                "{at}: unknown parameter type `{name}` (expected string, boolean or stringArray)"
            )
        })?;
        let required = match fields.get("required") {
            None => false,
            Some(flag) => flag
                .as_bool()
                .ok_or_else(|| format!("`required` of {at} must be a boolean, found `{flag}`"))?,
        };
        let default = match fields.get("default") {
            None | Some(Json::Null) => None,
            Some(value) => Some(
                kind.value_from_json(value)
                    .ok_or_else(|| format!("{at}: default `{value}` is not a {kind}"))?,
            ),
        };
        Ok(Parameter {
            kind,
            required,
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
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub(crate) conditions: Vec<Condition>,
    pub(crate) outcome: RuleOutcome,
}

impl Rule {
    fn from_json(json: &Json, at: &str) -> Result<Rule, String> {
        let fields = object(json, at)?;
        let conditions = match fields.get("conditions") {
            None => Vec::new(),
            Some(conditions) => {
                let at = format!("{at}.conditions");
                array(conditions, &at)?
                    .iter()
                    .enumerate()
                    .map(|(index, condition)| {
                        Condition::from_json(condition, &format!("{at}[{index}]"))
                    })
                    .collect::<Result<_, String>>()?
            }
        };
        let kind = string(required(fields, "type", at)?, &format!("{at}.type"))?;
        let outcome = match kind {
            "endpoint" => RuleOutcome::Endpoint {
                endpoint: EndpointTemplate::from_json(
                    required(fields, "endpoint", at)?,
                    &format!("{at}.endpoint"),
                )?,
            },
            "error" => RuleOutcome::Error {
                error: Expr::from_json(required(fields, "error", at)?)
                    .map_err(|e| format!("{at}.error: {e}"))?,
            },
            "tree" => RuleOutcome::Tree {
                rules: rules(required(fields, "rules", at)?, &format!("{at}.rules"))?,
            },
            other => {
                return Err(format!(
                    "{at}: unknown rule type `{other}` (expected endpoint, error or tree)"
                ))
            }
        };
        Ok(Rule {
            conditions,
            outcome,
        })
    }
}

/// What a selected rule produces, by the rule's `type`.
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
pub(crate) struct EndpointTemplate {
    pub(crate) url: Expr,
    pub(crate) headers: BTreeMap<String, Vec<Expr>>,
    pub(crate) properties: BTreeMap<String, Expr>,
}

impl EndpointTemplate {
    fn from_json(json: &Json, at: &str) -> Result<EndpointTemplate, String> {
        let fields = object(json, at)?;
        let expr = |json: &Json, at: &str| Expr::from_json(json).map_err(|e| format!("{at}: {e}"));
        let url = expr(required(fields, "url", at)?, &format!("{at}.url"))?;
        let mut headers = BTreeMap::new();
        if let Some(json) = fields.get("headers") {
            for (name, values) in object(json, &format!("{at}.headers"))? {
                let at = format!("{at}.headers.{name}");
                let values = array(values, &at)?
                    .iter()
                    .map(|value| expr(value, &at))
                    .collect::<Result<_, String>>()?;
                headers.insert(name.clone(), values);
            }
        }
        let mut properties = BTreeMap::new();
        if let Some(json) = fields.get("properties") {
            for (name, value) in object(json, &format!("{at}.properties"))? {
                let value = expr(value, &format!("{at}.properties.{name}"))?;
                properties.insert(name.clone(), value);
            }
        }
        Ok(EndpointTemplate {
            url,
            headers,
            properties,
        })
    }
}

/// A function call whose result decides whether a rule applies, optionally bound to a name.
#[derive(Debug, Clone)]
pub(crate) struct Condition {
    pub(crate) call: Expr,
    pub(crate) assign: Option<String>,
}

impl Condition {
    fn from_json(json: &Json, at: &str) -> Result<Condition, String> {
        let fields = object(json, at)?;
        let function = string(required(fields, "fn", at)?, &format!("{at}.fn"))?;
        let argv = array(required(fields, "argv", at)?, &format!("{at}.argv"))?;
        let call = Expr::call_from_json(function, argv).map_err(|e| format!("{at}: {e}"))?;
        let assign = match fields.get("assign") {
            None | Some(Json::Null) => None,
            Some(name) => Some(string(name, &format!("{at}.assign"))?.to_owned()),
        };
        Ok(Condition { call, assign })
    }
}
