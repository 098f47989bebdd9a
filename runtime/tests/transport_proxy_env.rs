//! The `*_PROXY` environment variables are ignored unless the application opts in (issue 10,
//! finding 4), and after the opt-in `NO_PROXY` and loopback destinations still bypass the
//! proxy. One test in its own binary, because it changes the process environment.
//!
//! Every address is this machine: the "proxy" and the service listen on 127.0.0.1, and the
//! non-loopback destination is `0.0.0.0`, which Linux delivers to a local listener (so the
//! proxy rules treat it as a remote host while no packet leaves the machine).
#![cfg(all(feature = "hyper", target_os = "linux"))]

mod client_support;
mod loopback;

use std::time::Duration;

use client_support::*;
use loopback::{answer, Server};
use smithy_runtime::client::{Client, Config, ProxyConfig, RetryConfig};

/// Sets the `*_PROXY` variables to a fresh proxy server, calls `Echo` on a fresh service at
/// `service_host`, with [`ProxyConfig::from_env`] when `opt_in`; returns whether the service,
/// and whether the proxy, received the request.
async fn route(service_host: &str, opt_in: bool) -> (bool, bool) {
    let service = Server::start(vec![answer(200, "", r#"{"Greeting":"direct"}"#)]);
    let proxy_server = Server::start(vec![answer(200, "", r#"{"Greeting":"proxied"}"#)]);
    let proxy_url = format!("http://127.0.0.1:{}", proxy_server.port);
    std::env::set_var("HTTP_PROXY", &proxy_url);
    std::env::set_var("HTTPS_PROXY", &proxy_url);
    std::env::set_var("ALL_PROXY", &proxy_url);
    let mut builder = Config::builder()
        .endpoint_url(format!("http://{service_host}:{}", service.port))
        .retry(RetryConfig::disabled())
        .read_timeout(Duration::from_secs(3));
    if opt_in {
        // Read now, after the variables point at this call's proxy.
        builder = builder.proxy(ProxyConfig::from_env());
    }
    let output = Client::new(builder.build().expect("a valid config"))
        .call::<Echo>(EchoInput::new("ada"))
        .await
        .expect("one of the two servers answers");
    let (direct, proxied) = (
        !service.requests().is_empty(),
        !proxy_server.requests().is_empty(),
    );
    assert_eq!(output.greeting == "proxied", proxied);
    (direct, proxied)
}

#[tokio::test]
async fn environment_proxies_need_an_explicit_opt_in_and_spare_no_proxy_and_loopback() {
    std::env::remove_var("NO_PROXY");
    std::env::remove_var("no_proxy");
    std::env::remove_var("REQUEST_METHOD");
    // Default: the variables are set, and ignored.
    assert_eq!(
        route("0.0.0.0", false).await,
        (true, false),
        "env proxy used by default"
    );
    // Opt-in: a non-loopback destination goes through the proxy...
    assert_eq!(
        route("0.0.0.0", true).await,
        (false, true),
        "the opt-in did not use the proxy"
    );
    // ...unless NO_PROXY names it...
    std::env::set_var("NO_PROXY", "0.0.0.0");
    assert_eq!(route("0.0.0.0", true).await, (true, false));
    std::env::remove_var("NO_PROXY");
    // ...and loopback never does.
    assert_eq!(route("127.0.0.1", true).await, (true, false));
    println!("env proxies: ignored by default; opt-in honours NO_PROXY and loopback");
}
