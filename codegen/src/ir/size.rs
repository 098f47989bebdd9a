//! Keeps unions small: a union is as large as its largest member, so one member holding a big
//! structure makes every value of the union big (clippy's `large_enum_variant`). Members whose
//! payload may take [`BOX_FROM`] bytes or more are boxed.
//!
//! Sizes here are upper bounds, never exact: every field is rounded up to 8 bytes and every
//! `Option` counted as 8 more. After boxing, every unboxed member is smaller than `BOX_FROM`
//! bytes for sure, so no two members differ by the 200 bytes clippy warns about.

use super::{NamedKind, RustType, TypeIr};
use crate::model::ShapeId;
use std::collections::{BTreeMap, BTreeSet};

/// Payloads at least this large (upper bound, in bytes) are boxed in unions.
pub const BOX_FROM: usize = 128;

/// Marks large union payloads as boxed.
pub fn box_large_union_members(types: &mut BTreeMap<ShapeId, TypeIr>) {
    let mut to_box: Vec<(ShapeId, usize)> = Vec::new();
    for (id, ty) in types.iter() {
        let TypeIr::Union(union) = ty else {
            continue;
        };
        for (index, variant) in union.variants.iter().enumerate() {
            let Some(payload) = &variant.ty else {
                continue;
            };
            if !variant.boxed && upper_bound(payload, types, &mut BTreeSet::new()) >= BOX_FROM {
                to_box.push((id.clone(), index));
            }
        }
    }
    for (id, index) in to_box {
        if let Some(TypeIr::Union(union)) = types.get_mut(&id) {
            union.variants[index].boxed = true;
        }
    }
}

/// An upper bound of `size_of` for a value of `ty`; `open` holds the structures being
/// measured (a cycle goes through a `Box`, counted as a pointer).
fn upper_bound(
    ty: &RustType,
    types: &BTreeMap<ShapeId, TypeIr>,
    open: &mut BTreeSet<ShapeId>,
) -> usize {
    match ty {
        RustType::Bool | RustType::I8 | RustType::I16 | RustType::I32 | RustType::F32 => 8,
        RustType::I64 | RustType::F64 => 8,
        RustType::String | RustType::BigNumber | RustType::Blob | RustType::List { .. } => 24,
        RustType::Timestamp(_) => 16,
        RustType::Document => 32,
        RustType::Map { .. } => 48,
        RustType::Named { kind, id, .. } => match kind {
            NamedKind::Enum => 32,
            NamedKind::IntEnum => 8,
            NamedKind::Struct | NamedKind::Union => {
                if !open.insert(id.clone()) {
                    return 8;
                }
                let size = match types.get(id) {
                    Some(TypeIr::Struct(s)) => s
                        .fields
                        .iter()
                        .map(|f| field_bound(&f.ty, f.boxed, f.optional, types, open))
                        .sum(),
                    Some(TypeIr::Union(u)) => {
                        8 + u
                            .variants
                            .iter()
                            .filter_map(|v| {
                                let ty = v.ty.as_ref()?;
                                Some(field_bound(ty, v.boxed, false, types, open))
                            })
                            .max()
                            .unwrap_or(24)
                            .max(24)
                    }
                    _ => 8,
                };
                open.remove(id);
                size
            }
        },
    }
}

fn field_bound(
    ty: &RustType,
    boxed: bool,
    optional: bool,
    types: &BTreeMap<ShapeId, TypeIr>,
    open: &mut BTreeSet<ShapeId>,
) -> usize {
    let inner = if boxed {
        8
    } else {
        upper_bound(ty, types, open)
    };
    let rounded = inner.div_ceil(8) * 8;
    if optional {
        rounded + 8
    } else {
        rounded
    }
}
