//! Runs every client case of Smithy's awsJson1_1, awsJson1_0 and restJson1 protocol tests.
//!
//! For each service under test a crate is generated into `target/generated/<package>` with
//! one test per case in `tests/protocol_tests.rs`; `cargo test` runs there (all crates share
//! one target directory) and its output is read back case by case. One line per protocol is
//! printed (`awsJson1_1: N/119 passed`), and the test fails unless every case passes or is
//! listed, with its reason, in `known-failures.toml`.

use integration_tests::generated_crate::{cargo, generate_crate, shared_dir};
use protocol_tests::cases::{all_client_cases, Kind};
use protocol_tests::{known, libtest, prepare, results, suite_model, Summary, PROTOCOLS, SERVICES};
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

#[test]
fn aws_json_protocol_compliance() {
    let Some(shared) = shared_dir("aws_json_protocol_compliance") else {
        return;
    };
    let started = Instant::now();
    let (model, source) = suite_model(&shared)
        .unwrap_or_else(|e| panic!("the protocol test model does not load: {e}"));
    println!("protocol suite model: {source}");
    let known_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("known-failures.toml");
    let known_text = std::fs::read_to_string(&known_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", known_path.display()));
    let known = known::parse(&known_text).unwrap_or_else(|e| panic!("{e}"));

    let prepared: Vec<_> = SERVICES
        .iter()
        .map(|s| prepare(&model, s).unwrap_or_else(|e| panic!("{}: {e}", s.service)))
        .collect();

    // Every client case of these protocols in the whole model must be run by some service.
    for (protocol, label) in PROTOCOLS {
        let everywhere: BTreeSet<(Kind, String)> = all_client_cases(&model, protocol)
            .into_iter()
            .map(|(_, kind, id)| (kind, id))
            .collect();
        let run: BTreeSet<(Kind, String)> = prepared
            .iter()
            .filter(|p| p.protocol == *protocol)
            .flat_map(|p| p.tests.iter().map(|(_, kind, id)| (*kind, id.clone())))
            .collect();
        let missing: Vec<_> = everywhere.difference(&run).collect();
        assert!(
            missing.is_empty(),
            "{label} cases no service under test runs: {missing:?}"
        );
    }
    // Every known failure must name a case that exists.
    for entry in &known {
        let exists = prepared
            .iter()
            .flat_map(|p| &p.tests)
            .any(|(_, kind, id)| entry.matches(id, *kind));
        assert!(
            exists,
            "known-failures.toml lists `{}`, which is not a case of these suites",
            entry.id
        );
    }

    // The workspace's lock file pins the generated crates' dependencies to the versions the
    // runtime is built and tested with here (cargo drops the entries they do not use).
    let workspace_lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    let lock = std::fs::read_to_string(&workspace_lock).ok();

    let mut summary = Summary::default();
    let mut build_failures = Vec::new();
    for service in &prepared {
        let mut extra_files = service.extra_files.clone();
        if let Some(lock) = &lock {
            extra_files.push(("Cargo.lock".to_owned(), lock.clone()));
        }
        let dir = generate_crate(&service.package, service.generator.clone(), &extra_files)
            .unwrap_or_else(|e| panic!("{e}"));
        let run = cargo(
            &dir,
            &["test", "--no-fail-fast", "--test", "protocol_tests"],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let report = libtest::parse(&run.stdout);
        let build_failure = (!run.success && report.outcomes.is_empty()).then(|| {
            format!(
                "`cargo test` failed in {} before running the tests:\n{}",
                dir.display(),
                tail(&run.stderr, 80)
            )
        });
        summary.add(results(service, &report, build_failure.as_deref(), &known));
        build_failures.extend(build_failure);
    }

    for (protocol, label) in PROTOCOLS {
        println!("{}", summary.line(protocol, label));
    }
    for entry in &known {
        println!("known failure `{}`: {}", entry.id, entry.reason.trim());
    }
    println!("protocol compliance suite took {:.0?}", started.elapsed());
    let problems = summary.problems();
    assert!(
        problems.is_empty(),
        "{} protocol case(s) need attention:\n\n{}\n\n{}",
        problems.len(),
        problems.join("\n\n"),
        build_failures.join("\n\n")
    );
}
