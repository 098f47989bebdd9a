//! IDL diagnostics: the file, the 1-based line and column, and what was expected and found.

use crate::model::{LoadError, LoadErrorKind};
use std::fmt;

/// A Smithy IDL file that cannot be read: where, and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdlError {
    /// The file name given to the parser.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// What was expected and what was found.
    pub message: String,
}

impl IdlError {
    pub(crate) fn new(file: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        IdlError {
            file: file.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for IdlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: syntax error: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for IdlError {}

impl From<IdlError> for LoadError {
    fn from(error: IdlError) -> Self {
        LoadError::new(
            None,
            String::new(),
            LoadErrorKind::Syntax {
                message: error.message,
            },
        )
        .in_document(&error.file)
        .at_position(error.line, error.column)
    }
}
