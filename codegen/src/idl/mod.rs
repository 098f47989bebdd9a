//! The Smithy IDL front-end: `.smithy` text to the same [`ast::Document`] the JSON loader reads,
//! so nothing after [`ast`] knows which front-end ran.
//!
//! Stages: `lexer` (tokens with line and column) → `parser` (statements as written, in
//! `syntax`; node values and text blocks in `node`) → `resolve` (relative shape ids made
//! absolute: a shape of the file's namespace, else a `use`d shape, else the prelude; inline
//! input/output, enum values and doc comments expanded) → `elision` (`$member` targets from
//! resources and mixins). Several files are parsed first and resolved together, because a
//! relative id may name a shape another file defines: that is what
//! [`Model::load_paths`](crate::model::Model::load_paths) does. Every error is an
//! [`IdlError`] with the file, line and column.

mod elision;
mod error;
mod lexer;
mod node;
mod parser;
mod prelude;
mod resolve;
mod syntax;

pub use error::IdlError;

use crate::ast;
use crate::model::LoadError;

/// Parses one IDL file into a JSON AST document. Relative ids resolve against this file alone
/// and the prelude; `file_name` is used in diagnostics.
pub fn parse(source: &str, file_name: &str) -> Result<ast::Document, IdlError> {
    let parsed = vec![(file_name, parse_syntax(source, file_name)?)];
    let known = resolve::Known::new(&parsed, &[]);
    let mut files = Vec::new();
    for (name, syntax) in &parsed {
        files.push(resolve::resolve_file(name, syntax, &known)?);
    }
    elision::fill_elided(&mut files, &known)?;
    let file = files
        .pop()
        .ok_or_else(|| IdlError::new(file_name, 1, 1, "nothing parsed"))?;
    Ok(file.document)
}

fn parse_syntax(source: &str, file_name: &str) -> Result<syntax::FileSyntax, IdlError> {
    let tokens = lexer::tokenize(source);
    parser::Parser::new(&tokens, file_name).parse()
}

/// Where things of an IDL file are written (1-based line and column), to place errors found
/// after parsing: each shape's definition (or, for shapes only targeted by `apply`, the
/// first such statement) and each metadata key.
#[derive(Debug, Clone, Default)]
pub(crate) struct Positions {
    pub shapes: std::collections::BTreeMap<crate::model::ShapeId, (usize, usize)>,
    pub metadata: std::collections::BTreeMap<String, (usize, usize)>,
}

/// A member written `$name`, whose target comes from a resource or a mixin.
#[derive(Debug, Clone)]
pub(crate) struct Elided {
    shape: String,
    member: String,
    resource: Option<String>,
    mixins: Vec<String>,
    pos: syntax::Pos,
    /// Not an elided target: an enum member without a value, whose implicit value is dropped
    /// when a mixin already defines the member.
    enum_value: bool,
}

/// One IDL file turned into a JSON AST document.
pub(crate) struct ResolvedFile {
    pub name: String,
    pub document: ast::Document,
    pub positions: Positions,
    elided: Vec<Elided>,
}

/// Parses IDL files and resolves their relative ids against every shape the files and the
/// JSON documents define.
pub(crate) fn assemble(
    files: &[(&str, &str)],
    json_documents: &[(String, ast::Document)],
) -> Result<Vec<ResolvedFile>, LoadError> {
    let mut parsed = Vec::new();
    for (name, text) in files {
        parsed.push((*name, parse_syntax(text, name)?));
    }
    let known = resolve::Known::new(&parsed, json_documents);
    let mut resolved = Vec::new();
    for (name, syntax) in &parsed {
        resolved.push(resolve::resolve_file(name, syntax, &known)?);
    }
    elision::fill_elided(&mut resolved, &known)?;
    Ok(resolved)
}
