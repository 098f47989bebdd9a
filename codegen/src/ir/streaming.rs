//! Operations with event streams (a member targeting a `@streaming` union): not generated yet.
//! `--ops '*'` leaves them out with a warning; asking for one by name is an error naming the
//! member. (A `@streaming` blob is a payload, which the protocols handle as a blob.)

use crate::model::{Model, ShapeId, ShapeKind};

/// An operation left out of a crate, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SkippedOperation {
    /// The operation.
    pub operation: ShapeId,
    /// Why it was left out (names the member).
    pub reason: String,
}

/// Why `operation` cannot be generated because its input or output is an event stream, if it is.
pub fn streaming_reason(model: &Model, operation: &ShapeId) -> Option<String> {
    let shape = model.shape(operation)?;
    let ShapeKind::Operation(op) = &shape.kind else {
        return None;
    };
    let streaming = ShapeId::new("smithy.api", "streaming");
    for structure in [&op.input, &op.output] {
        let Some(structure) = model.shape(structure) else {
            continue;
        };
        for member in structure.members() {
            let Some(target) = model.shape(&member.target) else {
                continue;
            };
            if matches!(target.kind, ShapeKind::Union(_))
                && target.traits.raw.contains_key(&streaming)
            {
                return Some(format!(
                    "event streams are not supported yet: its member `{}` is the event stream `{}`",
                    member.id, target.id
                ));
            }
        }
    }
    None
}
