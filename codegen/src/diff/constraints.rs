//! `@length` and `@range` made stricter (ERROR): a higher minimum or a lower (or new)
//! maximum rejects values that were valid. An added trait counts as going from unbounded to
//! its bounds, which is stricter than Smithy (it only compares two present traits) but is
//! what a client that validates before sending experiences.

use super::{Change, Context, Event, Severity};
use crate::model::{ShapeId, Traits};

pub(super) fn evaluate(cx: &Context<'_>, events: &mut Vec<Event>) {
    for (old, new) in cx.changed() {
        check(&old.traits, &new.traits, &new.id, events);
        for (old_member, new_member) in super::common_members(old, new) {
            check(
                &old_member.traits,
                &new_member.traits,
                &new_member.id,
                events,
            );
        }
    }
}

pub(super) fn check(old: &Traits, new: &Traits, subject: &ShapeId, events: &mut Vec<Event>) {
    let as_f64 = |n: &serde_json::Number| n.as_f64();
    let length = |t: &Traits| {
        t.length
            .map(|l| (l.min.map(|v| v as f64), l.max.map(|v| v as f64)))
    };
    let range = |t: &Traits| {
        t.range.as_ref().map(|r| {
            (
                r.min.as_ref().and_then(as_f64),
                r.max.as_ref().and_then(as_f64),
            )
        })
    };
    bounds(
        "ChangedLengthTrait",
        "length",
        length(old),
        length(new),
        Some(0.0),
        subject,
        events,
    );
    bounds(
        "ChangedRangeTrait",
        "range",
        range(old),
        range(new),
        None,
        subject,
        events,
    );
}

type Bounds = Option<(Option<f64>, Option<f64>)>;

fn bounds(
    event_id: &str,
    trait_name: &str,
    old: Bounds,
    new: Bounds,
    floor: Option<f64>,
    subject: &ShapeId,
    events: &mut Vec<Event>,
) {
    let Some((new_min, new_max)) = new else {
        return;
    };
    let (old_min, old_max) = old.unwrap_or((None, None));
    let trait_id = ShapeId::new("smithy.api", trait_name);
    let show = |v: Option<f64>| v.map_or("none".to_owned(), |v| v.to_string());
    let (old_min, new_min) = (old_min.or(floor), new_min.or(floor));
    let raised = match (old_min, new_min) {
        (None, Some(_)) => true,
        (Some(a), Some(b)) => b > a,
        _ => false,
    };
    if raised {
        events.push(Event::new(
            event_id,
            Severity::Error,
            subject,
            Change::ConstraintTightened {
                trait_id: trait_id.clone(),
            },
            format!(
                "`@{trait_name}` minimum of `{subject}` raised from {} to {}",
                show(old_min),
                show(new_min)
            ),
        ));
    }
    let lowered = match (old_max, new_max) {
        (None, Some(_)) => true,
        (Some(a), Some(b)) => b < a,
        _ => false,
    };
    if lowered {
        events.push(Event::new(
            event_id,
            Severity::Error,
            subject,
            Change::ConstraintTightened { trait_id },
            format!(
                "`@{trait_name}` maximum of `{subject}` lowered from {} to {}",
                show(old_max),
                show(new_max)
            ),
        ));
    }
}
