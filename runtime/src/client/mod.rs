//! The generic client: one pipeline, written once, that every generated operation runs through.
//!
//! A call goes validate → resolve endpoint → serialize → sign (SigV4 operations) → send →
//! deserialize, with retries ("standard" mode: exponential backoff with full jitter), attempt
//! and call timeouts, and a `tracing` span per call.
//!
//! Generated crates implement [`Operation`](crate::operation::Operation) per operation and
//! wrap a [`Client`]. What the generator emits for one awsJson operation looks like this
//! (trimmed; a real input also has a builder, accessors and a `Debug` that redacts):
//!
//! ```
//! use smithy_runtime::aws_json::{self, JsonVersion};
//! use smithy_runtime::client::{Client, Config, InMemoryTransport};
//! use smithy_runtime::error::*;
//! use smithy_runtime::operation::{AuthScheme, Operation, RequestContext, ServiceInfo};
//! use smithy_runtime::validation::{Validate, Validator};
//!
//! static SERVICE: ServiceInfo = ServiceInfo {
//!     sdk_id: "Greeter",
//!     signing_name: Some("greeter"),
//!     endpoint_rule_set: None, // a real model embeds its rule set JSON here
//! };
//!
//! pub struct GetGreetingInput { pub name: String }
//! impl Validate for GetGreetingInput {
//!     fn validate_into(&self, v: &mut Validator) {
//!         v.member("Name", |v| v.str_length(&self.name, Some(1), None));
//!     }
//! }
//!
//! pub struct GetGreetingOutput { pub greeting: String, meta: ResponseMetadata }
//! impl ProvideResponseMetadata for GetGreetingOutput {
//!     fn response_metadata(&self) -> &ResponseMetadata { &self.meta }
//!     fn response_metadata_mut(&mut self) -> &mut ResponseMetadata { &mut self.meta }
//! }
//!
//! /// The operation's error enum (only the unhandled case here).
//! #[derive(Debug)]
//! pub enum GetGreetingError { Unhandled(UnhandledError) }
//! impl ProvideErrorMetadata for GetGreetingError {
//!     fn meta(&self) -> &ErrorMetadata { match self { Self::Unhandled(e) => e.meta() } }
//!     fn meta_mut(&mut self) -> &mut ErrorMetadata { match self { Self::Unhandled(e) => e.meta_mut() } }
//!     fn fault(&self) -> Fault { match self { Self::Unhandled(e) => e.fault() } }
//! }
//! impl std::fmt::Display for GetGreetingError {
//!     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
//!         match self { Self::Unhandled(e) => e.fmt(f) }
//!     }
//! }
//! impl std::error::Error for GetGreetingError {}
//!
//! /// The operation: how to write the request and read the response.
//! pub struct GetGreeting;
//! impl Operation for GetGreeting {
//!     type Input = GetGreetingInput;
//!     type Output = GetGreetingOutput;
//!     type Error = GetGreetingError;
//!     const NAME: &'static str = "GetGreeting";
//!     const SERVICE: &'static ServiceInfo = &SERVICE;
//!     const AUTH: AuthScheme = AuthScheme::Anonymous;
//!
//!     fn serialize(input: &GetGreetingInput, cx: &RequestContext<'_>)
//!         -> Result<http::Request<Vec<u8>>, BoxError> {
//!         let body = serde_json::json!({ "Name": input.name });
//!         aws_json::build_request(cx.endpoint, None, JsonVersion::V1_1, "Greeter.GetGreeting", &body)
//!     }
//!
//!     fn deserialize(response: &http::Response<Vec<u8>>)
//!         -> Result<GetGreetingOutput, SdkError<GetGreetingError>> {
//!         if !aws_json::is_success(response) {
//!             let meta = aws_json::parse_error(response, false).meta;
//!             return Err(SdkError::Service(GetGreetingError::Unhandled(UnhandledError::new(meta))));
//!         }
//!         let body = aws_json::parse_success_body(response).map_err(SdkError::Response)?;
//!         let greeting = body["Greeting"].as_str().unwrap_or_default().to_owned();
//!         Ok(GetGreetingOutput { greeting, meta: aws_json::response_metadata(response) })
//!     }
//! }
//!
//! /// The generated client: one method per operation, each a one-liner over `Client::call`.
//! #[derive(Clone, Debug)]
//! pub struct GreeterClient { inner: Client }
//! impl GreeterClient {
//!     pub fn new(config: Config) -> Self { GreeterClient { inner: Client::new(config) } }
//!     pub async fn get_greeting(&self, input: GetGreetingInput)
//!         -> Result<GetGreetingOutput, SdkError<GetGreetingError>> {
//!         self.inner.call::<GetGreeting>(input).await
//!     }
//! }
//!
//! // Using it; a test injects an in-memory transport instead of the network.
//! # tokio::runtime::Builder::new_current_thread().enable_time().build()?.block_on(async {
//! let transport = InMemoryTransport::new().with_response(
//!     http::Response::builder().status(200).body(br#"{"Greeting":"hello"}"#.to_vec())?,
//! );
//! let config = Config::builder()
//!     .endpoint_url("http://localhost:8080")
//!     .http_transport(transport.clone())
//!     .build()?;
//! let output = GreeterClient::new(config)
//!     .get_greeting(GetGreetingInput { name: "ada".into() })
//!     .await?;
//! assert_eq!(output.greeting, "hello");
//! assert_eq!(transport.requests()[0].uri(), "http://localhost:8080/");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! In an application, [`Config::from_env`] reads the region, an endpoint URL and credentials
//! from the standard `AWS_*` variables, and the default transport talks to the real service.
//!
//! Everything that leaves the process goes through an [`HttpTransport`]; the default one is
//! `HyperTransport` (hyper 1 + rustls with `ring`, cargo feature `hyper`, on by default; turn
//! it off and pass your own with [`ConfigBuilder::http_transport`]; `reqwest` offers an
//! adapter on reqwest). Tests inject an [`InMemoryTransport`]. Whatever the transport, the
//! [policy of `HttpTransport`](HttpTransport#the-policy-a-transport-must-follow) holds: no
//! redirects, no proxy unless configured (`ProxyConfig`), bounded reads, no secrets in
//! messages.
//!
//! | limit | this client's default | aws-sdk-rust's default |
//! |---|---|---|
//! | connect (TCP + TLS) | [`DEFAULT_CONNECT_TIMEOUT`], 3.1 s | 3.1 s (TCP) |
//! | response head, body pauses | [`DEFAULT_READ_TIMEOUT`], 30 s, plus a 1 KiB/s floor | none; stalled-stream protection (1 B/s after 20 s) |
//! | response body size | [`DEFAULT_MAX_RESPONSE_BODY_SIZE`], 64 MiB | none |
//! | attempt, call | none ([`ConfigBuilder::attempt_timeout`], [`ConfigBuilder::call_timeout`]) | none |
//! | attempts | 3, standard mode, `Retry-After` honoured up to the 20 s backoff cap | 3, standard mode |
//!
//! The pipeline needs a Tokio runtime with its timer enabled (for backoff and timeouts).

// Credentials matter only to signed calls, so the adapter comes with SigV4 (feature `sigv4`).
#[cfg(feature = "sigv4")]
mod aws_sdk_credentials;
mod call;
mod config;
mod credentials;
mod endpoint_resolution;
mod errors;
#[cfg(feature = "hyper")]
mod hyper_body;
#[cfg(feature = "hyper")]
mod hyper_transport;
#[cfg(any(feature = "hyper", feature = "reqwest"))]
mod proxy;
mod redact;
#[cfg(feature = "reqwest")]
mod reqwest_transport;
mod response_body;
mod retry;
#[cfg(feature = "sigv4")]
mod signing;
mod transport;

#[cfg(feature = "sigv4")]
pub use aws_sdk_credentials::AwsSdkCredentials;
pub use call::Client;
pub use config::{
    random_idempotency_token, Config, ConfigBuilder, ConfigError, IdempotencyTokenProvider,
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BODY_SIZE, DEFAULT_READ_TIMEOUT,
};
pub use credentials::{
    Credentials, CredentialsError, CredentialsErrorKind, CredentialsFuture, EnvironmentCredentials,
    ProvideCredentials,
};
pub use errors::{ConstructionError, ConstructionErrorKind, TimeoutError, TimeoutKind};
#[cfg(feature = "hyper")]
pub use hyper_transport::HyperTransport;
#[cfg(any(feature = "hyper", feature = "reqwest"))]
pub use proxy::ProxyConfig;
#[cfg(feature = "reqwest")]
pub use reqwest_transport::{ReqwestSettings, ReqwestTransport};
pub use response_body::MIN_BODY_BYTES_PER_SECOND;
pub use retry::{
    classify_service_error, RetryConfig, RetryKind, THROTTLING_ERROR_CODES, TRANSIENT_ERROR_CODES,
    TRANSIENT_STATUS_CODES,
};
#[cfg(feature = "sigv4")]
pub use signing::{sign_request, SigningError};
pub use transport::{
    HttpFuture, HttpTransport, InMemoryTransport, StreamingHttpFuture, TransportError,
    TransportErrorKind,
};
