//! The public entry point: pick a service and operations, get the files of a crate.

use crate::emit::{emit, EmittedFile};
use crate::format::format_file;
use crate::ir::streaming::{streaming_reason, SkippedOperation};
use crate::ir::{lower, CrateIr};
use crate::model::{Model, ShapeId, ShapeKind};
use crate::{GenerateError, Layout, Settings};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Which operations to generate.
#[derive(Debug, Clone)]
enum Selection {
    All,
    Named(Vec<String>),
}

/// Generates a Rust crate from a loaded model: which service and operations is the
/// generator's business, how the crate is packaged is its [`Settings`].
///
/// ```no_run
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use smithy_codegen::{Generator, Model, RuntimeDependency, Settings};
/// let model = Model::load(&std::fs::read_to_string("model.json")?)?;
/// let generated = Generator::new(model)
///     .operations(["GetUser", "UpdateUserAttributes"])
///     .settings(
///         Settings::default()
///             .package_name("my-cognito")
///             .runtime(RuntimeDependency::Version("0.1".to_owned())),
///     )
///     .generate()?;
/// generated.write_to("generated/my-cognito".as_ref())?;
/// # Ok(()) }
/// ```
///
/// For a `build.rs` that generates into `OUT_DIR`, see [`BuildScript`](crate::BuildScript).
#[derive(Debug, Clone)]
pub struct Generator {
    model: Model,
    service: Option<ShapeId>,
    selection: Selection,
    settings: Settings,
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
    /// A generator for `model`: by default its only service, all operations, and the
    /// default [`Settings`].
    pub fn new(model: Model) -> Generator {
        Generator {
            model,
            service: None,
            selection: Selection::All,
            settings: Settings::default(),
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

    /// How the crate is packaged (name, runtime dependency, workspace, layout).
    pub fn settings(mut self, settings: Settings) -> Generator {
        self.settings = settings;
        self
    }

    /// The settings in use.
    pub fn get_settings(&self) -> &Settings {
        &self.settings
    }

    /// Resolves the service and operations and builds the IR (a test hook: the IR is
    /// internal and changes without notice).
    ///
    /// The protocol is checked first. With all operations selected, streaming ones are left
    /// out (listed in `CrateIr::skipped_operations`); one asked for by name is an error.
    #[doc(hidden)]
    pub fn lower(&self) -> Result<CrateIr, GenerateError> {
        let service = self.service_id()?;
        if let Some(shape) = self.model.shape(&service) {
            if let Err(message) = crate::ir::protocol::service_protocol(&self.model, shape) {
                return Err(GenerateError::UnsupportedProtocol {
                    service: service.clone(),
                    message,
                });
            }
        }
        let mut skipped = Vec::new();
        let operations = match &self.selection {
            Selection::All => {
                let mut kept = Vec::new();
                for id in self.model.operation_ids(&service)? {
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
                    let id = self.model.find_operation(&service, name)?;
                    if let Some(reason) = streaming_reason(&self.model, &id) {
                        return Err(GenerateError::shape_error(
                            &id,
                            format!("operation `{id}` cannot be generated: {reason}"),
                        ));
                    }
                    ids.push(id);
                }
                ids
            }
        };
        let package = match self.settings.get_package_name() {
            Some(name) => name.to_owned(),
            None => default_package_name(&self.model, &service),
        };
        let mut ir = lower(&self.model, &service, &operations, &package)?;
        ir.skipped_operations = skipped;
        Ok(ir)
    }

    /// Generates every file of the crate (or the one file of
    /// [`Layout::IncludeFile`](crate::Layout::IncludeFile)).
    pub fn generate(&self) -> Result<GeneratedCrate, GenerateError> {
        let ir = self.lower()?;
        let emitted = emit(&ir, &self.settings);
        let regenerate = match self.settings.get_layout() {
            Layout::Crate => "regenerate with `cargo xtask codegen`",
            Layout::IncludeFile => "the crate's build script regenerates it",
        };
        let header = format!(
            "// Generated by smithy-codegen from {}. Do not edit: {regenerate}.\n\n",
            self.settings.get_model_source()
        );
        // Emitting and formatting (prettyplease) are most of the time; files are independent.
        let texts = crate::parallel::map(&emitted, |(path, job)| match job() {
            EmittedFile::Rust(tokens) => {
                format_file(tokens, &header).map_err(|e| GenerateError::Format {
                    path: path.clone(),
                    message: e.to_string(),
                })
            }
            EmittedFile::Text(text) => Ok(text),
        });
        let mut files = BTreeMap::new();
        for ((path, _), text) in emitted.iter().zip(texts) {
            files.insert(path.clone(), text?);
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
                _ => Err(GenerateError::Service {
                    message: format!("`{id}` is not a service in the model"),
                }),
            };
        }
        let services: Vec<ShapeId> = self
            .model
            .services()
            .map(|(shape, _)| shape.id.clone())
            .collect();
        match services.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(GenerateError::Service {
                message: "the model defines no service".to_owned(),
            }),
            many => Err(GenerateError::Service {
                message: format!(
                    "the model defines {} services ({}); choose one",
                    many.len(),
                    many.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
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
