//! Whether structure members may be absent (Smithy's client view: `@clientOptional` and
//! members of `@input` structures are always optional; otherwise `@required` or a non-null
//! `@default` makes a member non-optional). A member that changes side is reported with the
//! reason, per Smithy's rules for `@required`, `@default`, `@clientOptional` and `@input`.

use super::{Change, Context, Event, Severity};
use crate::model::{Member, Model, Shape, ShapeKind};

pub(super) fn evaluate(cx: &Context<'_>, events: &mut Vec<Event>) {
    for (old, new) in cx.changed() {
        if !matches!(
            (&old.kind, &new.kind),
            (ShapeKind::Structure(_), ShapeKind::Structure(_))
        ) {
            continue;
        }
        for (old_member, new_member) in super::common_members(old, new) {
            let was = is_nullable(old, old_member);
            let now = is_nullable(new, new_member);
            if was != now {
                judge(cx.new, old, new, old_member, new_member, was, events);
            } else if old_member.traits.required != new_member.traits.required {
                required_on_input(new_member, events);
            }
            default_change(old_member, new_member, events);
        }
    }
}

/// Smithy's client-mode nullability of a structure member.
pub(super) fn is_nullable(container: &Shape, member: &Member) -> bool {
    let traits = &member.traits;
    if traits.client_optional || container.traits.input {
        return true;
    }
    let has_default = matches!(&traits.default, Some(v) if !v.is_null());
    !(traits.required || has_default)
}

fn judge(
    new_model: &Model,
    old: &Shape,
    new: &Shape,
    old_member: &Member,
    new_member: &Member,
    was_nullable: bool,
    events: &mut Vec<Event>,
) {
    let (from, to) = if was_nullable {
        ("optional", "non-optional")
    } else {
        ("non-optional", "optional")
    };
    let prefix = format!("Member `{}` changed from {from} to {to}", new_member.id);
    let mut push = |suffix: &str, severity: Severity, why: &str| {
        let id = if suffix.is_empty() {
            "ChangedNullability".to_owned()
        } else {
            format!("ChangedNullability.{suffix}")
        };
        events.push(Event::new(
            id,
            severity,
            &new_member.id,
            Change::NullabilityChanged,
            format!("{prefix}: {why}"),
        ));
    };
    let (o, n) = (&old_member.traits, &new_member.traits);
    if old.traits.input && !new.traits.input {
        return push(
            "RemovedInputTrait",
            Severity::Error,
            &format!("`@input` was removed from `{}`", new.id),
        );
    }
    if !old.traits.input && new.traits.input {
        return push(
            "AddedInputTrait",
            Severity::Danger,
            &format!("`@input` was added to `{}`", new.id),
        );
    }
    let had_default = o.default.is_some();
    let has_default = n.default.is_some();
    let mut reported = false;
    if !o.client_optional && n.client_optional && o.required && n.required {
        push(
            "AddedNullableTrait",
            Severity::Error,
            "`@clientOptional` was added to a `@required` member",
        );
        reported = true;
    }
    if !o.required && n.required && !n.client_optional {
        push(
            "AddedRequiredTrait",
            Severity::Error,
            "`@required` was added to a member without `@clientOptional`",
        );
        reported = true;
    }
    let required_removed = o.required && !n.required;
    if !had_default && has_default && !required_removed {
        push(
            "AddedDefaultTrait",
            Severity::Error,
            "`@default` was added to a member that was not `@required` before",
        );
        reported = true;
    }
    if o.required && !n.required && !has_default && !o.client_optional {
        let target_is_aggregate = matches!(
            new_model.shape(&new_member.target).map(|s| &s.kind),
            Some(ShapeKind::Structure(_) | ShapeKind::Union(_))
        );
        if target_is_aggregate {
            push(
                "RemovedRequiredTrait.StructureOrUnion",
                Severity::Warning,
                "`@required` was removed from a member targeting a structure or union (compatible for generators that always make those optional)",
            );
        } else {
            push(
                "RemovedRequiredTrait",
                Severity::Error,
                "`@required` was removed without adding `@default` and `@addedDefault`",
            );
        }
        reported = true;
    }
    if !reported {
        push("", Severity::Error, "the member's nullability changed");
    }
}

/// `@required` added to or removed from a member of an `@input` structure. Smithy's client
/// view keeps such members optional either way, so the wire contract holds; but generators
/// that honour `@required` (this one does: such fields are not `Option`) change their API.
fn required_on_input(member: &Member, events: &mut Vec<Event>) {
    let (verb, effect) = if member.traits.required {
        ("added to", "must now be set")
    } else {
        ("removed from", "may now be left unset")
    };
    events.push(Event::new(
        "ChangedNullability.RequiredOnInputMember",
        Severity::Danger,
        &member.id,
        Change::NullabilityChanged,
        format!(
            "`@required` was {verb} `{}`, a member of an `@input` structure: it {effect}; clients that treat input members as optional see no change, generated APIs that honour `@required` do",
            member.id
        ),
    ));
}

/// Changes of a member's `@default` value (Smithy's `ChangedDefault`): removing or adding a
/// default breaks code generated from the old model unless `@addedDefault` marks it; changing
/// it is dangerous.
fn default_change(old: &Member, new: &Member, events: &mut Vec<Event>) {
    let (before, after) = (&old.traits.default, &new.traits.default);
    if before == after {
        return;
    }
    let added_default = new
        .traits
        .raw
        .keys()
        .any(|id| id.to_string() == "smithy.api#addedDefault");
    let (severity, message) = match (before, after) {
        (Some(b), None) if !b.is_null() => (
            Severity::Error,
            format!("`@default` ({b}) was removed from `{}`", new.id),
        ),
        (None, Some(a)) if !a.is_null() && !added_default => (
            Severity::Error,
            format!(
                "`@default` ({a}) was added to `{}` without `@addedDefault`",
                new.id
            ),
        ),
        (Some(b), Some(a)) => (
            Severity::Danger,
            format!("`@default` of `{}` changed from {b} to {a}", new.id),
        ),
        _ => return,
    };
    events.push(Event::new(
        "ChangedDefault",
        severity,
        &new.id,
        Change::DefaultChanged,
        message,
    ));
}
