//! Evaluation of a loaded rule set against parameter values.

use std::collections::BTreeMap;

use super::error::EndpointError;
use super::expr::{Expr, Template, TemplatePart};
use super::functions::{self, Function};
use super::params::{ParamValue, Params};
use super::resolved::Endpoint;
use super::ruleset::{Condition, EndpointTemplate, Parameter, Rule, RuleOutcome, RuleSet};
use super::value::Value;

/// Resolves `params` against `rule_set`; see [`RuleSet::resolve`].
pub(crate) fn resolve(rule_set: &RuleSet, params: &Params) -> Result<Endpoint, EndpointError> {
    let mut scope = Scope {
        params: bind_params(&rule_set.parameters, params)?,
        variables: Vec::new(),
    };
    scope.eval_rules(&rule_set.rules)?.ok_or_else(|| {
        EndpointError::no_rule_matched(
            "every top-level rule was tried (a rule set should end with an unconditional rule)",
        )
    })
}

/// Applies defaults and `required`, and rejects names and types the rule set does not declare.
fn bind_params(
    declared: &BTreeMap<String, Parameter>,
    given: &Params,
) -> Result<BTreeMap<String, Option<Value>>, EndpointError> {
    if let Some((unknown, _)) = given.iter().find(|(name, _)| !declared.contains_key(*name)) {
        let known: Vec<&str> = declared.keys().map(String::as_str).collect();
        return Err(EndpointError::invalid_params(format!(
            "`{unknown}` is not a parameter of this rule set (it declares: {})",
            known.join(", ")
        )));
    }
    crate::maps::try_btree_map(declared.iter().map(|(name, parameter)| {
        let value = match given.get(name) {
            Some(value) if parameter.kind.accepts(value) => Some(value.clone()),
            Some(value) => {
                return Err(EndpointError::invalid_params(format!(
                    "`{name}` must be a {}, found a {}",
                    parameter.kind,
                    value.type_name()
                )))
            }
            None => parameter.default.clone(),
        };
        if value.is_none() && parameter.required {
            return Err(EndpointError::invalid_params(format!(
                "`{name}` is required and has no default"
            )));
        }
        Ok((name.clone(), value.map(param_to_value)))
    }))
}

fn param_to_value(value: ParamValue) -> Value {
    match value {
        ParamValue::String(s) => Value::String(s),
        ParamValue::Bool(b) => Value::Bool(b),
        ParamValue::StringArray(items) => {
            Value::Array(items.into_iter().map(Value::String).collect())
        }
    }
}

/// Parameter values plus the variables bound by `assign` on the path to the current rule.
struct Scope<'a> {
    params: BTreeMap<String, Option<Value>>,
    /// A stack: a rule's bindings are popped when evaluation leaves the rule.
    variables: Vec<(&'a str, Value)>,
}

impl<'a> Scope<'a> {
    /// The outcome of the first rule whose conditions hold, or `None` when none does.
    fn eval_rules(&mut self, rules: &'a [Rule]) -> Result<Option<Endpoint>, EndpointError> {
        for rule in rules {
            let scope_start = self.variables.len();
            let selected = self.conditions_hold(&rule.conditions);
            let outcome = match selected {
                Ok(true) => Some(self.eval_outcome(&rule.outcome)),
                Ok(false) => None,
                Err(error) => Some(Err(error)),
            };
            self.variables.truncate(scope_start);
            if let Some(outcome) = outcome {
                return outcome.map(Some);
            }
        }
        Ok(None)
    }

    fn eval_outcome(&mut self, outcome: &'a RuleOutcome) -> Result<Endpoint, EndpointError> {
        match outcome {
            RuleOutcome::Endpoint { endpoint } => self.build_endpoint(endpoint),
            RuleOutcome::Error { error } => {
                let message = self.eval_string(error, "an error rule's message")?;
                Err(EndpointError::rule_error(message))
            }
            RuleOutcome::Tree { rules } => self.eval_rules(rules)?.ok_or_else(|| {
                EndpointError::no_rule_matched(
                    "a tree rule's conditions held but none of its rules matched",
                )
            }),
        }
    }

    /// Evaluates conditions in order, binding `assign`ed results; unset or `false` fails.
    fn conditions_hold(&mut self, conditions: &'a [Condition]) -> Result<bool, EndpointError> {
        for condition in conditions {
            let value = match self.eval(&condition.call)? {
                None | Some(Value::Bool(false)) => return Ok(false),
                Some(value) => value,
            };
            if let Some(name) = &condition.assign {
                self.variables.push((name, value));
            }
        }
        Ok(true)
    }

    fn build_endpoint(&self, template: &EndpointTemplate) -> Result<Endpoint, EndpointError> {
        let url = self.eval_string(&template.url, "the endpoint url")?;
        let headers = crate::maps::try_btree_map(template.headers.iter().map(|(name, values)| {
            let values = values
                .iter()
                .map(|value| self.eval_string(value, "a header value"))
                .collect::<Result<_, _>>()?;
            Ok::<_, EndpointError>((name.clone(), values))
        }))?;
        let mut properties = serde_json::Map::new();
        for (name, value) in &template.properties {
            properties.insert(name.clone(), self.eval_set(value, name)?.into_json());
        }
        Ok(Endpoint {
            url,
            headers,
            properties,
        })
    }

    /// Evaluates an expression; `Ok(None)` means "unset", errors mean the rule set is unusable.
    fn eval(&self, expr: &Expr) -> Result<Option<Value>, EndpointError> {
        Ok(match expr {
            Expr::Template(template) => Some(Value::String(self.render(template)?)),
            Expr::Bool(value) => Some(Value::Bool(*value)),
            Expr::Int(value) => Some(Value::Int(*value)),
            Expr::Array(items) => Some(Value::Array(
                items
                    .iter()
                    .map(|item| self.eval_set(item, "an array element"))
                    .collect::<Result<_, _>>()?,
            )),
            Expr::Record(fields) => Some(Value::Record(crate::maps::try_btree_map(
                fields.iter().map(|(key, value)| {
                    Ok::<_, EndpointError>((key.clone(), self.eval_set(value, key)?))
                }),
            )?)),
            Expr::Ref(name) => self.lookup(name)?.cloned(),
            Expr::GetAttr { target, path } => match self.eval(target)? {
                None => None,
                Some(value @ (Value::Record(_) | Value::Array(_))) => {
                    value.lookup(path.segments()).cloned()
                }
                Some(other) => {
                    return Err(EndpointError::invalid_rule_set(format!(
                        "`getAttr` with path `{path}` needs a record or an array, found a {}",
                        other.type_name()
                    )))
                }
            },
            Expr::Call { function, args } => self.call(*function, args)?,
        })
    }

    fn call(&self, function: Function, args: &[Expr]) -> Result<Option<Value>, EndpointError> {
        match (function, args) {
            // Short-circuit: arguments after the first set one are never evaluated.
            (Function::Coalesce, _) => {
                for arg in args {
                    if let Some(value) = self.eval(arg)? {
                        return Ok(Some(value));
                    }
                }
                Ok(None)
            }
            // Only the chosen branch is evaluated.
            (Function::Ite, [condition, when_true, when_false]) => match self.eval(condition)? {
                Some(Value::Bool(true)) => self.eval(when_true),
                Some(Value::Bool(false)) => self.eval(when_false),
                other => Err(EndpointError::invalid_rule_set(format!(
                    "the condition of `ite` must be a boolean, found {}",
                    describe_value(other.as_ref())
                ))),
            },
            _ => {
                let values = args
                    .iter()
                    .map(|arg| self.eval(arg))
                    .collect::<Result<Vec<_>, _>>()?;
                functions::apply(function, &values)
            }
        }
    }

    /// Evaluates an expression that must produce a value.
    fn eval_set(&self, expr: &Expr, what: &str) -> Result<Value, EndpointError> {
        self.eval(expr)?.ok_or_else(|| {
            EndpointError::invalid_rule_set(format!("the value of `{what}` is unset"))
        })
    }

    /// Evaluates an expression that must produce a string.
    fn eval_string(&self, expr: &Expr, what: &str) -> Result<String, EndpointError> {
        match self.eval(expr)? {
            Some(Value::String(s)) => Ok(s),
            other => Err(EndpointError::invalid_rule_set(format!(
                "{what} must be a string, found {}",
                describe_value(other.as_ref())
            ))),
        }
    }

    fn render(&self, template: &Template) -> Result<String, EndpointError> {
        let mut out = String::new();
        for part in template.parts() {
            match part {
                TemplatePart::Literal(text) => out.push_str(text),
                TemplatePart::Placeholder(expr) => match self.eval(expr)? {
                    Some(Value::String(s)) => out.push_str(&s),
                    other => {
                        return Err(EndpointError::invalid_rule_set(format!(
                            "template placeholder `{{{}}}` must be a string, found {}",
                            describe_placeholder(expr),
                            describe_value(other.as_ref())
                        )))
                    }
                },
            }
        }
        Ok(out)
    }

    fn lookup(&self, name: &str) -> Result<Option<&Value>, EndpointError> {
        if let Some((_, value)) = self
            .variables
            .iter()
            .rev()
            .find(|(bound, _)| *bound == name)
        {
            return Ok(Some(value));
        }
        match self.params.get(name) {
            Some(value) => Ok(value.as_ref()),
            None => Err(EndpointError::invalid_rule_set(format!(
                "`{name}` is neither a parameter nor a variable assigned before its use"
            ))),
        }
    }
}

fn describe_value(value: Option<&Value>) -> String {
    match value {
        Some(value) => format!("a {}", value.type_name()),
        None => "an unset value".to_owned(),
    }
}

/// Writes a placeholder back in template syntax, for error messages.
fn describe_placeholder(expr: &Expr) -> String {
    match expr {
        Expr::Ref(name) => name.clone(),
        Expr::GetAttr { target, path } => format!("{}#{path}", describe_placeholder(target)),
        _ => "…".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::endpoint::{EndpointErrorKind, Params, RuleSet};

    fn rule_set(json: serde_json::Value) -> RuleSet {
        RuleSet::from_json(&json).unwrap_or_else(|e| panic!("rule set should load: {e}"))
    }

    fn endpoint_rule(conditions: serde_json::Value, url: &str) -> serde_json::Value {
        json!({"type": "endpoint", "conditions": conditions, "endpoint": {"url": url}})
    }

    #[test]
    fn templates_and_get_attr_render_into_the_url() {
        let rules = rule_set(json!({
            "version": "1.0",
            "parameters": {"Bucket": {"type": "String", "required": true}},
            "rules": [
                {
                    "type": "endpoint",
                    "conditions": [
                        {"fn": "split", "argv": ["{Bucket}", "-", 0], "assign": "parts"},
                        {"fn": "getAttr", "argv": [{"ref": "parts"}, "[1]"], "assign": "second"},
                        {"fn": "aws.partition", "argv": ["us-east-1"], "assign": "p"}
                    ],
                    "endpoint": {
                        "url": "https://{second}.{p#dnsSuffix}/{{literal}}",
                        "headers": {"x-first": ["{parts#[0]}"]},
                        "properties": {"authSchemes": [{"name": "sigv4", "signingRegion": "{p#implicitGlobalRegion}", "double": false}]}
                    }
                }
            ]
        }));
        let endpoint = rules
            .resolve(&Params::new().with_str("Bucket", "a-b-c"))
            .unwrap();
        assert_eq!(endpoint.url, "https://b.amazonaws.com/{literal}");
        assert_eq!(endpoint.headers["x-first"], ["a"]);
        assert_eq!(
            serde_json::Value::Object(endpoint.properties),
            json!({"authSchemes": [{"name": "sigv4", "signingRegion": "us-east-1", "double": false}]})
        );
    }

    #[test]
    fn assigned_variables_do_not_leak_into_later_rules() {
        let rules = rule_set(json!({
            "version": "1.0",
            "parameters": {},
            "rules": [
                {
                    "type": "endpoint",
                    "conditions": [
                        {"fn": "parseURL", "argv": ["https://example.com"], "assign": "url"},
                        {"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "url"}, "isIp"]}, true]}
                    ],
                    "endpoint": {"url": "https://ip"}
                },
                endpoint_rule(json!([]), "https://{url#authority}")
            ]
        }));
        let error = rules.resolve(&Params::new()).unwrap_err();
        assert_eq!(error.kind(), EndpointErrorKind::InvalidRuleSet);
    }

    #[test]
    fn error_rules_return_their_message_verbatim() {
        let rules = rule_set(json!({
            "version": "1.1",
            "parameters": {"Name": {"type": "string", "required": true, "default": "x y"}},
            "rules": [
                {
                    "type": "error",
                    "conditions": [{"fn": "not", "argv": [{"fn": "isValidHostLabel", "argv": [{"ref": "Name"}, false]}]}],
                    "error": "`{Name}` is not a host label"
                },
                endpoint_rule(json!([]), "https://{Name}.example.com")
            ]
        }));
        let error = rules.resolve(&Params::new()).unwrap_err();
        assert_eq!(error.kind(), EndpointErrorKind::RuleError);
        assert_eq!(error.to_string(), "`x y` is not a host label");
        let endpoint = rules
            .resolve(&Params::new().with_str("Name", "ok"))
            .unwrap();
        assert_eq!(endpoint.url, "https://ok.example.com");
    }

    #[test]
    fn exhausted_tree_is_an_error_not_a_fall_through() {
        let rules = rule_set(json!({
            "version": "1.0",
            "parameters": {},
            "rules": [
                {"type": "tree", "conditions": [], "rules": [
                    endpoint_rule(json!([{"fn": "booleanEquals", "argv": [true, false]}]), "https://never")
                ]},
                endpoint_rule(json!([]), "https://fallback")
            ]
        }));
        let error = rules.resolve(&Params::new()).unwrap_err();
        assert_eq!(error.kind(), EndpointErrorKind::NoRuleMatched);
    }

    #[test]
    fn coalesce_and_ite_skip_branches_not_taken() {
        let rules = rule_set(json!({
            "version": "1.1",
            "parameters": {"Opt": {"type": "string"}, "Flag": {"type": "boolean", "required": true, "default": true}},
            "rules": [
                {
                    "type": "endpoint",
                    "conditions": [
                        {"fn": "coalesce", "argv": [{"ref": "Opt"}, "fallback", "{Opt}"], "assign": "name"},
                        {"fn": "ite", "argv": [{"ref": "Flag"}, "yes", "{Opt}"], "assign": "choice"}
                    ],
                    "endpoint": {"url": "https://{name}.{choice}"}
                }
            ]
        }));
        let endpoint = rules.resolve(&Params::new()).unwrap();
        assert_eq!(endpoint.url, "https://fallback.yes");
    }

    #[test]
    fn parameters_are_checked() {
        let rules = rule_set(json!({
            "version": "1.0",
            "parameters": {
                "Region": {"type": "String", "required": true},
                "Ids": {"type": "stringArray", "required": true, "default": ["a"]}
            },
            "rules": [endpoint_rule(json!([]), "https://{Region}")]
        }));
        assert!(rules.declares_parameter("Region"));
        assert!(!rules.declares_parameter("Regoin"));
        let kind = |params: Params| rules.resolve(&params).unwrap_err().kind();
        assert_eq!(kind(Params::new()), EndpointErrorKind::InvalidParams);
        assert_eq!(
            kind(Params::new().with_bool("Region", true)),
            EndpointErrorKind::InvalidParams
        );
        assert_eq!(
            kind(
                Params::new()
                    .with_str("Region", "r")
                    .with_str("Regoin", "r")
            ),
            EndpointErrorKind::InvalidParams
        );
        let endpoint = rules
            .resolve(
                &Params::new()
                    .with_str("Region", "r")
                    .with_string_array("Ids", ["x", "y"]),
            )
            .unwrap();
        assert_eq!(endpoint.url, "https://r");
    }

    #[test]
    fn malformed_rule_sets_are_errors_not_panics() {
        let bad_documents = [
            json!(null),
            json!([]),
            json!({"version": "1.0", "parameters": {}}),
            json!({"version": "1.0", "parameters": {}, "rules": []}),
            json!({"version": "2.0", "parameters": {}, "rules": [endpoint_rule(json!([]), "https://x")]}),
            json!({"version": "1.0", "parameters": {"A": {"type": "integer"}}, "rules": [endpoint_rule(json!([]), "https://x")]}),
            json!({"version": "1.0", "parameters": {"A": {"type": "boolean", "default": "yes"}}, "rules": [endpoint_rule(json!([]), "https://x")]}),
            json!({"version": "1.0", "parameters": {}, "rules": [{"type": "teleport", "conditions": []}]}),
            json!({"version": "1.0", "parameters": {}, "rules": [{"type": "endpoint", "conditions": []}]}),
            json!({"version": "1.0", "parameters": {}, "rules": [endpoint_rule(json!([{"fn": "nope", "argv": []}]), "https://x")]}),
            json!({"version": "1.0", "parameters": {}, "rules": [endpoint_rule(json!([{"fn": "not", "argv": [true, true]}]), "https://x")]}),
            json!({"version": "1.0", "parameters": {}, "rules": [endpoint_rule(json!([]), "https://{unclosed")]}),
            json!({"version": "1.0", "parameters": {}, "rules": [endpoint_rule(json!([{"fn": "isSet"}]), "https://x")]}),
        ];
        for document in bad_documents {
            let error = RuleSet::from_json(&document).unwrap_err();
            assert_eq!(
                error.kind(),
                EndpointErrorKind::InvalidRuleSet,
                "{document}"
            );
        }
        // JSON text nested far beyond any real rule set hits the parser's depth limit.
        let deep = format!(
            r#"{{"version": "1.0", "parameters": {{}}, "rules": {}{}}}"#,
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        let error = RuleSet::from_json_str(&deep).unwrap_err();
        assert_eq!(error.kind(), EndpointErrorKind::InvalidRuleSet);
    }

    #[test]
    fn ill_typed_rule_sets_fail_at_resolution_not_panic() {
        let cases = [
            endpoint_rule(json!([{"fn": "not", "argv": ["text"]}]), "https://x"),
            endpoint_rule(
                json!([{"fn": "stringEquals", "argv": [{"ref": "Missing"}, "a"]}]),
                "https://x",
            ),
            endpoint_rule(
                json!([{"fn": "getAttr", "argv": ["text", "a"]}]),
                "https://x",
            ),
            endpoint_rule(
                json!([{"fn": "substring", "argv": ["abc", "0", 1, false]}]),
                "https://x",
            ),
            endpoint_rule(
                json!([{"fn": "ite", "argv": ["no", "a", "b"]}]),
                "https://x",
            ),
            endpoint_rule(json!([]), "https://{Opt}"),
            endpoint_rule(
                json!([{"fn": "aws.partition", "argv": ["us-east-1"], "assign": "p"}]),
                "https://{p}",
            ),
            json!({"type": "endpoint", "conditions": [], "endpoint": {"url": true}}),
            json!({"type": "error", "conditions": [], "error": {"ref": "Opt"}}),
        ];
        for rule in cases {
            let rules = rule_set(json!({
                "version": "1.0",
                "parameters": {"Opt": {"type": "string"}},
                "rules": [rule]
            }));
            let error = rules.resolve(&Params::new()).unwrap_err();
            assert_eq!(error.kind(), EndpointErrorKind::InvalidRuleSet, "{error}");
        }
    }
}
