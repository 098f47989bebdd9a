//! The default [`HttpTransport`]: hyper 1 over hyper-util's pooled client, TLS by rustls with
//! the `ring` provider and the Mozilla roots of `webpki-roots` (or the system's roots with the
//! `native-roots` feature). HTTP/1.1 with keep-alive pooling; HTTP/2 through ALPN with the
//! `http2` feature.
//!
//! It keeps the transport policy of [`HttpTransport`]: redirects are returned, never followed;
//! a proxy is used only when [`ProxyConfig`] says so, and never for loopback destinations;
//! connect (TCP and TLS together), response-head and body reads are bounded in time, and the
//! body in size.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::rt::{Read, ReadBufCursor, Write};
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder, MaybeHttpsStream};
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};

use super::hyper_body::{streamed_response, RequestBody};
use super::proxy::{ProxyConfig, Route};
use super::response_body::BodyCollector;
use super::transport::{
    HttpFuture, HttpTransport, StreamingHttpFuture, TransportError, TransportErrorKind,
};
use crate::error::BoxError;
use crate::ByteStream;

/// How long an idle pooled connection is kept (AWS services close idle ones after about a
/// minute or more; reusing a connection the server just closed costs a failed attempt).
const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(50);

/// What the default transport is built from; filled from [`Config`](super::Config).
#[derive(Debug, Clone)]
pub(crate) struct HyperSettings {
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) read_timeout: Option<Duration>,
    pub(crate) max_body_size: usize,
    pub(crate) proxy: ProxyConfig,
}

/// The default HTTP transport (cargo feature `default-transport` of generated crates, `hyper`
/// of `smithy-runtime`). Created by [`ConfigBuilder::build`](super::ConfigBuilder::build)
/// when no transport is injected; [`Config::http_transport`](super::Config::http_transport)
/// hands it out, so several clients can share one connection pool.
#[derive(Clone)]
pub struct HyperTransport {
    client: hyper_util::client::legacy::Client<Connector, RequestBody>,
    settings: Arc<HyperSettings>,
}

impl fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperTransport")
            .field("connect_timeout", &self.settings.connect_timeout)
            .field("read_timeout", &self.settings.read_timeout)
            .field("max_body_size", &self.settings.max_body_size)
            .field("proxy", &self.settings.proxy)
            .finish_non_exhaustive()
    }
}

impl HyperTransport {
    pub(crate) fn new(settings: HyperSettings) -> Result<HyperTransport, TransportError> {
        let tls = Arc::new(tls_config()?);
        let mut http = HttpConnector::new();
        // `https://` endpoints are handled by the TLS layer above; this one must accept both.
        http.enforce_http(false);
        http.set_nodelay(true);
        let connector = Connector {
            http,
            tls,
            proxy: settings.proxy.clone(),
            connect_timeout: settings.connect_timeout,
        };
        let client = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
            .pool_idle_timeout(POOL_IDLE_TIMEOUT)
            .pool_timer(TokioTimer::new())
            .timer(TokioTimer::new())
            .build(connector);
        Ok(HyperTransport {
            client,
            settings: Arc::new(settings),
        })
    }

    /// Sends `request` and waits (bounded) for the response head; the body is left unread.
    async fn head(
        &self,
        request: http::Request<RequestBody>,
    ) -> Result<http::Response<Incoming>, TransportError> {
        let (mut parts, body) = request.into_parts();
        if let Route::Proxy(proxy) = self.settings.proxy.route(&parts.uri) {
            // A plain-HTTP destination goes to the proxy as an absolute-form request that
            // carries the proxy's credentials; HTTPS ones are tunnelled by the connector.
            if parts.uri.scheme() == Some(&http::uri::Scheme::HTTP) {
                if let Some(auth) = proxy.basic_auth() {
                    parts
                        .headers
                        .insert(http::header::PROXY_AUTHORIZATION, auth.clone());
                }
            }
        }
        let request = http::Request::from_parts(parts, body);
        let settings = &self.settings;
        let head = self.client.request(request);
        // The head must arrive within connect + read timeouts of sending, so a server that
        // trickles its status line and headers cannot hold the call.
        let head_limit = settings
            .read_timeout
            .map(|read| read + settings.connect_timeout.unwrap_or_default());
        match head_limit {
            None => head.await,
            Some(limit) => tokio::time::timeout(limit, head).await.map_err(|_| {
                TransportError::timeout(format!(
                    "no complete response head within {limit:?} (connect plus read timeout)"
                ))
            })?,
        }
        .map_err(classify)
    }

    async fn exchange(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let response = self.head(request.map(RequestBody::whole)).await?;
        let settings = &self.settings;
        let (parts, mut incoming) = response.into_parts();
        let content_length = parts
            .headers
            .get(http::header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok());
        let mut body = BodyCollector::new(
            settings.max_body_size,
            settings.read_timeout,
            content_length,
        )?;
        loop {
            let frame = match body.next_wait() {
                None => incoming.frame().await,
                Some(wait) => match tokio::time::timeout(wait, incoming.frame()).await {
                    Ok(frame) => frame,
                    Err(_) => return Err(body.stalled()),
                },
            };
            match frame {
                None => break,
                Some(Err(error)) => return Err(classify_hyper(&error, error.to_string())),
                Some(Ok(frame)) => {
                    if let Some(data) = frame.data_ref() {
                        body.push(data)?;
                    }
                }
            }
        }
        Ok(http::Response::from_parts(parts, body.finish()))
    }
}

impl HttpTransport for HyperTransport {
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture<'_> {
        Box::pin(self.exchange(request))
    }

    fn send_streaming(&self, request: http::Request<ByteStream>) -> StreamingHttpFuture<'_> {
        Box::pin(async move {
            let request = request.map(|body| match body.in_memory() {
                Some(bytes) => RequestBody::whole(bytes.to_vec()),
                None => RequestBody::Streamed(body),
            });
            let response = self.head(request).await?;
            let read_timeout = self.settings.read_timeout;
            Ok(response.map(|incoming| streamed_response(incoming, read_timeout)))
        })
    }
}

/// rustls with the `ring` provider and the configured roots.
fn tls_config() -> Result<rustls::ClientConfig, TransportError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(TransportError::tls)?
        .with_root_certificates(root_store()?)
        .with_no_client_auth();
    Ok(config)
}

#[cfg(not(feature = "native-roots"))]
fn root_store() -> Result<rustls::RootCertStore, TransportError> {
    Ok(rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    })
}

#[cfg(feature = "native-roots")]
fn root_store() -> Result<rustls::RootCertStore, TransportError> {
    let found = rustls_native_certs::load_native_certs();
    let mut store = rustls::RootCertStore::empty();
    let (added, _ignored) = store.add_parsable_certificates(found.certs);
    if added == 0 {
        let problems: Vec<String> = found.errors.iter().map(ToString::to_string).collect();
        return Err(TransportError::tls(format!(
            "no usable root certificate in the system's store ({})",
            problems.join("; ")
        )));
    }
    Ok(store)
}

fn https_builder(
    tls: &rustls::ClientConfig,
) -> hyper_rustls::HttpsConnectorBuilder<hyper_rustls::builderstates::WantsProtocols1> {
    HttpsConnectorBuilder::new()
        .with_tls_config(tls.clone())
        .https_or_http()
}

#[cfg(not(feature = "http2"))]
fn wrap<C>(tls: &rustls::ClientConfig, connector: C) -> HttpsConnector<C> {
    https_builder(tls).enable_http1().wrap_connector(connector)
}

#[cfg(feature = "http2")]
fn wrap<C>(tls: &rustls::ClientConfig, connector: C) -> HttpsConnector<C> {
    https_builder(tls)
        .enable_all_versions()
        .wrap_connector(connector)
}

/// Opens connections: directly, through an HTTP CONNECT tunnel (HTTPS via a proxy) or to the
/// proxy itself (plain HTTP via a proxy), with TCP and TLS setup bounded together by the
/// connect timeout.
#[derive(Clone)]
struct Connector {
    http: HttpConnector,
    tls: Arc<rustls::ClientConfig>,
    proxy: ProxyConfig,
    connect_timeout: Option<Duration>,
}

type Stream = MaybeHttpsStream<TokioIo<tokio::net::TcpStream>>;

impl tower_service::Service<http::Uri> for Connector {
    type Response = Conn;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Conn, BoxError>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, destination: http::Uri) -> Self::Future {
        let this = self.clone();
        Box::pin(async move {
            let connect_timeout = this.connect_timeout;
            let connecting = this.connect(destination);
            match connect_timeout {
                None => connecting.await,
                Some(limit) => tokio::time::timeout(limit, connecting)
                    .await
                    .map_err(|_| Box::new(ConnectTimeout(limit)) as BoxError)?,
            }
        })
    }
}

impl Connector {
    async fn connect(self, destination: http::Uri) -> Result<Conn, BoxError> {
        let proxy = match self.proxy.route(&destination) {
            Route::Direct => None,
            Route::Proxy(proxy) => Some(proxy),
            Route::Unsupported => {
                return Err(
                    "the proxy configured for this destination is not an http:// \
                            proxy (https:// and SOCKS proxies are not supported)"
                        .into(),
                )
            }
        };
        let https = destination.scheme() == Some(&http::uri::Scheme::HTTPS);
        let (stream, proxied) = match proxy {
            None => {
                let mut direct = wrap(&self.tls, self.http);
                (
                    tower_service::Service::call(&mut direct, destination).await?,
                    false,
                )
            }
            Some(proxy) if https => {
                let mut tunnel = Tunnel::new(proxy.uri().clone(), self.http);
                if let Some(auth) = proxy.basic_auth() {
                    tunnel = tunnel.with_auth(auth.clone());
                }
                let mut tunnelled = wrap(&self.tls, tunnel);
                let stream = tower_service::Service::call(&mut tunnelled, destination)
                    .await
                    .map_err(|e| format!("could not open a tunnel through the proxy: {e}"))?;
                (stream, false)
            }
            Some(proxy) => {
                let mut plain = self.http;
                let tcp = tower_service::Service::call(&mut plain, proxy.uri().clone()).await?;
                (MaybeHttpsStream::Http(tcp), true)
            }
        };
        Ok(Conn { stream, proxied })
    }
}

/// A connection, marked when it leads to a proxy (hyper then writes absolute-form requests).
struct Conn {
    stream: Stream,
    proxied: bool,
}

impl Connection for Conn {
    fn connected(&self) -> Connected {
        self.stream.connected().proxy(self.proxied)
    }
}

impl Read for Conn {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl Write for Conn {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }
}

/// The connect timeout fired (TCP and TLS setup together).
#[derive(Debug)]
struct ConnectTimeout(Duration);

impl fmt::Display for ConnectTimeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no connection within the {:?} connect timeout (TCP and TLS)",
            self.0
        )
    }
}

impl StdError for ConnectTimeout {}

/// The error and its causes, as one line.
fn chain_text(error: &(dyn StdError + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

/// Every error in the chain, looking inside `io::Error`s too (their `source` skips the
/// wrapped error itself).
fn causes<'a>(error: &'a (dyn StdError + 'static)) -> Vec<&'a (dyn StdError + 'static)> {
    let mut found = Vec::new();
    let mut next = Some(error);
    while let Some(cause) = next {
        found.push(cause);
        next = match cause
            .downcast_ref::<io::Error>()
            .and_then(io::Error::get_ref)
        {
            Some(wrapped) => Some(wrapped as &(dyn StdError + 'static)),
            None => cause.source(),
        };
    }
    found
}

/// Sorts a hyper-util client failure into the kinds the retry policy understands.
fn classify(error: hyper_util::client::legacy::Error) -> TransportError {
    let text = chain_text(&error);
    let kind = kind_of(&error).unwrap_or(if error.is_connect() {
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Io
    });
    TransportError::new(kind, text)
}

/// A failure while reading a streamed response body.
pub(crate) fn classify_body(error: &hyper::Error) -> TransportError {
    classify_hyper(error, error.to_string())
}

fn classify_hyper(error: &hyper::Error, text: String) -> TransportError {
    TransportError::new(kind_of(error).unwrap_or(TransportErrorKind::Io), text)
}

fn kind_of(error: &(dyn StdError + 'static)) -> Option<TransportErrorKind> {
    let causes = causes(error);
    if causes.iter().any(|c| c.is::<rustls::Error>()) {
        return Some(TransportErrorKind::Tls);
    }
    if causes.iter().any(|c| c.is::<ConnectTimeout>()) {
        return Some(TransportErrorKind::Timeout);
    }
    causes.iter().find_map(|cause| {
        let hyper = cause.downcast_ref::<hyper::Error>()?;
        if hyper.is_parse() || hyper.is_parse_status() {
            Some(TransportErrorKind::Protocol)
        } else if hyper.is_timeout() {
            Some(TransportErrorKind::Timeout)
        } else {
            None
        }
    })
}
