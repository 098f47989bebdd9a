//! Restricting a diff to the closure of chosen operations (what a generated crate sees).

use super::DiffError;
use crate::model::{Model, ShapeId};
use std::collections::BTreeSet;

/// A set of operations of one service, as a generated crate selects them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// The service; `None` means the model's only service.
    pub service: Option<ShapeId>,
    /// Operation names (or full ids); `*` alone means every operation of the service.
    pub operations: Vec<String>,
}

impl Scope {
    /// Every operation of the model's only service.
    pub fn all_operations() -> Scope {
        Scope {
            service: None,
            operations: vec!["*".to_owned()],
        }
    }

    /// The named operations of the model's only service.
    pub fn operations<I, S>(names: I) -> Scope
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Scope {
            service: None,
            operations: names
                .into_iter()
                .map(|n| n.as_ref().trim().to_owned())
                .filter(|n| !n.is_empty())
                .collect(),
        }
    }

    fn is_everything(&self) -> bool {
        self.operations.iter().any(|n| n == "*")
    }
}

/// The service a scope refers to in `model`, if the model has it.
pub(crate) fn service_of(model: &Model, scope: &Scope) -> Result<Option<ShapeId>, DiffError> {
    if let Some(id) = &scope.service {
        return Ok(model.shape(id).map(|_| id.clone()));
    }
    let services: Vec<ShapeId> = model.services().map(|(s, _)| s.id.clone()).collect();
    match services.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        many => Err(DiffError::new(format!(
            "the model defines {} services ({}); name one in the scope",
            many.len(),
            many.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The operation ids of `scope` that exist in `model` (names missing there are skipped: an
/// operation may be new or removed).
pub(crate) fn operations_in(model: &Model, scope: &Scope) -> Result<Vec<ShapeId>, DiffError> {
    let Some(service) = service_of(model, scope)? else {
        return Ok(Vec::new());
    };
    let bound = model
        .operation_ids(&service)
        .map_err(|e| DiffError::new(e.to_string()))?;
    if scope.is_everything() {
        return Ok(bound);
    }
    Ok(bound
        .into_iter()
        .filter(|id| {
            scope
                .operations
                .iter()
                .any(|n| n == id.name() || *n == id.to_string())
        })
        .collect())
}

/// The non-prelude shapes the scopes reach, in each model (services included).
#[derive(Debug, Clone, Default)]
pub(crate) struct Reach {
    pub old: BTreeSet<ShapeId>,
    pub new: BTreeSet<ShapeId>,
}

impl Reach {
    pub fn contains(&self, id: &ShapeId) -> bool {
        self.old.contains(id) || self.new.contains(id)
    }
}

/// What the scopes reach; `None` when no scope is given. An operation named in a scope but
/// found in neither model is an error.
pub(crate) fn resolve(
    old: &Model,
    new: &Model,
    scopes: &[Scope],
) -> Result<Option<Reach>, DiffError> {
    if scopes.is_empty() {
        return Ok(None);
    }
    let mut reach = Reach::default();
    for scope in scopes {
        let mut found: BTreeSet<String> = BTreeSet::new();
        for (model, reached) in [(old, &mut reach.old), (new, &mut reach.new)] {
            let Some(service) = service_of(model, scope)? else {
                continue;
            };
            let operations = operations_in(model, scope)?;
            found.extend(operations.iter().map(|id| id.name().to_owned()));
            let closure = model
                .service_closure(&service, &operations)
                .map_err(|e| DiffError::new(e.to_string()))?;
            reached.extend(closure.without_prelude().cloned());
            reached.insert(service);
        }
        if !scope.is_everything() {
            let missing: Vec<&String> = scope
                .operations
                .iter()
                .filter(|n| {
                    let name = n.rsplit('#').next().unwrap_or(n);
                    !found.contains(name)
                })
                .collect();
            if !missing.is_empty() {
                return Err(DiffError::new(format!(
                    "operation(s) {} found in neither model",
                    missing
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        }
    }
    Ok(Some(reach))
}
