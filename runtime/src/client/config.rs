//! Client configuration: where calls go, how they are authenticated, retried and timed out,
//! and which HTTP transport carries them.

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::credentials::{env_var, EnvironmentCredentials, ProvideCredentials};
#[cfg(any(feature = "hyper", feature = "reqwest"))]
use super::proxy::ProxyConfig;
use super::redact::{strip_user_info, url_without_user_info};
use super::retry::RetryConfig;
use super::transport::HttpTransport;

/// Supplies `@idempotencyToken` values the caller left unset.
pub type IdempotencyTokenProvider = Arc<dyn Fn() -> String + Send + Sync>;

/// The connect timeout of the default transport unless one is configured: TCP and TLS setup
/// of a new connection together. aws-sdk-rust uses the same 3.1 s (for TCP alone).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);

/// The read timeout of the default transport unless one is configured. The complete response
/// head must arrive within connect + read timeout of sending; then the body may not pause
/// longer than this, and once this much time has passed it must average at least
/// [`MIN_BODY_BYTES_PER_SECOND`](super::MIN_BODY_BYTES_PER_SECOND). aws-sdk-rust sets no read
/// timeout by default and instead fails a body that stalls (under 1 byte/s for a 20 s grace
/// period); this client bounds the wait for the head as well, since a service that answers
/// nothing for 30 s is as good as gone.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest response body the client reads unless configured otherwise: 64 MiB, well above
/// the largest responses of AWS JSON APIs (a few MiB). aws-sdk-rust has no such limit.
pub const DEFAULT_MAX_RESPONSE_BODY_SIZE: usize = 64 * 1024 * 1024;

/// Everything a [`Client`](super::Client) needs besides the operation and its input.
///
/// Built with [`Config::builder`] (or [`Config::from_env`]); cheap to clone (the transport,
/// credentials provider and token provider are shared).
///
/// ```
/// use std::time::Duration;
/// use smithy_runtime::client::{Config, InMemoryTransport, RetryConfig};
///
/// let config = Config::builder()
///     .region("eu-west-1")
///     .retry(RetryConfig::standard().with_max_attempts(5))
///     .attempt_timeout(Duration::from_secs(10))
///     .http_transport(InMemoryTransport::new())
///     .build()?;
/// assert_eq!(config.region(), Some("eu-west-1"));
/// # Ok::<(), smithy_runtime::client::ConfigError>(())
/// ```
#[derive(Clone)]
pub struct Config {
    region: Option<String>,
    endpoint_url: Option<String>,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    retry: RetryConfig,
    connect_timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    max_response_body_size: usize,
    #[cfg(any(feature = "hyper", feature = "reqwest"))]
    proxy: ProxyConfig,
    attempt_timeout: Option<Duration>,
    call_timeout: Option<Duration>,
    transport: Arc<dyn HttpTransport>,
    use_fips: bool,
    use_dual_stack: bool,
    validation: bool,
    idempotency_token: IdempotencyTokenProvider,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("Config");
        debug
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("max_response_body_size", &self.max_response_body_size)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("call_timeout", &self.call_timeout)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("validation", &self.validation);
        #[cfg(any(feature = "hyper", feature = "reqwest"))]
        debug.field("proxy", &self.proxy);
        debug.finish_non_exhaustive()
    }
}

impl Config {
    /// A builder with every setting at its default.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// [`ConfigBuilder::from_env`], built.
    pub fn from_env() -> Result<Config, ConfigError> {
        ConfigBuilder::from_env().build()
    }

    /// The region, e.g. `us-east-1`.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The endpoint URL that replaces endpoint resolution, if set (without any user-info,
    /// which the builder drops).
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// The credentials provider for signed operations.
    pub fn credentials_provider(&self) -> Option<&Arc<dyn ProvideCredentials>> {
        self.credentials.as_ref()
    }

    /// The retry policy.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }

    /// The connect timeout given to the default transport.
    pub fn connect_timeout(&self) -> Option<Duration> {
        self.connect_timeout
    }

    /// The read timeout given to the default transport (see [`DEFAULT_READ_TIMEOUT`]).
    pub fn read_timeout(&self) -> Option<Duration> {
        self.read_timeout
    }

    /// The largest response body the client accepts, in bytes.
    pub fn max_response_body_size(&self) -> usize {
        self.max_response_body_size
    }

    /// The proxy policy of the default transport.
    #[cfg(any(feature = "hyper", feature = "reqwest"))]
    pub fn proxy(&self) -> &ProxyConfig {
        &self.proxy
    }

    /// The limit on each attempt (send and read the response).
    pub fn attempt_timeout(&self) -> Option<Duration> {
        self.attempt_timeout
    }

    /// The limit on a whole call, retries and backoff included.
    pub fn call_timeout(&self) -> Option<Duration> {
        self.call_timeout
    }

    /// The HTTP transport.
    pub fn http_transport(&self) -> &Arc<dyn HttpTransport> {
        &self.transport
    }

    /// Whether FIPS endpoints are asked for.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether dual-stack (IPv6) endpoints are asked for.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// Whether inputs are checked against the model's constraints before sending.
    pub fn validation(&self) -> bool {
        self.validation
    }

    /// The idempotency token provider.
    pub fn idempotency_token_provider(&self) -> &IdempotencyTokenProvider {
        &self.idempotency_token
    }
}

/// A random UUID v4 (RFC 9562), the default idempotency token. The token only has to be
/// unique per request, not secret, so fastrand's generator is used, as aws-sdk-rust does.
/// That generator is seeded per thread from the clock and the thread id, not from the
/// operating system: processes forked from one another, or restored from one VM snapshot,
/// may repeat each other's tokens. Supply your own provider
/// ([`ConfigBuilder::idempotency_token_provider`]) if that can happen to you.
pub fn random_idempotency_token() -> String {
    let mut bytes = fastrand::u128(..).to_be_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // variant 10xx
    let mut text = String::with_capacity(36);
    for (index, byte) in bytes.iter().enumerate() {
        if matches!(index, 4 | 6 | 8 | 10) {
            text.push('-');
        }
        text.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        text.push(char::from(b"0123456789abcdef"[usize::from(byte & 0x0f)]));
    }
    text
}

/// Builds a [`Config`].
#[derive(Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    endpoint_url: Option<String>,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    retry: Option<RetryConfig>,
    connect_timeout: Option<Option<Duration>>,
    read_timeout: Option<Duration>,
    max_response_body_size: Option<usize>,
    #[cfg(any(feature = "hyper", feature = "reqwest"))]
    proxy: ProxyConfig,
    attempt_timeout: Option<Duration>,
    call_timeout: Option<Duration>,
    transport: Option<Arc<dyn HttpTransport>>,
    use_fips: bool,
    use_dual_stack: bool,
    validation: Option<bool>,
    idempotency_token: Option<IdempotencyTokenProvider>,
    env_problems: Vec<String>,
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field("region", &self.region)
            .field(
                "endpoint_url",
                &self.endpoint_url.as_deref().map(url_without_user_info),
            )
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .finish_non_exhaustive()
    }
}

impl ConfigBuilder {
    /// A builder filled from the standard AWS environment variables:
    ///
    /// - `AWS_REGION`, else `AWS_DEFAULT_REGION`: the region;
    /// - `AWS_ENDPOINT_URL`: an endpoint URL that replaces endpoint resolution;
    /// - `AWS_USE_FIPS_ENDPOINT`, `AWS_USE_DUALSTACK_ENDPOINT`: `true` or `false`;
    /// - `AWS_MAX_ATTEMPTS`: attempts in all, a positive integer;
    /// - credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`,
    ///   read at each signed call ([`EnvironmentCredentials`]).
    ///
    /// Anything set on the builder afterwards wins. A malformed value makes
    /// [`build`](ConfigBuilder::build) fail with a message naming the variable.
    pub fn from_env() -> ConfigBuilder {
        ConfigBuilder::from_lookup(env_var)
    }

    /// [`from_env`](ConfigBuilder::from_env) over any source of variables.
    pub(crate) fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> ConfigBuilder {
        let value = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let mut builder =
            ConfigBuilder::default().credentials_provider(EnvironmentCredentials::new());
        builder.region = value("AWS_REGION").or_else(|| value("AWS_DEFAULT_REGION"));
        builder.endpoint_url = value("AWS_ENDPOINT_URL");
        for (name, slot) in [
            ("AWS_USE_FIPS_ENDPOINT", &mut builder.use_fips),
            ("AWS_USE_DUALSTACK_ENDPOINT", &mut builder.use_dual_stack),
        ] {
            match value(name).map(|v| v.to_ascii_lowercase()) {
                None => {}
                Some(v) if v == "true" => *slot = true,
                Some(v) if v == "false" => *slot = false,
                Some(v) => builder
                    .env_problems
                    .push(format!("{name} is `{v}`, but it must be `true` or `false`")),
            }
        }
        if let Some(v) = value("AWS_MAX_ATTEMPTS") {
            match v.parse::<u32>() {
                Ok(n) if n > 0 => {
                    builder.retry = Some(RetryConfig::standard().with_max_attempts(n))
                }
                _ => builder.env_problems.push(format!(
                    "AWS_MAX_ATTEMPTS is `{v}`, but it must be a positive integer"
                )),
            }
        }
        builder
    }

    /// Sets the region (used for endpoint resolution and SigV4 signing).
    pub fn region(mut self, region: impl Into<String>) -> ConfigBuilder {
        self.region = Some(region.into());
        self
    }

    /// Sends every call to `url` (e.g. `http://localhost:9229` for a local emulator) instead of
    /// the endpoint the service's rule set would pick. FIPS and dual-stack settings then have no
    /// effect. User-info in the URL (`http://user:password@host`) is dropped by
    /// [`build`](ConfigBuilder::build): it is never sent and never printed.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> ConfigBuilder {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Sets the credentials provider for SigV4-signed operations. Unsigned operations never
    /// ask it.
    pub fn credentials_provider(
        mut self,
        provider: impl ProvideCredentials + 'static,
    ) -> ConfigBuilder {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// Sets a shared credentials provider.
    pub fn shared_credentials_provider(
        mut self,
        provider: Arc<dyn ProvideCredentials>,
    ) -> ConfigBuilder {
        self.credentials = Some(provider);
        self
    }

    /// Removes any credentials provider (signed operations will fail before sending).
    pub fn no_credentials(mut self) -> ConfigBuilder {
        self.credentials = None;
        self
    }

    /// Sets the retry policy (default: [`RetryConfig::standard`]).
    pub fn retry(mut self, retry: RetryConfig) -> ConfigBuilder {
        self.retry = Some(retry);
        self
    }

    /// Bounds the setup of each new connection by the default transport (default
    /// [`DEFAULT_CONNECT_TIMEOUT`]). An injected transport handles its own connect timeout.
    pub fn connect_timeout(mut self, timeout: Duration) -> ConfigBuilder {
        self.connect_timeout = Some(Some(timeout));
        self
    }

    /// Bounds the wait for the response head and for each part of the body in the default
    /// transport (default [`DEFAULT_READ_TIMEOUT`]; see there what it covers). An injected
    /// transport handles its own read timeout.
    pub fn read_timeout(mut self, timeout: Duration) -> ConfigBuilder {
        self.read_timeout = Some(timeout);
        self
    }

    /// The largest response body to read, in bytes (default
    /// [`DEFAULT_MAX_RESPONSE_BODY_SIZE`], 64 MiB). The default transport stops reading as soon
    /// as a body passes it (or announces a larger `Content-Length`) and the call fails with a
    /// [`TransportError`](super::TransportError) of kind
    /// [`BodyTooLarge`](super::TransportErrorKind::BodyTooLarge) naming the limit; bodies
    /// from an injected transport are checked after the fact.
    pub fn max_response_body_size(mut self, bytes: usize) -> ConfigBuilder {
        self.max_response_body_size = Some(bytes);
        self
    }

    /// Sends requests of the default transport through a proxy (default: none, whatever the
    /// environment says). See [`ProxyConfig`] for the choices, including the explicit opt-in
    /// to the `*_PROXY` variables.
    #[cfg(any(feature = "hyper", feature = "reqwest"))]
    pub fn proxy(mut self, proxy: ProxyConfig) -> ConfigBuilder {
        self.proxy = proxy;
        self
    }

    /// Bounds each attempt: sending the request and reading the whole response (default: no
    /// limit). An attempt that runs out of time counts as a transient failure and is retried.
    pub fn attempt_timeout(mut self, timeout: Duration) -> ConfigBuilder {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// Bounds a whole call, retries and backoff included (default: no limit). When it passes,
    /// the call fails with [`SdkError::Timeout`](crate::error::SdkError::Timeout).
    pub fn call_timeout(mut self, timeout: Duration) -> ConfigBuilder {
        self.call_timeout = Some(timeout);
        self
    }

    /// Carries requests with `transport` instead of the default one.
    pub fn http_transport(mut self, transport: impl HttpTransport + 'static) -> ConfigBuilder {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Carries requests with a shared transport.
    pub fn shared_http_transport(mut self, transport: Arc<dyn HttpTransport>) -> ConfigBuilder {
        self.transport = Some(transport);
        self
    }

    /// Asks endpoint resolution for FIPS endpoints.
    pub fn use_fips(mut self, use_fips: bool) -> ConfigBuilder {
        self.use_fips = use_fips;
        self
    }

    /// Asks endpoint resolution for dual-stack (IPv6) endpoints.
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> ConfigBuilder {
        self.use_dual_stack = use_dual_stack;
        self
    }

    /// Turns client-side validation of inputs on (the default) or off. With it off, inputs
    /// that break the model's constraints are sent, and the service answers.
    pub fn validation(mut self, enabled: bool) -> ConfigBuilder {
        self.validation = Some(enabled);
        self
    }

    /// Sets how `@idempotencyToken` members the caller left unset are filled (default:
    /// [`random_idempotency_token`]). The token is made once per call, so retries reuse it.
    pub fn idempotency_token_provider(
        mut self,
        provider: impl Fn() -> String + Send + Sync + 'static,
    ) -> ConfigBuilder {
        self.idempotency_token = Some(Arc::new(provider));
        self
    }

    /// Checks the settings and builds the configuration. Without an injected transport this
    /// creates the default one, which needs the `hyper` feature (or `reqwest`).
    pub fn build(self) -> Result<Config, ConfigError> {
        if !self.env_problems.is_empty() {
            return Err(ConfigError::new(format!(
                "invalid environment configuration: {}",
                self.env_problems.join("; ")
            )));
        }
        let endpoint_url = match &self.endpoint_url {
            Some(url) => {
                check_endpoint_url(url)?;
                Some(strip_user_info(url).into_owned())
            }
            None => None,
        };
        if let Some(region) = &self.region {
            check_region(region)?;
        }
        #[cfg(any(feature = "hyper", feature = "reqwest"))]
        self.proxy.check().map_err(ConfigError::new)?;
        let connect_timeout = self
            .connect_timeout
            .unwrap_or(Some(DEFAULT_CONNECT_TIMEOUT));
        let read_timeout = Some(self.read_timeout.unwrap_or(DEFAULT_READ_TIMEOUT));
        let max_response_body_size = self
            .max_response_body_size
            .unwrap_or(DEFAULT_MAX_RESPONSE_BODY_SIZE);
        let transport = match self.transport {
            Some(transport) => transport,
            None => default_transport(DefaultTransportSettings {
                connect_timeout,
                read_timeout,
                max_body_size: max_response_body_size,
                #[cfg(any(feature = "hyper", feature = "reqwest"))]
                proxy: self.proxy.clone(),
            })?,
        };
        Ok(Config {
            region: self.region,
            endpoint_url,
            credentials: self.credentials,
            retry: self.retry.unwrap_or_default(),
            connect_timeout,
            read_timeout,
            max_response_body_size,
            #[cfg(any(feature = "hyper", feature = "reqwest"))]
            proxy: self.proxy,
            attempt_timeout: self.attempt_timeout,
            call_timeout: self.call_timeout,
            transport,
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            validation: self.validation.unwrap_or(true),
            idempotency_token: self
                .idempotency_token
                .unwrap_or_else(|| Arc::new(random_idempotency_token)),
        })
    }
}

fn check_endpoint_url(url: &str) -> Result<(), ConfigError> {
    let shown = url_without_user_info(url);
    let url = shown.as_ref();
    let uri: http::Uri = strip_user_info(url).parse().map_err(|e| {
        ConfigError::new(format!("the endpoint URL `{url}` is not a valid URL: {e}"))
    })?;
    match (uri.scheme_str(), uri.authority()) {
        (Some("http" | "https"), Some(_)) => Ok(()),
        _ => Err(ConfigError::new(format!(
            "the endpoint URL `{url}` must be absolute with an http or https scheme, \
             e.g. `https://example.com`"
        ))),
    }
}

fn check_region(region: &str) -> Result<(), ConfigError> {
    let valid = !region.is_empty()
        && region
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !region.starts_with('-')
        && !region.ends_with('-');
    if valid {
        Ok(())
    } else {
        Err(ConfigError::new(format!(
            "the region `{region}` is not a region name (letters, digits and inner hyphens, \
             e.g. `us-east-1`)"
        )))
    }
}

/// What the default transport is built from.
#[cfg_attr(not(any(feature = "hyper", feature = "reqwest")), allow(dead_code))]
struct DefaultTransportSettings {
    connect_timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    max_body_size: usize,
    #[cfg(any(feature = "hyper", feature = "reqwest"))]
    proxy: ProxyConfig,
}

#[cfg(any(feature = "hyper", feature = "reqwest"))]
fn transport_error(error: super::TransportError) -> ConfigError {
    ConfigError::new(format!(
        "could not create the default HTTP transport: {error}"
    ))
}

#[cfg(feature = "hyper")]
fn default_transport(
    settings: DefaultTransportSettings,
) -> Result<Arc<dyn HttpTransport>, ConfigError> {
    let transport =
        super::hyper_transport::HyperTransport::new(super::hyper_transport::HyperSettings {
            connect_timeout: settings.connect_timeout,
            read_timeout: settings.read_timeout,
            max_body_size: settings.max_body_size,
            proxy: settings.proxy,
        })
        .map_err(transport_error)?;
    Ok(Arc::new(transport))
}

#[cfg(all(feature = "reqwest", not(feature = "hyper")))]
fn default_transport(
    settings: DefaultTransportSettings,
) -> Result<Arc<dyn HttpTransport>, ConfigError> {
    let transport = super::reqwest_transport::ReqwestTransport::with_settings(
        super::reqwest_transport::ReqwestSettings {
            connect_timeout: settings.connect_timeout,
            read_timeout: settings.read_timeout,
            max_body_size: settings.max_body_size,
            proxy: settings.proxy,
        },
    )
    .map_err(transport_error)?;
    Ok(Arc::new(transport))
}

#[cfg(not(any(feature = "hyper", feature = "reqwest")))]
fn default_transport(
    _settings: DefaultTransportSettings,
) -> Result<Arc<dyn HttpTransport>, ConfigError> {
    Err(ConfigError::new(
        "no HTTP transport: enable the `hyper` feature of smithy-runtime (the \
         `default-transport` feature of generated crates) for the default one, or pass your \
         own with Config::builder().http_transport(..)",
    ))
}

/// A configuration could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    message: String,
}

impl ConfigError {
    fn new(message: impl Into<String>) -> ConfigError {
        ConfigError {
            message: message.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for ConfigError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::InMemoryTransport;
    use std::collections::HashMap;

    fn from_vars(vars: &[(&str, &str)]) -> ConfigBuilder {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ConfigBuilder::from_lookup(move |name| map.get(name).cloned())
            .http_transport(InMemoryTransport::new())
    }

    #[test]
    fn idempotency_tokens_are_distinct_uuid_v4s() {
        let tokens: std::collections::HashSet<String> =
            (0..1000).map(|_| random_idempotency_token()).collect();
        assert_eq!(tokens.len(), 1000, "1000 tokens, all different");
        for token in &tokens {
            let groups: Vec<&str> = token.split('-').collect();
            let lengths: Vec<usize> = groups.iter().map(|group| group.len()).collect();
            assert_eq!(lengths, [8, 4, 4, 4, 12], "{token}");
            assert!(token
                .bytes()
                .all(|b| b == b'-' || b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
            assert!(groups[2].starts_with('4'), "version 4: {token}");
            assert!(
                matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'),
                "RFC variant: {token}"
            );
        }
    }

    #[test]
    fn environment() {
        let config = from_vars(&[
            ("AWS_DEFAULT_REGION", "eu-west-1"),
            ("AWS_ENDPOINT_URL", "http://localhost:9229"),
            ("AWS_USE_FIPS_ENDPOINT", "TRUE"),
            ("AWS_MAX_ATTEMPTS", "5"),
        ])
        .build();
        let config = config.as_ref().ok();
        assert_eq!(config.and_then(Config::region), Some("eu-west-1"));
        assert_eq!(
            config.and_then(Config::endpoint_url),
            Some("http://localhost:9229")
        );
        assert_eq!(config.map(Config::use_fips), Some(true));
        assert_eq!(config.map(|c| c.retry().max_attempts()), Some(5));
        assert!(config.is_some_and(|c| c.credentials_provider().is_some()));

        let both = from_vars(&[
            ("AWS_REGION", "us-west-2"),
            ("AWS_DEFAULT_REGION", "eu-west-1"),
        ])
        .build();
        assert_eq!(
            both.ok().as_ref().and_then(Config::region),
            Some("us-west-2")
        );

        let bad = from_vars(&[
            ("AWS_USE_DUALSTACK_ENDPOINT", "yes"),
            ("AWS_MAX_ATTEMPTS", "0"),
        ])
        .build();
        let message = bad.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message.contains("AWS_USE_DUALSTACK_ENDPOINT is `yes`"),
            "{message}"
        );
        assert!(message.contains("AWS_MAX_ATTEMPTS is `0`"), "{message}");
    }

    #[test]
    fn checks_url_and_region() {
        let builder = || Config::builder().http_transport(InMemoryTransport::new());
        assert!(builder().endpoint_url("localhost:9229").build().is_err());
        assert!(builder().endpoint_url("ftp://example.com").build().is_err());
        assert!(builder()
            .endpoint_url("https://example.com/base")
            .build()
            .is_ok());
        assert!(builder().region("us east").build().is_err());
        assert!(builder().region("us-east-1").build().is_ok());
    }

    #[test]
    fn defaults() {
        let config = Config::builder()
            .http_transport(InMemoryTransport::new())
            .build();
        let config = config.ok();
        assert!(config.as_ref().is_some_and(Config::validation));
        assert_eq!(config.as_ref().map(|c| c.retry().max_attempts()), Some(3));
        let token = config.as_ref().map(|c| (c.idempotency_token_provider())());
        assert_eq!(token.as_ref().map(String::len), Some(36));
        assert_ne!(
            token,
            config.as_ref().map(|c| (c.idempotency_token_provider())())
        );
    }
}
