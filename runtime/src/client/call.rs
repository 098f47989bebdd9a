//! [`Client`] and the call pipeline: validate → resolve the endpoint → serialize → sign →
//! send (with timeouts) → read → retry when worth it.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tracing::Instrument;

use super::config::Config;
#[cfg(feature = "sigv4")]
use super::credentials::Credentials;
use super::endpoint_resolution::{EndpointCache, ResolvedEndpoint};
use super::errors::{ConstructionError, ConstructionErrorKind, TimeoutError};
use super::retry::{classify_service_error, classify_status, retry_after, RetryKind, RetryQuota};
#[cfg(feature = "sigv4")]
use super::signing::sign_request;
use super::transport::{copy_request, TransportError, TransportErrorKind};
use crate::error::{ProvideErrorMetadata, ProvideResponseMetadata, SdkError};
use crate::operation::{AuthScheme, Operation, RequestContext};
use crate::validation::Validate;
use crate::ByteStream;

/// The `user-agent` sent when the request does not set one.
const USER_AGENT: &str = concat!("smithy-runtime/", env!("CARGO_PKG_VERSION"));

/// Response headers that carry the service's request id, in order of preference.
const REQUEST_ID_HEADERS: [http::HeaderName; 2] = [
    http::HeaderName::from_static("x-amzn-requestid"),
    http::HeaderName::from_static("x-amz-request-id"),
];

/// Calls operations of generated services. Cheap to clone: clones share the configuration,
/// the endpoint cache and the retry quota.
///
/// A generated crate wraps one `Client` and adds a method per operation, each a one-liner over
/// [`Client::call`]; the [module documentation](super) shows a complete example.
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: Config,
    endpoints: EndpointCache,
    quota: RetryQuota,
}

/// What signing a call needs, settled once before the first attempt.
#[cfg(feature = "sigv4")]
struct Signer {
    credentials: Credentials,
    region: String,
    name: String,
}

/// Without the `sigv4` feature no signer can exist (see [`signer`]).
#[cfg(not(feature = "sigv4"))]
enum Signer {}

fn construction<E>(error: ConstructionError) -> SdkError<E> {
    SdkError::Construction(Box::new(error))
}

impl Client {
    /// A client with `config`.
    pub fn new(config: Config) -> Client {
        Client {
            inner: Arc::new(Inner {
                config,
                endpoints: EndpointCache::default(),
                quota: RetryQuota::default(),
            }),
        }
    }

    /// The configuration the client was made with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Calls operation `O` with `input`.
    ///
    /// In order: the input is validated (unless validation is off) → [`SdkError::Validation`];
    /// the endpoint is resolved (configured URL, else the service's rule set) and the input
    /// serialized → [`SdkError::Construction`]; a SigV4 operation gets credentials from the
    /// provider and is signed, each attempt afresh → [`SdkError::Construction`] when there
    /// are none, before anything is sent; then attempts are made under the retry policy, each
    /// bounded by the attempt timeout, all bounded by the call timeout → [`SdkError::Timeout`].
    /// The attempt count is recorded on the output's response metadata and on every error
    /// that follows a sent request ([`SdkError::attempts`]).
    ///
    /// Each call runs in the span of [`Operation::span`]: for generated operations it is
    /// named after the operation (e.g. `UpdateUserAttributes`), otherwise `call`, with the
    /// fields `operation` (the operation name), `service` (the SDK id) and `attempts` (filled
    /// in at the end). Events inside it carry attempt numbers, HTTP statuses, request ids,
    /// error codes and retry delays, never the input, a body or a header value.
    ///
    /// An operation with a `@streaming` payload ([`Operation::STREAMING_OUTPUT`],
    /// [`Operation::streaming_input`]) goes through
    /// [`HttpTransport::send_streaming`](super::HttpTransport::send_streaming): the call
    /// returns once the response head is read, and the payload is read afterwards from the
    /// output's [`ByteStream`], past the body size limit and outside the attempt and call
    /// timeouts, but still bounded by the read timeout between chunks. An input payload that
    /// is not in memory is sent as it is read, unsigned (`UNSIGNED-PAYLOAD`) under SigV4, in
    /// a single attempt.
    pub async fn call<O: Operation>(
        &self,
        input: O::Input,
    ) -> Result<O::Output, SdkError<O::Error>> {
        self.run::<O>(input).instrument(O::span()).await
    }

    async fn run<O: Operation>(&self, input: O::Input) -> Result<O::Output, SdkError<O::Error>> {
        let config = &self.inner.config;
        if config.validation() {
            if let Err(error) = input.validate() {
                tracing::debug!(
                    violations = error.violations().len(),
                    "the input breaks the model's constraints; nothing was sent"
                );
                return Err(SdkError::Validation(error));
            }
        }
        // Counted outside the call timeout, so a call that runs out of time still knows how
        // many attempts it started.
        let attempts = AtomicU32::new(0);
        let result = match config.call_timeout() {
            None => self.dispatch::<O>(input, &attempts).await,
            Some(limit) => tokio::time::timeout(limit, self.dispatch::<O>(input, &attempts))
                .await
                .unwrap_or_else(|_| {
                    let started = attempts.load(Ordering::Relaxed);
                    let mut timeout = TimeoutError::call(limit);
                    timeout.set_attempts(started);
                    tracing::Span::current().record("attempts", started);
                    Err(SdkError::Timeout(Box::new(timeout)))
                }),
        };
        match &result {
            Ok(_) => tracing::debug!("call succeeded"),
            Err(error) => log_failure(error),
        }
        result
    }

    /// Everything after validation: bounded by the call timeout.
    async fn dispatch<O: Operation>(
        &self,
        mut input: O::Input,
        attempts: &AtomicU32,
    ) -> Result<O::Output, SdkError<O::Error>> {
        let config = &self.inner.config;
        let endpoint = self
            .inner
            .endpoints
            .resolve(config, O::SERVICE)
            .map_err(construction)?;
        let mut request = serialize::<O>(&input, config, &endpoint).map_err(construction)?;
        // A payload that is not in memory is streamed: the serializer sent nothing for it.
        let upload = O::streaming_input(&mut input)
            .filter(|payload| payload.in_memory().is_none())
            .map(std::mem::take);
        if let Some(upload) = &upload {
            if O::STREAMING_INPUT_REQUIRES_LENGTH && upload.length().is_none() {
                return Err(construction(ConstructionError::new(
                    ConstructionErrorKind::Serialization,
                    format!(
                        "the streamed payload of {} must declare its length (the model says \
                         @requiresLength); give it with ByteStream::with_length",
                        O::NAME
                    ),
                )));
            }
            prepare_upload(&mut request, upload.length());
        }
        let signer = match O::AUTH {
            AuthScheme::Anonymous => None,
            AuthScheme::SigV4 => Some(signer::<O>(config, &endpoint).await.map_err(construction)?),
        };
        self.attempts::<O>(&request, signer.as_ref(), attempts, upload)
            .await
    }

    /// The retry loop.
    async fn attempts<O: Operation>(
        &self,
        request: &http::Request<Vec<u8>>,
        signer: Option<&Signer>,
        attempts: &AtomicU32,
        mut upload: Option<ByteStream>,
    ) -> Result<O::Output, SdkError<O::Error>> {
        let config = &self.inner.config;
        let retry = config.retry();
        // A streamed request body is read while it is sent: there is nothing left to retry with.
        let one_shot = upload.is_some();
        let mut attempt: u32 = 0;
        let mut spent: u32 = 0;
        loop {
            attempt += 1;
            attempts.store(attempt, Ordering::Relaxed);
            let mut outgoing = copy_request(request);
            if let Some(signer) = signer {
                sign::<O>(&mut outgoing, signer).map_err(construction)?;
            }
            tracing::debug!(attempt, "sending request");
            let (error, wait_hint) = match self.attempt::<O>(outgoing, upload.take(), attempt).await
            {
                Ok(mut output) => {
                    if retry.retry_quota() {
                        self.inner.quota.release(spent);
                    }
                    output.response_metadata_mut().set_attempts(attempt);
                    tracing::Span::current().record("attempts", attempt);
                    return Ok(output);
                }
                Err(failure) => failure,
            };
            let kind = classify(&error);
            let exhausted = attempt >= retry.max_attempts() || one_shot;
            if !kind.is_retryable() || exhausted {
                if kind.is_retryable() {
                    tracing::debug!(attempt, reason = kind.as_str(), "no attempts left");
                }
                return Err(finish(error, attempt));
            }
            if retry.retry_quota() {
                match self.inner.quota.acquire(kind) {
                    Some(cost) => spent += cost,
                    None => {
                        tracing::debug!(attempt, "the client's retry quota is spent; not retrying");
                        return Err(finish(error, attempt));
                    }
                }
            }
            // A `Retry-After` from the service replaces the jittered backoff, capped like it.
            let delay = match wait_hint {
                Some(asked) => asked.min(retry.max_backoff()),
                None => retry.backoff(attempt, fastrand::f64()),
            };
            tracing::debug!(
                attempt,
                reason = kind.as_str(),
                delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                "retrying after backoff"
            );
            tokio::time::sleep(delay).await;
        }
    }

    /// One attempt: send, wait (bounded by the attempt timeout), read. A failure comes with
    /// the wait the response's `Retry-After` asked for, if any.
    async fn attempt<O: Operation>(
        &self,
        request: http::Request<Vec<u8>>,
        upload: Option<ByteStream>,
        attempt: u32,
    ) -> Result<O::Output, (SdkError<O::Error>, Option<Duration>)> {
        let config = &self.inner.config;
        let limit = config.max_response_body_size();
        let streaming = O::STREAMING_OUTPUT || upload.is_some();
        let sent = async {
            if !streaming {
                return config
                    .http_transport()
                    .send(request)
                    .await
                    .map(Received::Whole);
            }
            let request = request.map(|bytes| upload.unwrap_or_else(|| ByteStream::from(bytes)));
            let response = config.http_transport().send_streaming(request).await?;
            if O::STREAMING_OUTPUT && response.status().is_success() {
                return Ok(Received::Streamed(response));
            }
            // Not a streamed payload (e.g. an error): read it whole, within the limit.
            let (parts, body) = response.into_parts();
            let body = body.collect(limit).await.map_err(|error| {
                let kind = if error.is_too_large() {
                    TransportErrorKind::BodyTooLarge
                } else {
                    TransportErrorKind::Io
                };
                TransportError::new(kind, error)
            })?;
            Ok(Received::Whole(http::Response::from_parts(parts, body)))
        };
        let received = match config.attempt_timeout() {
            None => sent.await,
            Some(limit) => match tokio::time::timeout(limit, sent).await {
                Ok(received) => received,
                Err(_) => {
                    tracing::debug!(attempt, timeout = ?limit, "attempt timed out");
                    let timeout = SdkError::Timeout(Box::new(TimeoutError::attempt(limit)));
                    return Err((timeout, None));
                }
            },
        };
        let received = received.and_then(|received| match received {
            // A custom transport may not enforce the limit while reading; hold it to it here.
            Received::Whole(response) if response.body().len() > limit => {
                Err(TransportError::body_too_large(limit))
            }
            received => Ok(received),
        });
        let (response, streamed) = match received {
            Ok(Received::Whole(response)) => (response, None),
            Ok(Received::Streamed(response)) => {
                let (parts, body) = response.into_parts();
                (http::Response::from_parts(parts, Vec::new()), Some(body))
            }
            Err(error) => {
                tracing::debug!(attempt, kind = %error.kind(), "transport failed");
                return Err((transport_failure(error), None));
            }
        };
        let status = response.status().as_u16();
        match request_id(&response) {
            Some(request_id) => tracing::debug!(attempt, status, request_id, "response received"),
            None => tracing::debug!(attempt, status, "response received"),
        }
        let mut output = O::deserialize(&response)
            .map_err(|error| (error, retry_after(response.headers(), SystemTime::now())))?;
        if let Some(body) = streamed {
            O::set_streaming_output(&mut output, body);
        }
        Ok(output)
    }
}

/// What one attempt received: a whole response, or a successful head whose `@streaming`
/// payload the caller reads.
enum Received {
    Whole(http::Response<Vec<u8>>),
    Streamed(http::Response<ByteStream>),
}

/// Readies a request whose body is streamed: its length is the declared one, else unknown
/// (sent chunked), and a SigV4 signature cannot cover bytes not read yet, so the payload is
/// declared unsigned.
fn prepare_upload(request: &mut http::Request<Vec<u8>>, length: Option<u64>) {
    match length {
        Some(length) => {
            request
                .headers_mut()
                .insert(http::header::CONTENT_LENGTH, length.into());
        }
        None => {
            request.headers_mut().remove(http::header::CONTENT_LENGTH);
        }
    }
    request.headers_mut().insert(
        "x-amz-content-sha256",
        http::HeaderValue::from_static("UNSIGNED-PAYLOAD"),
    );
}

/// Builds the unsigned request: serializer output plus endpoint headers and a user agent.
fn serialize<O: Operation>(
    input: &O::Input,
    config: &Config,
    endpoint: &ResolvedEndpoint,
) -> Result<http::Request<Vec<u8>>, ConstructionError> {
    let context = RequestContext {
        endpoint: &endpoint.url,
        idempotency_token: &**config.idempotency_token_provider(),
    };
    let mut request = O::serialize(input, &context).map_err(|e| {
        ConstructionError::new(
            ConstructionErrorKind::Serialization,
            format!("could not serialize the {} input", O::NAME),
        )
        .with_source(e)
    })?;
    for (name, value) in &endpoint.headers {
        let invalid = || {
            ConstructionError::new(
                ConstructionErrorKind::Endpoint,
                format!("the endpoint rule set asks for an invalid header `{name}`"),
            )
        };
        let name = http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
        let value = http::HeaderValue::from_str(value).map_err(|_| invalid())?;
        request.headers_mut().append(name, value);
    }
    if !request.headers().contains_key(http::header::USER_AGENT) {
        request.headers_mut().insert(
            http::header::USER_AGENT,
            http::HeaderValue::from_static(USER_AGENT),
        );
    }
    Ok(request)
}

/// Signs one attempt's request afresh (a new time stamp for every attempt).
#[cfg(feature = "sigv4")]
fn sign<O: Operation>(
    request: &mut http::Request<Vec<u8>>,
    signer: &Signer,
) -> Result<(), ConstructionError> {
    sign_request(
        request,
        &signer.credentials,
        &signer.region,
        &signer.name,
        SystemTime::now(),
    )
    .map_err(|e| {
        ConstructionError::new(
            ConstructionErrorKind::Signing,
            format!("could not sign the {} request", O::NAME),
        )
        .with_source(e)
    })
}

// Generic like its `sigv4` twin so the call site is the same; there is no signer to use.
#[cfg(not(feature = "sigv4"))]
#[allow(clippy::extra_unused_type_parameters)]
fn sign<O: Operation>(
    _request: &mut http::Request<Vec<u8>>,
    signer: &Signer,
) -> Result<(), ConstructionError> {
    match *signer {}
}

/// Without the `sigv4` feature a signed operation fails before anything is sent. Generated
/// crates turn the feature on whenever one of their operations is signed, so only a
/// hand-written operation on a runtime built without it gets here.
#[cfg(not(feature = "sigv4"))]
async fn signer<O: Operation>(
    _config: &Config,
    _endpoint: &ResolvedEndpoint,
) -> Result<Signer, ConstructionError> {
    Err(ConstructionError::new(
        ConstructionErrorKind::Signing,
        format!(
            "{} must be signed with SigV4, but smithy-runtime was built without its `sigv4` \
             feature",
            O::NAME
        ),
    ))
}

/// Settles the credentials, region and signing name of a SigV4 call.
#[cfg(feature = "sigv4")]
async fn signer<O: Operation>(
    config: &Config,
    endpoint: &ResolvedEndpoint,
) -> Result<Signer, ConstructionError> {
    let credentials_error =
        |message: String| ConstructionError::new(ConstructionErrorKind::Credentials, message);
    let Some(provider) = config.credentials_provider() else {
        return Err(credentials_error(format!(
            "{} must be signed with SigV4, but no credentials provider is configured; set one \
             with Config::builder().credentials_provider(..), or use Config::from_env() with \
             AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set",
            O::NAME
        )));
    };
    let credentials = provider.provide_credentials().await.map_err(|e| {
        credentials_error(format!(
            "{} must be signed with SigV4, but there are no credentials",
            O::NAME
        ))
        .with_source(e)
    })?;
    if credentials.is_expired_at(SystemTime::now()) {
        return Err(credentials_error(format!(
            "{} must be signed with SigV4, but the credentials (access key id {}) have expired",
            O::NAME,
            credentials.access_key_id()
        )));
    }
    let region = endpoint
        .signing_region
        .clone()
        .or_else(|| config.region().map(str::to_owned))
        .ok_or_else(|| {
            ConstructionError::new(
                ConstructionErrorKind::Config,
                format!(
                    "{} must be signed with SigV4, which needs a region; set one with \
                     Config::builder().region(..) or AWS_REGION",
                    O::NAME
                ),
            )
        })?;
    let name = endpoint
        .signing_name
        .clone()
        .or_else(|| O::SERVICE.signing_name.map(str::to_owned))
        .ok_or_else(|| {
            ConstructionError::new(
                ConstructionErrorKind::Signing,
                format!(
                    "{} must be signed with SigV4, but the {} service declares no signing name",
                    O::NAME,
                    O::SERVICE.sdk_id
                ),
            )
        })?;
    Ok(Signer {
        credentials,
        region,
        name,
    })
}

fn transport_failure<E>(error: TransportError) -> SdkError<E> {
    if error.kind() == TransportErrorKind::Timeout {
        SdkError::Timeout(Box::new(TimeoutError::transport(Box::new(error))))
    } else {
        SdkError::Dispatch(Box::new(error))
    }
}

fn request_id(response: &http::Response<Vec<u8>>) -> Option<&str> {
    REQUEST_ID_HEADERS
        .iter()
        .find_map(|name| response.headers().get(name))
        .and_then(|value| value.to_str().ok())
        .map(|id| &id[..floor_char_boundary(id, crate::untrusted::MAX_UNTRUSTED_TEXT)])
}

/// The largest index `<= max` that is a char boundary of `text`.
fn floor_char_boundary(text: &str, max: usize) -> usize {
    let mut cut = max.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    cut
}

/// Whether a failed attempt is worth another.
fn classify<E: ProvideErrorMetadata>(error: &SdkError<E>) -> RetryKind {
    match error {
        SdkError::Service(error) => {
            classify_service_error(error.code(), error.http_status(), error.fault())
        }
        SdkError::Timeout(_) => RetryKind::Timeout,
        SdkError::Dispatch(error) => match error.downcast_ref::<TransportError>() {
            Some(error) if error.is_retryable() => RetryKind::Transient,
            _ => RetryKind::NotRetryable,
        },
        SdkError::Response(error) => classify_status(error.http_status()),
        _ => RetryKind::NotRetryable,
    }
}

/// Records the attempt count on the error, whatever its kind, and in the span.
fn finish<E: ProvideErrorMetadata>(mut error: SdkError<E>, attempts: u32) -> SdkError<E> {
    tracing::Span::current().record("attempts", attempts);
    match &mut error {
        SdkError::Service(service_error) => service_error.meta_mut().set_attempts(attempts),
        SdkError::Response(response_error) => response_error.set_attempts(attempts),
        SdkError::Timeout(source) => {
            if let Some(timeout) = source.downcast_mut::<TimeoutError>() {
                timeout.set_attempts(attempts);
            }
        }
        SdkError::Dispatch(source) => {
            if let Some(transport) = source.downcast_mut::<TransportError>() {
                transport.set_attempts(attempts);
            }
        }
        SdkError::Validation(_) | SdkError::Construction(_) => {}
    }
    error
}

/// One event describing a failed call. Service error messages are left out: services echo
/// input values in them.
fn log_failure<E: ProvideErrorMetadata>(error: &SdkError<E>) {
    match error {
        SdkError::Service(error) => tracing::debug!(
            error.kind = "service",
            error.code = error.code().unwrap_or("unknown"),
            http_status = error.http_status(),
            request_id = error.request_id(),
            "call failed"
        ),
        SdkError::Validation(error) => tracing::debug!(
            error.kind = "validation",
            violations = error.violations().len(),
            "call failed"
        ),
        SdkError::Response(error) => tracing::debug!(
            error.kind = "response",
            http_status = error.http_status(),
            request_id = error.request_id(),
            error.path = %error.deserialize_error().path(),
            attempts = error.attempts(),
            "call failed"
        ),
        SdkError::Construction(error) => {
            tracing::debug!(error.kind = "construction", error = %error, "call failed")
        }
        SdkError::Timeout(error) => {
            tracing::debug!(error.kind = "timeout", error = %error, "call failed")
        }
        SdkError::Dispatch(error) => {
            tracing::debug!(error.kind = "dispatch", error = %error, "call failed")
        }
    }
}
