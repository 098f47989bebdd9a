//! Setup steps that give a test a signed-in user, using only the raw awsJson caller.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use super::aws_json::aws_json_ok;
use super::error::HarnessError;

/// The custom attribute declared in every pool the harness creates.
pub const CUSTOM_ATTRIBUTE: &str = "custom:department";

/// The permanent password of every user the harness creates (it satisfies the default
/// password policy: upper and lower case, a digit, a symbol, at least 8 characters).
pub const TEST_PASSWORD: &str = "Harness-Passw0rd!";

/// A confirmed user with a permanent password, signed in through `USER_PASSWORD_AUTH`.
#[derive(Debug, Clone)]
pub struct TestUser {
    /// The user pool's id.
    pub pool_id: String,
    /// The app client's id (no client secret).
    pub client_id: String,
    /// The plain user name.
    pub username: String,
    /// The user's password, [`TEST_PASSWORD`].
    pub password: String,
    /// The access token from `InitiateAuth`.
    pub access_token: String,
    /// The refresh token from `InitiateAuth`, if the server issued one.
    pub refresh_token: Option<String>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_suffix() -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{}-{n}-{nanos:09}", std::process::id())
}

/// Creates a user pool, an app client and a user on `endpoint`, then signs the user in.
///
/// The steps, which work unchanged on both `cognito-local` and moto:
///
/// 1. `CreateUserPool` with `AutoVerifiedAttributes: ["email"]` (without it
///    `cognito-local` neither sends codes on `UpdateUserAttributes` nor accepts
///    `GetUserAttributeVerificationCode`) and a `Schema` declaring the mutable string
///    attribute `department`, which the servers expose as [`CUSTOM_ATTRIBUTE`]
///    (`cognito-local` rejects attributes missing from the schema);
/// 2. `CreateUserPoolClient` with `ExplicitAuthFlows` `ALLOW_USER_PASSWORD_AUTH` and
///    `ALLOW_REFRESH_TOKEN_AUTH`;
/// 3. `AdminCreateUser` with `MessageAction: SUPPRESS` (the user is then in
///    `FORCE_CHANGE_PASSWORD`);
/// 4. `AdminSetUserPassword` with `Permanent: true` (the user becomes `CONFIRMED`);
/// 5. `InitiateAuth` with `AuthFlow: USER_PASSWORD_AUTH`.
pub async fn create_pool_client_and_user(endpoint: &str) -> Result<TestUser, HarnessError> {
    let suffix = unique_suffix();
    let username = format!("user-{suffix}");

    let pool = aws_json_ok(
        endpoint,
        "CreateUserPool",
        json!({
            "PoolName": format!("harness-pool-{suffix}"),
            "AutoVerifiedAttributes": ["email"],
            "Schema": [{
                "Name": "department",
                "AttributeDataType": "String",
                "Mutable": true,
                "Required": false,
            }],
        }),
    )
    .await?;
    let pool_id = string_at(&pool, "CreateUserPool", &["UserPool", "Id"])?;

    let client = aws_json_ok(
        endpoint,
        "CreateUserPoolClient",
        json!({
            "UserPoolId": pool_id,
            "ClientName": format!("harness-client-{suffix}"),
            "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        }),
    )
    .await?;
    let client_id = string_at(
        &client,
        "CreateUserPoolClient",
        &["UserPoolClient", "ClientId"],
    )?;

    aws_json_ok(
        endpoint,
        "AdminCreateUser",
        json!({
            "UserPoolId": pool_id,
            "Username": username,
            "MessageAction": "SUPPRESS",
        }),
    )
    .await?;

    aws_json_ok(
        endpoint,
        "AdminSetUserPassword",
        json!({
            "UserPoolId": pool_id,
            "Username": username,
            "Password": TEST_PASSWORD,
            "Permanent": true,
        }),
    )
    .await?;

    let auth = aws_json_ok(
        endpoint,
        "InitiateAuth",
        json!({
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": client_id,
            "AuthParameters": {"USERNAME": username, "PASSWORD": TEST_PASSWORD},
        }),
    )
    .await?;
    let access_token = string_at(
        &auth,
        "InitiateAuth",
        &["AuthenticationResult", "AccessToken"],
    )?;
    let refresh_token = auth
        .pointer("/AuthenticationResult/RefreshToken")
        .and_then(Value::as_str)
        .map(str::to_owned);

    Ok(TestUser {
        pool_id,
        client_id,
        username,
        password: TEST_PASSWORD.to_owned(),
        access_token,
        refresh_token,
    })
}

/// Reads the string at `path` in `body`, or explains which member was missing.
fn string_at(body: &Value, operation: &str, path: &[&str]) -> Result<String, HarnessError> {
    let mut current = body;
    for key in path {
        current = current
            .get(key)
            .ok_or_else(|| missing(body, operation, path))?;
    }
    current
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| missing(body, operation, path))
}

fn missing(body: &Value, operation: &str, path: &[&str]) -> HarnessError {
    HarnessError::UnexpectedResponse {
        operation: operation.to_owned(),
        status: 200,
        problem: format!("no string at {}", path.join(".")),
        body: body.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_at_walks_nested_members() {
        let body = json!({"UserPool": {"Id": "local_1"}});
        assert_eq!(
            string_at(&body, "Op", &["UserPool", "Id"]).expect("present"),
            "local_1"
        );
        let err = string_at(&body, "Op", &["UserPool", "Arn"]).expect_err("absent");
        assert!(err.to_string().contains("UserPool.Arn"), "{err}");
    }

    #[test]
    fn suffixes_differ() {
        assert_ne!(unique_suffix(), unique_suffix());
    }
}
