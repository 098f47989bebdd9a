//! Builders and value types: missing members are named, `new(required…)` matches the
//! builder, `@sensitive` values never reach `Debug`, unknown enum values round-trip.

use super::{json_response, serialize, ACCESS_TOKEN};
use cognito_identity_provider::operation::get_user::{GetUser, GetUserInput};
use cognito_identity_provider::operation::get_user_attribute_verification_code::GetUserAttributeVerificationCode;
use cognito_identity_provider::operation::update_user_attributes::{
    UpdateUserAttributes, UpdateUserAttributesInput,
};
use cognito_identity_provider::operation::verify_user_attribute::VerifyUserAttributeInput;
use cognito_identity_provider::runtime::client::{Config, InMemoryTransport};
use cognito_identity_provider::runtime::json::ToJson;
use cognito_identity_provider::runtime::operation::Operation;
use cognito_identity_provider::runtime::sensitive::REDACTED_TEXT;
use cognito_identity_provider::types::{
    AttributeType, CodeDeliveryDetailsType, DeliveryMediumType,
};
use serde_json::json;

/// A token that would be easy to spot in a log line.
const SECRET_TOKEN: &str = "secret-access-token-0123456789";
/// An attribute value marked `@sensitive` in the model.
const SECRET_VALUE: &str = "ada-private@example.com";

#[test]
fn build_names_the_missing_member() {
    let error = GetUserInput::builder()
        .build()
        .expect_err("AccessToken is required");
    assert_eq!(error.member(), "AccessToken");
    assert_eq!(error.shape(), "GetUserRequest");
    assert!(error.to_string().contains("`AccessToken`"), "{error}");

    // The first missing member in model order is named.
    let error = VerifyUserAttributeInput::builder()
        .access_token(ACCESS_TOKEN)
        .code("123456")
        .build()
        .expect_err("AttributeName is required");
    assert_eq!(error.member(), "AttributeName");

    let error = UpdateUserAttributesInput::builder()
        .access_token(ACCESS_TOKEN)
        .build()
        .expect_err("UserAttributes is required");
    assert_eq!(error.member(), "UserAttributes");

    let error = AttributeType::builder()
        .value("v")
        .build()
        .expect_err("Name is required");
    assert_eq!((error.shape(), error.member()), ("AttributeType", "Name"));
}

#[test]
fn new_sets_the_required_members() {
    let built = VerifyUserAttributeInput::builder()
        .access_token(ACCESS_TOKEN)
        .attribute_name("email")
        .code("123456")
        .build()
        .expect("all required members are set");
    let new = VerifyUserAttributeInput::new(ACCESS_TOKEN, "email", "123456");
    assert_eq!(new, built);
    assert_eq!(new.access_token(), ACCESS_TOKEN);
    assert_eq!(new.attribute_name(), "email");
    assert_eq!(new.code(), "123456");

    let input = UpdateUserAttributesInput::new(vec![AttributeType::new("nickname")], ACCESS_TOKEN);
    assert_eq!(input.user_attributes()[0].name(), "nickname");
    assert_eq!(input.user_attributes()[0].value(), None);
    assert_eq!(input.client_metadata(), None);
}

fn assert_redacted(what: &str, debug: &str) {
    assert!(
        !debug.contains(SECRET_TOKEN) && !debug.contains(SECRET_VALUE),
        "{what} leaks a sensitive value: {debug}"
    );
    assert!(
        debug.contains(REDACTED_TEXT),
        "{what} shows no redaction marker: {debug}"
    );
}

#[test]
fn sensitive_values_never_appear_in_debug() {
    let attribute = AttributeType::builder()
        .name("email")
        .value(SECRET_VALUE)
        .build()
        .expect("name is set");
    let debug = format!("{attribute:?}");
    assert_redacted("AttributeType", &debug);
    // Only the sensitive member is hidden.
    assert!(debug.contains("email"), "{debug}");
    assert_redacted(
        "AttributeTypeBuilder",
        &format!("{:?}", AttributeType::builder().value(SECRET_VALUE)),
    );

    let input = GetUserInput::new(SECRET_TOKEN);
    assert_redacted("GetUserInput", &format!("{input:?}"));
    assert_redacted(
        "GetUserInputBuilder",
        &format!("{:?}", GetUserInput::builder().access_token(SECRET_TOKEN)),
    );
    let input = UpdateUserAttributesInput::new(vec![attribute.clone()], SECRET_TOKEN);
    assert_redacted("UpdateUserAttributesInput", &format!("{input:?}"));
    assert_redacted(
        "UpdateUserAttributesInputBuilder",
        &format!(
            "{:?}",
            UpdateUserAttributesInput::builder()
                .access_token(SECRET_TOKEN)
                .user_attributes(attribute.clone())
        ),
    );

    let config = Config::builder()
        .endpoint_url("http://127.0.0.1:9")
        .http_transport(InMemoryTransport::new())
        .build()
        .expect("a valid config");
    let client = cognito_identity_provider::Client::new(config);
    let fluent = client.get_user().access_token(SECRET_TOKEN);
    assert_redacted("GetUserFluentBuilder", &format!("{fluent:?}"));
    let fluent = client
        .update_user_attributes()
        .access_token(SECRET_TOKEN)
        .user_attributes(attribute);
    assert_redacted("UpdateUserAttributesFluentBuilder", &format!("{fluent:?}"));

    // Redaction is for Debug only: the wire carries the real values.
    let request = serialize::<GetUser>(&GetUserInput::new(SECRET_TOKEN));
    assert!(String::from_utf8_lossy(request.body()).contains(SECRET_TOKEN));

    // Outputs too: `Username` and attribute values are sensitive.
    let body = json!({
        "Username": SECRET_VALUE,
        "UserAttributes": [{ "Name": "email", "Value": SECRET_VALUE }]
    });
    let output = GetUser::deserialize(&json_response(200, "r", &body)).expect("valid");
    assert_redacted("GetUserOutput", &format!("{output:?}"));
}

#[test]
fn unknown_enum_values_round_trip() {
    assert_eq!(DeliveryMediumType::from("SMS"), DeliveryMediumType::Sms);
    assert_eq!(DeliveryMediumType::from("EMAIL"), DeliveryMediumType::Email);
    let unknown = DeliveryMediumType::from("VOICE");
    assert_eq!(unknown, DeliveryMediumType::Unknown("VOICE".to_owned()));
    assert_eq!(unknown.as_str(), "VOICE");
    assert_eq!(unknown.to_string(), "VOICE");
    assert_eq!(unknown.to_json(), json!("VOICE"));
    assert_eq!("VOICE".parse::<DeliveryMediumType>(), Ok(unknown.clone()));

    // Through a response and back out as JSON, unchanged.
    let body = json!({
        "CodeDeliveryDetails": { "DeliveryMedium": "VOICE", "Destination": "+*******0100" }
    });
    let output = GetUserAttributeVerificationCode::deserialize(&json_response(200, "r", &body))
        .expect("an unknown enum value is not an error");
    let details: &CodeDeliveryDetailsType = output.code_delivery_details().expect("set");
    assert_eq!(details.delivery_medium(), Some(&unknown));
    assert_eq!(
        details.to_json(),
        json!({ "DeliveryMedium": "VOICE", "Destination": "+*******0100" })
    );

    let body = json!({
        "CodeDeliveryDetailsList": [{ "DeliveryMedium": "CARRIER_PIGEON" }]
    });
    let output = UpdateUserAttributes::deserialize(&json_response(200, "r", &body))
        .expect("an unknown enum value is not an error");
    let list = output.code_delivery_details_list().expect("set");
    assert_eq!(
        list[0].delivery_medium().map(DeliveryMediumType::as_str),
        Some("CARRIER_PIGEON")
    );
}
