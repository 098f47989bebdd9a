//! Loading a model from files and directories: `.json` (JSON AST) and `.smithy` (IDL) mixed,
//! assembled into one model as Smithy does.

use super::super::{LoadError, LoadErrorKind, Model};
use crate::{ast, idl};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

impl Model {
    /// Loads every model file named by `paths` into one model. Each path is a `.json` (JSON AST)
    /// or `.smithy` (IDL) file, or a directory searched recursively for such files (in name
    /// order, so the result does not depend on the file system; hidden entries and linked
    /// directories are skipped). Shapes may refer across
    /// files; a shape defined differently in two files is an error naming both.
    pub fn load_paths(paths: &[PathBuf]) -> Result<Model, LoadError> {
        let (documents, positions) = read_documents(paths)?;
        super::assemble(documents).map_err(|error| locate(error, &positions))
    }
}

impl ast::Document {
    /// Reads the model files named by `paths` (as [`Model::load_paths`] does, and failing
    /// where it fails) and returns them as one JSON AST document, as `smithy ast` would: every
    /// shape in id order, `apply` merged into the shapes and members it targets (kept only for
    /// members a shape inherits from a mixin), metadata merged, mixins not flattened, the
    /// prelude left out. The same files always give the same document.
    pub fn assemble_paths(paths: &[PathBuf]) -> Result<ast::Document, LoadError> {
        let (documents, positions) = read_documents(paths)?;
        super::assemble(documents.clone()).map_err(|error| locate(error, &positions))?;
        Ok(merge_documents(documents))
    }
}

/// Reads and parses every model file under `paths`; IDL files come back as JSON AST documents
/// with the positions of their shapes.
fn read_documents(
    paths: &[PathBuf],
) -> Result<(Documents, Vec<(String, idl::Positions)>), LoadError> {
    let mut files = Vec::new();
    for path in paths {
        collect(path, true, &mut files)?;
    }
    files.sort();
    files.dedup();
    let mut sources = Vec::new();
    for file in &files {
        let name = file.display().to_string();
        let text = std::fs::read_to_string(file)
            .map_err(|e| io_error(format!("cannot read model file `{name}`: {e}")))?;
        sources.push((name, text));
    }
    let mut idl_files = Vec::new();
    let mut json_documents = Vec::new();
    for (name, text) in &sources {
        if name.ends_with(".smithy") {
            idl_files.push((name.as_str(), text.as_str()));
        } else {
            let document = ast::Document::from_json(text).map_err(|e| e.in_document(name))?;
            json_documents.push((name.clone(), document));
        }
    }
    let idl_documents = idl::assemble(&idl_files, &json_documents)?;
    let mut documents = Vec::new();
    for (name, document) in json_documents {
        documents.push((Some(name), document));
    }
    let mut positions = Vec::new();
    for file in idl_documents {
        positions.push((file.name.clone(), file.positions));
        documents.push((Some(file.name), file.document));
    }
    Ok((documents, positions))
}

type Documents = Vec<(Option<String>, ast::Document)>;

/// One document from several already checked ones (see [`ast::Document::assemble_paths`]).
fn merge_documents(documents: Documents) -> ast::Document {
    let all_v1 = documents
        .iter()
        .all(|(_, d)| matches!(d.smithy.as_str(), "1" | "1.0"));
    let mut metadata = Map::new();
    let mut shapes: BTreeMap<String, ast::Shape> = BTreeMap::new();
    let mut applies: Vec<(String, ast::TraitMap)> = Vec::new();
    for (_, document) in documents {
        for (key, value) in document.metadata {
            match (metadata.get_mut(&key), value) {
                (Some(Value::Array(existing)), Value::Array(more)) => existing.extend(more),
                (Some(_), _) => {}
                (None, value) => {
                    metadata.insert(key, value);
                }
            }
        }
        for (id, shape) in document.shapes {
            match shape {
                ast::Shape::Apply(apply) => applies.push((id, apply.traits)),
                shape => {
                    shapes.entry(id).or_insert(shape);
                }
            }
        }
    }
    let mut leftover: BTreeMap<String, ast::TraitMap> = BTreeMap::new();
    for (target, traits) in applies {
        let (shape_id, member) = match target.split_once('$') {
            Some((shape, member)) => (shape, Some(member)),
            None => (target.as_str(), None),
        };
        let holder = shapes.get_mut(shape_id).and_then(|shape| match member {
            None => Some(shape.traits_mut()),
            Some(member) => member_traits_mut(shape, member),
        });
        match holder {
            Some(holder) => merge_trait_values(holder, traits),
            None => merge_trait_values(leftover.entry(target).or_default(), traits),
        }
    }
    let mut out: indexmap::IndexMap<String, ast::Shape> = shapes.into_iter().collect();
    for (id, traits) in leftover {
        out.insert(
            id,
            ast::Shape::Apply(ast::ApplyShape {
                traits,
                extra: Map::new(),
            }),
        );
    }
    out.sort_keys();
    ast::Document {
        smithy: if all_v1 { "1.0" } else { "2.0" }.to_owned(),
        metadata,
        shapes: out,
        extra: Map::new(),
    }
}

/// Applied traits: list values concatenate, others replace (conflicts were refused when the
/// model was loaded).
fn merge_trait_values(into: &mut ast::TraitMap, traits: ast::TraitMap) {
    for (id, value) in traits {
        match (into.get_mut(&id), value) {
            (Some(Value::Array(existing)), Value::Array(more)) => existing.extend(more),
            (_, value) => {
                into.insert(id, value);
            }
        }
    }
}

fn member_traits_mut<'s>(shape: &'s mut ast::Shape, member: &str) -> Option<&'s mut ast::TraitMap> {
    let found = match shape {
        ast::Shape::Structure(s)
        | ast::Shape::Union(s)
        | ast::Shape::Enum(s)
        | ast::Shape::IntEnum(s) => s.members.get_mut(member),
        ast::Shape::List(s) | ast::Shape::Set(s) if member == "member" => s.member.as_mut(),
        ast::Shape::Map(s) => match member {
            "key" => s.key.as_mut(),
            "value" => s.value.as_mut(),
            _ => None,
        },
        _ => None,
    };
    found.map(|m| &mut m.traits)
}

/// Adds the line and column of the shape an error belongs to, when it comes from an IDL file.
fn locate(error: LoadError, positions: &[(String, idl::Positions)]) -> LoadError {
    if error.position().is_some() {
        return error;
    }
    let Some(document) = error.document() else {
        return error;
    };
    let Some((_, positions)) = positions.iter().find(|(name, _)| name == document) else {
        return error;
    };
    let metadata_key = error
        .path()
        .strip_prefix("$.metadata")
        .map(|rest| rest.trim_start_matches(['.', '[', '"']))
        .map(|rest| rest.trim_end_matches([']', '"']));
    let found = match (error.shape(), metadata_key) {
        (Some(shape), _) => positions.shapes.get(shape).copied(),
        (None, Some(key)) => positions.metadata.get(key).copied(),
        (None, None) => None,
    };
    match found {
        Some((line, column)) => error.at_position(line, column),
        None => error,
    }
}

fn io_error(message: String) -> LoadError {
    LoadError::new(None, String::new(), LoadErrorKind::Io { message })
}

/// Adds `path` (a file, or every model file under a directory) to `files`. A file named
/// explicitly must be a model file; inside directories other files are skipped.
fn collect(path: &Path, explicit: bool, files: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let metadata = std::fs::metadata(path)
        .map_err(|e| io_error(format!("cannot read `{}`: {e}", path.display())))?;
    if metadata.is_dir() {
        let entries = std::fs::read_dir(path)
            .map_err(|e| io_error(format!("cannot list directory `{}`: {e}", path.display())))?;
        for entry in entries {
            let entry = entry.map_err(|e| {
                io_error(format!("cannot list directory `{}`: {e}", path.display()))
            })?;
            // Linked directories are not followed: a link cycle would never end. Hidden
            // entries (`.git`, editor settings) are not part of a model.
            let linked_dir =
                entry.file_type().is_ok_and(|t| t.is_symlink()) && entry.path().is_dir();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if !linked_dir && !hidden {
                collect(&entry.path(), false, files)?;
            }
        }
        return Ok(());
    }
    let extension = path.extension().and_then(|e| e.to_str());
    match extension {
        Some("json" | "smithy") => files.push(path.to_path_buf()),
        _ if explicit => {
            return Err(io_error(format!(
                "`{}` is not a model file (expected a `.json` JSON AST, a `.smithy` IDL file, \
                 or a directory of them)",
                path.display()
            )))
        }
        _ => {}
    }
    Ok(())
}
