//! A Smithy JSON AST to Rust code generator that needs no JVM.
//!
//! The pipeline, one module per stage:
//! [`ast`] (lossless serde view) → [`model`] (resolved, typed) → [`ir`] (Rust names and
//! types) → `emit` (`quote!` token streams) → `format` (prettyplease) → files.
//!
//! [`Generator`] drives it; the `xtask` binary is a thin command line around it.

pub mod ast;
mod emit;
mod format;
mod generator;
pub mod ir;
pub mod model;
mod write;

pub use generator::{GenerateError, GeneratedCrate, Generator, SyncReport};
