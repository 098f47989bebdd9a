//! Proves, with the raw awsJson caller only, what moto's Cognito user-pool emulation
//! supports for the flows later tests will run with the generated client, and pins
//! down its wire behaviour, including where it differs from AWS.

use crate::common::{bounded, port_is_open, process_exists, user_attribute};
use integration_tests::servers::{
    aws_json_call, aws_json_call_with_headers, create_pool_client_and_user,
    fake_sigv4_authorization, AwsJsonResponse, Moto, CUSTOM_ATTRIBUTE, MOTO_DEFAULT_REGION,
};
use serde_json::{json, Value};

fn start() -> Moto {
    Moto::start().unwrap_or_else(|e| panic!("moto could not be started: {e}"))
}

async fn call(server: &Moto, operation: &str, body: Value) -> AwsJsonResponse {
    aws_json_call(&server.endpoint(), operation, body)
        .await
        .unwrap_or_else(|e| panic!("{operation} could not be sent: {e}"))
}

/// Success responses: 200, `application/x-amz-json-1.1`, with `x-amzn-requestid`.
fn assert_ok(operation: &str, response: &AwsJsonResponse) {
    assert_eq!(
        response.status, 200,
        "{operation} should succeed: {}",
        response.raw_body
    );
    assert_eq!(
        response.header("content-type"),
        Some("application/x-amz-json-1.1"),
        "{operation} content type"
    );
    assert!(
        response.request_id().is_some_and(|id| !id.is_empty()),
        "{operation} should carry x-amzn-requestid: {:?}",
        response.headers
    );
}

#[tokio::test]
async fn get_user_and_update_user_attributes_with_a_valid_token() {
    let server = start();
    bounded(async {
        let user = create_pool_client_and_user(&server.endpoint())
            .await
            .unwrap_or_else(|e| panic!("setup failed: {e}"));
        assert!(
            user.pool_id.starts_with(&format!("{MOTO_DEFAULT_REGION}_")),
            "pool id {}",
            user.pool_id
        );
        let token = user.access_token.as_str();

        let got = call(&server, "GetUser", json!({"AccessToken": token})).await;
        assert_ok("GetUser", &got);
        assert_eq!(got.body["Username"], json!(user.username));
        assert!(
            user_attribute(&got.body, "sub").is_some(),
            "{}",
            got.raw_body
        );
        // moto also sends MFA members that AWS leaves out when MFA is unused.
        assert_eq!(got.body["MFAOptions"], json!([]));
        assert_eq!(got.body["PreferredMfaSetting"], json!(""));
        assert_eq!(got.body["UserMFASettingList"], json!([]));

        let email = format!("{}@example.com", user.username);
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
        // AWS would list a CodeDeliveryDetails entry here (the pool auto-verifies
        // e-mail); moto answers an empty object.
        assert_eq!(updated.body, json!({}));

        let after = call(&server, "GetUser", json!({"AccessToken": token})).await;
        assert_ok("GetUser", &after);
        assert_eq!(user_attribute(&after.body, "email"), Some(email.as_str()));
        assert_eq!(
            user_attribute(&after.body, CUSTOM_ATTRIBUTE),
            Some("engineering")
        );
        // AWS would add email_verified=false; moto does not touch it.
        assert_eq!(user_attribute(&after.body, "email_verified"), None);
    })
    .await;
}

#[tokio::test]
async fn bogus_token_is_not_authorized() {
    let server = start();
    bounded(async {
        let got = call(&server, "GetUser", json!({"AccessToken": "bogus-token"})).await;
        assert_eq!(got.status, 400, "{}", got.raw_body);
        assert_eq!(
            got.header("x-amzn-errortype"),
            Some("NotAuthorizedException")
        );
        assert_eq!(got.header("content-type"), Some("application/json"));
        assert!(
            got.request_id().is_some_and(|id| !id.is_empty()),
            "{:?}",
            got.headers
        );
        assert_eq!(
            got.body,
            json!({"__type": "NotAuthorizedException", "message": "Invalid token"})
        );
        assert_eq!(got.error_type().as_deref(), Some("NotAuthorizedException"));

        // UpdateUserAttributes fails the same way, but moto puts the token itself in
        // the message.
        let updated = call(
            &server,
            "UpdateUserAttributes",
            json!({"AccessToken": "bogus-token", "UserAttributes": []}),
        )
        .await;
        assert_eq!(updated.status, 400, "{}", updated.raw_body);
        assert_eq!(
            updated.header("x-amzn-errortype"),
            Some("NotAuthorizedException")
        );
        assert!(updated.request_id().is_some());
        assert_eq!(
            updated.body,
            json!({"__type": "NotAuthorizedException", "message": "bogus-token"})
        );
    })
    .await;
}

/// moto 5.2.5 has no handler for these; Flask answers with an HTML 500 page and the
/// Python traceback goes to the server's stderr.
#[tokio::test]
async fn attribute_verification_operations_are_not_implemented() {
    let server = start();
    bounded(async {
        let user = create_pool_client_and_user(&server.endpoint())
            .await
            .unwrap_or_else(|e| panic!("setup failed: {e}"));
        let token = user.access_token.as_str();
        let cases = [
            (
                "GetUserAttributeVerificationCode",
                json!({"AccessToken": token, "AttributeName": "email"}),
                "get_user_attribute_verification_code",
            ),
            (
                "VerifyUserAttribute",
                json!({"AccessToken": token, "AttributeName": "email", "Code": "123456"}),
                "verify_user_attribute",
            ),
            (
                "DeleteUserAttributes",
                json!({"AccessToken": token, "UserAttributeNames": [CUSTOM_ATTRIBUTE]}),
                "delete_user_attributes",
            ),
        ];
        for (operation, body, action) in cases {
            let response = call(&server, operation, body).await;
            assert_eq!(response.status, 500, "{operation}: {}", response.raw_body);
            assert_eq!(
                response.header("content-type"),
                Some("text/html; charset=utf-8"),
                "{operation}"
            );
            assert_eq!(response.body, Value::Null, "{operation}");
            assert_eq!(response.request_id(), None, "{operation}");
            // The traceback reaches stderr shortly after the response; poll briefly.
            let expected = format!("The {action} action has not been implemented");
            let mut stderr = server.output().stderr;
            for _ in 0..50 {
                if stderr.contains(&expected) {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                stderr = server.output().stderr;
            }
            assert!(
                stderr.contains(&expected),
                "{operation}: expected {expected:?} in moto's stderr:\n{stderr}"
            );
        }
    })
    .await;
}

/// Unlike cognito-local (and AWS), moto accepts attributes the pool schema lacks.
#[tokio::test]
async fn attribute_missing_from_the_schema_is_accepted() {
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
        assert_ok("UpdateUserAttributes", &response);
    })
    .await;
}

/// Without an `Authorization` header moto files resources under us-east-1; a SigV4
/// credential scope in that header selects another region (the signature is not checked).
#[tokio::test]
async fn authorization_header_selects_the_region() {
    let server = start();
    bounded(async {
        let authorization = fake_sigv4_authorization("eu-west-1");
        let created = aws_json_call_with_headers(
            &server.endpoint(),
            "CreateUserPool",
            json!({"PoolName": "regional"}),
            &[("Authorization", authorization.as_str())],
        )
        .await
        .unwrap_or_else(|e| panic!("CreateUserPool could not be sent: {e}"));
        assert_ok("CreateUserPool", &created);
        let id = created.body["UserPool"]["Id"].as_str().unwrap_or_default();
        assert!(id.starts_with("eu-west-1_"), "pool id {id}");

        // Listing without the header looks in us-east-1 and does not see it.
        let listed = call(&server, "ListUserPools", json!({"MaxResults": 10})).await;
        assert_ok("ListUserPools", &listed);
        assert_eq!(listed.body["UserPools"], json!([]));
    })
    .await;
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
