//! The Rust-API column: what each change means for users of the generated crate.
//!
//! Both models are lowered with the generator's own IR (`crate::ir::lower`) for the operations
//! in scope, so the notes follow the generator's real rules — which members are `Option`,
//! which must be set before `build()`, how types, variants and methods are named — rather
//! than a second reading of the Smithy traits. Models the generator cannot lower (no service,
//! a protocol it does not speak) simply get no Rust column.

use super::scope::{operations_in, service_of, Scope};
use super::{Change, Context, Event};
use crate::ir::{
    lower, EnumIr, FieldIr, NamedKind, OperationIr, RustType, StructIr, StructRole, TypeIr, UnionIr,
};
use crate::model::{Model, ShapeId};
use std::collections::BTreeMap;

/// The generated items of one model, by shape id.
#[derive(Default)]
struct RustView {
    structs: BTreeMap<ShapeId, StructIr>,
    enums: BTreeMap<ShapeId, EnumIr>,
    unions: BTreeMap<ShapeId, UnionIr>,
    operations: BTreeMap<ShapeId, OperationIr>,
}

impl RustView {
    fn build(model: &Model, scopes: &[Scope]) -> RustView {
        let mut view = RustView::default();
        let everything = [Scope::all_operations()];
        let scopes = if scopes.is_empty() {
            &everything[..]
        } else {
            scopes
        };
        for scope in scopes {
            let Ok(Some(service)) = service_of(model, scope) else {
                continue;
            };
            let Ok(operations) = operations_in(model, scope) else {
                continue;
            };
            let Ok(ir) = lower(model, &service, &operations, "generated") else {
                continue;
            };
            for operation in ir.operations {
                view.structs
                    .insert(operation.input.id.clone(), operation.input.clone());
                view.structs
                    .insert(operation.output.id.clone(), operation.output.clone());
                view.operations.insert(operation.id.clone(), operation);
            }
            for (id, error) in ir.errors {
                view.structs.insert(id, error);
            }
            for (id, ty) in ir.types {
                match ty {
                    TypeIr::Struct(s) => {
                        view.structs.insert(id, s);
                    }
                    TypeIr::Union(u) => {
                        view.unions.insert(id, u);
                    }
                    TypeIr::Enum(e) | TypeIr::IntEnum(e) => {
                        view.enums.insert(id, e);
                    }
                }
            }
        }
        view
    }

    fn is_empty(&self) -> bool {
        self.structs.is_empty() && self.operations.is_empty()
    }

    fn field(&self, member: &ShapeId) -> Option<(&StructIr, &FieldIr)> {
        let name = member.member()?;
        let owner = self.structs.get(&member.without_member())?;
        let field = owner.fields.iter().find(|f| f.member == name)?;
        Some((owner, field))
    }

    /// The Rust name of a generated item for a shape, with what it is.
    fn item(&self, id: &ShapeId) -> Option<String> {
        if let Some(op) = self.operations.get(id) {
            return Some(format!("client method `{}()`", op.module));
        }
        if let Some(s) = self.structs.get(id) {
            return Some(match s.role {
                StructRole::Error { .. } => format!(
                    "error type `{}` (also a variant of the service-wide `Error`)",
                    s.name
                ),
                _ => format!("type `{}`", s.name),
            });
        }
        if let Some(e) = self.enums.get(id) {
            return Some(format!("enum `{}`", e.name));
        }
        self.unions.get(id).map(|u| format!("union `{}`", u.name))
    }
}

/// Fills [`Event::rust`] where a change touches a generated crate.
pub(super) fn annotate(cx: &Context<'_>, scopes: &[Scope], events: &mut [Event]) {
    let old = RustView::build(cx.old, scopes);
    let new = RustView::build(cx.new, scopes);
    if old.is_empty() && new.is_empty() {
        return;
    }
    for event in events.iter_mut() {
        event.rust = impact(&old, &new, cx.new, event);
    }
}

fn impact(old: &RustView, new: &RustView, model: &Model, event: &Event) -> Option<String> {
    let id = &event.shape;
    match &event.change {
        Change::ShapeAdded => new.item(id).map(|item| format!("new {item}")),
        Change::ShapeRemoved => old
            .item(id)
            .map(|item| format!("{item} is gone: code using it stops compiling")),
        Change::ShapeTypeChanged { .. } => old.item(id).map(|item| {
            format!(
                "{item} becomes {}: code using it stops compiling",
                new.item(id).unwrap_or_else(|| "another kind of type".to_owned())
            )
        }),
        Change::MemberAdded => member_added(new, id),
        Change::MemberRemoved => member_removed(old, id),
        Change::MemberTargetChanged => {
            let (_, before) = old.field(id)?;
            let (owner, after) = new.field(id)?;
            (before.ty != after.ty).then(|| {
                format!(
                    "field `{}` of `{}` changes type from `{}` to `{}`: code reading or setting it stops compiling",
                    after.ident,
                    owner.name,
                    show(&before.ty),
                    show(&after.ty)
                )
            })
        }
        Change::MemberOrderChanged => new.structs.get(id).map(|s| {
            format!(
                "fields of `{}` are reordered: `new()` arguments (required members) may change order",
                s.name
            )
        }),
        Change::NullabilityChanged | Change::DefaultChanged => optionality(old, new, id),
        Change::ConstraintTightened { .. } => constrained(new, model, id).map(|what| {
            format!("client-side validation of {what} rejects values the old model accepted (before anything is sent)")
        }),
        Change::TraitChanged { trait_id } => trait_impact(old, new, model, id, trait_id),
        Change::EnumValueAdded { value } => {
            let e = new.enums.get(id)?;
            let variant = e.values.iter().find(|v| wire(e, v) == *value)?;
            Some(format!(
                "new variant `{}::{}`; `{value}` used to arrive as `{}::Unknown`, so code matching that catch-all for it needs updating (the enum is `#[non_exhaustive]`, so matches still compile)",
                e.name, variant.ident, e.name
            ))
        }
        Change::EnumValueRemoved { value } => {
            let e = old.enums.get(id)?;
            let variant = e.values.iter().find(|v| wire(e, v) == *value)?;
            Some(format!(
                "variant `{}::{}` is gone: code naming it stops compiling; `{value}` from the service now parses as `{}::Unknown`",
                e.name, variant.ident, e.name
            ))
        }
        Change::EnumValueRenamed { value } => {
            let (before, after) = (old.enums.get(id)?, new.enums.get(id)?);
            let a = before.values.iter().find(|v| wire(before, v) == *value)?;
            let b = after.values.iter().find(|v| wire(after, v) == *value)?;
            (a.ident != b.ident).then(|| {
                format!(
                    "variant `{}::{}` is renamed `{}`: code naming it stops compiling",
                    after.name, a.ident, b.ident
                )
            })
        }
        Change::ErrorAdded { operation, error } => {
            let lines = variants_only_in(new, old, model, operation, error);
            Some(if lines.is_empty() {
                "no change to the error enums: the operations already listed this error".to_owned()
            } else {
                format!(
                    "new variant {}: it used to arrive as `Unhandled`, so code that recognised it there needs updating (error enums are `#[non_exhaustive]`, so matches still compile)",
                    lines.join(", ")
                )
            })
        }
        Change::ErrorRemoved { operation, error } => {
            let lines = variants_only_in(old, new, model, operation, error);
            Some(if lines.is_empty() {
                "no change to the error enums: the operations still list this error".to_owned()
            } else {
                format!(
                    "variant {} is gone: code matching it stops compiling; the error, if still sent, arrives as `Unhandled`",
                    lines.join(", ")
                )
            })
        }
        Change::OperationBound { operation } => new
            .operations
            .get(operation)
            .filter(|_| !old.operations.contains_key(operation))
            .map(|op| {
                format!(
                    "new client method `{}()` and module `operation::{}`",
                    op.module, op.module
                )
            }),
        Change::OperationUnbound { operation } => old
            .operations
            .get(operation)
            .filter(|_| !new.operations.contains_key(operation))
            .map(|op| {
                format!(
                    "client method `{}()` and module `operation::{}` are gone: code calling them stops compiling",
                    op.module, op.module
                )
            }),
        Change::OperationIoChanged => {
            let (a, b) = (old.operations.get(id)?, new.operations.get(id)?);
            Some(format!(
                "`{}` and `{}` now follow other structures: their fields change (see the member events)",
                b.input.name, b.output.name
            ))
            .filter(|_| a.input.fields.len() + a.output.fields.len() > 0 || b.input.fields.len() + b.output.fields.len() > 0)
        }
        Change::AuthChanged { old: before, new: after } => {
            let op = new.operations.get(id)?;
            Some(match (before.is_empty(), after.is_empty()) {
                (true, false) => format!(
                    "`{}()` requests are now signed: the `Config` needs credentials, or calls fail",
                    op.module
                ),
                (false, true) => format!(
                    "`{}()` requests now go out unsigned (no credentials needed)",
                    op.module
                ),
                _ => format!("`{}()` is authenticated differently", op.module),
            })
        }
        Change::EndpointRulesChanged => Some(
            "the embedded endpoint rule set changes: endpoint resolution (and its `Config` inputs) may differ; no type changes".to_owned(),
        ),
        Change::ShapeRenamed { shape } => {
            let (before, after) = (old.item(shape)?, new.item(shape)?);
            (before != after).then(|| {
                format!("{before} is now {after}: code naming it stops compiling")
            })
        }
        Change::ResourceBindingChanged => None,
    }
}

/// `Enum::Variant` for each reached operation whose error enum in `view` has a variant for
/// `error` that the same operation's enum in `other` lacks.
fn variants_only_in(
    view: &RustView,
    other: &RustView,
    model: &Model,
    target: &ShapeId,
    error: &ShapeId,
) -> Vec<String> {
    operations_reached(view, model, target)
        .filter_map(|op| {
            let variant = &op.errors.iter().find(|e| &e.shape == error)?.variant;
            let elsewhere = other
                .operations
                .get(&op.id)
                .is_some_and(|o| o.errors.iter().any(|e| &e.shape == error));
            (!elsewhere).then(|| format!("`{}::{variant}`", op.error_enum))
        })
        .collect()
}

/// Operations an error change on `target` reaches: the operation itself, or every
/// operation of a service.
fn operations_reached<'v>(
    view: &'v RustView,
    model: &Model,
    target: &'v ShapeId,
) -> impl Iterator<Item = &'v OperationIr> {
    let service = matches!(
        model.shape(target).map(|s| &s.kind),
        Some(crate::model::ShapeKind::Service(_))
    );
    view.operations
        .values()
        .filter(move |op| service || op.id == *target)
}

fn wire(e: &EnumIr, v: &crate::ir::EnumValueIr) -> String {
    if e.values.iter().all(|x| x.string.is_empty()) {
        v.int.to_string()
    } else {
        v.string.clone()
    }
}

fn must_set(f: &FieldIr) -> bool {
    !f.optional && f.default.is_none()
}

fn member_added(new: &RustView, id: &ShapeId) -> Option<String> {
    if let Some(union) = new.unions.get(&id.without_member()) {
        let variant = union
            .variants
            .iter()
            .find(|v| Some(v.member.as_str()) == id.member())?;
        return Some(format!(
            "new variant `{}::{}`; it used to arrive as `{}::Unknown` (the union is `#[non_exhaustive]`, so matches still compile)",
            union.name, variant.ident, union.name
        ));
    }
    let (owner, field) = new.field(id)?;
    let accessor = format!("`{}::{}()`", owner.name, field.ident);
    Some(match owner.role {
        StructRole::Input | StructRole::Data if must_set(field) => format!(
            "builder `build()` of `{}` gains a required member `{}`: code that does not set it now gets a `BuildError`; `{}::new` takes it as a new argument",
            owner.name, field.ident, owner.name
        ),
        StructRole::Input | StructRole::Data if field.optional => format!(
            "new optional field: accessor {accessor} and builder setter `{}()`; existing code compiles unchanged",
            field.ident
        ),
        StructRole::Input | StructRole::Data => format!(
            "new field with a default: accessor {accessor} returning `{}` and builder setter `{}()`; existing code compiles unchanged",
            shown_field(field),
            field.ident
        ),
        _ => format!("new accessor {accessor} returning `{}`", shown_field(field)),
    })
}

fn member_removed(old: &RustView, id: &ShapeId) -> Option<String> {
    if let Some(union) = old.unions.get(&id.without_member()) {
        let variant = union
            .variants
            .iter()
            .find(|v| Some(v.member.as_str()) == id.member())?;
        return Some(format!(
            "variant `{}::{}` is gone: code naming it stops compiling",
            union.name, variant.ident
        ));
    }
    let (owner, field) = old.field(id)?;
    Some(format!(
        "field `{}` of `{}` is gone (accessor and builder setters too): code using it stops compiling",
        field.ident, owner.name
    ))
}

/// Compares how the generator treats a member in both versions.
fn optionality(old: &RustView, new: &RustView, id: &ShapeId) -> Option<String> {
    let (_, before) = old.field(id)?;
    let (owner, after) = new.field(id)?;
    let field = &after.ident;
    let name = &owner.name;
    let builder_side = matches!(owner.role, StructRole::Input | StructRole::Data);
    match (before.optional, after.optional) {
        (false, true) => Some(format!(
            "field `{field}` of `{name}` becomes `{}`: accessor `{field}()` returns an `Option`{}; code reading it stops compiling",
            shown_field(after),
            if builder_side && must_set(before) {
                format!(", and `{name}::new` loses the argument")
            } else {
                String::new()
            }
        )),
        (true, false) if builder_side && must_set(after) => Some(format!(
            "builder `build()` of `{name}` gains a required member `{field}` (no longer an `Option`): code that does not set it gets a `BuildError`, code reading it as an `Option` stops compiling"
        )),
        (true, false) => Some(format!(
            "field `{field}` of `{name}` is no longer an `Option`: accessor `{field}()` returns `{}`; code reading it as an `Option` stops compiling",
            shown_field(after)
        )),
        _ if before.default != after.default => Some(format!(
            "the value `{name}::{field}` takes when unset changes (its `@default`)"
        )),
        _ => Some(format!(
            "no change to `{name}::{field}` (the generator's rules keep it {})",
            if after.optional { "an `Option`" } else { "a plain value" }
        )),
    }
}

/// The fields a constraint on `id` applies to: the member's own field, or every field whose
/// member targets the simple shape `id`.
fn constrained(view: &RustView, model: &Model, id: &ShapeId) -> Option<String> {
    if id.member().is_some() {
        let (owner, field) = view.field(id)?;
        return Some(format!("`{}::{}`", owner.name, field.ident));
    }
    let users: Vec<String> = view
        .structs
        .values()
        .filter_map(|s| model.shape(&s.id).map(|shape| (s, shape)))
        .flat_map(|(s, shape)| {
            shape
                .members()
                .into_iter()
                .filter(|m| m.target == *id)
                .filter_map(|m| s.fields.iter().find(|f| f.member == m.name))
                .map(move |f| format!("`{}::{}`", s.name, f.ident))
        })
        .collect();
    (!users.is_empty()).then(|| users.join(", "))
}

fn trait_impact(
    old: &RustView,
    new: &RustView,
    model: &Model,
    id: &ShapeId,
    trait_id: &ShapeId,
) -> Option<String> {
    let name = trait_id.to_string();
    let subject = || -> Option<String> {
        if id.member().is_some() {
            new.field(id)
                .or_else(|| old.field(id))
                .map(|(s, f)| format!("`{}::{}`", s.name, f.ident))
        } else {
            new.item(id)
                .or_else(|| old.item(id))
                .or_else(|| constrained(new, model, id))
        }
    };
    match name.as_str() {
        "smithy.api#jsonName" => Some(format!(
            "the JSON key of {} changes on the wire; the Rust API is unchanged, but crates generated from the old model send and read the old key",
            subject()?
        )),
        "smithy.api#timestampFormat" => Some(format!(
            "{} is (de)serialized in another timestamp format; its Rust type stays `DateTime`",
            subject()?
        )),
        "smithy.api#pattern" => Some(format!(
            "client-side validation of {} checks a different pattern",
            subject()?
        )),
        "smithy.api#sensitive" => Some(format!(
            "whether {} is redacted in `Debug` output changes",
            subject()?
        )),
        "smithy.api#deprecated" => Some(format!(
            "`#[deprecated]` on {} changes (use sites warn, or stop warning)",
            subject()?
        )),
        "smithy.api#httpError" | "smithy.api#error" => Some(format!(
            "the HTTP status or fault reported by {} changes",
            subject()?
        )),
        "smithy.api#paginated" => {
            let (a, b) = (old.operations.get(id)?, new.operations.get(id)?);
            Some(match (&a.pagination, &b.pagination) {
                (None, Some(_)) => format!("`{}()` gains `into_paginator()`", b.module),
                (Some(_), None) => format!(
                    "`into_paginator()` of `{}()` is gone: code using it stops compiling",
                    b.module
                ),
                _ => format!(
                    "the paginator of `{}()` follows other tokens or items; its item type may change",
                    b.module
                ),
            })
        }
        "smithy.rules#endpointRuleSet" => Some(
            "the embedded endpoint rule set changes: endpoints may resolve differently; no type changes".to_owned(),
        ),
        "smithy.api#idempotencyToken" => Some(format!(
            "whether {} is filled automatically when unset changes",
            subject()?
        )),
        _ => None,
    }
}

fn shown_field(field: &FieldIr) -> String {
    if field.optional {
        format!("Option<{}>", show(&field.ty))
    } else {
        show(&field.ty)
    }
}

/// A Rust type as users write it.
fn show(ty: &RustType) -> String {
    match ty {
        RustType::String => "String".to_owned(),
        RustType::Bool => "bool".to_owned(),
        RustType::I8 => "i8".to_owned(),
        RustType::I16 => "i16".to_owned(),
        RustType::I32 => "i32".to_owned(),
        RustType::I64 => "i64".to_owned(),
        RustType::F32 => "f32".to_owned(),
        RustType::F64 => "f64".to_owned(),
        RustType::BigNumber => "String".to_owned(),
        RustType::Blob => "Blob".to_owned(),
        RustType::ByteStream => "ByteStream".to_owned(),
        RustType::Timestamp(_) => "DateTime".to_owned(),
        RustType::Document => "Document".to_owned(),
        RustType::Named { name, kind, .. } => match kind {
            NamedKind::Struct | NamedKind::Union | NamedKind::Enum | NamedKind::IntEnum => {
                name.clone()
            }
        },
        RustType::List { item, sparse, .. } => {
            if *sparse {
                format!("Vec<Option<{}>>", show(item))
            } else {
                format!("Vec<{}>", show(item))
            }
        }
        RustType::Map { value, sparse, .. } => {
            if *sparse {
                format!("HashMap<String, Option<{}>>", show(value))
            } else {
                format!("HashMap<String, {}>", show(value))
            }
        }
    }
}
