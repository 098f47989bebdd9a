//! `service` and `resource` statements: their property objects, whose values are shape ids,
//! to the AST's references.

use super::shapes::Common;
use super::{FileResolver, Result};
use crate::ast;
use crate::idl::error::IdlError;
use crate::idl::node::Node;
use crate::idl::syntax::Pos;
use indexmap::IndexMap;

/// One property of a service or resource statement: its key and value.
type Entry = (String, Node);

impl FileResolver<'_> {
    pub(super) fn service(
        &self,
        id: &str,
        at: Pos,
        entries: &[Entry],
        common: Common,
    ) -> Result<ast::Shape> {
        let mut service = ast::ServiceShape {
            traits: common.traits,
            mixins: common.mixins,
            ..Default::default()
        };
        for (key, node) in entries {
            match key.as_str() {
                "version" => match node {
                    Node::String(text) => service.version = Some(text.clone()),
                    _ => {
                        let message = format!("{id}: the service `version` must be a string");
                        return Err(self.error(at, message));
                    }
                },
                "operations" => service.operations = self.node_refs(node, id, key, at)?,
                "resources" => service.resources = self.node_refs(node, id, key, at)?,
                "errors" => service.errors = self.node_refs(node, id, key, at)?,
                "rename" => {
                    let Node::Object(entries) = node else {
                        return Err(self.error(at, format!("{id}: `rename` must be an object")));
                    };
                    for (from, to) in entries {
                        let Node::String(to) = to else {
                            let message = format!("{id}: `rename` values must be strings");
                            return Err(self.error(at, message));
                        };
                        service.rename.insert(self.reference(from), to.clone());
                    }
                }
                other => return Err(unknown_property(self, other, id, "service", at)),
            }
        }
        Ok(ast::Shape::Service(service))
    }

    pub(super) fn resource(
        &self,
        id: &str,
        at: Pos,
        entries: &[Entry],
        common: Common,
    ) -> Result<ast::Shape> {
        let is_mixin = common.traits.contains_key("smithy.api#mixin");
        let mut resource = ast::ResourceShape {
            traits: common.traits,
            mixins: common.mixins,
            ..Default::default()
        };
        for (key, node) in entries {
            if is_mixin && matches!(key.as_str(), "identifiers" | "properties") {
                return Err(self.error(
                    at,
                    format!(
                        "Resource shapes with the mixin trait may not define any properties. \
                         Resource mixin shape `{id}` defines one or more properties."
                    ),
                ));
            }
            let one = || self.node_ref(node, id, key, at).map(Some);
            match key.as_str() {
                "identifiers" => resource.identifiers = self.node_ref_map(node, id, key, at)?,
                "properties" => {
                    if self.file.is_v1() {
                        return Err(self.error(
                            at,
                            "Resource properties can only be used with Smithy version 2 or later.",
                        ));
                    }
                    resource.properties = self.node_ref_map(node, id, key, at)?;
                }
                "create" => resource.create = one()?,
                "put" => resource.put = one()?,
                "read" => resource.read = one()?,
                "update" => resource.update = one()?,
                "delete" => resource.delete = one()?,
                "list" => resource.list = one()?,
                "operations" => resource.operations = self.node_refs(node, id, key, at)?,
                "collectionOperations" => {
                    resource.collection_operations = self.node_refs(node, id, key, at)?;
                }
                "resources" => resource.resources = self.node_refs(node, id, key, at)?,
                other => return Err(unknown_property(self, other, id, "resource", at)),
            }
        }
        Ok(ast::Shape::Resource(resource))
    }

    fn node_ref(&self, node: &Node, id: &str, key: &str, at: Pos) -> Result<ast::ShapeRef> {
        match node {
            Node::ShapeId(text, _, _) | Node::String(text) => Ok(self.shape_ref(text)),
            _ => Err(self.error(at, format!("{id}: `{key}` must be a shape id"))),
        }
    }

    fn node_refs(&self, node: &Node, id: &str, key: &str, at: Pos) -> Result<Vec<ast::ShapeRef>> {
        match node {
            Node::Array(items) => items
                .iter()
                .map(|item| self.node_ref(item, id, key, at))
                .collect(),
            _ => Err(self.error(at, format!("{id}: `{key}` must be a list of shape ids"))),
        }
    }

    fn node_ref_map(
        &self,
        node: &Node,
        id: &str,
        key: &str,
        at: Pos,
    ) -> Result<IndexMap<String, ast::ShapeRef>> {
        match node {
            Node::Object(entries) => entries
                .iter()
                .map(|(name, value)| Ok((name.clone(), self.node_ref(value, id, key, at)?)))
                .collect(),
            _ => Err(self.error(at, format!("{id}: `{key}` must be an object of shape ids"))),
        }
    }
}

fn unknown_property(
    resolver: &FileResolver<'_>,
    key: &str,
    id: &str,
    what: &str,
    at: Pos,
) -> IdlError {
    resolver.error(at, format!("Unknown property {key} for {what} {id}"))
}
