//! Mixin flattening: members and traits of mixins copied into the shapes that use them.
//!
//! Member order is the Smithy one (mixin members first, depth first in mixin order, then the
//! shape's own); a redeclared member keeps its mixin position and must target the same shape.
//! Traits: later mixins override earlier ones, the shape's own traits override all, and
//! `smithy.api#mixin` and the mixin's `localTraits` are not inherited.

use super::super::{LoadError, LoadErrorKind, ShapeId};
use super::defs::{Body, Def, MemberDef, Origin, Ref, Sources, TraitSet};
use indexmap::IndexMap;
use std::collections::{BTreeMap, BTreeSet};

/// The trait that marks a shape as a mixin.
pub(super) fn mixin_trait_id() -> ShapeId {
    ShapeId::new("smithy.api", "mixin")
}

/// Shapes that use mixins, ordered so that every mixin comes before the shapes using it.
/// Fails on an unknown mixin or a cycle. Iterative, so long mixin chains cannot overflow.
pub(super) fn order(
    defs: &BTreeMap<ShapeId, Def>,
    sources: &Sources,
) -> Result<Vec<ShapeId>, LoadError> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        InProgress,
        Done,
    }
    let mut state: BTreeMap<&ShapeId, State> = BTreeMap::new();
    let mut order = Vec::new();
    for (root, root_def) in defs {
        if root_def.mixins.is_empty() || state.contains_key(root) {
            continue;
        }
        state.insert(root, State::InProgress);
        // (shape, index of the next mixin to visit)
        let mut stack: Vec<(&ShapeId, usize)> = vec![(root, 0)];
        while let Some((id, next)) = stack.last_mut() {
            let current: &ShapeId = id;
            let mixins = defs
                .get(current)
                .map(|d| d.mixins.as_slice())
                .unwrap_or_default();
            let Some(mixin) = mixins.get(*next) else {
                state.insert(current, State::Done);
                order.push(current.clone());
                stack.pop();
                continue;
            };
            *next += 1;
            let Some((mixin_id, mixin_def)) = defs.get_key_value(&mixin.id) else {
                let did_you_mean = super::suggest(&mixin.id, defs.keys());
                return Err(sources.error(
                    &mixin.origin,
                    Some(current),
                    LoadErrorKind::UnknownShape {
                        target: mixin.id.clone(),
                        referrer: format!("the mixins of `{current}`"),
                        did_you_mean,
                    },
                ));
            };
            match state.get(mixin_id) {
                Some(State::Done) => {}
                Some(State::InProgress) => {
                    let start = stack
                        .iter()
                        .position(|(id, _)| *id == mixin_id)
                        .unwrap_or(0);
                    let mut cycle: Vec<ShapeId> = stack
                        .iter()
                        .skip(start)
                        .map(|(id, _)| (*id).clone())
                        .collect();
                    cycle.push(mixin_id.clone());
                    return Err(sources.error(
                        &mixin.origin,
                        Some(current),
                        LoadErrorKind::CyclicMixins { cycle },
                    ));
                }
                None if mixin_def.mixins.is_empty() => {
                    state.insert(mixin_id, State::Done);
                }
                None => {
                    state.insert(mixin_id, State::InProgress);
                    stack.push((mixin_id, 0));
                }
            }
        }
    }
    Ok(order)
}

/// Flattens `def`, whose mixins are all already flattened in `defs`.
pub(super) fn flatten(
    mut def: Def,
    defs: &BTreeMap<ShapeId, Def>,
    sources: &Sources,
) -> Result<Def, LoadError> {
    let mut traits = TraitSet::new();
    let mut body = empty_like(&def.body);
    for mixin_ref in &def.mixins {
        let mixin = defs.get(&mixin_ref.id).ok_or_else(|| {
            sources.error(
                &mixin_ref.origin,
                Some(&def.id),
                LoadErrorKind::UnknownShape {
                    target: mixin_ref.id.clone(),
                    referrer: format!("the mixins of `{}`", def.id),
                    did_you_mean: Vec::new(),
                },
            )
        })?;
        let invalid = |reason: String| {
            sources.error(
                &mixin_ref.origin,
                Some(&def.id),
                LoadErrorKind::InvalidMixin {
                    shape: def.id.clone(),
                    mixin: mixin.id.clone(),
                    reason,
                },
            )
        };
        let Some(mixin_trait) = mixin.traits.get(&mixin_trait_id()) else {
            return Err(invalid(
                "it does not have the `smithy.api#mixin` trait".to_owned(),
            ));
        };
        if mixin.body.type_name() != def.body.type_name() {
            return Err(invalid(format!(
                "it is a {} and `{}` is a {} (a shape can only mix in shapes of its own type)",
                mixin.body.type_name(),
                def.id,
                def.body.type_name()
            )));
        }
        let local = local_traits(mixin, &mixin_trait.value, &mixin_trait.origin, sources)?;
        for (id, entry) in &mixin.traits {
            if *id != mixin_trait_id() && !local.contains(id) {
                traits.insert(id.clone(), entry.clone());
            }
        }
        let origin = format!("mixin `{}`", mixin.id);
        merge_body(
            &mut body,
            &mixin.body,
            &def.id,
            &origin,
            &mixin_ref.origin,
            sources,
        )?;
    }
    let own_origin = def.origin.clone();
    merge_body(&mut body, &def.body, &def.id, "", &own_origin, sources)?;
    traits.append(&mut def.traits);
    def.traits = traits;
    def.body = body;
    Ok(def)
}

/// `localTraits` of a mixin's `smithy.api#mixin` trait: traits that stay on the mixin.
fn local_traits(
    mixin: &Def,
    value: &serde_json::Value,
    origin: &Origin,
    sources: &Sources,
) -> Result<BTreeSet<ShapeId>, LoadError> {
    let invalid = |reason: String| {
        sources.error(
            origin,
            Some(&mixin.id),
            LoadErrorKind::InvalidTrait {
                trait_id: mixin_trait_id(),
                reason,
            },
        )
    };
    let fields = match value {
        serde_json::Value::Object(fields) => fields,
        serde_json::Value::Bool(true) => return Ok(BTreeSet::new()),
        other => {
            return Err(invalid(format!(
                "expected an object, found {}",
                super::super::error::brief_json(other)
            )));
        }
    };
    let Some(local) = fields.get("localTraits") else {
        return Ok(BTreeSet::new());
    };
    let expected = "property `localTraits` must be an array of shape ids";
    let items = local
        .as_array()
        .ok_or_else(|| invalid(expected.to_owned()))?;
    items
        .iter()
        .map(|item| {
            let text = item.as_str().ok_or_else(|| invalid(expected.to_owned()))?;
            ShapeId::parse(text).map_err(|e| invalid(e.to_string()))
        })
        .collect()
}

/// A body of the same type with nothing in it, to merge mixins and own parts into.
fn empty_like(body: &Body) -> Body {
    match body {
        Body::Simple(name) => Body::Simple(name),
        Body::Members(name, _) => Body::Members(name, IndexMap::new()),
        Body::List(name, _) => Body::List(name, None),
        Body::Map(..) => Body::Map(None, None),
        Body::Operation(_) => Body::Operation(Default::default()),
        Body::Resource(_) => Body::Resource(Default::default()),
        Body::Service(_) => Body::Service(Default::default()),
    }
}

/// Merges `from` (a mixin's flattened body, or the shape's own when `origin` is empty) into
/// `into`. Members: appended, or merged into an earlier declaration with the same target.
/// Scalars: the later value wins. Lists: appended without duplicates. Maps: later keys win.
fn merge_body(
    into: &mut Body,
    from: &Body,
    shape: &ShapeId,
    origin: &str,
    at: &Origin,
    sources: &Sources,
) -> Result<(), LoadError> {
    let merge = |slot: &mut Option<MemberDef>,
                 from: &Option<MemberDef>,
                 name: &str|
     -> Result<(), LoadError> {
        match (slot.as_mut(), from) {
            (_, None) => {}
            (None, Some(from)) => *slot = Some(adopt(from, origin)),
            (Some(existing), Some(from)) => {
                merge_member(existing, from, shape, name, origin, at, sources)?
            }
        }
        Ok(())
    };
    match (into, from) {
        (Body::Members(_, into), Body::Members(_, from)) => {
            for (name, member) in from {
                match into.get_mut(name) {
                    Some(existing) => {
                        merge_member(existing, member, shape, name, origin, at, sources)?
                    }
                    None => {
                        into.insert(name.clone(), adopt(member, origin));
                    }
                }
            }
        }
        (Body::List(_, into), Body::List(_, from)) => merge(into, from, "member")?,
        (Body::Map(into_key, into_value), Body::Map(from_key, from_value)) => {
            merge(into_key, from_key, "key")?;
            merge(into_value, from_value, "value")?;
        }
        (Body::Operation(into), Body::Operation(from)) => {
            override_option(&mut into.input, &from.input);
            override_option(&mut into.output, &from.output);
            append_unique(&mut into.errors, &from.errors);
        }
        (Body::Resource(into), Body::Resource(from)) => {
            override_map(&mut into.identifiers, &from.identifiers);
            override_map(&mut into.properties, &from.properties);
            for (name, r) in &from.lifecycle {
                into.lifecycle.insert(name.clone(), r.clone());
            }
            append_unique(&mut into.operations, &from.operations);
            append_unique(&mut into.collection_operations, &from.collection_operations);
            append_unique(&mut into.resources, &from.resources);
        }
        (Body::Service(into), Body::Service(from)) => {
            if from.version.is_some() {
                into.version.clone_from(&from.version);
            }
            append_unique(&mut into.operations, &from.operations);
            append_unique(&mut into.resources, &from.resources);
            append_unique(&mut into.errors, &from.errors);
            override_map(&mut into.rename, &from.rename);
        }
        // Same types are checked by the caller; simple types have nothing to merge.
        _ => {}
    }
    Ok(())
}

/// A member copied into the shape being built, remembering who declared it.
fn adopt(from: &MemberDef, origin: &str) -> MemberDef {
    let declared_by = if origin.is_empty() {
        from.declared_by.clone()
    } else {
        origin.to_owned()
    };
    MemberDef {
        declared_by,
        ..from.clone()
    }
}

/// Merges a later declaration of a member into an earlier one: same target required, the
/// later traits win.
fn merge_member(
    existing: &mut MemberDef,
    from: &MemberDef,
    shape: &ShapeId,
    name: &str,
    origin: &str,
    at: &Origin,
    sources: &Sources,
) -> Result<(), LoadError> {
    if existing.target.id != from.target.id {
        // Point at the own member's target, or at the mixin reference that brings it.
        let location = if origin.is_empty() {
            &from.target.origin
        } else {
            at
        };
        return Err(sources.error(
            location,
            Some(shape),
            LoadErrorKind::ConflictingMember {
                member: shape.with_member(name),
                existing_target: existing.target.id.clone(),
                existing_origin: existing.declared_by.clone(),
                new_target: from.target.id.clone(),
            },
        ));
    }
    for (id, entry) in &from.traits {
        existing.traits.insert(id.clone(), entry.clone());
    }
    if origin.is_empty() {
        // The shape's own declaration is where the member is now written.
        existing.origin = from.origin.clone();
        existing.target = from.target.clone();
    }
    Ok(())
}

fn override_option(into: &mut Option<Ref>, from: &Option<Ref>) {
    if from.is_some() {
        into.clone_from(from);
    }
}

fn append_unique(into: &mut Vec<Ref>, from: &[Ref]) {
    for r in from {
        if !into.iter().any(|existing| existing.id == r.id) {
            into.push(r.clone());
        }
    }
}

fn override_map<K: Clone + std::hash::Hash + Eq, V: Clone>(
    into: &mut IndexMap<K, V>,
    from: &IndexMap<K, V>,
) {
    for (key, value) in from {
        into.insert(key.clone(), value.clone());
    }
}
