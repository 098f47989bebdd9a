//! AWS credentials for SigV4-signed operations and where they come from.
//!
//! Operations that authenticate with a token in their body (for example Cognito's
//! `GetUser` with an access token) are sent unsigned and never ask for credentials.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::SystemTime;

use crate::error::BoxError;

/// An access key pair, with the session token of temporary credentials.
///
/// `Debug` shows the access key id (it is not secret; it appears in every signed request) but
/// never the secret access key or the session token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
}

impl Credentials {
    /// Long-term credentials (`session_token: None`) or temporary ones (with a token).
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Credentials {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expiry: None,
        }
    }

    /// Sets the moment after which the credentials no longer work.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Credentials {
        self.expiry = Some(expiry);
        self
    }

    /// The access key id, e.g. `AKIA…` or `ASIA…`.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// When the credentials expire, if they do.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// Whether the credentials have expired at `now`.
    pub fn is_expired_at(&self, now: SystemTime) -> bool {
        self.expiry.is_some_and(|expiry| expiry <= now)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = "** redacted **";
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &redacted)
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| redacted),
            )
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// The future a [`ProvideCredentials`] returns.
pub type CredentialsFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials, asked once per signed call.
///
/// Asynchronous through a boxed future so that a provider can fetch credentials over the
/// network (STS, a metadata service) without a macro crate. A provider should cache what it
/// fetches; the client does not.
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Produces credentials, or says why there are none.
    fn provide_credentials(&self) -> CredentialsFuture<'_>;
}

/// Fixed credentials are their own provider.
impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        let credentials = self.clone();
        Box::pin(async move { Ok(credentials) })
    }
}

/// Why a provider has no credentials.
#[derive(Debug)]
pub struct CredentialsError {
    kind: CredentialsErrorKind,
    source: BoxError,
}

/// The broad reason of a [`CredentialsError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CredentialsErrorKind {
    /// The source has nothing to offer (e.g. the environment variables are not set).
    NotLoaded,
    /// The source exists but failed (malformed values, an unreachable service).
    ProviderError,
}

impl CredentialsError {
    /// The source has no credentials; `message` says which source and what was missing.
    pub fn not_loaded(message: impl Into<BoxError>) -> CredentialsError {
        CredentialsError {
            kind: CredentialsErrorKind::NotLoaded,
            source: message.into(),
        }
    }

    /// The source failed.
    pub fn provider_error(source: impl Into<BoxError>) -> CredentialsError {
        CredentialsError {
            kind: CredentialsErrorKind::ProviderError,
            source: source.into(),
        }
    }

    /// The broad reason.
    pub fn kind(&self) -> CredentialsErrorKind {
        self.kind
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            CredentialsErrorKind::NotLoaded => write!(f, "no credentials: {}", self.source),
            CredentialsErrorKind::ProviderError => {
                write!(f, "the credentials provider failed: {}", self.source)
            }
        }
    }
}

impl StdError for CredentialsError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(self.source.as_ref())
    }
}

/// Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and (optionally) `AWS_SESSION_TOKEN`
/// each time credentials are asked for, so a change of the environment is picked up.
#[derive(Debug, Clone, Copy, Default)]
pub struct EnvironmentCredentials {
    _private: (),
}

impl EnvironmentCredentials {
    /// A provider reading the process environment.
    pub fn new() -> EnvironmentCredentials {
        EnvironmentCredentials::default()
    }

    /// Loads credentials through `lookup` (the environment, or a map in tests).
    pub(crate) fn load(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Credentials, CredentialsError> {
        let non_empty = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let access_key_id = non_empty("AWS_ACCESS_KEY_ID");
        let secret_access_key = non_empty("AWS_SECRET_ACCESS_KEY");
        match (access_key_id, secret_access_key) {
            (Some(id), Some(secret)) => Ok(Credentials::new(
                id.trim(),
                secret.trim(),
                non_empty("AWS_SESSION_TOKEN"),
            )),
            (None, None) => Err(CredentialsError::not_loaded(
                "the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
            )),
            (Some(_), None) => Err(CredentialsError::provider_error(
                "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
            )),
            (None, Some(_)) => Err(CredentialsError::provider_error(
                "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not",
            )),
        }
    }
}

/// Reads one environment variable as UTF-8 text.
pub(crate) fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

impl ProvideCredentials for EnvironmentCredentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        let loaded = EnvironmentCredentials::load(env_var);
        Box::pin(async move { loaded })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn debug_hides_secret_and_token() {
        let credentials = Credentials::new("AKID", "SECRET-VALUE", Some("TOKEN-VALUE".into()));
        let shown = format!("{credentials:?}");
        assert!(shown.contains("AKID"));
        assert!(!shown.contains("SECRET-VALUE"));
        assert!(!shown.contains("TOKEN-VALUE"));
    }

    #[test]
    fn environment_credentials() {
        let loaded = EnvironmentCredentials::load(lookup(&[
            ("AWS_ACCESS_KEY_ID", "AKID"),
            ("AWS_SECRET_ACCESS_KEY", "secret"),
            ("AWS_SESSION_TOKEN", "token"),
        ]));
        let credentials = loaded.ok();
        assert_eq!(
            credentials.as_ref().map(Credentials::access_key_id),
            Some("AKID")
        );
        assert_eq!(
            credentials.as_ref().and_then(Credentials::session_token),
            Some("token")
        );

        let missing = EnvironmentCredentials::load(lookup(&[]));
        assert!(matches!(missing, Err(e) if e.kind() == CredentialsErrorKind::NotLoaded));

        let half = EnvironmentCredentials::load(lookup(&[("AWS_ACCESS_KEY_ID", "AKID")]));
        assert!(matches!(half, Err(e) if e.kind() == CredentialsErrorKind::ProviderError));
    }

    #[test]
    fn expiry() {
        let now = SystemTime::now();
        let credentials = Credentials::new("a", "b", None);
        assert!(!credentials.is_expired_at(now));
        assert!(credentials.with_expiry(now).is_expired_at(now));
    }
}
