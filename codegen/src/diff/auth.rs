//! The effective auth schemes of each operation (its `@auth`, else the service's `@auth`,
//! else every auth scheme trait on the service). An operation that needs authentication where
//! it was anonymous, or loses a scheme, is DANGER; one that gains schemes or becomes
//! anonymous is a NOTE. Removing a scheme trait from the service is already an ERROR under
//! the trait rules.

use super::{Change, Context, Event, Severity};
use crate::model::{Shape, ShapeId, ShapeKind};

/// Auth scheme traits (`@authDefinition` traits of the Smithy prelude and AWS packages).
const SCHEMES: &[&str] = &[
    "aws.auth#sigv4",
    "aws.auth#sigv4a",
    "smithy.api#httpBasicAuth",
    "smithy.api#httpDigestAuth",
    "smithy.api#httpBearerAuth",
    "smithy.api#httpApiKeyAuth",
];

pub(super) fn evaluate(cx: &Context<'_>, events: &mut Vec<Event>) {
    for (old_service, new_service) in cx.changed() {
        if !matches!(new_service.kind, ShapeKind::Service(_)) {
            continue;
        }
        let operations = cx.new.operation_ids(&new_service.id).unwrap_or_default();
        for operation in operations.iter().filter(|op| cx.in_scope(op)) {
            let (Some(old_op), Some(new_op)) = (cx.old.shape(operation), cx.new.shape(operation))
            else {
                continue;
            };
            let before = effective(old_service, old_op);
            let after = effective(new_service, new_op);
            if before == after {
                continue;
            }
            let lost: Vec<&ShapeId> = before.iter().filter(|s| !after.contains(s)).collect();
            let severity = if (before.is_empty() && !after.is_empty())
                || (!lost.is_empty() && !after.is_empty())
            {
                Severity::Danger
            } else {
                Severity::Note
            };
            events.push(Event::new(
                "ChangedOperationAuth",
                severity,
                operation,
                Change::AuthChanged {
                    old: before.clone(),
                    new: after.clone(),
                },
                format!(
                    "Auth schemes of `{operation}` changed from {} to {}",
                    show(&before),
                    show(&after)
                ),
            ));
        }
    }
}

fn show(schemes: &[ShapeId]) -> String {
    if schemes.is_empty() {
        "none (anonymous)".to_owned()
    } else {
        schemes
            .iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The schemes an operation may use, in priority order.
pub(super) fn effective(service: &Shape, operation: &Shape) -> Vec<ShapeId> {
    if let Some(auth) = &operation.traits.auth {
        return auth.clone();
    }
    if let Some(auth) = &service.traits.auth {
        return auth.clone();
    }
    service
        .traits
        .raw
        .keys()
        .filter(|id| SCHEMES.contains(&id.to_string().as_str()))
        .cloned()
        .collect()
}
