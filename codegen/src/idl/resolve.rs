//! From parsed files to JSON AST documents: relative shape ids resolved (a shape of the file's
//! namespace, else a `use`d shape, else the prelude), inline and short forms expanded, doc
//! comments turned into `smithy.api#documentation`. Shape bodies are converted in `shapes` and
//! `entities`; elided member targets are filled in afterwards (`super::elision`), when every
//! file is resolved.

use super::error::IdlError;
use super::node::Node;
use super::prelude;
use super::syntax::{FileSyntax, IdRef, Pos, TraitList};
use super::{Positions, ResolvedFile};
use crate::ast;
use indexmap::IndexMap;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

mod entities;
mod shapes;

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

    /// The JSON AST documents loaded with the IDL files.
    pub fn json_documents(&self) -> &'a [(String, ast::Document)] {
        self.json
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
