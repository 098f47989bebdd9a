//! An adapter from the credentials providers of the AWS SDK for Rust (the
//! `aws_credential_types::provider::ProvideCredentials` trait) to this client's
//! [`ProvideCredentials`], so aws-config's default chain — environment, shared config and
//! credentials files with profiles, SSO, web identity, ECS/EKS container credentials, IMDS —
//! plugs in as it is instead of a chain of our own. Part of the `sigv4` feature, which brings
//! `aws-credential-types`; only signed operations need credentials.

use aws_credential_types::provider::error::CredentialsError as SdkCredentialsError;
use aws_credential_types::provider::{
    ProvideCredentials as SdkProvideCredentials, SharedCredentialsProvider,
};

use super::credentials::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};

/// Credentials from any AWS SDK for Rust provider, e.g. aws-config's default chain.
///
/// ```no_run
/// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
/// use smithy_runtime::client::{AwsSdkCredentials, Config};
///
/// // With `aws-config` in your Cargo.toml:
/// // let sdk = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
/// // let provider = sdk.credentials_provider().expect("the default chain");
/// # let provider = aws_credential_types::Credentials::new("AKID", "SECRET", None, None, "doc");
/// let config = Config::builder()
///     .region("eu-west-1")
///     .credentials_provider(AwsSdkCredentials::new(provider))
///     .build()?;
/// # let _ = config;
/// # Ok(())
/// # }
/// ```
///
/// Each signed call asks the wrapped provider, which caches and refreshes as it sees fit
/// (aws-config's chain caches until shortly before expiry). Errors keep the provider's
/// message, which never contains the secret.
#[derive(Debug, Clone)]
pub struct AwsSdkCredentials {
    provider: SharedCredentialsProvider,
}

impl AwsSdkCredentials {
    /// Wraps `provider` (for example `SdkConfig::credentials_provider()` of aws-config).
    pub fn new(provider: impl SdkProvideCredentials + 'static) -> AwsSdkCredentials {
        AwsSdkCredentials {
            provider: SharedCredentialsProvider::new(provider),
        }
    }
}

impl ProvideCredentials for AwsSdkCredentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            let found = self.provider.provide_credentials().await.map_err(convert)?;
            let mut credentials = Credentials::new(
                found.access_key_id(),
                found.secret_access_key(),
                found.session_token().map(str::to_owned),
            );
            if let Some(expiry) = found.expiry() {
                credentials = credentials.with_expiry(expiry);
            }
            Ok(credentials)
        })
    }
}

fn convert(error: SdkCredentialsError) -> CredentialsError {
    match error {
        SdkCredentialsError::CredentialsNotLoaded(_) => CredentialsError::not_loaded(error),
        other => CredentialsError::provider_error(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sdk_credentials_and_errors_carry_over() {
        let sdk = aws_credential_types::Credentials::new(
            "AKIDSDK",
            "SECRET-SDK",
            Some("TOKEN-SDK".to_owned()),
            Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(4_000_000_000)),
            "test",
        );
        let credentials = AwsSdkCredentials::new(sdk)
            .provide_credentials()
            .await
            .expect("static credentials");
        assert_eq!(credentials.access_key_id(), "AKIDSDK");
        assert_eq!(credentials.secret_access_key(), "SECRET-SDK");
        assert_eq!(credentials.session_token(), Some("TOKEN-SDK"));
        assert!(credentials.expiry().is_some());

        let error = convert(SdkCredentialsError::not_loaded("no profile"));
        assert_eq!(error.kind(), super::super::CredentialsErrorKind::NotLoaded);
        let error = convert(SdkCredentialsError::provider_error("IMDS is down"));
        assert_eq!(
            error.kind(),
            super::super::CredentialsErrorKind::ProviderError
        );
        assert!(
            error
                .to_string()
                .contains("the credentials provider failed"),
            "{error}"
        );
    }
}
