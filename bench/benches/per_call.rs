//! Per-call overhead in process: an `UpdateUserAttributes` call from the fluent builder to a
//! parsed output, with the network replaced by a closure that returns a canned success
//! response.
//!
//! Both clients do the same work per call: build the input (two attributes and an access
//! token), validate and serialize it into request bytes, resolve the endpoint from the
//! service's rule set for a fixed region, hand the request to an in-memory transport, and parse
//! the canned response into the operation's output. Both run on a tokio current-thread runtime;
//! a whole batch of calls runs inside one `block_on`, so the runtime's own entry cost is not
//! counted per call.
//!
//! - ours: the checked-in `cognito-identity-provider` crate with a transport that returns the
//!   canned response and keeps nothing;
//! - aws-sdk: `aws-sdk-cognitoidentityprovider` with `infallible_client_fn` from
//!   `aws-smithy-http-client`'s `test-util`.
//!
//! Run with `cargo bench --manifest-path bench/Cargo.toml --bench per_call`; the runner
//! (`scripts/bench.sh`) runs it and reads the medians from criterion's `estimates.json`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};

/// The region both clients resolve their endpoint for.
const REGION: &str = "us-east-1";
/// The access token sent in every request (any string: nothing checks it).
const ACCESS_TOKEN: &str = "eyJraWQiOiJiZW5jaCIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiJiZW5jaCJ9.c2ln";
/// The canned `UpdateUserAttributes` success body.
const RESPONSE_BODY: &str = r#"{"CodeDeliveryDetailsList":[{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"b***@e***.com"}]}"#;
/// Calls made on one client before a fresh one is built (outside the timed region), so that
/// the request log `InMemoryTransport` keeps stays small however many iterations criterion asks
/// for.
const CALLS_PER_CLIENT: u64 = 10_000;

/// The canned response, as both transports return it.
fn canned_response() -> http::Response<&'static str> {
    http::Response::builder()
        .status(200)
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amzn-requestid", "4b7c5ad2-6a27-4d5f-9f0e-3c4a1c0f9a11")
        .body(RESPONSE_BODY)
        .expect("static response parts are valid")
}

/// A tokio current-thread runtime with timers (both SDKs may arm a timer per call).
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a current-thread runtime can always be built")
}

/// Runs `iters` calls in batches of at most [`CALLS_PER_CLIENT`], each batch on a fresh
/// client from `new_client` (built outside the timed region) and run by `run_batch`.
fn time_calls<C>(iters: u64, new_client: impl Fn() -> C, run_batch: impl Fn(&C, u64)) -> Duration {
    let mut total = Duration::ZERO;
    let mut left = iters;
    while left > 0 {
        let batch = left.min(CALLS_PER_CLIENT);
        let client = new_client();
        let started = Instant::now();
        run_batch(&client, batch);
        total += started.elapsed();
        left -= batch;
    }
    total
}

mod ours {
    use cognito_identity_provider::runtime::client::{HttpFuture, HttpTransport};
    use cognito_identity_provider::types::AttributeType;
    use cognito_identity_provider::{Client, Config};
    use std::hint::black_box;

    /// Answers every request with the canned response and keeps nothing, like aws-sdk-rust's
    /// `infallible_client_fn` (the runtime's `InMemoryTransport` also records each request
    /// for tests to inspect, which is not per-call overhead of the client).
    struct CannedTransport;

    impl HttpTransport for CannedTransport {
        fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture<'_> {
            black_box(request.body().len());
            Box::pin(async { Ok(super::canned_response().map(|body| body.as_bytes().to_vec())) })
        }
    }

    /// A client whose transport answers every request with the canned response.
    pub fn client() -> Client {
        client_with_validation(true)
    }

    /// The same without checking the input against the model's constraints (aws-sdk-rust
    /// checks none): what our validation costs per call.
    pub fn unvalidated_client() -> Client {
        client_with_validation(false)
    }

    fn client_with_validation(validation: bool) -> Client {
        let transport = CannedTransport;
        let config = Config::builder()
            .validation(validation)
            .region(super::REGION)
            .no_credentials()
            .http_transport(transport)
            .build()
            .expect("the benchmark configuration is valid");
        Client::new(config)
    }

    /// One call; returns how many delivery details came back.
    pub async fn call(client: &Client) -> usize {
        let output = client
            .update_user_attributes()
            .user_attributes(
                AttributeType::builder()
                    .name("email")
                    .value("bench@example.com")
                    .build()
                    .expect("name is set"),
            )
            .user_attributes(
                AttributeType::builder()
                    .name("custom:team")
                    .value("benchmarks")
                    .build()
                    .expect("name is set"),
            )
            .access_token(super::ACCESS_TOKEN)
            .send()
            .await
            .expect("the canned response is a success");
        output
            .code_delivery_details_list()
            .map_or(0, |list| list.len())
    }
}

mod aws {
    use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Region};
    use aws_sdk_cognitoidentityprovider::types::AttributeType;
    use aws_sdk_cognitoidentityprovider::{Client, Config};
    use aws_smithy_http_client::test_util::infallible_client_fn;
    use aws_smithy_types::body::SdkBody;
    use std::hint::black_box;

    /// A client whose HTTP client answers every request with the canned response.
    pub fn client() -> Client {
        let http_client = infallible_client_fn(|request: http::Request<SdkBody>| {
            black_box(request.body().bytes().map(<[u8]>::len));
            super::canned_response()
        });
        let config = Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::from_static(super::REGION))
            .http_client(http_client)
            .build();
        Client::from_conf(config)
    }

    /// One call; returns how many delivery details came back.
    pub async fn call(client: &Client) -> usize {
        let output = client
            .update_user_attributes()
            .user_attributes(
                AttributeType::builder()
                    .name("email")
                    .value("bench@example.com")
                    .build()
                    .expect("name is set"),
            )
            .user_attributes(
                AttributeType::builder()
                    .name("custom:team")
                    .value("benchmarks")
                    .build()
                    .expect("name is set"),
            )
            .access_token(super::ACCESS_TOKEN)
            .send()
            .await
            .expect("the canned response is a success");
        output.code_delivery_details_list().len()
    }
}

/// Both clients, one benchmark group.
fn update_user_attributes(c: &mut Criterion) {
    let rt = runtime();
    // A wrong setup fails here, loudly, rather than as a fast benchmark of an error path.
    assert_eq!(rt.block_on(ours::call(&ours::client())), 1);
    assert_eq!(rt.block_on(aws::call(&aws::client())), 1);

    let mut group = c.benchmark_group("update_user_attributes");
    type NewClient = fn() -> cognito_identity_provider::Client;
    let ours_clients: [(&str, NewClient); 2] = [
        ("ours", ours::client),
        ("ours-unvalidated", ours::unvalidated_client),
    ];
    for (name, new_client) in ours_clients {
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                time_calls(iters, new_client, |client, n| {
                    rt.block_on(async {
                        for _ in 0..n {
                            black_box(ours::call(client).await);
                        }
                    })
                })
            })
        });
    }
    group.bench_function("aws-sdk", |b| {
        b.iter_custom(|iters| {
            time_calls(iters, aws::client, |client, n| {
                rt.block_on(async {
                    for _ in 0..n {
                        black_box(aws::call(client).await);
                    }
                })
            })
        })
    });
    group.finish();
}

criterion_group!(benches, update_user_attributes);
criterion_main!(benches);
