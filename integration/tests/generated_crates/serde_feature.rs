//! The opt-in `serde` feature of generated crates: the five-operation Cognito crate is generated
//! into `target/generated/cognito-serde` (with `serde_json` added as a dev-dependency) and its
//! extra test, below, round-trips inputs, outputs, nested types and enums through JSON with
//! `--features serde`. Clippy also runs with the feature, warnings denied.
//!
//! The runtime's own `serde` support (Blob, DateTime, Document) is unit-tested in
//! `runtime/src/serde_impls.rs`.

use integration_tests::generated_crate::{cargo_ok, generate_crate, workspace_root};
use smithy_codegen::{Generator, Model, RuntimeDependency, Settings};

const SERDE_TESTS: &str = r#####"//! serde round trips (written by integration/tests/generated_crates/serde_feature.rs).
#![cfg(feature = "serde")]

use cognito_serde::operation::get_user::GetUserOutput;
use cognito_serde::operation::update_user_attributes::UpdateUserAttributesInput;
use cognito_serde::types::{AttributeType, CodeDeliveryDetailsType, DeliveryMediumType, MfaOptionType};

fn round_trip<T>(value: &T) -> (serde_json::Value, T)
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let json = serde_json::to_value(value).unwrap_or_else(|e| panic!("serialize: {e}"));
    let back = serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("deserialize {json}: {e}"));
    (json, back)
}

fn attribute(name: &str, value: &str) -> AttributeType {
    AttributeType::builder().name(name).value(value).build().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_input_round_trips_with_model_member_names() {
    let input = UpdateUserAttributesInput::builder()
        .user_attributes(attribute("email", "ada@example.com"))
        .user_attributes(attribute("custom:team", "engines"))
        .access_token("token")
        .client_metadata("source", "test")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let (json, back) = round_trip(&input);
    assert_eq!(back, input);
    assert_eq!(json["UserAttributes"][1]["Name"], "custom:team");
    assert_eq!(json["AccessToken"], "token");
    assert_eq!(json["ClientMetadata"]["source"], "test");
}

#[test]
fn an_output_round_trips_without_its_response_metadata() {
    let output = GetUserOutput::builder()
        .username("ada")
        .user_attributes(attribute("email", "ada@example.com"))
        .mfa_options(
            MfaOptionType::builder()
                .delivery_medium(DeliveryMediumType::Sms)
                .attribute_name("phone_number")
                .build(),
        )
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let (json, back) = round_trip(&output);
    assert_eq!(back, output);
    assert_eq!(json["Username"], "ada");
    assert_eq!(json["MFAOptions"][0]["DeliveryMedium"], "SMS");
    let text = json.to_string();
    assert!(!text.contains("_meta"), "{text}");
}

#[test]
fn enums_are_their_wire_values_and_keep_unknown_ones() {
    let details = CodeDeliveryDetailsType::builder()
        .destination("a***@example.com")
        .delivery_medium(DeliveryMediumType::from("CARRIER_PIGEON"))
        .build();
    let (json, back) = round_trip(&details);
    assert_eq!(json["DeliveryMedium"], "CARRIER_PIGEON");
    assert_eq!(back.delivery_medium(), Some(&DeliveryMediumType::Unknown("CARRIER_PIGEON".to_owned())));
    let known: DeliveryMediumType = serde_json::from_str("\"EMAIL\"").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(known, DeliveryMediumType::Email);
}

#[test]
fn absent_optional_members_read_as_none() {
    let details: CodeDeliveryDetailsType =
        serde_json::from_str(r#"{"AttributeName":"email"}"#).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(details.attribute_name(), Some("email"));
    assert_eq!(details.destination(), None);
}
"#####;

#[test]
fn serde_feature_round_trips_generated_types() {
    let path = workspace_root()
        .join("models")
        .join("cognito-identity-provider.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let model = Model::load(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let generator =
        Generator::new(model).settings(Settings::default().package_name("cognito-serde"));

    // The generated manifest, as `generate_crate` writes it, plus a dev-dependency for the test.
    let manifest = generator
        .clone()
        .settings(
            Settings::default()
                .package_name("cognito-serde")
                .runtime(RuntimeDependency::Path(
                    workspace_root().join("runtime").display().to_string(),
                ))
                .standalone_workspace(true),
        )
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
        .files
        .get(std::path::Path::new("Cargo.toml"))
        .cloned()
        .unwrap_or_else(|| panic!("no Cargo.toml generated"));
    assert!(
        manifest.contains(r#"serde = ["dep:serde", "smithy-runtime/serde"]"#),
        "{manifest}"
    );
    let manifest = format!("{manifest}\n[dev-dependencies]\nserde_json = \"1\"\n");

    let dir = generate_crate(
        "cognito-serde",
        generator,
        &[
            ("Cargo.toml".to_owned(), manifest),
            (
                "tests/serde_round_trip.rs".to_owned(),
                SERDE_TESTS.to_owned(),
            ),
        ],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    cargo_ok(
        &dir,
        &[
            "clippy",
            "--quiet",
            "--all-targets",
            "--features",
            "serde",
            "--",
            "-D",
            "warnings",
        ],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let run = cargo_ok(&dir, &["test", "--features", "serde"]).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        run.stdout.contains("test result: ok. 4 passed"),
        "the four round trips ran:\n{}",
        run.stdout
    );
}
