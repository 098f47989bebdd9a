//! Errors of operations and services. Smithy judges an added error a WARNING (compatible only
//! if clients must change behaviour to meet it) and a removed one a WARNING; a service's
//! errors reach every one of its operations.

use super::{Change, Context, Event, Severity};
use crate::model::{Shape, ShapeKind};

pub(super) fn evaluate(cx: &Context<'_>, events: &mut Vec<Event>) {
    for (old, new) in cx.changed() {
        let (before, after, what) = match (&old.kind, &new.kind) {
            (ShapeKind::Operation(a), ShapeKind::Operation(b)) => {
                (&a.errors, &b.errors, "Operation")
            }
            (ShapeKind::Service(a), ShapeKind::Service(b)) => (&a.errors, &b.errors, "Service"),
            _ => continue,
        };
        for error in after.iter().filter(|e| !before.contains(e)) {
            events.push(Event::new(
                format!("Added{what}Error"),
                Severity::Warning,
                &new.id,
                Change::ErrorAdded {
                    operation: new.id.clone(),
                    error: error.clone(),
                },
                format!(
                    "Error `{error}` was added to {} `{}`{}",
                    what.to_lowercase(),
                    new.id,
                    reach(new, "to")
                ),
            ));
        }
        for error in before.iter().filter(|e| !after.contains(e)) {
            events.push(Event::new(
                format!("Removed{what}Error"),
                Severity::Warning,
                &new.id,
                Change::ErrorRemoved {
                    operation: new.id.clone(),
                    error: error.clone(),
                },
                format!(
                    "Error `{error}` was removed from {} `{}`{}",
                    what.to_lowercase(),
                    new.id,
                    reach(new, "from")
                ),
            ));
        }
    }
}

fn reach(shape: &Shape, preposition: &str) -> String {
    match shape.kind {
        ShapeKind::Service(_) => format!(" (and so {preposition} every operation of the service)"),
        _ => String::new(),
    }
}
