//! The exact request of each operation for a representative input.

use super::{body_json, serialize, ACCESS_TOKEN, ENDPOINT};
use cognito_identity_provider::operation::delete_user_attributes::{
    DeleteUserAttributes, DeleteUserAttributesInput,
};
use cognito_identity_provider::operation::get_user::{GetUser, GetUserInput};
use cognito_identity_provider::operation::get_user_attribute_verification_code::{
    GetUserAttributeVerificationCode, GetUserAttributeVerificationCodeInput,
};
use cognito_identity_provider::operation::update_user_attributes::{
    UpdateUserAttributes, UpdateUserAttributesInput,
};
use cognito_identity_provider::operation::verify_user_attribute::{
    VerifyUserAttribute, VerifyUserAttributeInput,
};
use cognito_identity_provider::runtime::client::{Config, InMemoryTransport};
use cognito_identity_provider::runtime::http;
use cognito_identity_provider::types::AttributeType;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Method, URI, headers (all of them) and body of an awsJson 1.1 request.
fn assert_request(request: &http::Request<Vec<u8>>, operation: &str, expected_body: Value) {
    assert_eq!(request.method(), http::Method::POST, "{operation}: method");
    assert_eq!(
        request.uri().to_string(),
        format!("{ENDPOINT}/"),
        "{operation}: URI"
    );
    let headers: BTreeMap<&str, &str> = request
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str(), value.to_str().expect("ASCII header")))
        .collect();
    let length = request.body().len().to_string();
    let target = format!("AWSCognitoIdentityProviderService.{operation}");
    let expected_headers = BTreeMap::from([
        ("content-length", length.as_str()),
        ("content-type", "application/x-amz-json-1.1"),
        ("x-amz-target", target.as_str()),
    ]);
    assert_eq!(headers, expected_headers, "{operation}: headers");
    assert_eq!(body_json(request), expected_body, "{operation}: body");
}

#[test]
fn get_user_request() {
    let input = GetUserInput::new(ACCESS_TOKEN);
    assert_request(
        &serialize::<GetUser>(&input),
        "GetUser",
        json!({ "AccessToken": ACCESS_TOKEN }),
    );
}

#[test]
fn update_user_attributes_request() {
    let input = UpdateUserAttributesInput::builder()
        .user_attributes(
            AttributeType::builder()
                .name("email")
                .value("ada@example.com")
                .build()
                .expect("name is set"),
        )
        .user_attributes(AttributeType::new("custom:department"))
        .access_token(ACCESS_TOKEN)
        .client_metadata("source", "settings-page")
        .build()
        .expect("required members are set");
    assert_request(
        &serialize::<UpdateUserAttributes>(&input),
        "UpdateUserAttributes",
        json!({
            "UserAttributes": [
                { "Name": "email", "Value": "ada@example.com" },
                // An attribute without a value is sent without the key, not with `null`.
                { "Name": "custom:department" }
            ],
            "AccessToken": ACCESS_TOKEN,
            "ClientMetadata": { "source": "settings-page" }
        }),
    );
}

#[test]
fn delete_user_attributes_request() {
    let input = DeleteUserAttributesInput::new(
        vec!["custom:department".to_owned(), "nickname".to_owned()],
        ACCESS_TOKEN,
    );
    assert_request(
        &serialize::<DeleteUserAttributes>(&input),
        "DeleteUserAttributes",
        json!({
            "UserAttributeNames": ["custom:department", "nickname"],
            "AccessToken": ACCESS_TOKEN
        }),
    );
}

#[test]
fn get_user_attribute_verification_code_request() {
    let input = GetUserAttributeVerificationCodeInput::builder()
        .access_token(ACCESS_TOKEN)
        .attribute_name("phone_number")
        .client_metadata("locale", "de-DE")
        .build()
        .expect("required members are set");
    assert_request(
        &serialize::<GetUserAttributeVerificationCode>(&input),
        "GetUserAttributeVerificationCode",
        json!({
            "AccessToken": ACCESS_TOKEN,
            "AttributeName": "phone_number",
            "ClientMetadata": { "locale": "de-DE" }
        }),
    );

    // Without the optional map, the key is left out entirely.
    let input = GetUserAttributeVerificationCodeInput::new(ACCESS_TOKEN, "email");
    assert_request(
        &serialize::<GetUserAttributeVerificationCode>(&input),
        "GetUserAttributeVerificationCode",
        json!({ "AccessToken": ACCESS_TOKEN, "AttributeName": "email" }),
    );
}

#[test]
fn verify_user_attribute_request() {
    let input = VerifyUserAttributeInput::new(ACCESS_TOKEN, "email", "123456");
    assert_request(
        &serialize::<VerifyUserAttribute>(&input),
        "VerifyUserAttribute",
        json!({
            "AccessToken": ACCESS_TOKEN,
            "AttributeName": "email",
            "Code": "123456"
        }),
    );
}

/// The fluent builders, sent through the client pipeline, put the same operation and body on
/// the wire as the direct serialization above.
#[tokio::test]
async fn client_pipeline_sends_the_same_requests() {
    let ok = || {
        http::Response::builder()
            .status(200)
            .body(b"{}".to_vec())
            .expect("a valid response")
    };
    let transport = InMemoryTransport::new()
        .with_response(ok())
        .with_response(ok())
        .with_response(ok())
        .with_response(ok())
        .with_response(
            http::Response::builder()
                .status(200)
                .body(br#"{"Username": "ada", "UserAttributes": []}"#.to_vec())
                .expect("a valid response"),
        );
    let config = Config::builder()
        .endpoint_url(ENDPOINT)
        .region("us-east-1")
        .http_transport(transport.clone())
        .build()
        .expect("a valid config");
    let client = cognito_identity_provider::Client::new(config);

    client
        .update_user_attributes()
        .access_token(ACCESS_TOKEN)
        .user_attributes(AttributeType::new("nickname"))
        .send()
        .await
        .expect("UpdateUserAttributes succeeds");
    client
        .delete_user_attributes()
        .access_token(ACCESS_TOKEN)
        .user_attribute_names("nickname")
        .send()
        .await
        .expect("DeleteUserAttributes succeeds");
    client
        .get_user_attribute_verification_code()
        .access_token(ACCESS_TOKEN)
        .attribute_name("email")
        .send()
        .await
        .expect("GetUserAttributeVerificationCode succeeds");
    client
        .verify_user_attribute()
        .access_token(ACCESS_TOKEN)
        .attribute_name("email")
        .code("123456")
        .send()
        .await
        .expect("VerifyUserAttribute succeeds");
    let user = client
        .get_user()
        .access_token(ACCESS_TOKEN)
        .send()
        .await
        .expect("GetUser succeeds");
    assert_eq!(user.username(), "ada");

    let sent = transport.requests();
    let expected = [
        (
            "UpdateUserAttributes",
            json!({"AccessToken": ACCESS_TOKEN, "UserAttributes": [{"Name": "nickname"}]}),
        ),
        (
            "DeleteUserAttributes",
            json!({"AccessToken": ACCESS_TOKEN, "UserAttributeNames": ["nickname"]}),
        ),
        (
            "GetUserAttributeVerificationCode",
            json!({"AccessToken": ACCESS_TOKEN, "AttributeName": "email"}),
        ),
        (
            "VerifyUserAttribute",
            json!({"AccessToken": ACCESS_TOKEN, "AttributeName": "email", "Code": "123456"}),
        ),
        ("GetUser", json!({"AccessToken": ACCESS_TOKEN})),
    ];
    assert_eq!(
        sent.len(),
        expected.len(),
        "one request per call, no retries"
    );
    for (request, (operation, body)) in sent.iter().zip(expected) {
        assert_eq!(request.method(), http::Method::POST);
        assert_eq!(request.uri().to_string(), format!("{ENDPOINT}/"));
        assert_eq!(
            request.headers()["x-amz-target"],
            format!("AWSCognitoIdentityProviderService.{operation}").as_str()
        );
        assert_eq!(
            request.headers()["content-type"],
            "application/x-amz-json-1.1"
        );
        // These operations are authorised by the access token alone: never signed.
        assert!(
            request.headers().get("authorization").is_none(),
            "{operation} must not be SigV4-signed"
        );
        assert_eq!(body_json(request), body, "{operation}: body");
    }
}
