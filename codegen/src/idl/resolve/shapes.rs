//! Shape statements to AST shapes: aggregates and their members, enums with their values,
//! lists and maps, operations. Services and resources are in `entities`.

use super::{merge_trait, FileResolver, Result, PRELUDE};
use crate::ast;
use crate::idl::syntax::{Body, MemberSyntax, Pos, ShapeSyntax};
use crate::idl::Elided;
use indexmap::IndexMap;
use serde_json::{Map, Value};

/// A shape's traits and mixins, resolved, before its body is converted.
pub(super) struct Common {
    pub traits: ast::TraitMap,
    pub mixins: Vec<ast::ShapeRef>,
}

impl FileResolver<'_> {
    /// Converts one shape statement; members written `$name` are recorded in `elided`.
    pub(super) fn shape(
        &self,
        shape: &ShapeSyntax,
        id: &str,
        elided: &mut Vec<Elided>,
    ) -> Result<ast::Shape> {
        let common = Common {
            traits: self.traits(&shape.traits, id, shape.pos)?,
            mixins: self.refs(&shape.mixins),
        };
        match (&shape.body, shape.type_name) {
            (Body::Members { members, .. }, t @ ("enum" | "intEnum")) => {
                self.enum_shape(t, id, shape.pos, members, common, elided)
            }
            (Body::Members { members, resource }, t) => {
                let resource = resource.as_ref().map(|r| self.reference(&r.text));
                self.aggregate(t, id, shape.pos, members, resource, common, elided)
            }
            (Body::Operation(op), _) => {
                let is_mixin = common.traits.contains_key("smithy.api#mixin");
                if is_mixin && (op.input.is_some() || op.output.is_some()) {
                    return Err(self.error(
                        shape.pos,
                        format!(
                            "Operation shapes with the mixin trait MUST target `smithy.api#Unit` \
                             for their input and output. Operation mixin shape `{id}` defines \
                             one or both of these properties."
                        ),
                    ));
                }
                Ok(ast::Shape::Operation(ast::OperationShape {
                    input: op.input.as_ref().map(|r| self.shape_ref(&r.text)),
                    output: op.output.as_ref().map(|r| self.shape_ref(&r.text)),
                    errors: op
                        .errors
                        .as_deref()
                        .map(|e| self.refs(e))
                        .unwrap_or_default(),
                    traits: common.traits,
                    mixins: common.mixins,
                    extra: Map::new(),
                }))
            }
            (Body::Entity(entries), "service") => self.service(id, shape.pos, entries, common),
            (Body::Entity(entries), _) => self.resource(id, shape.pos, entries, common),
            (Body::Simple, t) => Ok(simple_shape(
                t,
                ast::SimpleShape {
                    traits: common.traits,
                    mixins: common.mixins,
                    extra: Map::new(),
                },
            )),
        }
    }

    fn enum_shape(
        &self,
        type_name: &str,
        id: &str,
        at: Pos,
        members: &[MemberSyntax],
        common: Common,
        elided: &mut Vec<Elided>,
    ) -> Result<ast::Shape> {
        if members.is_empty() && common.mixins.is_empty() {
            let message = if type_name == "enum" {
                format!("{id}: enum must have at least one entry")
            } else {
                format!("{id}: intEnum shapes must have at least one member")
            };
            return Err(self.error(at, message));
        }
        let mut out = IndexMap::new();
        for member in members {
            if member.value.is_none() && !common.mixins.is_empty() {
                // Its implicit value is dropped later if a mixin already defines the member.
                elided.push(Elided {
                    shape: id.to_owned(),
                    member: member.name.clone(),
                    resource: None,
                    mixins: common.mixins.iter().map(|m| m.target.clone()).collect(),
                    pos: member.pos,
                    enum_value: true,
                });
            }
            let converted = self.enum_member(member, id, type_name)?;
            // An intEnum member needs its number, unless a mixin may bring the member.
            let valued = converted.traits.contains_key("smithy.api#enumValue");
            if type_name == "intEnum" && !valued && common.mixins.is_empty() {
                return Err(self.error(
                    member.pos,
                    format!(
                        "{id}${}: intEnum members need an integer value (`{} = 1`)",
                        member.name, member.name
                    ),
                ));
            }
            out.insert(member.name.clone(), converted);
        }
        let body = ast::MembersShape {
            members: out,
            traits: common.traits,
            mixins: common.mixins,
            extra: Map::new(),
        };
        Ok(if type_name == "enum" {
            ast::Shape::Enum(body)
        } else {
            ast::Shape::IntEnum(body)
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn aggregate(
        &self,
        type_name: &str,
        id: &str,
        at: Pos,
        members: &[MemberSyntax],
        resource: Option<String>,
        common: Common,
        elided: &mut Vec<Elided>,
    ) -> Result<ast::Shape> {
        let mut out = IndexMap::new();
        for member in members {
            let converted = self.member(member, id)?;
            if member.target.is_none() {
                elided.push(Elided {
                    shape: id.to_owned(),
                    member: member.name.clone(),
                    resource: resource.clone(),
                    mixins: common.mixins.iter().map(|m| m.target.clone()).collect(),
                    pos: member.pos,
                    enum_value: false,
                });
            }
            out.insert(member.name.clone(), converted);
        }
        if matches!(type_name, "list" | "set" | "map") {
            return self.collection(type_name, id, at, out, common);
        }
        let body = ast::MembersShape {
            members: out,
            traits: common.traits,
            mixins: common.mixins,
            extra: Map::new(),
        };
        Ok(if type_name == "union" {
            ast::Shape::Union(body)
        } else {
            ast::Shape::Structure(body)
        })
    }

    fn member(&self, member: &MemberSyntax, shape: &str) -> Result<ast::MemberDef> {
        let member_id = format!("{shape}${}", member.name);
        let mut traits = self.traits(&member.traits, &member_id, member.pos)?;
        if let Some((value, pos)) = &member.value {
            let value = self.json(value)?;
            merge_trait(&mut traits, format!("{PRELUDE}#default"), value)
                .map_err(|message| self.error(*pos, message))?;
        }
        Ok(ast::MemberDef {
            // Elided targets stay empty until `elision` fills them in.
            target: member
                .target
                .as_ref()
                .map(|t| self.reference(&t.text))
                .unwrap_or_default(),
            traits,
            extra: Map::new(),
        })
    }

    /// An enum member: target `smithy.api#Unit`, its value as `enumValue` (for `enum`, the
    /// member name when no value is written).
    fn enum_member(
        &self,
        member: &MemberSyntax,
        shape: &str,
        type_name: &str,
    ) -> Result<ast::MemberDef> {
        let member_id = format!("{shape}${}", member.name);
        let mut traits = self.traits(&member.traits, &member_id, member.pos)?;
        let key = format!("{PRELUDE}#enumValue");
        if let Some((node, pos)) = &member.value {
            let value = self.json(node)?;
            if let Some(problem) = enum_value_problem(type_name, &value) {
                return Err(self.error(*pos, format!("{member_id}: {problem}")));
            }
            merge_trait(&mut traits, key, value).map_err(|message| self.error(*pos, message))?;
        } else if type_name == "enum" && !traits.contains_key(&key) {
            traits.insert(key, Value::String(member.name.clone()));
        }
        Ok(ast::MemberDef {
            target: format!("{PRELUDE}#Unit"),
            traits,
            extra: Map::new(),
        })
    }

    /// `list`/`set` (one `member`) and `map` (`key` and `value`).
    fn collection(
        &self,
        type_name: &str,
        id: &str,
        at: Pos,
        mut members: IndexMap<String, ast::MemberDef>,
        common: Common,
    ) -> Result<ast::Shape> {
        let allowed: &[&str] = if type_name == "map" {
            &["key", "value"]
        } else {
            &["member"]
        };
        if let Some(name) = members
            .keys()
            .find(|name| !allowed.contains(&name.as_str()))
        {
            let expected = allowed.join(" and ");
            return Err(self.error(
                at,
                format!("Invalid member `{name}` of {type_name} `{id}` (expected {expected})"),
            ));
        }
        let missing: Vec<&str> = allowed
            .iter()
            .copied()
            .filter(|name| !members.contains_key(*name))
            .collect();
        // A shape with mixins may get its members from them.
        if !missing.is_empty() && common.mixins.is_empty() {
            let plural = if missing.len() > 1 {
                "members"
            } else {
                "member"
            };
            let names = missing.join(", ");
            return Err(self.error(
                at,
                format!("Missing required {plural} of shape `{id}`: {names}"),
            ));
        }
        Ok(match type_name {
            "map" => ast::Shape::Map(ast::MapShape {
                key: members.shift_remove("key"),
                value: members.shift_remove("value"),
                traits: common.traits,
                mixins: common.mixins,
                extra: Map::new(),
            }),
            _ => {
                let body = ast::ListShape {
                    member: members.shift_remove("member"),
                    traits: common.traits,
                    mixins: common.mixins,
                    extra: Map::new(),
                };
                if type_name == "set" {
                    ast::Shape::Set(body)
                } else {
                    ast::Shape::List(body)
                }
            }
        })
    }
}

/// What is wrong with an enum member's value, if anything: `enum` values are strings,
/// `intEnum` values 32-bit integers.
fn enum_value_problem(type_name: &str, value: &Value) -> Option<String> {
    match (type_name, value) {
        ("enum", Value::String(_)) => None,
        ("enum", other) => Some(format!(
            "enum members can only be assigned string values, but found: {other}"
        )),
        (_, Value::Number(n)) if n.is_f64() => {
            Some("intEnum members do not support floating point values".to_owned())
        }
        (_, Value::Number(n)) if n.as_i64().and_then(|v| i32::try_from(v).ok()).is_none() => Some(
            format!("intEnum members must fit within an integer, but found: {n}"),
        ),
        (_, Value::Number(_)) => None,
        (_, other) => Some(format!(
            "intEnum members require integer values, but found: {other}"
        )),
    }
}

fn simple_shape(type_name: &str, body: ast::SimpleShape) -> ast::Shape {
    match type_name {
        "blob" => ast::Shape::Blob(body),
        "boolean" => ast::Shape::Boolean(body),
        "byte" => ast::Shape::Byte(body),
        "short" => ast::Shape::Short(body),
        "integer" => ast::Shape::Integer(body),
        "long" => ast::Shape::Long(body),
        "float" => ast::Shape::Float(body),
        "double" => ast::Shape::Double(body),
        "bigInteger" => ast::Shape::BigInteger(body),
        "bigDecimal" => ast::Shape::BigDecimal(body),
        "timestamp" => ast::Shape::Timestamp(body),
        "document" => ast::Shape::Document(body),
        _ => ast::Shape::String(body),
    }
}
