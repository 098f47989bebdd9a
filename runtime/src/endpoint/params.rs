//! Caller-supplied endpoint parameter values.

use std::collections::BTreeMap;

/// One endpoint parameter value, in one of the types a rule set can declare.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParamValue {
    /// A `string` parameter.
    String(String),
    /// A `boolean` parameter.
    Bool(bool),
    /// A `stringArray` parameter.
    StringArray(Vec<String>),
}

impl ParamValue {
    /// The rule-set type name this value satisfies, for error messages.
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            ParamValue::String(_) => "string",
            ParamValue::Bool(_) => "boolean",
            ParamValue::StringArray(_) => "stringArray",
        }
    }
}

/// Named parameter values handed to [`RuleSet::resolve`](super::RuleSet::resolve).
///
/// Names are the rule set's parameter names (for example `Region`, `UseFIPS`). A parameter left
/// out takes the rule set's default, or stays unset when it has none; resolution fails if a
/// `required` parameter ends up without a value, or if a name is not declared by the rule set.
///
/// ```
/// use smithy_runtime::endpoint::Params;
///
/// let params = Params::new()
///     .with_str("Region", "eu-west-1")
///     .with_bool("UseFIPS", false);
/// assert!(params.get("Region").is_some());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    values: BTreeMap<String, ParamValue>,
}

impl Params {
    /// An empty set of parameters: every parameter takes its default.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets a `string` parameter.
    pub fn with_str(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.with(name, ParamValue::String(value.into()))
    }

    /// Sets a `boolean` parameter.
    pub fn with_bool(self, name: impl Into<String>, value: bool) -> Self {
        self.with(name, ParamValue::Bool(value))
    }

    /// Sets a `stringArray` parameter.
    pub fn with_string_array<I, S>(self, name: impl Into<String>, values: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let values = values.into_iter().map(Into::into).collect();
        self.with(name, ParamValue::StringArray(values))
    }

    /// Sets a parameter of any type, replacing an earlier value of the same name.
    pub fn with(mut self, name: impl Into<String>, value: ParamValue) -> Self {
        self.insert(name, value);
        self
    }

    /// Sets a parameter in place, replacing an earlier value of the same name.
    pub fn insert(&mut self, name: impl Into<String>, value: ParamValue) {
        self.values.insert(name.into(), value);
    }

    /// The value given for `name`, if any (defaults from the rule set are not included).
    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        self.values.get(name)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &ParamValue)> {
        self.values
            .iter()
            .map(|(name, value)| (name.as_str(), value))
    }
}
