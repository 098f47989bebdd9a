//! Reading success responses: every output member, response metadata, and leniency where
//! the protocol asks for it (unknown fields, `null`, missing required members).

use super::{json_response, response};
use cognito_identity_provider::operation::delete_user_attributes::DeleteUserAttributes;
use cognito_identity_provider::operation::get_user::GetUser;
use cognito_identity_provider::operation::get_user_attribute_verification_code::GetUserAttributeVerificationCode;
use cognito_identity_provider::operation::update_user_attributes::UpdateUserAttributes;
use cognito_identity_provider::operation::verify_user_attribute::VerifyUserAttribute;
use cognito_identity_provider::runtime::error::{ProvideResponseMetadata, SdkError};
use cognito_identity_provider::runtime::operation::Operation;
use cognito_identity_provider::types::{AttributeType, DeliveryMediumType};
use serde_json::json;

#[test]
fn get_user_reads_every_member() {
    let body = json!({
        "Username": "ada",
        "UserAttributes": [
            { "Name": "sub", "Value": "5f1c0c7e-0000-4000-8000-000000000001" },
            { "Name": "email", "Value": "ada@example.com" },
            { "Name": "email_verified", "Value": "true" }
        ],
        "MFAOptions": [{ "DeliveryMedium": "SMS", "AttributeName": "phone_number" }],
        "PreferredMfaSetting": "SOFTWARE_TOKEN_MFA",
        "UserMFASettingList": ["SOFTWARE_TOKEN_MFA", "SMS_MFA"]
    });
    let output = GetUser::deserialize(&json_response(200, "req-get-user", &body))
        .expect("a valid GetUser response");
    assert_eq!(output.username(), "ada");
    let attributes: Vec<(&str, Option<&str>)> = output
        .user_attributes()
        .iter()
        .map(|a| (a.name(), a.value()))
        .collect();
    assert_eq!(
        attributes,
        [
            ("sub", Some("5f1c0c7e-0000-4000-8000-000000000001")),
            ("email", Some("ada@example.com")),
            ("email_verified", Some("true")),
        ]
    );
    let mfa = output.mfa_options().expect("MFAOptions is set");
    assert_eq!(mfa.len(), 1);
    assert_eq!(mfa[0].delivery_medium(), Some(&DeliveryMediumType::Sms));
    assert_eq!(mfa[0].attribute_name(), Some("phone_number"));
    assert_eq!(output.preferred_mfa_setting(), Some("SOFTWARE_TOKEN_MFA"));
    assert_eq!(
        output.user_mfa_setting_list(),
        Some(&["SOFTWARE_TOKEN_MFA".to_owned(), "SMS_MFA".to_owned()][..])
    );
    let meta = output.response_metadata();
    assert_eq!(meta.request_id(), Some("req-get-user"));
    assert_eq!(meta.http_status(), Some(200));
}

#[test]
fn update_user_attributes_reads_code_delivery_details() {
    let body = json!({
        "CodeDeliveryDetailsList": [
            { "Destination": "a***@e***.com", "DeliveryMedium": "EMAIL", "AttributeName": "email" },
            { "Destination": "+*******0100", "DeliveryMedium": "SMS", "AttributeName": "phone_number" }
        ]
    });
    let output = UpdateUserAttributes::deserialize(&json_response(200, "req-update", &body))
        .expect("a valid UpdateUserAttributes response");
    let details = output
        .code_delivery_details_list()
        .expect("CodeDeliveryDetailsList is set");
    assert_eq!(details.len(), 2);
    assert_eq!(details[0].destination(), Some("a***@e***.com"));
    assert_eq!(
        details[0].delivery_medium(),
        Some(&DeliveryMediumType::Email)
    );
    assert_eq!(details[0].attribute_name(), Some("email"));
    assert_eq!(details[1].destination(), Some("+*******0100"));
    assert_eq!(details[1].delivery_medium(), Some(&DeliveryMediumType::Sms));
    assert_eq!(details[1].attribute_name(), Some("phone_number"));
    assert_eq!(output.response_metadata().request_id(), Some("req-update"));

    // cognito-local and moto answer `{}`: the optional list is simply absent.
    let output = UpdateUserAttributes::deserialize(&json_response(200, "r", &json!({})))
        .expect("an empty object is a valid response");
    assert_eq!(output.code_delivery_details_list(), None);
}

#[test]
fn get_user_attribute_verification_code_reads_code_delivery_details() {
    let body = json!({
        "CodeDeliveryDetails": {
            "Destination": "a***@e***.com",
            "DeliveryMedium": "EMAIL",
            "AttributeName": "email"
        }
    });
    let output =
        GetUserAttributeVerificationCode::deserialize(&json_response(200, "req-code", &body))
            .expect("a valid response");
    let details = output.code_delivery_details().expect("details are set");
    assert_eq!(details.destination(), Some("a***@e***.com"));
    assert_eq!(details.delivery_medium(), Some(&DeliveryMediumType::Email));
    assert_eq!(details.attribute_name(), Some("email"));
    assert_eq!(output.response_metadata().request_id(), Some("req-code"));
    assert_eq!(output.response_metadata().http_status(), Some(200));
}

#[test]
fn outputs_without_members_accept_an_object_or_an_empty_body() {
    for body in ["{}", "", "  \n"] {
        let response = response(200, &[("x-amzn-requestid", "req-empty")], body);
        let output = DeleteUserAttributes::deserialize(&response)
            .unwrap_or_else(|e| panic!("DeleteUserAttributes with body {body:?}: {e}"));
        assert_eq!(output.response_metadata().request_id(), Some("req-empty"));
        let output = VerifyUserAttribute::deserialize(&response)
            .unwrap_or_else(|e| panic!("VerifyUserAttribute with body {body:?}: {e}"));
        assert_eq!(output.response_metadata().http_status(), Some(200));
    }
}

#[test]
fn unknown_fields_are_ignored_at_every_level() {
    let body = json!({
        "Username": "ada",
        "UserAttributes": [{ "Name": "email", "Value": "ada@example.com", "Verified": true }],
        "MFAOptions": [{ "DeliveryMedium": "SMS", "AttributeName": "phone_number", "Extra": {} }],
        "SomethingNew": { "nested": [1, 2, 3] },
        "__type": "com.amazonaws.cognitoidentityprovider#GetUserResponse"
    });
    let output = GetUser::deserialize(&json_response(200, "r", &body))
        .expect("unknown fields must not fail the call");
    assert_eq!(output.username(), "ada");
    assert_eq!(output.user_attributes()[0].value(), Some("ada@example.com"));
    assert_eq!(
        output.mfa_options().expect("set")[0].attribute_name(),
        Some("phone_number")
    );
}

#[test]
fn null_reads_as_absent() {
    let body = json!({
        "Username": "ada",
        "UserAttributes": [{ "Name": "nickname", "Value": null }],
        "MFAOptions": null,
        "PreferredMfaSetting": null,
        "UserMFASettingList": null
    });
    let output = GetUser::deserialize(&json_response(200, "r", &body))
        .expect("null members are absent members");
    assert_eq!(output.user_attributes()[0].value(), None);
    assert_eq!(output.mfa_options(), None);
    assert_eq!(output.preferred_mfa_setting(), None);
    assert_eq!(output.user_mfa_setting_list(), None);

    let body = json!({ "CodeDeliveryDetails": null });
    let output = GetUserAttributeVerificationCode::deserialize(&json_response(200, "r", &body))
        .expect("null members are absent members");
    assert_eq!(output.code_delivery_details(), None);
}

#[test]
fn missing_required_output_members_get_their_zero_value() {
    // Client error correction: a response that breaks `@required` is still read.
    let output = GetUser::deserialize(&json_response(200, "r", &json!({})))
        .expect("missing required members are filled in, not an error");
    assert_eq!(output.username(), "");
    assert!(output.user_attributes().is_empty());

    let body = json!({ "Username": "ada", "UserAttributes": [{ "Value": "orphan" }] });
    let output = GetUser::deserialize(&json_response(200, "r", &body))
        .expect("a nested missing required member is filled in too");
    let attribute: &AttributeType = &output.user_attributes()[0];
    assert_eq!(attribute.name(), "");
    assert_eq!(attribute.value(), Some("orphan"));
}

#[test]
fn a_success_status_with_a_non_json_body_is_a_response_error() {
    let html = "<html><body><h1>Service Unavailable</h1></body></html>";
    let response = response(
        200,
        &[
            ("content-type", "text/html"),
            ("x-amzn-requestid", "req-html"),
        ],
        html,
    );
    match GetUser::deserialize(&response) {
        Err(SdkError::Response(error)) => {
            assert_eq!(error.http_status(), 200);
            assert_eq!(error.request_id(), Some("req-html"));
            assert!(
                !error.to_string().contains("Service Unavailable"),
                "body text must not leak into the message: {error}"
            );
        }
        other => panic!("expected a response error, got {other:?}"),
    }

    // A body of the wrong JSON type fails the same way, naming where it went wrong.
    let body = json!({ "Username": "ada", "UserAttributes": "not a list" });
    match GetUser::deserialize(&json_response(200, "req-type", &body)) {
        Err(SdkError::Response(error)) => {
            assert_eq!(error.request_id(), Some("req-type"));
            assert_eq!(error.deserialize_error().path(), "UserAttributes");
        }
        other => panic!("expected a response error, got {other:?}"),
    }
}
