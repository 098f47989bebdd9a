//! Whole shapes: added (NOTE), removed (ERROR; WARNING for plain scalars, which carry no
//! name into generated code), and changed type (ERROR).

use super::{Change, Context, Event, Severity};
use crate::model::{Shape, ShapeKind};

pub(super) fn evaluate(cx: &Context<'_>, events: &mut Vec<Event>) {
    for shape in cx.added() {
        events.push(Event::new(
            "AddedShape",
            Severity::Note,
            &shape.id,
            Change::ShapeAdded,
            format!("Added {} `{}`", shape.type_name(), shape.id),
        ));
    }
    for shape in cx.removed() {
        let (id, severity) = if is_plain_scalar(shape) {
            ("RemovedShape.ScalarShape", Severity::Warning)
        } else {
            ("RemovedShape", Severity::Error)
        };
        events.push(Event::new(
            id,
            severity,
            &shape.id,
            Change::ShapeRemoved,
            format!("Removed {} `{}`", shape.type_name(), shape.id),
        ));
    }
    for (old, new) in cx.changed() {
        closure_change(cx, new, events);
        if old.type_name() == new.type_name() {
            continue;
        }
        // A Smithy 1.0 `set` read as a list keeps its wire form; anything else is a new type.
        let severity = match (&old.kind, &new.kind) {
            (ShapeKind::Set(_), ShapeKind::List(_)) => Severity::Warning,
            _ => Severity::Error,
        };
        events.push(Event::new(
            "ChangedShapeType",
            severity,
            &new.id,
            Change::ShapeTypeChanged {
                old: old.type_name().to_owned(),
                new: new.type_name().to_owned(),
            },
            format!(
                "Shape `{}` changed from a {} to a {}",
                new.id,
                old.type_name(),
                new.type_name()
            ),
        ));
    }
}

/// A shape present in both models that the selected operations reach in only one of them
/// (a new member, error or target pulled it in, or the last reference went away): its
/// generated type appears in, or disappears from, the crate.
fn closure_change(cx: &Context<'_>, shape: &Shape, events: &mut Vec<Event>) {
    let (id, severity, change, verb) = match cx.reached(&shape.id) {
        (false, true) => (
            "EnteredClosure",
            Severity::Note,
            Change::ShapeAdded,
            "now reached",
        ),
        (true, false) => (
            "LeftClosure",
            Severity::Warning,
            Change::ShapeRemoved,
            "no longer reached",
        ),
        _ => return,
    };
    events.push(Event::new(
        id,
        severity,
        &shape.id,
        change,
        format!(
            "The {} `{}` is {verb} by the selected operations",
            shape.type_name(),
            shape.id
        ),
    ));
}

/// Scalars whose name does not reach generated code (a string without the legacy `@enum`).
fn is_plain_scalar(shape: &Shape) -> bool {
    match shape.kind {
        ShapeKind::String => !shape
            .traits
            .raw
            .keys()
            .any(|id| id.to_string() == "smithy.api#enum"),
        ShapeKind::Blob
        | ShapeKind::Boolean
        | ShapeKind::Byte
        | ShapeKind::Short
        | ShapeKind::Integer
        | ShapeKind::Long
        | ShapeKind::Float
        | ShapeKind::Double
        | ShapeKind::BigInteger
        | ShapeKind::BigDecimal
        | ShapeKind::Timestamp => true,
        _ => false,
    }
}
