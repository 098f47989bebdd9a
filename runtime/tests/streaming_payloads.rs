//! `@streaming` payloads through the client and the default transport, against servers this
//! test runs on 127.0.0.1 (issue 12): a 1 GiB download is read chunk by chunk while the memory
//! allocated stays a few MiB (and the 64 MiB body cap does not apply to it); an upload is
//! streamed from a reader, chunked; an error answer to a streaming operation is still read
//! whole and parsed; a streamed body that stalls fails with the read timeout.
//!
//! A counting global allocator measures the peak bytes allocated by the whole test process
//! during each call (the server threads write from small buffers); tests in this binary hold
//! one lock so their measurements do not overlap.
#![cfg(feature = "hyper")]

mod client_support;
mod counting_alloc;
mod loopback;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use client_support::{EchoError, SERVICE};
use counting_alloc::{peak_during, SERIAL};
use loopback::{Handler, Server};
use smithy_runtime::aws_json;
use smithy_runtime::client::{Client, Config, RetryConfig, TransportError, TransportErrorKind};
use smithy_runtime::error::{
    BoxError, ProvideResponseMetadata, ResponseMetadata, SdkError, UnhandledError,
};
use smithy_runtime::operation::{AuthScheme, Operation, RequestContext, ServiceInfo};
use smithy_runtime::validation::{Validate, Validator};
use smithy_runtime::ByteStream;

const MIB: usize = 1024 * 1024;
const GIB: usize = 1024 * MIB;

/// A request whose input is a streamed payload (and a name in the path).
struct Transfer {
    name: String,
    body: ByteStream,
}

impl Validate for Transfer {
    fn validate_into(&self, _validator: &mut Validator) {}
}

/// What a transfer returns: a header value and the streamed body.
#[derive(Debug)]
struct Transferred {
    etag: Option<String>,
    body: ByteStream,
    meta: ResponseMetadata,
}

impl ProvideResponseMetadata for Transferred {
    fn response_metadata(&self) -> &ResponseMetadata {
        &self.meta
    }

    fn response_metadata_mut(&mut self) -> &mut ResponseMetadata {
        &mut self.meta
    }
}

/// `PUT /objects/{name}` with a streamed body and a streamed answer, as a generator writes it.
struct TransferObject;

impl Operation for TransferObject {
    type Input = Transfer;
    type Output = Transferred;
    type Error = EchoError;
    const NAME: &'static str = "TransferObject";
    const SERVICE: &'static ServiceInfo = &SERVICE;
    const AUTH: AuthScheme = AuthScheme::Anonymous;
    const STREAMING_OUTPUT: bool = true;

    fn serialize(
        input: &Transfer,
        context: &RequestContext<'_>,
    ) -> Result<http::Request<Vec<u8>>, BoxError> {
        let body = input.body.in_memory().unwrap_or_default().to_vec();
        Ok(http::Request::builder()
            .method("PUT")
            .uri(format!("{}/objects/{}", context.endpoint, input.name))
            .header("content-type", "application/octet-stream")
            .header("content-length", body.len())
            .body(body)?)
    }

    fn deserialize(response: &http::Response<Vec<u8>>) -> Result<Transferred, SdkError<EchoError>> {
        if !response.status().is_success() {
            let meta = aws_json::parse_error(response, false).meta;
            return Err(SdkError::Service(EchoError::Unhandled(
                UnhandledError::new(meta),
            )));
        }
        let etag = response
            .headers()
            .get("etag")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        Ok(Transferred {
            etag,
            body: ByteStream::from(response.body().clone()),
            meta: aws_json::response_metadata(response),
        })
    }

    fn streaming_input(input: &mut Transfer) -> Option<&mut ByteStream> {
        Some(&mut input.body)
    }

    fn set_streaming_output(output: &mut Transferred, body: ByteStream) {
        output.body = body;
    }
}

/// The same call, with a payload marked `@requiresLength`.
struct SizedTransferObject;

impl Operation for SizedTransferObject {
    type Input = Transfer;
    type Output = Transferred;
    type Error = EchoError;
    const NAME: &'static str = "SizedTransferObject";
    const SERVICE: &'static ServiceInfo = &SERVICE;
    const AUTH: AuthScheme = AuthScheme::Anonymous;
    const STREAMING_OUTPUT: bool = true;
    const STREAMING_INPUT_REQUIRES_LENGTH: bool = true;

    fn serialize(
        input: &Transfer,
        context: &RequestContext<'_>,
    ) -> Result<http::Request<Vec<u8>>, BoxError> {
        TransferObject::serialize(input, context)
    }

    fn deserialize(response: &http::Response<Vec<u8>>) -> Result<Transferred, SdkError<EchoError>> {
        TransferObject::deserialize(response)
    }

    fn streaming_input(input: &mut Transfer) -> Option<&mut ByteStream> {
        Some(&mut input.body)
    }

    fn set_streaming_output(output: &mut Transferred, body: ByteStream) {
        output.body = body;
    }
}

/// A client with the default transport, no retries, the default 64 MiB body cap and a short
/// read timeout.
fn client(url: &str) -> Client {
    let config = Config::builder()
        .endpoint_url(url)
        .retry(RetryConfig::disabled())
        .read_timeout(Duration::from_secs(2))
        .build()
        .expect("a valid config");
    Client::new(config)
}

/// The byte at `offset` of the generated download: a pattern that a lost, repeated or
/// reordered chunk breaks.
fn pattern(offset: usize) -> u8 {
    (offset % 251) as u8
}

/// Serves `total` bytes of [`pattern`] with a `content-length`, from a 64 KiB buffer.
fn serve_pattern(total: usize) -> Handler {
    Box::new(move |stream: &mut TcpStream, _| {
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\netag: \"v1\"\r\n\
             content-length: {total}\r\n\r\n"
        );
        if stream.write_all(head.as_bytes()).is_err() {
            return;
        }
        // 64 KiB is a multiple of nothing in particular: offsets are recomputed per chunk.
        let mut chunk = vec![0u8; 64 * 1024];
        let mut sent = 0;
        while sent < total {
            let n = chunk.len().min(total - sent);
            for (i, byte) in chunk[..n].iter_mut().enumerate() {
                *byte = pattern(sent + i);
            }
            if stream.write_all(&chunk[..n]).is_err() {
                return;
            }
            sent += n;
        }
    })
}

// Multi-threaded: the connection task runs while this thread checks chunks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_1_gib_download_is_read_chunk_by_chunk_in_bounded_memory() {
    let _serial = SERIAL.lock().await;
    let server = Server::start(vec![serve_pattern(GIB)]);
    let client = client(&server.url());
    let input = Transfer {
        name: "big".to_owned(),
        body: ByteStream::default(),
    };
    let ((received, chunks), peak) = peak_during(async {
        let mut output = client
            .call::<TransferObject>(input)
            .await
            .expect("the head arrives");
        assert_eq!(output.etag.as_deref(), Some("\"v1\""));
        let mut received = 0usize;
        let mut chunks = 0usize;
        while let Some(chunk) = output.body.next_chunk().await {
            let chunk = chunk.expect("the body arrives whole");
            for (i, byte) in chunk.iter().enumerate() {
                assert_eq!(*byte, pattern(received + i), "byte {}", received + i);
            }
            received += chunk.len();
            chunks += 1;
        }
        (received, chunks)
    })
    .await;
    server.finish();
    assert_eq!(received, GIB, "every byte arrives, past the 64 MiB cap");
    assert!(chunks > 1000, "the body came in many chunks ({chunks})");
    assert!(
        peak < 16 * MIB,
        "a 1 GiB download read chunk by chunk peaked at {} KiB allocated",
        peak / 1024
    );
    println!(
        "streaming: 1 GiB download in {chunks} chunks, peak {} KiB allocated",
        peak / 1024
    );
}

/// Reads a chunked request body (the upload) from `stream`.
fn read_chunked(stream: &mut TcpStream) -> Vec<u8> {
    let mut reader = BufReader::new(stream);
    let mut body = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("a chunk size line");
        let size = usize::from_str_radix(line.trim(), 16).expect("a hex chunk size");
        let mut chunk = vec![0u8; size + 2];
        reader.read_exact(&mut chunk).expect("a chunk and its CRLF");
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&chunk[..size]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_is_streamed_from_a_reader() {
    let _serial = SERIAL.lock().await;
    let data: Vec<u8> = (0..3 * MIB + 17).map(pattern).collect();
    let (body_tx, body_rx) = std::sync::mpsc::channel();
    let receive: Handler = Box::new(move |stream, request| {
        assert!(
            request
                .head
                .to_ascii_lowercase()
                .contains("transfer-encoding: chunked"),
            "a streamed body of unknown length goes chunked:\n{}",
            request.head
        );
        let _ = body_tx.send(read_chunked(stream));
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok");
    });
    let server = Server::start(vec![receive]);
    let client = client(&server.url());
    let input = Transfer {
        name: "upload".to_owned(),
        body: ByteStream::from_reader(std::io::Cursor::new(data.clone())),
    };
    let output = client
        .call::<TransferObject>(input)
        .await
        .expect("the upload succeeds");
    assert_eq!(
        output.body.collect(1024).await.expect("a short answer"),
        b"ok"
    );
    let requests = server.finish();
    assert!(
        requests[0].head.starts_with("PUT /objects/upload "),
        "{}",
        requests[0].head
    );
    let uploaded = body_rx.recv().expect("the server read the body");
    assert!(uploaded == data, "the uploaded bytes arrive unchanged");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_of_declared_length_is_sent_with_content_length() {
    let _serial = SERIAL.lock().await;
    let data: Vec<u8> = (0..MIB + 3).map(pattern).collect();
    let server = Server::start(vec![loopback::answer(200, "", "")]);
    let client = client(&server.url());
    let input = Transfer {
        name: "sized".to_owned(),
        body: ByteStream::from_reader(std::io::Cursor::new(data.clone()))
            .with_length(data.len() as u64),
    };
    client
        .call::<TransferObject>(input)
        .await
        .expect("the upload succeeds");
    let requests = server.finish();
    let head = requests[0].head.to_ascii_lowercase();
    assert!(
        head.contains(&format!("content-length: {}", data.len())),
        "{head}"
    );
    assert!(!head.contains("transfer-encoding"), "{head}");
    assert!(
        requests[0].body == data,
        "the uploaded bytes arrive unchanged"
    );
}

#[tokio::test]
async fn a_payload_that_requires_a_length_fails_without_one_before_sending() {
    // Nothing listens here: the call must fail before it connects.
    let client = client("http://127.0.0.1:9");
    let input = Transfer {
        name: "unsized".to_owned(),
        body: ByteStream::from_chunks(vec![b"data".to_vec()]),
    };
    let error = client
        .call::<SizedTransferObject>(input)
        .await
        .expect_err("no length was declared");
    let SdkError::Construction(error) = &error else {
        panic!("expected a construction error, got {error:?}");
    };
    assert!(
        error.to_string().contains("ByteStream::with_length"),
        "{error}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_answer_to_a_streaming_operation_is_parsed() {
    let _serial = SERIAL.lock().await;
    let server = Server::start(vec![loopback::answer(
        404,
        "",
        r#"{"__type":"NoSuchObject","message":"gone"}"#,
    )]);
    let client = client(&server.url());
    let input = Transfer {
        name: "missing".to_owned(),
        body: ByteStream::from_bytes(b"in memory".to_vec()),
    };
    let error = client
        .call::<TransferObject>(input)
        .await
        .expect_err("a 404");
    let SdkError::Service(error) = error else {
        panic!("expected a service error, got {error:?}");
    };
    assert_eq!(
        smithy_runtime::error::ProvideErrorMetadata::code(&error),
        Some("NoSuchObject")
    );
    let requests = server.finish();
    assert_eq!(
        requests[0].body, b"in memory",
        "in-memory bodies are sent whole"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_streamed_body_fails_with_the_read_timeout() {
    let _serial = SERIAL.lock().await;
    let stall: Handler = Box::new(|stream, _| {
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\nfirst bytes");
        let _ = stream.flush();
        // Longer than the 2 s read timeout, then give up.
        std::thread::sleep(Duration::from_secs(4));
    });
    let server = Server::start(vec![stall]);
    let client = client(&server.url());
    let input = Transfer {
        name: "slow".to_owned(),
        body: ByteStream::default(),
    };
    let mut output = client
        .call::<TransferObject>(input)
        .await
        .expect("the head arrives");
    let first = output
        .body
        .next_chunk()
        .await
        .expect("a chunk")
        .expect("data");
    assert_eq!(first, b"first bytes");
    let error = output
        .body
        .next_chunk()
        .await
        .expect("an error, not the end")
        .expect_err("the body stalls");
    let transport = std::error::Error::source(&error)
        .and_then(|source| source.downcast_ref::<TransportError>())
        .expect("a TransportError");
    assert_eq!(transport.kind(), TransportErrorKind::Timeout, "{transport}");
    assert_eq!(error.bytes_read(), 11);
    server.finish();
}
