//! The causes the client puts inside [`SdkError::Construction`](crate::error::SdkError) and
//! [`SdkError::Timeout`](crate::error::SdkError): typed, so a caller can downcast and tell a
//! missing region from missing credentials.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use crate::error::BoxError;

/// Which step of building a request failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConstructionErrorKind {
    /// The client configuration lacks something the call needs (e.g. a region).
    Config,
    /// No endpoint could be resolved.
    Endpoint,
    /// The call must be signed but no usable credentials were found.
    Credentials,
    /// The request could not be signed.
    Signing,
    /// The input could not be serialized into a request.
    Serialization,
}

/// A request could not be built; nothing was sent.
#[derive(Debug)]
pub struct ConstructionError {
    kind: ConstructionErrorKind,
    message: String,
    source: Option<BoxError>,
}

impl ConstructionError {
    /// A failure of `kind`, explained by `message`.
    pub fn new(kind: ConstructionErrorKind, message: impl Into<String>) -> ConstructionError {
        ConstructionError {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// Attaches the underlying cause; its text is appended to the message.
    pub fn with_source(mut self, source: impl Into<BoxError>) -> ConstructionError {
        self.source = Some(source.into());
        self
    }

    /// Which step failed.
    pub fn kind(&self) -> ConstructionErrorKind {
        self.kind
    }

    /// The explanation, without the cause.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ConstructionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(source) = &self.source {
            write!(f, ": {source}")?;
        }
        Ok(())
    }
}

impl StdError for ConstructionError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn StdError + 'static))
    }
}

/// Which deadline a [`TimeoutError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// One attempt (send and read the response) took too long, and no retry was left.
    Attempt,
    /// The whole call, retries and backoff included, took too long.
    Call,
    /// The transport's own timeout (e.g. connect) fired, and no retry was left.
    Transport,
}

/// A call ran out of time.
#[derive(Debug)]
pub struct TimeoutError {
    kind: TimeoutKind,
    limit: Option<Duration>,
    source: Option<BoxError>,
    attempts: u32,
}

impl TimeoutError {
    pub(crate) fn attempt(limit: Duration) -> TimeoutError {
        TimeoutError {
            kind: TimeoutKind::Attempt,
            limit: Some(limit),
            source: None,
            attempts: 1,
        }
    }

    pub(crate) fn call(limit: Duration) -> TimeoutError {
        TimeoutError {
            kind: TimeoutKind::Call,
            limit: Some(limit),
            source: None,
            attempts: 1,
        }
    }

    pub(crate) fn transport(source: BoxError) -> TimeoutError {
        TimeoutError {
            kind: TimeoutKind::Transport,
            limit: None,
            source: Some(source),
            attempts: 1,
        }
    }

    /// How many attempts the call made (the one that timed out included; for a call timeout,
    /// those started before it passed).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    pub(crate) fn set_attempts(&mut self, attempts: u32) {
        self.attempts = attempts;
    }

    /// Which deadline passed.
    pub fn kind(&self) -> TimeoutKind {
        self.kind
    }

    /// The configured limit, when the client's own timer fired.
    pub fn limit(&self) -> Option<Duration> {
        self.limit
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.kind, self.limit) {
            (TimeoutKind::Call, Some(limit)) => {
                write!(
                    f,
                    "the call did not complete within its {limit:?} call timeout"
                )
            }
            (TimeoutKind::Attempt, Some(limit)) => {
                write!(
                    f,
                    "the last attempt did not complete within its {limit:?} attempt timeout"
                )
            }
            _ => match &self.source {
                Some(source) => write!(f, "the transport timed out: {source}"),
                None => f.write_str("the transport timed out"),
            },
        }
    }
}

impl StdError for TimeoutError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn StdError + 'static))
    }
}
