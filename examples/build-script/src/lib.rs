//! A Cognito Identity Provider client for `GetUser` and `UpdateUserAttributes`, generated at
//! build time by `build.rs` (see the `smithy_codegen::BuildScript` docs).
//!
//! The generated file is included at the crate root, where its `crate::…` paths point; the
//! crate's attributes are ours to choose.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

include!(concat!(env!("OUT_DIR"), "/cognito.rs"));

#[cfg(test)]
mod tests {
    use crate::operation::get_user::{GetUser, GetUserInput};
    use smithy_runtime::operation::{Operation, RequestContext};

    #[test]
    fn the_generated_operation_builds_its_request() {
        let input = GetUserInput::new("token-123");
        let token = || String::from("unused");
        let context = RequestContext {
            endpoint: "https://cognito-idp.eu-west-1.amazonaws.com",
            idempotency_token: &token,
        };
        let request = GetUser::serialize(&input, &context).expect("the request builds");
        assert_eq!(
            request.headers()["x-amz-target"],
            "AWSCognitoIdentityProviderService.GetUser"
        );
        let body: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
        assert_eq!(body["AccessToken"], "token-123");
    }

    #[test]
    fn the_client_is_generated() {
        let config = crate::Config::builder().region("eu-west-1").build();
        assert!(config.is_ok(), "{config:?}");
    }
}
