//! Running cargo for the benchmarks: a clean environment, a chosen target dir, timing, and
//! errors that show what cargo said.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The cargo to run: `$CARGO` (set when the runner itself runs under `cargo run`), else
/// `cargo` from `PATH`.
pub fn cargo_program() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// Environment variables that would make a build differ from a plain user's build (extra
/// flags, a compiler cache, someone else's target dir); removed from every cargo we run.
const SCRUBBED: &[&str] = &[
    "RUSTFLAGS",
    "RUSTDOCFLAGS",
    "CARGO_ENCODED_RUSTFLAGS",
    "RUSTC_WRAPPER",
    "RUSTC_WORKSPACE_WRAPPER",
    "CARGO_BUILD_RUSTC_WRAPPER",
    "CARGO_TARGET_DIR",
    "CARGO_BUILD_TARGET_DIR",
    "CARGO_BUILD_JOBS",
    "CARGO_INCREMENTAL",
    "CARGO_PROFILE_RELEASE_STRIP",
];

/// One cargo invocation.
#[derive(Debug)]
pub struct Cargo {
    args: Vec<String>,
    dir: PathBuf,
    target_dir: PathBuf,
    env: Vec<(String, String)>,
}

/// What a successful cargo run printed and how long it took.
#[derive(Debug)]
pub struct Finished {
    /// Wall time of the whole process.
    pub elapsed: Duration,
    /// Standard output.
    pub stdout: String,
    /// Standard error (cargo's progress lines).
    pub stderr: String,
}

impl Cargo {
    /// `cargo <args>` run in `dir` with `target_dir` as `CARGO_TARGET_DIR`.
    pub fn new(args: &[&str], dir: &Path, target_dir: &Path) -> Cargo {
        Cargo {
            args: args.iter().map(|s| s.to_string()).collect(),
            dir: dir.to_path_buf(),
            target_dir: target_dir.to_path_buf(),
            env: Vec::new(),
        }
    }

    /// Sets an environment variable for this run.
    pub fn env(mut self, key: &str, value: &str) -> Cargo {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    /// Runs cargo and waits; fails with cargo's last lines when it does not succeed.
    pub fn run(&self) -> Result<Finished, String> {
        let program = cargo_program();
        let mut command = Command::new(&program);
        command
            .args(&self.args)
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target_dir)
            .env("CARGO_TERM_COLOR", "never");
        for key in SCRUBBED.iter().filter(|key| **key != "CARGO_TARGET_DIR") {
            command.env_remove(key);
        }
        for (key, value) in &self.env {
            command.env(key, value);
        }
        let started = Instant::now();
        let output = command.output().map_err(|e| {
            format!(
                "cannot run `{program}` in {} ({e}); is cargo installed and on PATH?",
                self.dir.display()
            )
        })?;
        let elapsed = started.elapsed();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        if output.status.success() {
            Ok(Finished {
                elapsed,
                stdout,
                stderr,
            })
        } else {
            Err(format!(
                "`cargo {}` failed in {} ({}):\n{}",
                self.args.join(" "),
                self.dir.display(),
                output.status,
                tail(&stderr, 40)
            ))
        }
    }
}

/// The last `lines` lines of `text`.
pub fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// How many crates a cargo build compiled (its `Compiling` lines).
pub fn compiled_crates(stderr: &str) -> usize {
    stderr
        .lines()
        .filter(|line| line.trim_start().starts_with("Compiling "))
        .count()
}

/// Removes `dir` if it exists.
pub fn remove_dir(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot remove {}: {e}", dir.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_compiling_lines() {
        let stderr = "   Compiling libc v0.2.1\n   Compiling foo v0.1.0 (/x)\n    Finished `dev`";
        assert_eq!(compiled_crates(stderr), 2);
        assert_eq!(tail("a\nb\nc", 2), "b\nc");
    }
}
