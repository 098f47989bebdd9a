//! The single error type of endpoint rule set loading and resolution.

use std::fmt;

/// The broad reason an endpoint could not be loaded or resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EndpointErrorKind {
    /// The rule set document is malformed, or asks for something this engine does not support
    /// (an unknown function, a value of the wrong type, a reference to nothing).
    InvalidRuleSet,
    /// A parameter value is missing while required, unknown to the rule set, or of the wrong type.
    InvalidParams,
    /// An `error` rule of the rule set matched; the message is that rule's message.
    RuleError,
    /// Every candidate rule was tried and none matched ("rule exhaustion").
    NoRuleMatched,
}

/// Why loading a rule set or resolving an endpoint failed.
///
/// For [`EndpointErrorKind::RuleError`] the `Display` output is exactly the message the rule set's
/// `error` rule produced, so callers (and endpoint test suites) can compare it verbatim. The other
/// kinds prefix their message with a short description of the kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointError {
    kind: EndpointErrorKind,
    message: String,
}

impl EndpointError {
    pub(crate) fn invalid_rule_set(message: impl Into<String>) -> Self {
        Self::new(EndpointErrorKind::InvalidRuleSet, message)
    }

    pub(crate) fn invalid_params(message: impl Into<String>) -> Self {
        Self::new(EndpointErrorKind::InvalidParams, message)
    }

    pub(crate) fn rule_error(message: impl Into<String>) -> Self {
        Self::new(EndpointErrorKind::RuleError, message)
    }

    pub(crate) fn no_rule_matched(message: impl Into<String>) -> Self {
        Self::new(EndpointErrorKind::NoRuleMatched, message)
    }

    fn new(kind: EndpointErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// Which kind of failure this is.
    pub fn kind(&self) -> EndpointErrorKind {
        self.kind
    }

    /// The message without any kind prefix; for a matched `error` rule, the rule's own text.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            EndpointErrorKind::RuleError => f.write_str(&self.message),
            EndpointErrorKind::InvalidRuleSet => {
                write!(f, "invalid endpoint rule set: {}", self.message)
            }
            EndpointErrorKind::InvalidParams => {
                write!(f, "invalid endpoint parameters: {}", self.message)
            }
            EndpointErrorKind::NoRuleMatched => {
                write!(f, "no endpoint rule matched: {}", self.message)
            }
        }
    }
}

impl std::error::Error for EndpointError {}
