//! `known-failures.toml`: cases believed wrong upstream, each with the reason. They still
//! run; the summary reports them apart, and one that starts passing must be removed.

use crate::cases::Kind;
use serde::Deserialize;

/// One listed case.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownFailure {
    /// The case id.
    pub id: String,
    /// `request` or `response` (needed when both kinds share the id).
    #[serde(default)]
    pub kind: Option<String>,
    /// Why the case is believed wrong.
    pub reason: String,
}

impl KnownFailure {
    /// Whether this entry names the case `id` of `kind`.
    pub fn matches(&self, id: &str, kind: Kind) -> bool {
        self.id == id && self.kind.as_deref().is_none_or(|k| k == kind.as_str())
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    case: Vec<KnownFailure>,
}

/// Parses the file's text.
pub fn parse(text: &str) -> Result<Vec<KnownFailure>, String> {
    let file: File =
        toml::from_str(text).map_err(|e| format!("known-failures.toml is not valid: {e}"))?;
    for entry in &file.case {
        if entry.reason.trim().is_empty() {
            return Err(format!(
                "known-failures.toml: `{}` needs a reason explaining why the case is believed wrong",
                entry.id
            ));
        }
        if let Some(kind) = &entry.kind {
            if kind != "request" && kind != "response" {
                return Err(format!(
                    "known-failures.toml: `{}` has kind `{kind}`; use `request` or `response`",
                    entry.id
                ));
            }
        }
    }
    Ok(file.case)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_and_refuses_missing_reasons() {
        let entries =
            parse("[[case]]\nid = \"A\"\nkind = \"request\"\nreason = \"upstream bug\"\n").unwrap();
        assert!(entries[0].matches("A", Kind::Request));
        assert!(!entries[0].matches("A", Kind::Response));
        assert!(parse("[[case]]\nid = \"A\"\nreason = \" \"\n").is_err());
        assert!(parse("").unwrap().is_empty());
    }
}
