//! `update-email`: changes the e-mail address of the user who owns an access token, then
//! reports where Cognito sent the code that confirms the new address.
//!
//! Both calls (`UpdateUserAttributes`, and `GetUserAttributeVerificationCode` when the first
//! one did not already send a code) are authorised by the access token alone: no AWS
//! credentials are needed. See the README next to this file for a walk-through against
//! `cognito-local`.

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use cognito_identity_provider::operation::update_user_attributes::UpdateUserAttributesError;
use cognito_identity_provider::runtime::error::{ProvideErrorMetadata, SdkError};
use cognito_identity_provider::types::{AttributeType, CodeDeliveryDetailsType};
use cognito_identity_provider::{Client, Config};

/// Upper bound for each call, retries included, so the program never hangs.
const CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// Change the signed-in user's e-mail address and start its verification.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Base URL of the user-pool API, e.g. `http://127.0.0.1:9229` for cognito-local.
    /// Without it the AWS endpoint of `--region` is used.
    #[arg(long, value_name = "URL")]
    endpoint: Option<String>,

    /// The region of the user pool, e.g. `eu-west-1`.
    #[arg(long, env = "AWS_REGION")]
    region: String,

    /// The user's access token, from signing in (`InitiateAuth`). Prefer the environment
    /// variable: command lines are visible to other users of the machine.
    #[arg(
        long,
        env = "COGNITO_ACCESS_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    access_token: String,

    /// The new e-mail address.
    #[arg(long, value_name = "ADDRESS")]
    email: String,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: &Args) -> Result<(), String> {
    let mut config = Config::builder()
        .region(&args.region)
        .call_timeout(CALL_TIMEOUT);
    if let Some(endpoint) = &args.endpoint {
        config = config.endpoint_url(endpoint);
    }
    let config = config
        .build()
        .map_err(|e| format!("invalid client configuration: {e}"))?;
    let client = Client::new(config);

    let email = AttributeType::builder()
        .name("email")
        .value(&args.email)
        .build()
        .map_err(|e| e.to_string())?;
    let updated = client
        .update_user_attributes()
        .access_token(&args.access_token)
        .user_attributes(email)
        .send()
        .await
        .map_err(update_failed)?;
    println!(
        "Email changed to {}; it stays unverified until the user enters the code.",
        args.email
    );

    let deliveries = updated.code_delivery_details_list().unwrap_or_default();
    if !deliveries.is_empty() {
        for delivery in deliveries {
            println!("{}", describe(delivery));
        }
        return Ok(());
    }

    // No code went out with the update (the pool does not verify e-mail changes on its
    // own): ask for one explicitly.
    let requested = client
        .get_user_attribute_verification_code()
        .access_token(&args.access_token)
        .attribute_name("email")
        .send()
        .await
        .map_err(|e| failed("GetUserAttributeVerificationCode", &e))?;
    match requested.code_delivery_details() {
        Some(delivery) => println!("{}", describe(delivery)),
        None => println!("Verification code requested; the service did not say where it went."),
    }
    Ok(())
}

/// One line saying where a code was sent, e.g. `Verification code for email sent by EMAIL
/// to a***@e***.com`. Cognito masks the destination; emulators may not.
fn describe(delivery: &CodeDeliveryDetailsType) -> String {
    format!(
        "Verification code for {} sent by {} to {}",
        delivery.attribute_name().unwrap_or("an attribute"),
        delivery
            .delivery_medium()
            .map(|medium| medium.as_str())
            .unwrap_or("an unknown medium"),
        delivery
            .destination()
            .unwrap_or("an undisclosed destination"),
    )
}

/// Explains the failures a user can act on; everything else is reported as it is.
fn update_failed(error: SdkError<UpdateUserAttributesError>) -> String {
    let hint = match error.as_service_error() {
        Some(UpdateUserAttributesError::NotAuthorizedException(_)) => {
            "the access token was not accepted (expired, revoked or from another pool?)"
        }
        Some(UpdateUserAttributesError::AliasExistsException(_)) => {
            "another user of the pool already signs in with this address"
        }
        Some(UpdateUserAttributesError::InvalidParameterException(_)) => {
            "the service rejected the request; is the address well formed?"
        }
        _ => return failed("UpdateUserAttributes", &error),
    };
    format!("{hint}\n  {}", failed("UpdateUserAttributes", &error))
}

/// `<operation> failed: <error> (request id ...)`.
fn failed<E>(operation: &str, error: &SdkError<E>) -> String
where
    E: std::error::Error + ProvideErrorMetadata,
{
    let request_id = error
        .as_service_error()
        .and_then(ProvideErrorMetadata::request_id)
        .map(|id| format!(" (request id {id})"))
        .unwrap_or_default();
    format!("{operation} failed: {error}{request_id}")
}
