//! Service-specific behaviour that AWS SDKs add by hand because the model cannot express it.
//! Each entry names the shape it applies to; nothing here depends on test data.

use super::lower::{error, LowerError};
use super::{PathStep, StructIr};
use crate::model::ShapeId;

/// Operations whose request goes to the URL held in one of their input members instead of
/// the configured endpoint, as `(operation id, input member)`.
///
/// Amazon Machine Learning hands out a per-model prediction endpoint and expects `Predict`
/// to be sent there; every AWS SDK redirects the call to the `PredictEndpoint` member.
const ENDPOINT_FROM_INPUT: &[(&str, &str)] =
    &[("com.amazonaws.machinelearning#Predict", "PredictEndpoint")];

/// The input field whose value, when not empty, replaces the endpoint of `operation`; an
/// error when the customization names a member the input lacks.
pub(super) fn endpoint_override(
    operation: &ShapeId,
    input: &StructIr,
) -> Result<Option<PathStep>, LowerError> {
    let id = operation.to_string();
    let Some((_, member)) = ENDPOINT_FROM_INPUT.iter().find(|(op, _)| *op == id) else {
        return Ok(None);
    };
    super::host_prefix::input_field(input, member)
        .map(Some)
        .ok_or_else(|| {
            error(
                operation,
                format!("takes its endpoint from `{member}`, which is not an input member"),
            )
        })
}

/// Amazon API Gateway answers in JSON only when asked: every request carries
/// `Accept: application/json`.
const API_GATEWAY: &str = "com.amazonaws.apigateway#BackplaneControlService";

/// Amazon Glacier wants its API version in `X-Amz-Glacier-Version` on every request, takes
/// `-` for "the caller's account" when the account id is left empty, and requires SHA-256
/// linear and tree hashes of uploaded bodies.
const GLACIER: &str = "com.amazonaws.glacier#Glacier";

/// Service-wide request customizations of HTTP-bound protocols.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestCustomizations {
    /// Headers every request carries, as `(name, value)`.
    pub fixed_headers: Vec<(String, String)>,
    /// Path labels that take a value when the input leaves them empty, as `(member, value)`.
    pub label_defaults: Vec<(String, String)>,
    /// Requests with a blob payload carry Glacier's SHA-256 and tree hash headers.
    pub glacier_checksums: bool,
}

/// The request customizations of `service` (whose `version` property is `version`).
pub(super) fn request_customizations(service: &ShapeId, version: &str) -> RequestCustomizations {
    match service.to_string().as_str() {
        API_GATEWAY => RequestCustomizations {
            fixed_headers: vec![("Accept".to_owned(), "application/json".to_owned())],
            ..RequestCustomizations::default()
        },
        GLACIER => RequestCustomizations {
            fixed_headers: vec![("X-Amz-Glacier-Version".to_owned(), version.to_owned())],
            label_defaults: vec![("accountId".to_owned(), "-".to_owned())],
            glacier_checksums: true,
        },
        _ => RequestCustomizations::default(),
    }
}
