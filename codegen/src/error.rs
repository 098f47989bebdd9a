//! [`GenerateError`]: why a crate could not be generated, keeping the shape it concerns.

use crate::model::{LoadError, ShapeId};
use std::fmt;
use std::path::PathBuf;

/// Why generation failed.
///
/// Every problem that belongs to a shape keeps its [`ShapeId`] ([`GenerateError::shape`]), so
/// a tool can point at the model rather than at a message.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum GenerateError {
    /// The model did not load, or a query on it failed (an operation name that the service
    /// does not have, a broken closure).
    Model(LoadError),
    /// No service to generate: the model has none, several (choose one), or the chosen id is
    /// not a service.
    Service {
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A shape cannot be turned into Rust (an unsupported protocol, a `@default` that does
    /// not fit its member, a host prefix naming a missing member, …).
    Shape {
        /// The shape concerned.
        shape: ShapeId,
        /// What is wrong and what would be right.
        message: String,
    },
    /// The service speaks a protocol this generator does not support. Checked before anything
    /// else in the model, so it is the one error such a model gets.
    UnsupportedProtocol {
        /// The service.
        service: ShapeId,
        /// The protocols found on the service and the supported ones.
        message: String,
    },
    /// A generated file is not valid Rust: a bug in the generator, never in the model.
    Format {
        /// The file, relative to the crate.
        path: PathBuf,
        /// The parser's complaint.
        message: String,
    },
    /// Reading the model or writing the output failed.
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The operating system's error.
        message: String,
    },
}

impl GenerateError {
    /// The shape the problem belongs to, when there is one.
    pub fn shape(&self) -> Option<&ShapeId> {
        match self {
            GenerateError::Model(error) => error.shape(),
            GenerateError::Shape { shape, .. } => Some(shape),
            GenerateError::UnsupportedProtocol { service, .. } => Some(service),
            _ => None,
        }
    }

    /// Whether the service speaks a protocol this generator does not support (the message
    /// names it and the supported ones).
    pub fn is_unsupported_protocol(&self) -> bool {
        matches!(self, GenerateError::UnsupportedProtocol { .. })
    }

    pub(crate) fn shape_error(shape: &ShapeId, message: impl Into<String>) -> GenerateError {
        GenerateError::Shape {
            shape: shape.clone(),
            message: message.into(),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, error: std::io::Error) -> GenerateError {
        GenerateError::Io {
            path: path.into(),
            message: error.to_string(),
        }
    }
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenerateError::Model(error) => fmt::Display::fmt(error, f),
            GenerateError::Service { message } => f.write_str(message),
            GenerateError::Shape { shape, message } => write!(f, "shape `{shape}`: {message}"),
            GenerateError::UnsupportedProtocol { message, .. } => f.write_str(message),
            GenerateError::Format { path, message } => write!(
                f,
                "{}: the generator produced invalid Rust (a generator bug): {message}",
                path.display()
            ),
            GenerateError::Io { path, message } => write!(f, "{}: {message}", path.display()),
        }
    }
}

impl std::error::Error for GenerateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            GenerateError::Model(error) => Some(error),
            _ => None,
        }
    }
}

impl From<LoadError> for GenerateError {
    fn from(error: LoadError) -> GenerateError {
        GenerateError::Model(error)
    }
}
