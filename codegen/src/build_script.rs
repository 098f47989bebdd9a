//! [`BuildScript`]: generating a client from a `build.rs` into `OUT_DIR`.

use crate::{GenerateError, Generator, Layout, Model, Settings, ShapeId};
use std::path::{Path, PathBuf};

/// Generates a client from a `build.rs`: reads the model (relative to the crate's manifest
/// directory), tells Cargo to rerun when it changes, and writes one file into `OUT_DIR` for
/// the crate to `include!` at its root (see the [crate docs](crate#generating-from-a-build-script)).
///
/// The file is rewritten only when its contents change, so an unchanged model does not
/// trigger a rebuild of the including crate.
#[derive(Debug, Clone)]
pub struct BuildScript {
    model: PathBuf,
    service: Option<String>,
    operations: Vec<String>,
}

impl BuildScript {
    /// A build for the model at `model` (relative paths start at `CARGO_MANIFEST_DIR`), all
    /// operations of its only service.
    pub fn new(model: impl Into<PathBuf>) -> BuildScript {
        BuildScript {
            model: model.into(),
            service: None,
            operations: vec!["*".to_owned()],
        }
    }

    /// The service shape id (`namespace#Name`), when the model has several.
    pub fn service(mut self, id: impl Into<String>) -> BuildScript {
        self.service = Some(id.into());
        self
    }

    /// Only these operations (by name); `*` alone means all.
    pub fn operations<I, S>(mut self, names: I) -> BuildScript
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.operations = names.into_iter().map(|n| n.as_ref().to_owned()).collect();
        self
    }

    /// Generates `$OUT_DIR/<file_name>` and returns its full path.
    ///
    /// Fails when `OUT_DIR` is not set (not running under Cargo), when the model cannot be
    /// read or generated from, or when the file cannot be written.
    pub fn generate(&self, file_name: &str) -> Result<PathBuf, GenerateError> {
        let out_dir = std::env::var_os("OUT_DIR").ok_or_else(|| GenerateError::Io {
            path: PathBuf::from(file_name),
            message: "OUT_DIR is not set: BuildScript::generate runs inside a build script"
                .to_owned(),
        })?;
        let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .unwrap_or_default();
        let model_path = manifest_dir.join(&self.model);
        println!("cargo:rerun-if-changed={}", model_path.display());
        let out = Path::new(&out_dir).join(file_name);
        self.generate_to(&model_path, &out)?;
        Ok(out)
    }

    /// Generates from `model_path` into the file `out` (what [`BuildScript::generate`] does
    /// with the paths Cargo provides).
    pub fn generate_to(&self, model_path: &Path, out: &Path) -> Result<(), GenerateError> {
        let text =
            std::fs::read_to_string(model_path).map_err(|e| GenerateError::io(model_path, e))?;
        let model = Model::load(&text)?;
        let mut generator = Generator::new(model).operations(&self.operations).settings(
            Settings::default()
                .layout(Layout::IncludeFile)
                .model_source(model_path.display().to_string()),
        );
        if let Some(service) = &self.service {
            let id = ShapeId::parse(service).map_err(|e| GenerateError::Service {
                message: format!("`{service}` is not a shape id: {e}"),
            })?;
            generator = generator.service(id);
        }
        let generated = generator.generate()?;
        let text = generated
            .files
            .values()
            .next()
            .ok_or_else(|| GenerateError::Format {
                path: out.to_path_buf(),
                message: "the include-file layout produced no file".to_owned(),
            })?;
        if std::fs::read_to_string(out).ok().as_deref() == Some(text.as_str()) {
            return Ok(());
        }
        if let Some(parent) = out.parent() {
            std::fs::create_dir_all(parent).map_err(|e| GenerateError::io(parent, e))?;
        }
        // Written beside the target and renamed, so a failure never leaves half a file.
        let partial = out.with_extension("rs.partial");
        std::fs::write(&partial, text).map_err(|e| GenerateError::io(&partial, e))?;
        std::fs::rename(&partial, out).map_err(|e| GenerateError::io(out, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "smithy-codegen-build-script-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn own_model() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/cognito-identity-provider.json")
    }

    #[test]
    fn writes_one_includable_file() {
        let dir = scratch("ok");
        let out = dir.join("cognito.rs");
        BuildScript::new("unused")
            .operations(["GetUser"])
            .generate_to(&own_model(), &out)
            .unwrap();
        let text = std::fs::read_to_string(&out).unwrap();
        // No inner attributes (not allowed in an included file), modules inline, the endpoint
        // rules embedded rather than `include_str!`-ed.
        assert!(
            !text.contains("#!["),
            "inner attribute in {}",
            out.display()
        );
        assert!(text.contains("pub mod operation {") && text.contains("pub mod get_user {"));
        assert!(!text.contains("include_str!"));
        assert!(!dir.join("cognito.rs.partial").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn failures_are_typed_and_leave_nothing_behind() {
        let dir = scratch("fail");
        let out = dir.join("cognito.rs");
        let missing = BuildScript::new("unused")
            .generate_to(&dir.join("no-such-model.json"), &out)
            .unwrap_err();
        assert!(matches!(missing, GenerateError::Io { .. }), "{missing}");
        let unknown = BuildScript::new("unused")
            .operations(["NoSuchOperation"])
            .generate_to(&own_model(), &out)
            .unwrap_err();
        assert!(matches!(unknown, GenerateError::Model(_)), "{unknown}");
        assert!(unknown.to_string().contains("NoSuchOperation"), "{unknown}");
        assert!(!out.exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
