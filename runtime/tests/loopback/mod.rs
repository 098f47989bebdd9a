//! A scripted HTTP server on 127.0.0.1 for transport tests: each accepted connection is handed
//! to the next handler of the script, and the server stops by itself when the script ends or
//! no connection comes within a few seconds. It records the raw bytes of every request head
//! and when each connection arrived.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How long the server waits for the next expected connection before it stops.
const ACCEPT_PATIENCE: Duration = Duration::from_secs(5);

/// One connection's handler: gets the stream with the request head already read.
pub type Handler = Box<dyn FnOnce(&mut TcpStream, &Request) + Send>;

/// What the server saw of one request.
#[derive(Debug, Clone)]
pub struct Request {
    /// The request head as text (request line and headers).
    pub head: String,
    /// The body, as announced by `content-length`.
    pub body: Vec<u8>,
    /// When the connection was accepted.
    pub arrived: Instant,
}

/// A running server: its port and what it saw.
pub struct Server {
    pub port: u16,
    seen: Arc<Mutex<Vec<Request>>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Server {
    /// Serves `script`, one handler per connection, in order.
    pub fn start(script: Vec<Handler>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().expect("a local address").port();
        listener.set_nonblocking(true).expect("non-blocking accept");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        let thread = thread::spawn(move || {
            for handler in script {
                let Some(mut stream) = accept_within(&listener, ACCEPT_PATIENCE) else {
                    break;
                };
                let arrived = Instant::now();
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                // Bounds every write, so a handler never blocks on a client that went away.
                let _ = stream.set_write_timeout(Some(Duration::from_secs(10)));
                let (head, body) = read_request(&mut stream);
                let request = Request {
                    head,
                    body,
                    arrived,
                };
                record.lock().unwrap().push(request.clone());
                handler(&mut stream, &request);
            }
        });
        Server {
            port,
            seen,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The requests seen so far.
    pub fn requests(&self) -> Vec<Request> {
        self.seen.lock().unwrap().clone()
    }

    /// Waits for the script to end (or the server to give up) and returns every request.
    pub fn finish(mut self) -> Vec<Request> {
        if let Some(thread) = self.thread.take() {
            thread.join().expect("the server thread panicked");
        }
        self.requests()
    }
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

/// Reads a request head and its `content-length` body.
pub fn read_request(stream: &mut TcpStream) -> (String, Vec<u8>) {
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    while !seen.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => seen.push(byte[0]),
            _ => break,
        }
    }
    let head = String::from_utf8_lossy(&seen).into_owned();
    let length = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    let _ = stream.read_exact(&mut body);
    (head, body)
}

/// A complete response with `status`, extra header lines (each ending in `\r\n`) and a JSON
/// body.
pub fn respond(stream: &mut TcpStream, status: u16, extra_headers: &str, body: &str) {
    let head = format!(
        "HTTP/1.1 {status} Status\r\ncontent-type: application/x-amz-json-1.1\r\n\
         x-amzn-requestid: loopback-{status}\r\ncontent-length: {}\r\n{extra_headers}\
         connection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
    let _ = stream.flush();
}

/// A handler answering with [`respond`].
pub fn answer(status: u16, extra_headers: &'static str, body: &'static str) -> Handler {
    Box::new(move |stream, _| respond(stream, status, extra_headers, body))
}
