//! Client-side validation: inputs that break `@required`, `@length`, `@pattern` or `@range`
//! fail before any I/O with a validation error naming the member path, the constraint and the
//! offending length or value (never the value of a `@sensitive` member).
//!
//! Two parts:
//! * the checked-in five-operation Cognito crate, through `Validate` directly and through the
//!   client with an `InMemoryTransport` that must see no request;
//! * our own model `codegen/tests/models/constraints.json` (`@range` on int/long/float, blob
//!   length, map length and key pattern, nested lists of structures, sensitive members), generated
//!   into `target/generated/constraints` and tested there by `tests/constraints.rs` below.

use cognito_identity_provider::operation::update_user_attributes::UpdateUserAttributesInput;
use cognito_identity_provider::operation::verify_user_attribute::VerifyUserAttributeInput;
use cognito_identity_provider::types::AttributeType;
use cognito_identity_provider::{Client, Config};
use integration_tests::generated_crate::{cargo_ok, generate_crate, workspace_root};
use smithy_codegen::{Generator, Model, Settings};
use smithy_runtime::client::InMemoryTransport;
use smithy_runtime::error::SdkError;
use smithy_runtime::validation::{Validate, ValidationError, Violation, ViolationKind};

/// A token that matches `^[A-Za-z0-9-_=.]+$`; never echoed in any message.
const TOKEN: &str = "eyJraWQiOi.SECRET-TOKEN";

fn attribute(name: &str, value: &str) -> AttributeType {
    AttributeType::builder()
        .name(name)
        .value(value)
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn violations(result: Result<(), ValidationError>) -> Vec<Violation> {
    match result {
        Ok(()) => panic!("expected a validation error"),
        Err(error) => error.violations().to_vec(),
    }
}

fn find<'a>(violations: &'a [Violation], path: &str) -> &'a ViolationKind {
    violations
        .iter()
        .find(|v| v.path() == path)
        .map(Violation::kind)
        .unwrap_or_else(|| panic!("no violation at `{path}` in {violations:?}"))
}

fn update_input(attributes: Vec<AttributeType>, token: &str) -> UpdateUserAttributesInput {
    UpdateUserAttributesInput::builder()
        .set_user_attributes(Some(attributes))
        .access_token(token)
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_valid_input_passes() {
    let input = update_input(
        vec![
            attribute("email", "ada@example.com"),
            attribute("custom:team", ""),
        ],
        TOKEN,
    );
    assert_eq!(input.validate(), Ok(()));
}

#[test]
fn nested_list_member_length_and_pattern_name_the_path() {
    let input = update_input(
        vec![
            attribute("email", "ada@example.com"),
            attribute("given_name", "Ada"),
            // 33 characters: one past the maximum of 32.
            attribute(&"n".repeat(33), "x"),
            // A space is not in the allowed classes.
            attribute("has space", "x"),
            // Empty: below the minimum of 1 (and not matching `+`).
            attribute("", "x"),
        ],
        TOKEN,
    );
    let found = violations(input.validate());
    assert_eq!(
        find(&found, "UserAttributes[2].Name"),
        &ViolationKind::Length {
            min: Some(1),
            max: Some(32),
            actual: 33
        }
    );
    match find(&found, "UserAttributes[3].Name") {
        ViolationKind::Pattern { pattern, value } => {
            assert_eq!(*pattern, r"^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$");
            assert_eq!(value.as_deref(), Some("has space"));
        }
        other => panic!("expected a pattern violation, got {other:?}"),
    }
    assert!(found.iter().any(|v| v.path() == "UserAttributes[4].Name"
        && matches!(v.kind(), ViolationKind::Length { actual: 0, .. })));
    assert!(
        found
            .iter()
            .all(|v| !v.path().starts_with("UserAttributes[0]")
                && !v.path().starts_with("UserAttributes[1]")),
        "valid items are not reported: {found:?}"
    );
    let message = ValidationError::to_string(
        &input
            .validate()
            .err()
            .unwrap_or_else(|| panic!("expected an error")),
    );
    assert!(
        message.contains("`UserAttributes[2].Name` has length 33"),
        "{message}"
    );
    assert!(message.contains("between 1 and 32"), "{message}");
}

#[test]
fn string_length_counts_unicode_scalar_values() {
    // 32 characters of 4 bytes each: 128 bytes, but within the limit of 32 characters.
    let name = "𝔸".repeat(32);
    let input = update_input(vec![attribute(&name, "x")], TOKEN);
    assert_eq!(input.validate(), Ok(()));
    let input = update_input(vec![attribute(&"é".repeat(33), "x")], TOKEN);
    let found = violations(input.validate());
    assert_eq!(
        find(&found, "UserAttributes[0].Name"),
        &ViolationKind::Length {
            min: Some(1),
            max: Some(32),
            actual: 33
        }
    );
}

#[test]
fn sensitive_values_are_measured_but_never_echoed() {
    let long_value = format!("{TOKEN}{}", "v".repeat(2049));
    let input = update_input(
        vec![attribute("email", &long_value)],
        "bad token with spaces",
    );
    let error = input
        .validate()
        .err()
        .unwrap_or_else(|| panic!("expected an error"));
    let found = error.violations();
    assert!(matches!(
        find(found, "UserAttributes[0].Value"),
        ViolationKind::Length {
            max: Some(2048),
            ..
        }
    ));
    assert_eq!(
        find(found, "AccessToken"),
        &ViolationKind::Pattern {
            pattern: "^[A-Za-z0-9-_=.]+$",
            value: None
        }
    );
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("bad token"), "{shown}");
    assert!(!shown.contains("SECRET-TOKEN"), "{shown}");
    assert!(shown.contains("(sensitive)"), "{shown}");
}

#[test]
fn every_violation_is_reported_at_once() {
    let input = VerifyUserAttributeInput::builder()
        .access_token("not valid!")
        .attribute_name("")
        .code("has space")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let found = violations(input.validate());
    let paths: Vec<&str> = found.iter().map(Violation::path).collect();
    assert!(paths.contains(&"AccessToken"), "{paths:?}");
    assert!(paths.contains(&"AttributeName"), "{paths:?}");
    assert!(paths.contains(&"Code"), "{paths:?}");
}

fn client(transport: &InMemoryTransport, validation: bool) -> Client {
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url("http://localhost:1")
        .http_transport(transport.clone())
        .validation(validation)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    Client::new(config)
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .map(|runtime| runtime.block_on(future))
        .unwrap_or_else(|e| panic!("no runtime: {e}"))
}

#[test]
fn the_client_rejects_invalid_input_without_sending() {
    let transport = InMemoryTransport::new();
    let client = client(&transport, true);
    let result = block_on(
        client
            .update_user_attributes()
            .user_attributes(attribute(&"n".repeat(40), "x"))
            .access_token(TOKEN)
            .send(),
    );
    match result {
        Err(SdkError::Validation(error)) => {
            let found = error.violations();
            assert!(matches!(
                find(found, "UserAttributes[0].Name"),
                ViolationKind::Length { actual: 40, .. }
            ));
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(transport.request_count(), 0, "nothing was sent");
}

#[test]
fn missing_required_members_are_validation_errors_naming_each_member() {
    let transport = InMemoryTransport::new();
    let client = client(&transport, true);
    let result = block_on(client.verify_user_attribute().code("123456").send());
    match result {
        Err(SdkError::Validation(error)) => {
            assert_eq!(
                find(error.violations(), "AccessToken"),
                &ViolationKind::Required
            );
            assert_eq!(
                find(error.violations(), "AttributeName"),
                &ViolationKind::Required
            );
            assert_eq!(error.violations().len(), 2, "{error}");
            assert!(
                error.to_string().contains("`AccessToken` is required"),
                "{error}"
            );
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(transport.request_count(), 0, "nothing was sent");
}

#[test]
fn validation_can_be_turned_off() {
    let transport = InMemoryTransport::new().with_response(
        smithy_runtime::http::Response::builder()
            .status(200)
            .body(b"{}".to_vec())
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let client = client(&transport, false);
    let result = block_on(
        client
            .update_user_attributes()
            .user_attributes(attribute(&"n".repeat(40), "x"))
            .access_token("not a valid token!")
            .send(),
    );
    assert!(result.is_ok(), "{:?}", result.err());
    assert_eq!(
        transport.request_count(),
        1,
        "the invalid input was sent as is"
    );
}

/// The test run inside the crate generated from `constraints.json`.
const CONSTRAINTS_TESTS: &str = r#####"//! Constraint checks of the generated `constraints` crate (written by integration/tests/generated_crates/validation.rs).

use constraints::operation::put_record::PutRecordInput;
use constraints::types::{Cell, Choice};
use smithy_runtime::validation::{Validate, ViolationKind};
use smithy_runtime::Blob;

fn cell(label: &str) -> Cell {
    Cell::builder().label(label).build().unwrap_or_else(|e| panic!("{e}"))
}

fn input() -> constraints::operation::put_record::PutRecordInputBuilder {
    PutRecordInput::builder().name("ok1")
}

fn violations(input: &PutRecordInput) -> Vec<(String, ViolationKind)> {
    match input.validate() {
        Ok(()) => Vec::new(),
        Err(error) => error
            .violations()
            .iter()
            .map(|v| (v.path().to_owned(), v.kind().clone()))
            .collect(),
    }
}

fn only(input: PutRecordInputBuilder) -> (String, ViolationKind) {
    let input = input.build().unwrap_or_else(|e| panic!("{e}"));
    let mut found = violations(&input);
    assert_eq!(found.len(), 1, "{found:?}");
    found.remove(0)
}

use constraints::operation::put_record::PutRecordInputBuilder;

#[test]
fn valid_input_passes() {
    let input = input()
        .count(10)
        .total(5_000_000_000)
        .ratio(2.5)
        .weight(-1.5)
        .payload(Blob::new(vec![1, 2, 3, 4]))
        .labels("env", "prod")
        .grid(vec![cell("ab"), cell("cd")])
        .secret("1234")
        .pin(1000)
        .choice(Choice::Level(1))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(violations(&input), []);
}

#[test]
fn integer_range() {
    let (path, kind) = only(input().count(0));
    assert_eq!(path, "Count");
    assert_eq!(kind, ViolationKind::Range { min: Some(1.0), max: Some(10.0), value: Some(0.0) });
    let (_, kind) = only(input().count(11));
    assert!(matches!(kind, ViolationKind::Range { value: Some(v), .. } if v == 11.0));
}

#[test]
fn long_range_beyond_i32() {
    let (path, kind) = only(input().total(5_000_000_001));
    assert_eq!(path, "Total");
    assert_eq!(kind, ViolationKind::Range { min: Some(-5.0), max: Some(5e9), value: Some(5_000_000_001.0) });
    let (_, kind) = only(input().total(-6));
    assert!(matches!(kind, ViolationKind::Range { value: Some(v), .. } if v == -6.0));
}

#[test]
fn float_and_double_range() {
    let (path, kind) = only(input().ratio(0.25));
    assert_eq!(path, "Ratio");
    assert_eq!(kind, ViolationKind::Range { min: Some(0.5), max: Some(2.5), value: Some(0.25) });
    let (path, _) = only(input().weight(1.75));
    assert_eq!(path, "Weight");
}

#[test]
fn blob_length_counts_bytes() {
    let (path, kind) = only(input().payload(Blob::new(vec![0; 5])));
    assert_eq!(path, "Payload");
    assert_eq!(kind, ViolationKind::Length { min: Some(1), max: Some(4), actual: 5 });
    let (_, kind) = only(input().payload(Blob::new(Vec::new())));
    assert!(matches!(kind, ViolationKind::Length { actual: 0, .. }));
}

#[test]
fn map_length_key_pattern_and_value_length() {
    let (path, kind) = only(input().labels("a", "1").labels("b", "2").labels("c", "3").labels("d", "4"));
    assert_eq!(path, "Labels");
    assert_eq!(kind, ViolationKind::Length { min: Some(1), max: Some(3), actual: 4 });

    let (path, kind) = only(input().labels("Upper", "1"));
    assert_eq!(path, r#"Labels["Upper"]"#);
    assert_eq!(kind, ViolationKind::Pattern { pattern: "^[a-z]+$", value: Some("Upper".to_owned()) });

    let (path, kind) = only(input().labels("ok", "toolong"));
    assert_eq!(path, r#"Labels["ok"]"#);
    assert_eq!(kind, ViolationKind::Length { min: None, max: Some(4), actual: 7 });
}

#[test]
fn nested_lists_of_structures() {
    let grid = vec![
        vec![cell("ab")],
        vec![cell("cd"), cell("x"), Cell::builder().label("ef").score(99).hidden("12ab").build().unwrap_or_else(|e| panic!("{e}"))],
        Vec::new(),
    ];
    let input = input()
        .set_grid(Some(grid))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let found = violations(&input);
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        ["Grid[1][1].Label", "Grid[1][2].Score", "Grid[1][2].Hidden", "Grid[2]"],
        "{found:?}"
    );
    assert_eq!(found[0].1, ViolationKind::Length { min: Some(2), max: Some(5), actual: 1 });
    assert_eq!(found[3].1, ViolationKind::Length { min: Some(1), max: None, actual: 0 });
    // The hidden value is sensitive: the pattern violation does not carry it.
    assert_eq!(found[2].1, ViolationKind::Pattern { pattern: "^[0-9]+$", value: None });
}

#[test]
fn list_length() {
    let (path, kind) = only(input().grid(vec![cell("ab")]).grid(vec![cell("ab")]).grid(vec![cell("ab")]).grid(vec![cell("ab")]));
    assert_eq!(path, "Grid");
    assert_eq!(kind, ViolationKind::Length { min: None, max: Some(3), actual: 4 });
}

#[test]
fn sensitive_members_are_never_echoed() {
    let input = input()
        .secret("12")
        .pin(42)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let error = input.validate().err().unwrap_or_else(|| panic!("expected an error"));
    let kinds: Vec<_> = error.violations().iter().map(|v| (v.path(), v.kind().clone())).collect();
    assert_eq!(
        kinds,
        [
            ("Secret", ViolationKind::Length { min: Some(4), max: Some(8), actual: 2 }),
            ("Pin", ViolationKind::Range { min: Some(1000.0), max: Some(9999.0), value: None }),
        ]
    );
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("42"), "{shown}");
    let input = PutRecordInput::builder().name("ok1").secret("abcd").build().unwrap_or_else(|e| panic!("{e}"));
    let shown = format!("{:?}", input.validate());
    assert!(!shown.contains("abcd"), "{shown}");
}

#[test]
fn union_members_and_unicode_names() {
    let (path, kind) = only(input().choice(Choice::Level(0)));
    assert_eq!(path, "Choice.Level");
    assert!(matches!(kind, ViolationKind::Range { .. }));
    let (path, kind) = only(input().choice(Choice::Short("a-b".to_owned())));
    assert_eq!(path, "Choice.Short");
    assert!(matches!(kind, ViolationKind::Pattern { value: Some(_), .. }));
    // Five letters outside ASCII: within the maximum of five characters.
    let input = PutRecordInput::builder().name("ÅßÇđé").build().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(violations(&input), []);
}
"#####;

#[test]
fn constraints_model_generates_and_its_checks_pass() {
    let path = workspace_root()
        .join("codegen")
        .join("tests")
        .join("models")
        .join("constraints.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let model = Model::load(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let generator = Generator::new(model).settings(Settings::default().package_name("constraints"));
    let dir = generate_crate(
        "constraints",
        generator,
        &[(
            "tests/constraints.rs".to_owned(),
            CONSTRAINTS_TESTS.to_owned(),
        )],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    cargo_ok(
        &dir,
        &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    cargo_ok(&dir, &["test", "--quiet"]).unwrap_or_else(|e| panic!("{e}"));
}
