//! Golden output: every file generated for the five user-attribute operations of our own
//! Cognito model must equal the checked-in `generated/cognito-identity-provider` (the one
//! golden copy of each generated file), and insta snapshots of readable IR dumps for two test
//! models of our own.
//!
//! A changed IR snapshot fails the test. Review the `.snap.new` file insta writes next to the
//! old one (or run with `INSTA_UPDATE=always` and read the diff in git) before accepting it:
//! the snapshots are the reviewable record of what the generator emits.

use smithy_codegen::ir::dump;
use smithy_codegen::{Generator, Model, RuntimeDependency, Settings};
use std::path::{Path, PathBuf};

/// The five operations of the checked-in crate (as in `codegen.toml`).
const COGNITO_OPERATIONS: [&str; 5] = [
    "DeleteUserAttributes",
    "GetUser",
    "GetUserAttributeVerificationCode",
    "UpdateUserAttributes",
    "VerifyUserAttribute",
];

/// The checked-in crate generated from those operations (as in `codegen.toml`).
const COGNITO_CRATE: &str = "generated/cognito-identity-provider";

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

/// Generated like `cargo xtask codegen` does for `generated/cognito-identity-provider`.
fn cognito_generator() -> Generator {
    Generator::new(load(
        &workspace_root().join("models/cognito-identity-provider.json"),
    ))
    .operations(COGNITO_OPERATIONS)
    .settings(
        Settings::default()
            .package_name("cognito-identity-provider")
            .runtime(RuntimeDependency::Path("../../runtime".to_owned()))
            .model_source("models/cognito-identity-provider.json"),
    )
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

/// The checked-in crate is the one golden copy of every generated file: the generator's
/// output must equal it byte for byte (`cargo xtask codegen` rewrites it; review the change
/// with `git diff generated/`).
#[test]
fn cognito_generated_files_equal_the_checked_in_crate() {
    let generated = cognito_generator().generate().expect("generation succeeds");
    assert!(
        generated.files.len() >= 10,
        "expected Cargo.toml, lib.rs, client.rs, error.rs, types.rs, the operation index and \
         five operation modules; got {:?}",
        generated.files.keys().collect::<Vec<_>>()
    );
    let dir = workspace_root().join(COGNITO_CRATE);
    let report = generated
        .compare(&dir)
        .expect("the checked-in crate is readable");
    let first_difference = report.changed.first().map(|path| {
        let on_disk = std::fs::read_to_string(dir.join(path)).unwrap_or_default();
        first_differing_line(&on_disk, &generated.files[path])
    });
    assert!(
        report.is_clean(),
        "{COGNITO_CRATE} is not what the generator emits; run `cargo xtask codegen` and review \
         `git diff generated/`.\nDiffering: {:?}\nStale: {:?}\nFirst difference: {}",
        report.changed,
        report.stale,
        first_difference.unwrap_or_default()
    );
}

/// `line N: on disk `…`, generated `…`` for the first line that differs.
fn first_differing_line(on_disk: &str, generated: &str) -> String {
    let mut old = on_disk.lines();
    let mut new = generated.lines();
    for number in 1.. {
        match (old.next(), new.next()) {
            (None, None) => break,
            (a, b) if a == b => continue,
            (a, b) => {
                return format!(
                    "line {number}: on disk `{}`, generated `{}`",
                    a.unwrap_or("<end>"),
                    b.unwrap_or("<end>")
                )
            }
        }
    }
    "only line endings differ".to_owned()
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
    .settings(Settings::default().package_name("garden"))
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
fn rest_json_model_ir() {
    // Our own small restJson1 model: every kind of HTTP binding once.
    let model = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/models/rest-json.json"));
    let ir = Generator::new(model)
        .settings(Settings::default().package_name("library"))
        .lower()
        .expect("the restJson1 model lowers");
    let text = dump::render(&ir);
    for expected in [
        "PutBook PUT /shelves/{shelf}/books/{isbn}?edition=first -> 201 content-md5",
        "in title: body \"Title\"",
        "in arrivedAt: header X-Arrived-At\n",
        "in tags: query tag\n",
        "in labels: prefix headers \"X-Label-\"",
        "GetCover GET /covers/{key+} -> 200",
        "in key: label greedy\n",
        "in since: query since (epoch-seconds)",
        "out image: payload blob image/jpeg",
        "out caption: header X-Caption base64",
        "out status: status code",
        "retryAfter: header Retry-After",
    ] {
        assert!(
            text.contains(expected),
            "IR dump lacks `{expected}`:\n{text}"
        );
    }
    snapshot!("rest_json_ir", text);
}

#[test]
fn obstacle_course_ir() {
    // The names chosen for the obstacle course (see integration/tests/generated_crates/obstacle_course.rs,
    // which compiles and uses the generated crate).
    let model =
        load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/models/obstacle-course.json"));
    let ir = Generator::new(model)
        .settings(Settings::default().package_name("obstacle-course"))
        .lower()
        .expect("the obstacle course lowers");
    snapshot!("obstacle_course_ir", dump::render(&ir));
}

/// A crate meant for another repository depends on the published runtime, not a path.
#[test]
fn a_published_runtime_version_replaces_the_path() {
    let generated = cognito_generator()
        .settings(
            Settings::default()
                .package_name("my-cognito")
                .runtime(RuntimeDependency::Version("0.1".to_owned()))
                .runtime_package("our-smithy-runtime")
                .standalone_workspace(true),
        )
        .generate()
        .expect("generation succeeds");
    let manifest = &generated.files[Path::new("Cargo.toml")];
    assert!(
        manifest.contains(
            "smithy-runtime = { package = \"our-smithy-runtime\", version = \"0.1\", default-features = false }"
        ),
        "{manifest}"
    );
    assert!(!manifest.contains("path ="), "{manifest}");
    assert!(manifest.contains("name = \"my-cognito\"") && manifest.contains("\n[workspace]\n"));
}
