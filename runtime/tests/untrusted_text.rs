//! Text from outside the program is cut to a bounded length before it reaches a message or a
//! log line (issue 10, finding 7): a 1 MB `__type` and message from a server this test runs
//! on 127.0.0.1, a 200 KB request id, and a 1 MB input value that breaks a non-sensitive
//! `@pattern`.
#![cfg(feature = "hyper")]

mod client_support;
mod log_capture;
mod loopback;

use client_support::*;
use loopback::{respond, Server};
use smithy_runtime::client::{Client, Config, RetryConfig};
use smithy_runtime::error::ProvideErrorMetadata;
use smithy_runtime::untrusted::MAX_UNTRUSTED_TEXT;
use smithy_runtime::validation::{Pattern, Validate, Validator};

const MEGABYTE: usize = 1_000_000;

/// The longest run of `c` in `text`.
fn longest_run(text: &str, c: char) -> usize {
    text.split(|other| other != c)
        .map(str::len)
        .max()
        .unwrap_or(0)
}

#[test]
fn a_megabyte_error_code_and_message_are_cut_in_display_and_logs() {
    let code = "X".repeat(MEGABYTE);
    let message = "Y".repeat(MEGABYTE);
    // hyper refuses response heads over ~400 KB (a protocol error), so the id is 200 KB.
    let request_id = "Z".repeat(200_000);
    let body = format!(r#"{{"__type":"{code}","message":"{message}"}}"#);
    let server = Server::start(vec![Box::new(move |stream, _| {
        let header = format!("x-amzn-requestid: {request_id}\r\n");
        respond(stream, 400, &header, &body)
    })]);
    let config = Config::builder()
        .endpoint_url(server.url())
        .retry(RetryConfig::disabled())
        .build()
        .expect("a valid config");
    let (result, log) = log_capture::capture(async move {
        Client::new(config)
            .call::<Echo>(EchoInput::new("ada"))
            .await
    });
    server.finish();
    let error = result.expect_err("a 400");
    let service = error.as_service_error().expect("a service error");
    let display = error.to_string();
    let debug = format!("{error:?}");
    for (what, text) in [("Display", &display), ("Debug", &debug), ("log", &log)] {
        for c in ['X', 'Y', 'Z'] {
            let run = longest_run(text, c);
            assert!(
                run <= 4 * MAX_UNTRUSTED_TEXT,
                "{what} holds {run} bytes of {c}"
            );
        }
    }
    assert!(service.code().is_some_and(|code| code.starts_with("XXXX")));
    assert!(
        display.contains("more bytes)"),
        "the cut is not marked: {display:.300}"
    );
    assert!(log.contains("call failed"), "nothing was logged");
    println!(
        "1 MB code and message, 200 KB request id: Display {} bytes, Debug {} bytes, log {} bytes",
        display.len(),
        debug.len(),
        log.len()
    );
}

struct Named(String);

impl Validate for Named {
    fn validate_into(&self, validator: &mut Validator) {
        static PATTERN: Pattern = Pattern::new("^[a-z]+$");
        validator.member("Name", |v| v.pattern(&self.0, &PATTERN, false));
    }
}

#[test]
fn a_megabyte_input_breaking_a_pattern_is_cut_in_the_message() {
    let error = Named("Q".repeat(MEGABYTE))
        .validate()
        .expect_err("not lower case");
    let message = error.to_string();
    assert!(
        longest_run(&message, 'Q') <= MAX_UNTRUSTED_TEXT,
        "{}",
        message.len()
    );
    assert!(
        message.contains("does not match the pattern `^[a-z]+$`"),
        "{message:.400}"
    );
    println!("1 MB pattern violation: message {} bytes", message.len());
}
