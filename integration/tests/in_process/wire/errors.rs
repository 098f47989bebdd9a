//! Reading error responses: every modelled error of every operation (table-driven), every
//! place awsJson 1.1 may put the error code, unknown codes, and bodies that are not JSON.

use super::{json_response, response};
use cognito_identity_provider::error;
use cognito_identity_provider::operation::delete_user_attributes::{
    DeleteUserAttributes, DeleteUserAttributesError,
};
use cognito_identity_provider::operation::get_user::{GetUser, GetUserError};
use cognito_identity_provider::operation::get_user_attribute_verification_code::{
    GetUserAttributeVerificationCode, GetUserAttributeVerificationCodeError,
};
use cognito_identity_provider::operation::update_user_attributes::{
    UpdateUserAttributes, UpdateUserAttributesError,
};
use cognito_identity_provider::operation::verify_user_attribute::{
    VerifyUserAttribute, VerifyUserAttributeError,
};
use cognito_identity_provider::runtime::error::{Fault, ProvideErrorMetadata, SdkError};
use cognito_identity_provider::runtime::operation::Operation;
use serde_json::{json, Value};
use std::fmt::Debug;

/// One modelled error of an operation.
struct Case<E> {
    /// The error code (the shape name).
    code: &'static str,
    /// `@httpError`, if the model gives one.
    modeled_status: Option<u16>,
    /// Whether `E` is the variant for this code.
    is_variant: fn(&E) -> bool,
}

/// The cases for the listed error variants of `$enum` (each variant wraps the error structure
/// of the same name in `crate::error`).
macro_rules! cases {
    ($enum:ident: $($variant:ident),* $(,)?) => {
        vec![$(
            Case::<$enum> {
                code: stringify!($variant),
                modeled_status: error::$variant::MODELED_HTTP_STATUS,
                is_variant: |e| matches!(e, $enum::$variant(_)),
            }
        ),*]
    };
}

/// The errors our own model lists for `operation`, in model order.
fn modeled_errors(operation: &str) -> Vec<String> {
    let path = integration_tests::generated_crate::workspace_root()
        .join("models/cognito-identity-provider.json");
    let model: Value = serde_json::from_str(
        &std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display())),
    )
    .expect("the model is JSON");
    let id = format!("com.amazonaws.cognitoidentityprovider#{operation}");
    model["shapes"][&id]["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("{id} lists no errors"))
        .iter()
        .map(|target| {
            let target = target["target"].as_str().expect("a shape id");
            target.rsplit('#').next().expect("a name").to_owned()
        })
        .collect()
}

/// Every case answers with its code in `__type`, is recognised as its variant, and carries
/// code, message, request id, status and fault; the table covers every error the model lists.
fn check_every_modeled_error<O>(cases: Vec<Case<O::Error>>)
where
    O: Operation,
    O::Error: Debug + Into<cognito_identity_provider::Error>,
    O::Output: Debug,
{
    let listed: Vec<&str> = cases.iter().map(|case| case.code).collect();
    assert_eq!(
        listed,
        modeled_errors(O::NAME),
        "{}: the table must list every modelled error",
        O::NAME
    );
    for case in cases {
        let code = case.code;
        let server = code == "InternalErrorException";
        let status = case
            .modeled_status
            .unwrap_or(if server { 500 } else { 400 });
        let request_id = format!("req-{code}");
        let message = format!("{code} raised by {}", O::NAME);
        let body = json!({ "__type": code, "message": message });
        let error = match O::deserialize(&json_response(status, &request_id, &body)) {
            Err(SdkError::Service(error)) => error,
            other => panic!(
                "{} / {code}: expected a service error, got {other:?}",
                O::NAME
            ),
        };
        let context = format!("{} / {code}", O::NAME);
        assert!(
            (case.is_variant)(&error),
            "{context}: wrong variant {error:?}"
        );
        assert_eq!(error.code(), Some(code), "{context}: code");
        assert_eq!(
            error.message(),
            Some(message.as_str()),
            "{context}: message"
        );
        assert_eq!(
            error.request_id(),
            Some(request_id.as_str()),
            "{context}: request id"
        );
        assert_eq!(error.http_status(), Some(status), "{context}: status");
        let fault = if server { Fault::Server } else { Fault::Client };
        assert_eq!(error.fault(), fault, "{context}: fault");
        assert_eq!(error.to_string(), format!("{code}: {message}"), "{context}");
        // The service-wide error keeps the modelled error (not `Unhandled`).
        let service: cognito_identity_provider::Error = error.into();
        let debug = format!("{service:?}");
        assert!(
            debug.starts_with(&format!("{code}(")),
            "{context}: converted to {debug}"
        );
    }
}

#[test]
fn get_user_errors() {
    check_every_modeled_error::<GetUser>(cases!(GetUserError:
        ForbiddenException,
        InternalErrorException,
        InvalidParameterException,
        NotAuthorizedException,
        PasswordResetRequiredException,
        ResourceNotFoundException,
        TooManyRequestsException,
        UserNotConfirmedException,
        UserNotFoundException,
    ));
}

#[test]
fn update_user_attributes_errors() {
    check_every_modeled_error::<UpdateUserAttributes>(cases!(UpdateUserAttributesError:
        AliasExistsException,
        CodeDeliveryFailureException,
        CodeMismatchException,
        ExpiredCodeException,
        ForbiddenException,
        InternalErrorException,
        InvalidEmailRoleAccessPolicyException,
        InvalidLambdaResponseException,
        InvalidParameterException,
        InvalidSmsRoleAccessPolicyException,
        InvalidSmsRoleTrustRelationshipException,
        NotAuthorizedException,
        PasswordResetRequiredException,
        ResourceNotFoundException,
        TooManyRequestsException,
        UnexpectedLambdaException,
        UserLambdaValidationException,
        UserNotConfirmedException,
        UserNotFoundException,
    ));
}

#[test]
fn delete_user_attributes_errors() {
    check_every_modeled_error::<DeleteUserAttributes>(cases!(DeleteUserAttributesError:
        ForbiddenException,
        InternalErrorException,
        InvalidParameterException,
        NotAuthorizedException,
        PasswordResetRequiredException,
        ResourceNotFoundException,
        TooManyRequestsException,
        UserNotConfirmedException,
        UserNotFoundException,
    ));
}

#[test]
fn get_user_attribute_verification_code_errors() {
    check_every_modeled_error::<GetUserAttributeVerificationCode>(
        cases!(GetUserAttributeVerificationCodeError:
            CodeDeliveryFailureException,
            ForbiddenException,
            InternalErrorException,
            InvalidEmailRoleAccessPolicyException,
            InvalidLambdaResponseException,
            InvalidParameterException,
            InvalidSmsRoleAccessPolicyException,
            InvalidSmsRoleTrustRelationshipException,
            LimitExceededException,
            NotAuthorizedException,
            PasswordResetRequiredException,
            ResourceNotFoundException,
            TooManyRequestsException,
            UnexpectedLambdaException,
            UserLambdaValidationException,
            UserNotConfirmedException,
            UserNotFoundException,
        ),
    );
}

#[test]
fn verify_user_attribute_errors() {
    check_every_modeled_error::<VerifyUserAttribute>(cases!(VerifyUserAttributeError:
        AliasExistsException,
        CodeMismatchException,
        ExpiredCodeException,
        ForbiddenException,
        InternalErrorException,
        InvalidParameterException,
        LimitExceededException,
        NotAuthorizedException,
        PasswordResetRequiredException,
        ResourceNotFoundException,
        TooManyRequestsException,
        UserNotConfirmedException,
        UserNotFoundException,
    ));
}

#[test]
fn modeled_statuses_match_the_model() {
    // The table above reads statuses from the generated constants; pin the facts down too.
    assert_eq!(error::ForbiddenException::MODELED_HTTP_STATUS, Some(403));
    assert_eq!(
        error::NotAuthorizedException::MODELED_HTTP_STATUS,
        Some(403)
    );
    assert_eq!(
        error::ResourceNotFoundException::MODELED_HTTP_STATUS,
        Some(404)
    );
    assert_eq!(error::UserNotFoundException::MODELED_HTTP_STATUS, Some(404));
    assert_eq!(
        error::TooManyRequestsException::MODELED_HTTP_STATUS,
        Some(429)
    );
    assert_eq!(error::InternalErrorException::MODELED_HTTP_STATUS, None);
    assert_eq!(error::CodeMismatchException::MODELED_HTTP_STATUS, Some(400));
    assert_eq!(
        error::InternalErrorException::CODE,
        "InternalErrorException"
    );
}

#[test]
fn modeled_error_members_are_read() {
    let body = json!({
        "__type": "InvalidParameterException",
        "message": "Invalid email address format.",
        "reasonCode": "INVALID_EMAIL"
    });
    match GetUser::deserialize(&json_response(400, "r", &body)) {
        Err(SdkError::Service(GetUserError::InvalidParameterException(e))) => {
            assert_eq!(e.reason_code(), Some("INVALID_EMAIL"));
            assert_eq!(e.message(), Some("Invalid email address format."));
        }
        other => panic!("expected InvalidParameterException, got {other:?}"),
    }
}

/// Deserializes a `GetUser` error response, failing unless it is a service error.
fn get_user_error(status: u16, headers: &[(&str, &str)], body: &str) -> GetUserError {
    match GetUser::deserialize(&response(status, headers, body)) {
        Err(SdkError::Service(error)) => error,
        other => panic!("expected a service error, got {other:?}"),
    }
}

#[test]
fn code_from_the_error_type_header_with_a_url_suffix() {
    let error = get_user_error(
        403,
        &[
            (
                "X-Amzn-ErrorType",
                "NotAuthorizedException:http://internal.amazon.com/coral/com.amazon.coral.service/",
            ),
            ("x-amzn-requestid", "req-header"),
        ],
        r#"{"message": "Access Token has been revoked"}"#,
    );
    assert!(
        matches!(error, GetUserError::NotAuthorizedException(_)),
        "{error:?}"
    );
    assert_eq!(error.code(), Some("NotAuthorizedException"));
    assert_eq!(error.message(), Some("Access Token has been revoked"));
    assert_eq!(error.request_id(), Some("req-header"));
}

#[test]
fn the_header_wins_over_the_body() {
    let error = get_user_error(
        404,
        &[("x-amzn-errortype", "UserNotFoundException")],
        r#"{"__type": "NotAuthorizedException", "message": "m"}"#,
    );
    assert!(
        matches!(error, GetUserError::UserNotFoundException(_)),
        "{error:?}"
    );
}

#[test]
fn code_from_a_namespaced_type() {
    let error = get_user_error(
        404,
        &[],
        r#"{"__type": "com.amazonaws.cognitoidentityprovider#UserNotFoundException", "message": "User does not exist."}"#,
    );
    assert!(
        matches!(error, GetUserError::UserNotFoundException(_)),
        "{error:?}"
    );
    assert_eq!(error.code(), Some("UserNotFoundException"));
    assert_eq!(error.message(), Some("User does not exist."));
}

#[test]
fn code_from_a_code_key() {
    let error = get_user_error(
        429,
        &[],
        r#"{"code": "TooManyRequestsException", "Message": "Rate exceeded"}"#,
    );
    assert!(
        matches!(error, GetUserError::TooManyRequestsException(_)),
        "{error:?}"
    );
    assert_eq!(error.message(), Some("Rate exceeded"));
    assert_eq!(error.http_status(), Some(429));
}

#[test]
fn unknown_code_is_unhandled_with_its_metadata() {
    let error = get_user_error(
        400,
        &[("x-amzn-requestid", "req-unknown")],
        r#"{"__type": "BrandNewException", "message": "added after this crate was generated"}"#,
    );
    let GetUserError::Unhandled(unhandled) = &error else {
        panic!("expected Unhandled, got {error:?}");
    };
    assert_eq!(unhandled.code(), Some("BrandNewException"));
    assert_eq!(error.code(), Some("BrandNewException"));
    assert_eq!(
        error.message(),
        Some("added after this crate was generated")
    );
    assert_eq!(error.http_status(), Some(400));
    assert_eq!(error.request_id(), Some("req-unknown"));
    assert_eq!(error.fault(), Fault::Client);
    assert!(error.is_unhandled());
    let service: cognito_identity_provider::Error = error.into();
    assert!(
        matches!(service, cognito_identity_provider::Error::Unhandled(_)),
        "{service:?}"
    );
}

#[test]
fn an_html_page_on_an_error_status_is_unhandled_not_a_panic() {
    let page =
        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let error = get_user_error(
        502,
        &[
            ("content-type", "text/html; charset=utf-8"),
            ("x-amzn-requestid", "req-html"),
        ],
        page,
    );
    assert!(error.is_unhandled(), "{error:?}");
    assert_eq!(error.code(), None);
    assert_eq!(error.message(), None);
    assert_eq!(error.http_status(), Some(502));
    assert_eq!(error.request_id(), Some("req-html"));
    assert_eq!(error.fault(), Fault::Server);

    // With the code in the header, the modelled error is still recognised.
    let error = get_user_error(
        403,
        &[("x-amzn-errortype", "ForbiddenException")],
        "<html><body>Request blocked by AWS WAF</body></html>",
    );
    assert!(
        matches!(error, GetUserError::ForbiddenException(_)),
        "{error:?}"
    );
    assert_eq!(error.message(), None);
    assert_eq!(error.http_status(), Some(403));
}
