//! `@paginated` → [`PaginationIr`]: the member names of the trait resolved to fields of the
//! lowered input and output, following dotted output paths (`Result.NextToken`) through nested
//! structures.
//!
//! A trait that names a member which does not exist, or one of the wrong type, is a model error
//! reported with the operation's id, never a paginator silently left out. Tokens may be strings,
//! maps (DynamoDB's `ExclusiveStartKey`) or structures, the same type in input and output. An operation whose
//! (service-merged) trait lacks either token is not paginated.

use super::lower::LowerError;
use super::{
    NamedKind, OperationIr, PageSizeIr, PaginationIr, PaginationItems, PathStep, RustType,
    StructIr, TypeIr,
};
use crate::model::{Model, ShapeId};
use std::collections::BTreeMap;

/// The pagination of `op`, or `None` when it is not (fully) paginated.
pub(super) fn resolve(
    model: &Model,
    op: &OperationIr,
    types: &BTreeMap<ShapeId, TypeIr>,
) -> Result<Option<PaginationIr>, LowerError> {
    let Some(trait_value) = model
        .shape(&op.id)
        .and_then(|shape| shape.traits.paginated.as_ref())
    else {
        return Ok(None);
    };
    let (Some(input_token), Some(output_token)) = (
        trait_value.input_token.as_deref(),
        trait_value.output_token.as_deref(),
    ) else {
        return Ok(None);
    };
    let fail = |message: String| super::lower::error(&op.id, format!("@paginated: {message}"));

    let (input_token, token) = top_level(&op.input, input_token).map_err(&fail)?;
    if !is_token_type(&token) {
        return Err(fail(format!(
            "the input token `{}` must target a string, a map or a structure",
            input_token.member
        )));
    }
    let (output_token, output_ty) = path(&op.output, output_token, types).map_err(&fail)?;
    if !same_type(&output_ty, &token) {
        return Err(fail(format!(
            "the output token `{}` must have the type of the input token `{}`",
            trait_value.output_token.as_deref().unwrap_or_default(),
            input_token.member
        )));
    }
    let items = match trait_value.items.as_deref() {
        None => None,
        Some(items) => {
            let (steps, ty) = path(&op.output, items, types).map_err(&fail)?;
            match ty {
                RustType::List { item, sparse, .. } => Some(PaginationItems {
                    path: steps,
                    item: *item,
                    sparse,
                }),
                // Items that are a map are left to `pages()`: there is no single item type.
                RustType::Map { .. } => None,
                _ => {
                    return Err(fail(format!(
                        "the items member `{items}` must target a list or a map"
                    )))
                }
            }
        }
    };
    let page_size = match trait_value.page_size.as_deref() {
        None => None,
        Some(size) => {
            let (field, ty) = top_level(&op.input, size).map_err(&fail)?;
            if !matches!(
                ty,
                RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64
            ) {
                return Err(fail(format!(
                    "the page size `{size}` must target an integer type"
                )));
            }
            Some(PageSizeIr { field, ty })
        }
    };
    Ok(Some(PaginationIr {
        input_token,
        output_token,
        token,
        items,
        page_size,
    }))
}

/// Token types the Smithy spec allows: strings, maps and structures.
fn is_token_type(ty: &RustType) -> bool {
    matches!(
        ty,
        RustType::String
            | RustType::Map { .. }
            | RustType::Named {
                kind: NamedKind::Struct,
                ..
            }
    )
}

/// Whether two types are the same Rust type (constraints and sensitivity aside).
fn same_type(a: &RustType, b: &RustType) -> bool {
    match (a, b) {
        (
            RustType::List {
                item: a,
                sparse: sa,
                ..
            },
            RustType::List {
                item: b,
                sparse: sb,
                ..
            },
        ) => sa == sb && same_type(a, b),
        (
            RustType::Map {
                value: a,
                sparse: sa,
                ..
            },
            RustType::Map {
                value: b,
                sparse: sb,
                ..
            },
        ) => sa == sb && same_type(a, b),
        (a, b) => a == b,
    }
}

/// A member of `s` by name.
fn top_level(s: &StructIr, member: &str) -> Result<(PathStep, RustType), String> {
    let field = s
        .fields
        .iter()
        .find(|f| f.member == member)
        .ok_or_else(|| {
            format!(
                "`{}` has no member `{member}` (members: {})",
                s.id,
                s.fields
                    .iter()
                    .map(|f| f.member.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?;
    let step = PathStep {
        member: field.member.clone(),
        ident: field.ident.clone(),
        optional: field.optional,
        boxed: field.boxed,
    };
    Ok((step, field.ty.clone()))
}

/// A dotted path of members starting at `s`; every step but the last must be a structure.
fn path(
    s: &StructIr,
    dotted: &str,
    types: &BTreeMap<ShapeId, TypeIr>,
) -> Result<(Vec<PathStep>, RustType), String> {
    let mut steps = Vec::new();
    let mut current = s;
    let mut segments = dotted.split('.').peekable();
    while let Some(segment) = segments.next() {
        let (step, ty) = top_level(current, segment)?;
        steps.push(step);
        if segments.peek().is_none() {
            return Ok((steps, ty));
        }
        current = match &ty {
            RustType::Named {
                id,
                kind: NamedKind::Struct,
                ..
            } => match types.get(id) {
                Some(TypeIr::Struct(nested)) => nested,
                _ => {
                    return Err(format!(
                    "the path `{dotted}` goes through `{id}`, which is not a generated structure"
                ))
                }
            },
            _ => {
                return Err(format!(
                    "the path `{dotted}` continues after `{segment}`, which is not a structure"
                ))
            }
        };
    }
    Err(format!("the path `{dotted}` is empty"))
}
