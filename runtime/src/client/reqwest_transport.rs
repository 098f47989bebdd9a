//! An opt-in [`HttpTransport`] on reqwest with rustls (feature `reqwest`), for applications
//! that already build reqwest. It keeps the transport policy of [`HttpTransport`]: redirects
//! are never followed, reqwest's own reading of the `*_PROXY` variables is switched off (use
//! [`ProxyConfig`], including its explicit [`from_env`](ProxyConfig::from_env)), and bodies
//! are read within the size limit and read timeout.

use std::time::Duration;

use super::proxy::{ProxyConfig, Route};
use super::response_body::BodyCollector;
use super::transport::{HttpFuture, HttpTransport, TransportError};

/// What a [`ReqwestTransport`] is built from.
#[derive(Debug, Clone)]
pub struct ReqwestSettings {
    /// Bounds TCP and TLS setup of each new connection.
    pub connect_timeout: Option<Duration>,
    /// Bounds the wait for the response head and each part of the body (see
    /// [`DEFAULT_READ_TIMEOUT`](super::DEFAULT_READ_TIMEOUT)).
    pub read_timeout: Option<Duration>,
    /// The largest body read, in bytes.
    pub max_body_size: usize,
    /// Which requests go through a proxy. Proxy credentials in the URL are not sent by this
    /// adapter; use the default transport for a proxy that needs them.
    pub proxy: ProxyConfig,
}

impl Default for ReqwestSettings {
    fn default() -> ReqwestSettings {
        ReqwestSettings {
            connect_timeout: Some(super::DEFAULT_CONNECT_TIMEOUT),
            read_timeout: Some(super::DEFAULT_READ_TIMEOUT),
            max_body_size: super::DEFAULT_MAX_RESPONSE_BODY_SIZE,
            proxy: ProxyConfig::none(),
        }
    }
}

/// Sends requests with a [`reqwest::Client`]. Cloning is cheap and shares the pool.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    read_timeout: Option<Duration>,
    max_body_size: usize,
}

impl ReqwestTransport {
    /// A transport with its own connection pool and rustls's web PKI roots.
    pub fn with_settings(settings: ReqwestSettings) -> Result<ReqwestTransport, TransportError> {
        ReqwestTransport::from_builder(reqwest::Client::builder(), settings)
    }

    /// A transport from a builder the application configured (pool sizes, extra roots, …).
    /// The policy is applied on top, whatever the builder said: redirects off, reqwest's
    /// proxies (explicit and from the environment) replaced by `settings.proxy`, the connect
    /// timeout set when one is given.
    pub fn from_builder(
        builder: reqwest::ClientBuilder,
        settings: ReqwestSettings,
    ) -> Result<ReqwestTransport, TransportError> {
        let mut builder = builder
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy();
        if let Some(timeout) = settings.connect_timeout {
            builder = builder.connect_timeout(timeout);
        }
        if let Some(timeout) = settings.read_timeout {
            builder = builder.read_timeout(timeout);
        }
        if settings.proxy.is_enabled() {
            let proxy = settings.proxy.clone();
            builder = builder.proxy(reqwest::Proxy::custom(move |url| {
                let uri: http::Uri = url.as_str().parse().ok()?;
                match proxy.route(&uri) {
                    Route::Proxy(intercept) => Some(intercept.uri().to_string()),
                    // Refuse rather than bypass a proxy of an unsupported kind.
                    Route::Unsupported => Some("unsupported-proxy-scheme://invalid".to_owned()),
                    Route::Direct => None,
                }
            }));
        }
        let client = builder.build().map_err(TransportError::other)?;
        Ok(ReqwestTransport {
            client,
            read_timeout: settings.read_timeout,
            max_body_size: settings.max_body_size,
        })
    }

    async fn exchange(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let request = reqwest::Request::try_from(request).map_err(TransportError::other)?;
        let mut response = self.client.execute(request).await.map_err(classify)?;
        let mut body = BodyCollector::new(
            self.max_body_size,
            self.read_timeout,
            response.content_length(),
        )?;
        loop {
            let chunk = match body.next_wait() {
                None => response.chunk().await,
                Some(wait) => tokio::time::timeout(wait, response.chunk())
                    .await
                    .map_err(|_| body.stalled())?,
            };
            match chunk.map_err(classify)? {
                Some(chunk) => body.push(&chunk)?,
                None => break,
            }
        }
        let mut out = http::Response::new(Vec::new());
        *out.status_mut() = response.status();
        *out.version_mut() = response.version();
        *out.headers_mut() = std::mem::take(response.headers_mut());
        *out.body_mut() = body.finish();
        Ok(out)
    }
}

/// Sorts a reqwest failure into the kinds the retry policy understands. The URL reqwest
/// attaches to its errors is removed: it may carry user-info.
fn classify(error: reqwest::Error) -> TransportError {
    let tls = std::iter::successors(Some(&error as &(dyn std::error::Error + 'static)), |e| {
        e.source()
    })
    .any(|e| e.to_string().contains("certificate") || e.is::<rustls::Error>());
    let error = error.without_url();
    if tls {
        TransportError::tls(error)
    } else if error.is_timeout() {
        TransportError::timeout(error)
    } else if error.is_connect() {
        TransportError::connect(error)
    } else if error.is_request() || error.is_body() || error.is_decode() {
        TransportError::io(error)
    } else {
        TransportError::other(error)
    }
}

impl HttpTransport for ReqwestTransport {
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture<'_> {
        Box::pin(self.exchange(request))
    }
}
