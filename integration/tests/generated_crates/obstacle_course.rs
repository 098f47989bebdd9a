//! The naming obstacle course: a model of our own (`codegen/tests/models/obstacle-course.json`)
//! whose members, shapes, enum values and operations are named to collide with Rust keywords,
//! std and prelude names, the methods the generator adds, and each other after case
//! conversion. The generated crate must build, pass clippy and rustdoc with warnings denied,
//! and be usable: `obstacle_course/use_renamed_items.rs` is added to it as an integration test
//! that calls the renamed items and checks the wire names.

use integration_tests::generated_crate::{cargo_ok, generate_crate, workspace_root};
use smithy_codegen::{Generator, Model, Settings};

const USE_RENAMED_ITEMS: &str = include_str!("obstacle_course/use_renamed_items.rs");

#[test]
fn obstacle_course_crate_builds_lints_documents_and_works() {
    let path = workspace_root().join("codegen/tests/models/obstacle-course.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let model = Model::load(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let generator = Generator::new(model).settings(
        Settings::default()
            .package_name("obstacle-course")
            .model_source("codegen/tests/models/obstacle-course.json"),
    );
    let dir = generate_crate(
        "obstacle-course",
        generator,
        &[(
            "tests/use_renamed_items.rs".to_owned(),
            USE_RENAMED_ITEMS.to_owned(),
        )],
    )
    .unwrap_or_else(|e| panic!("{e}"));

    for args in [
        &["build"][..],
        &["clippy", "--all-targets", "--", "-D", "warnings"][..],
        &["doc", "--no-deps"][..],
        &["test"][..],
    ] {
        let run = cargo_ok(&dir, args).unwrap_or_else(|e| panic!("{e}"));
        if args[0] == "test" {
            // Not silently empty: the usage tests ran and passed.
            let output = format!("{}{}", run.stdout, run.stderr);
            assert!(
                output.contains("test result: ok. 7 passed"),
                "expected the 7 usage tests to run and pass:\n{output}"
            );
        }
    }
}
