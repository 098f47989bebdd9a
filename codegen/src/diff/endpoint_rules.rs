//! Endpoint rule set parameters (`smithy.rules#endpointRuleSet` on a service). Changes to the
//! rules themselves are reported by the generic trait evaluator (a NOTE); here a new required
//! parameter without a default or built-in is an ERROR (nobody supplies it), a removed or
//! redefined parameter is DANGER, and an optional new one a NOTE.

use super::{Change, Context, Event, Severity};
use crate::model::ShapeId;
use serde_json::{Map, Value};

pub(super) fn evaluate(cx: &Context<'_>, events: &mut Vec<Event>) {
    let trait_id = ShapeId::new("smithy.rules", "endpointRuleSet");
    for (old, new) in cx.changed() {
        let params = |shape: &crate::model::Shape| {
            shape
                .traits
                .raw
                .get(&trait_id)
                .and_then(|rs| rs.get("parameters"))
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default()
        };
        let (before, after) = (params(old), params(new));
        if before == after {
            continue;
        }
        compare(&new.id, &before, &after, events);
    }
}

fn compare(
    service: &ShapeId,
    before: &Map<String, Value>,
    after: &Map<String, Value>,
    events: &mut Vec<Event>,
) {
    let mut push = |suffix: &str, severity: Severity, message: String| {
        events.push(Event::new(
            format!("ChangedEndpointRuleSet.{suffix}"),
            severity,
            service,
            Change::EndpointRulesChanged,
            message,
        ));
    };
    for (name, definition) in after {
        match before.get(name) {
            None => {
                let required = definition.get("required").and_then(Value::as_bool) == Some(true);
                let supplied =
                    definition.get("default").is_some() || definition.get("builtIn").is_some();
                if required && !supplied {
                    push(
                        "AddedRequiredParameter",
                        Severity::Error,
                        format!("Endpoint parameter `{name}` was added as required, with neither a default nor a built-in value"),
                    );
                } else {
                    push(
                        "AddedParameter",
                        Severity::Note,
                        format!("Endpoint parameter `{name}` was added"),
                    );
                }
            }
            Some(old) if without_docs(old) != without_docs(definition) => push(
                "ChangedParameter",
                Severity::Danger,
                format!("Endpoint parameter `{name}` changed from {old} to {definition}"),
            ),
            Some(_) => {}
        }
    }
    for name in before.keys().filter(|n| !after.contains_key(*n)) {
        push(
            "RemovedParameter",
            Severity::Danger,
            format!("Endpoint parameter `{name}` was removed"),
        );
    }
}

/// A parameter definition without its documentation text.
fn without_docs(definition: &Value) -> Value {
    let mut copy = definition.clone();
    if let Some(map) = copy.as_object_mut() {
        map.remove("documentation");
    }
    copy
}
