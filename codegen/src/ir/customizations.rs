//! Service-specific behaviour that AWS SDKs add by hand because the model cannot express it.
//! Each entry names the shape it applies to; nothing here depends on test data.

use crate::model::ShapeId;

/// Operations whose request goes to the URL held in one of their input members instead of
/// the configured endpoint, as `(operation id, input member)`.
///
/// Amazon Machine Learning hands out a per-model prediction endpoint and expects `Predict`
/// to be sent there; every AWS SDK redirects the call to the `PredictEndpoint` member.
const ENDPOINT_FROM_INPUT: &[(&str, &str)] =
    &[("com.amazonaws.machinelearning#Predict", "PredictEndpoint")];

/// The input member whose value, when not empty, replaces the endpoint of `operation`.
pub(super) fn endpoint_override(operation: &ShapeId) -> Option<String> {
    let id = operation.to_string();
    ENDPOINT_FROM_INPUT
        .iter()
        .find(|(op, _)| *op == id)
        .map(|(_, member)| (*member).to_owned())
}
