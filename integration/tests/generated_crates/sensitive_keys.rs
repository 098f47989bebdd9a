//! `@sensitive` map keys, whole sensitive maps and sensitive timestamps (issue 10, findings 1
//! and 2): a model this test owns (`sensitive_keys/model.json`) is generated into a crate,
//! and `sensitive_keys/leaks.rs`, added to it as a test, checks that no planted key or value
//! reaches `Debug`, validation messages, parse errors or a failed call's error.

use integration_tests::generated_crate::{cargo_ok, generate_crate};
use smithy_codegen::model::Model;
use smithy_codegen::{Generator, Settings};

const MODEL: &str = include_str!("sensitive_keys/model.json");
const LEAKS: &str = include_str!("sensitive_keys/leaks.rs");

/// How many tests `leaks.rs` holds; the run must report exactly these as passed.
const LEAK_TESTS: usize = 3;

#[test]
fn sensitive_keys_maps_and_timestamps_never_leak() {
    let model = Model::load(MODEL).unwrap_or_else(|e| panic!("sensitive_keys/model.json: {e}"));
    let generator = Generator::new(model).settings(
        Settings::default()
            .package_name("sensitive-keys")
            .model_source("integration/tests/generated_crates/sensitive_keys/model.json"),
    );
    let dir = generate_crate(
        "sensitive-keys",
        generator,
        &[("tests/leaks.rs".to_owned(), LEAKS.to_owned())],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let run = cargo_ok(&dir, &["test", "--test", "leaks"]).unwrap_or_else(|e| panic!("{e}"));
    let output = format!("{}{}", run.stdout, run.stderr);
    let expected = format!("test result: ok. {LEAK_TESTS} passed");
    assert!(
        output.contains(&expected),
        "expected the {LEAK_TESTS} leak tests to run and pass:\n{output}"
    );
    println!("sensitive keys: {LEAK_TESTS}/{LEAK_TESTS} leak checks passed in the generated crate");
}
