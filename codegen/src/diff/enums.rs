//! Enum values (of `enum`/`intEnum` shapes and of the legacy `@enum` trait): a removed value
//! or a value under a new name is an ERROR, a value inserted before the end of the existing
//! ones is an ERROR (ordinals shift), an appended value a NOTE.

use super::{Change, Context, Event, Severity};
use crate::model::{EnumValue, Shape, ShapeId, ShapeKind};

pub(super) fn evaluate(cx: &Context<'_>, events: &mut Vec<Event>) {
    for (old, new) in cx.changed() {
        let (Some(before), Some(after)) = (values(old), values(new)) else {
            continue;
        };
        compare(&new.id, &before, &after, events);
    }
}

/// (member name, wire value) in declaration order, or `None` for shapes without values.
fn values(shape: &Shape) -> Option<Vec<(String, String)>> {
    match &shape.kind {
        ShapeKind::Enum(members) | ShapeKind::IntEnum(members) => Some(
            members
                .iter()
                .map(|m| {
                    let value = match &m.traits.enum_value {
                        Some(EnumValue::String(s)) => s.clone(),
                        Some(EnumValue::Int(i)) => i.to_string(),
                        None => m.name.clone(),
                    };
                    (m.name.clone(), value)
                })
                .collect(),
        ),
        ShapeKind::String => {
            let legacy = shape.traits.raw.get(&ShapeId::new("smithy.api", "enum"))?;
            Some(
                legacy
                    .as_array()?
                    .iter()
                    .filter_map(|d| {
                        let value = d.get("value")?.as_str()?.to_owned();
                        let name = d
                            .get("name")
                            .and_then(|n| n.as_str())
                            .unwrap_or(&value)
                            .to_owned();
                        Some((name, value))
                    })
                    .collect(),
            )
        }
        _ => None,
    }
}

fn compare(
    shape: &ShapeId,
    before: &[(String, String)],
    after: &[(String, String)],
    events: &mut Vec<Event>,
) {
    let mut last_kept = 0usize;
    for (name, value) in before {
        match after.iter().position(|(_, v)| v == value) {
            None => events.push(Event::new(
                "ChangedEnumTrait.Removed",
                Severity::Error,
                shape,
                Change::EnumValueRemoved {
                    value: value.clone(),
                },
                format!(
                    "Enum value `{value}`{} was removed from `{shape}`",
                    named(name, value)
                ),
            )),
            Some(position) => {
                last_kept = last_kept.max(position + 1);
                let new_name = &after[position].0;
                if new_name != name {
                    events.push(Event::new(
                        "ChangedEnumTrait.NameChanged",
                        Severity::Error,
                        shape,
                        Change::EnumValueRenamed {
                            value: value.clone(),
                        },
                        format!(
                            "Enum value `{value}` of `{shape}` is now named `{new_name}` instead of `{name}`"
                        ),
                    ));
                }
            }
        }
    }
    for (position, (name, value)) in after.iter().enumerate() {
        if before.iter().any(|(_, v)| v == value) {
            continue;
        }
        let (id, severity, how) = if position < last_kept {
            (
                "ChangedEnumTrait.Inserted",
                Severity::Error,
                "inserted before existing values (their ordinals shift)",
            )
        } else {
            ("ChangedEnumTrait.Appended", Severity::Note, "appended")
        };
        events.push(Event::new(
            id,
            severity,
            shape,
            Change::EnumValueAdded {
                value: value.clone(),
            },
            format!(
                "Enum value `{value}`{} was {how} in `{shape}`",
                named(name, value)
            ),
        ));
    }
}

/// ` (NAME)` when the member name differs from the value.
fn named(name: &str, value: &str) -> String {
    if name == value {
        String::new()
    } else {
        format!(" ({name})")
    }
}
