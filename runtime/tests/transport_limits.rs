//! Bounded responses and bounded time, against servers this test runs on 127.0.0.1 (issue 10,
//! findings 5 and 6): an endless chunked body and a body announcing 2 GiB end with an error
//! naming the limit while the memory allocated stays near the limit; an honest 16 MiB body is
//! held once; a server that trickles its head, or its body, is cut off by the read timeout.
//!
//! A counting global allocator measures the peak bytes allocated by the whole test process
//! during each call (the server threads write from small buffers); tests in this binary hold
//! one lock so their measurements do not overlap.
#![cfg(feature = "hyper")]

mod client_support;
mod counting_alloc;
mod loopback;

use std::io::Write;
use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

use client_support::*;
use counting_alloc::{peak_during, SERIAL};
use loopback::{Handler, Server};
use smithy_runtime::client::{
    Client, Config, RetryConfig, TimeoutError, TransportError, TransportErrorKind,
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BODY_SIZE, DEFAULT_READ_TIMEOUT,
};
use smithy_runtime::error::SdkError;

const MIB: usize = 1024 * 1024;

/// Writes `head`, then `chunk` repeatedly until the client goes away or `cap` bytes are out;
/// returns how many body bytes were written.
fn stream_body(stream: &mut TcpStream, head: &[u8], chunk: &[u8], cap: usize) -> usize {
    let _ = stream.write_all(head);
    let mut sent = 0;
    while sent < cap {
        if stream.write_all(chunk).is_err() {
            break;
        }
        sent += chunk.len();
    }
    sent
}

fn limited_client(url: &str, limit: usize) -> Client {
    let config = Config::builder()
        .endpoint_url(url)
        .retry(RetryConfig::disabled())
        .max_response_body_size(limit)
        .read_timeout(Duration::from_secs(5))
        .build()
        .expect("a valid config");
    Client::new(config)
}

fn too_large(error: &SdkError<EchoError>) -> &TransportError {
    let SdkError::Dispatch(source) = error else {
        panic!("expected a dispatch error, got {error:?}");
    };
    let transport = source
        .downcast_ref::<TransportError>()
        .expect("a TransportError");
    assert_eq!(
        transport.kind(),
        TransportErrorKind::BodyTooLarge,
        "{transport}"
    );
    transport
}

// Multi-threaded: the connection task must run (and close the socket) while this thread
// blocks on the server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_chunked_body_stops_at_the_limit() {
    let _serial = SERIAL.lock().await;
    let (sent_tx, sent_rx) = std::sync::mpsc::channel();
    let endless: Handler = Box::new(move |stream, _| {
        // 16 KiB chunks in chunked encoding, up to 1 GiB.
        let mut chunk = format!("{:x}\r\n", 16 * 1024).into_bytes();
        chunk.extend(std::iter::repeat_n(b' ', 16 * 1024));
        chunk.extend_from_slice(b"\r\n");
        let head = b"HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.1\r\n\
                     transfer-encoding: chunked\r\n\r\n";
        let _ = sent_tx.send(stream_body(stream, head, &chunk, 1 << 30));
    });
    let server = Server::start(vec![endless]);
    let client = limited_client(&server.url(), MIB);
    let (result, peak) = peak_during(client.call::<Echo>(EchoInput::new("ada"))).await;
    let error = result.expect_err("the body is endless");
    assert!(
        too_large(&error).to_string().contains("1048576-byte limit"),
        "{error}"
    );
    let sent = sent_rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the server stopped");
    server.finish();
    assert!(peak < 4 * MIB, "{peak} bytes allocated for a 1 MiB limit");
    assert!(
        sent < 64 * MIB,
        "the client kept reading: {sent} bytes sent"
    );
    println!("endless body: stopped at the 1 MiB limit, peak {} KiB allocated, server sent {} KiB before the close", peak / 1024, sent / 1024);
}

// Multi-threaded: the connection task must run (and close the socket) while this thread
// blocks on the server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_announcing_2_gib_is_refused_before_reading() {
    let _serial = SERIAL.lock().await;
    let huge: Handler = Box::new(|stream, _| {
        let head = b"HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.1\r\n\
                     content-length: 2147483648\r\n\r\n";
        stream_body(stream, head, &[b' '; 64 * 1024], 1 << 30);
    });
    let server = Server::start(vec![huge]);
    let client = limited_client(&server.url(), DEFAULT_MAX_RESPONSE_BODY_SIZE);
    let (result, peak) = peak_during(client.call::<Echo>(EchoInput::new("ada"))).await;
    let error = result.expect_err("2 GiB is over the 64 MiB default");
    assert!(
        too_large(&error)
            .to_string()
            .contains("67108864-byte limit"),
        "{error}"
    );
    server.finish();
    assert!(peak < 2 * MIB, "{peak} bytes allocated for a refused body");
    println!(
        "2 GiB Content-Length: refused at the 64 MiB default, peak {} KiB allocated",
        peak / 1024
    );
}

// Multi-threaded: the connection task must run (and close the socket) while this thread
// blocks on the server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_honest_16_mib_body_is_held_once() {
    let _serial = SERIAL.lock().await;
    const SIZE: usize = 16 * MIB;
    let body: Handler = Box::new(|stream, _| {
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.1\r\n\
             content-length: {SIZE}\r\n\r\n"
        );
        stream_body(stream, head.as_bytes(), &[b' '; 64 * 1024], SIZE);
    });
    let server = Server::start(vec![body]);
    let config = Config::builder()
        .endpoint_url(server.url())
        .build()
        .expect("a valid config");
    let request = http::Request::builder()
        .method("POST")
        .uri(format!("{}/", server.url()))
        .body(b"{}".to_vec())
        .expect("a request");
    let (response, peak) = peak_during(config.http_transport().send(request)).await;
    let response = response.expect("the body fits");
    assert_eq!(response.body().len(), SIZE);
    server.finish();
    assert!(
        peak < SIZE + SIZE / 4,
        "{peak} bytes allocated for a {SIZE}-byte body"
    );
    println!(
        "16 MiB body: peak {:.2}× the body size allocated while reading",
        peak as f64 / SIZE as f64
    );

    // A whole call: the body, the parsed JSON value and the output's string at most.
    // Leaked, so the server freeing it cannot offset the client's allocations.
    let json: &'static str =
        Box::leak(format!(r#"{{"Greeting":"{}"}}"#, "g".repeat(SIZE)).into_boxed_str());
    let server = Server::start(vec![loopback::answer(200, "", json)]);
    let client = Client::new(
        Config::builder()
            .endpoint_url(server.url())
            .build()
            .expect("a valid config"),
    );
    let (output, call_peak) = peak_during(client.call::<Echo>(EchoInput::new("ada"))).await;
    assert_eq!(output.expect("a valid body").greeting.len(), SIZE);
    server.finish();
    assert!(
        call_peak < 4 * SIZE,
        "{call_peak} bytes for a {SIZE}-byte body"
    );
    println!(
        "16 MiB body, whole call: peak {:.2}× the body size (body, JSON value, output)",
        call_peak as f64 / SIZE as f64
    );
}

/// A server that sends `head` then trickles `trickle` one byte every 100 ms for up to 30 s.
fn trickler(head: &'static [u8], trickle: &'static [u8]) -> Handler {
    Box::new(move |stream, _| {
        let _ = stream.write_all(head);
        let deadline = Instant::now() + Duration::from_secs(30);
        for byte in trickle.iter().cycle() {
            if Instant::now() > deadline || stream.write_all(&[*byte]).is_err() {
                break;
            }
            thread::sleep(Duration::from_millis(100));
        }
    })
}

// Multi-threaded: the connection task must run (and close the socket) while this thread
// blocks on the server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trickling_server_cannot_hold_a_call() {
    let _serial = SERIAL.lock().await;
    let client = |url: String| {
        Client::new(
            Config::builder()
                .endpoint_url(url)
                .retry(
                    RetryConfig::standard()
                        .with_max_attempts(2)
                        .with_initial_backoff(Duration::from_millis(1))
                        .with_max_backoff(Duration::from_millis(5)),
                )
                .connect_timeout(Duration::from_secs(1))
                .read_timeout(Duration::from_secs(1))
                .build()
                .expect("a valid config"),
        )
    };
    // The head, one byte at a time (never complete): each attempt ends after ~2 s.
    let head = || trickler(b"", b"HTTP/1.1 200 OK\r\nx-padding: aaaaaaaaaaaaaaaaaaaa");
    let server = Server::start(vec![head(), head()]);
    let started = Instant::now();
    let error = client(server.url())
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .expect_err("the head never completes");
    let head_elapsed = started.elapsed();
    assert!(matches!(error, SdkError::Timeout(_)), "{error:?}");
    assert_eq!(error.attempts(), Some(2));
    server.finish();

    // The body, 10 bytes a second: under the 1 KiB/s floor once the 1 s read timeout passed.
    let body = || {
        trickler(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.1\r\n\
              content-length: 100000\r\n\r\n",
            b" ",
        )
    };
    let server = Server::start(vec![body(), body()]);
    let started = Instant::now();
    let error = client(server.url())
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .expect_err("the body is too slow");
    let body_elapsed = started.elapsed();
    let SdkError::Timeout(source) = &error else {
        panic!("expected a timeout, got {error:?}");
    };
    let timeout = source
        .downcast_ref::<TimeoutError>()
        .expect("a TimeoutError");
    assert!(timeout.to_string().contains("stalled"), "{timeout}");
    assert_eq!(error.attempts(), Some(2));
    server.finish();
    // The servers would trickle for 30 s per attempt; the bounds are far below that.
    assert!(head_elapsed < Duration::from_secs(15), "{head_elapsed:?}");
    assert!(body_elapsed < Duration::from_secs(15), "{body_elapsed:?}");
    println!("trickling head: 2 attempts ended after {head_elapsed:?}; trickling body: after {body_elapsed:?}");
}

#[test]
fn default_limits_are_set() {
    let config = Config::builder().build().expect("the default transport");
    assert_eq!(config.connect_timeout(), Some(DEFAULT_CONNECT_TIMEOUT));
    assert_eq!(config.read_timeout(), Some(DEFAULT_READ_TIMEOUT));
    assert_eq!(config.max_response_body_size(), 64 * MIB);
    assert_eq!(DEFAULT_CONNECT_TIMEOUT, Duration::from_millis(3100));
    assert_eq!(DEFAULT_READ_TIMEOUT, Duration::from_secs(30));
}
