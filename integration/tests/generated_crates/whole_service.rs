//! The whole official Cognito Identity Provider model (all 113 operations) generates a crate
//! that builds, passes clippy and documents with warnings denied — plain and with the opt-in
//! `serde` feature.
//!
//! The crate is written to `target/generated/cognito-whole-service` and built with the
//! shared target directory of generated crates, so a second run only recompiles what changed.
//! Without the shared data folder the test prints a SKIPPED line (and fails when `CI` is set).

use integration_tests::generated_crate::{cargo_ok, generate_crate, shared_dir};
use smithy_codegen::{Generator, Model, Settings};
use std::time::Instant;

/// Runs one cargo step and reports how long it took.
fn step(dir: &std::path::Path, args: &[&str]) {
    let started = Instant::now();
    if let Err(message) = cargo_ok(dir, args) {
        panic!("{message}");
    }
    eprintln!(
        "whole service: `cargo {}` took {:.1?}",
        args.join(" "),
        started.elapsed()
    );
}

#[test]
fn whole_cognito_service_generates_and_compiles_warning_free() {
    let Some(shared) = shared_dir("whole_cognito_service_generates_and_compiles_warning_free")
    else {
        return;
    };
    let path = shared.join("models").join("cognito-identity-provider.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let model = Model::load(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let generator = Generator::new(model).operations(["*"]).settings(
        Settings::default()
            .package_name("cognito-whole-service")
            .model_source("the official Cognito Identity Provider model"),
    );

    let ir = generator
        .lower()
        .unwrap_or_else(|e| panic!("lowering: {e}"));
    assert_eq!(ir.operations.len(), 113, "every operation of the model");
    let paginated: Vec<&str> = ir
        .operations
        .iter()
        .filter(|op| op.pagination.is_some())
        .map(|op| op.name.as_str())
        .collect();
    for name in [
        "ListUsers",
        "ListGroups",
        "ListUserPools",
        "AdminListGroupsForUser",
    ] {
        assert!(
            paginated.contains(&name),
            "`{name}` has a paginator; paginated: {paginated:?}"
        );
    }

    let started = Instant::now();
    let dir =
        generate_crate("cognito-whole-service", generator, &[]).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("whole service: generated in {:.1?}", started.elapsed());
    let operations = std::fs::read_dir(dir.join("src").join("operation"))
        .map(|entries| entries.count())
        .unwrap_or(0);
    assert_eq!(operations, 114, "113 operation modules and mod.rs");

    step(&dir, &["build", "--quiet"]);
    // The crate has no test targets: checking the library is enough (and half the work).
    step(&dir, &["clippy", "--quiet", "--", "-D", "warnings"]);
    step(
        &dir,
        &[
            "clippy",
            "--quiet",
            "--features",
            "serde",
            "--",
            "-D",
            "warnings",
        ],
    );
    step(&dir, &["doc", "--quiet", "--no-deps"]);
}
