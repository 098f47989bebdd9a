//! Copied into the crate generated from `codegen/tests/models/obstacle-course.json` as
//! `tests/use_renamed_items.rs` by `integration/tests/generated_crates/obstacle_course.rs`: it proves that the
//! renamed items are not only compilable but usable, and that every renamed member still
//! travels under its model name on the wire.

use obstacle_course::error::{CallError, Error as ErrorShape, UnhandledError};
use obstacle_course::operation::config_op::ConfigInput;
use obstacle_course::operation::r#match::{Match, MatchError, MatchInput};
use obstacle_course::operation::r#type::{Type, TypeInput};
use obstacle_course::runtime::client::{Config, InMemoryTransport};
use obstacle_course::runtime::error::{ProvideErrorMetadata, SdkError};
use obstacle_course::runtime::http;
use obstacle_course::runtime::json::Value;
use obstacle_course::runtime::operation::{Operation, RequestContext};
use obstacle_course::types::{
    AbcThing, AbcThingShape, Box, Choice, Client, Color, Document, Level, MfaOptionType, Option,
    Result, SmsMfaSettingsType, String, Thing, ThingBuilderShape, Vec,
};

/// The JSON body `input` is sent with.
fn body_of<O: Operation>(input: &O::Input) -> Value {
    let token = || std::string::String::from("token");
    let context = RequestContext {
        endpoint: "https://obstacle.example.com",
        idempotency_token: &token,
    };
    let request = O::serialize(input, &context).expect("the request is built");
    obstacle_course::runtime::json::parse_body(request.body()).expect("the body is JSON")
}

fn response(status: u16, body: &str) -> http::Response<std::vec::Vec<u8>> {
    http::Response::builder()
        .status(status)
        .header("x-amzn-requestid", "req-1")
        .body(body.as_bytes().to_vec())
        .expect("a valid response")
}

#[test]
fn keyword_and_reserved_members_round_trip_under_their_model_names() {
    let input = MatchInput::builder()
        .r#type("t")
        .r#match("m")
        .self_("lower self")
        .self_value("upper self")
        .crate_("c")
        .super_("s")
        .builder_value("builder")
        .build_value("build")
        .new_value("new")
        .meta("meta")
        .send_value("send")
        .send_with_value("send with")
        .as_input_value("as input")
        .foo("foo")
        .set_foo_value("set foo")
        .foo_bar("camel")
        .foo_bar_value("snake")
        .secret("hunter2")
        .build()
        .expect("both required members are set");
    assert_eq!(input.r#type(), "t");
    assert_eq!(input.self_(), Some("lower self"));
    assert_eq!(input.self_value(), Some("upper self"));
    assert_eq!(input.set_foo_value(), Some("set foo"));

    let body = body_of::<Match>(&input);
    for (key, value) in [
        ("type", "t"),
        ("match", "m"),
        ("self", "lower self"),
        ("Self_", "upper self"),
        ("crate", "c"),
        ("super", "s"),
        ("builder", "builder"),
        ("build", "build"),
        ("new", "new"),
        ("meta", "meta"),
        ("send", "send"),
        ("sendWith", "send with"),
        ("asInput", "as input"),
        ("foo", "foo"),
        ("setFoo", "set foo"),
        ("fooBar", "camel"),
        ("foo_bar", "snake"),
        ("secret", "hunter2"),
    ] {
        assert_eq!(body[key], value, "member `{key}` in {body}");
    }
}

#[test]
fn builder_accessors_follow_the_renamed_fields() {
    let builder = MatchInput::builder()
        .set_self(Some("a".into()))
        .set_self_value(Some("b".into()))
        .set_foo(Some("c".into()))
        .set_set_foo_value(Some("d".into()));
    assert_eq!(builder.get_self().as_deref(), Some("a"));
    assert_eq!(builder.get_self_value().as_deref(), Some("b"));
    assert_eq!(builder.get_foo().as_deref(), Some("c"));
    assert_eq!(builder.get_set_foo_value().as_deref(), Some("d"));
    let error = builder
        .build()
        .expect_err("`type` and `secret` are missing");
    assert_eq!(error.member(), "type");

    let input = MatchInput::new("t", "hunter2");
    let debug = format!("{input:?}");
    assert!(!debug.contains("hunter2"), "the secret leaks: {debug}");
}

#[test]
fn shapes_named_like_std_types_are_ordinary_structures() {
    let result = Result::builder().ok("fine").build();
    let option = Option::builder().some("thing").build();
    let boxed = Box::builder().value("b").build();
    let string = String::builder().value("s").build();
    let vec = Vec::builder().value("v").build();
    let client = Client::builder().value("c").build();
    let document = Document::builder().value("d").build();
    assert_eq!(result.ok(), Some("fine"));
    assert_eq!(option.some(), Some("thing"));
    assert_eq!(boxed.value(), Some("b"));
    assert_eq!(string.value(), Some("s"));
    assert_eq!(vec.value(), Some("v"));
    assert_eq!(client.value(), Some("c"));
    assert_eq!(document.value(), Some("d"));

    // `ABCThing` and `Abc_Thing` both want `AbcThing`; `ThingBuilder` would be `Thing`'s builder.
    let first = AbcThing::builder().abc("1").build();
    let second = AbcThingShape::builder().abc("2").build();
    assert_eq!((first.abc(), second.abc()), (Some("1"), Some("2")));
    let thing = Thing::builder().name("n").build().expect("name is set");
    assert_eq!(thing, Thing::new("n"));
    // Members named after trait methods get a suffix, so the traits keep working.
    let odd = Thing::builder()
        .name("n")
        .default_value("d")
        .clone_value("c")
        .eq_value("e")
        .fmt_value("f")
        .to_string_value("s")
        .build()
        .expect("name is set");
    let copy = odd.clone();
    assert!(copy.eq(&odd));
    assert_eq!(
        (copy.default_value(), copy.clone_value(), copy.eq_value()),
        (Some("d"), Some("c"), Some("e"))
    );
    assert_eq!((copy.fmt_value(), copy.to_string_value()), (Some("f"), Some("s")));
    assert!(format!("{copy:?}").contains("fmt_value"));
    assert_eq!(Thing::builder().get_name(), &None);
    let parts = ThingBuilderShape::builder().parts("p").build();
    assert_eq!(parts.parts(), Some("p"));

    let input = MatchInput::builder()
        .r#type("t")
        .secret("s")
        .result(result)
        .option(option)
        .r#box(boxed)
        .string(string)
        .vec(vec)
        .client(client)
        .document(document)
        .abc_thing(first)
        .other_abc_thing(second)
        .thing(thing)
        .thing_builder(parts)
        .mfa_options(MfaOptionType::builder().delivery_medium("SMS").build())
        .sms_mfa_settings(SmsMfaSettingsType::builder().enabled(true).build())
        .build()
        .expect("required members are set");
    let body = body_of::<Match>(&input);
    assert_eq!(body["result"]["ok"], "fine");
    assert_eq!(body["box"]["value"], "b");
    assert_eq!(body["otherAbcThing"]["Abc"], "2");
    assert_eq!(body["thingBuilder"]["parts"], "p");
    assert_eq!(body["MFAOptions"][0]["DeliveryMedium"], "SMS");
    assert_eq!(body["SMSMfaSettings"]["Enabled"], true);
}

#[test]
fn enum_values_that_collide_after_camel_case_stay_apart() {
    assert_eq!(Color::from("foo-bar"), Color::FooBar);
    assert_eq!(Color::from("FooBar"), Color::FooBarValue);
    assert_eq!(Color::from("unknown"), Color::UnknownValue);
    assert_eq!(Color::from("self"), Color::SelfValue);
    assert_eq!(Color::from("brand-new"), Color::Unknown("brand-new".into()));
    assert_eq!(Color::FooBarValue.as_str(), "FooBar");
    assert_eq!(Level::from(1), Level::LowLevel);
    assert_eq!(Level::from(2), Level::LowLevelValue);
    assert_eq!(Level::from(3), Level::UnknownValue);
    assert_eq!(Level::from(9), Level::Unknown(9));
}

#[test]
fn union_member_named_unknown_is_not_the_catch_all() {
    let output = Match::deserialize(&response(
        200,
        r#"{"type": "t", "meta": "m", "metaMut": "mm", "choice": {"Unknown": "u"}}"#,
    ))
    .expect("a valid output");
    assert_eq!(output.r#type(), "t");
    assert_eq!(output.meta_value(), Some("m"));
    assert_eq!(output.meta_mut_value(), Some("mm"));
    let choice = output.choice().expect("choice is set");
    assert_eq!(choice, &Choice::UnknownValue("u".into()));
    assert!(choice.is_unknown_value());
    assert!(!choice.is_unknown());
    assert_eq!(choice.as_unknown_value(), Ok(&"u".to_owned()));

    let output = Match::deserialize(&response(
        200,
        r#"{"type": "t", "choice": {"somethingNew": 1}}"#,
    ))
    .expect("a valid output");
    let choice = output.choice().expect("choice is set");
    assert!(choice.is_unknown());
    assert_eq!(choice, &Choice::Unknown("somethingNew".into()));

    let unit = Choice::FooBarValue;
    assert!(unit.is_foo_bar_value() && !unit.is_foo_bar());
    assert!(Choice::SelfValue("s".into()).is_self_value());
    assert_eq!(Choice::Type("x".into()).as_type(), Ok(&"x".to_owned()));
}

/// Whether an error is the expected variant.
type IsVariant = fn(&MatchError) -> bool;

#[test]
fn errors_named_error_unhandled_and_call() {
    let cases: [(u16, &str, IsVariant); 4] = [
        (503, "Unhandled", |e| {
            matches!(e, MatchError::UnhandledError(_))
        }),
        (400, "Call", |e| matches!(e, MatchError::CallError(_))),
        (400, "Error", |e| matches!(e, MatchError::Error(_))),
        (400, "SomethingElse", |e| {
            matches!(e, MatchError::Unhandled(_))
        }),
    ];
    for (status, code, is_expected) in cases {
        let body = format!(r#"{{"__type": "{code}", "message": "about {code}"}}"#);
        let error = match Match::deserialize(&response(status, &body)) {
            Err(SdkError::Service(error)) => error,
            other => panic!("{code}: expected a service error, got {other:?}"),
        };
        assert!(is_expected(&error), "{code}: wrong variant {error:?}");
        assert_eq!(error.code(), Some(code));
        assert_eq!(error.message(), Some(format!("about {code}").as_str()));
        assert_eq!(error.request_id(), Some("req-1"));
        // Every operation error converts into the service-wide error.
        let service: obstacle_course::Error = error.into();
        let converted = match code {
            "Unhandled" => matches!(service, obstacle_course::Error::UnhandledError(_)),
            "Call" => matches!(service, obstacle_course::Error::CallError(_)),
            "Error" => matches!(service, obstacle_course::Error::Error(_)),
            _ => matches!(service, obstacle_course::Error::Unhandled(_)),
        };
        assert!(converted, "{code}: converted to {service:?}");
    }
    assert_eq!(UnhandledError::CODE, "Unhandled");
    assert_eq!(CallError::CODE, "Call");
    assert_eq!(ErrorShape::CODE, "Error");
    assert_eq!(ErrorShape::MODELED_HTTP_STATUS, Some(400));
    let error = ErrorShape::builder().meta_value("m").r#type("t").build();
    assert_eq!((error.meta_value(), error.r#type()), (Some("m"), Some("t")));
}

#[test]
fn operations_named_after_keywords_and_client_methods() {
    let body = body_of::<Type>(&TypeInput::builder().build());
    assert_eq!(body, Value::Object(Default::default()));
    assert_eq!(<Type as Operation>::NAME, "Type");
    let request_target = {
        let token = || std::string::String::new();
        let context = RequestContext {
            endpoint: "https://obstacle.example.com",
            idempotency_token: &token,
        };
        let request = <Match as Operation>::serialize(&MatchInput::new("t", "s"), &context)
            .expect("the request is built");
        request.headers()["x-amz-target"]
            .to_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(request_target, "ObstacleCourse.Match");

    let config = Config::builder()
        .endpoint_url("http://127.0.0.1:1")
        .http_transport(InMemoryTransport::new())
        .build()
        .expect("a valid config");
    let client = obstacle_course::Client::new(config);
    // `Config` is an operation too; its client method steps aside for `Client::config`.
    assert_eq!(client.config().endpoint_url(), Some("http://127.0.0.1:1"));
    let fluent = client.config_op().name("n");
    assert_eq!(fluent.get_name().as_deref(), Some("n"));
    let fluent = client
        .r#match()
        .r#type("t")
        .self_value("S")
        .set_foo_value("x");
    assert_eq!(fluent.as_input().get_self_value().as_deref(), Some("S"));
    assert_eq!(fluent.get_set_foo_value().as_deref(), Some("x"));
    let _ = client.r#type();
    let _ = ConfigInput::builder().name("n").build();
}
