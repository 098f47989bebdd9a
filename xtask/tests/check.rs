//! Runs the real `xtask` binary (what `cargo xtask codegen` runs) against temporary output
//! directories: `--check` must fail naming an edited, missing or stray file, and two clean
//! generations must be byte-identical.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

/// `xtask codegen --model models/cognito-identity-provider.json --ops GetUser --out <out>`,
/// plus `extra` arguments, run from the workspace root.
fn codegen(out: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(workspace_root())
        .args([
            "codegen",
            "--model",
            "models/cognito-identity-provider.json",
            "--ops",
            "GetUser",
            "--out",
        ])
        .arg(out)
        .args(extra)
        .output()
        .expect("the xtask binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn generate(out: &Path) {
    let output = codegen(out, &[]);
    assert!(
        output.status.success(),
        "generation failed:\n{}",
        stderr(&output)
    );
}

/// Every file under `dir`, by relative path.
fn read_tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("readable directory") {
            let path = entry.expect("readable entry").path();
            if path.is_dir() {
                walk(root, &path, files);
            } else {
                let relative = path.strip_prefix(root).expect("inside root").to_path_buf();
                files.insert(relative, std::fs::read(&path).expect("readable file"));
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

#[test]
fn check_fails_naming_an_edited_file() {
    let temp = tempfile::tempdir().expect("a temporary directory");
    let out = temp.path().join("get-user");
    generate(&out);

    let clean = codegen(&out, &["--check"]);
    assert!(
        clean.status.success(),
        "a fresh generation must pass --check:\n{}",
        stderr(&clean)
    );

    let edited = out.join("src/operation/get_user.rs");
    let mut text = std::fs::read_to_string(&edited).expect("get_user.rs was generated");
    text.push_str("\n// a hand edit\n");
    std::fs::write(&edited, text).expect("writable");
    let stale = codegen(&out, &["--check"]);
    let message = stderr(&stale);
    assert!(
        !stale.status.success(),
        "--check passed after an edit:\n{message}"
    );
    assert!(
        message.contains("src/operation/get_user.rs"),
        "--check must name the edited file:\n{message}"
    );
    assert!(
        !message.contains("src/types.rs"),
        "--check must name only the files that differ:\n{message}"
    );
    // --check never writes: the edit is still there.
    let after = std::fs::read_to_string(&edited).expect("readable");
    assert!(after.ends_with("// a hand edit\n"));

    // Regenerating repairs it, and --check is happy again.
    generate(&out);
    assert!(codegen(&out, &["--check"]).status.success());
}

#[test]
fn check_fails_naming_missing_and_stray_files() {
    let temp = tempfile::tempdir().expect("a temporary directory");
    let out = temp.path().join("get-user");
    generate(&out);

    std::fs::remove_file(out.join("src/types.rs")).expect("types.rs was generated");
    std::fs::write(out.join("src/operation/removed_op.rs"), "// left over\n").expect("writable");
    let stale = codegen(&out, &["--check"]);
    let message = stderr(&stale);
    assert!(!stale.status.success(), "--check passed:\n{message}");
    assert!(
        message.contains("src/types.rs"),
        "--check must name the missing file:\n{message}"
    );
    assert!(
        message.contains("src/operation/removed_op.rs"),
        "--check must name the stray file:\n{message}"
    );

    // Writing restores the missing file and removes the stray one.
    generate(&out);
    assert!(out.join("src/types.rs").is_file());
    assert!(!out.join("src/operation/removed_op.rs").exists());
    assert!(codegen(&out, &["--check"]).status.success());
}

#[test]
fn clean_regeneration_is_byte_identical() {
    let temp = tempfile::tempdir().expect("a temporary directory");
    // Same depth, so the relative path to the runtime is the same in both.
    let first = temp.path().join("first");
    let second = temp.path().join("second");
    generate(&first);
    generate(&second);
    let first_files = read_tree(&first);
    let second_files = read_tree(&second);
    assert!(
        first_files.contains_key(Path::new("src/operation/get_user.rs"))
            && first_files.contains_key(Path::new("Cargo.toml")),
        "unexpected output: {:?}",
        first_files.keys().collect::<Vec<_>>()
    );
    assert_eq!(
        first_files.keys().collect::<Vec<_>>(),
        second_files.keys().collect::<Vec<_>>(),
        "both runs must produce the same files"
    );
    for (path, bytes) in &first_files {
        assert!(
            bytes == &second_files[path],
            "{} differs between two generations",
            path.display()
        );
    }

    // Generating over an up-to-date directory changes nothing.
    let again = codegen(&first, &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("0 changed, 0 stale"),
        "a repeated generation must not rewrite files:\n{}",
        stderr(&again)
    );
    assert_eq!(read_tree(&first), first_files);
}
