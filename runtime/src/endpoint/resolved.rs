//! The result of a successful resolution.

use std::collections::BTreeMap;

/// The endpoint a rule set selected for a request.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Endpoint {
    /// The URL to send the request to (scheme, host, optional port and base path).
    pub url: String,
    /// Extra transport headers the rule set asks for, by header name.
    pub headers: BTreeMap<String, Vec<String>>,
    /// Free-form metadata from the rule set, such as `authSchemes`.
    pub properties: serde_json::Map<String, serde_json::Value>,
}
