//! The opt-in reqwest adapter keeps the transport policy (issue 10, finding 4: a reqwest
//! client that follows redirects re-sent the token to the `Location`): built even from a
//! builder that asks for redirects, it returns a 307 as it is and never contacts the
//! `Location`; it stops an endless body at the size limit. Servers run on 127.0.0.1 only.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use smithy_runtime::client::{
    HttpTransport, ReqwestSettings, ReqwestTransport, TransportError, TransportErrorKind,
};

/// Serves at most one connection within `patience` with `respond`; returns the port and a record of
/// the request heads seen.
fn serve_once(
    patience: Duration,
    respond: impl FnOnce(&mut std::net::TcpStream) + Send + 'static,
) -> (u16, Arc<Mutex<Vec<String>>>, thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let port = listener.local_addr().expect("address").port();
    listener.set_nonblocking(true).expect("non-blocking");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    let handle = thread::spawn(move || {
        let deadline = Instant::now() + patience;
        while Instant::now() < deadline {
            if let Ok((mut stream, _)) = listener.accept() {
                stream.set_nonblocking(false).expect("blocking");
                stream
                    .set_read_timeout(Some(Duration::from_secs(3)))
                    .expect("timeout");
                stream
                    .set_write_timeout(Some(Duration::from_secs(3)))
                    .expect("timeout");
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).is_ok_and(|n| n == 1) {
                    head.push(byte[0]);
                }
                record
                    .lock()
                    .expect("record")
                    .push(String::from_utf8_lossy(&head).into_owned());
                respond(&mut stream);
                return;
            }
            thread::sleep(Duration::from_millis(5));
        }
    });
    (port, seen, handle)
}

fn post(port: u16) -> smithy_runtime::http::Request<Vec<u8>> {
    smithy_runtime::http::Request::builder()
        .method("POST")
        .uri(format!("http://127.0.0.1:{port}/"))
        .header("content-length", "2")
        .body(b"{}".to_vec())
        .expect("a request")
}

#[tokio::test]
async fn the_reqwest_adapter_never_follows_a_redirect() {
    // Waits 1 s for the request that must never come.
    let (elsewhere, elsewhere_seen, elsewhere_thread) =
        serve_once(Duration::from_secs(1), |stream| {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}");
        });
    let (port, _, server) = serve_once(Duration::from_secs(3), move |stream| {
        let head = format!(
            "HTTP/1.1 307 Temporary Redirect\r\nlocation: http://127.0.0.1:{elsewhere}/\r\n\
             content-length: 0\r\n\r\n"
        );
        let _ = stream.write_all(head.as_bytes());
    });
    // The application's builder asks for redirects; the adapter turns them off.
    let builder = reqwest::Client::builder().redirect(reqwest::redirect::Policy::limited(10));
    let transport =
        ReqwestTransport::from_builder(builder, ReqwestSettings::default()).expect("a transport");
    let response = transport.send(post(port)).await.expect("a response");
    assert_eq!(response.status(), 307);
    server.join().expect("server");
    elsewhere_thread.join().expect("server");
    assert!(
        elsewhere_seen.lock().expect("record").is_empty(),
        "the redirect was followed"
    );
}

// Multi-threaded: reqwest's connection task closes the socket while this thread joins the
// server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reqwest_adapter_stops_an_endless_body_at_the_limit() {
    let (port, _, server) = serve_once(Duration::from_secs(3), |stream| {
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n");
        let chunk = format!("{:x}\r\n{}\r\n", 4096, " ".repeat(4096));
        // Up to 256 MiB, until the client goes away.
        for _ in 0..65_536 {
            if stream.write_all(chunk.as_bytes()).is_err() {
                break;
            }
        }
    });
    let settings = ReqwestSettings {
        max_body_size: 64 * 1024,
        ..ReqwestSettings::default()
    };
    let transport = ReqwestTransport::with_settings(settings).expect("a transport");
    let error: TransportError = transport.send(post(port)).await.expect_err("endless");
    assert_eq!(error.kind(), TransportErrorKind::BodyTooLarge, "{error}");
    assert!(error.to_string().contains("65536-byte limit"), "{error}");
    drop(transport);
    server.join().expect("server");
}
