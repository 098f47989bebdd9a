//! Which members need a `Box`: a structure or union that contains itself directly (not
//! through a list or map, which already allocate) would have infinite size.

use crate::model::{Model, ShapeId, ShapeKind};
use std::collections::{BTreeMap, BTreeSet};

/// Member ids whose value must be boxed.
pub fn boxed_members(model: &Model, shapes: &BTreeSet<ShapeId>) -> BTreeSet<ShapeId> {
    // Direct containment edges: aggregate → aggregate target, by member id.
    let mut edges: BTreeMap<&ShapeId, Vec<(&ShapeId, &ShapeId)>> = BTreeMap::new();
    for id in shapes {
        let Some(shape) = model.shape(id) else {
            continue;
        };
        if let ShapeKind::Structure(members) | ShapeKind::Union(members) = &shape.kind {
            for member in members {
                if is_aggregate(model, &member.target) {
                    edges
                        .entry(id)
                        .or_default()
                        .push((&member.id, &member.target));
                }
            }
        }
    }
    let mut boxed = BTreeSet::new();
    for (from, outgoing) in &edges {
        for (member, to) in outgoing {
            if reaches(&edges, to, from) {
                boxed.insert((*member).clone());
            }
        }
    }
    boxed
}

fn is_aggregate(model: &Model, id: &ShapeId) -> bool {
    matches!(
        model.shape(id).map(|shape| &shape.kind),
        Some(ShapeKind::Structure(_)) | Some(ShapeKind::Union(_))
    )
}

/// Whether `goal` is reachable from `start` over direct containment edges.
fn reaches(
    edges: &BTreeMap<&ShapeId, Vec<(&ShapeId, &ShapeId)>>,
    start: &ShapeId,
    goal: &ShapeId,
) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![start];
    while let Some(current) = stack.pop() {
        if current == goal {
            return true;
        }
        if !seen.insert(current) {
            continue;
        }
        if let Some(outgoing) = edges.get(current) {
            stack.extend(outgoing.iter().map(|(_, to)| *to));
        }
    }
    false
}
