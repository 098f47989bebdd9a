//! The generated Cognito client against `cognito-local`: the whole attribute-verification
//! flow of a signed-in user, sent and read by generated code and the runtime's default
//! (hyper) transport only.

use crate::common::bounded;
#[allow(dead_code)] // each test binary uses a different part of it
use cognito_identity_provider::operation::get_user::GetUserOutput;
use cognito_identity_provider::operation::verify_user_attribute::VerifyUserAttributeError;
use cognito_identity_provider::runtime::error::{ProvideErrorMetadata, ProvideResponseMetadata};
use cognito_identity_provider::types::{AttributeType, DeliveryMediumType};
use cognito_identity_provider::{Client, Config};
use integration_tests::servers::{
    create_pool_client_and_user, CognitoLocal, COGNITO_LOCAL_CODE, CUSTOM_ATTRIBUTE,
};

fn start() -> CognitoLocal {
    CognitoLocal::start().unwrap_or_else(|e| panic!("cognito-local could not be started: {e}"))
}

fn client(server: &CognitoLocal) -> Client {
    let config = Config::builder()
        .endpoint_url(server.endpoint())
        .region("us-east-1")
        .build()
        .unwrap_or_else(|e| panic!("config: {e}"));
    Client::new(config)
}

fn attribute(name: &str, value: &str) -> AttributeType {
    AttributeType::builder()
        .name(name)
        .value(value)
        .build()
        .unwrap_or_else(|e| panic!("attribute {name}: {e}"))
}

/// The value of attribute `name` in a `GetUser` output.
fn value_of<'a>(user: &'a GetUserOutput, name: &str) -> Option<&'a str> {
    user.user_attributes()
        .iter()
        .find(|attribute| attribute.name() == name)
        .and_then(AttributeType::value)
}

#[tokio::test]
async fn attribute_verification_flow_through_the_generated_client() {
    let server = start();
    bounded(async {
        let user = create_pool_client_and_user(&server.endpoint())
            .await
            .unwrap_or_else(|e| panic!("setup failed: {e}"));
        let client = client(&server);
        let token = user.access_token.as_str();
        let email = format!("{}@example.com", user.username);

        // UpdateUserAttributes: a new e-mail (auto-verified by the pool, so a code is sent)
        // and a custom attribute.
        let updated = client
            .update_user_attributes()
            .access_token(token)
            .user_attributes(attribute("email", &email))
            .user_attributes(attribute(CUSTOM_ATTRIBUTE, "engineering"))
            .send()
            .await
            .unwrap_or_else(|e| panic!("UpdateUserAttributes: {e:?}"));
        let deliveries = updated
            .code_delivery_details_list()
            .expect("UpdateUserAttributes should list where the code went");
        assert_eq!(deliveries.len(), 1, "{deliveries:?}");
        assert_eq!(deliveries[0].attribute_name(), Some("email"));
        assert_eq!(
            deliveries[0].delivery_medium(),
            Some(&DeliveryMediumType::Email)
        );
        assert_eq!(deliveries[0].destination(), Some(email.as_str()));
        // cognito-local sends no request id; the output says so instead of inventing one.
        assert_eq!(updated.response_metadata().request_id(), None);
        assert_eq!(updated.response_metadata().http_status(), Some(200));
        assert_eq!(updated.response_metadata().attempts(), 1);

        let before = client
            .get_user()
            .access_token(token)
            .send()
            .await
            .unwrap_or_else(|e| panic!("GetUser: {e:?}"));
        assert_eq!(before.username(), user.username);
        assert_eq!(value_of(&before, "email"), Some(email.as_str()));
        assert_eq!(value_of(&before, "email_verified"), Some("false"));
        assert_eq!(value_of(&before, CUSTOM_ATTRIBUTE), Some("engineering"));

        // GetUserAttributeVerificationCode: cognito-local answers `{}`, which must read as
        // an output without delivery details.
        let code_sent = client
            .get_user_attribute_verification_code()
            .access_token(token)
            .attribute_name("email")
            .send()
            .await
            .unwrap_or_else(|e| panic!("GetUserAttributeVerificationCode: {e:?}"));
        assert!(code_sent.code_delivery_details().is_none());

        // A wrong code is a typed CodeMismatchException, read from the body's `__type`
        // (cognito-local sends neither X-Amzn-ErrorType nor a request id).
        let wrong = client
            .verify_user_attribute()
            .access_token(token)
            .attribute_name("email")
            .code("000000")
            .send()
            .await
            .expect_err("a wrong code must be rejected");
        let service_error = wrong
            .as_service_error()
            .unwrap_or_else(|| panic!("expected a service error, got {wrong:?}"));
        match service_error {
            VerifyUserAttributeError::CodeMismatchException(mismatch) => {
                assert_eq!(mismatch.message(), Some("Incorrect confirmation code"));
            }
            other => panic!("expected CodeMismatchException, got {other:?}"),
        }
        assert_eq!(service_error.code(), Some("CodeMismatchException"));
        assert_eq!(service_error.http_status(), Some(400));
        assert_eq!(service_error.request_id(), None);
        assert_eq!(
            service_error.meta().attempts(),
            1,
            "client errors are not retried"
        );

        client
            .verify_user_attribute()
            .access_token(token)
            .attribute_name("email")
            .code(COGNITO_LOCAL_CODE)
            .send()
            .await
            .unwrap_or_else(|e| panic!("VerifyUserAttribute with the right code: {e:?}"));

        let verified = client
            .get_user()
            .access_token(token)
            .send()
            .await
            .unwrap_or_else(|e| panic!("GetUser: {e:?}"));
        assert_eq!(value_of(&verified, "email_verified"), Some("true"));

        // DeleteUserAttributes removes the custom attribute and nothing else.
        client
            .delete_user_attributes()
            .access_token(token)
            .user_attribute_names(CUSTOM_ATTRIBUTE)
            .send()
            .await
            .unwrap_or_else(|e| panic!("DeleteUserAttributes: {e:?}"));
        let after = client
            .get_user()
            .access_token(token)
            .send()
            .await
            .unwrap_or_else(|e| panic!("GetUser: {e:?}"));
        assert_eq!(value_of(&after, CUSTOM_ATTRIBUTE), None);
        assert_eq!(value_of(&after, "email"), Some(email.as_str()));
        assert_eq!(value_of(&after, "email_verified"), Some("true"));
    })
    .await;
}

#[tokio::test]
async fn a_token_that_is_not_a_jwt_is_a_typed_error() {
    let server = start();
    bounded(async {
        let error = client(&server)
            .get_user()
            .access_token("not-a-jwt")
            .send()
            .await
            .expect_err("cognito-local cannot decode this token");
        let service_error = error
            .into_service_error()
            .unwrap_or_else(|e| panic!("expected a service error, got {e:?}"));
        // cognito-local's answer; AWS would say NotAuthorizedException.
        assert!(
            service_error.is_invalid_parameter_exception(),
            "{service_error:?}"
        );
        assert_eq!(service_error.http_status(), Some(400));
    })
    .await;
}
