//! The generated Cognito client against moto: the calls moto implements, its typed errors
//! (which, unlike cognito-local's, carry `X-Amzn-ErrorType` and a request id), and what
//! the client makes of the HTML page moto answers for operations it lacks.

#[allow(dead_code)] // each test binary uses a different part of it
use std::time::Duration;

use crate::common::bounded;
use cognito_identity_provider::operation::delete_user_attributes::DeleteUserAttributesError;
use cognito_identity_provider::operation::get_user::GetUserError;
use cognito_identity_provider::operation::update_user_attributes::UpdateUserAttributesError;
use cognito_identity_provider::runtime::client::RetryConfig;
use cognito_identity_provider::runtime::error::{
    Fault, ProvideErrorMetadata, ProvideResponseMetadata, SdkError,
};
use cognito_identity_provider::types::AttributeType;
use cognito_identity_provider::{Client, Config, ConfigBuilder};
use integration_tests::servers::{create_pool_client_and_user, Moto, CUSTOM_ATTRIBUTE};

fn start() -> Moto {
    Moto::start().unwrap_or_else(|e| panic!("moto could not be started: {e}"))
}

fn config(server: &Moto) -> ConfigBuilder {
    Config::builder()
        .endpoint_url(server.endpoint())
        .region("us-east-1")
}

fn client(server: &Moto) -> Client {
    Client::new(
        config(server)
            .build()
            .unwrap_or_else(|e| panic!("config: {e}")),
    )
}

fn attribute(name: &str, value: &str) -> AttributeType {
    AttributeType::builder()
        .name(name)
        .value(value)
        .build()
        .unwrap_or_else(|e| panic!("attribute {name}: {e}"))
}

/// A request id as moto sends it: present and not empty.
fn assert_request_id(request_id: Option<&str>, what: &str) {
    assert!(
        request_id.is_some_and(|id| !id.is_empty()),
        "{what} should carry moto's request id, got {request_id:?}"
    );
}

#[tokio::test]
async fn get_user_and_update_user_attributes_with_a_valid_token() {
    let server = start();
    bounded(async {
        let user = create_pool_client_and_user(&server.endpoint())
            .await
            .unwrap_or_else(|e| panic!("setup failed: {e}"));
        let client = client(&server);
        let token = user.access_token.as_str();

        let got = client
            .get_user()
            .access_token(token)
            .send()
            .await
            .unwrap_or_else(|e| panic!("GetUser: {e:?}"));
        assert_eq!(got.username(), user.username);
        assert_request_id(got.response_metadata().request_id(), "GetUser");
        assert_eq!(got.response_metadata().http_status(), Some(200));
        // moto lists (empty) MFA settings; they must read as empty lists, not fail.
        assert_eq!(got.mfa_options().map(<[_]>::len), Some(0));

        let email = format!("{}@example.com", user.username);
        let updated = client
            .update_user_attributes()
            .access_token(token)
            .user_attributes(attribute("email", &email))
            .user_attributes(attribute(CUSTOM_ATTRIBUTE, "research"))
            .send()
            .await
            .unwrap_or_else(|e| panic!("UpdateUserAttributes: {e:?}"));
        // moto answers `{}`: no delivery details.
        assert_eq!(updated.code_delivery_details_list(), None);
        assert_request_id(
            updated.response_metadata().request_id(),
            "UpdateUserAttributes",
        );

        let after = client
            .get_user()
            .access_token(token)
            .send()
            .await
            .unwrap_or_else(|e| panic!("GetUser: {e:?}"));
        let value = |name: &str| {
            after
                .user_attributes()
                .iter()
                .find(|a| a.name() == name)
                .and_then(AttributeType::value)
                .map(str::to_owned)
        };
        assert_eq!(value("email"), Some(email.clone()));
        assert_eq!(value(CUSTOM_ATTRIBUTE), Some("research".to_owned()));
    })
    .await;
}

#[tokio::test]
async fn bogus_token_is_a_typed_not_authorized_exception() {
    let server = start();
    bounded(async {
        let client = client(&server);

        let error = client
            .get_user()
            .access_token("bogus-token")
            .send()
            .await
            .expect_err("moto must reject a bogus token");
        let error = error
            .into_service_error()
            .unwrap_or_else(|e| panic!("expected a service error, got {e:?}"));
        match &error {
            GetUserError::NotAuthorizedException(not_authorized) => {
                assert_eq!(not_authorized.message(), Some("Invalid token"));
            }
            other => panic!("expected NotAuthorizedException, got {other:?}"),
        }
        assert_eq!(error.code(), Some("NotAuthorizedException"));
        assert_eq!(error.message(), Some("Invalid token"));
        assert_eq!(error.http_status(), Some(400));
        assert_eq!(error.fault(), Fault::Client);
        assert_request_id(error.request_id(), "the GetUser error");
        assert_eq!(error.meta().attempts(), 1, "client errors are not retried");
        let shown = error.to_string();
        assert!(shown.contains("NotAuthorizedException"), "{shown}");
        assert!(shown.contains("Invalid token"), "{shown}");

        // moto echoes the token as UpdateUserAttributes' error message.
        let error = client
            .update_user_attributes()
            .access_token("bogus-token")
            .user_attributes(attribute("email", "nobody@example.com"))
            .send()
            .await
            .expect_err("moto must reject a bogus token");
        match error.as_service_error() {
            Some(UpdateUserAttributesError::NotAuthorizedException(not_authorized)) => {
                assert_eq!(not_authorized.message(), Some("bogus-token"));
                assert_request_id(
                    not_authorized.request_id(),
                    "the UpdateUserAttributes error",
                );
            }
            _ => panic!("expected NotAuthorizedException, got {error:?}"),
        }
    })
    .await;
}

/// moto lacks DeleteUserAttributes and answers with a 500 HTML page: a server fault the
/// model does not describe, retried like any 5xx and then reported as unhandled.
#[tokio::test]
async fn an_unimplemented_operation_is_an_unhandled_server_error() {
    let server = start();
    bounded(async {
        let user = create_pool_client_and_user(&server.endpoint())
            .await
            .unwrap_or_else(|e| panic!("setup failed: {e}"));
        let retry = RetryConfig::standard()
            .with_max_attempts(2)
            .with_initial_backoff(Duration::from_millis(10));
        let client = Client::new(
            config(&server)
                .retry(retry)
                .build()
                .unwrap_or_else(|e| panic!("config: {e}")),
        );
        let error = client
            .delete_user_attributes()
            .access_token(&user.access_token)
            .user_attribute_names(CUSTOM_ATTRIBUTE)
            .send()
            .await
            .expect_err("moto does not implement DeleteUserAttributes");
        let SdkError::Service(DeleteUserAttributesError::Unhandled(unhandled)) = &error else {
            panic!("expected an unhandled service error, got {error:?}");
        };
        assert_eq!(unhandled.http_status(), Some(500));
        assert_eq!(unhandled.code(), None, "an HTML page names no error type");
        assert_eq!(unhandled.request_id(), None);
        assert_eq!(unhandled.fault(), Fault::Server);
        assert_eq!(unhandled.meta().attempts(), 2, "a 5xx is retried");
    })
    .await;
}
