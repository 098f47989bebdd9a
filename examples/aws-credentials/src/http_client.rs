//! aws-config's own network providers (IMDS, ECS, SSO, web identity through STS) need an HTTP
//! client. Instead of the one aws-config can bring (which builds aws-lc), this hands them the
//! transport of the generated client: the same hyper + rustls/ring stack, with the same
//! policy (no redirects, no implicit proxies, bounded reads).

use std::sync::Arc;

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use smithy_runtime::client::HttpTransport;

/// An aws-config HTTP client over a generated client's [`HttpTransport`].
#[derive(Clone)]
pub struct TransportHttpClient {
    transport: Arc<dyn HttpTransport>,
}

impl std::fmt::Debug for TransportHttpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransportHttpClient")
            .finish_non_exhaustive()
    }
}

impl TransportHttpClient {
    /// Sends aws-config's requests through `transport`, e.g.
    /// `Config::builder().build()?.http_transport().clone()`.
    pub fn new(transport: Arc<dyn HttpTransport>) -> TransportHttpClient {
        TransportHttpClient { transport }
    }
}

impl HttpClient for TransportHttpClient {
    fn http_connector(
        &self,
        _settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

impl HttpConnector for TransportHttpClient {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let transport = Arc::clone(&self.transport);
        HttpConnectorFuture::new(async move {
            let request = request
                .try_into_http1x()
                .map_err(|e| ConnectorError::other(e.into(), None))?;
            let (parts, body) = request.into_parts();
            // Credential endpoints send small in-memory bodies; a streaming one is refused.
            let bytes = body
                .bytes()
                .ok_or_else(|| ConnectorError::other("a streaming request body".into(), None))?
                .to_vec();
            let response = transport
                .send(http::Request::from_parts(parts, bytes))
                .await
                .map_err(|e| ConnectorError::io(e.into()))?;
            HttpResponse::try_from(response.map(SdkBody::from))
                .map_err(|e| ConnectorError::other(e.into(), None))
        })
    }
}
