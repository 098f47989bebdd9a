//! The client pipeline end to end against a fake service and an in-memory transport:
//! signing, retries, timeouts, endpoints, validation and idempotency tokens.

mod client_support;

use std::time::{Duration, SystemTime};

use client_support::*;
use smithy_runtime::client::{
    Client, ConstructionError, ConstructionErrorKind, Credentials, HttpFuture, HttpTransport,
    InMemoryTransport, RetryConfig, TimeoutError, TimeoutKind, TransportError,
};
use smithy_runtime::error::{ProvideErrorMetadata, ProvideResponseMetadata, SdkError};

fn header<'a>(request: &'a http::Request<Vec<u8>>, name: &str) -> Option<&'a str> {
    request.headers().get(name).and_then(|v| v.to_str().ok())
}

fn construction_kind<E>(error: &SdkError<E>) -> Option<ConstructionErrorKind> {
    match error {
        SdkError::Construction(e) => e.downcast_ref::<ConstructionError>().map(|e| e.kind()),
        _ => None,
    }
}

fn timeout_kind<E>(error: &SdkError<E>) -> Option<TimeoutKind> {
    match error {
        SdkError::Timeout(e) => e.downcast_ref::<TimeoutError>().map(|e| e.kind()),
        _ => None,
    }
}

#[tokio::test]
async fn unsigned_call_goes_out_without_authorization() {
    let transport = InMemoryTransport::new().with_response(ok("hello ada"));
    let client = Client::new(config(&transport).build().unwrap());

    let output = client.call::<Echo>(EchoInput::new("ada")).await.unwrap();
    assert_eq!(output.greeting, "hello ada");
    assert_eq!(output.response_metadata().attempts(), 1);
    assert_eq!(output.response_metadata().request_id(), Some("req-200"));

    let requests = transport.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(
        request.uri().to_string(),
        "https://fake.us-east-1.amazonaws.com/"
    );
    assert_eq!(header(request, "x-amz-target"), Some("FakeService.Echo"));
    assert!(request.headers().get("authorization").is_none());
    assert!(request.headers().get("x-amz-date").is_none());
    assert!(header(request, "user-agent").is_some_and(|ua| ua.starts_with("smithy-runtime/")));
    assert_eq!(body_json(request)["AccessToken"], SECRET_TOKEN);
}

#[tokio::test]
async fn signed_call_carries_a_sigv4_signature() {
    let transport = InMemoryTransport::new().with_response(ok("hi"));
    let config = config(&transport)
        .credentials_provider(Credentials::new("AKID", "SECRETKEY", None))
        .build()
        .unwrap();
    Client::new(config)
        .call::<SignedEcho>(EchoInput::new("ada"))
        .await
        .unwrap();

    let request = &transport.requests()[0];
    let authorization = header(request, "authorization").unwrap();
    assert!(
        authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKID/"),
        "{authorization}"
    );
    assert!(
        authorization.contains("/us-east-1/fakesvc/aws4_request"),
        "{authorization}"
    );
    assert!(authorization.contains("SignedHeaders="), "{authorization}");
    assert!(authorization.contains("x-amz-target"), "{authorization}");
    assert!(request
        .headers()
        .get("authorization")
        .unwrap()
        .is_sensitive());
    let date = header(request, "x-amz-date").unwrap();
    assert_eq!(date.len(), "20240101T000000Z".len());
    assert!(request.headers().get("x-amz-security-token").is_none());
    assert!(!authorization.contains("SECRETKEY"));
}

#[tokio::test]
async fn signed_call_with_session_token_sends_it() {
    let transport = InMemoryTransport::new().with_response(ok("hi"));
    let config = config(&transport)
        .credentials_provider(Credentials::new(
            "ASIAKID",
            "SECRETKEY",
            Some("SESSION".into()),
        ))
        .build()
        .unwrap();
    Client::new(config)
        .call::<SignedEcho>(EchoInput::new("ada"))
        .await
        .unwrap();

    let request = &transport.requests()[0];
    assert_eq!(header(request, "x-amz-security-token"), Some("SESSION"));
    assert!(header(request, "authorization")
        .unwrap()
        .starts_with("AWS4-HMAC-SHA256 Credential=ASIAKID/"));
}

#[tokio::test]
async fn signed_call_without_credentials_fails_before_sending() {
    let transport = InMemoryTransport::new().with_response(ok("hi"));
    let client = Client::new(config(&transport).build().unwrap());

    let error = client
        .call::<SignedEcho>(EchoInput::new("ada"))
        .await
        .unwrap_err();
    assert_eq!(
        construction_kind(&error),
        Some(ConstructionErrorKind::Credentials)
    );
    let message = error.to_string();
    assert!(
        message.contains("SignedEcho must be signed with SigV4"),
        "{message}"
    );
    assert!(message.contains("credentials_provider"), "{message}");
    assert_eq!(transport.request_count(), 0);

    // The unsigned operation of the same client still works without credentials.
    client.call::<Echo>(EchoInput::new("ada")).await.unwrap();
}

#[tokio::test]
async fn expired_credentials_fail_before_sending() {
    let transport = InMemoryTransport::new().with_response(ok("hi"));
    let expired = Credentials::new("AKID", "SECRETKEY", None)
        .with_expiry(SystemTime::now() - Duration::from_secs(60));
    let client = Client::new(
        config(&transport)
            .credentials_provider(expired)
            .build()
            .unwrap(),
    );

    let error = client
        .call::<SignedEcho>(EchoInput::new("ada"))
        .await
        .unwrap_err();
    assert_eq!(
        construction_kind(&error),
        Some(ConstructionErrorKind::Credentials)
    );
    assert!(error.to_string().contains("expired"), "{error}");
    assert_eq!(transport.request_count(), 0);
}

#[tokio::test]
async fn server_error_then_success_takes_two_attempts() {
    let transport = InMemoryTransport::new()
        .with_response(error(500, "InternalErrorException", "boom"))
        .with_response(ok("second time lucky"));
    let config = config(&transport)
        .credentials_provider(Credentials::new("AKID", "SECRETKEY", None))
        .build()
        .unwrap();

    let output = Client::new(config)
        .call::<SignedEcho>(EchoInput::new("ada"))
        .await
        .unwrap();
    assert_eq!(output.greeting, "second time lucky");
    assert_eq!(output.response_metadata().attempts(), 2);
    let requests = transport.requests();
    assert_eq!(requests.len(), 2);
    // Every attempt is signed, and the body (with its idempotency token) is the same.
    assert!(requests
        .iter()
        .all(|r| r.headers().contains_key("authorization")));
    assert_eq!(requests[0].body(), requests[1].body());
}

#[tokio::test]
async fn throttling_is_retried_until_attempts_run_out() {
    let transport =
        InMemoryTransport::from_fn(|_| Ok(error(429, "TooManyRequestsException", "slow down")));
    let client = Client::new(config(&transport).build().unwrap());

    let error = client
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .unwrap_err();
    let service_error = error.as_service_error().unwrap();
    assert!(matches!(service_error, EchoError::TooManyRequests(_)));
    assert_eq!(service_error.meta().attempts(), 3);
    assert_eq!(service_error.http_status(), Some(429));
    assert_eq!(transport.request_count(), 3);
}

#[tokio::test]
async fn max_attempts_is_configurable() {
    let transport = InMemoryTransport::from_fn(|_| Ok(error(503, "ServiceUnavailable", "")));
    let config = config(&transport)
        .retry(
            RetryConfig::standard()
                .with_max_attempts(5)
                .with_initial_backoff(Duration::ZERO),
        )
        .build()
        .unwrap();

    let error = Client::new(config)
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .unwrap_err();
    assert_eq!(error.as_service_error().unwrap().meta().attempts(), 5);
    assert_eq!(transport.request_count(), 5);
}

#[tokio::test]
async fn client_error_is_returned_at_once() {
    let transport = InMemoryTransport::new()
        .with_response(error(400, "InvalidParameterException", "bad name"))
        .with_response(ok("never used"));
    let client = Client::new(config(&transport).build().unwrap());

    let error = client
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .unwrap_err();
    let service_error = error.as_service_error().unwrap();
    assert!(matches!(service_error, EchoError::InvalidParameter(_)));
    assert_eq!(service_error.meta().attempts(), 1);
    assert_eq!(service_error.message(), Some("bad name"));
    assert_eq!(transport.request_count(), 1);
}

/// The standard mode retries by status and code, not by the model's fault: a server-fault
/// error on a 500 is retried, the same error on a 400 is not.
#[tokio::test]
async fn server_fault_error_is_retried_only_on_a_transient_status() {
    let transport = InMemoryTransport::new()
        .with_response(error(500, "InternalErrorException", "oops"))
        .with_response(ok("fine"));
    let client = Client::new(config(&transport).build().unwrap());
    let output = client.call::<Echo>(EchoInput::new("ada")).await.unwrap();
    assert_eq!(output.response_metadata().attempts(), 2);

    let transport = InMemoryTransport::new()
        .with_response(error(400, "InternalErrorException", "oops"))
        .with_response(ok("fine"));
    let client = Client::new(config(&transport).build().unwrap());
    let error = client
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), Some(1));
    assert_eq!(transport.request_count(), 1);
}

#[tokio::test]
async fn transient_transport_errors_are_retried_others_not() {
    let transport = InMemoryTransport::new()
        .with_error(TransportError::connect("connection refused"))
        .with_error(TransportError::io("connection reset"))
        .with_response(ok("fine"));
    let client = Client::new(config(&transport).build().unwrap());
    let output = client.call::<Echo>(EchoInput::new("ada")).await.unwrap();
    assert_eq!(output.response_metadata().attempts(), 3);

    let transport = InMemoryTransport::new()
        .with_error(TransportError::other("cannot represent this request"))
        .with_response(ok("never used"));
    let client = Client::new(config(&transport).build().unwrap());
    let error = client
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .unwrap_err();
    assert!(matches!(error, SdkError::Dispatch(_)), "{error:?}");
    assert_eq!(transport.request_count(), 1);
}

#[tokio::test]
async fn html_gateway_error_is_retried() {
    let gateway = http::Response::builder()
        .status(502)
        .body(b"<html>Bad Gateway</html>".to_vec())
        .unwrap();
    let transport = InMemoryTransport::new()
        .with_response(gateway)
        .with_response(ok("fine"));
    let client = Client::new(config(&transport).build().unwrap());
    let output = client.call::<Echo>(EchoInput::new("ada")).await.unwrap();
    assert_eq!(output.response_metadata().attempts(), 2);
}

/// A transport that never answers.
struct Hang;

impl HttpTransport for Hang {
    fn send(&self, _request: http::Request<Vec<u8>>) -> HttpFuture<'_> {
        Box::pin(std::future::pending())
    }
}

#[tokio::test(start_paused = true)]
async fn call_timeout_bounds_a_hanging_transport() {
    let config = smithy_runtime::client::Config::builder()
        .region("us-east-1")
        .http_transport(Hang)
        .call_timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let started = tokio::time::Instant::now();
    let error = Client::new(config)
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .unwrap_err();
    assert_eq!(timeout_kind(&error), Some(TimeoutKind::Call));
    assert_eq!(started.elapsed(), Duration::from_secs(5));
    assert!(error.to_string().contains("call timeout"), "{error}");
}

#[tokio::test(start_paused = true)]
async fn attempt_timeouts_are_retried_then_reported() {
    let config = smithy_runtime::client::Config::builder()
        .region("us-east-1")
        .http_transport(Hang)
        .attempt_timeout(Duration::from_secs(2))
        .retry(
            RetryConfig::standard()
                .with_max_attempts(3)
                .with_max_backoff(Duration::ZERO),
        )
        .build()
        .unwrap();
    let started = tokio::time::Instant::now();
    let error = Client::new(config)
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .unwrap_err();
    assert_eq!(timeout_kind(&error), Some(TimeoutKind::Attempt));
    assert_eq!(started.elapsed(), Duration::from_secs(6));
}

#[tokio::test]
async fn call_timeout_with_real_time_and_backoff() {
    // Real clock: a server that keeps failing with backoff longer than the call may last.
    let transport = InMemoryTransport::from_fn(|_| Ok(error(500, "InternalErrorException", "")));
    let config = config(&transport)
        .retry(
            RetryConfig::standard()
                .with_max_attempts(10)
                .with_initial_backoff(Duration::from_secs(10))
                .with_max_backoff(Duration::from_secs(10)),
        )
        .call_timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let outcome = Client::new(config)
        .call::<Echo>(EchoInput::new("ada"))
        .await;
    assert!(started.elapsed() < Duration::from_secs(5));
    match outcome {
        // The jitter may pick a delay shorter than 100 ms a few times; usually it times out.
        Err(error) => assert!(
            timeout_kind(&error) == Some(TimeoutKind::Call) || error.as_service_error().is_some(),
            "{error:?}"
        ),
        Ok(_) => panic!("the fake service never succeeds"),
    }
}

#[tokio::test]
async fn endpoint_url_override_wins() {
    let transport = InMemoryTransport::new().with_response(ok("local"));
    let config = config(&transport)
        .endpoint_url("http://localhost:9229/base")
        .use_fips(true)
        .build()
        .unwrap();
    Client::new(config)
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .unwrap();
    assert_eq!(
        transport.requests()[0].uri().to_string(),
        "http://localhost:9229/base/"
    );
}

#[tokio::test]
async fn endpoint_override_needs_no_region() {
    let transport = InMemoryTransport::new().with_response(ok("local"));
    let config = smithy_runtime::client::Config::builder()
        .http_transport(transport.clone())
        .endpoint_url("http://127.0.0.1:9229")
        .build()
        .unwrap();
    Client::new(config)
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .unwrap();
    assert_eq!(
        transport.requests()[0].uri().to_string(),
        "http://127.0.0.1:9229/"
    );
}

#[tokio::test]
async fn rule_set_resolves_region_and_fips() {
    let transport = InMemoryTransport::from_fn(|_| Ok(ok("hi")));
    let config = config(&transport)
        .region("eu-west-1")
        .use_fips(true)
        .build()
        .unwrap();
    let client = Client::new(config);
    client.call::<Echo>(EchoInput::new("ada")).await.unwrap();
    client.call::<Echo>(EchoInput::new("bob")).await.unwrap();

    for request in transport.requests() {
        assert_eq!(
            request.uri().to_string(),
            "https://fake-fips.eu-west-1.amazonaws.com/"
        );
        assert_eq!(header(&request, "x-fake-fips"), Some("yes"));
    }
}

#[tokio::test]
async fn missing_region_is_a_clear_construction_error() {
    let transport = InMemoryTransport::new().with_response(ok("hi"));
    let config = smithy_runtime::client::Config::builder()
        .http_transport(transport.clone())
        .build()
        .unwrap();
    let error = Client::new(config)
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .unwrap_err();
    assert_eq!(
        construction_kind(&error),
        Some(ConstructionErrorKind::Endpoint)
    );
    let message = error.to_string();
    assert!(message.contains("Fake Service"), "{message}");
    assert!(message.contains("Missing Region"), "{message}");
    assert!(message.contains("region("), "{message}");
    assert_eq!(transport.request_count(), 0);
}

#[tokio::test]
async fn invalid_input_is_rejected_before_sending() {
    let transport = InMemoryTransport::from_fn(|_| Ok(ok("hi")));
    let client = Client::new(config(&transport).build().unwrap());
    let error = client.call::<Echo>(EchoInput::new("")).await.unwrap_err();
    match &error {
        SdkError::Validation(e) => assert_eq!(e.violations()[0].path(), "Name"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(transport.request_count(), 0);

    // With validation off, the service gets to judge the input.
    let client = Client::new(config(&transport).validation(false).build().unwrap());
    client.call::<Echo>(EchoInput::new("")).await.unwrap();
    assert_eq!(transport.request_count(), 1);
}

#[tokio::test]
async fn idempotency_token_is_made_once_per_call() {
    let transport = InMemoryTransport::new()
        .with_response(error(500, "InternalErrorException", ""))
        .with_response(ok("hi"))
        .with_response(ok("hi"));
    let (count, tokens) = counting_tokens();
    let client = Client::new(
        config(&transport)
            .idempotency_token_provider(tokens)
            .build()
            .unwrap(),
    );

    client.call::<Echo>(EchoInput::new("ada")).await.unwrap();
    let mut given = EchoInput::new("bob");
    given.client_token = Some("mine".into());
    client.call::<Echo>(given).await.unwrap();

    let requests = transport.requests();
    assert_eq!(body_json(&requests[0])["ClientToken"], "token-1");
    assert_eq!(body_json(&requests[1])["ClientToken"], "token-1");
    assert_eq!(body_json(&requests[2])["ClientToken"], "mine");
    assert_eq!(*count.lock().unwrap(), 1);
}

#[tokio::test]
async fn default_idempotency_token_is_a_uuid() {
    let transport = InMemoryTransport::new().with_response(ok("hi"));
    Client::new(config(&transport).build().unwrap())
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .unwrap();
    let token = body_json(&transport.requests()[0])["ClientToken"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(token.len(), 36);
    assert_eq!(token.as_bytes()[14], b'4');
}

#[tokio::test]
async fn unreadable_success_body_is_a_response_error() {
    let broken = http::Response::builder()
        .status(200)
        .body(b"not json".to_vec())
        .unwrap();
    let transport = InMemoryTransport::new().with_response(broken);
    let error = Client::new(config(&transport).build().unwrap())
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .unwrap_err();
    assert!(matches!(error, SdkError::Response(_)), "{error:?}");
    assert_eq!(transport.request_count(), 1);
}

#[test]
fn client_and_call_future_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    fn assert_sync<T: Send + Sync + Clone>() {}
    assert_sync::<Client>();
    let transport = InMemoryTransport::new();
    let client = Client::new(config(&transport).build().unwrap());
    let future = client.call::<SignedEcho>(EchoInput::new("ada"));
    assert_send(&future);
}

#[cfg(not(any(feature = "hyper", feature = "reqwest")))]
#[test]
fn without_a_transport_feature_a_transport_must_be_injected() {
    let error = smithy_runtime::client::Config::builder()
        .build()
        .unwrap_err();
    assert!(error.to_string().contains("http_transport"), "{error}");
}

#[cfg(any(feature = "hyper", feature = "reqwest"))]
#[test]
fn default_transport_is_built_with_a_transport_feature() {
    let config = smithy_runtime::client::Config::builder()
        .region("us-east-1")
        .build();
    assert!(config.is_ok(), "{config:?}");
}
