//! Trait changes on shapes and members, judged by each trait's compatibility rules
//! (`TraitBreakingChange.*` events) or, for traits without rules, by the default policy
//! (`ModifiedTrait.*`: NOTE for additions and updates, WARNING for removals).
//!
//! `@required` is left to `nullability` (its meaning depends on other traits), and with
//! `ignore_docs` documentation and examples are skipped.

use super::trait_rules::{policy, ChangeKind, Rule, TraitPolicy};
use super::{brief, Change, Context, Event, Severity};
use crate::model::{ShapeId, Traits};
use serde_json::Value;
use std::collections::BTreeSet;

/// Traits another evaluator owns.
const OWNED_ELSEWHERE: &[&str] = &["smithy.api#required", "smithy.api#box"];
/// Prose traits, skipped with `ignore_docs`.
const PROSE: &[&str] = &["smithy.api#documentation", "smithy.api#examples"];

pub(super) fn evaluate(cx: &Context<'_>, events: &mut Vec<Event>) {
    for (old, new) in cx.changed() {
        events.extend(compare(cx, &old.traits, &new.traits, &new.id));
        for (old_member, new_member) in super::common_members(old, new) {
            events.extend(compare(
                cx,
                &old_member.traits,
                &new_member.traits,
                &new_member.id,
            ));
        }
    }
}

/// Events for every trait difference between `old` and `new`, reported on `subject`.
pub(super) fn compare(
    cx: &Context<'_>,
    old: &Traits,
    new: &Traits,
    subject: &ShapeId,
) -> Vec<Event> {
    let ids: BTreeSet<&ShapeId> = old.raw.keys().chain(new.raw.keys()).collect();
    let mut events = Vec::new();
    for trait_id in ids {
        let text = trait_id.to_string();
        if OWNED_ELSEWHERE.contains(&text.as_str())
            || (cx.ignore_docs && PROSE.contains(&text.as_str()))
        {
            continue;
        }
        let (before, after) = (old.raw.get(trait_id), new.raw.get(trait_id));
        if before == after {
            continue;
        }
        // Prose nested in trait values (endpoint parameters, test cases) is prose too.
        let (before_owned, after_owned);
        let (before, after) = if cx.ignore_docs {
            before_owned = before.map(without_documentation);
            after_owned = after.map(without_documentation);
            if before_owned == after_owned {
                continue;
            }
            (before_owned.as_ref(), after_owned.as_ref())
        } else {
            (before, after)
        };
        match policy(cx.new, trait_id) {
            TraitPolicy::Rules(rules) => {
                breaking_changes(trait_id, &rules, before, after, subject, &mut events)
            }
            TraitPolicy::Default => modified(trait_id, before, after, subject, None, &mut events),
            TraitPolicy::Unknown => modified(
                trait_id,
                before,
                after,
                subject,
                Some(Severity::Warning),
                &mut events,
            ),
        }
    }
    events
}

/// The difference between two optional values.
fn kind_of(before: Option<&Value>, after: Option<&Value>) -> Option<ChangeKind> {
    match (before, after) {
        (None, Some(_)) => Some(ChangeKind::Add),
        (Some(_), None) => Some(ChangeKind::Remove),
        (Some(a), Some(b)) if a != b => Some(ChangeKind::Update),
        _ => None,
    }
}

fn verb(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Add => "Add",
        ChangeKind::Remove => "Remove",
        _ => "Update",
    }
}

fn describe(
    trait_id: &ShapeId,
    path: &str,
    before: Option<&Value>,
    after: Option<&Value>,
) -> String {
    let at = if path.is_empty() {
        String::new()
    } else {
        format!(" at `{path}`")
    };
    match (before, after) {
        (None, Some(v)) => format!("Added trait `{trait_id}`{at} with value {}", brief(v)),
        (Some(v), None) => format!("Removed trait `{trait_id}`{at} (was {})", brief(v)),
        (Some(a), Some(b)) => format!(
            "Changed trait `{trait_id}`{at} from {} to {}",
            brief(a),
            brief(b)
        ),
        (None, None) => format!("Trait `{trait_id}`{at} unchanged"),
    }
}

/// Applies a trait's breaking-change rules; each concrete difference at a rule's path that
/// the rule covers is one event.
fn breaking_changes(
    trait_id: &ShapeId,
    rules: &[Rule],
    before: Option<&Value>,
    after: Option<&Value>,
    subject: &ShapeId,
    events: &mut Vec<Event>,
) {
    for rule in rules {
        let segments: Vec<&str> = rule.path.split('/').filter(|s| !s.is_empty()).collect();
        for (path, a, b) in pairs_at(before, after, &segments, String::new()) {
            let Some(kind) = kind_of(a, b) else {
                continue;
            };
            if !rule.change.covers(kind) {
                continue;
            }
            events.push(Event::new(
                format!("TraitBreakingChange.{}.{trait_id}", verb(kind)),
                rule.severity,
                subject,
                Change::TraitChanged {
                    trait_id: trait_id.clone(),
                },
                describe(trait_id, &path, a, b),
            ));
        }
    }
}

/// The values found at `segments` in both versions, paired; `member` steps into every list
/// item (by index) or map value (by key).
fn pairs_at<'v>(
    before: Option<&'v Value>,
    after: Option<&'v Value>,
    segments: &[&str],
    path: String,
) -> Vec<(String, Option<&'v Value>, Option<&'v Value>)> {
    let Some((first, rest)) = segments.split_first() else {
        return vec![(path, before, after)];
    };
    if *first == "member" {
        let mut out = Vec::new();
        let as_list = |v: Option<&'v Value>| v.and_then(Value::as_array);
        if as_list(before).is_some() || as_list(after).is_some() {
            let (a, b) = (as_list(before), as_list(after));
            let len = a.map_or(0, Vec::len).max(b.map_or(0, Vec::len));
            for index in 0..len {
                out.extend(pairs_at(
                    a.and_then(|l| l.get(index)),
                    b.and_then(|l| l.get(index)),
                    rest,
                    format!("{path}/{index}"),
                ));
            }
            return out;
        }
        let as_map = |v: Option<&'v Value>| v.and_then(Value::as_object);
        let keys: BTreeSet<&String> = as_map(before)
            .into_iter()
            .chain(as_map(after))
            .flat_map(|m| m.keys())
            .collect();
        for key in keys {
            out.extend(pairs_at(
                as_map(before).and_then(|m| m.get(key)),
                as_map(after).and_then(|m| m.get(key)),
                rest,
                format!("{path}/{key}"),
            ));
        }
        return out;
    }
    pairs_at(
        before.and_then(|v| v.get(*first)),
        after.and_then(|v| v.get(*first)),
        rest,
        format!("{path}/{first}"),
    )
}

/// The default policy: additions and updates are NOTEs, removals WARNINGs (or `fixed` for
/// every difference).
fn modified(
    trait_id: &ShapeId,
    before: Option<&Value>,
    after: Option<&Value>,
    subject: &ShapeId,
    fixed: Option<Severity>,
    events: &mut Vec<Event>,
) {
    let Some(kind) = kind_of(before, after) else {
        return;
    };
    let severity = fixed.unwrap_or(match kind {
        ChangeKind::Remove => Severity::Warning,
        _ => Severity::Note,
    });
    events.push(Event::new(
        format!("ModifiedTrait.{}.{trait_id}", verb(kind)),
        severity,
        subject,
        Change::TraitChanged {
            trait_id: trait_id.clone(),
        },
        describe(trait_id, "", before, after),
    ));
}

/// A trait value without `documentation` strings at any depth.
fn without_documentation(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, v)| !(key.as_str() == "documentation" && v.is_string()))
                .map(|(key, v)| (key.clone(), without_documentation(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_documentation).collect()),
        other => other.clone(),
    }
}
