//! A client configuration whose credentials and region come from aws-config, so everything
//! the AWS SDKs read (environment, `~/.aws/config` and `~/.aws/credentials` profiles, SSO,
//! web identity, ECS/EKS container credentials, IMDS) works for a generated client too.

mod http_client;

pub use http_client::TransportHttpClient;

use cognito_identity_provider::Config;
use smithy_runtime::client::{AwsSdkCredentials, ConfigError};

/// Loads aws-config's defaults (region and credentials chains), with the generated client's
/// transport as aws-config's HTTP client.
pub async fn load_aws_config() -> Result<aws_config::SdkConfig, ConfigError> {
    let transport = Config::builder().build()?.http_transport().clone();
    Ok(aws_config::defaults(aws_config::BehaviorVersion::latest())
        .http_client(TransportHttpClient::new(transport))
        .load()
        .await)
}

/// Builds a client configuration from what aws-config resolved: its credentials provider
/// (asked afresh by every signed call; aws-config caches and refreshes) and its region.
pub fn config_from(sdk: &aws_config::SdkConfig) -> Result<Config, ConfigError> {
    let mut builder = Config::builder();
    if let Some(provider) = sdk.credentials_provider() {
        builder = builder.credentials_provider(AwsSdkCredentials::new(provider));
    }
    if let Some(region) = sdk.region() {
        builder = builder.region(region.as_ref());
    }
    builder.build()
}
