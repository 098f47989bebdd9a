//! The public entry point: pick a service and operations, get the files of a crate.

use crate::emit::{emit, CrateOptions, EmittedFile};
use crate::format::format_file;
use crate::ir::streaming::{streaming_reason, SkippedOperation};
use crate::ir::{lower, CrateIr};
use crate::model::{Model, ShapeId, ShapeKind};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why generation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateError {
    message: String,
    unsupported_protocol: bool,
}

impl GenerateError {
    fn new(message: impl Into<String>) -> GenerateError {
        GenerateError {
            message: message.into(),
            unsupported_protocol: false,
        }
    }

    /// The service speaks a protocol this generator does not support (the message names it
    /// and the supported ones). Checked before anything else in the model.
    pub fn is_unsupported_protocol(&self) -> bool {
        self.unsupported_protocol
    }
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for GenerateError {}

/// Which operations to generate.
#[derive(Debug, Clone)]
enum Selection {
    All,
    Named(Vec<String>),
}

/// Generates a Rust crate from a loaded model.
///
/// ```no_run
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use smithy_codegen::{model::Model, Generator};
/// let model = Model::load(&std::fs::read_to_string("model.json")?)?;
/// let generated = Generator::new(model)
///     .operations(["GetUser", "UpdateUserAttributes"])
///     .package_name("my-cognito")
///     .generate()?;
/// generated.write_to("generated/my-cognito".as_ref())?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Generator {
    model: Model,
    service: Option<ShapeId>,
    selection: Selection,
    package_name: Option<String>,
    options: CrateOptions,
}

/// The generated files, by path relative to the crate directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedCrate {
    /// File contents by relative path.
    pub files: BTreeMap<PathBuf, String>,
    /// What the crate leaves out and why (operations skipped, patterns not checked), one
    /// line each; the crate's docs list the same.
    pub warnings: Vec<String>,
}

impl Generator {
    /// A generator for `model`: by default its only service, all operations, the runtime at
    /// `../../runtime`, not a standalone workspace.
    pub fn new(model: Model) -> Generator {
        Generator {
            model,
            service: None,
            selection: Selection::All,
            package_name: None,
            options: CrateOptions {
                runtime_path: "../../runtime".to_owned(),
                standalone_workspace: false,
                model_source: "a Smithy model".to_owned(),
            },
        }
    }

    /// The service to generate (needed when the model has several).
    pub fn service(mut self, id: ShapeId) -> Generator {
        self.service = Some(id);
        self
    }

    /// Only these operations (by name); `*` alone means all.
    pub fn operations<I, S>(mut self, names: I) -> Generator
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let names: Vec<String> = names
            .into_iter()
            .map(|n| n.as_ref().trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect();
        self.selection = if names.iter().any(|n| n == "*") {
            Selection::All
        } else {
            Selection::Named(names)
        };
        self
    }

    /// The Cargo package name (default: the service's `sdkId` the way aws-sdk-rust names its
    /// crates, e.g. `dynamodb`, `cloudwatchlogs`).
    pub fn package_name(mut self, name: impl Into<String>) -> Generator {
        self.package_name = Some(name.into());
        self
    }

    /// Path from the generated crate's directory to the `smithy-runtime` crate.
    pub fn runtime_path(mut self, path: impl Into<String>) -> Generator {
        self.options.runtime_path = path.into();
        self
    }

    /// Give the crate its own `[workspace]` table so it builds outside any workspace.
    pub fn standalone_workspace(mut self, standalone: bool) -> Generator {
        self.options.standalone_workspace = standalone;
        self
    }

    /// Where the model came from (shown in the generated header).
    pub fn model_source(mut self, source: impl Into<String>) -> Generator {
        self.options.model_source = source.into();
        self
    }

    /// Resolves the service and operations and builds the IR (useful for dumps and tests).
    ///
    /// The protocol is checked first. With all operations selected, streaming ones are left
    /// out (listed in [`CrateIr::skipped_operations`]); one asked for by name is an error.
    pub fn lower(&self) -> Result<CrateIr, GenerateError> {
        let service = self.service_id()?;
        if let Some(shape) = self.model.shape(&service) {
            if let Err(message) = crate::ir::protocol::service_protocol(&self.model, shape) {
                return Err(GenerateError {
                    message,
                    unsupported_protocol: true,
                });
            }
        }
        let mut skipped = Vec::new();
        let operations = match &self.selection {
            Selection::All => {
                let all = self
                    .model
                    .operation_ids(&service)
                    .map_err(|e| GenerateError::new(e.to_string()))?;
                let mut kept = Vec::new();
                for id in all {
                    match streaming_reason(&self.model, &id) {
                        Some(reason) => skipped.push(SkippedOperation {
                            operation: id,
                            reason,
                        }),
                        None => kept.push(id),
                    }
                }
                kept
            }
            Selection::Named(names) => {
                let mut ids = Vec::new();
                for name in names {
                    let id = self
                        .model
                        .find_operation(&service, name)
                        .map_err(|e| GenerateError::new(e.to_string()))?;
                    if let Some(reason) = streaming_reason(&self.model, &id) {
                        return Err(GenerateError::new(format!(
                            "operation `{id}` cannot be generated: {reason}"
                        )));
                    }
                    ids.push(id);
                }
                ids
            }
        };
        let package = match &self.package_name {
            Some(name) => name.clone(),
            None => default_package_name(&self.model, &service),
        };
        let mut ir = lower(&self.model, &service, &operations, &package)
            .map_err(|e| GenerateError::new(e.to_string()))?;
        ir.skipped_operations = skipped;
        Ok(ir)
    }

    /// Generates every file of the crate.
    pub fn generate(&self) -> Result<GeneratedCrate, GenerateError> {
        let ir = self.lower()?;
        let emitted = emit(&ir, &self.options).map_err(GenerateError::new)?;
        let header = format!(
            "// Generated by smithy-codegen from {}. Do not edit: regenerate with `cargo xtask codegen`.\n\n",
            self.options.model_source
        );
        let mut files = BTreeMap::new();
        for (path, file) in emitted {
            let text = match file {
                EmittedFile::Rust(tokens) => format_file(tokens, &header)
                    .map_err(|e| GenerateError::new(format!("{}: {e}", path.display())))?,
                EmittedFile::Text(text) => text,
            };
            files.insert(path, text);
        }
        Ok(GeneratedCrate {
            files,
            warnings: warnings(&ir),
        })
    }

    fn service_id(&self) -> Result<ShapeId, GenerateError> {
        if let Some(id) = &self.service {
            return match self.model.shape(id).map(|s| &s.kind) {
                Some(ShapeKind::Service(_)) => Ok(id.clone()),
                _ => Err(GenerateError::new(format!(
                    "`{id}` is not a service in the model"
                ))),
            };
        }
        let services: Vec<ShapeId> = self
            .model
            .services()
            .map(|(shape, _)| shape.id.clone())
            .collect();
        match services.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(GenerateError::new("the model defines no service")),
            many => Err(GenerateError::new(format!(
                "the model defines {} services ({}); choose one",
                many.len(),
                many.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }
}

/// One line per thing the crate leaves out.
fn warnings(ir: &CrateIr) -> Vec<String> {
    let skipped = ir
        .skipped_operations
        .iter()
        .map(|s| format!("operation `{}` left out: {}", s.operation, s.reason));
    let unchecked = ir.unchecked_patterns.iter().map(|p| {
        format!(
            "member `{}`: the @pattern `{}` is not checked client-side: {}",
            p.member, p.pattern, p.reason
        )
    });
    skipped.chain(unchecked).collect()
}

/// The package name aws-sdk-rust would use, without its `aws-sdk-` prefix: the service's
/// `sdkId` (or its shape name) in lower case, keeping only letters and digits
/// (`DynamoDB` → `dynamodb`, `CloudWatch Logs` → `cloudwatchlogs`).
fn default_package_name(model: &Model, service: &ShapeId) -> String {
    let sdk_id = model
        .shape(service)
        .and_then(|s| s.traits.aws_sdk_id.clone())
        .unwrap_or_else(|| service.name().to_owned());
    package_name_from_sdk_id(&sdk_id)
}

fn package_name_from_sdk_id(sdk_id: &str) -> String {
    let name: String = sdk_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        // Cargo package names must start with a letter.
        format!("service{name}")
    }
}

/// What writing or checking found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Files written (or, when checking, that differ).
    pub changed: Vec<PathBuf>,
    /// Generated-looking files present on disk that are no longer generated (removed when
    /// writing, reported when checking).
    pub stale: Vec<PathBuf>,
}

impl SyncReport {
    /// Nothing differs.
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.stale.is_empty()
    }
}

impl GeneratedCrate {
    /// Writes the crate under `dir`, touching only files whose bytes change, and removes
    /// `.rs` files under `src/` that are no longer generated. All or nothing: on any error
    /// `dir` is left exactly as it was (not even created), and the error names the path.
    pub fn write_to(&self, dir: &Path) -> std::io::Result<SyncReport> {
        let report = self.compare(dir)?;
        let files: Vec<(&Path, &str)> = report
            .changed
            .iter()
            .map(|path| (path.as_path(), self.files[path].as_str()))
            .collect();
        crate::write::write_all_or_nothing(dir, &files, &report.stale)?;
        Ok(report)
    }

    /// Compares with what is on disk under `dir` without writing anything.
    pub fn compare(&self, dir: &Path) -> std::io::Result<SyncReport> {
        let mut report = SyncReport::default();
        for (path, text) in &self.files {
            match std::fs::read(dir.join(path)) {
                Ok(existing) if existing == text.as_bytes() => {}
                Ok(_) => report.changed.push(path.clone()),
                // Missing, or something else than a file on the way: it differs (writing
                // decides whether it can be replaced).
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::NotFound
                            | std::io::ErrorKind::NotADirectory
                            | std::io::ErrorKind::IsADirectory
                    ) =>
                {
                    report.changed.push(path.clone())
                }
                Err(e) => return Err(crate::write::at(&dir.join(path), "read")(e)),
            }
        }
        let src = dir.join("src");
        if src.is_dir() {
            for found in walk(&src).map_err(crate::write::at(&src, "list"))? {
                let relative = found
                    .strip_prefix(dir)
                    .map(Path::to_path_buf)
                    .unwrap_or(found.clone());
                let generated_kind = matches!(
                    relative.extension().and_then(|e| e.to_str()),
                    Some("rs") | Some("json")
                );
                if generated_kind && !self.files.contains_key(&relative) {
                    report.stale.push(relative);
                }
            }
        }
        report.stale.sort();
        Ok(report)
    }
}

fn walk(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(walk(&path)?);
        } else {
            out.push(path);
        }
    }
    Ok(out)
}
