//! The transport policy of the default transport against servers this test runs on 127.0.0.1
//! (issue 10, findings 3 and 4): a redirect is returned, never followed, so the token in the
//! body never reaches the `Location`; user-info in the endpoint URL is never sent and never
//! printed (`Debug` of the configuration, error messages, the log of ours and of the
//! transport crates); a configured proxy gets plain-HTTP requests in absolute form with its
//! credentials, and HTTPS requests only as a `CONNECT` tunnel.
#![cfg(feature = "hyper")]

mod client_support;
mod log_capture;
mod loopback;

use std::time::Duration;

use client_support::*;
use loopback::{answer, respond, Server};
use smithy_runtime::client::{
    Client, Config, ProxyConfig, RetryConfig, TransportError, TransportErrorKind,
};
use smithy_runtime::error::{ProvideErrorMetadata, SdkError};

/// The password planted in endpoint and proxy URLs; no output may contain it.
const PASSWORD: &str = "PASSWORD-IN-URL";

fn one_attempt(url: &str) -> Config {
    Config::builder()
        .endpoint_url(url)
        .retry(RetryConfig::disabled())
        .read_timeout(Duration::from_secs(3))
        .build()
        .expect("a valid config")
}

#[tokio::test]
async fn a_redirect_is_returned_and_never_followed() {
    let elsewhere = Server::start(vec![answer(200, "", r#"{"Greeting":"stolen"}"#)]);
    let location: &'static str =
        Box::leak(format!("location: {}/collect\r\n", elsewhere.url()).into_boxed_str());
    let server = Server::start(vec![answer(307, location, "")]);
    let error = Client::new(one_attempt(&server.url()))
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .expect_err("a 307 is not a success");
    assert_eq!(
        error.as_service_error().and_then(|e| e.http_status()),
        Some(307)
    );
    let seen = server.finish();
    assert_eq!(seen.len(), 1);
    assert!(String::from_utf8_lossy(&seen[0].body).contains(SECRET_TOKEN));
    // Give a follow-up request every chance to arrive before checking it did not.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(elsewhere.requests().is_empty(), "the redirect was followed");
    println!("redirect: 307 returned as a service error, Location never contacted");
}

#[test]
fn endpoint_user_info_is_never_sent_or_printed() {
    let server = Server::start(vec![answer(500, "", r#"{"__type":"InternalError"}"#)]);
    let url = format!("http://admin:{PASSWORD}@127.0.0.1:{}", server.port);
    let builder = Config::builder()
        .endpoint_url(&url)
        .retry(RetryConfig::disabled());
    let builder_debug = format!("{builder:?}");
    let config = builder.build().expect("a valid config");
    let config_debug = format!("{config:?}");

    let (errors, log) = log_capture::capture(async {
        let client = Client::new(config.clone());
        let service = client.call::<Echo>(EchoInput::new("ada")).await;
        // Nothing listens any more: a dispatch error that could quote the URL.
        let server_gone = Config::builder()
            .endpoint_url(format!(
                "http://admin:{PASSWORD}@127.0.0.1:{}",
                closed_port()
            ))
            .retry(RetryConfig::disabled())
            .build()
            .expect("a valid config");
        let refused = Client::new(server_gone)
            .call::<Echo>(EchoInput::new("ada"))
            .await;
        vec![service, refused]
    });
    let invalid = Config::builder()
        .endpoint_url(format!("http://admin:{PASSWORD}@bad host/"))
        .build()
        .expect_err("a space is not allowed in a host");
    let seen = server.finish();

    let mut outputs = vec![
        ("ConfigBuilder Debug", builder_debug),
        ("Config Debug", config_debug),
        ("invalid URL error", invalid.to_string()),
        ("log", log.clone()),
        ("request head", seen[0].head.clone()),
    ];
    for error in &errors {
        let error = error.as_ref().expect_err("both calls fail");
        outputs.push(("error Display", error.to_string()));
        outputs.push(("error Debug", format!("{error:?}")));
    }
    for (what, text) in &outputs {
        assert!(
            !text.contains(PASSWORD),
            "{what} leaks the password:\n{text}"
        );
        assert!(
            !text.to_ascii_lowercase().contains("authorization: basic"),
            "{what}: {text}"
        );
    }
    assert!(
        seen[0].head.contains("host: 127.0.0.1:"),
        "{}",
        seen[0].head
    );
    assert!(outputs[0].1.contains("***@127.0.0.1"), "{}", outputs[0].1);
    assert!(
        log.contains("call failed"),
        "the log captured nothing:\n{log}"
    );
    println!(
        "user-info: absent from {} outputs and from the request",
        outputs.len()
    );
}

fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("address").port()
}

#[tokio::test]
async fn a_configured_proxy_gets_absolute_form_http_and_connect_for_https() {
    // Plain HTTP: the proxy answers for the service.
    let proxy = Server::start(vec![
        Box::new(|stream, _| respond(stream, 200, "", r#"{"Greeting":"via proxy"}"#)),
        Box::new(|stream, _| {
            use std::io::Write;
            let _ = stream.write_all(b"HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n");
        }),
    ]);
    let proxy_url = format!("http://user:{PASSWORD}@127.0.0.1:{}", proxy.port);
    let config = |endpoint: &str| {
        Config::builder()
            .endpoint_url(endpoint)
            .retry(RetryConfig::disabled())
            .proxy(ProxyConfig::all(proxy_url.clone()))
            .build()
            .expect("a valid config")
    };
    let output = Client::new(config("http://service.test"))
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .expect("the proxy answered");
    assert_eq!(output.greeting, "via proxy");
    // HTTPS: the proxy only sees a CONNECT (and refuses it).
    let error = Client::new(config("https://service.test"))
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .expect_err("the tunnel was refused");
    let seen = proxy.finish();
    assert!(
        seen[0]
            .head
            .starts_with("POST http://service.test/ HTTP/1.1"),
        "{}",
        seen[0].head
    );
    assert!(seen[0]
        .head
        .to_ascii_lowercase()
        .contains("proxy-authorization: basic "));
    assert!(
        seen[1]
            .head
            .starts_with("CONNECT service.test:443 HTTP/1.1"),
        "{}",
        seen[1].head
    );
    assert!(seen[1].body.is_empty() && !seen[1].head.contains(SECRET_TOKEN));
    let SdkError::Dispatch(source) = &error else {
        panic!("expected a dispatch error, got {error:?}");
    };
    let transport = source
        .downcast_ref::<TransportError>()
        .expect("a TransportError");
    assert_eq!(transport.kind(), TransportErrorKind::Connect, "{transport}");
    for text in [
        error.to_string(),
        format!("{error:?}"),
        format!("{:?}", ProxyConfig::all(proxy_url.clone())),
    ] {
        assert!(!text.contains(PASSWORD), "{text}");
    }
    println!("proxy: absolute-form HTTP with Proxy-Authorization; HTTPS only via CONNECT");
}
