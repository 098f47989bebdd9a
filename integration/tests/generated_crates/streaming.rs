//! `@streaming` blob payloads through a generated restJson1 client (issue 12), on our own model
//! `codegen/tests/models/streaming.json`. The crate is generated into `target/generated/streaming`
//! with the tests below and run with cargo: a 1 GiB download from a server on 127.0.0.1 (made
//! up on the fly, never a file) is read chunk by chunk while a counting allocator shows the
//! memory allocated stays a few MiB; an upload is streamed from a reader; a modelled error
//! on a streaming operation is parsed into its typed variant.

use integration_tests::generated_crate::{cargo_ok, generate_crate, workspace_root};
use smithy_codegen::{Generator, Model, RuntimeDependency, Settings};

/// The tests run inside the generated crate.
const STREAMING_TESTS: &str = r#####"//! Streaming payloads of the generated `streaming` crate (written by integration/tests/generated_crates/streaming.rs).

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use smithy_runtime::client::Credentials;
use smithy_runtime::error::SdkError;
use smithy_runtime::ByteStream;
use streaming::operation::get_object::GetObjectError;
use streaming::{Client, Config};

/// Counts live heap bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One measurement at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

const MIB: usize = 1024 * 1024;
const GIB: usize = 1024 * MIB;

/// The byte at `offset` of the generated download.
fn pattern(offset: usize) -> u8 {
    (offset % 251) as u8
}

/// Reads a request head (up to the blank line).
fn read_head(reader: &mut BufReader<TcpStream>) -> String {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            return head;
        }
        head.push_str(&line);
    }
}

/// Serves one connection with `handler` on a loopback port; returns the base URL and the
/// server thread (which returns what the handler returns).
fn serve<T: Send + 'static>(
    handler: impl FnOnce(String, BufReader<TcpStream>) -> T + Send + 'static,
) -> (String, std::thread::JoinHandle<T>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("bind: {e}"));
    let url = format!("http://{}", listener.local_addr().unwrap_or_else(|e| panic!("{e}")));
    let thread = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap_or_else(|e| panic!("accept: {e}"));
        let _ = stream.set_write_timeout(Some(Duration::from_secs(20)));
        let mut reader = BufReader::new(stream);
        let head = read_head(&mut reader);
        handler(head, reader)
    });
    (url, thread)
}

fn client(url: &str) -> Client {
    let config = Config::builder()
        .endpoint_url(url)
        .region("us-east-1")
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "streaming-secret", None))
        .read_timeout(Duration::from_secs(10))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    Client::new(config)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("no runtime: {e}"))
}

#[test]
fn a_1_gib_download_is_read_chunk_by_chunk_in_bounded_memory() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let (url, server) = serve(|head, reader| {
        let mut stream = reader.into_inner();
        let answer = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\netag: \"v1\"\r\n\
             content-length: {GIB}\r\n\r\n"
        );
        let _ = stream.write_all(answer.as_bytes());
        let mut chunk = vec![0u8; 64 * 1024];
        let mut sent = 0;
        while sent < GIB {
            let n = chunk.len().min(GIB - sent);
            for (i, byte) in chunk[..n].iter_mut().enumerate() {
                *byte = pattern(sent + i);
            }
            if stream.write_all(&chunk[..n]).is_err() {
                break;
            }
            sent += n;
        }
        head
    });
    let client = client(&url);
    let runtime = runtime();
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let (received, chunks) = runtime.block_on(async {
        let mut output = client
            .get_object()
            .key("big")
            .send()
            .await
            .unwrap_or_else(|e| panic!("the head arrives: {e:?}"));
        assert_eq!(output.etag(), Some("\"v1\""));
        let (mut received, mut chunks) = (0usize, 0usize);
        while let Some(chunk) = output.body_mut().next_chunk().await {
            let chunk = chunk.unwrap_or_else(|e| panic!("the body arrives whole: {e}"));
            // First and last byte of every chunk: a lost, repeated or reordered chunk shows.
            assert_eq!(chunk.first(), Some(&pattern(received)), "at byte {received}");
            assert_eq!(chunk.last(), Some(&pattern(received + chunk.len() - 1)));
            received += chunk.len();
            chunks += 1;
        }
        (received, chunks)
    });
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    let head = server.join().unwrap_or_else(|_| panic!("the server thread panicked"));
    assert!(head.starts_with("GET /objects/big "), "{head}");
    assert_eq!(received, GIB, "every byte arrives, past the 64 MiB body cap");
    assert!(
        peak < 16 * MIB,
        "a 1 GiB download read chunk by chunk peaked at {} KiB allocated",
        peak / 1024
    );
    println!("streaming: generated client read a 1 GiB download in {chunks} chunks, peak {} KiB allocated", peak / 1024);
}

/// Reads a chunked request body.
fn read_chunked(reader: &mut BufReader<TcpStream>) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap_or_else(|e| panic!("a chunk size: {e}"));
        let size = usize::from_str_radix(line.trim(), 16).unwrap_or_else(|e| panic!("{line:?}: {e}"));
        let mut chunk = vec![0u8; size + 2];
        reader.read_exact(&mut chunk).unwrap_or_else(|e| panic!("a chunk: {e}"));
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&chunk[..size]);
    }
}

#[test]
fn an_upload_is_streamed_from_a_reader() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let data: Vec<u8> = (0..3 * MIB + 5).map(pattern).collect();
    let (url, server) = serve(|head, mut reader| {
        let body = read_chunked(&mut reader);
        let _ = reader
            .get_mut()
            .write_all(b"HTTP/1.1 200 OK\r\netag: \"v2\"\r\ncontent-length: 0\r\n\r\n");
        (head, body)
    });
    let client = client(&url);
    let output = runtime()
        .block_on(
            client
                .put_object()
                .key("up")
                .body(ByteStream::from_reader(std::io::Cursor::new(data.clone())))
                .send(),
        )
        .unwrap_or_else(|e| panic!("the upload succeeds: {e:?}"));
    assert_eq!(output.etag(), Some("\"v2\""));
    let (head, body) = server.join().unwrap_or_else(|_| panic!("the server thread panicked"));
    let lower = head.to_ascii_lowercase();
    assert!(lower.starts_with("put /objects/up "), "{head}");
    assert!(lower.contains("transfer-encoding: chunked"), "sent as it is read:\n{head}");
    assert!(lower.contains("content-type: application/octet-stream"), "{head}");
    // SigV4 cannot hash bytes not read yet: the payload is declared unsigned, the rest signed.
    assert!(lower.contains("x-amz-content-sha256: unsigned-payload"), "{head}");
    assert!(lower.contains("authorization: aws4-hmac-sha256 "), "{head}");
    assert!(body == data, "the uploaded bytes arrive unchanged");
}

#[test]
fn a_modelled_error_of_a_streaming_operation_is_typed() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let (url, server) = serve(|_, reader| {
        let body = r#"{"message":"no such object"}"#;
        let answer = format!(
            "HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\n\
             x-amzn-errortype: NoSuchKey\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        let _ = reader.into_inner().write_all(answer.as_bytes());
    });
    let client = client(&url);
    let result = runtime().block_on(client.get_object().key("gone").send());
    match result {
        Err(SdkError::Service(GetObjectError::NoSuchKey(error))) => {
            assert_eq!(error.message(), Some("no such object"));
        }
        other => panic!("expected NoSuchKey, got {other:?}"),
    }
    server.join().unwrap_or_else(|_| panic!("the server thread panicked"));
}
"#####;

#[test]
fn streaming_payloads_through_a_generated_client() {
    let path = workspace_root()
        .join("codegen")
        .join("tests")
        .join("models")
        .join("streaming.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let model = Model::load(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let settings = Settings::default().package_name("streaming");
    let generator = Generator::new(model).settings(settings.clone());

    // The generated manifest, as `generate_crate` writes it, plus tokio to run the tests.
    let manifest = generator
        .clone()
        .settings(
            settings
                .runtime(RuntimeDependency::Path(
                    workspace_root().join("runtime").display().to_string(),
                ))
                .standalone_workspace(true),
        )
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
        .files
        .get(std::path::Path::new("Cargo.toml"))
        .cloned()
        .unwrap_or_else(|| panic!("no Cargo.toml generated"));
    let manifest = format!(
        "{manifest}\n[dev-dependencies]\ntokio = {{ version = \"1\", features = [\"rt-multi-thread\"] }}\n"
    );
    let dir = generate_crate(
        "streaming",
        generator,
        &[
            ("Cargo.toml".to_owned(), manifest),
            ("tests/streaming.rs".to_owned(), STREAMING_TESTS.to_owned()),
        ],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    cargo_ok(
        &dir,
        &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    cargo_ok(&dir, &["doc", "--quiet", "--no-deps"]).unwrap_or_else(|e| panic!("{e}"));
    let run =
        cargo_ok(&dir, &["test", "--quiet", "--", "--nocapture"]).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        run.stdout.contains("test result: ok. 3 passed"),
        "the three streaming tests ran:\n{}",
        run.stdout
    );
    // With `--nocapture` the three tests share stdout, so the line may follow another test's
    // `test … ok` output on the same line.
    let figures: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|line| line.find("streaming: ").map(|at| &line[at..]))
        .collect();
    assert!(
        !figures.is_empty(),
        "the 1 GiB download printed its figures:\n{}",
        run.stdout
    );
    for line in figures {
        println!("{line}");
    }
}
