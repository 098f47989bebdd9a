//! The default [`HttpTransport`]: reqwest with rustls (feature `reqwest`, on by default).

use std::time::Duration;

use super::transport::{HttpFuture, HttpTransport, TransportError};

/// Sends requests with a [`reqwest::Client`] over rustls (web PKI roots compiled in).
///
/// Redirects are not followed (AWS services do not redirect API calls, and a redirect must not
/// carry a signature to another host), and nothing is retried here: the client owns retries.
/// Cloning is cheap and shares the connection pool.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport with its own connection pool; `connect_timeout` bounds each new connection
    /// (DNS, TCP and TLS).
    pub fn new(connect_timeout: Option<Duration>) -> Result<ReqwestTransport, TransportError> {
        let mut builder = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none());
        if let Some(timeout) = connect_timeout {
            builder = builder.connect_timeout(timeout);
        }
        let client = builder.build().map_err(TransportError::other)?;
        Ok(ReqwestTransport { client })
    }

    /// Wraps a client the application configured itself (proxies, pool sizes, extra roots).
    pub fn from_client(client: reqwest::Client) -> ReqwestTransport {
        ReqwestTransport { client }
    }
}

/// Sorts a reqwest failure into the kinds the retry policy understands.
fn classify(error: reqwest::Error) -> TransportError {
    if error.is_timeout() {
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
        Box::pin(async move {
            let request = reqwest::Request::try_from(request).map_err(TransportError::other)?;
            let response = self.client.execute(request).await.map_err(classify)?;
            let status = response.status();
            let version = response.version();
            let headers = response.headers().clone();
            let body = response.bytes().await.map_err(classify)?;
            let mut out = http::Response::new(body.to_vec());
            *out.status_mut() = status;
            *out.version_mut() = version;
            *out.headers_mut() = headers;
            Ok(out)
        })
    }
}
