//! Runs the `update-email` example program (examples/update-email) as a user would, against
//! cognito-local, and checks what it prints and what it changed.
//!
//! The binary belongs to another package, so cargo does not build it for this test: the
//! test builds it once with `cargo build -p update-email`, into the target directory and
//! profile this test binary was built with (so nothing is compiled twice).

#[allow(dead_code)] // each test binary uses a different part of it
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::common::{bounded, user_attribute};
use integration_tests::generated_crate::workspace_root;
use integration_tests::servers::{
    aws_json_call, create_pool_client_and_user, CognitoLocal, TestUser,
};
use serde_json::json;

/// Upper bound for building the example (its dependencies are normally built already).
const BUILD_TIMEOUT: Duration = Duration::from_secs(900);

/// Upper bound for one run of the example.
const RUN_TIMEOUT: Duration = Duration::from_secs(60);

/// What a finished process printed.
struct Finished {
    success: bool,
    stdout: String,
    stderr: String,
}

/// Runs `command` to completion, or kills it and panics after `limit`. Output goes through
/// temporary files, so a chatty child never blocks on a full pipe.
fn run_bounded(mut command: Command, what: &str, limit: Duration) -> Finished {
    let stdout = tempfile::tempfile().unwrap_or_else(|e| panic!("temporary file: {e}"));
    let stderr = tempfile::tempfile().unwrap_or_else(|e| panic!("temporary file: {e}"));
    let read_back = |mut file: std::fs::File| {
        use std::io::{Read, Seek};
        let mut text = String::new();
        file.rewind()
            .and_then(|()| file.read_to_string(&mut text))
            .unwrap_or_else(|e| panic!("reading the output of {what}: {e}"));
        text
    };
    let mut child = command
        .stdin(Stdio::null())
        .stdout(stdout.try_clone().unwrap_or_else(|e| panic!("{e}")))
        .stderr(stderr.try_clone().unwrap_or_else(|e| panic!("{e}")))
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "{what} did not finish within {limit:?}; stderr so far:\n{}",
                    read_back(stderr)
                );
            }
            Err(e) => panic!("waiting for {what}: {e}"),
        }
    };
    Finished {
        success: status.success(),
        stdout: read_back(stdout),
        stderr: read_back(stderr),
    }
}

/// The example binary, built on first use.
fn example_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        // <target>/<profile>/deps/<this test binary>
        let exe = std::env::current_exe().unwrap_or_else(|e| panic!("current_exe: {e}"));
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .unwrap_or_else(|| panic!("unexpected test binary location {}", exe.display()));
        let target_dir = profile_dir
            .parent()
            .unwrap_or_else(|| panic!("unexpected test binary location {}", exe.display()));
        let profile = match profile_dir.file_name().and_then(|name| name.to_str()) {
            Some("debug") | None => "dev",
            Some(other) => other,
        };

        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut command = Command::new(cargo);
        command
            .args([
                "build",
                "--quiet",
                "--package",
                "update-email",
                "--bin",
                "update-email",
            ])
            .args(["--profile", profile])
            .arg("--manifest-path")
            .arg(workspace_root().join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", target_dir);
        let built = run_bounded(command, "cargo build -p update-email", BUILD_TIMEOUT);
        assert!(
            built.success,
            "building the example failed:\n{}",
            built.stderr
        );
        let binary = profile_dir.join(format!("update-email{}", std::env::consts::EXE_SUFFIX));
        assert!(binary.is_file(), "no binary at {}", binary.display());
        binary
    })
}

/// Runs the example with `args`, the access token given through the environment.
fn run_example(token: &str, args: &[&str]) -> Finished {
    let mut command = Command::new(example_binary());
    command
        .args(args)
        .env("COGNITO_ACCESS_TOKEN", token)
        .env_remove("AWS_REGION");
    run_bounded(command, "update-email", RUN_TIMEOUT)
}

fn start() -> CognitoLocal {
    CognitoLocal::start().unwrap_or_else(|e| panic!("cognito-local could not be started: {e}"))
}

async fn setup(server: &CognitoLocal) -> TestUser {
    bounded(create_pool_client_and_user(&server.endpoint()))
        .await
        .unwrap_or_else(|e| panic!("setup failed: {e}"))
}

#[tokio::test]
async fn changes_the_email_and_says_where_the_code_went() {
    let server = start();
    let user = setup(&server).await;
    let email = format!("{}@example.org", user.username);
    let endpoint = server.endpoint();

    let run = run_example(
        &user.access_token,
        &[
            "--endpoint",
            &endpoint,
            "--region",
            "us-east-1",
            "--email",
            &email,
        ],
    );
    assert!(
        run.success,
        "update-email failed:\nstdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert_eq!(
        run.stdout,
        format!(
            "Email changed to {email}; it stays unverified until the user enters the code.\n\
             Verification code for email sent by EMAIL to {email}\n"
        ),
        "stderr:\n{}",
        run.stderr
    );

    // The change is real: the pool has the new, not yet verified, address.
    let got = bounded(aws_json_call(
        &endpoint,
        "GetUser",
        json!({"AccessToken": user.access_token}),
    ))
    .await
    .unwrap_or_else(|e| panic!("GetUser could not be sent: {e}"));
    assert_eq!(user_attribute(&got.body, "email"), Some(email.as_str()));
    assert_eq!(user_attribute(&got.body, "email_verified"), Some("false"));
}

#[tokio::test]
async fn a_rejected_token_fails_with_the_service_error() {
    let server = start();
    let endpoint = server.endpoint();
    let run = run_example(
        "not-a-jwt",
        &[
            "--endpoint",
            &endpoint,
            "--region",
            "us-east-1",
            "--email",
            "someone@example.org",
        ],
    );
    assert!(!run.success, "stdout:\n{}", run.stdout);
    assert_eq!(run.stdout, "");
    // cognito-local calls an undecodable token an invalid parameter.
    assert!(
        run.stderr
            .contains("UpdateUserAttributes failed: service error: InvalidParameterException"),
        "{}",
        run.stderr
    );
}

#[test]
fn help_does_not_show_the_token_from_the_environment() {
    let run = run_example("secret-token-value", &["--help"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.contains("--access-token"), "{}", run.stdout);
    assert!(
        run.stdout.contains("COGNITO_ACCESS_TOKEN"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("secret-token-value"), "{}", run.stdout);
}
