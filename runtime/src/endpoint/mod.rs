//! Endpoint resolution: an interpreter for Smithy endpoint rule sets.
//!
//! A service model carries its endpoint logic as data, in the `smithy.rules#endpointRuleSet`
//! trait: declared parameters (region, FIPS, dual-stack, a custom endpoint, …) and a tree of
//! rules whose conditions call a small function library. A generated client embeds that JSON,
//! loads it once into a [`RuleSet`], and asks it for an [`Endpoint`] per request.
//!
//! Supported: endpoint, error and tree rules; `assign` in conditions; string templates including
//! the `{name#path}` shorthand; the standard functions `isSet`, `not`, `booleanEquals`,
//! `stringEquals`, `getAttr`, `substring`, `uriEncode`, `parseURL`, `isValidHostLabel`,
//! `coalesce`, `ite` and `split`; and the AWS functions `aws.partition`, `aws.parseArn` and
//! `aws.isVirtualHostableS3Bucket`. Nothing a rule set or its parameters contain makes this module
//! panic: problems come back as [`EndpointError`].
//!
//! ```
//! use smithy_runtime::endpoint::{Params, RuleSet};
//!
//! let rule_set = RuleSet::from_json_str(r#"{
//!     "version": "1.0",
//!     "parameters": {"Region": {"type": "String", "required": true}},
//!     "rules": [{
//!         "type": "endpoint",
//!         "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"}],
//!         "endpoint": {"url": "https://svc.{Region}.{p#dnsSuffix}"}
//!     }]
//! }"#)?;
//! let endpoint = rule_set.resolve(&Params::new().with_str("Region", "cn-north-1"))?;
//! assert_eq!(endpoint.url, "https://svc.cn-north-1.amazonaws.com.cn");
//! # Ok::<(), smithy_runtime::endpoint::EndpointError>(())
//! ```

mod arn;
mod error;
mod eval;
mod expr;
mod functions;
mod host;
mod params;
mod partitions;
mod resolved;
mod ruleset;
mod url;
mod value;

pub use error::{EndpointError, EndpointErrorKind};
pub use params::{ParamValue, Params};
pub use resolved::Endpoint;
pub use ruleset::RuleSet;
