//! Runs the real `xtask` binary: `diff` exit statuses (`--fail-on`), formats and scopes, and
//! `sync-model` on a temporary copy of our model.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NS: &str = "com.amazonaws.cognitoidentityprovider#";

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

fn our_model_path() -> PathBuf {
    workspace_root().join("models/cognito-identity-provider.json")
}

fn our_model() -> Value {
    serde_json::from_str(&std::fs::read_to_string(our_model_path()).unwrap()).unwrap()
}

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(workspace_root())
        .args(args)
        .output()
        .expect("the xtask binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Writes our model changed by `change` into `dir` and returns its path.
fn changed_copy(dir: &Path, change: impl FnOnce(&mut Value)) -> String {
    let mut model = our_model();
    change(&mut model);
    let path = dir.join("new.json");
    std::fs::write(&path, serde_json::to_string_pretty(&model).unwrap()).unwrap();
    path.display().to_string()
}

fn remove_required(model: &mut Value, shape: &str, member: &str) {
    model["shapes"][format!("{NS}{shape}")]["members"][member]["traits"]
        .as_object_mut()
        .unwrap()
        .remove("smithy.api#required")
        .expect("the member was required");
}

/// `xtask diff OURS <new> <extra…>`: (status code, stdout, stderr).
fn diff(new: &str, extra: &[&str]) -> (i32, String, String) {
    let old = our_model_path().display().to_string();
    let mut args = vec!["diff", old.as_str(), new];
    args.extend_from_slice(extra);
    let output = xtask(&args);
    (
        output.status.code().expect("exited normally"),
        text(&output.stdout),
        text(&output.stderr),
    )
}

#[test]
fn fail_on_error_exits_1_for_a_breaking_change() {
    let dir = tempfile::tempdir().unwrap();
    let new = changed_copy(dir.path(), |m| remove_required(m, "AttributeType", "Name"));
    let (status, stdout, stderr) = diff(
        &new,
        &[
            "--ops",
            "GetUser,UpdateUserAttributes",
            "--fail-on",
            "error",
        ],
    );
    assert_eq!(status, 1, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(
        stdout.contains("[ERROR] com.amazonaws.cognitoidentityprovider#AttributeType$Name"),
        "{stdout}"
    );
    assert!(
        stdout.contains("ChangedNullability.RemovedRequiredTrait"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Rust API: field `name` of `AttributeType` becomes `Option<String>`"),
        "{stdout}"
    );
    assert!(stderr.contains("--fail-on error"), "{stderr}");
    // Without a threshold the same report exits 0.
    let (status, _, _) = diff(&new, &["--ops", "GetUser"]);
    assert_eq!(status, 0);
}

#[test]
fn fail_on_danger_catches_what_fail_on_error_lets_through() {
    let dir = tempfile::tempdir().unwrap();
    let new = changed_copy(dir.path(), |m| {
        remove_required(m, "UpdateUserAttributesRequest", "UserAttributes")
    });
    let (status, stdout, _) = diff(&new, &["--fail-on", "error"]);
    assert_eq!(status, 0, "{stdout}");
    assert!(stdout.contains("[DANGER]"), "{stdout}");
    let (status, _, stderr) = diff(&new, &["--fail-on", "danger"]);
    assert_eq!(status, 1, "{stderr}");
}

#[test]
fn unchanged_model_exits_0_in_every_scope() {
    let ours = our_model_path().display().to_string();
    for extra in [
        &[][..],
        &["--crate", "cognito-identity-provider"][..],
        &["--all-shapes"][..],
    ] {
        let (status, stdout, stderr) = diff(&ours, &[extra, &["--fail-on", "danger"][..]].concat());
        assert_eq!(status, 0, "{extra:?}: {stderr}");
        assert_eq!(stdout, "Model diff: no changes\n", "{extra:?}");
    }
}

#[test]
fn bad_input_exits_2_with_a_reason() {
    let (status, _, stderr) = diff("does/not/exist.json", &[]);
    assert_eq!(status, 2);
    assert!(
        stderr.contains("cannot read model does/not/exist.json"),
        "{stderr}"
    );
    let ours = our_model_path().display().to_string();
    let (status, _, stderr) = diff(&ours, &["--ops", "NoSuchOperation"]);
    assert_eq!(status, 2);
    assert!(
        stderr.contains("`NoSuchOperation` found in neither model"),
        "{stderr}"
    );
    let (status, _, stderr) = diff(&ours, &["--crate", "nope"]);
    assert_eq!(status, 2);
    assert!(
        stderr.contains("no crate `nope` in codegen.toml"),
        "{stderr}"
    );
}

#[test]
fn json_and_markdown_formats() {
    let dir = tempfile::tempdir().unwrap();
    let new = changed_copy(dir.path(), |m| {
        m["shapes"][format!("{NS}DeliveryMediumType")]["members"]
            .as_object_mut()
            .unwrap()
            .remove("EMAIL");
    });
    let (status, stdout, _) = diff(&new, &["--format", "json"]);
    assert_eq!(status, 0);
    let report: Value = serde_json::from_str(&stdout).expect("JSON output");
    assert_eq!(report["summary"]["maxSeverity"], "ERROR");
    assert_eq!(report["events"][0]["id"], "ChangedEnumTrait.Removed");
    let (_, stdout, _) = diff(&new, &["--format", "markdown"]);
    assert!(
        stdout.contains("| Severity | Shape | Change | Rust API |"),
        "{stdout}"
    );
    assert!(
        stdout.contains("`DeliveryMediumType::Email` is gone"),
        "{stdout}"
    );
}

/// The shared folder (`$SHARED_DIR`, else `../shared`), or `None` after a loud notice (a
/// failure when `CI` is set).
fn shared_dir() -> Option<PathBuf> {
    test_support::shared_dir("xtask sync-model test")
}

#[test]
fn sync_model_rewrites_a_drifted_copy_and_reports_the_change() {
    let Some(shared) = shared_dir() else {
        return;
    };
    let official = shared.join("models/cognito-identity-provider.json");
    let dir = tempfile::tempdir().unwrap();
    let copy = changed_copy(dir.path(), |m| {
        m["shapes"][format!("{NS}AttributeNameType")]["traits"]["smithy.api#length"]["max"] =
            serde_json::json!(10);
    });
    let ops = "GetUser,UpdateUserAttributes,DeleteUserAttributes,GetUserAttributeVerificationCode,VerifyUserAttribute";
    let official = official.display().to_string();
    let args = [
        "sync-model",
        "--from",
        official.as_str(),
        "--model",
        copy.as_str(),
        "--ops",
        ops,
    ];

    let dry = xtask(&[&args[..], &["--dry-run"]].concat());
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    assert!(
        text(&dry.stderr).contains("would change"),
        "{}",
        text(&dry.stderr)
    );
    assert!(std::fs::read_to_string(&copy)
        .unwrap()
        .contains("\"max\": 10"));

    let run = xtask(&args);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let stdout = text(&run.stdout);
    assert!(
        stdout.contains("ChangedLengthTrait") || stdout.contains("smithy.api#length"),
        "{stdout}"
    );
    // The copy now equals our (in-line) model byte for byte.
    assert_eq!(
        std::fs::read_to_string(&copy).unwrap(),
        std::fs::read_to_string(our_model_path()).unwrap()
    );
    let again = xtask(&args);
    assert!(
        text(&again.stderr).contains("already in line"),
        "{}",
        text(&again.stderr)
    );
}

#[test]
fn sync_model_reads_an_idl_official_model() {
    let dir = tempfile::tempdir().unwrap();
    let official = dir.path().join("official.smithy");
    std::fs::write(
        &official,
        "$version: \"2.0\"\nnamespace ns\n\nservice S { version: \"1\", operations: [Op] }\n\n/// Official words.\noperation Op { input: In }\n\n@input\nstructure In {\n    @length(max: 8)\n    name: String\n}\n",
    )
    .unwrap();
    let ours = dir.path().join("ours.json");
    let ours_json = serde_json::json!({
        "smithy": "2.0",
        "shapes": {
            "ns#S": {"type": "service", "version": "1", "operations": [{"target": "ns#Op"}]},
            "ns#Op": {"type": "operation", "input": {"target": "ns#In"},
                      "traits": {"smithy.api#documentation": "Our words."}},
            "ns#In": {"type": "structure", "members": {"name": {"target": "smithy.api#String"}},
                      "traits": {"smithy.api#input": {}}}
        }
    });
    std::fs::write(&ours, serde_json::to_string_pretty(&ours_json).unwrap()).unwrap();
    let (official, ours_path) = (official.display().to_string(), ours.display().to_string());
    let run = xtask(&[
        "sync-model",
        "--from",
        &official,
        "--model",
        &ours_path,
        "--ops",
        "Op",
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let synced: Value = serde_json::from_str(&std::fs::read_to_string(&ours).unwrap()).unwrap();
    assert_eq!(
        synced["shapes"]["ns#In"]["members"]["name"]["traits"]["smithy.api#length"]["max"],
        8
    );
    assert_eq!(
        synced["shapes"]["ns#Op"]["traits"]["smithy.api#documentation"],
        "Our words."
    );
    assert!(
        text(&run.stdout).contains("ChangedLengthTrait"),
        "{}",
        text(&run.stdout)
    );
}
