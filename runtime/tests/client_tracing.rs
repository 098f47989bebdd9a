//! What the client logs: the operation, attempts, statuses and request ids; never the input,
//! a body or a secret header. Runs whole calls under a `tracing-subscriber` fmt layer at TRACE
//! level (so the signing crate's own events are captured too) writing into a buffer.

mod client_support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use client_support::*;
use smithy_runtime::client::{Client, Credentials, InMemoryTransport};

/// A `MakeWriter` that appends everything to a shared buffer.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Buffer {
    type Writer = Buffer;

    fn make_writer(&'a self) -> Buffer {
        self.clone()
    }
}

impl Buffer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// Runs `calls` on a current-thread runtime with a capturing subscriber; returns the log.
fn capture(calls: impl std::future::Future<Output = ()>) -> String {
    let buffer = Buffer::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(buffer.clone())
        .finish();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    tracing::subscriber::with_default(subscriber, || runtime.block_on(calls));
    buffer.text()
}

const SECRET_KEY: &str = "wJalrXUtnFEMI-SECRET-KEY";
const SESSION_TOKEN: &str = "SESSION-TOKEN-VALUE";

#[test]
fn logs_name_the_operation_but_never_secrets() {
    let log = capture(async {
        // Success after a retry.
        let transport = InMemoryTransport::new()
            .with_response(error(500, "InternalErrorException", "boom"))
            .with_response(ok(&format!("hello {SECRET_TOKEN}")));
        let client = Client::new(config(&transport).build().unwrap());
        let output = client.call::<Echo>(EchoInput::new("ada")).await.unwrap();
        assert_eq!(output.greeting, format!("hello {SECRET_TOKEN}"));

        // A failure whose message echoes the input, as AWS validation messages do.
        let transport = InMemoryTransport::new().with_response(error(
            400,
            "InvalidParameterException",
            &format!("Value '{SECRET_TOKEN}' at 'accessToken' failed to satisfy constraint"),
        ));
        let client = Client::new(config(&transport).build().unwrap());
        client
            .call::<Echo>(EchoInput::new("ada"))
            .await
            .unwrap_err();

        // A signed call with temporary credentials.
        let transport = InMemoryTransport::new().with_response(ok("signed"));
        let credentials = Credentials::new("AKIDLOGGED", SECRET_KEY, Some(SESSION_TOKEN.into()));
        let client = Client::new(
            config(&transport)
                .credentials_provider(credentials)
                .build()
                .unwrap(),
        );
        client
            .call::<SignedEcho>(EchoInput::new("ada"))
            .await
            .unwrap();
        let authorization = transport.requests()[0]
            .headers()
            .get("authorization")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        let signature = authorization
            .rsplit("Signature=")
            .next()
            .unwrap()
            .to_owned();
        tracing::info!(signature_len = signature.len(), "signature to look for");
        SIGNATURE.lock().unwrap().replace(signature);
    });

    assert!(!log.is_empty());
    assert!(
        !log.contains(SECRET_TOKEN),
        "the access token leaked:\n{log}"
    );
    assert!(
        !log.contains(SECRET_KEY),
        "the secret access key leaked:\n{log}"
    );
    assert!(
        !log.contains(SESSION_TOKEN),
        "the session token leaked:\n{log}"
    );
    let signature = SIGNATURE.lock().unwrap().clone().unwrap();
    assert!(
        !log.contains(&signature),
        "the request signature leaked:\n{log}"
    );

    // The span names the operation and service; events give attempts, statuses, request ids.
    // Operations that keep the default `Operation::span` run in a span named `call`.
    assert!(log.contains("call{operation=\"Echo\""), "{log}");
    assert!(log.contains("operation=\"SignedEcho\""), "{log}");
    assert!(log.contains("service=\"Fake Service\""), "{log}");
    assert!(log.contains("status=500"), "{log}");
    assert!(log.contains("request_id=\"req-200\""), "{log}");
    assert!(log.contains("retrying after backoff"), "{log}");
    assert!(
        log.contains("error.code=\"InvalidParameterException\""),
        "{log}"
    );
    assert!(log.contains("call succeeded"), "{log}");
    assert!(log.contains("call failed"), "{log}");
}

static SIGNATURE: Mutex<Option<String>> = Mutex::new(None);
