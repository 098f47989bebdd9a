//! The checked-in five-operation crate pays only for what its model needs: its default
//! dependency graph holds no proc-macro crate and, since all five operations are unsigned and
//! none is compressed, none of the SigV4 or gzip crates. (`cargo tree` reads the lock file and
//! builds nothing, so this takes about a second.)

use integration_tests::generated_crate::workspace_root;
use std::process::Command;

/// `cargo tree` of the generated crate's normal dependencies, one `name vX (extra)` per line.
fn tree(extra: &[&str]) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(workspace_root())
        .args([
            "tree",
            "--locked",
            "-p",
            "cognito-identity-provider",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--no-dedupe",
        ])
        .args(extra)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut lines: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines.dedup();
    lines
}

fn crate_name(line: &str) -> &str {
    line.split_whitespace().next().unwrap_or_default()
}

#[test]
fn default_graph_has_no_proc_macro_and_no_unused_runtime_features() {
    let graph = tree(&[]);
    println!(
        "dependency graph: cognito-identity-provider (default features) has {} crates",
        graph.len()
    );
    let proc_macros: Vec<&String> = graph
        .iter()
        .filter(|line| line.contains("(proc-macro)"))
        .collect();
    assert!(
        proc_macros.is_empty(),
        "proc-macro crates in the default graph: {proc_macros:?}"
    );
    for unwanted in [
        "aws-sigv4",
        "aws-credential-types",
        "aws-smithy-runtime-api",
        "flate2",
        "serde_derive",
        "tracing-attributes",
        "reqwest",
        // restJson1 only (feature `rest-json`); this crate is awsJson 1.1.
        "md-5",
        "sha2",
        // The generator's ordered maps; a client's JSON needs none.
        "indexmap",
        // Idempotency tokens come from fastrand.
        "uuid",
    ] {
        assert!(
            !graph.iter().any(|line| crate_name(line) == unwanted),
            "`{unwanted}` is in the default graph of an unsigned, uncompressed awsJson crate"
        );
    }
    // Sanity: the tree really is the client's (a broken invocation must not pass vacuously).
    for expected in ["smithy-runtime", "hyper", "rustls", "serde_json"] {
        assert!(
            graph.iter().any(|line| crate_name(line) == expected),
            "`{expected}` missing from {graph:?}"
        );
    }
}

#[test]
fn serde_feature_may_bring_serde_derive() {
    let graph = tree(&["--features", "serde"]);
    assert!(
        graph.iter().any(|line| crate_name(line) == "serde_derive"),
        "the opt-in `serde` feature derives Serialize/Deserialize"
    );
}
