//! Added to the crate generated from `sensitive_keys/model.json`: a map whose keys are
//! `@sensitive`, a whole map marked `@sensitive` and a `@sensitive` timestamp never show
//! their keys or values in `Debug`, validation errors, parse errors or a failed call's
//! messages.

use std::future::Future;
use std::task::{Context, Poll, Waker};

use sensitive_keys::operation::put_secrets::{PutSecrets, PutSecretsInput, PutSecretsOutput};
use sensitive_keys::runtime::client::{Config, InMemoryTransport, RetryConfig};
use sensitive_keys::runtime::http;
use sensitive_keys::runtime::json::{parse_body, FromJson};
use sensitive_keys::runtime::operation::Operation;
use sensitive_keys::runtime::validation::Validate;
use sensitive_keys::Client;

/// Every planted secret contains this.
const MARK: &str = "SECRETKEY";
const PLACEHOLDER: &str = "[*** Sensitive Data Redacted ***]";

fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(MARK), "{what} leaks a secret: {text}");
}

fn input() -> PutSecretsInput {
    // Keys that break the key pattern and values that break the length limit.
    PutSecretsInput::builder()
        .tags(format!("{MARK}-tag"), "too long")
        .vault(format!("{MARK}-vault"), "too long")
        .build()
}

#[test]
fn sensitive_keys_stay_out_of_debug_and_validation() {
    let input = input();
    assert_clean("input Debug", &format!("{input:?}"));
    assert_clean("builder Debug", &format!("{:?}", PutSecretsInput::builder().tags(MARK, "x")));
    let error = input.validate().expect_err("the input breaks its constraints");
    let message = error.to_string();
    assert_clean("validation message", &message);
    assert_clean("validation Debug", &format!("{error:?}"));
    for violation in error.violations() {
        assert_clean("violation path", violation.path());
    }
    assert!(message.contains(&format!("Tags{PLACEHOLDER}")), "{message}");
    assert!(message.contains(&format!("Vault{PLACEHOLDER}")), "{message}");
    assert_eq!(error.violations().len(), 3, "{message}");
}

#[test]
fn sensitive_keys_and_timestamps_stay_out_of_parse_errors() {
    let bodies = [
        format!(r#"{{"Tags": {{"{MARK}-a": 5}}}}"#),
        format!(r#"{{"Vault": {{"{MARK}-b": [1]}}}}"#),
        format!(r#"{{"When": "{MARK}-not-a-date"}}"#),
    ];
    for body in bodies {
        let json = parse_body(body.as_bytes()).expect("test JSON");
        let error = PutSecretsOutput::from_json(&json).expect_err("a wrong type");
        assert_clean("parse error", &error.to_string());
        assert_clean("parse error path", &error.path());
        let response = http::Response::builder()
            .status(200)
            .body(body.into_bytes())
            .expect("a response");
        let error = PutSecrets::deserialize(&response).expect_err("a wrong type");
        assert_clean("response error", &error.to_string());
        assert_clean("response error Debug", &format!("{error:?}"));
    }
    let ok = r#"{"Tags": {"SECRETKEY-c": "v"}, "Vault": {"SECRETKEY-d": "v"}, "When": "2020-01-01T00:00:00Z"}"#;
    let json = parse_body(ok.as_bytes()).expect("test JSON");
    let output = PutSecretsOutput::from_json(&json).expect("a valid output");
    assert_clean("output Debug", &format!("{output:?}"));
}

/// Runs a future that never waits on I/O or timers (the in-memory transport answers at once,
/// retries are off); the generated crate has no executor of its own to test with.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1_000_000 {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
    panic!("the call kept waiting")
}

#[test]
fn a_failed_call_shows_no_sensitive_key() {
    let body = format!(r#"{{"Tags": {{"{MARK}-e": false}}}}"#);
    let transport = InMemoryTransport::new().with_response(
        http::Response::builder()
            .status(200)
            .body(body.into_bytes())
            .expect("a response"),
    );
    let config = Config::builder()
        .endpoint_url("http://127.0.0.1:1")
        .retry(RetryConfig::disabled())
        .http_transport(transport)
        .build()
        .expect("a config");
    let client = Client::new(config);
    let error = block_on(client.put_secrets().send()).expect_err("a wrong type");
    assert_clean("call error", &error.to_string());
    assert_clean("call error Debug", &format!("{error:?}"));
    let invalid = block_on(client.put_secrets().tags(format!("{MARK}-f"), "x").send())
        .expect_err("the key breaks its pattern");
    assert_clean("validation error", &invalid.to_string());
}
