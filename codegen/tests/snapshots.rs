//! Snapshot tests (insta): every file generated for the five user-attribute operations of our
//! own Cognito model, and readable dumps of the IR for two test models of our own.
//!
//! A changed snapshot fails the test. Review the `.snap.new` file insta writes next to the
//! old one (or run with `INSTA_UPDATE=always` and read the diff in git) before accepting it:
//! the snapshots are the reviewable record of what the generator emits.

use smithy_codegen::ir::dump;
use smithy_codegen::model::Model;
use smithy_codegen::Generator;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The five operations of the checked-in crate (as in `codegen.toml`).
const COGNITO_OPERATIONS: [&str; 5] = [
    "DeleteUserAttributes",
    "GetUser",
    "GetUserAttributeVerificationCode",
    "UpdateUserAttributes",
    "VerifyUserAttribute",
];

/// Prefix of the generated-file snapshots; the rest of the name is the file's path.
const COGNITO_PREFIX: &str = "cognito__";

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the codegen crate lives inside the workspace")
        .to_path_buf()
}

fn load(path: &Path) -> Model {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    Model::load(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn snapshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("snapshots")
}

/// `src/operation/get_user.rs` → `cognito__src__operation__get_user.rs`.
fn snapshot_name(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("{COGNITO_PREFIX}{}", parts.join("__"))
}

/// Generated like `cargo xtask codegen` does for `generated/cognito-identity-provider`.
fn cognito_generator() -> Generator {
    Generator::new(load(
        &workspace_root().join("models/cognito-identity-provider.json"),
    ))
    .operations(COGNITO_OPERATIONS)
    .package_name("cognito-identity-provider")
    .runtime_path("../../runtime")
    .model_source("models/cognito-identity-provider.json")
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({
            snapshot_path => snapshot_dir(),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

#[test]
fn cognito_generated_files() {
    let generated = cognito_generator().generate().expect("generation succeeds");
    assert!(
        generated.files.len() >= 10,
        "expected Cargo.toml, lib.rs, client.rs, error.rs, types.rs, the operation index and \
         five operation modules; got {:?}",
        generated.files.keys().collect::<Vec<_>>()
    );
    for (path, text) in &generated.files {
        snapshot!(snapshot_name(path), text.as_str());
    }

    // A file the generator no longer emits must not leave its snapshot behind.
    let expected: BTreeSet<String> = generated
        .files
        .keys()
        .map(|path| format!("{}.snap", snapshot_name(path)))
        .collect();
    let on_disk: BTreeSet<String> = std::fs::read_dir(snapshot_dir())
        .expect("the snapshot directory exists")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(COGNITO_PREFIX) && name.ends_with(".snap"))
        .collect();
    let orphans: Vec<&String> = on_disk.difference(&expected).collect();
    assert!(
        orphans.is_empty(),
        "snapshots of files that are no longer generated (delete them): {orphans:?}"
    );
}

#[test]
fn generation_is_deterministic() {
    let first = cognito_generator().generate().expect("generation succeeds");
    let second = cognito_generator().generate().expect("generation succeeds");
    assert_eq!(first, second);
    let small = || dump::render(&small_generator().lower().expect("the small model lowers"));
    assert_eq!(small(), small());
}

fn small_generator() -> Generator {
    Generator::new(load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/models/small.json"),
    ))
    .package_name("garden")
}

#[test]
fn small_model_ir() {
    let ir = small_generator().lower().expect("the small model lowers");
    let text = dump::render(&ir);
    // A few facts the snapshot must show, asserted directly so that accepting a bad snapshot
    // cannot hide them.
    for expected in [
        "grafted_onto: Option<Box<types::Plant /* struct */>>",
        "offshoots: Option<Vec<types::Plant /* struct */>>",
        "note: Option<String> = \"note\" sensitive length(..=500)",
        "plot_id: String = \"plotId\" required length(1..=32) pattern(\"^[a-z0-9-]+$\")",
        "depth_cm: i32 = \"depthCm\" default=5 range(1..=30)",
        "Stake(i32) = \"stake\" methods=is_stake/as_stake range(10..=300)",
        "Partial = 2",
        "Tomato = \"tomato\"",
        "error(server, 503, code=GardenClosed)",
    ] {
        assert!(
            text.contains(expected),
            "IR dump lacks `{expected}`:\n{text}"
        );
    }
    snapshot!("small_ir", text);
}

#[test]
fn obstacle_course_ir() {
    // The names chosen for the obstacle course (see integration/tests/obstacle_course.rs,
    // which compiles and uses the generated crate).
    let model =
        load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/models/obstacle-course.json"));
    let ir = Generator::new(model)
        .package_name("obstacle-course")
        .lower()
        .expect("the obstacle course lowers");
    snapshot!("obstacle_course_ir", dump::render(&ir));
}
