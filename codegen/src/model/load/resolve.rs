//! Turns flattened definitions into model shapes: every reference checked to exist and to be
//! of a kind allowed where it is used, every trait parsed into its typed form.

use super::super::{
    EnumValue, LoadError, LoadErrorKind, Member, Model, Operation, Resource, Service, Shape,
    ShapeId, ShapeKind, Traits,
};
use super::defs::{Body, Def, MemberDef, Ref, Sources, TraitSet};
use std::collections::BTreeMap;

/// What a reference may point at.
#[derive(Clone, Copy)]
enum Allowed {
    /// Any data shape: not an operation, resource or service.
    Value,
    Structure,
    Operation,
    Resource,
    /// Only `smithy.api#Unit` (enum members).
    Unit,
    /// Anything defined (e.g. `rename` keys).
    Any,
}

impl Allowed {
    fn describe(self) -> &'static str {
        match self {
            Allowed::Value => "a data shape (not an operation, resource, service or mixin)",
            Allowed::Structure => "a structure (not a mixin)",
            Allowed::Operation => "an operation",
            Allowed::Resource => "a resource",
            Allowed::Unit => "`smithy.api#Unit`",
            Allowed::Any => "a defined shape",
        }
    }

    fn accepts(self, id: &ShapeId, def: &Def) -> bool {
        let is_mixin = def.traits.contains_key(&super::mixins::mixin_trait_id());
        match self {
            Allowed::Value => {
                !is_mixin
                    && !matches!(
                        def.body,
                        Body::Operation(_) | Body::Resource(_) | Body::Service(_)
                    )
            }
            Allowed::Structure => !is_mixin && def.body.type_name() == "structure",
            Allowed::Operation => def.body.type_name() == "operation",
            Allowed::Resource => def.body.type_name() == "resource",
            Allowed::Unit => *id == Model::unit_id(),
            Allowed::Any => true,
        }
    }
}

/// Resolves definitions against the full set of them.
pub(super) struct Resolver<'a> {
    pub defs: &'a BTreeMap<ShapeId, Def>,
    pub sources: &'a Sources,
}

impl Resolver<'_> {
    pub fn shape(&self, def: &Def) -> Result<Shape, LoadError> {
        let id = &def.id;
        let traits = self.traits(&def.traits, id)?;
        let kind = match &def.body {
            Body::Simple(name) => simple_kind(name),
            Body::Members(name, members) => {
                let aggregate = *name;
                let allowed = if matches!(aggregate, "enum" | "intEnum") {
                    Allowed::Unit
                } else {
                    Allowed::Value
                };
                let members = members
                    .iter()
                    .map(|(member_name, member)| {
                        self.member(id, member_name, member, allowed, aggregate)
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                match aggregate {
                    "enum" => ShapeKind::Enum(members),
                    "intEnum" => ShapeKind::IntEnum(members),
                    "union" => ShapeKind::Union(members),
                    _ => ShapeKind::Structure(members),
                }
            }
            Body::List(name, member) => {
                let member = Box::new(self.required_member(
                    def,
                    "member",
                    member,
                    "a list must say what its elements are",
                )?);
                if *name == "set" {
                    ShapeKind::Set(member)
                } else {
                    ShapeKind::List(member)
                }
            }
            Body::Map(key, value) => ShapeKind::Map {
                key: Box::new(self.required_member(
                    def,
                    "key",
                    key,
                    "a map must say what its keys are",
                )?),
                value: Box::new(self.required_member(
                    def,
                    "value",
                    value,
                    "a map must say what its values are",
                )?),
            },
            Body::Operation(op) => {
                let io = |r: &Option<Ref>, what: &str| match r {
                    Some(r) => self.target(
                        r,
                        id,
                        || format!("the {what} of operation `{id}`"),
                        Allowed::Structure,
                    ),
                    None => Ok(Model::unit_id()),
                };
                ShapeKind::Operation(Operation {
                    input: io(&op.input, "input")?,
                    output: io(&op.output, "output")?,
                    errors: self.targets(
                        &op.errors,
                        id,
                        "errors",
                        "operation",
                        Allowed::Structure,
                    )?,
                })
            }
            Body::Resource(res) => {
                let mut lifecycle = BTreeMap::new();
                for (name, r) in &res.lifecycle {
                    let target = self.target(
                        r,
                        id,
                        || format!("the `{name}` operation of resource `{id}`"),
                        Allowed::Operation,
                    )?;
                    lifecycle.insert(name.clone(), target);
                }
                let named = |map: &indexmap::IndexMap<String, Ref>,
                             what: &str|
                 -> Result<BTreeMap<String, ShapeId>, LoadError> {
                    map.iter()
                        .map(|(name, r)| {
                            let target = self.target(
                                r,
                                id,
                                || format!("{what} `{name}` of resource `{id}`"),
                                Allowed::Value,
                            )?;
                            Ok((name.clone(), target))
                        })
                        .collect()
                };
                ShapeKind::Resource(Resource {
                    identifiers: named(&res.identifiers, "identifier")?,
                    properties: named(&res.properties, "property")?,
                    lifecycle,
                    operations: self.targets(
                        &res.operations,
                        id,
                        "operations",
                        "resource",
                        Allowed::Operation,
                    )?,
                    collection_operations: self.targets(
                        &res.collection_operations,
                        id,
                        "collection operations",
                        "resource",
                        Allowed::Operation,
                    )?,
                    resources: self.targets(
                        &res.resources,
                        id,
                        "resources",
                        "resource",
                        Allowed::Resource,
                    )?,
                })
            }
            Body::Service(svc) => {
                let mut rename = BTreeMap::new();
                for (from, (to, origin)) in &svc.rename {
                    let r = Ref {
                        id: from.clone(),
                        origin: origin.clone(),
                    };
                    let from = self.target(
                        &r,
                        id,
                        || format!("the `rename` map of service `{id}`"),
                        Allowed::Any,
                    )?;
                    rename.insert(from, to.clone());
                }
                ShapeKind::Service(Service {
                    version: svc.version.clone().unwrap_or_default(),
                    operations: self.targets(
                        &svc.operations,
                        id,
                        "operations",
                        "service",
                        Allowed::Operation,
                    )?,
                    resources: self.targets(
                        &svc.resources,
                        id,
                        "resources",
                        "service",
                        Allowed::Resource,
                    )?,
                    errors: self.targets(
                        &svc.errors,
                        id,
                        "errors",
                        "service",
                        Allowed::Structure,
                    )?,
                    rename,
                })
            }
        };
        Ok(Shape {
            id: id.clone(),
            kind,
            traits,
        })
    }

    fn traits(&self, set: &TraitSet, shape: &ShapeId) -> Result<Traits, LoadError> {
        let raw = set
            .iter()
            .map(|(id, entry)| (id.clone(), entry.value.clone()))
            .collect();
        Traits::parse(raw).map_err(|error| {
            let kind = error.kind().clone();
            let origin = match &kind {
                LoadErrorKind::InvalidTrait { trait_id, .. } => {
                    set.get(trait_id).map(|entry| entry.origin.clone())
                }
                _ => None,
            };
            match origin {
                Some(origin) => self.sources.error(&origin, Some(shape), kind),
                None => LoadError::new(Some(shape), String::new(), kind),
            }
        })
    }

    fn member(
        &self,
        shape: &ShapeId,
        name: &str,
        def: &MemberDef,
        allowed: Allowed,
        aggregate: &str,
    ) -> Result<Member, LoadError> {
        let id = shape.with_member(name);
        let target = self.target(&def.target, shape, || format!("member `{id}`"), allowed)?;
        let mut traits = self.traits(&def.traits, shape)?;
        let enum_value_id = ShapeId::new("smithy.api", "enumValue");
        let wrong_enum_value = |reason: &str| {
            let origin = def
                .traits
                .get(&enum_value_id)
                .map_or_else(|| def.origin.clone(), |entry| entry.origin.clone());
            self.sources.error(
                &origin,
                Some(shape),
                LoadErrorKind::InvalidTrait {
                    trait_id: enum_value_id.clone(),
                    reason: format!("{reason} (member `{id}`)"),
                },
            )
        };
        match (aggregate, &traits.enum_value) {
            // An enum member without a value uses its name on the wire.
            ("enum", None) => traits.enum_value = Some(EnumValue::String(name.to_owned())),
            ("enum", Some(EnumValue::Int(_))) => {
                return Err(wrong_enum_value("an enum member's value must be a string"))
            }
            ("intEnum", None) => {
                return Err(wrong_enum_value(
                    "an intEnum member must have an integer value",
                ))
            }
            ("intEnum", Some(EnumValue::String(_))) => {
                return Err(wrong_enum_value(
                    "an intEnum member's value must be an integer",
                ));
            }
            _ => {}
        }
        Ok(Member {
            id,
            name: name.to_owned(),
            target,
            traits,
        })
    }

    fn required_member(
        &self,
        def: &Def,
        name: &str,
        member: &Option<MemberDef>,
        why: &'static str,
    ) -> Result<Member, LoadError> {
        let field = match name {
            "key" => "key",
            "value" => "value",
            _ => "member",
        };
        match member {
            Some(member) => {
                self.member(&def.id, name, member, Allowed::Value, def.body.type_name())
            }
            None => Err(self.sources.error(
                &def.origin.key(name),
                Some(&def.id),
                LoadErrorKind::MissingField { field, why },
            )),
        }
    }

    fn targets(
        &self,
        refs: &[Ref],
        shape: &ShapeId,
        what: &str,
        owner: &str,
        allowed: Allowed,
    ) -> Result<Vec<ShapeId>, LoadError> {
        refs.iter()
            .map(|r| {
                self.target(
                    r,
                    shape,
                    || format!("the {what} of {owner} `{shape}`"),
                    allowed,
                )
            })
            .collect()
    }

    /// Checks that a reference resolves to a shape of an allowed kind.
    fn target(
        &self,
        r: &Ref,
        shape: &ShapeId,
        referrer: impl Fn() -> String,
        allowed: Allowed,
    ) -> Result<ShapeId, LoadError> {
        let Some(def) = self.defs.get(&r.id) else {
            let did_you_mean = super::suggest(&r.id, self.defs.keys());
            return Err(self.sources.error(
                &r.origin,
                Some(shape),
                LoadErrorKind::UnknownShape {
                    target: r.id.clone(),
                    referrer: referrer(),
                    did_you_mean,
                },
            ));
        };
        if !allowed.accepts(&r.id, def) {
            let mixin = if def.traits.contains_key(&super::mixins::mixin_trait_id()) {
                "mixin "
            } else {
                ""
            };
            return Err(self.sources.error(
                &r.origin,
                Some(shape),
                LoadErrorKind::InvalidTarget {
                    referrer: referrer(),
                    target: r.id.clone(),
                    found: format!("{mixin}{}", def.body.type_name()),
                    expected: allowed.describe(),
                },
            ));
        }
        Ok(r.id.clone())
    }
}

fn simple_kind(name: &str) -> ShapeKind {
    match name {
        "blob" => ShapeKind::Blob,
        "boolean" => ShapeKind::Boolean,
        "byte" => ShapeKind::Byte,
        "short" => ShapeKind::Short,
        "integer" => ShapeKind::Integer,
        "long" => ShapeKind::Long,
        "float" => ShapeKind::Float,
        "double" => ShapeKind::Double,
        "bigInteger" => ShapeKind::BigInteger,
        "bigDecimal" => ShapeKind::BigDecimal,
        "timestamp" => ShapeKind::Timestamp,
        "document" => ShapeKind::Document,
        _ => ShapeKind::String,
    }
}
