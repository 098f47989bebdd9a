//! Reading what libtest (the standard `cargo test` harness) printed: the outcome of every
//! test and the captured output of the failing ones.

use std::collections::BTreeMap;

/// How one test ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// `ok`
    Passed,
    /// `FAILED`
    Failed,
    /// `ignored`
    Ignored,
}

/// Outcomes and failure output of one libtest run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Outcome by test path (e.g. `request::aws_json11_enums`).
    pub outcomes: BTreeMap<String, Outcome>,
    /// What a failing test printed (its panic message), by test path.
    pub failure_output: BTreeMap<String, String>,
}

/// Parses libtest's human-readable output (stdout of `cargo test`).
pub fn parse(stdout: &str) -> Report {
    let mut report = Report::default();
    let mut current: Option<(String, String)> = None;
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("test ") {
            if let Some((name, outcome)) = rest.rsplit_once(" ... ") {
                let outcome = match outcome.trim() {
                    "ok" => Some(Outcome::Passed),
                    "FAILED" => Some(Outcome::Failed),
                    o if o.starts_with("ignored") => Some(Outcome::Ignored),
                    _ => None,
                };
                if let Some(outcome) = outcome {
                    report.outcomes.insert(name.trim().to_owned(), outcome);
                    continue;
                }
            }
        }
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|rest| rest.strip_suffix(" stdout ----"))
        {
            if let Some((name, text)) = current.take() {
                report.failure_output.insert(name, text);
            }
            current = Some((name.to_owned(), String::new()));
            continue;
        }
        if line == "failures:" || line.starts_with("test result:") {
            if let Some((name, text)) = current.take() {
                report.failure_output.insert(name, text);
            }
            continue;
        }
        if let Some((_, text)) = current.as_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    if let Some((name, text)) = current {
        report.failure_output.insert(name, text);
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_outcomes_and_failure_output() {
        let out = "\nrunning 3 tests\ntest request::a ... ok\ntest response::b ... FAILED\ntest response::c ... ignored, slow\n\nfailures:\n\n---- response::b stdout ----\nthread 'response::b' panicked at tests/x.rs:1:1:\nboom\n\n\nfailures:\n    response::b\n\ntest result: FAILED. 1 passed; 1 failed; 1 ignored\n";
        let report = parse(out);
        assert_eq!(report.outcomes["request::a"], Outcome::Passed);
        assert_eq!(report.outcomes["response::b"], Outcome::Failed);
        assert_eq!(report.outcomes["response::c"], Outcome::Ignored);
        assert!(report.failure_output["response::b"].contains("boom"));
        assert_eq!(report.failure_output.len(), 1);
    }
}
