//! Members of structures and unions: added (NOTE, or ERROR when required without a default),
//! removed (ERROR), reordered (DANGER); and member targets of every aggregate (ERROR when
//! the new target is of another type or a named type, else WARNING raised by what the
//! targets' traits say).

use super::{constraints, traits, Change, Context, Event, Severity};
use crate::model::{Shape, ShapeId, ShapeKind, Traits};

pub(super) fn evaluate(cx: &Context<'_>, events: &mut Vec<Event>) {
    for (old, new) in cx.changed() {
        if old.type_name() != new.type_name() {
            continue;
        }
        if matches!(new.kind, ShapeKind::Structure(_) | ShapeKind::Union(_)) {
            added_and_removed(old, new, events);
            order(old, new, events);
        }
        if matches!(new.kind, ShapeKind::Enum(_) | ShapeKind::IntEnum(_)) {
            continue; // enum members are values, see `enums`
        }
        for (old_member, new_member) in super::common_members(old, new) {
            if old_member.target != new_member.target {
                let (severity, why) = target_change(cx, &old_member.target, &new_member.target);
                events.push(Event::new(
                    "ChangedMemberTarget",
                    severity,
                    &new_member.id,
                    Change::MemberTargetChanged,
                    format!(
                        "Member `{}` now targets `{}` instead of `{}`: {why}",
                        new_member.id, new_member.target, old_member.target
                    ),
                ));
            }
        }
    }
}

fn added_and_removed(old: &Shape, new: &Shape, events: &mut Vec<Event>) {
    let old_members = old.members();
    let new_members = new.members();
    for member in &new_members {
        if old_members.iter().any(|m| m.name == member.name) {
            continue;
        }
        let has_default = matches!(&member.traits.default, Some(v) if !v.is_null());
        let event = if member.traits.required && !has_default {
            Event::new(
                "AddedRequiredMember",
                Severity::Error,
                &member.id,
                Change::MemberAdded,
                format!(
                    "Added required member `{}` without a default: existing callers do not send it",
                    member.id
                ),
            )
        } else {
            Event::new(
                "AddedShape",
                Severity::Note,
                &member.id,
                Change::MemberAdded,
                format!("Added member `{}`", member.id),
            )
        };
        events.push(event);
    }
    for member in &old_members {
        if !new_members.iter().any(|m| m.name == member.name) {
            events.push(Event::new(
                "RemovedShape",
                Severity::Error,
                &member.id,
                Change::MemberRemoved,
                format!("Removed member `{}`", member.id),
            ));
        }
    }
}

/// Members must stay where they were: members swapped, or one inserted (or removed) before
/// others, move positions (Smithy's rule; generated `new(…)` arguments follow member order).
/// Appending is fine: the comparison stops where either list ends.
fn order(old: &Shape, new: &Shape, events: &mut Vec<Event>) {
    let names =
        |shape: &Shape| -> Vec<String> { shape.members().iter().map(|m| m.name.clone()).collect() };
    let (before, after) = (names(old), names(new));
    let moved = before.iter().zip(&after).find(|(a, b)| a != b);
    if let Some((was, now)) = moved {
        events.push(Event::new(
            "ChangedMemberOrder",
            Severity::Danger,
            &new.id,
            Change::MemberOrderChanged,
            format!(
                "Members of `{}` moved: `{now}` now stands where `{was}` was ([{}] became [{}])",
                new.id,
                before.join(", "),
                after.join(", ")
            ),
        ));
    }
}

/// How serious retargeting a member is, and why.
fn target_change(cx: &Context<'_>, old: &ShapeId, new: &ShapeId) -> (Severity, String) {
    let (Some(old_shape), Some(new_shape)) = (cx.old.shape(old), cx.new.shape(new)) else {
        return (Severity::Warning, "a target is missing".to_owned());
    };
    if old_shape.type_name() != new_shape.type_name() {
        return (
            Severity::Error,
            format!(
                "the target's type changed from {} to {}",
                old_shape.type_name(),
                new_shape.type_name()
            ),
        );
    }
    let named = matches!(
        old_shape.kind,
        ShapeKind::Structure(_)
            | ShapeKind::Union(_)
            | ShapeKind::Enum(_)
            | ShapeKind::IntEnum(_)
            | ShapeKind::Operation(_)
            | ShapeKind::Resource(_)
            | ShapeKind::Service(_)
    ) || has_legacy_enum(old_shape);
    if named {
        return (
            Severity::Error,
            format!(
                "the name of a {} is significant to generated code",
                old_shape.type_name()
            ),
        );
    }
    // Same simple or collection type: what matters is what the targets' traits (and their
    // members' targets) say.
    let mut events = trait_events(cx, &old_shape.traits, &new_shape.traits, &new_shape.id);
    let mut nested = Vec::new();
    for (old_member, new_member) in super::common_members(old_shape, new_shape) {
        events.extend(trait_events(
            cx,
            &old_member.traits,
            &new_member.traits,
            &new_member.id,
        ));
        if old_member.target != new_member.target {
            let (severity, why) = target_change(cx, &old_member.target, &new_member.target);
            nested.push((severity, format!("[{severity}] `{}`: {why}", new_member.id)));
        }
    }
    let mut severity = Severity::Warning;
    let mut reasons = Vec::new();
    for event in events {
        severity = severity.max(event.severity);
        reasons.push(format!("[{}] {}", event.severity, event.message));
    }
    for (level, reason) in nested {
        severity = severity.max(level);
        reasons.push(reason);
    }
    if reasons.is_empty() {
        (Severity::Warning, "the targets are compatible".to_owned())
    } else {
        (severity, reasons.join("; "))
    }
}

/// What the trait rules and the constraint rules say about two versions of a target.
fn trait_events(cx: &Context<'_>, old: &Traits, new: &Traits, subject: &ShapeId) -> Vec<Event> {
    let mut events = traits::compare(cx, old, new, subject);
    constraints::check(old, new, subject, &mut events);
    events
}

fn has_legacy_enum(shape: &Shape) -> bool {
    shape
        .traits
        .raw
        .contains_key(&ShapeId::new("smithy.api", "enum"))
}
