//! The Smithy IDL front-end, in one test binary (one link instead of four):
//!
//! * `corpus`: Smithy's own loader corpus (`../shared/smithy/idl-tests`), valid, flattened
//!   and invalid files;
//! * `suites`: whole IDL model directories of `../shared/smithy` load;
//! * `files`: this crate's IDL models (`tests/idl/`), multi-file and mixed IDL/JSON loading,
//!   IDL 1.0 semantics, located errors;
//! * `mutations`: mutated IDL never panics and every error is located.

mod corpus;
mod files;
mod mutations;
mod suites;

use std::path::PathBuf;

/// `$SHARED_DIR`, else `<workspace>/../shared`, when it has `needed`; otherwise a loud
/// SKIPPED line (and a failure when `CI` is set).
fn shared_dir(needed: &str) -> Option<PathBuf> {
    let dir = match std::env::var_os("SHARED_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"),
    };
    if dir.join(needed).is_dir() {
        return Some(dir);
    }
    eprintln!("SKIPPED: {} has no {needed}", dir.display());
    assert!(
        std::env::var_os("CI").is_none(),
        "the shared folder is required in CI (set SHARED_DIR)"
    );
    None
}
