//! `@endpoint` host prefixes: the template split into literal text and `{Label}`s, each label
//! resolved to the input field that fills it in. A label naming no input member, or an
//! unclosed brace, is a model error on the operation.

use super::lower::{error, LowerError};
use super::{HostPrefixIr, HostPrefixSegment, PathStep, StructIr};
use crate::model::ShapeId;

/// The host prefix `template` of `operation`, whose input is `input`.
pub(super) fn resolve(
    operation: &ShapeId,
    template: &str,
    input: &StructIr,
) -> Result<HostPrefixIr, LowerError> {
    let mut segments = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            segments.push(HostPrefixSegment::Literal(rest[..open].to_owned()));
        }
        let close = rest[open..].find('}').ok_or_else(|| {
            error(
                operation,
                format!("unclosed `{{` in the @endpoint host prefix `{template}`"),
            )
        })? + open;
        let label = &rest[open + 1..close];
        let step = input_field(input, label).ok_or_else(|| {
            error(
                operation,
                format!(
                    "the @endpoint host prefix `{template}` names `{label}`, which is not a member of the input `{}`",
                    input.id
                ),
            )
        })?;
        segments.push(HostPrefixSegment::Label(step));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        segments.push(HostPrefixSegment::Literal(rest.to_owned()));
    }
    Ok(HostPrefixIr {
        template: template.to_owned(),
        segments,
    })
}

/// The field of `input` for the member `member`, as a one-step path.
pub(super) fn input_field(input: &StructIr, member: &str) -> Option<PathStep> {
    input
        .fields
        .iter()
        .find(|f| f.member == member)
        .map(|f| PathStep {
            member: f.member.clone(),
            ident: f.ident.clone(),
            optional: f.optional,
            boxed: f.boxed,
        })
}
