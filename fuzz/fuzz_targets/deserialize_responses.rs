//! Arbitrary HTTP responses into the `deserialize` of every operation of the checked-in
//! Cognito crate.
//!
//! The input is read as: one byte choosing the operation, two bytes for the status
//! (100–999), one byte of header switches, one byte choosing an error code, an optional
//! length-prefixed raw header value, and the rest as the body. A crash is a panic, a
//! stack overflow, or a broken invariant below (an outcome that does not fit the status,
//! or a status lost on the way).
#![no_main]

use cognito_identity_provider::operation::{
    delete_user_attributes::DeleteUserAttributes, get_user::GetUser,
    get_user_attribute_verification_code::GetUserAttributeVerificationCode,
    update_user_attributes::UpdateUserAttributes, verify_user_attribute::VerifyUserAttribute,
};
use libfuzzer_sys::fuzz_target;
use smithy_runtime::error::{ProvideErrorMetadata, ProvideResponseMetadata, SdkError};
use smithy_runtime::http;
use smithy_runtime::operation::Operation;

/// Error codes the five operations model, plus near misses, so the fuzzer reaches the
/// modelled-error parsers without having to guess the names.
const CODES: &[&str] = &[
    "AliasExistsException",
    "CodeDeliveryFailureException",
    "CodeMismatchException",
    "ExpiredCodeException",
    "ForbiddenException",
    "InternalErrorException",
    "InvalidEmailRoleAccessPolicyException",
    "InvalidLambdaResponseException",
    "InvalidParameterException",
    "InvalidSmsRoleAccessPolicyException",
    "InvalidSmsRoleTrustRelationshipException",
    "InvalidUserPoolConfigurationException",
    "LimitExceededException",
    "NotAuthorizedException",
    "PasswordResetRequiredException",
    "ResourceNotFoundException",
    "TooManyRequestsException",
    "UnexpectedLambdaException",
    "UserLambdaValidationException",
    "UserNotConfirmedException",
    "UserNotFoundException",
    "com.amazonaws.cognitoidentityprovider#NotAuthorizedException",
    "UserNotFoundException:http://internal.amazon.com/coral/",
    "",
];

/// Reads bytes off the front of the input, giving zeros once it runs out.
struct Input<'a>(&'a [u8]);

impl<'a> Input<'a> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((first, rest)) => {
                self.0 = rest;
                *first
            }
            None => 0,
        }
    }

    fn take(&mut self, n: usize) -> &'a [u8] {
        let n = n.min(self.0.len());
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        head
    }
}

fn response(data: &[u8]) -> (usize, http::Response<Vec<u8>>) {
    let mut input = Input(data);
    let operation = usize::from(input.byte());
    let status = 100 + u16::from_le_bytes([input.byte(), input.byte()]) % 900;
    let switches = input.byte();
    let code = CODES[usize::from(input.byte()) % CODES.len()];
    let raw_header = if switches & 0b10 != 0 {
        let len = usize::from(input.byte() % 48);
        Some(input.take(len))
    } else {
        None
    };
    let mut builder = http::Response::builder().status(status);
    if switches & 0b1 != 0 {
        let value = match raw_header {
            Some(bytes) => http::HeaderValue::from_bytes(bytes).ok(),
            None => http::HeaderValue::from_str(code).ok(),
        };
        if let Some(value) = value {
            builder = builder.header("x-amzn-errortype", value);
        }
    }
    if switches & 0b100 != 0 {
        builder = builder.header("x-amzn-requestid", "fuzz-request");
    }
    if switches & 0b1000 != 0 {
        builder = builder.header("x-amzn-query-error", format!("{code};Sender"));
    }
    let body = input.0.to_vec();
    (operation, builder.body(body).expect("a valid response"))
}

/// Runs one operation and checks the outcome fits the status.
fn check<O>(response: &http::Response<Vec<u8>>)
where
    O: Operation,
    O::Output: std::fmt::Debug,
    O::Error: std::fmt::Debug + std::fmt::Display,
{
    let status = response.status().as_u16();
    let success = (200..300).contains(&status);
    match O::deserialize(response) {
        Ok(output) => {
            assert!(success, "HTTP {status} gave an output");
            assert_eq!(output.response_metadata().http_status(), Some(status));
            let _ = format!("{output:?}");
        }
        Err(SdkError::Service(error)) => {
            assert!(!success, "HTTP {status} gave a service error");
            assert_eq!(error.http_status(), Some(status));
            let _ = format!("{error} {error:?}");
        }
        Err(SdkError::Response(error)) => {
            assert_eq!(error.http_status(), status);
            let _ = format!("{error} {error:?}");
        }
        Err(other) => panic!("deserialize gave an impossible variant: {other:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let (operation, response) = response(data);
    match operation % 5 {
        0 => check::<DeleteUserAttributes>(&response),
        1 => check::<GetUser>(&response),
        2 => check::<GetUserAttributeVerificationCode>(&response),
        3 => check::<UpdateUserAttributes>(&response),
        _ => check::<VerifyUserAttribute>(&response),
    }
});
