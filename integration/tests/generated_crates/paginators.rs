//! Paginators of `@paginated` operations, on our own model
//! `codegen/tests/models/paginated.json` (a service-level trait merged into two operations, one
//! with a dotted path to its token and items). The crate is generated into
//! `target/generated/paginated` with the tests below and run with cargo: every request goes to
//! an `InMemoryTransport` that plays the service, so the tests see exactly what was sent.

use integration_tests::generated_crate::{cargo_ok, generate_crate, workspace_root};
use smithy_codegen::{Generator, Model, Settings};

/// The tests run inside the generated crate.
const PAGINATOR_TESTS: &str = r#####"//! Paginator behaviour of the generated `paginated` crate (written by integration/tests/generated_crates/paginators.rs).

use paginated::{Client, Config};
use smithy_runtime::client::InMemoryTransport;
use smithy_runtime::error::SdkError;
use smithy_runtime::http;
use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

/// Polls a future to completion on this thread. The in-memory transport answers at once and
/// no timeout or retry is configured, so nothing here needs a timer.
fn block_on<F: Future>(future: F) -> F::Output {
    struct Noop;
    impl Wake for Noop {
        fn wake(self: Arc<Self>) {}
    }
    let waker = Waker::from(Arc::new(Noop));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
        std::thread::yield_now();
    }
}

fn ok(body: serde_like::Json) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("x-amzn-requestid", "req")
        .body(body.0.into_bytes())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Tiny JSON text helpers (the crate has no serde_json dependency).
mod serde_like {
    pub struct Json(pub String);
    pub fn things(names: &[&str], next: Option<&str>) -> Json {
        let items: Vec<String> = names.iter().map(|n| format!("{{\"Name\":\"{n}\"}}")).collect();
        let next = next.map(|t| format!(",\"NextToken\":\"{t}\"")).unwrap_or_default();
        Json(format!("{{\"Things\":[{}]{next}}}", items.join(",")))
    }
    pub fn nested(names: &[&str], next: Option<&str>) -> Json {
        let items: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        let next = next.map(|t| format!(",\"Next\":\"{t}\"")).unwrap_or_default();
        Json(format!("{{\"Result\":{{\"Names\":[{}]{next}}}}}", items.join(",")))
    }
}

fn client(transport: &InMemoryTransport) -> Client {
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url("http://localhost:1")
        .http_transport(transport.clone())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    Client::new(config)
}

fn bodies(transport: &InMemoryTransport) -> Vec<String> {
    transport
        .requests()
        .iter()
        .map(|r| String::from_utf8_lossy(r.body()).into_owned())
        .collect()
}

fn three_pages() -> InMemoryTransport {
    InMemoryTransport::new()
        .with_response(ok(serde_like::things(&["a", "b"], Some("t1"))))
        .with_response(ok(serde_like::things(&["c", "d"], Some("t2"))))
        .with_response(ok(serde_like::things(&["e"], None)))
}

#[test]
fn pages_feed_the_token_back_and_pass_the_page_size_through() {
    let transport = three_pages();
    let client = client(&transport);
    let pages = block_on(
        client
            .list_things()
            .owner("ada")
            .into_paginator()
            .page_size(2)
            .pages()
            .try_collect(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pages.len(), 3);
    let counts: Vec<usize> = pages.iter().map(|p| p.things().map_or(0, <[_]>::len)).collect();
    assert_eq!(counts, [2, 2, 1]);
    assert_eq!(pages[0].next_token(), Some("t1"));
    assert_eq!(pages[2].next_token(), None);

    let sent = bodies(&transport);
    assert_eq!(sent.len(), 3, "{sent:?}");
    assert!(!sent[0].contains("NextToken"), "{}", sent[0]);
    assert!(sent[1].contains(r#""NextToken":"t1""#), "{}", sent[1]);
    assert!(sent[2].contains(r#""NextToken":"t2""#), "{}", sent[2]);
    for body in &sent {
        assert!(body.contains(r#""Owner":"ada""#), "{body}");
        assert!(body.contains(r#""MaxResults":2"#), "{body}");
    }
}

#[test]
fn items_flatten_every_page_in_order() {
    let transport = three_pages();
    let client = client(&transport);
    let mut stream = client.list_things().owner("ada").into_paginator().items();
    let mut names = Vec::new();
    while let Some(item) = block_on(stream.next()) {
        names.push(item.unwrap_or_else(|e| panic!("{e}")).name().to_owned());
    }
    assert_eq!(names, ["a", "b", "c", "d", "e"]);
    assert_eq!(transport.request_count(), 3);
}

#[test]
fn a_page_size_set_on_the_builder_is_kept() {
    let transport = InMemoryTransport::new().with_response(ok(serde_like::things(&["a"], None)));
    let client = client(&transport);
    let pages = block_on(client.list_things().owner("ada").max_results(7).into_paginator().pages().collect());
    assert_eq!(pages.len(), 1);
    assert!(bodies(&transport)[0].contains(r#""MaxResults":7"#));
}

#[test]
fn a_repeated_token_ends_the_stream_with_an_error() {
    let transport = InMemoryTransport::new()
        .with_response(ok(serde_like::things(&["a"], Some("t1"))))
        .with_response(ok(serde_like::things(&["b"], Some("t2"))))
        .with_response(ok(serde_like::things(&["c"], Some("t1"))))
        .with_response(ok(serde_like::things(&["never"], None)));
    let client = client(&transport);
    let results = block_on(client.list_things().owner("ada").into_paginator().items().collect());
    assert_eq!(results.len(), 4, "three items, then the error");
    let names: Vec<String> = results[..3]
        .iter()
        .map(|r| r.as_ref().map(|t| t.name().to_owned()).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(names, ["a", "b", "c"]);
    match &results[3] {
        Err(SdkError::Response(error)) => {
            let message = error.to_string();
            assert!(message.contains("NextToken"), "{message}");
            assert!(message.contains("\"t1\""), "{message}");
        }
        other => panic!("expected a response error, got {other:?}"),
    }
    assert_eq!(transport.request_count(), 3, "no request after the repeat");
    assert_eq!(transport.remaining(), 1);
}

#[test]
fn a_service_error_ends_the_stream() {
    let error = http::Response::builder()
        .status(400)
        .header("x-amzn-errortype", "SomethingWrong")
        .body(br#"{"message":"nope"}"#.to_vec())
        .unwrap_or_else(|e| panic!("{e}"));
    let transport = InMemoryTransport::new()
        .with_response(ok(serde_like::things(&["a"], Some("t1"))))
        .with_response(error);
    let client = client(&transport);
    let pages = block_on(client.list_things().owner("ada").into_paginator().pages().collect());
    assert_eq!(pages.len(), 2);
    assert!(pages[0].is_ok());
    assert!(matches!(pages[1], Err(SdkError::Service(_))), "{:?}", pages[1]);
}

#[test]
fn a_missing_required_member_is_the_only_item_and_nothing_is_sent() {
    let transport = InMemoryTransport::new();
    let client = client(&transport);
    let pages = block_on(client.list_things().into_paginator().pages().collect());
    assert_eq!(pages.len(), 1);
    match &pages[0] {
        Err(SdkError::Validation(error)) => {
            assert_eq!(error.violations()[0].path(), "Owner");
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(transport.request_count(), 0);
}

#[test]
fn nested_token_and_item_paths() {
    let transport = InMemoryTransport::new()
        .with_response(ok(serde_like::nested(&["x", "y"], Some("n1"))))
        .with_response(ok(serde_like::nested(&[], Some("n2"))))
        .with_response(ok(serde_like::nested(&["z"], Some(""))));
    let client = client(&transport);
    let items = block_on(client.list_nested().into_paginator().page_size(5).items().try_collect())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(items, ["x", "y", "z"]);
    let sent = bodies(&transport);
    assert_eq!(sent.len(), 3, "an empty token ends the stream: {sent:?}");
    assert!(sent[1].contains(r#""NextToken":"n1""#), "{}", sent[1]);
    assert!(sent[2].contains(r#""NextToken":"n2""#), "{}", sent[2]);
    assert!(sent.iter().all(|b| b.contains(r#""Limit":5"#)), "{sent:?}");
}

/// A page of `ScanKeys` (token: a map) or `ListByCursor` (token: a structure); `token` is
/// the JSON object of the next token, if any.
fn keyed_page(member: &str, names: &[&str], token: Option<&str>) -> http::Response<Vec<u8>> {
    let items: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    let token = token.map(|t| format!(",\"{member}\":{t}")).unwrap_or_default();
    ok(serde_like::Json(format!("{{\"Names\":[{}]{token}}}", items.join(","))))
}

#[test]
fn map_tokens_are_fed_back_and_compared_by_value() {
    let page = |names: &[&str], token: Option<&str>| keyed_page("LastEvaluatedKey", names, token);
    let transport = InMemoryTransport::new()
        .with_response(page(&["a"], Some(r#"{"pk":"1","sk":"x"}"#)))
        .with_response(page(&["b"], Some(r#"{"pk":"2","sk":"y"}"#)))
        // The first key again, its entries in another order: the same map.
        .with_response(page(&["c"], Some(r#"{"sk":"x","pk":"1"}"#)))
        .with_response(page(&["never"], None));
    let client = client(&transport);
    let results = block_on(client.scan_keys().into_paginator().items().collect());
    assert_eq!(results.len(), 4, "three items, then the error");
    let names: Vec<&str> = results[..3]
        .iter()
        .map(|r| r.as_deref().unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(names, ["a", "b", "c"]);
    match &results[3] {
        Err(SdkError::Response(error)) => {
            let message = error.to_string();
            assert!(message.contains("LastEvaluatedKey"), "{message}");
        }
        other => panic!("expected a response error, got {other:?}"),
    }
    let sent = bodies(&transport);
    assert_eq!(sent.len(), 3, "{sent:?}");
    assert!(!sent[0].contains("ExclusiveStartKey"), "{}", sent[0]);
    for (body, (pk, sk)) in sent[1..].iter().zip([("1", "x"), ("2", "y")]) {
        assert!(body.contains("\"ExclusiveStartKey\":{"), "{body}");
        assert!(body.contains(&format!("\"pk\":\"{pk}\"")), "{body}");
        assert!(body.contains(&format!("\"sk\":\"{sk}\"")), "{body}");
    }
}

#[test]
fn an_empty_map_token_ends_the_stream() {
    let transport = InMemoryTransport::new()
        .with_response(keyed_page("LastEvaluatedKey", &["a"], Some("{}")))
        .with_response(keyed_page("LastEvaluatedKey", &["never"], None));
    let client = client(&transport);
    let items = block_on(client.scan_keys().into_paginator().items().try_collect())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(items, ["a"]);
    assert_eq!(transport.request_count(), 1);
}

#[test]
fn structure_tokens_are_fed_back_and_compared_by_value() {
    let page = |names: &[&str], token: Option<&str>| keyed_page("Next", names, token);
    let transport = InMemoryTransport::new()
        .with_response(page(&["a"], Some(r#"{"Shard":1,"Offset":"q"}"#)))
        .with_response(page(&["b"], Some(r#"{"Shard":2,"Offset":"q"}"#)))
        .with_response(page(&["c"], Some(r#"{"Offset":"q","Shard":2}"#)))
        .with_response(page(&["never"], None));
    let client = client(&transport);
    let results = block_on(client.list_by_cursor().into_paginator().items().collect());
    assert_eq!(results.len(), 4, "three items, then the error");
    assert!(matches!(results[3], Err(SdkError::Response(_))), "{:?}", results[3]);
    let sent = bodies(&transport);
    assert_eq!(sent.len(), 3, "{sent:?}");
    assert!(sent[1].contains(r#""After":{"#), "{}", sent[1]);
    assert!(sent[1].contains(r#""Shard":1"#), "{}", sent[1]);
    assert!(sent[2].contains(r#""Shard":2"#), "{}", sent[2]);
}

#[test]
fn the_stream_is_a_futures_stream() {
    fn assert_stream<S: smithy_runtime::paginator::Stream + Send>(_: &S) {}
    let transport = InMemoryTransport::new();
    let client = client(&transport);
    let stream = client.list_things().owner("ada").into_paginator().pages();
    assert_stream(&stream);
}
"#####;

#[test]
fn paginated_model_generates_and_its_paginators_work() {
    let path = workspace_root()
        .join("codegen")
        .join("tests")
        .join("models")
        .join("paginated.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let model = Model::load(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let generator = Generator::new(model).settings(Settings::default().package_name("paginated"));

    let ir = generator.lower().unwrap_or_else(|e| panic!("{e}"));
    let nested = ir
        .operations
        .iter()
        .find(|op| op.name == "ListNested")
        .and_then(|op| op.pagination.as_ref())
        .unwrap_or_else(|| panic!("ListNested is paginated"));
    let path: Vec<&str> = nested
        .output_token
        .iter()
        .map(|s| s.member.as_str())
        .collect();
    assert_eq!(path, ["Result", "Next"]);
    assert_eq!(
        nested.page_size.as_ref().map(|p| p.field.member.as_str()),
        Some("Limit"),
        "the operation's page size overrides the service's"
    );

    let dir = generate_crate(
        "paginated",
        generator,
        &[("tests/paginators.rs".to_owned(), PAGINATOR_TESTS.to_owned())],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    cargo_ok(
        &dir,
        &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    cargo_ok(&dir, &["test", "--quiet"]).unwrap_or_else(|e| panic!("{e}"));
}
