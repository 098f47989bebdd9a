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
