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

/// The shared data folder (see `test_support::shared_dir`: a loud SKIPPED line without it,
/// a failure in CI), checked to hold `needed`.
fn shared_dir(needed: &str) -> Option<PathBuf> {
    let dir = test_support::shared_dir(&format!("idl front-end ({needed})"))?;
    assert!(
        dir.join(needed).is_dir(),
        "{} has no {needed}",
        dir.display()
    );
    Some(dir)
}
