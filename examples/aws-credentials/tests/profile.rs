//! Credentials from a named profile in a temporary `AWS_CONFIG_FILE` and
//! `AWS_SHARED_CREDENTIALS_FILE`, through aws-config's profile provider and the
//! `AwsSdkCredentials` adapter, sign a request with the profile's key (issue 10, finding 11).
//! No network: the profile provider only reads files.

use std::time::SystemTime;

use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_config::BehaviorVersion;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credentials::TransportHttpClient;
use smithy_runtime::client::{sign_request, AwsSdkCredentials, ProvideCredentials};

#[tokio::test]
async fn a_profile_from_temporary_files_signs_requests() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let config_file = dir.path().join("config");
    let credentials_file = dir.path().join("credentials");
    std::fs::write(
        &config_file,
        "[profile safety-test]\nregion = eu-north-1\n\n[default]\nregion = us-east-1\n",
    )
    .expect("write the config file");
    std::fs::write(
        &credentials_file,
        "[safety-test]\naws_access_key_id = AKIDPROFILE\n\
         aws_secret_access_key = SECRET-FROM-PROFILE\naws_session_token = TOKEN-FROM-PROFILE\n",
    )
    .expect("write the credentials file");
    // This test is alone in its binary, so changing the environment affects nothing else.
    std::env::set_var("AWS_CONFIG_FILE", &config_file);
    std::env::set_var("AWS_SHARED_CREDENTIALS_FILE", &credentials_file);
    std::env::set_var("AWS_PROFILE", "safety-test");
    // Should the profile not resolve, the chain must fail rather than ask IMDS.
    std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
    for name in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_REGION",
    ] {
        std::env::remove_var(name);
    }

    // aws-config's HTTP client: the generated client's transport (nothing here uses it; the
    // profile holds static keys).
    let transport = cognito_identity_provider::Config::builder()
        .build()
        .expect("the default transport")
        .http_transport()
        .clone();
    let provider_config =
        ProviderConfig::without_region().with_http_client(TransportHttpClient::new(transport));
    let provider = ProfileFileCredentialsProvider::builder()
        .configure(&provider_config)
        .build();
    let sdk = aws_config::SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .credentials_provider(SharedCredentialsProvider::new(provider))
        .region(aws_config::Region::new("eu-north-1"))
        .build();
    let config = aws_credentials::config_from(&sdk).expect("a valid config");
    assert_eq!(config.region(), Some("eu-north-1"));

    let credentials = config
        .credentials_provider()
        .expect("a provider")
        .provide_credentials()
        .await
        .expect("the profile's credentials");
    assert_eq!(credentials.access_key_id(), "AKIDPROFILE");
    assert_eq!(credentials.session_token(), Some("TOKEN-FROM-PROFILE"));
    assert!(!format!("{credentials:?}").contains("SECRET-FROM-PROFILE"));

    let mut request = smithy_runtime::http::Request::builder()
        .method("POST")
        .uri("https://cognito-idp.eu-north-1.amazonaws.com/")
        .body(b"{}".to_vec())
        .expect("a request");
    sign_request(
        &mut request,
        &credentials,
        "eu-north-1",
        "cognito-idp",
        SystemTime::now(),
    )
    .expect("signed");
    let authorization = request.headers()["authorization"].to_str().expect("text");
    assert!(
        authorization.contains("Credential=AKIDPROFILE/"),
        "{authorization}"
    );
    assert!(!authorization.contains("SECRET-FROM-PROFILE"));

    // The adapter works on the provider directly too.
    let direct = AwsSdkCredentials::new(
        ProfileFileCredentialsProvider::builder()
            .configure(&provider_config)
            .build(),
    )
    .provide_credentials()
    .await
    .expect("the profile's credentials");
    assert_eq!(direct.access_key_id(), "AKIDPROFILE");

    // The example's path: aws-config's whole default chain finds the same profile (it comes
    // before any network provider) and its region.
    let sdk = aws_credentials::load_aws_config()
        .await
        .expect("aws-config");
    let config = aws_credentials::config_from(&sdk).expect("a valid config");
    assert_eq!(config.region(), Some("eu-north-1"));
    let chained = config
        .credentials_provider()
        .expect("the default chain")
        .provide_credentials()
        .await
        .expect("the profile's credentials through the default chain");
    assert_eq!(chained.access_key_id(), "AKIDPROFILE");
    println!("profile credentials: AKIDPROFILE from a temporary AWS_SHARED_CREDENTIALS_FILE signed a request");
}
