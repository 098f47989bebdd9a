//! Generating a crate at test time and building or testing it with cargo.
//!
//! Tests that need a crate from a model that is not checked in (the official Cognito model,
//! the protocol test suite, our own test models) generate it under
//! `<workspace>/target/generated/<name>` as a standalone workspace and run cargo there. All
//! such crates share one target directory so their dependencies compile once.

use smithy_codegen::{Generator, RuntimeDependency};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| manifest.to_path_buf())
}

/// The shared data folder for `test`: `$SHARED_DIR`, else `<workspace>/../shared`; `None`
/// (after a loud SKIPPED line) when absent, a panic when absent and `CI` is set.
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    test_support::shared_dir(test)
}

/// The target directory every generated crate builds into.
pub fn shared_target_dir() -> PathBuf {
    workspace_root().join("target").join("generated-crates")
}

/// Writes the crate `generator` produces to `target/generated/<name>` (a standalone
/// workspace depending on this repository's runtime by absolute path), plus `extra_files`
/// (paths relative to the crate, e.g. `tests/cases.rs`). Returns the crate directory.
pub fn generate_crate(
    name: &str,
    generator: Generator,
    extra_files: &[(String, String)],
) -> Result<PathBuf, String> {
    let dir = workspace_root().join("target").join("generated").join(name);
    let runtime = workspace_root().join("runtime");
    let settings = generator
        .get_settings()
        .clone()
        .runtime(RuntimeDependency::Path(runtime.display().to_string()))
        .standalone_workspace(true);
    let generated = generator
        .settings(settings)
        .generate()
        .map_err(|e| format!("generating `{name}`: {e}"))?;
    generated
        .write_to(&dir)
        .map_err(|e| format!("writing {}: {e}", dir.display()))?;
    for (path, text) in extra_files {
        let full = dir.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("creating {}: {e}", parent.display()))?;
        }
        let unchanged = std::fs::read_to_string(&full)
            .map(|old| &old == text)
            .unwrap_or(false);
        if !unchanged {
            std::fs::write(&full, text).map_err(|e| format!("writing {}: {e}", full.display()))?;
        }
    }
    Ok(dir)
}

/// What a cargo run printed.
#[derive(Debug)]
pub struct CargoRun {
    /// Whether cargo exited successfully.
    pub success: bool,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs `cargo <args>` in `crate_dir` with the shared target directory and warnings denied.
pub fn cargo(crate_dir: &Path, args: &[&str]) -> Result<CargoRun, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", shared_target_dir())
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .map_err(|e| format!("cannot run cargo in {}: {e}", crate_dir.display()))?;
    Ok(CargoRun {
        success: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    })
}

/// Runs cargo and fails with its output when it does not succeed.
pub fn cargo_ok(crate_dir: &Path, args: &[&str]) -> Result<CargoRun, String> {
    let run = cargo(crate_dir, args)?;
    if run.success {
        Ok(run)
    } else {
        Err(format!(
            "`cargo {}` failed in {}:\n{}\n{}",
            args.join(" "),
            crate_dir.display(),
            run.stdout,
            tail(&run.stderr, 200)
        ))
    }
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
