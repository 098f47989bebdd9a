//! Smithy's model-diff test corpus (`$SHARED_DIR/smithy/diff-tests/`): for every pair
//! `NAME.a.smithy` / `NAME.b.smithy`, every event of `NAME.events` must be reported with the
//! same shape id and severity. Prints `diff cases: N/M` and each failure with its reason;
//! events we report beyond the expected ones are listed, not failed.

use smithy_codegen::diff::{diff, DiffOptions, Severity};
use smithy_codegen::model::Model;
use std::path::{Path, PathBuf};

/// The shared folder, or `None` after a loud notice (a failure when `CI` is set).
fn shared_dir() -> Option<PathBuf> {
    test_support::shared_dir("diff_corpus")
}

/// One expected event: severity and shape id (messages are not compared).
#[derive(Debug)]
struct Expected {
    severity: Severity,
    shape: String,
    line: String,
}

/// Parses a `.events` file: entries separated by `-----` lines, each starting with
/// `[SEVERITY] shape#id: message`.
fn parse_events(text: &str, file: &Path) -> Vec<Expected> {
    text.split("\n-----\n")
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            let first = entry.lines().next().unwrap_or_default();
            let parsed = first.strip_prefix('[').and_then(|rest| {
                let (severity, rest) = rest.split_once("] ")?;
                let (shape, _) = rest.split_once(": ")?;
                Some((Severity::parse(severity)?, shape.to_owned()))
            });
            let (severity, shape) = parsed.unwrap_or_else(|| {
                panic!("{}: cannot read the event line `{first}`", file.display())
            });
            Expected {
                severity,
                shape,
                line: first.to_owned(),
            }
        })
        .collect()
}

/// Loads one IDL file with the IDL front-end.
fn load_idl(path: &Path) -> Result<Model, String> {
    Model::load_paths(&[path.to_path_buf()]).map_err(|e| e.to_string())
}

fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("readable entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(".a.smithy") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn smithy_diff_corpus() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let root = shared.join("smithy/diff-tests");
    let cases = cases(&root);
    assert!(!cases.is_empty(), "no cases under {}", root.display());
    let mut failures = Vec::new();
    for a in &cases {
        let stem = a.to_string_lossy().trim_end_matches(".a.smithy").to_owned();
        let name = Path::new(&stem)
            .strip_prefix(&root)
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| stem.clone());
        let b = PathBuf::from(format!("{stem}.b.smithy"));
        let events_path = PathBuf::from(format!("{stem}.events"));
        let expected_text = std::fs::read_to_string(&events_path)
            .unwrap_or_else(|e| panic!("{}: {e}", events_path.display()));
        let expected = parse_events(&expected_text, &events_path);
        let (old, new) = match (load_idl(a), load_idl(&b)) {
            (Ok(old), Ok(new)) => (old, new),
            (Err(e), _) | (_, Err(e)) => {
                failures.push(format!("{name}: cannot load: {e}"));
                continue;
            }
        };
        let report = match diff(&old, &new, &DiffOptions::default()) {
            Ok(report) => report,
            Err(e) => {
                failures.push(format!("{name}: diff failed: {e}"));
                continue;
            }
        };
        let mut missing = Vec::new();
        for event in &expected {
            let found = report
                .events
                .iter()
                .any(|r| r.shape.to_string() == event.shape && r.severity == event.severity);
            if !found {
                let ours: Vec<String> = report
                    .events
                    .iter()
                    .filter(|r| r.shape.to_string() == event.shape)
                    .map(|r| format!("[{}] {}", r.severity, r.id))
                    .collect();
                missing.push(format!(
                    "expected `{}`; reported on that shape: {}",
                    event.line,
                    if ours.is_empty() {
                        "nothing".to_owned()
                    } else {
                        ours.join(", ")
                    }
                ));
            }
        }
        let extra: Vec<String> = report
            .events
            .iter()
            .filter(|r| {
                !expected
                    .iter()
                    .any(|e| e.shape == r.shape.to_string() && e.severity == r.severity)
            })
            .map(|r| format!("[{}] {}: {}", r.severity, r.shape, r.id))
            .collect();
        if !extra.is_empty() {
            println!("diff case {name}: also reported {}", extra.join("; "));
        }
        if !missing.is_empty() {
            failures.push(format!("{name}: {}", missing.join("; ")));
        }
    }
    let passed = cases.len() - failures.len();
    println!("diff cases: {passed}/{}", cases.len());
    for failure in &failures {
        println!("  FAILED {failure}");
    }
    assert!(
        failures.is_empty(),
        "diff cases: {passed}/{}; failures:\n  {}",
        cases.len(),
        failures.join("\n  ")
    );
}
