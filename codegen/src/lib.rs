//! A Smithy JSON AST to Rust code generator that needs no JVM.
//!
//! The library API is small:
//!
//! - [`Model::load`] reads a Smithy JSON AST model;
//! - [`Generator`] picks the service and operations and produces the files
//!   ([`GeneratedCrate`]), packaged as its [`Settings`] say (package name, a
//!   [`RuntimeDependency`] on a path or a published `smithy-runtime` version, a whole crate or a
//!   single [`Layout::IncludeFile`]);
//! - [`BuildScript`] does all of that from a `build.rs`, writing into `OUT_DIR`;
//! - every failure is a [`GenerateError`] that keeps the [`ShapeId`] it concerns.
//!
//! # Generating from a build script
//!
//! A library crate whose `build.rs` generates the client for the operations it needs:
//!
//! ```toml
//! # Cargo.toml
//! [dependencies]
//! smithy-runtime = "0.1"          # or a path; the generated code calls `::smithy_runtime`
//!
//! [build-dependencies]
//! smithy-codegen = { path = "path/to/smithy-codegen/codegen" }
//!
//! [features]
//! # The generated code puts `serde` derives behind this feature; declare it (it may stay empty
//! # unless you also depend on `serde` and enable `smithy-runtime/serde`).
//! serde = []
//! ```
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     smithy_codegen::BuildScript::new("model/cognito-identity-provider.json")
//!         .operations(["GetUser", "UpdateUserAttributes"])
//!         .generate("cognito.rs")?;
//!     Ok(())
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs: the generated items (`Client`, `Config`, `Error`, the `operation`, `types`
//! // and `error` modules) land at the crate root, where the generated paths expect them.
//! #![forbid(unsafe_code)]
//! include!(concat!(env!("OUT_DIR"), "/cognito.rs"));
//! ```
//!
//! The workspace's `examples/build-script` crate is exactly this, built in CI.
//!
//! # Pipeline
//!
//! Internally, one module per stage: `ast` (lossless serde view) → `model` (resolved, typed)
//! → `ir` (every Rust name and type decided) → `emit` (`quote!` token streams; infallible
//! functions of the IR; one module per protocol under `emit/protocol/`) → `format`
//! (prettyplease) → files. `ast`, `model` and `ir` are visible only as hidden test hooks and
//! may change in any release.

#[doc(hidden)]
pub mod ast;
mod build_script;
pub mod diff;
mod emit;
mod error;
mod format;
mod generator;
pub mod idl;
#[doc(hidden)]
pub mod ir;
#[doc(hidden)]
pub mod model;
mod parallel;
mod settings;
pub mod sync;
mod write;

pub use build_script::BuildScript;
pub use error::GenerateError;
pub use generator::{GeneratedCrate, Generator, SyncReport};
pub use model::{LoadError, LoadErrorKind, Model, ShapeId};
pub use settings::{Layout, RuntimeDependency, Settings};
