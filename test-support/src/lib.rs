//! Helpers every test crate of the workspace shares.
//!
//! The shared data folder (official models, Smithy's protocol tests) is never copied into
//! the repository. Tests find it through [`shared_dir`]: `$SHARED_DIR` if set, else
//! `<workspace>/../shared`. Without it a test is reported as skipped, loudly; when the `CI`
//! environment variable is set a missing folder is a failure instead, so CI can never pass
//! by skipping.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};

/// The workspace root (this crate lives directly under it).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| manifest.to_path_buf())
}

/// Where the shared data folder should be: `$SHARED_DIR`, else `<workspace>/../shared`.
pub fn shared_dir_location() -> PathBuf {
    match std::env::var_os("SHARED_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => workspace_root().join("..").join("shared"),
    }
}

/// The shared data folder, or `None` after printing `SKIPPED: <test>: …`.
///
/// # Panics
///
/// When the folder is missing and the `CI` environment variable is set: CI always provides
/// the folder, so its absence there is a broken setup, not a reason to skip.
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    match locate(
        test,
        shared_dir_location(),
        std::env::var_os("CI").is_some(),
    ) {
        Ok(found) => found,
        Err(failure) => panic!("{failure}"),
    }
}

/// The decision behind [`shared_dir`]: the folder, a skip (`Ok(None)`, notice printed), or
/// the failure message when `ci` is set.
fn locate(test: &str, dir: PathBuf, ci: bool) -> Result<Option<PathBuf>, String> {
    if dir.is_dir() {
        return Ok(Some(dir));
    }
    let reason = format!(
        "{test}: the shared data folder {} was not found (set SHARED_DIR)",
        dir.display()
    );
    if ci {
        return Err(format!(
            "{reason}; CI is set, so this is a failure rather than a skip"
        ));
    }
    // Both streams: libtest captures stdout of passing tests unless `--nocapture`.
    eprintln!("SKIPPED: {reason}");
    println!("SKIPPED: {reason}");
    Ok(None)
}

/// Reads `relative` under the shared folder, or `None` after the skip notice of
/// [`shared_dir`].
///
/// # Panics
///
/// When the folder exists but the file cannot be read (a broken checkout is a failure).
pub fn read_shared(test: &str, relative: &str) -> Option<String> {
    let path = shared_dir(test)?.join(relative);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => panic!("{test}: {} cannot be read: {e}", path.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workspace_root_holds_the_workspace_manifest() {
        let manifest = std::fs::read_to_string(workspace_root().join("Cargo.toml"))
            .expect("the workspace has a Cargo.toml");
        assert!(manifest.contains("[workspace]"));
    }

    #[test]
    fn a_missing_folder_skips_outside_ci_and_fails_in_ci() {
        let missing = workspace_root().join("no-such-shared-folder");
        assert_eq!(locate("t", missing.clone(), false), Ok(None));
        let failure = locate("t", missing, true).expect_err("CI turns the skip into a failure");
        assert!(failure.contains("no-such-shared-folder") && failure.contains("CI"));
        let present = workspace_root();
        assert_eq!(locate("t", present.clone(), true), Ok(Some(present)));
    }
}
