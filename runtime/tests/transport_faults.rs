//! Network faults from a TCP server this test runs on 127.0.0.1, through the default
//! (hyper) transport and the whole client pipeline (retries, timeouts, deserialize).
//!
//! Each fault ends in the typed error `SdkError` documents for it: a refused connection
//! or a connection that breaks mid-body is `Dispatch` (a `TransportError` of kind
//! `Connect` or `Io`), a body slower than the attempt timeout is `Timeout`, a 500 followed
//! by a 200 succeeds on the retry, a 429 that never stops is the modelled throttling
//! error once the attempts are used up, truncated JSON on a 200 is `Response`, and an HTML
//! error page on a 502 is an unhandled service error that keeps its status. Every call
//! runs under a hard deadline, backoff is a few milliseconds, and the server stops by
//! itself, so a regression fails fast instead of hanging.
#![cfg(feature = "hyper")]

mod client_support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use client_support::*;
use smithy_runtime::client::{
    Client, Config, RetryConfig, TimeoutError, TimeoutKind, TransportError, TransportErrorKind,
};
use smithy_runtime::error::{ProvideErrorMetadata, ProvideResponseMetadata, SdkError};

/// The longest any one call in this file may take before the test calls it a hang.
const HARD_DEADLINE: Duration = Duration::from_secs(10);
/// How long the server waits for a connection the script expects before giving up.
const ACCEPT_PATIENCE: Duration = Duration::from_secs(5);

/// What the server does with one connection.
#[derive(Clone)]
enum Step {
    /// Reads the request and sends a complete response, then closes.
    Respond {
        status: u16,
        content_type: &'static str,
        body: String,
    },
    /// Reads the request head only, sends the response head announcing 1,000 body bytes
    /// and 10 of them, then drops the socket with the request body unread, which makes
    /// the kernel send a reset.
    ResetMidBody,
    /// Reads the request, sends the head and a few body bytes, then trickles nothing
    /// until the client goes away (or two seconds pass).
    StallBody,
}

fn json_response(status: u16, body: &str) -> Step {
    Step::Respond {
        status,
        content_type: "application/x-amz-json-1.1",
        body: body.to_owned(),
    }
}

/// Serves `script`, one connection per step, on a fresh loopback port. The handle yields
/// how many connections were served.
fn serve(script: Vec<Step>) -> (u16, thread::JoinHandle<usize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    let handle = thread::spawn(move || {
        let mut served = 0;
        for step in script {
            let Some(stream) = accept_within(&listener, ACCEPT_PATIENCE) else {
                break;
            };
            served += 1;
            handle_connection(stream, step);
        }
        served
    });
    (port, handle)
}

fn accept_within(listener: &TcpListener, patience: Duration) -> Option<TcpStream> {
    let deadline = Instant::now() + patience;
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                stream.set_nonblocking(false).ok()?;
                return Some(stream);
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                if Instant::now() >= deadline {
                    return None;
                }
                thread::sleep(Duration::from_millis(2));
            }
            Err(_) => return None,
        }
    }
}

/// Reads the request head; returns the announced body length.
fn read_head(stream: &mut TcpStream) -> usize {
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    while !seen.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => seen.push(byte[0]),
            _ => return 0,
        }
    }
    String::from_utf8_lossy(&seen)
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0)
}

fn read_request(stream: &mut TcpStream) {
    let length = read_head(stream);
    let mut body = vec![0u8; length];
    let _ = stream.read_exact(&mut body);
}

fn handle_connection(mut stream: TcpStream, step: Step) {
    stream
        .set_read_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    match step {
        Step::Respond {
            status,
            content_type,
            body,
        } => {
            read_request(&mut stream);
            let head = format!(
                "HTTP/1.1 {status} Whatever\r\ncontent-type: {content_type}\r\n\
                 x-amzn-requestid: fault-{status}\r\ncontent-length: {}\r\n\
                 connection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
        Step::ResetMidBody => {
            read_head(&mut stream);
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.1\r\n\
                  content-length: 1000\r\nconnection: close\r\n\r\n{\"Greeting",
            );
            let _ = stream.flush();
            thread::sleep(Duration::from_millis(50));
            // Dropped with the request body unread: Linux answers with RST, not FIN.
        }
        Step::StallBody => {
            read_request(&mut stream);
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.1\r\n\
                  content-length: 1000\r\nconnection: close\r\n\r\n{\"Gree",
            );
            let _ = stream.flush();
            // Wait for the client to give up (the read sees EOF or an error) or 2 s.
            let mut rest = [0u8; 64];
            let _ = stream.read(&mut rest);
        }
    }
}

/// Fast retries: `attempts` in all, 1–5 ms apart.
fn retry(attempts: u32) -> RetryConfig {
    RetryConfig::standard()
        .with_max_attempts(attempts)
        .with_initial_backoff(Duration::from_millis(1))
        .with_max_backoff(Duration::from_millis(5))
}

fn client(port: u16, attempts: u32) -> Client {
    let config = Config::builder()
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .retry(retry(attempts))
        .connect_timeout(Duration::from_secs(2))
        .attempt_timeout(Duration::from_secs(3))
        .build()
        .expect("a valid config");
    Client::new(config)
}

/// Calls `Echo` under the hard deadline; returns the result and how long it took.
async fn call(client: &Client) -> (Result<EchoOutput, SdkError<EchoError>>, Duration) {
    let started = Instant::now();
    let result = tokio::time::timeout(HARD_DEADLINE, client.call::<Echo>(EchoInput::new("ada")))
        .await
        .expect("the call hung past the hard deadline");
    (result, started.elapsed())
}

fn transport_kind(error: &SdkError<EchoError>) -> Option<TransportErrorKind> {
    match error {
        SdkError::Dispatch(source) => source.downcast_ref::<TransportError>().map(|e| e.kind()),
        _ => None,
    }
}

#[tokio::test]
async fn connection_refused_is_a_connect_dispatch_error_after_every_attempt() {
    // A port that was just ours and is now closed: connecting is refused at once.
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let (result, took) = call(&client(port, 3)).await;
    let error = result.expect_err("nobody listens");
    assert_eq!(
        transport_kind(&error),
        Some(TransportErrorKind::Connect),
        "{error:?}"
    );
    assert!(
        error.to_string().starts_with("could not send the request"),
        "{error}"
    );
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

#[tokio::test]
async fn a_reset_mid_body_is_an_io_dispatch_error_and_is_retried() {
    let (port, server) = serve(vec![Step::ResetMidBody, Step::ResetMidBody]);
    let (result, took) = call(&client(port, 2)).await;
    let error = result.expect_err("the body never completes");
    assert_eq!(
        transport_kind(&error),
        Some(TransportErrorKind::Io),
        "{error:?}"
    );
    assert_eq!(server.join().unwrap(), 2, "a broken connection is retried");
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

#[tokio::test]
async fn a_reset_then_a_good_answer_succeeds_on_the_retry() {
    let (port, server) = serve(vec![
        Step::ResetMidBody,
        json_response(200, r#"{"Greeting":"second time lucky"}"#),
    ]);
    let (result, _) = call(&client(port, 3)).await;
    let output = result.expect("the retry succeeds");
    assert_eq!(output.greeting, "second time lucky");
    assert_eq!(output.response_metadata().attempts(), 2);
    assert_eq!(server.join().unwrap(), 2);
}

#[tokio::test]
async fn a_body_slower_than_the_attempt_timeout_is_a_timeout() {
    let (port, server) = serve(vec![Step::StallBody, Step::StallBody]);
    let config = Config::builder()
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .retry(retry(2))
        .attempt_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let (result, took) = call(&Client::new(config)).await;
    let error = result.expect_err("the body never arrives");
    match &error {
        SdkError::Timeout(source) => {
            let timeout = source
                .downcast_ref::<TimeoutError>()
                .expect("the client's own timeout");
            assert_eq!(timeout.kind(), TimeoutKind::Attempt);
            assert_eq!(timeout.limit(), Some(Duration::from_millis(300)));
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert_eq!(server.join().unwrap(), 2, "a timed-out attempt is retried");
    // Two attempts of 300 ms plus a few ms of backoff; generous for a loaded machine.
    assert!(took >= Duration::from_millis(600), "took {took:?}");
    assert!(took < Duration::from_secs(4), "took {took:?}");
}

#[tokio::test]
async fn a_call_timeout_bounds_the_whole_call() {
    // The attempt timeout (5 s) is far off; the call deadline (400 ms) ends the call
    // during its first attempt.
    let (port, server) = serve(vec![Step::StallBody]);
    let config = Config::builder()
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .retry(retry(3))
        .attempt_timeout(Duration::from_secs(5))
        .call_timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    let (result, took) = call(&Client::new(config)).await;
    match result.expect_err("the body never arrives") {
        SdkError::Timeout(source) => {
            let timeout = source.downcast_ref::<TimeoutError>().expect("typed");
            assert_eq!(timeout.kind(), TimeoutKind::Call);
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(took < Duration::from_secs(3), "took {took:?}");
    assert_eq!(
        server.join().unwrap(),
        1,
        "the call gave up during its only attempt"
    );
}

#[tokio::test]
async fn a_500_then_a_200_succeeds_on_the_retry() {
    let (port, server) = serve(vec![
        json_response(
            500,
            r#"{"__type":"InternalErrorException","message":"try again"}"#,
        ),
        json_response(200, r#"{"Greeting":"hello"}"#),
    ]);
    let (result, took) = call(&client(port, 3)).await;
    let output = result.expect("the retry succeeds");
    assert_eq!(output.greeting, "hello");
    assert_eq!(output.response_metadata().attempts(), 2);
    assert_eq!(output.response_metadata().http_status(), Some(200));
    assert_eq!(server.join().unwrap(), 2);
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

#[tokio::test]
async fn a_429_until_the_attempts_run_out_is_the_throttling_error() {
    let throttled = json_response(
        429,
        r#"{"__type":"TooManyRequestsException","message":"slow down"}"#,
    );
    let (port, server) = serve(vec![throttled.clone(), throttled.clone(), throttled]);
    let (result, took) = call(&client(port, 3)).await;
    let error = result.expect_err("always throttled");
    match error.as_service_error() {
        Some(EchoError::TooManyRequests(meta)) => {
            assert_eq!(meta.http_status(), Some(429));
            assert_eq!(meta.attempts(), 3);
            assert_eq!(meta.request_id(), Some("fault-429"));
        }
        other => panic!("expected the throttling error, got {other:?}"),
    }
    assert_eq!(
        error.as_service_error().unwrap().code(),
        Some("TooManyRequestsException")
    );
    assert_eq!(server.join().unwrap(), 3);
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

#[tokio::test]
async fn truncated_json_on_a_200_is_a_response_error_and_not_retried() {
    let (port, server) = serve(vec![json_response(200, r#"{"Greeting":"hel"#)]);
    let (result, _) = call(&client(port, 3)).await;
    match result.expect_err("the body is cut short") {
        SdkError::Response(error) => {
            assert_eq!(error.http_status(), 200);
            assert_eq!(error.request_id(), Some("fault-200"));
            let message = error.deserialize_error().message();
            assert!(message.contains("not valid JSON"), "{message}");
            assert!(message.contains("end of input"), "{message}");
        }
        other => panic!("expected a response error, got {other:?}"),
    }
    assert_eq!(server.join().unwrap(), 1, "a 200 is never retried");
}

#[tokio::test]
async fn an_html_error_page_is_an_unhandled_error_that_keeps_its_status() {
    let page = Step::Respond {
        status: 502,
        content_type: "text/html",
        body: "<html><body><h1>502 Bad Gateway</h1></body></html>".to_owned(),
    };
    let (port, server) = serve(vec![page.clone(), page]);
    let (result, took) = call(&client(port, 2)).await;
    let error = result.expect_err("a gateway error");
    match error.as_service_error() {
        Some(EchoError::Unhandled(unhandled)) => {
            assert_eq!(unhandled.http_status(), Some(502));
            assert_eq!(unhandled.code(), None);
            assert_eq!(unhandled.request_id(), Some("fault-502"));
            assert_eq!(unhandled.meta().attempts(), 2, "a 502 is retried");
        }
        other => panic!("expected an unhandled service error, got {other:?}"),
    }
    assert_eq!(server.join().unwrap(), 2);
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

#[tokio::test]
async fn an_html_page_on_a_200_is_a_response_error() {
    let (port, server) = serve(vec![Step::Respond {
        status: 200,
        content_type: "text/html",
        body: "<!doctype html><title>captive portal</title>".to_owned(),
    }]);
    let (result, _) = call(&client(port, 3)).await;
    match result.expect_err("not JSON") {
        SdkError::Response(error) => {
            assert_eq!(error.http_status(), 200);
            assert!(
                error
                    .deserialize_error()
                    .message()
                    .contains("not valid JSON"),
                "{error}"
            );
        }
        other => panic!("expected a response error, got {other:?}"),
    }
    assert_eq!(server.join().unwrap(), 1);
}
