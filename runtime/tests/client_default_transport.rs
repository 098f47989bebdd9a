//! The default (hyper) transport against a one-shot HTTP server on loopback, and its
//! classification of a refused connection. Only 127.0.0.1 is ever contacted.
#![cfg(feature = "hyper")]

mod client_support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::thread;
use std::time::Duration;

use client_support::*;
use smithy_runtime::client::{Client, Config, RetryConfig, TransportError, TransportErrorKind};
use smithy_runtime::error::{ProvideResponseMetadata, SdkError};

/// Serves one canned response to one connection; returns the port and the raw request seen.
fn one_shot_server(body: &'static str) -> (u16, thread::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut seen = Vec::new();
        let mut chunk = [0u8; 4096];
        // Read the head, then as many body bytes as content-length announces.
        loop {
            let n = stream.read(&mut chunk).unwrap();
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&chunk[..n]);
            let text = String::from_utf8_lossy(&seen).to_string();
            if let Some(end) = text.find("\r\n\r\n") {
                let length = text[..end]
                    .lines()
                    .find_map(|line| {
                        let (name, value) = line.split_once(':')?;
                        name.eq_ignore_ascii_case("content-length")
                            .then(|| value.trim().parse::<usize>().ok())?
                    })
                    .unwrap_or(0);
                if seen.len() >= end + 4 + length {
                    break;
                }
            }
        }
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.1\r\n\
             x-amzn-requestid: loopback-1\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{}",
            body.len(),
            body
        );
        stream.write_all(response.as_bytes()).unwrap();
        String::from_utf8_lossy(&seen).to_string()
    });
    (port, handle)
}

#[tokio::test]
async fn default_transport_talks_http_over_loopback() {
    let (port, server) = one_shot_server(r#"{"Greeting":"hello over tcp"}"#);
    let config = Config::builder()
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .call_timeout(Duration::from_secs(10))
        .build()
        .unwrap();

    let output = Client::new(config)
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .unwrap();
    assert_eq!(output.greeting, "hello over tcp");
    assert_eq!(output.response_metadata().request_id(), Some("loopback-1"));
    assert_eq!(output.response_metadata().http_status(), Some(200));

    let request = server.join().unwrap();
    assert!(request.starts_with("POST / HTTP/1.1\r\n"), "{request}");
    assert!(
        request
            .to_ascii_lowercase()
            .contains("x-amz-target: fakeservice.echo"),
        "{request}"
    );
    assert!(request.contains(SECRET_TOKEN), "the body went out");
}

#[tokio::test]
async fn refused_connection_is_a_retried_connect_error() {
    // A port that was free a moment ago: nothing listens there any more.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = Config::builder()
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .retry(RetryConfig::standard().with_max_backoff(Duration::from_millis(5)))
        .call_timeout(Duration::from_secs(10))
        .build()
        .unwrap();

    let error = Client::new(config)
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .unwrap_err();
    match &error {
        SdkError::Dispatch(source) => {
            let transport = source.downcast_ref::<TransportError>().unwrap();
            assert_eq!(transport.kind(), TransportErrorKind::Connect, "{transport}");
        }
        other => panic!("expected a dispatch error, got {other:?}"),
    }
}
