//! Picking the URL of a call: the configured endpoint URL when there is one, otherwise the
//! service's endpoint rule set evaluated with the client's region, FIPS and dual-stack settings.
//!
//! Rule sets are parsed once per client and service, and the resolved endpoint is kept, because
//! every input to the rules (region, FIPS, dual-stack) is fixed for the life of a client.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;

use super::config::Config;
use super::errors::{ConstructionError, ConstructionErrorKind};
use crate::endpoint::{Params, RuleSet};
use crate::operation::ServiceInfo;

/// Where a call goes and how the rule set wants it signed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ResolvedEndpoint {
    /// The base URL.
    pub(crate) url: String,
    /// Extra headers the rule set asks for.
    pub(crate) headers: Vec<(String, String)>,
    /// `signingRegion` of the rule set's `sigv4` auth scheme, if given.
    #[cfg_attr(not(feature = "sigv4"), allow(dead_code))]
    pub(crate) signing_region: Option<String>,
    /// `signingName` of the rule set's `sigv4` auth scheme, if given.
    #[cfg_attr(not(feature = "sigv4"), allow(dead_code))]
    pub(crate) signing_name: Option<String>,
}

impl ResolvedEndpoint {
    fn from_url(url: &str) -> ResolvedEndpoint {
        ResolvedEndpoint {
            url: url.to_owned(),
            headers: Vec::new(),
            signing_region: None,
            signing_name: None,
        }
    }
}

/// A parsed rule set with the names of the parameters it declares (only those may be passed).
struct ParsedRules {
    rule_set: RuleSet,
    declared: BTreeSet<String>,
}

/// The rule set text's address and length: `'static` text, so the pair names it for good.
type RuleSetKey = (usize, usize);

/// Per-client caches of parsed rule sets and resolved endpoints.
#[derive(Default)]
pub(crate) struct EndpointCache {
    parsed: Mutex<HashMap<RuleSetKey, Arc<ParsedRules>>>,
    resolved: Mutex<HashMap<RuleSetKey, Arc<ResolvedEndpoint>>>,
}

impl std::fmt::Debug for EndpointCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EndpointCache")
            .field("rule_sets", &lock(&self.parsed).len())
            .field("endpoints", &lock(&self.resolved).len())
            .finish()
    }
}

/// Locks a cache, taking over the data if a panicking thread poisoned the lock.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn endpoint_error(message: String) -> ConstructionError {
    ConstructionError::new(ConstructionErrorKind::Endpoint, message)
}

impl EndpointCache {
    /// The endpoint of a call to `service` under `config`.
    pub(crate) fn resolve(
        &self,
        config: &Config,
        service: &'static ServiceInfo,
    ) -> Result<Arc<ResolvedEndpoint>, ConstructionError> {
        if let Some(url) = config.endpoint_url() {
            return Ok(Arc::new(ResolvedEndpoint::from_url(url)));
        }
        let Some(text) = service.endpoint_rule_set else {
            return Err(endpoint_error(format!(
                "the {} service has no endpoint rule set, so an endpoint URL must be configured \
                 (Config::builder().endpoint_url(..) or AWS_ENDPOINT_URL)",
                service.sdk_id
            )));
        };
        let key = (text.as_ptr() as usize, text.len());
        if let Some(found) = lock(&self.resolved).get(&key) {
            return Ok(Arc::clone(found));
        }
        let rules = self.parsed(key, text, service)?;
        let resolved = Arc::new(resolve_with(&rules, config, service)?);
        lock(&self.resolved).insert(key, Arc::clone(&resolved));
        Ok(resolved)
    }

    fn parsed(
        &self,
        key: RuleSetKey,
        text: &str,
        service: &ServiceInfo,
    ) -> Result<Arc<ParsedRules>, ConstructionError> {
        if let Some(found) = lock(&self.parsed).get(&key) {
            return Ok(Arc::clone(found));
        }
        let invalid = |detail: String| {
            endpoint_error(format!(
                "the endpoint rule set of the {} service cannot be loaded: {detail}",
                service.sdk_id
            ))
        };
        let json: Value = serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
        let declared = json
            .get("parameters")
            .and_then(Value::as_object)
            .map(|parameters| crate::maps::btree_set(parameters.keys().cloned()))
            .unwrap_or_default();
        let rule_set = RuleSet::from_json(&json).map_err(|e| invalid(e.to_string()))?;
        let parsed = Arc::new(ParsedRules { rule_set, declared });
        lock(&self.parsed).insert(key, Arc::clone(&parsed));
        Ok(parsed)
    }
}

/// Evaluates the rules with the built-in parameters the rule set declares.
fn resolve_with(
    rules: &ParsedRules,
    config: &Config,
    service: &ServiceInfo,
) -> Result<ResolvedEndpoint, ConstructionError> {
    let mut params = Params::new();
    if let Some(region) = config.region() {
        if rules.declared.contains("Region") {
            params = params.with_str("Region", region);
        }
    }
    if rules.declared.contains("UseFIPS") {
        params = params.with_bool("UseFIPS", config.use_fips());
    }
    if rules.declared.contains("UseDualStack") {
        params = params.with_bool("UseDualStack", config.use_dual_stack());
    }
    let endpoint = rules.rule_set.resolve(&params).map_err(|e| {
        let region = config
            .region()
            .map_or_else(|| "not set".to_owned(), |r| format!("`{r}`"));
        let hint = if config.region().is_none() {
            " (set a region with Config::builder().region(..) or AWS_REGION, or an endpoint URL)"
        } else {
            ""
        };
        endpoint_error(format!(
            "could not resolve the endpoint of the {} service (region {region}, FIPS {}, \
             dual-stack {}){hint}",
            service.sdk_id,
            on_off(config.use_fips()),
            on_off(config.use_dual_stack()),
        ))
        .with_source(e)
    })?;

    let headers = endpoint
        .headers
        .iter()
        .flat_map(|(name, values)| {
            values
                .iter()
                .map(move |value| (name.clone(), value.clone()))
        })
        .collect();
    let (signing_region, signing_name) = sigv4_overrides(endpoint.properties.get("authSchemes"));
    Ok(ResolvedEndpoint {
        url: endpoint.url,
        headers,
        signing_region,
        signing_name,
    })
}

fn on_off(flag: bool) -> &'static str {
    if flag {
        "on"
    } else {
        "off"
    }
}

/// `signingRegion` and `signingName` of the first `sigv4` entry of an `authSchemes` property.
fn sigv4_overrides(auth_schemes: Option<&Value>) -> (Option<String>, Option<String>) {
    let sigv4 = auth_schemes.and_then(Value::as_array).and_then(|schemes| {
        schemes
            .iter()
            .find(|scheme| scheme.get("name").and_then(Value::as_str) == Some("sigv4"))
    });
    let text = |key: &str| {
        sigv4
            .and_then(|scheme| scheme.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    (text("signingRegion"), text("signingName"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn auth_scheme_overrides() {
        let schemes = json!([
            {"name": "sigv4a", "signingRegionSet": ["*"]},
            {"name": "sigv4", "signingRegion": "us-gov-west-1", "signingName": "other"}
        ]);
        assert_eq!(
            sigv4_overrides(Some(&schemes)),
            (Some("us-gov-west-1".to_owned()), Some("other".to_owned()))
        );
        assert_eq!(sigv4_overrides(None), (None, None));
        assert_eq!(sigv4_overrides(Some(&json!("junk"))), (None, None));
    }
}
