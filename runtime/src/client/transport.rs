//! The HTTP transport seam: one trait that sends a fully built request and returns the whole
//! response, plus [`InMemoryTransport`], a scripted transport for tests.
//!
//! The client pipeline never talks to the network itself. Everything that goes out passes
//! through an [`HttpTransport`], so a program can bring its own HTTP stack (or none at all in
//! tests) by handing one to [`ConfigBuilder::http_transport`](super::ConfigBuilder::http_transport).

use std::collections::VecDeque;
use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::error::BoxError;
use crate::ByteStream;

/// The future an [`HttpTransport`] returns: the response, or why there is none.
pub type HttpFuture<'a> =
    Pin<Box<dyn Future<Output = Result<http::Response<Vec<u8>>, TransportError>> + Send + 'a>>;

/// The future [`HttpTransport::send_streaming`] returns: the response head with a body still
/// to be read, or why there is none.
pub type StreamingHttpFuture<'a> =
    Pin<Box<dyn Future<Output = Result<http::Response<ByteStream>, TransportError>> + Send + 'a>>;

/// Sends HTTP requests for the client.
///
/// The trait is object safe (the client keeps an `Arc<dyn HttpTransport>`) and async through a
/// boxed future, so no macro crate is needed to implement it:
///
/// ```
/// use smithy_runtime::client::{HttpFuture, HttpTransport, TransportError};
///
/// /// A transport that refuses every request, e.g. for an offline mode.
/// #[derive(Debug)]
/// struct Offline;
///
/// impl HttpTransport for Offline {
///     fn send(&self, _request: http::Request<Vec<u8>>) -> HttpFuture<'_> {
///         Box::pin(async { Err(TransportError::connect("offline mode: the network is off")) })
///     }
/// }
/// ```
///
/// # The policy a transport must follow
///
/// The default transport (`HyperTransport`, cargo feature `hyper`) keeps these rules, and a
/// transport you bring must keep them too, because requests carry access tokens and signatures:
///
/// - **No redirects.** Return a 3xx response as it is; never re-send the request (and its body)
///   to the `Location` it names.
/// - **No implicit proxies.** Send through a proxy only when the application configured one;
///   read `HTTP_PROXY`/`HTTPS_PROXY`/`ALL_PROXY` only after an explicit opt-in, and then
///   honour `NO_PROXY` and never proxy loopback addresses.
/// - **No secrets in messages.** Errors and log lines must not contain bodies, header values
///   or the user-info part of a URL (`user:password@`).
/// - **Bounded reads.** Stop reading a body past the configured size limit
///   ([`Config::max_response_body_size`](super::Config::max_response_body_size)) and give up
///   on a connection that stays idle past the read timeout; the client re-checks the size of
///   whatever a transport returns, but only the transport can stop the download early.
/// - **No retries, no signing.** The client retries and signs; a transport sends once.
///
/// Classify failures with [`TransportErrorKind`] so the retry policy can tell a refused
/// connection (retried) from a failed certificate check (never retried).
pub trait HttpTransport: Send + Sync {
    /// Sends `request` and reads the whole response body.
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture<'_>;

    /// Sends `request` with a body read as it is sent, and returns as soon as the response
    /// head has arrived, with the body still to be read. The client uses it for operations
    /// with a `@streaming` payload.
    ///
    /// A streamed response body is not held to the size limit (the caller reads it chunk by
    /// chunk and decides how much to keep), but it must still fail with a
    /// [`TransportErrorKind::Timeout`] error once no chunk arrives for the read timeout.
    ///
    /// The default reads the request body into memory, calls [`send`](HttpTransport::send)
    /// and hands out the whole response body as one chunk: correct, but not bounded in
    /// memory. The default transport overrides it to stream both ways.
    fn send_streaming(&self, request: http::Request<ByteStream>) -> StreamingHttpFuture<'_> {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let body = body.collect(usize::MAX).await.map_err(TransportError::io)?;
            let response = self.send(http::Request::from_parts(parts, body)).await?;
            Ok(response.map(ByteStream::from))
        })
    }
}

/// What kind of failure a [`TransportError`] is; the retry policy reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (DNS, refused, TLS handshake). Nothing reached the service.
    Connect,
    /// The connection broke while the request was sent or the response read.
    Io,
    /// The transport gave up waiting (its own connect or read timeout).
    Timeout,
    /// The TLS handshake failed, e.g. the certificate is not trusted or names another host.
    /// Not retried: the same handshake would fail the same way.
    Tls,
    /// The peer does not speak valid HTTP (a malformed status line or headers). Not retried.
    Protocol,
    /// The response body is larger than the configured limit. Not retried.
    BodyTooLarge,
    /// Anything else, e.g. a request the transport cannot represent. Not retried.
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "connection error",
            TransportErrorKind::Io => "I/O error",
            TransportErrorKind::Timeout => "transport timeout",
            TransportErrorKind::Tls => "TLS error",
            TransportErrorKind::Protocol => "HTTP protocol error",
            TransportErrorKind::BodyTooLarge => "response too large",
            TransportErrorKind::Other => "transport error",
        })
    }
}

/// Why an [`HttpTransport`] produced no response.
///
/// [`attempts`](TransportError::attempts) tells how many attempts the call made before
/// giving up with this error.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    source: BoxError,
    attempts: u32,
}

impl TransportError {
    /// A failure of the given kind with its cause (any error, or a message).
    pub fn new(kind: TransportErrorKind, source: impl Into<BoxError>) -> TransportError {
        TransportError {
            kind,
            source: source.into(),
            attempts: 1,
        }
    }

    /// No connection could be made.
    pub fn connect(source: impl Into<BoxError>) -> TransportError {
        TransportError::new(TransportErrorKind::Connect, source)
    }

    /// The connection broke mid-request.
    pub fn io(source: impl Into<BoxError>) -> TransportError {
        TransportError::new(TransportErrorKind::Io, source)
    }

    /// The transport's own timeout fired.
    pub fn timeout(source: impl Into<BoxError>) -> TransportError {
        TransportError::new(TransportErrorKind::Timeout, source)
    }

    /// The TLS handshake failed; the client does not retry it.
    pub fn tls(source: impl Into<BoxError>) -> TransportError {
        TransportError::new(TransportErrorKind::Tls, source)
    }

    /// The body passed the size limit; the client does not retry it.
    pub fn body_too_large(limit: usize) -> TransportError {
        TransportError::new(
            TransportErrorKind::BodyTooLarge,
            format!(
                "the response body is larger than the {limit}-byte limit \
                 (Config::builder().max_response_body_size(..) raises it)"
            ),
        )
    }

    /// Any other failure; the client does not retry it.
    pub fn other(source: impl Into<BoxError>) -> TransportError {
        TransportError::new(TransportErrorKind::Other, source)
    }

    /// How many attempts the call made (the client records it; 1 until then).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Records the attempt count (the client does this before returning the error).
    pub fn set_attempts(&mut self, attempts: u32) {
        self.attempts = attempts;
    }

    /// The kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether sending the same request again may succeed (connect, I/O and timeout failures;
    /// not TLS, protocol, size or other failures).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.kind,
            TransportErrorKind::Connect | TransportErrorKind::Io | TransportErrorKind::Timeout
        )
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.source)
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(self.source.as_ref())
    }
}

/// Makes an owned copy of a request (`http::Request` is not `Clone` because of its extensions,
/// which the client does not use).
pub(crate) fn copy_request(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    copy
}

type Handler = dyn Fn(&http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError>
    + Send
    + Sync;

#[derive(Default)]
struct State {
    queue: VecDeque<Result<http::Response<Vec<u8>>, TransportError>>,
    requests: Vec<http::Request<Vec<u8>>>,
}

/// A transport that answers from a script and remembers what it was asked; for tests.
///
/// Answers come from a queue of canned responses (and transport errors), taken in order, or
/// from a closure that sees each request. Every request is recorded, so a test can check the
/// headers, URL and body that would have gone out. Clones share the same queue and record.
///
/// ```
/// use smithy_runtime::client::InMemoryTransport;
///
/// let transport = InMemoryTransport::new()
///     .with_response(http::Response::builder().status(500).body(Vec::new()).unwrap())
///     .with_response(http::Response::builder().status(200).body(b"{}".to_vec()).unwrap());
/// assert_eq!(transport.remaining(), 2);
/// assert!(transport.requests().is_empty());
/// ```
///
/// When the queue is empty and there is no closure, a request fails with a non-retryable
/// [`TransportErrorKind::Other`] error that says so.
#[derive(Clone, Default)]
pub struct InMemoryTransport {
    state: Arc<Mutex<State>>,
    handler: Option<Arc<Handler>>,
}

impl fmt::Debug for InMemoryTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        f.debug_struct("InMemoryTransport")
            .field("queued", &state.queue.len())
            .field("requests_seen", &state.requests.len())
            .field("has_handler", &self.handler.is_some())
            .finish()
    }
}

impl InMemoryTransport {
    /// A transport with nothing queued.
    pub fn new() -> InMemoryTransport {
        InMemoryTransport::default()
    }

    /// A transport that answers every request by calling `handler` (after the queue, if
    /// anything was also queued, is used up).
    pub fn from_fn<F>(handler: F) -> InMemoryTransport
    where
        F: Fn(&http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, TransportError>
            + Send
            + Sync
            + 'static,
    {
        InMemoryTransport {
            state: Arc::default(),
            handler: Some(Arc::new(handler)),
        }
    }

    /// Queues a response (builder style).
    pub fn with_response(self, response: http::Response<Vec<u8>>) -> InMemoryTransport {
        self.push_response(response);
        self
    }

    /// Queues a transport failure (builder style).
    pub fn with_error(self, error: TransportError) -> InMemoryTransport {
        self.push_error(error);
        self
    }

    /// Queues a response.
    pub fn push_response(&self, response: http::Response<Vec<u8>>) {
        self.lock().queue.push_back(Ok(response));
    }

    /// Queues a transport failure.
    pub fn push_error(&self, error: TransportError) {
        self.lock().queue.push_back(Err(error));
    }

    /// How many queued answers are left.
    pub fn remaining(&self) -> usize {
        self.lock().queue.len()
    }

    /// Copies of every request seen so far, oldest first.
    pub fn requests(&self) -> Vec<http::Request<Vec<u8>>> {
        self.lock().requests.iter().map(copy_request).collect()
    }

    /// How many requests were seen.
    pub fn request_count(&self) -> usize {
        self.lock().requests.len()
    }

    /// The state, even if a thread panicked while holding the lock (the data stays usable).
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn answer(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let queued = {
            let mut state = self.lock();
            let queued = state.queue.pop_front();
            state.requests.push(copy_request(&request));
            queued
        };
        match (queued, &self.handler) {
            (Some(answer), _) => answer,
            (None, Some(handler)) => handler(&request),
            (None, None) => {
                let seen = self.request_count();
                Err(TransportError::other(format!(
                    "InMemoryTransport has no response queued for request #{seen} ({} {})",
                    request.method(),
                    super::redact::uri_without_user_info(request.uri())
                )))
            }
        }
    }
}

impl HttpTransport for InMemoryTransport {
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture<'_> {
        let answer = self.answer(request);
        Box::pin(async move { answer })
    }
}
