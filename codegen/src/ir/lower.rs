//! Model → IR: decides names, optionality, boxing, wire formats and constraints.

use super::docs::to_markdown;
use super::naming::{
    camel_ident, escape_keyword, getter_name, setter_name, snake_ident, to_snake, Scope,
};
use super::recursion::boxed_members;
use super::*;
use crate::model::{Member, Model, Shape, ShapeKind, Traits};
use crate::GenerateError;
use std::cell::RefCell;
use std::collections::BTreeSet;

/// Why a model cannot be turned into a crate: a [`GenerateError`] naming the shape.
pub type LowerError = GenerateError;

pub(super) fn error(shape: &ShapeId, message: impl Into<String>) -> LowerError {
    GenerateError::shape_error(shape, message)
}

/// Methods generated on every structure and builder, and methods of the traits they implement
/// (an accessor named `default` would break `Builder::default()`; one named `clone` would
/// shadow `Clone::clone`); fields may not take these names.
const STRUCT_RESERVED: &[&str] = &[
    "builder",
    "new",
    "build",
    // Traits implemented or derived: Clone, Default, PartialEq, Debug, Validate, JSON, serde.
    "clone",
    "clone_from",
    "default",
    "eq",
    "ne",
    "fmt",
    "validate",
    "validate_into",
    "to_json",
    "from_json",
    "zero",
    "serialize",
    "deserialize",
    // Blanket impls every type has.
    "into",
    "from",
    "try_into",
    "try_from",
    "to_owned",
    "clone_into",
    "to_string",
    "borrow",
    "borrow_mut",
    "type_id",
];
/// Extra methods generated on outputs and errors.
const META_RESERVED: &[&str] = &["meta", "meta_mut", "response_metadata"];
/// Extra methods on inputs (`send_with`) and on the fluent builder that mirrors their builder.
const INPUT_RESERVED: &[&str] = &[
    "send",
    "send_with",
    "as_input",
    "build_input",
    "into_paginator",
];
/// Methods of the generated `Client`; an operation's client method may not take these names.
const CLIENT_RESERVED: &[&str] = &["new", "config", "call", "clone"];
/// Variants every service-wide `Error` enum has; error structures may not take these names.
const ERROR_ENUM_RESERVED: &[&str] = &["Unhandled", "Call"];

/// The methods a field brings along besides its accessor: `set_<base>` and `get_<base>` on
/// builders.
fn field_methods(ident: &str) -> Vec<String> {
    vec![setter_name(ident), getter_name(ident)]
}

/// The builder type a structure brings along in its module.
fn builder_type(name: &str) -> Vec<String> {
    vec![format!("{name}Builder")]
}

/// Lowers the closure of `operations` (all ids of `service`) into a crate description.
pub fn lower(
    model: &Model,
    service_id: &ShapeId,
    operations: &[ShapeId],
    package_name: &str,
) -> Result<CrateIr, LowerError> {
    // Doc conversions are shared within this lowering only: a later one starts cold.
    let _docs = super::docs::CacheScope::start();
    let service_shape = model
        .shape(service_id)
        .ok_or_else(|| error(service_id, "no such service in the model"))?;
    let ShapeKind::Service(service) = &service_shape.kind else {
        return Err(error(
            service_id,
            format!("expected a service, found a {}", service_shape.type_name()),
        ));
    };
    let closure = model
        .service_closure(service_id, operations)
        .map_err(GenerateError::Model)?;
    let shapes: BTreeSet<ShapeId> = closure.shape_ids().cloned().collect();
    check_names_unique_ignoring_case(&shapes, &service.rename)?;
    let mut lowering = Lowering {
        model,
        boxed: boxed_members(model, &shapes),
        rename: &service.rename,
        // awsJson ignores `@jsonName`; restJson1 uses it as the JSON key.
        json_names: service_shape.traits.rest_json_1
            && !(service_shape.traits.aws_json_1_0 || service_shape.traits.aws_json_1_1),
        type_names: BTreeMap::new(),
        error_names: BTreeMap::new(),
        unchecked_patterns: RefCell::default(),
    };
    lowering.allocate_type_names(&shapes)?;

    let mut types = BTreeMap::new();
    let mut errors = BTreeMap::new();
    for id in &shapes {
        let Some(shape) = model.shape(id) else {
            continue;
        };
        if let Some(name) = lowering.error_names.get(id).cloned() {
            errors.insert(
                id.clone(),
                lowering.structure(
                    shape,
                    &name,
                    StructRole::Error {
                        fault: shape
                            .traits
                            .error
                            .unwrap_or(crate::model::ErrorFault::Client),
                        http_status: shape.traits.http_error,
                    },
                )?,
            );
        } else if let Some(name) = lowering.type_names.get(id).cloned() {
            let ty = match &shape.kind {
                ShapeKind::Structure(_) => {
                    TypeIr::Struct(lowering.structure(shape, &name, StructRole::Data)?)
                }
                ShapeKind::Union(_) => TypeIr::Union(lowering.union(shape, &name)?),
                ShapeKind::Enum(_) => TypeIr::Enum(lowering.enumeration(shape, &name)?),
                ShapeKind::IntEnum(_) => TypeIr::IntEnum(lowering.enumeration(shape, &name)?),
                _ => continue,
            };
            types.insert(id.clone(), ty);
        }
    }

    super::size::box_large_union_members(&mut types);

    let mut ops = Vec::new();
    let mut reserved_modules = vec!["mod_rs"];
    reserved_modules.extend_from_slice(CLIENT_RESERVED);
    let mut module_scope = Scope::with_reserved(&reserved_modules);
    let mut sorted_ops: Vec<&ShapeId> = operations.iter().collect();
    sorted_ops.sort_by_key(|id| id.name().to_owned());
    sorted_ops.dedup();
    for id in sorted_ops {
        let mut op = lowering.operation(service_id, id, &mut module_scope)?;
        op.pagination = super::pagination::resolve(model, &op, &types)?;
        ops.push(op);
    }

    let service = lower_service(model, service_shape, service)?;
    // HTTP-bound protocols also need to know where each member travels.
    let http = match service.protocol {
        Protocol::RestJson1 => {
            let op_ids: Vec<ShapeId> = ops.iter().map(|op| op.id.clone()).collect();
            Some(super::http_bindings::resolve(
                model,
                service_id,
                &op_ids,
                errors.keys().cloned(),
            )?)
        }
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => None,
    };
    Ok(CrateIr {
        package_name: package_name.to_owned(),
        service,
        operations: ops,
        types,
        errors,
        http,
        unchecked_patterns: lowering.unchecked_patterns.take().into_iter().collect(),
        skipped_operations: Vec::new(),
    })
}

/// Smithy requires the shape names of a service closure (after `rename`) to be unique
/// ignoring case; two that are not would otherwise be silently renamed.
fn check_names_unique_ignoring_case(
    shapes: &BTreeSet<ShapeId>,
    rename: &BTreeMap<ShapeId, String>,
) -> Result<(), LowerError> {
    let mut seen: BTreeMap<String, &ShapeId> = BTreeMap::new();
    for id in shapes {
        if id.namespace() == "smithy.api" || id.member().is_some() {
            continue;
        }
        let name = rename.get(id).map(String::as_str).unwrap_or(id.name());
        if let Some(first) = seen.insert(name.to_lowercase(), id) {
            let first_name = rename
                .get(first)
                .map(String::as_str)
                .unwrap_or(first.name());
            return Err(error(
                id,
                format!(
                    "its name `{name}` and the name `{first_name}` of `{first}` differ only in case; \
                     shape names in a service closure must be unique ignoring case (give one a \
                     `rename` in the service)"
                ),
            ));
        }
    }
    Ok(())
}

fn lower_service(
    model: &Model,
    shape: &Shape,
    _service: &crate::model::Service,
) -> Result<ServiceIr, LowerError> {
    let traits = &shape.traits;
    let protocol = super::protocol::service_protocol(model, shape)
        .map_err(|message| error(&shape.id, message))?;
    let sdk_id = traits
        .aws_sdk_id
        .clone()
        .or_else(|| traits.title.clone())
        .unwrap_or_else(|| shape.id.name().to_owned());
    Ok(ServiceIr {
        id: shape.id.clone(),
        name: shape.id.name().to_owned(),
        sdk_id,
        docs: docs_of(&traits.documentation),
        protocol,
        query_compatible: traits.aws_query_compatible,
        signing_name: traits.sigv4_name.clone(),
        endpoint_rule_set: traits
            .endpoint_rule_set
            .as_ref()
            .map(|rules| rules.to_string()),
    })
}

fn docs_of(documentation: &Option<String>) -> String {
    documentation
        .as_deref()
        .map(to_markdown)
        .unwrap_or_default()
}

fn deprecation(traits: &Traits) -> Option<Deprecation> {
    traits.deprecated.as_ref().map(|d| Deprecation {
        note: d.message.clone(),
        since: d.since.clone(),
    })
}

struct Lowering<'m> {
    model: &'m Model,
    boxed: BTreeSet<ShapeId>,
    rename: &'m BTreeMap<ShapeId, String>,
    /// Members' `@jsonName`s are their JSON keys.
    json_names: bool,
    /// Names of data types in `crate::types`.
    type_names: BTreeMap<ShapeId, String>,
    /// Names of error structures in `crate::error`.
    error_names: BTreeMap<ShapeId, String>,
    /// Patterns that could not be made ECMAScript (the members go unchecked).
    unchecked_patterns: RefCell<BTreeSet<UncheckedPattern>>,
}

impl<'m> Lowering<'m> {
    fn shape(&self, id: &ShapeId) -> Result<&'m Shape, LowerError> {
        self.model
            .shape(id)
            .ok_or_else(|| error(id, "referenced but not defined"))
    }

    /// A member's JSON key: its `@jsonName` when the protocol honours it, else its name.
    fn json_key(&self, member: &Member) -> String {
        match (&member.traits.json_name, self.json_names) {
            (Some(name), true) => name.clone(),
            _ => member.name.clone(),
        }
    }

    /// The model name of a shape in this service (honouring `rename`).
    fn service_name(&self, id: &ShapeId) -> String {
        self.rename
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.name().to_owned())
    }

    fn allocate_type_names(&mut self, shapes: &BTreeSet<ShapeId>) -> Result<(), LowerError> {
        let mut types = Scope::default();
        let mut errors = Scope::with_reserved(ERROR_ENUM_RESERVED);
        for id in shapes {
            let shape = self.shape(id)?;
            let name = camel_ident(&self.service_name(id));
            match &shape.kind {
                ShapeKind::Structure(_) if shape.traits.error.is_some() => {
                    self.error_names
                        .insert(id.clone(), errors.claim_with(&name, "Error", builder_type));
                }
                ShapeKind::Structure(_) if shape.traits.input || shape.traits.output => {}
                ShapeKind::Structure(_) if id.namespace() == "smithy.api" => {}
                ShapeKind::Structure(_) => {
                    self.type_names
                        .insert(id.clone(), types.claim_with(&name, "Shape", builder_type));
                }
                ShapeKind::Union(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_) => {
                    self.type_names
                        .insert(id.clone(), types.claim(&name, "Shape"));
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn operation(
        &self,
        service: &ShapeId,
        id: &ShapeId,
        modules: &mut Scope,
    ) -> Result<OperationIr, LowerError> {
        let shape = self.shape(id)?;
        let ShapeKind::Operation(op) = &shape.kind else {
            return Err(error(
                id,
                format!("expected an operation, found a {}", shape.type_name()),
            ));
        };
        let name = camel_ident(&self.service_name(id));
        let module = modules.claim(&to_snake(&name), "_op");
        let module = escape_keyword(&module);
        // Every type of the operation's module; the module holds nothing else.
        let mut types = Scope::default();
        let input_name = types.claim_with(&format!("{name}Input"), "Shape", builder_type);
        let output_name = types.claim_with(&format!("{name}Output"), "Shape", builder_type);
        let error_enum = types.claim(&format!("{name}Error"), "Enum");
        let marker = types.claim(&name, "Operation");
        let fluent_builder = types.claim(&format!("{name}FluentBuilder"), "Type");
        let paginator = types.claim(&format!("{name}Paginator"), "Type");
        let input = self.structure(self.shape(&op.input)?, &input_name, StructRole::Input)?;
        let output = self.structure(self.shape(&op.output)?, &output_name, StructRole::Output)?;
        // `is_<variant>` methods of the error enum, beside `is_unhandled`.
        let mut is_methods = Scope::with_reserved(&["is_unhandled"]);
        let mut errors = Vec::new();
        let all_errors = self
            .model
            .operation_errors(service, id)
            .map_err(GenerateError::Model)?;
        for error_id in &all_errors {
            // The variant carries the error structure's name, as in the service-wide `Error`;
            // those names are unique and never `Unhandled`.
            let variant = self.error_names.get(error_id).cloned().ok_or_else(|| {
                error(
                    error_id,
                    format!("listed as an error of `{id}` but not an error structure"),
                )
            })?;
            let error_shape = self.shape(error_id)?;
            errors.push(OperationErrorIr {
                shape: error_id.clone(),
                is_method: is_methods.claim(&format!("is_{}", to_snake(&variant)), "_error"),
                type_name: variant.clone(),
                variant,
                wire_name: self.service_name(error_id),
                docs: docs_of(&error_shape.traits.documentation),
            });
        }
        let anonymous = match &shape.traits.auth {
            Some(schemes) => schemes.is_empty() || shape.traits.optional_auth,
            None => shape.traits.optional_auth,
        };
        let host_prefix = match &shape.traits.endpoint_host_prefix {
            Some(template) => Some(super::host_prefix::resolve(id, template, &input)?),
            None => None,
        };
        let endpoint_override = super::customizations::endpoint_override(id, &input)?;
        Ok(OperationIr {
            id: id.clone(),
            name: self.service_name(id),
            error_enum,
            marker,
            fluent_builder,
            paginator,
            module,
            docs: docs_of(&shape.traits.documentation),
            deprecated: deprecation(&shape.traits),
            input,
            output,
            errors,
            anonymous,
            host_prefix,
            request_compression: shape.traits.request_compression.clone().unwrap_or_default(),
            endpoint_override,
            // Resolved once every type is lowered (paths go through nested structures).
            pagination: None,
        })
    }

    fn structure(
        &self,
        shape: &Shape,
        name: &str,
        role: StructRole,
    ) -> Result<StructIr, LowerError> {
        let members: Vec<&Member> = shape.members();
        let mut reserved: Vec<&str> = STRUCT_RESERVED.to_vec();
        if matches!(role, StructRole::Output | StructRole::Error { .. }) {
            reserved.extend_from_slice(META_RESERVED);
        }
        if role == StructRole::Input {
            reserved.extend_from_slice(INPUT_RESERVED);
        }
        let mut scope = Scope::with_reserved(&reserved);
        let mut fields = Vec::new();
        for member in members {
            let target = self.shape(&member.target)?;
            let ident = scope.claim_with(&snake_ident(&member.name), "_value", field_methods);
            let traits = &member.traits;
            let has_default = matches!(&traits.default, Some(v) if !v.is_null());
            // A top-level input member with a default but not required stays optional: the
            // client sends it only when the caller set it, so the service applies its own
            // (possibly newer) default.
            let input_default = role == StructRole::Input && has_default && !traits.required;
            let optional =
                traits.client_optional || input_default || !(traits.required || has_default);
            let ty = self.rust_type(member, target)?;
            let default = match &traits.default {
                Some(value) if has_default => Some(super::defaults::lower_default(
                    self.model, &member.id, &ty, value,
                )?),
                _ => None,
            };
            fields.push(FieldIr {
                member: member.name.clone(),
                json_key: self.json_key(member),
                setter: setter_name(&ident),
                getter: getter_name(&ident),
                ident,
                ty,
                optional,
                required: traits.required,
                boxed: self.boxed.contains(&member.id),
                default,
                docs: member_docs(member, target),
                deprecated: deprecation(traits),
                sensitive: is_sensitive(member, target),
                constraints: self.constraints(member, target),
                idempotency_token: traits.idempotency_token,
                host_label: traits.host_label,
            });
        }
        Ok(StructIr {
            id: shape.id.clone(),
            name: name.to_owned(),
            // Claimed with the type name (`builder_type`), so it is free.
            builder: builder_type(name).remove(0),
            docs: docs_of(&shape.traits.documentation),
            deprecated: deprecation(&shape.traits),
            role,
            fields,
            sensitive: shape.traits.sensitive,
            wire_name: self.service_name(&shape.id),
        })
    }

    fn union(&self, shape: &Shape, name: &str) -> Result<UnionIr, LowerError> {
        let mut scope = Scope::with_reserved(&["Unknown"]);
        // `is_<x>`/`as_<x>` accessors; `is_unknown` belongs to the catch-all variant.
        let mut methods = Scope::with_reserved(&["unknown"]);
        let mut variants = Vec::new();
        for member in shape.members() {
            let target = self.shape(&member.target)?;
            let ident = scope.claim(&camel_ident(&member.name), "Value");
            let plain = methods.claim(&to_snake(&ident), "_value");
            let is_unit = member.target == ShapeId::new("smithy.api", "Unit");
            variants.push(VariantIr {
                member: member.name.clone(),
                json_key: self.json_key(member),
                is_method: format!("is_{plain}"),
                as_method: format!("as_{plain}"),
                ident,
                ty: if is_unit {
                    None
                } else {
                    Some(self.rust_type(member, target)?)
                },
                boxed: self.boxed.contains(&member.id),
                docs: member_docs(member, target),
                sensitive: is_sensitive(member, target),
                constraints: self.constraints(member, target),
            });
        }
        Ok(UnionIr {
            id: shape.id.clone(),
            name: name.to_owned(),
            docs: docs_of(&shape.traits.documentation),
            deprecated: deprecation(&shape.traits),
            variants,
            sensitive: shape.traits.sensitive,
        })
    }

    fn enumeration(&self, shape: &Shape, name: &str) -> Result<EnumIr, LowerError> {
        let mut scope = Scope::with_reserved(&["Unknown"]);
        let mut values = Vec::new();
        for member in shape.members() {
            let ident = scope.claim(&camel_ident(&member.name), "Value");
            let (string, int) = match &member.traits.enum_value {
                Some(crate::model::EnumValue::String(s)) => (s.clone(), 0),
                Some(crate::model::EnumValue::Int(i)) => {
                    let int = i32::try_from(*i).map_err(|_| {
                        error(
                            &member.id,
                            format!("the int enum value {i} does not fit a 32-bit integer"),
                        )
                    })?;
                    (i.to_string(), int)
                }
                // An enum member without enumValue uses its name.
                None => (member.name.clone(), 0),
            };
            values.push(EnumValueIr {
                ident,
                string,
                int,
                docs: docs_of(&member.traits.documentation),
                deprecated: deprecation(&member.traits),
            });
        }
        Ok(EnumIr {
            id: shape.id.clone(),
            name: name.to_owned(),
            docs: docs_of(&shape.traits.documentation),
            deprecated: deprecation(&shape.traits),
            values,
            sensitive: shape.traits.sensitive,
        })
    }

    /// Constraints of a member merged over those of its target (the member's win). A
    /// pattern without an ECMAScript form is dropped and recorded, never an error.
    fn constraints(&self, member: &Member, target: &Shape) -> Constraints {
        let pick = |f: fn(&Traits) -> bool| {
            if f(&member.traits) {
                &member.traits
            } else {
                &target.traits
            }
        };
        let length = pick(|t| t.length.is_some()).length.map(|l| (l.min, l.max));
        let pattern = pick(|t| t.pattern.is_some())
            .pattern
            .as_ref()
            .and_then(|model| match super::pattern::to_ecma(model) {
                Ok(ecma) => Some(PatternIr {
                    model: model.clone(),
                    ecma,
                }),
                Err(reason) => {
                    self.unchecked_patterns
                        .borrow_mut()
                        .insert(UncheckedPattern {
                            member: member.id.clone(),
                            pattern: model.clone(),
                            reason,
                        });
                    None
                }
            });
        let range = pick(|t| t.range.is_some()).range.as_ref().map(|r| {
            (
                r.min.as_ref().and_then(|n| n.as_f64()),
                r.max.as_ref().and_then(|n| n.as_f64()),
            )
        });
        Constraints {
            length,
            pattern,
            range,
        }
    }

    /// The Rust type of a member's value.
    fn rust_type(&self, member: &Member, target: &Shape) -> Result<RustType, LowerError> {
        let named = |kind| -> Result<RustType, LowerError> {
            let name = self.type_names.get(&target.id).ok_or_else(|| {
                error(
                    &member.id,
                    format!("targets `{}`, which has no generated type", target.id),
                )
            })?;
            Ok(RustType::Named {
                id: target.id.clone(),
                name: name.clone(),
                kind,
            })
        };
        Ok(match &target.kind {
            ShapeKind::Blob => RustType::Blob,
            ShapeKind::Boolean => RustType::Bool,
            ShapeKind::String => RustType::String,
            ShapeKind::Byte => RustType::I8,
            ShapeKind::Short => RustType::I16,
            ShapeKind::Integer => RustType::I32,
            ShapeKind::Long => RustType::I64,
            ShapeKind::Float => RustType::F32,
            ShapeKind::Double => RustType::F64,
            ShapeKind::BigInteger | ShapeKind::BigDecimal => RustType::BigNumber,
            ShapeKind::Timestamp => {
                let format = member
                    .traits
                    .timestamp_format
                    .or(target.traits.timestamp_format);
                RustType::Timestamp(format.unwrap_or(TimestampFormat::EpochSeconds))
            }
            ShapeKind::Document => RustType::Document,
            ShapeKind::Enum(_) => named(NamedKind::Enum)?,
            ShapeKind::IntEnum(_) => named(NamedKind::IntEnum)?,
            ShapeKind::Structure(_) => named(NamedKind::Struct)?,
            ShapeKind::Union(_) => named(NamedKind::Union)?,
            ShapeKind::List(item) | ShapeKind::Set(item) => {
                let item_target = self.shape(&item.target)?;
                RustType::List {
                    item: Box::new(self.rust_type(item, item_target)?),
                    sparse: target.traits.sparse,
                    item_constraints: Box::new(self.constraints(item, item_target)),
                    item_sensitive: is_sensitive(item, item_target),
                }
            }
            ShapeKind::Map { key, value } => {
                let key_target = self.shape(&key.target)?;
                let value_target = self.shape(&value.target)?;
                RustType::Map {
                    value: Box::new(self.rust_type(value, value_target)?),
                    sparse: target.traits.sparse,
                    key_constraints: Box::new(self.constraints(key, key_target)),
                    value_constraints: Box::new(self.constraints(value, value_target)),
                    value_sensitive: is_sensitive(value, value_target),
                    key_sensitive: is_sensitive(key, key_target),
                }
            }
            ShapeKind::Operation(_) | ShapeKind::Resource(_) | ShapeKind::Service(_) => {
                return Err(error(
                    &member.id,
                    format!(
                        "a member cannot target the {} `{}`",
                        target.type_name(),
                        target.id
                    ),
                ))
            }
        })
    }
}

fn is_sensitive(member: &Member, target: &Shape) -> bool {
    member.traits.sensitive || target.traits.sensitive
}

/// Member docs, falling back to the target's docs.
fn member_docs(member: &Member, target: &Shape) -> String {
    let docs = member
        .traits
        .documentation
        .as_ref()
        .or(target.traits.documentation.as_ref());
    docs.map(|d| to_markdown(d)).unwrap_or_default()
}
