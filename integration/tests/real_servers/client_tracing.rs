//! What a generated-client call against a real server leaves in the logs: spans named after
//! the operation, statuses and error codes, but never the access token or an attribute
//! value. Everything the process logs at TRACE level while the calls run (the runtime, the
//! HTTP stack) is captured by a `tracing-subscriber` fmt layer writing into a buffer.

#[allow(dead_code)] // each test binary uses a different part of it
use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};

use crate::common::bounded;
use cognito_identity_provider::types::AttributeType;
use cognito_identity_provider::{Client, Config};
use integration_tests::servers::{create_pool_client_and_user, CognitoLocal, CUSTOM_ATTRIBUTE};

/// A `MakeWriter` that appends everything to a shared buffer.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(bytes);
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
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(PoisonError::into_inner)).into_owned()
    }
}

fn attribute(name: &str, value: &str) -> AttributeType {
    AttributeType::builder()
        .name(name)
        .value(value)
        .build()
        .unwrap_or_else(|e| panic!("attribute {name}: {e}"))
}

/// A value that shows up nowhere else, so finding it in the log can only mean a leak.
const DEPARTMENT: &str = "dept-7f3a9c-never-logged";

#[test]
fn calls_against_cognito_local_log_operations_but_no_secrets() {
    let server =
        CognitoLocal::start().unwrap_or_else(|e| panic!("cognito-local could not be started: {e}"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("tokio runtime: {e}"));
    // Set up outside the capture: only the generated client's calls are under test.
    let user = runtime
        .block_on(bounded(create_pool_client_and_user(&server.endpoint())))
        .unwrap_or_else(|e| panic!("setup failed: {e}"));
    let token = user.access_token.clone();
    let email = format!("{}@example.com", user.username);

    let buffer = Buffer::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(buffer.clone())
        .finish();
    let client = Client::new(
        Config::builder()
            .endpoint_url(server.endpoint())
            .region("us-east-1")
            .build()
            .unwrap_or_else(|e| panic!("config: {e}")),
    );
    tracing::subscriber::with_default(subscriber, || {
        // The other tests of this binary run on other threads and may have registered the
        // operations' span callsites while no subscriber wanted them; tracing caches that
        // answer, so recompute it now that this thread's subscriber exists.
        tracing::callsite::rebuild_interest_cache();
        runtime.block_on(bounded(async {
            // Succeeding calls: the request carries the token and both values; the
            // responses echo the e-mail (delivery destination, GetUser attributes).
            let updated = client
                .update_user_attributes()
                .access_token(&token)
                .user_attributes(attribute("email", &email))
                .user_attributes(attribute(CUSTOM_ATTRIBUTE, DEPARTMENT))
                .send()
                .await
                .unwrap_or_else(|e| panic!("UpdateUserAttributes: {e:?}"));
            assert!(updated.code_delivery_details_list().is_some());
            let got = client
                .get_user()
                .access_token(&token)
                .send()
                .await
                .unwrap_or_else(|e| panic!("GetUser: {e:?}"));
            assert!(got
                .user_attributes()
                .iter()
                .any(|a| a.value() == Some(DEPARTMENT)));

            // Failing calls: a service error, and one whose message names the attribute.
            let mismatch = client
                .verify_user_attribute()
                .access_token(&token)
                .attribute_name("email")
                .code("999999")
                .send()
                .await
                .expect_err("a wrong code must be rejected");
            assert!(mismatch
                .as_service_error()
                .is_some_and(|e| e.is_code_mismatch_exception()));
            let unknown = client
                .update_user_attributes()
                .access_token(&token)
                .user_attributes(attribute("custom:undeclared", DEPARTMENT))
                .send()
                .await
                .expect_err("an attribute missing from the schema must be rejected");
            assert!(unknown
                .as_service_error()
                .is_some_and(|e| e.is_invalid_parameter_exception()));
        }))
    });
    let log = buffer.text();

    // Nothing secret: not the token (nor its claims or signature alone), no attribute value.
    assert!(!log.contains(&token), "the access token leaked:\n{log}");
    for (index, part) in token.split('.').enumerate().skip(1) {
        assert!(
            !log.contains(part),
            "part {index} of the access token leaked:\n{log}"
        );
    }
    assert!(!log.contains(&email), "the e-mail address leaked:\n{log}");
    assert!(
        !log.contains(DEPARTMENT),
        "the custom attribute value leaked:\n{log}"
    );

    // Each call's span is named after its operation and names the service.
    for operation in ["UpdateUserAttributes", "GetUser", "VerifyUserAttribute"] {
        assert!(
            log.contains(&format!("{operation}{{operation=\"{operation}\"")),
            "no span for {operation}:\n{log}"
        );
    }
    assert!(
        log.contains("service=\"Cognito Identity Provider\""),
        "{log}"
    );
    assert!(log.contains("status=200"), "{log}");
    assert!(log.contains("status=400"), "{log}");
    assert!(log.contains("call succeeded"), "{log}");
    assert!(log.contains("call failed"), "{log}");
    assert!(
        log.contains("error.code=\"CodeMismatchException\""),
        "{log}"
    );
    assert!(
        log.contains("error.code=\"InvalidParameterException\""),
        "{log}"
    );
}
