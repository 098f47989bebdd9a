//! Resolves credentials and region through aws-config's default chain and shows where they
//! came from (the access key id only, never the secret).
//!
//! ```sh
//! AWS_PROFILE=my-profile cargo run -p aws-credentials
//! ```

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sdk = aws_credentials::load_aws_config().await?;
    let config = aws_credentials::config_from(&sdk)?;
    println!("region: {}", config.region().unwrap_or("(none)"));
    match config.credentials_provider() {
        None => println!("no credentials provider"),
        Some(provider) => match provider.provide_credentials().await {
            Ok(credentials) => println!("access key id: {}", credentials.access_key_id()),
            Err(error) => println!("no credentials: {error}"),
        },
    }
    // The generated client takes the configuration as it is.
    let _client = cognito_identity_provider::Client::new(config);
    Ok(())
}
