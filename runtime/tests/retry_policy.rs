//! The standard retry mode against servers this test runs on 127.0.0.1 (issue 10, findings
//! 8–10): every kind of failure carries its attempt count; a TLS certificate failure and a
//! made-up status such as 999 are not retried while a real 503 is; `Retry-After` sets the
//! wait before the next attempt, capped at the backoff ceiling.
#![cfg(feature = "hyper")]

mod client_support;
mod loopback;

use std::io::Write;
use std::net::TcpListener;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use client_support::*;
use loopback::{answer, Handler, Server};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use smithy_runtime::client::{
    Client, Config, RetryConfig, TimeoutError, TransportError, TransportErrorKind,
};
use smithy_runtime::error::{ProvideErrorMetadata, ProvideResponseMetadata, SdkError};

/// Any call here that takes longer is a hang.
const HARD_DEADLINE: Duration = Duration::from_secs(30);

fn client(url: &str, retry: RetryConfig) -> Client {
    let config = Config::builder()
        .endpoint_url(url)
        .retry(retry)
        .connect_timeout(Duration::from_secs(2))
        .read_timeout(Duration::from_secs(2))
        .build()
        .expect("a valid config");
    Client::new(config)
}

/// Three attempts, 1–5 ms apart unless the server says otherwise.
fn fast_retries() -> RetryConfig {
    RetryConfig::standard()
        .with_max_attempts(3)
        .with_initial_backoff(Duration::from_millis(1))
        .with_max_backoff(Duration::from_millis(5))
}

async fn call(client: &Client) -> Result<EchoOutput, SdkError<EchoError>> {
    tokio::time::timeout(HARD_DEADLINE, client.call::<Echo>(EchoInput::new("ada")))
        .await
        .expect("the call hung")
}

fn transport_error(error: &SdkError<EchoError>) -> &TransportError {
    match error {
        SdkError::Dispatch(source) => source
            .downcast_ref::<TransportError>()
            .expect("a TransportError inside Dispatch"),
        other => panic!("expected a dispatch error, got {other:?}"),
    }
}

/// A port nobody listens on: bound, then released.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("address").port()
}

#[tokio::test]
async fn every_kind_of_failure_carries_its_attempt_count() {
    // Dispatch: nothing listens.
    let refused = client(
        &format!("http://127.0.0.1:{}", closed_port()),
        fast_retries(),
    );
    let error = call(&refused).await.expect_err("refused");
    assert_eq!(transport_error(&error).kind(), TransportErrorKind::Connect);
    assert_eq!(transport_error(&error).attempts(), 3);
    assert_eq!(error.attempts(), Some(3));

    // Response: a 503 whose body is not JSON, three times.
    let html = || answer(503, "", "<html>down</html>");
    let server = Server::start(vec![html(), html(), html()]);
    let error = call(&client(&server.url(), fast_retries()))
        .await
        .expect_err("unreadable 503s");
    assert_eq!(server.finish().len(), 3);
    assert!(
        matches!(&error, SdkError::Service(_) | SdkError::Response(_)),
        "{error:?}"
    );
    assert_eq!(error.attempts(), Some(3));

    // Timeout: a server that never answers, attempt timeout 200 ms.
    let silent = || -> Handler { Box::new(|_, _| thread::sleep(Duration::from_millis(600))) };
    let server = Server::start(vec![silent(), silent(), silent()]);
    let config = Config::builder()
        .endpoint_url(server.url())
        .retry(fast_retries())
        .attempt_timeout(Duration::from_millis(200))
        .build()
        .expect("config");
    let error = call(&Client::new(config)).await.expect_err("timed out");
    let SdkError::Timeout(source) = &error else {
        panic!("expected a timeout, got {error:?}");
    };
    assert_eq!(
        source
            .downcast_ref::<TimeoutError>()
            .map(TimeoutError::attempts),
        Some(3)
    );
    assert_eq!(error.attempts(), Some(3));
    server.finish();

    // Service error: a throttling code on every attempt.
    let throttled = || {
        answer(
            400,
            "",
            r#"{"__type":"ThrottlingException","message":"slow"}"#,
        )
    };
    let server = Server::start(vec![throttled(), throttled(), throttled()]);
    let error = call(&client(&server.url(), fast_retries()))
        .await
        .expect_err("throttled");
    assert_eq!(error.attempts(), Some(3));
    assert_eq!(
        error.as_service_error().map(|e| e.meta().attempts()),
        Some(3)
    );
    server.finish();

    // Nothing sent: validation.
    let error = refused
        .call::<Echo>(EchoInput::new("a name far too long"))
        .await
        .expect_err("invalid");
    assert_eq!(error.attempts(), None);
    println!("attempt counts: dispatch 3, response 3, timeout 3, service 3, validation none");
}

#[tokio::test]
async fn a_made_up_status_is_not_retried_but_a_real_503_is() {
    let server = Server::start(vec![answer(999, "", "{}"), answer(200, "", "{}")]);
    let error = call(&client(&server.url(), fast_retries()))
        .await
        .expect_err("999 is an error");
    assert_eq!(error.attempts(), Some(1), "{error:?}");
    // The server waits for a second connection that must never come.
    assert_eq!(server.finish().len(), 1);

    let server = Server::start(vec![
        answer(503, "", r#"{"__type":"ServiceUnavailable"}"#),
        answer(200, "", r#"{"Greeting":"hi"}"#),
    ]);
    let output = call(&client(&server.url(), fast_retries()))
        .await
        .expect("retried after the 503");
    assert_eq!(output.response_metadata().attempts(), 2);
    assert_eq!(server.finish().len(), 2);
}

/// A TLS server with a self-signed certificate: the client's handshake fails its certificate
/// check. Counts the handshakes it saw.
fn untrusted_tls_server() -> (u16, thread::JoinHandle<usize>) {
    let certs = vec![
        CertificateDer::from_pem_slice(include_bytes!("data/self-signed-cert.pem"))
            .expect("the test certificate"),
    ];
    let key = PrivateKeyDer::from_pem_slice(include_bytes!("data/self-signed-key.pem"))
        .expect("the test key");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("protocol versions")
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .expect("a server config"),
    );
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    listener.set_nonblocking(true).expect("non-blocking");
    let handle = thread::spawn(move || {
        let mut handshakes = 0;
        let deadline = Instant::now() + Duration::from_secs(3);
        // Up to three connections; the test expects exactly one.
        while Instant::now() < deadline && handshakes < 3 {
            match listener.accept() {
                Ok((mut tcp, _)) => {
                    handshakes += 1;
                    tcp.set_nonblocking(false).expect("blocking");
                    tcp.set_read_timeout(Some(Duration::from_secs(2)))
                        .expect("timeout");
                    let mut tls = rustls::ServerConnection::new(Arc::clone(&config)).expect("tls");
                    // Runs until the client aborts the handshake.
                    while tls.is_handshaking() {
                        if tls.complete_io(&mut tcp).is_err() {
                            break;
                        }
                    }
                    let _ = tcp.flush();
                }
                Err(_) => thread::sleep(Duration::from_millis(5)),
            }
        }
        handshakes
    });
    (port, handle)
}

#[tokio::test]
async fn a_certificate_failure_is_a_tls_error_and_not_retried() {
    let (port, server) = untrusted_tls_server();
    let error = call(&client(
        &format!("https://127.0.0.1:{port}"),
        fast_retries(),
    ))
    .await
    .expect_err("the certificate is not trusted");
    let transport = transport_error(&error);
    assert_eq!(transport.kind(), TransportErrorKind::Tls, "{transport}");
    assert!(!transport.is_retryable());
    assert!(transport.to_string().contains("certificate"), "{transport}");
    assert_eq!(error.attempts(), Some(1));
    assert_eq!(
        server.join().expect("server"),
        1,
        "the handshake was retried"
    );
    println!("TLS failure: {error}");
}

#[tokio::test]
async fn retry_after_sets_the_wait_up_to_the_backoff_ceiling() {
    // The server asks for 1 s; the jittered backoff alone would be at most 5 ms.
    let retry = fast_retries().with_max_backoff(Duration::from_secs(5));
    let server = Server::start(vec![
        answer(
            503,
            "retry-after: 1\r\n",
            r#"{"__type":"ServiceUnavailable"}"#,
        ),
        answer(200, "", r#"{"Greeting":"hi"}"#),
    ]);
    let output = call(&client(&server.url(), retry)).await.expect("retried");
    assert_eq!(output.response_metadata().attempts(), 2);
    let seen = server.finish();
    let gap = seen[1].arrived - seen[0].arrived;
    assert!(gap >= Duration::from_millis(950), "waited only {gap:?}");

    // The server asks for an hour; the 300 ms ceiling wins.
    let retry = fast_retries().with_max_backoff(Duration::from_millis(300));
    let server = Server::start(vec![
        answer(
            429,
            "retry-after: 3600\r\n",
            r#"{"__type":"ThrottlingException"}"#,
        ),
        answer(200, "", r#"{"Greeting":"hi"}"#),
    ]);
    let output = call(&client(&server.url(), retry)).await.expect("retried");
    assert_eq!(output.response_metadata().attempts(), 2);
    let seen = server.finish();
    let gap = seen[1].arrived - seen[0].arrived;
    assert!(gap >= Duration::from_millis(280), "waited only {gap:?}");
    assert!(
        gap < Duration::from_secs(20),
        "the ceiling was ignored: {gap:?}"
    );
    println!("Retry-After: 1 s honoured; 3600 s capped at 300 ms (waited {gap:?})");
}
