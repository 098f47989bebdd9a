//! Loading a model from files and directories: `.json` (JSON AST) and `.smithy` (IDL) mixed,
//! assembled into one model as Smithy does.

use super::super::{LoadError, LoadErrorKind, Model};
use crate::{ast, idl};
use std::path::{Path, PathBuf};

impl Model {
    /// Loads every model file named by `paths` into one model. Each path is a `.json` (JSON AST)
    /// or `.smithy` (IDL) file, or a directory searched recursively for such files (in name
    /// order, so the result does not depend on the file system). Shapes may refer across
    /// files; a shape defined differently in two files is an error naming both.
    pub fn load_paths(paths: &[PathBuf]) -> Result<Model, LoadError> {
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
        super::assemble(documents).map_err(|error| locate(error, &positions))
    }
}

/// Adds the line and column of the shape an error belongs to, when it comes from an IDL file.
fn locate(error: LoadError, positions: &[(String, idl::Positions)]) -> LoadError {
    if error.position().is_some() {
        return error;
    }
    let (Some(document), Some(shape)) = (error.document(), error.shape()) else {
        return error;
    };
    let found = positions
        .iter()
        .find(|(name, _)| name == document)
        .and_then(|(_, positions)| positions.get(shape).copied());
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
            // Linked directories are not followed: a link cycle would never end.
            let linked_dir =
                entry.file_type().is_ok_and(|t| t.is_symlink()) && entry.path().is_dir();
            if !linked_dir {
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
