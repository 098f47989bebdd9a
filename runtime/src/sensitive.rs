//! Redaction of `@sensitive` values in `Debug` output.

use std::fmt;

/// What a redacted value prints as.
pub const REDACTED_TEXT: &str = "*** Sensitive Data Redacted ***";

/// Stands in for a `@sensitive` value in `Debug` output: generated `Debug` impls pass this
/// instead of the value, so the value never reaches a log line.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED_TEXT)
    }
}

impl fmt::Display for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED_TEXT)
    }
}
