//! `codegen.toml`: the crates `cargo xtask codegen` maintains under `generated/`.

use serde::Deserialize;
use std::path::Path;

/// The file's shape.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(rename = "crate")]
    crates: Vec<CrateEntry>,
}

/// One generated crate.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateEntry {
    /// Cargo package name.
    pub package: String,
    /// Model path, relative to the workspace root.
    pub model: String,
    /// Output directory, relative to the workspace root.
    pub out: String,
    /// Operation names, or `["*"]`.
    pub operations: Vec<String>,
    /// Service shape id when the model has several.
    pub service: Option<String>,
}

/// Reads `codegen.toml` at the workspace root.
pub fn load(root: &Path) -> Result<Vec<CrateEntry>, String> {
    let path = root.join("codegen.toml");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let file: File = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(file.crates)
}
