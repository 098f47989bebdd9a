//! Walking the model: the closure of shapes reachable from chosen roots, with typed edges,
//! and service-level lookups (operations, errors).

use super::error::close_matches;
use super::{LoadError, LoadErrorKind, Model, Service, Shape, ShapeId, ShapeKind};
use std::collections::{BTreeMap, BTreeSet};

/// How one shape refers to another in a [`Closure`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Edge {
    /// Operation → its input structure.
    Input,
    /// Operation → its output structure.
    Output,
    /// Operation → an error structure (its own, or one of its service's); also service → its
    /// common errors.
    Error,
    /// Structure or union → the target of the named member.
    Member(String),
    /// List or set → the target of its `member`.
    ListMember,
    /// Map → the target of its `key`.
    MapKey,
    /// Map → the target of its `value`.
    MapValue,
    /// Service or resource → a bound operation (lifecycle operations included).
    Operation,
    /// Service or resource → a bound resource.
    Resource,
    /// Resource → the target of the named identifier.
    Identifier(String),
    /// Resource → the target of the named property.
    Property(String),
}

/// Every shape reachable from a set of roots, and the edges that reach them.
///
/// Iteration is in shape id order, so the same model and roots always give the same result.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Closure {
    shapes: BTreeSet<ShapeId>,
    edges: Vec<(ShapeId, Edge, ShapeId)>,
}

impl Closure {
    /// Every reached shape id (roots included), prelude shapes included, in id order.
    pub fn shape_ids(&self) -> impl Iterator<Item = &ShapeId> {
        self.shapes.iter()
    }

    /// Reached shape ids that are not prelude shapes (`smithy.api#Unit`, `smithy.api#String`, …).
    pub fn without_prelude(&self) -> impl Iterator<Item = &ShapeId> {
        self.shapes.iter().filter(|id| !Model::is_prelude(id))
    }

    /// The reached shapes themselves, in id order.
    pub fn shapes<'m>(&'m self, model: &'m Model) -> impl Iterator<Item = &'m Shape> {
        self.shapes.iter().filter_map(|id| model.shape(id))
    }

    /// Whether `id` was reached.
    pub fn contains(&self, id: &ShapeId) -> bool {
        self.shapes.contains(id)
    }

    /// Number of reached shapes, prelude included.
    pub fn len(&self) -> usize {
        self.shapes.len()
    }

    /// Whether nothing was reached (only possible with no roots).
    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }

    /// The edges `(from, edge, to)`, sorted and without duplicates.
    pub fn edges(&self) -> &[(ShapeId, Edge, ShapeId)] {
        &self.edges
    }

    /// The edges leaving `from`, in order.
    pub fn edges_from<'a>(
        &'a self,
        from: &'a ShapeId,
    ) -> impl Iterator<Item = (&'a Edge, &'a ShapeId)> {
        self.edges
            .iter()
            .filter(move |(f, _, _)| f == from)
            .map(|(_, edge, to)| (edge, to))
    }
}

impl Model {
    /// The closure of `roots`: operations reach their input, output and errors; services and
    /// resources their operations, resources, identifiers and properties (and a service its
    /// `errors`, as errors of each of its operations); structures and unions their member
    /// targets; lists and maps their member, key and value targets. Enum members (which all
    /// target `smithy.api#Unit`) are not followed.
    ///
    /// An unknown root is an error listing similar ids.
    pub fn closure(&self, roots: &[ShapeId]) -> Result<Closure, LoadError> {
        self.walk(roots, &BTreeMap::new())
    }

    /// The closure of some operations of `service`, each one also reaching the service's
    /// common `errors` (through [`Edge::Error`]). Fails if an operation is not bound to the
    /// service.
    pub fn service_closure(
        &self,
        service: &ShapeId,
        operations: &[ShapeId],
    ) -> Result<Closure, LoadError> {
        let bound = self.operation_ids(service)?;
        for operation in operations {
            if !bound.contains(operation) {
                return Err(self.unknown_operation(Some(service), operation.to_string(), &bound));
            }
        }
        let errors = self.service_errors(service)?;
        let extra = operations
            .iter()
            .map(|op| (op.clone(), errors.clone()))
            .collect();
        self.walk(operations, &extra)
    }

    /// Every operation of `service`, bound directly or through (nested) resources, sorted by id.
    pub fn operation_ids(&self, service: &ShapeId) -> Result<Vec<ShapeId>, LoadError> {
        let svc = self.service(service)?;
        let mut operations: BTreeSet<ShapeId> = svc.operations.iter().cloned().collect();
        let mut seen: BTreeSet<&ShapeId> = BTreeSet::new();
        let mut resources: Vec<&ShapeId> = svc.resources.iter().collect();
        while let Some(resource) = resources.pop() {
            if !seen.insert(resource) {
                continue;
            }
            if let Some(ShapeKind::Resource(res)) = self.shape(resource).map(|s| &s.kind) {
                operations.extend(res.lifecycle.values().cloned());
                operations.extend(res.operations.iter().cloned());
                operations.extend(res.collection_operations.iter().cloned());
                resources.extend(res.resources.iter());
            }
        }
        Ok(operations.into_iter().collect())
    }

    /// The operation of `service` called `name` (its shape name, or its full id). An unknown
    /// name is an error listing close matches.
    pub fn find_operation(&self, service: &ShapeId, name: &str) -> Result<ShapeId, LoadError> {
        let operations = self.operation_ids(service)?;
        let found = operations
            .iter()
            .find(|id| id.name() == name || id.to_string() == name);
        match found {
            Some(id) => Ok(id.clone()),
            None => Err(self.unknown_operation(Some(service), name.to_owned(), &operations)),
        }
    }

    /// The service's common errors (its `errors` property), in model order.
    pub fn service_errors(&self, service: &ShapeId) -> Result<Vec<ShapeId>, LoadError> {
        Ok(self.service(service)?.errors.clone())
    }

    /// The errors an operation of `service` can return: its own, then the service's, without
    /// duplicates.
    pub fn operation_errors(
        &self,
        service: &ShapeId,
        operation: &ShapeId,
    ) -> Result<Vec<ShapeId>, LoadError> {
        let mut errors = match self.shape(operation).map(|s| &s.kind) {
            Some(ShapeKind::Operation(op)) => op.errors.clone(),
            _ => {
                return Err(self.unknown_operation(
                    Some(service),
                    operation.to_string(),
                    &self.operation_ids(service)?,
                ))
            }
        };
        for error in self.service_errors(service)? {
            if !errors.contains(&error) {
                errors.push(error);
            }
        }
        Ok(errors)
    }

    fn service(&self, id: &ShapeId) -> Result<&Service, LoadError> {
        match self.shape(id).map(|s| &s.kind) {
            Some(ShapeKind::Service(service)) => Ok(service),
            Some(kind) => Err(LoadError::query(
                Some(id),
                LoadErrorKind::InvalidTarget {
                    referrer: "the service lookup".to_owned(),
                    target: id.clone(),
                    found: kind.type_name().to_owned(),
                    expected: "a service",
                },
            )),
            None => {
                let services: Vec<ShapeId> = self.services().map(|(s, _)| s.id.clone()).collect();
                Err(LoadError::query(
                    Some(id),
                    LoadErrorKind::UnknownShape {
                        target: id.clone(),
                        referrer: "the service lookup".to_owned(),
                        did_you_mean: services,
                    },
                ))
            }
        }
    }

    fn unknown_operation(
        &self,
        service: Option<&ShapeId>,
        name: String,
        known: &[ShapeId],
    ) -> LoadError {
        let wanted = name.rsplit('#').next().unwrap_or(&name).to_owned();
        let did_you_mean = close_matches(&wanted, known.iter().map(|id| id.name()));
        LoadError::query(
            service,
            LoadErrorKind::UnknownOperation {
                service: service.cloned(),
                name,
                did_you_mean,
            },
        )
    }

    /// Breadth-first walk; `extra_errors` adds error edges per operation (service errors).
    fn walk(
        &self,
        roots: &[ShapeId],
        extra_errors: &BTreeMap<ShapeId, Vec<ShapeId>>,
    ) -> Result<Closure, LoadError> {
        let mut closure = Closure::default();
        let mut queue: Vec<ShapeId> = Vec::new();
        for root in roots {
            if self.shape(root).is_none() {
                // Suggest full ids: names alone are ambiguous across namespaces.
                let did_you_mean = super::load::suggest(root, self.shapes.keys())
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                return Err(LoadError::query(
                    Some(root),
                    LoadErrorKind::UnknownOperation {
                        service: None,
                        name: root.to_string(),
                        did_you_mean,
                    },
                ));
            }
            if closure.shapes.insert(root.clone()) {
                queue.push(root.clone());
            }
        }
        let mut edges = BTreeSet::new();
        while let Some(id) = queue.pop() {
            let Some(shape) = self.shape(&id) else {
                continue;
            };
            let mut out: Vec<(Edge, ShapeId)> = Vec::new();
            match &shape.kind {
                ShapeKind::Operation(op) => {
                    out.push((Edge::Input, op.input.clone()));
                    out.push((Edge::Output, op.output.clone()));
                    out.extend(op.errors.iter().map(|e| (Edge::Error, e.clone())));
                    if let Some(errors) = extra_errors.get(&id) {
                        out.extend(errors.iter().map(|e| (Edge::Error, e.clone())));
                    }
                }
                ShapeKind::Structure(members) | ShapeKind::Union(members) => {
                    out.extend(
                        members
                            .iter()
                            .map(|m| (Edge::Member(m.name.clone()), m.target.clone())),
                    );
                }
                ShapeKind::List(member) | ShapeKind::Set(member) => {
                    out.push((Edge::ListMember, member.target.clone()))
                }
                ShapeKind::Map { key, value } => {
                    out.push((Edge::MapKey, key.target.clone()));
                    out.push((Edge::MapValue, value.target.clone()));
                }
                ShapeKind::Service(svc) => {
                    out.extend(svc.operations.iter().map(|o| (Edge::Operation, o.clone())));
                    out.extend(svc.resources.iter().map(|r| (Edge::Resource, r.clone())));
                    // A service root reaches its errors as errors of every operation.
                    for op in self.operation_ids(&id)? {
                        edges.extend(
                            svc.errors
                                .iter()
                                .map(|e| (op.clone(), Edge::Error, e.clone())),
                        );
                    }
                    out.extend(svc.errors.iter().map(|e| (Edge::Error, e.clone())));
                }
                ShapeKind::Resource(res) => {
                    out.extend(
                        res.identifiers
                            .iter()
                            .map(|(n, t)| (Edge::Identifier(n.clone()), t.clone())),
                    );
                    out.extend(
                        res.properties
                            .iter()
                            .map(|(n, t)| (Edge::Property(n.clone()), t.clone())),
                    );
                    out.extend(res.lifecycle.values().map(|o| (Edge::Operation, o.clone())));
                    out.extend(res.operations.iter().map(|o| (Edge::Operation, o.clone())));
                    out.extend(
                        res.collection_operations
                            .iter()
                            .map(|o| (Edge::Operation, o.clone())),
                    );
                    out.extend(res.resources.iter().map(|r| (Edge::Resource, r.clone())));
                }
                _ => {}
            }
            for (edge, to) in out {
                if closure.shapes.insert(to.clone()) {
                    queue.push(to.clone());
                }
                edges.insert((id.clone(), edge, to));
            }
        }
        closure.edges = edges.into_iter().collect();
        Ok(closure)
    }
}
