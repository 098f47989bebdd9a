//! Recursive shapes: a model of our own (`codegen/tests/models/recursive.json`) with a
//! structure that reaches itself directly, through a list and through a map, a mutually
//! recursive pair, and a union that reaches itself directly, through a list, a map and a
//! structure. The generated crate must build, pass clippy with warnings denied, and
//! `recursive_shapes/round_trip.rs`, added to it as an integration test, must build deep
//! values of every kind and round-trip them through JSON and through a whole call.

use integration_tests::generated_crate::{cargo_ok, generate_crate, workspace_root};
use smithy_codegen::{Generator, Model, Settings};

const ROUND_TRIP: &str = include_str!("recursive_shapes/round_trip.rs");

/// How many tests `round_trip.rs` holds; the run must report exactly these as passed.
const ROUND_TRIP_TESTS: usize = 6;

#[test]
fn recursive_shapes_build_and_round_trip() {
    let path = workspace_root().join("codegen/tests/models/recursive.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let model = Model::load(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let generator = Generator::new(model).settings(
        Settings::default()
            .package_name("recursive-shapes")
            .model_source("codegen/tests/models/recursive.json"),
    );
    let dir = generate_crate(
        "recursive-shapes",
        generator,
        &[("tests/round_trip.rs".to_owned(), ROUND_TRIP.to_owned())],
    )
    .unwrap_or_else(|e| panic!("{e}"));

    // The round trip writes outputs and reads inputs back: both directions, by feature.
    for args in [
        &["clippy", "--", "-D", "warnings"][..],
        &[
            "clippy",
            "--all-targets",
            "--features",
            "json-round-trip",
            "--",
            "-D",
            "warnings",
        ][..],
        &["test", "--features", "json-round-trip"][..],
    ] {
        let run = cargo_ok(&dir, args).unwrap_or_else(|e| panic!("{e}"));
        if args[0] == "test" {
            let output = format!("{}{}", run.stdout, run.stderr);
            let expected = format!("test result: ok. {ROUND_TRIP_TESTS} passed");
            assert!(
                output.contains(&expected),
                "expected the {ROUND_TRIP_TESTS} round-trip tests to run and pass:\n{output}"
            );
        }
    }
}
