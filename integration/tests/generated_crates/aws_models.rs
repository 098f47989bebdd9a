//! Every official AWS model in the shared data folder (`models/aws/*.json`, plus the Cognito
//! model) is generated whole, as a new user would: `--ops '*'`, default package name.
//!
//! Models whose protocol the generator supports are written into ONE cargo workspace
//! (`<target>/aws-models`, one target directory for all of them) and must pass
//! `cargo clippy -- -D warnings` (which checks them) and `cargo doc --no-deps` with rustdoc
//! warnings denied. A model in another protocol must be refused with the generator's
//! "unsupported protocol" answer (which is what decides support: nothing here lists
//! protocols), and is reported as such. The test prints one line per model and
//! `aws models: N/M generate, N/M lint-clean`.
//!
//! Without the shared data folder the test prints a SKIPPED line, and fails when `CI` is set
//! (`test_support::shared_dir`).

use integration_tests::generated_crate::{shared_dir, workspace_root};
use smithy_codegen::model::Model;
use smithy_codegen::{Generator, RuntimeDependency, Settings};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// What became of one model.
enum Outcome {
    /// Generated into `crates/<dir>` as package `package`.
    Generated {
        dir: String,
        package: String,
        operations: usize,
        lines: usize,
        took: Duration,
        warnings: usize,
    },
    /// Refused for its protocol (the generator's message).
    UnsupportedProtocol(String),
    /// Anything else: a failure.
    Failed(String),
}

struct Tried {
    model: String,
    outcome: Outcome,
}

/// The workspace the crates are generated into (under the cargo target directory).
fn corpus_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    let target = if target.is_absolute() {
        target
    } else {
        workspace_root().join(target)
    };
    target.join("aws-models")
}

fn models(shared: &Path) -> Vec<PathBuf> {
    let dir = shared.join("models").join("aws");
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut models: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    models.sort();
    models.push(shared.join("models").join("cognito-identity-provider.json"));
    models
}

fn try_model(path: &Path, crates: &Path) -> Tried {
    let model_name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let outcome = generate(path, &model_name, crates).unwrap_or_else(Outcome::Failed);
    Tried {
        model: model_name,
        outcome,
    }
}

fn generate(path: &Path, name: &str, crates: &Path) -> Result<Outcome, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let model = Model::load(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let started = Instant::now();
    let runtime = workspace_root().join("runtime").display().to_string();
    let generated = Generator::new(model)
        .operations(["*"])
        .settings(
            Settings::default()
                .runtime(RuntimeDependency::Path(runtime))
                .model_source(format!("the official model `{name}`")),
        )
        .generate();
    let took = started.elapsed();
    let generated = match generated {
        Ok(generated) => generated,
        Err(e) if e.is_unsupported_protocol() => {
            return Ok(Outcome::UnsupportedProtocol(e.to_string()))
        }
        Err(e) => return Err(e.to_string()),
    };
    let dir = crates.join(name);
    generated
        .write_to(&dir)
        .map_err(|e| format!("writing {}: {e}", dir.display()))?;
    let manifest = &generated.files[Path::new("Cargo.toml")];
    let package = manifest
        .lines()
        .find_map(|line| line.strip_prefix("name = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .ok_or("the generated Cargo.toml has no package name")?
        .to_owned();
    let operations = generated
        .files
        .keys()
        .filter(|p| p.starts_with("src/operation") && !p.ends_with("mod.rs"))
        .count();
    let lines = generated.files.values().map(|f| f.lines().count()).sum();
    Ok(Outcome::Generated {
        dir: name.to_owned(),
        package,
        operations,
        lines,
        took,
        warnings: generated.warnings.len(),
    })
}

/// The workspace manifest: every generated crate, no debug info, no incremental state (the
/// crates are built once per run; both only cost time and disk here).
fn write_workspace(corpus: &Path, members: &[&str]) {
    let members: Vec<String> = members
        .iter()
        .map(|m| format!("    \"crates/{m}\","))
        .collect();
    let manifest = format!(
        "# Written by integration/tests/aws_models.rs.\n[workspace]\nresolver = \"2\"\nmembers = [\n{}\n]\n\n[profile.dev]\ndebug = 0\nincremental = false\n",
        members.join("\n")
    );
    write_if_changed(&corpus.join("Cargo.toml"), &manifest);
    // The project's lock file pins the runtime's dependencies to the versions CI tests.
    let lock = std::fs::read_to_string(workspace_root().join("Cargo.lock"))
        .unwrap_or_else(|e| panic!("cannot read Cargo.lock: {e}"));
    write_if_changed(&corpus.join("Cargo.lock"), &lock);
}

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// Removes crate directories of models that are no longer tried.
fn remove_stale_crates(crates: &Path, keep: &BTreeSet<&str>) {
    let Ok(entries) = std::fs::read_dir(crates) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !keep.contains(name.as_str()) {
            let path = entry.path();
            std::fs::remove_dir_all(&path)
                .unwrap_or_else(|e| panic!("cannot remove {}: {e}", path.display()));
        }
    }
}

/// Runs cargo over the whole workspace with `--keep-going`; returns the packages it names in
/// "could not compile/document `x`" lines, and the output for the failure message.
fn cargo_step(corpus: &Path, args: &[&str]) -> (BTreeSet<String>, String) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let started = Instant::now();
    let output = Command::new(cargo)
        .args(args)
        .current_dir(corpus)
        .env("CARGO_TARGET_DIR", corpus.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo in {}: {e}", corpus.display()));
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    eprintln!(
        "aws models: `cargo {}` took {:.0?}",
        args.join(" "),
        started.elapsed()
    );
    let failed: BTreeSet<String> = stderr
        .lines()
        .filter_map(|line| {
            let rest = line
                .strip_prefix("error: could not compile `")
                .or_else(|| line.strip_prefix("error: could not document `"))?;
            rest.split('`').next().map(str::to_owned)
        })
        .collect();
    if !output.status.success() && failed.is_empty() {
        panic!(
            "`cargo {}` failed in {} before building any crate:\n{stderr}",
            args.join(" "),
            corpus.display()
        );
    }
    (failed, stderr)
}

#[test]
fn official_aws_models_generate_and_are_lint_clean() {
    let Some(shared) = shared_dir("official_aws_models_generate_and_are_lint_clean") else {
        return;
    };
    let corpus = corpus_dir();
    let crates = corpus.join("crates");
    let tried: Vec<Tried> = models(&shared)
        .iter()
        .map(|path| try_model(path, &crates))
        .collect();
    let generated: Vec<(&str, &str)> = tried
        .iter()
        .filter_map(|t| match &t.outcome {
            Outcome::Generated { dir, package, .. } => Some((dir.as_str(), package.as_str())),
            _ => None,
        })
        .collect();
    assert!(
        !generated.is_empty(),
        "no model generated: nothing would be checked"
    );
    let dirs: Vec<&str> = generated.iter().map(|(dir, _)| *dir).collect();
    remove_stale_crates(&crates, &dirs.iter().copied().collect());
    write_workspace(&corpus, &dirs);

    let (lint_failed, clippy_out) = cargo_step(
        &corpus,
        &[
            "clippy",
            "--workspace",
            "--keep-going",
            "--",
            "-D",
            "warnings",
        ],
    );
    let (doc_failed, doc_out) = cargo_step(
        &corpus,
        &["doc", "--workspace", "--no-deps", "--keep-going"],
    );

    let total = tried.len();
    let mut clean = 0;
    let mut problems = Vec::new();
    eprintln!(
        "{:<28} {:>5} {:>9} {:>8}  result",
        "model", "ops", "gen time", "lines"
    );
    for t in &tried {
        let line = match &t.outcome {
            Outcome::Generated {
                package,
                operations,
                lines,
                took,
                warnings,
                ..
            } => {
                let lint_ok = !lint_failed.contains(package);
                let doc_ok = !doc_failed.contains(package);
                if lint_ok && doc_ok {
                    clean += 1;
                } else {
                    problems.push(format!(
                        "{}: clippy {}, rustdoc {}",
                        t.model,
                        if lint_ok { "clean" } else { "FAILED" },
                        if doc_ok { "clean" } else { "FAILED" }
                    ));
                }
                format!(
                    "{:<28} {operations:>5} {:>7}ms {lines:>8}  {}{}",
                    t.model,
                    took.as_millis(),
                    if lint_ok && doc_ok {
                        "lint-clean"
                    } else {
                        "LINT FAILURES"
                    },
                    if *warnings > 0 {
                        format!(" ({warnings} generator warnings)")
                    } else {
                        String::new()
                    }
                )
            }
            Outcome::UnsupportedProtocol(message) => {
                assert!(
                    message.contains("uses `") && message.contains("supports `"),
                    "{}: the refusal must name the protocol found and the supported ones: {message}",
                    t.model
                );
                format!(
                    "{:<28} {:>5} {:>9} {:>8}  unsupported protocol",
                    t.model, "-", "-", "-"
                )
            }
            Outcome::Failed(message) => {
                problems.push(format!("{}: generation failed: {message}", t.model));
                format!(
                    "{:<28} {:>5} {:>9} {:>8}  GENERATION FAILED",
                    t.model, "-", "-", "-"
                )
            }
        };
        eprintln!("{line}");
    }
    let unsupported = tried
        .iter()
        .filter(|t| matches!(t.outcome, Outcome::UnsupportedProtocol(_)))
        .count();
    eprintln!(
        "aws models: {}/{total} generate, {clean}/{total} lint-clean ({unsupported} unsupported protocol)",
        generated.len()
    );
    assert!(
        problems.is_empty(),
        "{}\n\nclippy:\n{}\n\nrustdoc:\n{}",
        problems.join("\n"),
        tail(&clippy_out, 120),
        tail(&doc_out, 120)
    );
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
