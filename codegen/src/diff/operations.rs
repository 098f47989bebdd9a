//! Operations and resources: bindings to services and resources (a removed binding is an
//! ERROR unless the operation stays in the service through a resource, an added one a NOTE),
//! operation input/output structures (replaced or removed: ERROR; added: NOTE), and a
//! service's `rename` map (a shape that existed under one name and gets another: ERROR).

use super::{Change, Context, Event, Severity};
use crate::model::{Model, Shape, ShapeId, ShapeKind};

pub(super) fn evaluate(cx: &Context<'_>, events: &mut Vec<Event>) {
    for (old, new) in cx.changed() {
        bindings(cx, old, new, events);
        match (&old.kind, &new.kind) {
            (ShapeKind::Operation(a), ShapeKind::Operation(b)) => {
                io(&new.id, "Input", &a.input, &b.input, events);
                io(&new.id, "Output", &a.output, &b.output, events);
            }
            (ShapeKind::Service(a), ShapeKind::Service(b)) => renames(cx, &new.id, a, b, events),
            _ => {}
        }
    }
}

/// (operations, resources) bound to a service or resource.
fn bound(shape: &Shape) -> Option<(Vec<ShapeId>, Vec<ShapeId>)> {
    match &shape.kind {
        ShapeKind::Service(s) => Some((s.operations.clone(), s.resources.clone())),
        ShapeKind::Resource(r) => {
            let mut operations = r.operations.clone();
            operations.extend(r.collection_operations.iter().cloned());
            Some((operations, r.resources.clone()))
        }
        _ => None,
    }
}

fn bindings(cx: &Context<'_>, old: &Shape, new: &Shape, events: &mut Vec<Event>) {
    let (Some((old_ops, old_res)), Some((new_ops, new_res))) = (bound(old), bound(new)) else {
        return;
    };
    let on_service = matches!(new.kind, ShapeKind::Service(_));
    let (from, to, parent) = if on_service {
        ("FromService", "ToService", "service")
    } else {
        ("FromResource", "ToResource", "resource")
    };
    for (kind, before, after) in [
        ("Operation", &old_ops, &new_ops),
        ("Resource", &old_res, &new_res),
    ] {
        for child in before
            .iter()
            .filter(|c| !after.contains(c) && cx.in_scope(c))
        {
            let still_reachable = on_service
                && kind == "Operation"
                && reachable_operations(cx.new, &new.id).contains(child);
            let (severity, tail) = if still_reachable {
                (
                    Severity::Note,
                    ", but the operation stays in the service through a resource",
                )
            } else {
                (Severity::Error, "")
            };
            let change = if kind == "Operation" {
                Change::OperationUnbound {
                    operation: child.clone(),
                }
            } else {
                Change::ResourceBindingChanged
            };
            events.push(Event::new(
                format!("Removed{kind}Binding.{from}.{}", child.name()),
                severity,
                &new.id,
                change,
                format!(
                    "{kind} `{child}` is no longer bound to {parent} `{}`{tail}",
                    new.id
                ),
            ));
        }
        for child in after
            .iter()
            .filter(|c| !before.contains(c) && cx.in_scope(c))
        {
            let change = if kind == "Operation" {
                Change::OperationBound {
                    operation: child.clone(),
                }
            } else {
                Change::ResourceBindingChanged
            };
            events.push(Event::new(
                format!("Added{kind}Binding.{to}.{}", child.name()),
                Severity::Note,
                &new.id,
                change,
                format!("{kind} `{child}` is now bound to {parent} `{}`", new.id),
            ));
        }
    }
}

fn reachable_operations(model: &Model, service: &ShapeId) -> Vec<ShapeId> {
    model.operation_ids(service).unwrap_or_default()
}

fn io(operation: &ShapeId, what: &str, before: &ShapeId, after: &ShapeId, events: &mut Vec<Event>) {
    if before == after {
        return;
    }
    let unit = ShapeId::new("smithy.api", "Unit");
    let (id, severity) = if *before == unit {
        (format!("AddedOperation{what}"), Severity::Note)
    } else if *after == unit {
        (format!("RemovedOperation{what}"), Severity::Error)
    } else {
        (format!("ChangedOperation{what}"), Severity::Error)
    };
    events.push(Event::new(
        id,
        severity,
        operation,
        Change::OperationIoChanged,
        format!("{what} of `{operation}` changed from `{before}` to `{after}`"),
    ));
}

/// Names shapes take in a service's closure: changing the name of a shape that existed renames
/// its generated type (and, for errors, its wire code).
fn renames(
    cx: &Context<'_>,
    service: &ShapeId,
    old: &crate::model::Service,
    new: &crate::model::Service,
    events: &mut Vec<Event>,
) {
    let ids: std::collections::BTreeSet<&ShapeId> =
        old.rename.keys().chain(new.rename.keys()).collect();
    for id in ids {
        let (before, after) = (old.rename.get(id), new.rename.get(id));
        if before == after || cx.old.shape(id).is_none() {
            continue;
        }
        let name = |n: Option<&String>| n.map_or_else(|| id.name().to_owned(), Clone::clone);
        events.push(Event::new(
            format!("ServiceRename.{}", id.name()),
            Severity::Error,
            service,
            Change::ShapeRenamed { shape: id.clone() },
            format!(
                "`{id}` is called `{}` in service `{service}`, not `{}` any more",
                name(after),
                name(before)
            ),
        ));
    }
}
