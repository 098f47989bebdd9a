//! From parsed files to JSON AST documents: relative shape ids resolved (a shape of the file's
//! namespace, else a `use`d shape, else the prelude), inline and short forms expanded, doc
//! comments turned into `smithy.api#documentation`, elided member targets filled in.

use super::error::IdlError;
use super::node::Node;
use super::prelude;
use super::syntax::{Body, FileSyntax, IdRef, MemberSyntax, Pos, ShapeSyntax, TraitList};
use super::{Positions, ResolvedFile};
use crate::ast;
use indexmap::IndexMap;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

type Result<T> = std::result::Result<T, IdlError>;

const PRELUDE: &str = "smithy.api";

/// What is known about every shape of the model being assembled: its AST type.
pub(super) struct Known<'a> {
    types: BTreeMap<String, &'static str>,
    json: &'a [(String, ast::Document)],
}

impl<'a> Known<'a> {
    pub fn new(files: &[(&str, FileSyntax)], json: &'a [(String, ast::Document)]) -> Self {
        let mut types = BTreeMap::new();
        for (_, document) in json {
            for (id, shape) in &document.shapes {
                if !matches!(shape, ast::Shape::Apply(_)) {
                    types.insert(id.clone(), shape.type_name());
                }
            }
        }
        for (_, file) in files {
            let namespace = file.namespace.as_deref().unwrap_or(PRELUDE);
            for shape in &file.shapes {
                types.insert(format!("{namespace}#{}", shape.name), shape.type_name);
            }
        }
        Known { types, json }
    }

    fn defines(&self, id: &str) -> bool {
        self.types.contains_key(id)
    }

    /// Whether the trait shape `id` is a list (so a trait given without a value is `[]`).
    fn is_list(&self, id: &str) -> bool {
        match self.types.get(id) {
            Some(t) => matches!(*t, "list" | "set"),
            None => id.strip_prefix("smithy.api#").is_some_and(prelude::is_list),
        }
    }
}

/// Resolves one parsed file.
pub(super) fn resolve_file(
    name: &str,
    file: &FileSyntax,
    known: &Known<'_>,
) -> Result<ResolvedFile> {
    let resolver = FileResolver::new(name, file, known)?;
    resolver.document()
}

struct FileResolver<'a> {
    name: &'a str,
    file: &'a FileSyntax,
    known: &'a Known<'a>,
    namespace: String,
    uses: BTreeMap<String, String>,
}

impl<'a> FileResolver<'a> {
    fn new(name: &'a str, file: &'a FileSyntax, known: &'a Known<'a>) -> Result<Self> {
        let namespace = file.namespace.clone().unwrap_or_else(|| PRELUDE.to_owned());
        let mut resolver = FileResolver {
            name,
            file,
            known,
            namespace,
            uses: BTreeMap::new(),
        };
        for used in &file.uses {
            let short = used
                .text
                .rsplit('#')
                .next()
                .unwrap_or(&used.text)
                .to_owned();
            if let Some(existing) = resolver.uses.get(&short) {
                if *existing != used.text {
                    return Err(resolver.error(
                        used.pos,
                        format!(
                            "Cannot use name `{}` because it conflicts with `{existing}`",
                            used.text
                        ),
                    ));
                }
            }
            resolver.uses.insert(short, used.text.clone());
        }
        // A `use` that shadows a prelude name also conflicts with prelude-named imports.
        for used in &file.uses {
            let short = used.text.rsplit('#').next().unwrap_or(&used.text);
            if prelude::has(short) && !used.text.starts_with("smithy.api#") {
                let clash = file
                    .uses
                    .iter()
                    .any(|u| u.text == format!("smithy.api#{short}"));
                if clash {
                    return Err(resolver.error(
                        used.pos,
                        format!(
                            "Cannot use name `{}` because it conflicts with `smithy.api#{short}`",
                            used.text
                        ),
                    ));
                }
            }
        }
        for shape in &file.shapes {
            if let Some(imported) = resolver.uses.get(&shape.name) {
                return Err(resolver.error(
                    shape.pos,
                    format!(
                        "Shape name `{}` conflicts with imported shape `{imported}`",
                        shape.name
                    ),
                ));
            }
        }
        Ok(resolver)
    }

    fn error(&self, pos: Pos, message: impl Into<String>) -> IdlError {
        IdlError::new(self.name, pos.line, pos.column, message)
    }

    fn absolute(&self, name: &str) -> String {
        format!("{}#{name}", self.namespace)
    }

    /// Resolves a reference as written (a member part is kept).
    fn reference(&self, text: &str) -> String {
        if text.contains('#') {
            return text.to_owned();
        }
        let (root, member) = match text.split_once('$') {
            Some((root, member)) => (root, Some(member)),
            None => (text, None),
        };
        let local = self.absolute(root);
        let resolved = if self.known.defines(&local) {
            local
        } else if let Some(imported) = self.uses.get(root) {
            imported.clone()
        } else if prelude::has(root) {
            format!("{PRELUDE}#{root}")
        } else {
            local
        };
        match member {
            Some(member) => format!("{resolved}${member}"),
            None => resolved,
        }
    }

    /// Resolves an unquoted shape id inside a node value: it must name a known shape.
    fn value_id(&self, text: &str, line: usize, column: usize) -> Result<String> {
        let resolved = self.reference(text);
        let root = resolved.split('$').next().unwrap_or(&resolved);
        let (root_ns, root_name) = root.split_once('#').unwrap_or(("", root));
        let imported = self.uses.values().any(|u| u == root);
        let found = text.contains('#')
            || imported
            || self.known.defines(root)
            || (root_ns == PRELUDE && prelude::has(root_name));
        if found {
            Ok(resolved)
        } else {
            Err(IdlError::new(
                self.name,
                line,
                column,
                format!(
                    "Syntactic shape ID `{text}` does not resolve to a valid shape ID: `{resolved}`"
                ),
            ))
        }
    }

    fn json(&self, node: &Node) -> Result<Value> {
        node.to_json(&mut |text, line, column| self.value_id(text, line, column))
    }

    fn traits(&self, list: &TraitList, owner: &str, at: Pos) -> Result<ast::TraitMap> {
        let mut map = ast::TraitMap::new();
        if let Some(docs) = &list.docs {
            map.insert(
                format!("{PRELUDE}#documentation"),
                Value::String(docs.clone()),
            );
        }
        self.add_traits(&mut map, &list.traits, owner, at)?;
        Ok(map)
    }

    fn add_traits(
        &self,
        map: &mut ast::TraitMap,
        traits: &[super::syntax::TraitApp],
        owner: &str,
        at: Pos,
    ) -> Result<()> {
        for applied in traits {
            let id = self.reference(&applied.id.text);
            if self.file.is_v1() && id == "smithy.api#mixin" {
                return Err(self.error(
                    at,
                    format!(
                        "Mixins can only be used in Smithy 2.0 or later. Attempted to apply a \
                         @mixin trait to `{owner}` in a model file using version `1.0`."
                    ),
                ));
            }
            let value = match &applied.value {
                Some(node) => self.json(node)?,
                None if self.known.is_list(&id) => Value::Array(Vec::new()),
                None => Value::Object(Map::new()),
            };
            merge_trait(map, id, value).map_err(|message| self.error(applied.id.pos, message))?;
        }
        Ok(())
    }

    fn refs(&self, ids: &[IdRef]) -> Vec<ast::ShapeRef> {
        ids.iter().map(|id| self.shape_ref(&id.text)).collect()
    }

    fn shape_ref(&self, text: &str) -> ast::ShapeRef {
        ast::ShapeRef {
            target: self.reference(text),
            extra: Map::new(),
        }
    }

    fn document(&self) -> Result<ResolvedFile> {
        let mut metadata = Map::new();
        for (key, node, pos) in &self.file.metadata {
            let value = self.json(node)?;
            merge_trait(&mut metadata, key.clone(), value)
                .map_err(|_| self.error(*pos, format!("Metadata key `{key}` is defined twice")))?;
        }
        let mut shapes = IndexMap::new();
        let mut positions = Positions::default();
        let mut elided = Vec::new();
        for shape in &self.file.shapes {
            let id = self.absolute(&shape.name);
            if shapes.contains_key(&id) {
                return Err(self.error(
                    shape.pos,
                    format!("Shape `{id}` is defined twice in this file"),
                ));
            }
            let parsed = crate::model::ShapeId::parse(&id).map_err(|e| {
                self.error(shape.pos, format!("Invalid shape id `{id}`: {}", e.reason))
            })?;
            let converted = self.shape(shape, &id, &mut elided)?;
            positions
                .shapes
                .insert(parsed, (shape.pos.line, shape.pos.column));
            shapes.insert(id, converted);
        }
        for (key, _, pos) in &self.file.metadata {
            positions
                .metadata
                .entry(key.clone())
                .or_insert((pos.line, pos.column));
        }
        for apply in &self.file.applies {
            let target = self.reference(&apply.target.text);
            let container = target.split('$').next().unwrap_or(&target);
            if let Ok(parsed) = crate::model::ShapeId::parse(container) {
                let at = (apply.target.pos.line, apply.target.pos.column);
                positions.shapes.entry(parsed).or_insert(at);
            }
            if apply.traits.is_empty() {
                continue;
            }
            // A shape of this file takes the traits directly; anything else (members, shapes
            // of other files) gets an `apply` entry, which the loader merges.
            if let Some(shape) = shapes.get_mut(&target) {
                let traits = shape.traits_mut();
                self.add_traits(traits, &apply.traits, &target, apply.target.pos)?;
                continue;
            }
            let entry = shapes
                .entry(target.clone())
                .or_insert_with(|| ast::Shape::Apply(ast::ApplyShape::default()));
            let ast::Shape::Apply(entry) = entry else {
                continue;
            };
            self.add_traits(&mut entry.traits, &apply.traits, &target, apply.target.pos)?;
        }
        Ok(ResolvedFile {
            name: self.name.to_owned(),
            document: ast::Document {
                smithy: self
                    .file
                    .version
                    .clone()
                    .unwrap_or_else(|| "1.0".to_owned()),
                metadata,
                shapes,
                extra: Map::new(),
            },
            positions,
            elided,
        })
    }

    fn shape(
        &self,
        shape: &ShapeSyntax,
        id: &str,
        elided: &mut Vec<super::Elided>,
    ) -> Result<ast::Shape> {
        let traits = self.traits(&shape.traits, id, shape.pos)?;
        let mixins = self.refs(&shape.mixins);
        let is_mixin = traits.contains_key("smithy.api#mixin");
        let simple = || ast::SimpleShape {
            traits: traits.clone(),
            mixins: mixins.clone(),
            extra: Map::new(),
        };
        Ok(match (&shape.body, shape.type_name) {
            (Body::Simple, t) => simple_shape(t, simple()),
            (Body::Members { members, .. }, t @ ("enum" | "intEnum")) => {
                if members.is_empty() && mixins.is_empty() {
                    let message = if t == "enum" {
                        format!("{id}: enum must have at least one entry")
                    } else {
                        format!("{id}: intEnum shapes must have at least one member")
                    };
                    return Err(self.error(shape.pos, message));
                }
                let mut out = IndexMap::new();
                for member in members {
                    if member.value.is_none() && !mixins.is_empty() {
                        // Dropped later if a mixin already gives this member its value.
                        elided.push(super::Elided {
                            shape: id.to_owned(),
                            member: member.name.clone(),
                            resource: None,
                            mixins: mixins.iter().map(|m| m.target.clone()).collect(),
                            pos: member.pos,
                            enum_value: true,
                        });
                    }
                    out.insert(member.name.clone(), self.enum_member(member, id, t)?);
                }
                let body = ast::MembersShape {
                    members: out,
                    traits,
                    mixins,
                    extra: Map::new(),
                };
                if t == "enum" {
                    ast::Shape::Enum(body)
                } else {
                    ast::Shape::IntEnum(body)
                }
            }
            (Body::Members { members, resource }, t) => {
                let mut out = IndexMap::new();
                for member in members {
                    let converted = self.member(member, id)?;
                    if member.target.is_none() {
                        elided.push(super::Elided {
                            shape: id.to_owned(),
                            member: member.name.clone(),
                            resource: resource.as_ref().map(|r| self.reference(&r.text)),
                            mixins: mixins.iter().map(|m| m.target.clone()).collect(),
                            pos: member.pos,
                            enum_value: false,
                        });
                    }
                    out.insert(member.name.clone(), converted);
                }
                match t {
                    "list" | "set" | "map" => {
                        self.collection(t, id, shape.pos, out, traits, mixins)?
                    }
                    _ => {
                        let body = ast::MembersShape {
                            members: out,
                            traits,
                            mixins,
                            extra: Map::new(),
                        };
                        if t == "union" {
                            ast::Shape::Union(body)
                        } else {
                            ast::Shape::Structure(body)
                        }
                    }
                }
            }
            (Body::Operation(op), _) => {
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
                ast::Shape::Operation(ast::OperationShape {
                    input: op.input.as_ref().map(|r| self.shape_ref(&r.text)),
                    output: op.output.as_ref().map(|r| self.shape_ref(&r.text)),
                    errors: op
                        .errors
                        .as_deref()
                        .map(|e| self.refs(e))
                        .unwrap_or_default(),
                    traits,
                    mixins,
                    extra: Map::new(),
                })
            }
            (Body::Entity(entries), "service") => {
                let mut service = ast::ServiceShape {
                    traits,
                    mixins,
                    ..Default::default()
                };
                for (key, node, _) in entries {
                    match key.as_str() {
                        "version" => match node {
                            Node::String(text) => service.version = Some(text.clone()),
                            _ => {
                                return Err(self.error(
                                    shape.pos,
                                    format!("{id}: the service `version` must be a string"),
                                ))
                            }
                        },
                        "operations" => {
                            service.operations = self.node_refs(node, id, key, shape.pos)?
                        }
                        "resources" => {
                            service.resources = self.node_refs(node, id, key, shape.pos)?
                        }
                        "errors" => service.errors = self.node_refs(node, id, key, shape.pos)?,
                        "rename" => {
                            let Node::Object(entries) = node else {
                                return Err(self.error(
                                    shape.pos,
                                    format!("{id}: `rename` must be an object"),
                                ));
                            };
                            for (from, to) in entries {
                                let Node::String(to) = to else {
                                    return Err(self.error(
                                        shape.pos,
                                        format!("{id}: `rename` values must be strings"),
                                    ));
                                };
                                service.rename.insert(self.reference(from), to.clone());
                            }
                        }
                        other => return Err(self.unknown_property(other, id, "service", shape.pos)),
                    }
                }
                ast::Shape::Service(service)
            }
            (Body::Entity(entries), _) => {
                let mut resource = ast::ResourceShape {
                    traits,
                    mixins,
                    ..Default::default()
                };
                for (key, node, _) in entries {
                    let one = |this: &Self| this.node_ref(node, id, key, shape.pos).map(Some);
                    if is_mixin && matches!(key.as_str(), "identifiers" | "properties") {
                        return Err(self.error(shape.pos, format!("Resource shapes with the mixin trait may not define any properties. Resource mixin shape `{id}` defines one or more properties.")));
                    }
                    match key.as_str() {
                        "identifiers" => {
                            resource.identifiers = self.node_ref_map(node, id, key, shape.pos)?
                        }
                        "properties" => {
                            if self.file.is_v1() {
                                return Err(self.error(shape.pos, "Resource properties can only be used with Smithy version 2 or later."));
                            }
                            resource.properties = self.node_ref_map(node, id, key, shape.pos)?;
                        }
                        "create" => resource.create = one(self)?,
                        "put" => resource.put = one(self)?,
                        "read" => resource.read = one(self)?,
                        "update" => resource.update = one(self)?,
                        "delete" => resource.delete = one(self)?,
                        "list" => resource.list = one(self)?,
                        "operations" => {
                            resource.operations = self.node_refs(node, id, key, shape.pos)?
                        }
                        "collectionOperations" => {
                            resource.collection_operations =
                                self.node_refs(node, id, key, shape.pos)?
                        }
                        "resources" => {
                            resource.resources = self.node_refs(node, id, key, shape.pos)?
                        }
                        other => {
                            return Err(self.unknown_property(other, id, "resource", shape.pos))
                        }
                    }
                }
                ast::Shape::Resource(resource)
            }
        })
    }

    fn unknown_property(&self, key: &str, id: &str, what: &str, at: Pos) -> IdlError {
        self.error(at, format!("Unknown property {key} for {what} {id}"))
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

    fn member(&self, member: &MemberSyntax, shape: &str) -> Result<ast::MemberDef> {
        let member_id = format!("{shape}${}", member.name);
        let mut traits = self.traits(&member.traits, &member_id, member.pos)?;
        if let Some((value, pos)) = &member.value {
            let value = self.json(value)?;
            merge_trait(&mut traits, format!("{PRELUDE}#default"), value)
                .map_err(|message| self.error(*pos, message))?;
        }
        Ok(ast::MemberDef {
            target: member
                .target
                .as_ref()
                .map(|t| self.reference(&t.text))
                .unwrap_or_default(),
            traits,
            extra: Map::new(),
        })
    }

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
            let problem = match (type_name, &value) {
                ("enum", Value::String(_)) => None,
                ("enum", other) => Some(format!("{member_id}: enum members can only be assigned string values, but found: {other}")),
                (_, Value::Number(n)) if n.is_f64() => Some(format!("{member_id}: intEnum members do not support floating point values")),
                (_, Value::Number(n)) if n.as_i64().and_then(|v| i32::try_from(v).ok()).is_none() => Some(format!("{member_id}: intEnum members must fit within an integer, but found: {n}")),
                (_, Value::Number(_)) => None,
                (_, other) => Some(format!("{member_id}: intEnum members require integer values, but found: {other}")),
            };
            if let Some(problem) = problem {
                return Err(self.error(*pos, problem));
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
        traits: ast::TraitMap,
        mixins: Vec<ast::ShapeRef>,
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
            return Err(self.error(
                at,
                format!(
                    "Invalid member `{name}` of {type_name} `{id}` (expected {})",
                    allowed.join(" and ")
                ),
            ));
        }
        let missing: Vec<&str> = allowed
            .iter()
            .copied()
            .filter(|name| !members.contains_key(*name))
            .collect();
        if !missing.is_empty() && mixins.is_empty() {
            let plural = if missing.len() > 1 {
                "members"
            } else {
                "member"
            };
            return Err(self.error(
                at,
                format!(
                    "Missing required {plural} of shape `{id}`: {}",
                    missing.join(", ")
                ),
            ));
        }
        Ok(match type_name {
            "map" => ast::Shape::Map(ast::MapShape {
                key: members.shift_remove("key"),
                value: members.shift_remove("value"),
                traits,
                mixins,
                extra: Map::new(),
            }),
            _ => {
                let body = ast::ListShape {
                    member: members.shift_remove("member"),
                    traits,
                    mixins,
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

/// Adds a trait; the same trait twice must have equal values, or list values (concatenated).
fn merge_trait(
    map: &mut Map<String, Value>,
    id: String,
    value: Value,
) -> std::result::Result<(), String> {
    match map.get_mut(&id) {
        None => {
            map.insert(id, value);
            Ok(())
        }
        Some(Value::Array(existing)) if value.is_array() => {
            if let Value::Array(more) = value {
                existing.extend(more);
            }
            Ok(())
        }
        Some(existing) if *existing == value => Ok(()),
        Some(_) => Err(format!(
            "Conflicting values for trait `{id}` (a trait applied twice must have equal values, \
             or list values, which are concatenated)"
        )),
    }
}

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
        for (index, file) in files.iter().enumerate() {
            for elided in &file.elided {
                pending.push((index, elided.clone()));
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
                if let Some(file) = files.get_mut(index) {
                    if inherited {
                        drop_implicit_enum_value(file, &elided.shape, &elided.member);
                    }
                    file.elided
                        .retain(|e| !(e.shape == elided.shape && e.member == elided.member));
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
                        let file = files.get(index).map_or("", |f| f.name.as_str());
                        return Err(IdlError::new(file, elided.pos.line, elided.pos.column, format!(
                            "The target of the `for` production must be a resource shape, but found a {} shape: {resource}",
                            other.type_name()
                        )));
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
                    let file = files.get(index).map_or("", |f| f.name.as_str());
                    return Err(IdlError::new(file, elided.pos.line, elided.pos.column, format!(
                        "{}${}: Member conflicts with an inherited mixin member: the resource gives `{own}`, a mixin `{mixin}`",
                        elided.shape, elided.member
                    )));
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
                        file.elided
                            .retain(|e| !(e.shape == elided.shape && e.member == elided.member));
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
    }
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
            known.json.iter().find_map(|(_, d)| {
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
