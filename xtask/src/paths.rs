//! Path helpers: the workspace root, and the path from a generated crate to the runtime.

use std::path::{Component, Path, PathBuf};

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> Result<PathBuf, String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map(Path::to_path_buf)
        .ok_or_else(|| "cannot locate the workspace root".to_owned())
}

/// `target` as seen from `from`: relative when both are on the same root (so checked-in
/// output does not depend on where the repository is cloned), else absolute.
pub fn relative_or_absolute(from: &Path, target: &Path) -> Result<String, String> {
    let from = absolute(from)?;
    let target = absolute(target)?;
    let from_parts: Vec<Component> = from.components().collect();
    let target_parts: Vec<Component> = target.components().collect();
    let common = from_parts
        .iter()
        .zip(&target_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return Ok(target.display().to_string());
    }
    let mut relative = PathBuf::new();
    for _ in common..from_parts.len() {
        relative.push("..");
    }
    for part in &target_parts[common..] {
        relative.push(part.as_os_str());
    }
    Ok(relative.display().to_string().replace('\\', "/"))
}

/// `path` relative to `root` for messages, or as given.
pub fn display_relative(root: &Path, path: &Path) -> String {
    let absolute_path = absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let absolute_root = absolute(root).unwrap_or_else(|_| root.to_path_buf());
    absolute_path
        .strip_prefix(&absolute_root)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| path.display().to_string())
}

/// An absolute, normalised path (without requiring it to exist).
fn absolute(path: &Path) -> Result<PathBuf, String> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| format!("cannot read the current directory: {e}"))?
            .join(path)
    };
    let mut normal = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other.as_os_str()),
        }
    }
    Ok(normal)
}
