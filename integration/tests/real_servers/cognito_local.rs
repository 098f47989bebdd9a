//! Proves, with the raw awsJson caller only, that `cognito-local` supports the
//! attribute-verification flow later tests will run with the generated client, and pins
//! down its wire behaviour where it differs from AWS.

use crate::common::{bounded, port_is_open, process_exists, user_attribute};
use integration_tests::servers::{
    aws_json_call, create_pool_client_and_user, AwsJsonResponse, CognitoLocal, COGNITO_LOCAL_CODE,
    CUSTOM_ATTRIBUTE,
};
use serde_json::{json, Value};

fn start() -> CognitoLocal {
    CognitoLocal::start().unwrap_or_else(|e| panic!("cognito-local could not be started: {e}"))
}

async fn call(server: &CognitoLocal, operation: &str, body: Value) -> AwsJsonResponse {
    aws_json_call(&server.endpoint(), operation, body)
        .await
        .unwrap_or_else(|e| panic!("{operation} could not be sent: {e}"))
}

/// Success responses: 200, `application/x-amz-json-1.1; charset=utf-8`, no request id.
fn assert_ok(operation: &str, response: &AwsJsonResponse) {
    assert_eq!(
        response.status, 200,
        "{operation} should succeed: {}",
        response.raw_body
    );
    assert_eq!(
        response.header("content-type"),
        Some("application/x-amz-json-1.1; charset=utf-8"),
        "{operation} content type"
    );
    assert_eq!(
        response.request_id(),
        None,
        "cognito-local 5.3.0 sends no x-amzn-requestid; if this changes, update the notes"
    );
}

/// Error responses: 400, `application/json; charset=utf-8`, no `X-Amzn-ErrorType`, no
/// request id, body `{"__type": "<bare name>", "message": "..."}`.
fn assert_error(operation: &str, response: &AwsJsonResponse, error_type: &str, message: &str) {
    assert_eq!(
        response.status, 400,
        "{operation} should fail: {}",
        response.raw_body
    );
    assert_eq!(
        response.header("content-type"),
        Some("application/json; charset=utf-8"),
        "{operation} error content type"
    );
    assert_eq!(response.header("x-amzn-errortype"), None);
    assert_eq!(response.request_id(), None);
    assert_eq!(
        response.body,
        json!({"__type": error_type, "message": message}),
        "{operation} error body"
    );
    assert_eq!(response.error_type().as_deref(), Some(error_type));
}

#[tokio::test]
async fn attribute_verification_flow() {
    let server = start();
    bounded(async {
        let user = create_pool_client_and_user(&server.endpoint())
            .await
            .unwrap_or_else(|e| panic!("setup failed: {e}"));
        let token = user.access_token.as_str();
        let email = format!("{}@example.com", user.username);

        // UpdateUserAttributes: the e-mail change triggers a code because the pool
        // auto-verifies e-mail; the custom attribute is stored as is.
        let updated = call(
            &server,
            "UpdateUserAttributes",
            json!({
                "AccessToken": token,
                "UserAttributes": [
                    {"Name": "email", "Value": email},
                    {"Name": CUSTOM_ATTRIBUTE, "Value": "engineering"},
                ],
            }),
        )
        .await;
        assert_ok("UpdateUserAttributes", &updated);
        assert_eq!(
            updated.body,
            json!({"CodeDeliveryDetailsList": [
                {"AttributeName": "email", "DeliveryMedium": "EMAIL", "Destination": email}
            ]}),
            "UpdateUserAttributes body"
        );

        let before = call(&server, "GetUser", json!({"AccessToken": token})).await;
        assert_ok("GetUser", &before);
        assert_eq!(before.body["Username"], json!(user.username));
        assert_eq!(user_attribute(&before.body, "email"), Some(email.as_str()));
        assert_eq!(
            user_attribute(&before.body, "email_verified"),
            Some("false")
        );
        assert_eq!(
            user_attribute(&before.body, CUSTOM_ATTRIBUTE),
            Some("engineering")
        );

        // GetUserAttributeVerificationCode answers `{}` (AWS answers
        // `{"CodeDeliveryDetails": {...}}`) and logs the code it "sent".
        let code_sent = call(
            &server,
            "GetUserAttributeVerificationCode",
            json!({"AccessToken": token, "AttributeName": "email"}),
        )
        .await;
        assert_ok("GetUserAttributeVerificationCode", &code_sent);
        assert_eq!(code_sent.body, json!({}));
        let logged = server.output().stdout;
        assert!(
            logged.contains(COGNITO_LOCAL_CODE),
            "cognito-local should log the fixed code {COGNITO_LOCAL_CODE}; stdout:\n{logged}"
        );

        let wrong = call(
            &server,
            "VerifyUserAttribute",
            json!({"AccessToken": token, "AttributeName": "email", "Code": "000000"}),
        )
        .await;
        assert_error(
            "VerifyUserAttribute",
            &wrong,
            "CodeMismatchException",
            "Incorrect confirmation code",
        );

        let right = call(
            &server,
            "VerifyUserAttribute",
            json!({"AccessToken": token, "AttributeName": "email", "Code": COGNITO_LOCAL_CODE}),
        )
        .await;
        assert_ok("VerifyUserAttribute", &right);
        assert_eq!(right.body, json!({}));

        let verified = call(&server, "GetUser", json!({"AccessToken": token})).await;
        assert_ok("GetUser", &verified);
        assert_eq!(
            user_attribute(&verified.body, "email_verified"),
            Some("true")
        );

        let deleted = call(
            &server,
            "DeleteUserAttributes",
            json!({"AccessToken": token, "UserAttributeNames": [CUSTOM_ATTRIBUTE]}),
        )
        .await;
        assert_ok("DeleteUserAttributes", &deleted);
        assert_eq!(deleted.body, json!({}));

        let after = call(&server, "GetUser", json!({"AccessToken": token})).await;
        assert_ok("GetUser", &after);
        assert_eq!(user_attribute(&after.body, CUSTOM_ATTRIBUTE), None);
        assert_eq!(user_attribute(&after.body, "email"), Some(email.as_str()));
        assert_eq!(user_attribute(&after.body, "email_verified"), Some("true"));
        assert!(user_attribute(&after.body, "sub").is_some());
    })
    .await;
}

#[tokio::test]
async fn attribute_missing_from_the_schema_is_rejected() {
    let server = start();
    bounded(async {
        let user = create_pool_client_and_user(&server.endpoint())
            .await
            .unwrap_or_else(|e| panic!("setup failed: {e}"));
        let response = call(
            &server,
            "UpdateUserAttributes",
            json!({
                "AccessToken": user.access_token,
                "UserAttributes": [{"Name": "custom:undeclared", "Value": "x"}],
            }),
        )
        .await;
        assert_error(
            "UpdateUserAttributes",
            &response,
            "InvalidParameterException",
            "user.custom:undeclared: Attribute does not exist in the schema.",
        );
    })
    .await;
}

/// AWS answers a malformed access token with `NotAuthorizedException`; cognito-local
/// only decodes (never verifies) the JWT and answers `InvalidParameterException`.
#[tokio::test]
async fn malformed_token_is_an_invalid_parameter() {
    let server = start();
    bounded(async {
        let response = call(&server, "GetUser", json!({"AccessToken": "not-a-jwt"})).await;
        assert_error(
            "GetUser",
            &response,
            "InvalidParameterException",
            "Invalid parameter",
        );
    })
    .await;
}

#[tokio::test]
async fn unsupported_operation_is_a_500_with_a_namespaced_type() {
    let server = start();
    bounded(async {
        let response = call(&server, "TagResource", json!({})).await;
        assert_eq!(response.status, 500, "{}", response.raw_body);
        assert_eq!(
            response.body["__type"],
            json!("CognitoLocal#Unsupported"),
            "{}",
            response.raw_body
        );
        assert_eq!(response.error_type().as_deref(), Some("Unsupported"));
        assert!(response
            .error_message()
            .is_some_and(|m| m.contains("TagResource")));
    })
    .await;
}

#[test]
fn parallel_starts_share_one_install_and_get_distinct_ports() {
    let handles: Vec<_> = (0..2).map(|_| std::thread::spawn(start)).collect();
    let servers: Vec<CognitoLocal> = handles
        .into_iter()
        .map(|h| h.join().expect("starting thread panicked"))
        .collect();
    assert_ne!(servers[0].port(), servers[1].port());
    assert!(port_is_open(servers[0].port()) && port_is_open(servers[1].port()));
}

#[test]
fn drop_stops_the_server() {
    let server = start();
    let (port, pid) = (server.port(), server.pid());
    assert!(port_is_open(port));
    drop(server);
    assert!(
        !process_exists(pid),
        "process {pid} still exists after drop"
    );
    assert!(!port_is_open(port), "port {port} still open after drop");
}

#[test]
fn drop_stops_the_server_when_a_test_panics() {
    let mut observed = None;
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let server = start();
        observed = Some((server.port(), server.pid()));
        panic!("simulated test failure");
    }));
    assert!(outcome.is_err());
    let (port, pid) = observed.expect("the server had started");
    assert!(
        !process_exists(pid),
        "process {pid} still exists after a panic"
    );
    assert!(!port_is_open(port), "port {port} still open after a panic");
}
