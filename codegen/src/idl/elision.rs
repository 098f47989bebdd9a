//! Elided member targets (`$name`): filled in from the resource a shape is bound to with
//! `for` (its identifiers, then its properties) or from a mixin's member of that name, across
//! every file. A member elided only to repeat a mixin's member is that inherited member: it is
//! dropped, and traits written on it become an `apply` to it, as Smithy writes it in JSON.
//! Implicit enum values of members a mixin already defines are dropped here too.

use super::error::IdlError;
use super::resolve::Known;
use super::{Elided, ResolvedFile};
use crate::ast;
use serde_json::{Map, Value};

/// Fills in elided member targets (`$name`) from the bound resource's identifiers and
/// properties, else from the members of the mixins, across every file.
pub(super) fn fill_elided(
    files: &mut [ResolvedFile],
    known: &Known<'_>,
) -> std::result::Result<(), IdlError> {
    // Repeated so that a mixin whose own members are elided is filled first.
    loop {
        let mut progress = false;
        let mut pending = Vec::new();
        for (index, file) in files.iter_mut().enumerate() {
            for elided in std::mem::take(&mut file.elided) {
                pending.push((index, elided));
            }
        }
        if pending.is_empty() {
            return Ok(());
        }
        let mut unresolved = Vec::new();
        for (index, elided) in pending {
            if elided.enum_value {
                let inherited = elided
                    .mixins
                    .iter()
                    .any(|mixin| member_target(files, known, mixin, &elided.member, 0).is_some());
                if let (Some(file), true) = (files.get_mut(index), inherited) {
                    drop_implicit_enum_value(file, &elided.shape, &elided.member);
                }
                progress = true;
                continue;
            }
            let lookup = |shape_id: &str| find_shape(files, known, shape_id);
            let mut target = None;
            if let Some(resource) = &elided.resource {
                match lookup(resource) {
                    Some(ast::Shape::Resource(r)) => {
                        target = r
                            .identifiers
                            .get(&elided.member)
                            .or_else(|| r.properties.get(&elided.member))
                            .map(|r| r.target.clone());
                    }
                    Some(other) => {
                        let found = other.type_name();
                        return Err(error_at(
                            files,
                            index,
                            &elided,
                            format!(
                                "The target of the `for` production must be a resource shape, \
                                 but found a {found} shape: {resource}"
                            ),
                        ));
                    }
                    None => {}
                }
            }
            // A member a mixin already has is that inherited member.
            let inherited = elided
                .mixins
                .iter()
                .find_map(|mixin| member_target(files, known, mixin, &elided.member, 0));
            let from_mixin = inherited.is_some();
            if let (Some(own), Some(mixin)) = (&target, &inherited) {
                if own != mixin {
                    let member = format!("{}${}", elided.shape, elided.member);
                    return Err(error_at(
                        files,
                        index,
                        &elided,
                        format!(
                            "{member}: Member conflicts with an inherited mixin member: the \
                             resource gives `{own}`, a mixin `{mixin}`"
                        ),
                    ));
                }
            }
            if inherited.is_some() {
                target = inherited;
            }
            match target {
                Some(target) if !target.is_empty() => {
                    if let Some(file) = files.get_mut(index) {
                        // A member elided only to repeat a mixin's member is the mixin's.
                        let from_resource = elided.resource.is_some() && !from_mixin;
                        set_target(file, &elided.shape, &elided.member, target, from_resource);
                        progress = true;
                    }
                }
                _ => unresolved.push((index, elided)),
            }
        }
        if !progress {
            let Some((index, elided)) = unresolved.into_iter().next() else {
                return Ok(());
            };
            let file = files.get(index).map_or("", |f| f.name.as_str());
            return Err(IdlError::new(
                file,
                elided.pos.line,
                elided.pos.column,
                format!(
                    "{}${}: Member target was elided, but no bound resource or mixin contained \
                     a matching identifier or member name.",
                    elided.shape, elided.member
                ),
            ));
        }
        for (index, elided) in unresolved {
            if let Some(file) = files.get_mut(index) {
                file.elided.push(elided);
            }
        }
    }
}

/// An error at an elided member of file `index`.
fn error_at(files: &[ResolvedFile], index: usize, elided: &Elided, message: String) -> IdlError {
    let file = files.get(index).map_or("", |f| f.name.as_str());
    IdlError::new(file, elided.pos.line, elided.pos.column, message)
}

fn find_shape<'s>(
    files: &'s [ResolvedFile],
    known: &'s Known<'_>,
    id: &str,
) -> Option<&'s ast::Shape> {
    files
        .iter()
        .find_map(|f| {
            f.document
                .shapes
                .get(id)
                .filter(|s| !matches!(s, ast::Shape::Apply(_)))
        })
        .or_else(|| {
            known.json_documents().iter().find_map(|(_, d)| {
                d.shapes
                    .get(id)
                    .filter(|s| !matches!(s, ast::Shape::Apply(_)))
            })
        })
}

/// The target of member `name` of `shape` or of its mixins (an empty string while elided).
fn member_target(
    files: &[ResolvedFile],
    known: &Known<'_>,
    shape: &str,
    name: &str,
    depth: usize,
) -> Option<String> {
    if depth > 32 {
        return None;
    }
    let found = find_shape(files, known, shape)?;
    let (own, mixins) = match found {
        ast::Shape::Structure(s)
        | ast::Shape::Union(s)
        | ast::Shape::Enum(s)
        | ast::Shape::IntEnum(s) => (s.members.get(name).map(|m| m.target.clone()), &s.mixins),
        ast::Shape::List(s) | ast::Shape::Set(s) => (
            s.member
                .as_ref()
                .filter(|_| name == "member")
                .map(|m| m.target.clone()),
            &s.mixins,
        ),
        ast::Shape::Map(s) => {
            let member = match name {
                "key" => s.key.as_ref(),
                "value" => s.value.as_ref(),
                _ => None,
            };
            (member.map(|m| m.target.clone()), &s.mixins)
        }
        _ => return None,
    };
    own.filter(|t| !t.is_empty()).or_else(|| {
        mixins
            .iter()
            .find_map(|m| member_target(files, known, &m.target, name, depth + 1))
    })
}

fn drop_implicit_enum_value(file: &mut ResolvedFile, shape: &str, member: &str) {
    if let Some(ast::Shape::Enum(s)) = file.document.shapes.get_mut(shape) {
        if let Some(m) = s.members.get_mut(member) {
            if m.traits.get("smithy.api#enumValue") == Some(&Value::String(member.to_owned())) {
                m.traits.shift_remove("smithy.api#enumValue");
            }
        }
    }
}

fn set_target(file: &mut ResolvedFile, shape: &str, member: &str, target: String, keep: bool) {
    let Some(found) = file.document.shapes.get_mut(shape) else {
        return;
    };
    if !keep {
        // A member elided only to repeat a mixin's member is the mixin's; traits written on
        // it are applied to the inherited member, which is how Smithy writes it in JSON.
        let removed = match found {
            ast::Shape::Structure(s) | ast::Shape::Union(s) => s.members.shift_remove(member),
            ast::Shape::List(s) | ast::Shape::Set(s) if member == "member" => s.member.take(),
            ast::Shape::Map(s) if member == "key" => s.key.take(),
            ast::Shape::Map(s) if member == "value" => s.value.take(),
            _ => None,
        };
        if let Some(removed) = removed {
            if !removed.traits.is_empty() {
                file.document.shapes.insert(
                    format!("{shape}${member}"),
                    ast::Shape::Apply(ast::ApplyShape {
                        traits: removed.traits,
                        extra: Map::new(),
                    }),
                );
            }
            return;
        }
    }
    let slot = match found {
        ast::Shape::Structure(s) | ast::Shape::Union(s) => s.members.get_mut(member),
        ast::Shape::List(s) | ast::Shape::Set(s) if member == "member" => s.member.as_mut(),
        ast::Shape::Map(s) if member == "key" => s.key.as_mut(),
        ast::Shape::Map(s) if member == "value" => s.value.as_mut(),
        _ => None,
    };
    if let Some(slot) = slot {
        slot.target = target;
    }
}
