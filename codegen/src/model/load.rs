//! Loading JSON AST documents into a resolved [`Model`].
//!
//! The steps, each failing with a located [`LoadError`] and none leaving a partial model:
//! read the AST (paths tracked) → check versions, merge metadata → index shapes (prelude
//! first, duplicates must be identical) → convert to definitions (ids parsed) → merge `apply`
//! → flatten mixins → resolve references and parse traits.

mod defs;
mod files;
mod mixins;
mod resolve;
mod v1;

use super::error::close_matches;
use super::{prelude, LoadError, LoadErrorKind, Model, ShapeId};
use crate::ast;
use defs::{Def, Origin, Reader, Sources, TraitEntry, TraitSet};
use serde_json::Value;
use std::collections::BTreeMap;

/// `smithy` versions this loader reads.
const SUPPORTED_VERSIONS: &[&str] = &["2.0", "2", "1.0", "1"];

impl Model {
    /// Loads one JSON AST document (the prelude is built in).
    pub fn load(json: &str) -> Result<Model, LoadError> {
        Model::from_document(ast::Document::from_json(json)?)
    }

    /// Loads one already parsed JSON AST document.
    pub fn from_value(value: Value) -> Result<Model, LoadError> {
        Model::from_document(ast::Document::from_value(value)?)
    }

    /// Loads one AST document.
    pub fn from_document(document: ast::Document) -> Result<Model, LoadError> {
        assemble(vec![(None, document)])
    }

    /// Loads several named JSON AST documents into one model, as Smithy assembles a model
    /// from several files: shapes may refer across documents, `apply` may target shapes of
    /// other documents, and errors name the document they come from.
    pub fn load_all<'a>(
        documents: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Model, LoadError> {
        let mut parsed = Vec::new();
        for (name, json) in documents {
            let document = ast::Document::from_json(json).map_err(|e| e.in_document(name))?;
            parsed.push((Some(name.to_owned()), document));
        }
        assemble(parsed)
    }
}

/// Builds the model from user documents (the prelude is added in front).
fn assemble(user_documents: Vec<(Option<String>, ast::Document)>) -> Result<Model, LoadError> {
    let mut names = vec![Some(prelude::SOURCE_NAME.to_owned())];
    let mut documents = vec![prelude::document()];
    for (name, document) in user_documents {
        names.push(name);
        documents.push(document);
    }
    let sources = Sources { names };
    let metadata = merge_metadata(&documents, &sources)?;
    v1::upgrade(&mut documents);

    // Index entries: definitions by id (identical duplicates tolerated) and `apply` entries.
    let mut entries: BTreeMap<ShapeId, (Origin, &ast::Shape)> = BTreeMap::new();
    let mut applies: Vec<(ShapeId, Origin, &ast::ApplyShape)> = Vec::new();
    let reader = Reader { sources: &sources };
    for (doc, document) in documents.iter().enumerate() {
        let shapes_origin = Origin {
            doc,
            path: "$".to_owned(),
        }
        .key("shapes");
        for (key, shape) in &document.shapes {
            let origin = shapes_origin.shape(key);
            if let ast::Shape::Apply(apply) = shape {
                let id = reader.shape_id(key, &origin, None, true)?;
                applies.push((id, origin, apply));
                continue;
            }
            let id = reader.shape_id(key, &origin, None, false)?;
            if let Some((first, first_shape)) = entries.get(&id) {
                if *first_shape != shape {
                    let first = sources.describe(first.doc);
                    return Err(sources.error(
                        &origin,
                        Some(&id),
                        LoadErrorKind::DuplicateShape {
                            id: id.clone(),
                            first,
                        },
                    ));
                }
                continue;
            }
            entries.insert(id, (origin, shape));
        }
    }

    let mut defs = BTreeMap::new();
    for (id, (origin, shape)) in entries {
        let def = reader.definition(id.clone(), origin, shape)?;
        defs.insert(id, def);
    }

    let mut pending = merge_applies(&mut defs, applies, &reader)?;

    for id in mixins::order(&defs, &sources)? {
        let Some(def) = defs.remove(&id) else {
            continue;
        };
        let mut flat = mixins::flatten(def, &defs, &sources)?;
        if let Some(members) = pending.remove(&id) {
            apply_to_inherited_members(&mut flat, members, &sources)?;
        }
        defs.insert(id, flat);
    }
    // What is left targets members that exist nowhere.
    if let Some((id, members)) = pending.pop_first() {
        if let Some(def) = defs.get_mut(&id) {
            apply_to_inherited_members(def, members, &sources)?;
        }
    }

    let resolver = resolve::Resolver {
        defs: &defs,
        sources: &sources,
    };
    let mut shapes = BTreeMap::new();
    for (id, def) in &defs {
        shapes.insert(id.clone(), resolver.shape(def)?);
    }
    let mut model = Model { shapes, metadata };
    inherit_service_pagination(&mut model)?;
    Ok(model)
}

/// Checks versions and top-level properties, and merges `metadata` (lists concatenate,
/// equal values are fine, anything else conflicts).
fn merge_metadata(
    documents: &[ast::Document],
    sources: &Sources,
) -> Result<BTreeMap<String, Value>, LoadError> {
    let mut metadata: BTreeMap<String, Value> = BTreeMap::new();
    for (doc, document) in documents.iter().enumerate() {
        let root = Origin {
            doc,
            path: "$".to_owned(),
        };
        if let Some(property) = document.extra.keys().next() {
            return Err(sources.error(
                &root.key(property),
                None,
                LoadErrorKind::UnknownProperty {
                    property: property.clone(),
                    owner: "model document",
                    allowed: &["smithy", "metadata", "shapes"],
                },
            ));
        }
        if !SUPPORTED_VERSIONS.contains(&document.smithy.as_str()) {
            return Err(sources.error(
                &root.key("smithy"),
                None,
                LoadErrorKind::UnsupportedVersion {
                    found: document.smithy.clone(),
                },
            ));
        }
        for (key, value) in &document.metadata {
            match metadata.get_mut(key) {
                None => {
                    metadata.insert(key.clone(), value.clone());
                }
                Some(Value::Array(existing)) if value.is_array() => {
                    existing.extend(value.as_array().into_iter().flatten().cloned());
                }
                Some(existing) if existing == value => {}
                Some(_) => {
                    let origin = root.key("metadata").key(key);
                    return Err(sources.error(
                        &origin,
                        None,
                        LoadErrorKind::ConflictingMetadata { key: key.clone() },
                    ));
                }
            }
        }
    }
    Ok(metadata)
}

/// Traits applied to a member that the shape only gets from a mixin, and where they came from.
struct PendingApply {
    origin: Origin,
    traits: TraitSet,
}

/// Merges `apply` entries into the shapes and locally declared members they target. Applies
/// to members that only mixins will bring are returned, to merge after flattening.
fn merge_applies(
    defs: &mut BTreeMap<ShapeId, Def>,
    applies: Vec<(ShapeId, Origin, &ast::ApplyShape)>,
    reader: &Reader<'_>,
) -> Result<BTreeMap<ShapeId, BTreeMap<String, PendingApply>>, LoadError> {
    let sources = reader.sources;
    let mut pending: BTreeMap<ShapeId, BTreeMap<String, PendingApply>> = BTreeMap::new();
    for (target, origin, apply) in applies {
        reader.no_extra(
            &apply.extra,
            &origin,
            &target,
            "apply",
            ast::Shape::known_properties("apply"),
        )?;
        let traits = reader.traits(&apply.traits, &origin, &target)?;
        let container = target.without_member();
        let Some(def) = defs.get_mut(&container) else {
            let did_you_mean = suggest(&container, defs.keys());
            return Err(sources.error(
                &origin,
                Some(&container),
                LoadErrorKind::UnknownShape {
                    target: container.clone(),
                    referrer: "an `apply` entry".to_owned(),
                    did_you_mean,
                },
            ));
        };
        match target.member() {
            None => merge_applied(&mut def.traits, traits, &target, sources)?,
            Some(name) => match def.body.member_mut(name) {
                Some(member) => merge_applied(&mut member.traits, traits, &target, sources)?,
                None => {
                    let slot = pending
                        .entry(container.clone())
                        .or_default()
                        .entry(name.to_owned())
                        .or_insert_with(|| PendingApply {
                            origin: origin.clone(),
                            traits: TraitSet::new(),
                        });
                    merge_applied(&mut slot.traits, traits, &target, sources)?;
                }
            },
        }
    }
    Ok(pending)
}

/// Adds applied traits per the Smithy conflict rules: list values concatenate, equal values
/// are fine, anything else is a conflict.
fn merge_applied(
    set: &mut TraitSet,
    incoming: TraitSet,
    target: &ShapeId,
    sources: &Sources,
) -> Result<(), LoadError> {
    for (id, entry) in incoming {
        match set.get_mut(&id) {
            None => {
                set.insert(id, entry);
            }
            Some(TraitEntry {
                value: Value::Array(existing),
                ..
            }) if entry.value.is_array() => {
                if let Value::Array(more) = entry.value {
                    existing.extend(more);
                }
            }
            Some(existing) if existing.value == entry.value => {}
            Some(existing) => {
                return Err(sources.error(
                    &entry.origin,
                    Some(&target.without_member()),
                    LoadErrorKind::ConflictingTrait {
                        trait_id: id,
                        target: target.clone(),
                        existing: super::error::brief_json(&existing.value),
                        new: super::error::brief_json(&entry.value),
                    },
                ));
            }
        }
    }
    Ok(())
}

/// Applies to members a shape got from its mixins: they override the inherited values.
fn apply_to_inherited_members(
    def: &mut Def,
    members: BTreeMap<String, PendingApply>,
    sources: &Sources,
) -> Result<(), LoadError> {
    for (name, apply) in members {
        let known: Vec<String> = match &def.body {
            defs::Body::Members(_, members) => members.keys().cloned().collect(),
            _ => Vec::new(),
        };
        let Some(member) = def.body.member_mut(&name) else {
            let did_you_mean = close_matches(&name, known.iter().map(String::as_str))
                .iter()
                .map(|name| def.id.with_member(name))
                .collect();
            return Err(sources.error(
                &apply.origin,
                Some(&def.id),
                LoadErrorKind::UnknownShape {
                    target: def.id.with_member(&name),
                    referrer: "an `apply` entry".to_owned(),
                    did_you_mean,
                },
            ));
        };
        member.traits.extend(apply.traits);
    }
    Ok(())
}

/// A service's `paginated` trait gives defaults for the `paginated` traits of its operations.
fn inherit_service_pagination(model: &mut Model) -> Result<(), LoadError> {
    let services: Vec<_> = model
        .services()
        .filter_map(|(shape, _)| {
            shape
                .traits
                .paginated
                .clone()
                .map(|p| (shape.id.clone(), p))
        })
        .collect();
    for (service, defaults) in services {
        for operation in model.operation_ids(&service)? {
            let Some(shape) = model.shapes.get_mut(&operation) else {
                continue;
            };
            if let Some(paginated) = &mut shape.traits.paginated {
                let fill = |field: &mut Option<String>, default: &Option<String>| {
                    if field.is_none() {
                        field.clone_from(default);
                    }
                };
                fill(&mut paginated.input_token, &defaults.input_token);
                fill(&mut paginated.output_token, &defaults.output_token);
                fill(&mut paginated.items, &defaults.items);
                fill(&mut paginated.page_size, &defaults.page_size);
            }
        }
    }
    Ok(())
}

/// Defined ids that look like `wanted`: the same name in another namespace, else close names
/// in the same namespace.
pub(super) fn suggest<'a>(
    wanted: &ShapeId,
    known: impl Iterator<Item = &'a ShapeId>,
) -> Vec<ShapeId> {
    let known: Vec<&ShapeId> = known.collect();
    let elsewhere: Vec<ShapeId> = known
        .iter()
        .filter(|id| id.name() == wanted.name())
        .take(3)
        .map(|id| (*id).clone())
        .collect();
    if !elsewhere.is_empty() {
        return elsewhere;
    }
    let same_namespace = known
        .iter()
        .filter(|id| id.namespace() == wanted.namespace())
        .map(|id| id.name());
    close_matches(wanted.name(), same_namespace)
        .iter()
        .map(|name| ShapeId::new(wanted.namespace(), name))
        .collect()
}
