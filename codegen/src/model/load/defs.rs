//! Shape definitions between the AST and the model: ids parsed, every value tagged with where
//! it was written, references not yet resolved. Mixins and `apply` are merged at this stage.

use super::super::{LoadError, LoadErrorKind, ShapeId};
use crate::ast::{self, path_index, path_key, path_quoted};
use indexmap::IndexMap;
use serde_json::Value;
use std::collections::BTreeMap;

/// Where a value was written: the document (index into the loader's sources) and JSON path.
#[derive(Debug, Clone)]
pub(super) struct Origin {
    pub doc: usize,
    pub path: String,
}

impl Origin {
    pub fn key(&self, key: &str) -> Origin {
        Origin {
            doc: self.doc,
            path: path_key(&self.path, key),
        }
    }

    /// A shape entry under `shapes`, always written `["id"]`.
    pub fn shape(&self, id: &str) -> Origin {
        Origin {
            doc: self.doc,
            path: path_quoted(&self.path, id),
        }
    }

    pub fn index(&self, index: usize) -> Origin {
        Origin {
            doc: self.doc,
            path: path_index(&self.path, index),
        }
    }
}

/// The names of the loaded documents, to turn origins into located errors.
pub(super) struct Sources {
    /// `None` for an unnamed single document.
    pub names: Vec<Option<String>>,
}

impl Sources {
    pub fn error(
        &self,
        origin: &Origin,
        shape: Option<&ShapeId>,
        kind: LoadErrorKind,
    ) -> LoadError {
        let error = LoadError::new(shape, origin.path.clone(), kind);
        match self.names.get(origin.doc).and_then(Option::as_deref) {
            Some(name) => error.in_document(name),
            None => error,
        }
    }

    /// How diagnostics refer to a document, e.g. "the Smithy prelude" or "document `a.json`".
    pub fn describe(&self, doc: usize) -> String {
        match self.names.get(doc).and_then(Option::as_deref) {
            Some(name) if doc == 0 => name.to_owned(),
            Some(name) => format!("document `{name}`"),
            None => "an earlier definition".to_owned(),
        }
    }
}

/// One trait value and where it was written.
#[derive(Debug, Clone)]
pub(super) struct TraitEntry {
    pub value: Value,
    pub origin: Origin,
}

/// Traits by id.
pub(super) type TraitSet = BTreeMap<ShapeId, TraitEntry>;

/// A reference to another shape, with where it was written.
#[derive(Debug, Clone)]
pub(super) struct Ref {
    pub id: ShapeId,
    pub origin: Origin,
}

/// A member, possibly copied from a mixin.
#[derive(Debug, Clone)]
pub(super) struct MemberDef {
    pub target: Ref,
    pub traits: TraitSet,
    /// Where the member object was written.
    pub origin: Origin,
    /// Who declared it, for conflict messages ("shape `ns#A`", "mixin `ns#M`").
    pub declared_by: String,
}

/// The type-specific part of a definition.
#[derive(Debug, Clone)]
pub(super) enum Body {
    /// A simple type, by AST type name.
    Simple(&'static str),
    /// `structure`, `union`, `enum` or `intEnum` (by AST type name) and its members in order.
    Members(&'static str, IndexMap<String, MemberDef>),
    /// `list` or `set` and its member (absent when inherited from a mixin).
    List(&'static str, Option<MemberDef>),
    /// `map` key and value.
    Map(Option<MemberDef>, Option<MemberDef>),
    Operation(OperationDef),
    Resource(ResourceDef),
    Service(ServiceDef),
}

#[derive(Debug, Clone, Default)]
pub(super) struct OperationDef {
    pub input: Option<Ref>,
    pub output: Option<Ref>,
    pub errors: Vec<Ref>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct ResourceDef {
    pub identifiers: IndexMap<String, Ref>,
    pub properties: IndexMap<String, Ref>,
    /// Lifecycle operations by lifecycle name (`create`, `read`, …).
    pub lifecycle: BTreeMap<String, Ref>,
    pub operations: Vec<Ref>,
    pub collection_operations: Vec<Ref>,
    pub resources: Vec<Ref>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct ServiceDef {
    pub version: Option<String>,
    pub operations: Vec<Ref>,
    pub resources: Vec<Ref>,
    pub errors: Vec<Ref>,
    /// Renamed shape id to (new name, where the entry was written).
    pub rename: IndexMap<ShapeId, (String, Origin)>,
}

/// One shape definition.
#[derive(Debug, Clone)]
pub(super) struct Def {
    pub id: ShapeId,
    pub origin: Origin,
    pub body: Body,
    pub traits: TraitSet,
    pub mixins: Vec<Ref>,
}

impl Body {
    pub fn type_name(&self) -> &'static str {
        match self {
            Body::Simple(name) | Body::Members(name, _) | Body::List(name, _) => name,
            Body::Map(..) => "map",
            Body::Operation(_) => "operation",
            Body::Resource(_) => "resource",
            Body::Service(_) => "service",
        }
    }

    /// The member called `name`, if the shape declares (or has inherited) one.
    pub fn member_mut(&mut self, name: &str) -> Option<&mut MemberDef> {
        match self {
            Body::Members(_, members) => members.get_mut(name),
            Body::List(_, member) if name == "member" => member.as_mut(),
            Body::Map(key, _) if name == "key" => key.as_mut(),
            Body::Map(_, value) if name == "value" => value.as_mut(),
            _ => None,
        }
    }
}

/// Converts AST entries into definitions, checking ids, member names and property names.
pub(super) struct Reader<'a> {
    pub sources: &'a Sources,
}

impl Reader<'_> {
    fn error(&self, origin: &Origin, shape: &ShapeId, kind: LoadErrorKind) -> LoadError {
        self.sources.error(origin, Some(shape), kind)
    }

    /// Parses an id written at `origin`; member ids are allowed only when `allow_member`.
    pub fn shape_id(
        &self,
        text: &str,
        origin: &Origin,
        shape: Option<&ShapeId>,
        allow_member: bool,
    ) -> Result<ShapeId, LoadError> {
        let id = ShapeId::parse(text).map_err(|e| {
            self.sources.error(
                origin,
                shape,
                LoadErrorKind::InvalidShapeId {
                    text: e.text,
                    reason: e.reason.to_owned(),
                },
            )
        })?;
        if !allow_member && id.member().is_some() {
            return Err(self.sources.error(
                origin,
                shape,
                LoadErrorKind::InvalidShapeId {
                    text: text.to_owned(),
                    reason:
                        "a member id is not allowed here (members are defined inside their shape, \
                             and traits are added to them with `apply`)"
                            .to_owned(),
                },
            ));
        }
        Ok(id)
    }

    /// Rejects properties this kind of object does not have.
    pub fn no_extra(
        &self,
        extra: &ast::Extra,
        origin: &Origin,
        shape: &ShapeId,
        owner: &'static str,
        allowed: &'static [&'static str],
    ) -> Result<(), LoadError> {
        match extra.keys().next() {
            None => Ok(()),
            Some(property) => Err(self.error(
                &origin.key(property),
                shape,
                LoadErrorKind::UnknownProperty {
                    property: property.clone(),
                    owner,
                    allowed,
                },
            )),
        }
    }

    pub fn traits(
        &self,
        traits: &ast::TraitMap,
        origin: &Origin,
        shape: &ShapeId,
    ) -> Result<TraitSet, LoadError> {
        let traits_origin = origin.key("traits");
        let mut set = TraitSet::new();
        for (key, value) in traits {
            let trait_origin = traits_origin.key(key);
            let id = self.shape_id(key, &trait_origin, Some(shape), false)?;
            set.insert(
                id,
                TraitEntry {
                    value: value.clone(),
                    origin: trait_origin,
                },
            );
        }
        Ok(set)
    }

    fn reference(
        &self,
        r: &ast::ShapeRef,
        origin: Origin,
        shape: &ShapeId,
    ) -> Result<Ref, LoadError> {
        self.no_extra(&r.extra, &origin, shape, "shape reference", &["target"])?;
        let target_origin = origin.key("target");
        let id = self.shape_id(&r.target, &target_origin, Some(shape), false)?;
        Ok(Ref {
            id,
            origin: target_origin,
        })
    }

    fn references(
        &self,
        refs: &[ast::ShapeRef],
        origin: &Origin,
        key: &str,
        shape: &ShapeId,
    ) -> Result<Vec<Ref>, LoadError> {
        let list_origin = origin.key(key);
        refs.iter()
            .enumerate()
            .map(|(i, r)| self.reference(r, list_origin.index(i), shape))
            .collect()
    }

    fn optional_reference(
        &self,
        r: Option<&ast::ShapeRef>,
        origin: &Origin,
        key: &str,
        shape: &ShapeId,
    ) -> Result<Option<Ref>, LoadError> {
        r.map(|r| self.reference(r, origin.key(key), shape))
            .transpose()
    }

    fn named_references(
        &self,
        refs: &IndexMap<String, ast::ShapeRef>,
        origin: &Origin,
        key: &str,
        shape: &ShapeId,
    ) -> Result<IndexMap<String, Ref>, LoadError> {
        let map_origin = origin.key(key);
        refs.iter()
            .map(|(name, r)| {
                Ok((
                    name.clone(),
                    self.reference(r, map_origin.key(name), shape)?,
                ))
            })
            .collect()
    }

    fn member(
        &self,
        def: &ast::MemberDef,
        name: &str,
        origin: Origin,
        shape: &ShapeId,
    ) -> Result<MemberDef, LoadError> {
        // The member id must parse, which checks that the name is an identifier.
        let member_id = format!("{shape}${name}");
        self.shape_id(&member_id, &origin, Some(shape), true)?;
        self.no_extra(
            &def.extra,
            &origin,
            shape,
            "member",
            ast::Shape::known_properties("member"),
        )?;
        let target_origin = origin.key("target");
        let target = self.shape_id(&def.target, &target_origin, Some(shape), false)?;
        Ok(MemberDef {
            target: Ref {
                id: target,
                origin: target_origin,
            },
            traits: self.traits(&def.traits, &origin, shape)?,
            origin,
            declared_by: format!("shape `{shape}`"),
        })
    }

    fn optional_member(
        &self,
        def: Option<&ast::MemberDef>,
        name: &str,
        origin: &Origin,
        shape: &ShapeId,
    ) -> Result<Option<MemberDef>, LoadError> {
        def.map(|def| self.member(def, name, origin.key(name), shape))
            .transpose()
    }

    /// Converts one non-`apply` AST entry.
    pub fn definition(
        &self,
        id: ShapeId,
        origin: Origin,
        shape: &ast::Shape,
    ) -> Result<Def, LoadError> {
        let type_name = shape.type_name();
        self.no_extra(
            shape.extra(),
            &origin,
            &id,
            type_name,
            ast::Shape::known_properties(type_name),
        )?;
        let body = match shape {
            ast::Shape::Enum(s)
            | ast::Shape::IntEnum(s)
            | ast::Shape::Structure(s)
            | ast::Shape::Union(s) => {
                let members_origin = origin.key("members");
                let mut members = IndexMap::new();
                for (name, member) in &s.members {
                    members.insert(
                        name.clone(),
                        self.member(member, name, members_origin.key(name), &id)?,
                    );
                }
                Body::Members(type_name, members)
            }
            ast::Shape::List(s) | ast::Shape::Set(s) => Body::List(
                type_name,
                self.optional_member(s.member.as_ref(), "member", &origin, &id)?,
            ),
            ast::Shape::Map(s) => Body::Map(
                self.optional_member(s.key.as_ref(), "key", &origin, &id)?,
                self.optional_member(s.value.as_ref(), "value", &origin, &id)?,
            ),
            ast::Shape::Operation(s) => Body::Operation(OperationDef {
                input: self.optional_reference(s.input.as_ref(), &origin, "input", &id)?,
                output: self.optional_reference(s.output.as_ref(), &origin, "output", &id)?,
                errors: self.references(&s.errors, &origin, "errors", &id)?,
            }),
            ast::Shape::Resource(s) => {
                let mut lifecycle = BTreeMap::new();
                let named = [
                    ("create", &s.create),
                    ("put", &s.put),
                    ("read", &s.read),
                    ("update", &s.update),
                    ("delete", &s.delete),
                    ("list", &s.list),
                ];
                for (name, r) in named {
                    if let Some(r) = self.optional_reference(r.as_ref(), &origin, name, &id)? {
                        lifecycle.insert(name.to_owned(), r);
                    }
                }
                Body::Resource(ResourceDef {
                    identifiers: self.named_references(
                        &s.identifiers,
                        &origin,
                        "identifiers",
                        &id,
                    )?,
                    properties: self.named_references(&s.properties, &origin, "properties", &id)?,
                    lifecycle,
                    operations: self.references(&s.operations, &origin, "operations", &id)?,
                    collection_operations: self.references(
                        &s.collection_operations,
                        &origin,
                        "collectionOperations",
                        &id,
                    )?,
                    resources: self.references(&s.resources, &origin, "resources", &id)?,
                })
            }
            ast::Shape::Service(s) => {
                let rename_origin = origin.key("rename");
                let mut rename = IndexMap::new();
                for (from, to) in &s.rename {
                    let entry_origin = rename_origin.key(from);
                    let from = self.shape_id(from, &entry_origin, Some(&id), false)?;
                    rename.insert(from, (to.clone(), entry_origin));
                }
                Body::Service(ServiceDef {
                    version: s.version.clone(),
                    operations: self.references(&s.operations, &origin, "operations", &id)?,
                    resources: self.references(&s.resources, &origin, "resources", &id)?,
                    errors: self.references(&s.errors, &origin, "errors", &id)?,
                    rename,
                })
            }
            ast::Shape::Member(_) | ast::Shape::Apply(_) => {
                // The loader routes these elsewhere; reaching here is a top-level `member`.
                return Err(self.error(
                    &origin.key("type"),
                    &id,
                    LoadErrorKind::UnknownShapeType {
                        found: type_name.to_owned(),
                    },
                ));
            }
            _ => Body::Simple(type_name),
        };
        Ok(Def {
            traits: self.traits(shape.traits(), &origin, &id)?,
            mixins: self.references(shape.mixins(), &origin, "mixins", &id)?,
            id,
            origin,
            body,
        })
    }
}
