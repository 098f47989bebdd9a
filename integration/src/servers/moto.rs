//! The Python package `moto` in server mode, run from a cached virtual environment.

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

use super::error::HarnessError;
use super::install::{ensure_installed, servers_dir};
use super::process::INSTALL_TIMEOUT;
use super::process::{find_tool, run_bounded, LaunchSpec, ServerOutput, ServerProcess};

/// The pinned `moto` version (the whole environment is pinned by `requirements.txt`
/// under `servers/moto` next to this crate's `Cargo.toml`).
pub const MOTO_VERSION: &str = "5.2.5";

/// The region moto files resources under when a request carries no SigV4
/// `Authorization` header naming one.
pub const MOTO_DEFAULT_REGION: &str = "us-east-1";

/// The account id moto uses unless configured otherwise.
pub const MOTO_DEFAULT_ACCOUNT: &str = "123456789012";

const REQUIREMENTS: &str = include_str!("../../servers/moto/requirements.txt");

/// A running `moto_server` on 127.0.0.1, stopped when dropped.
///
/// Every instance keeps its state in memory, so it starts empty.
pub struct Moto {
    process: ServerProcess,
    _work_dir: TempDir,
}

impl Moto {
    /// Creates the virtual environment if needed, starts `moto_server` on a free port,
    /// and returns once it answers HTTP.
    ///
    /// Needs `python3` with the `venv` module for the first install; fails with
    /// [`HarnessError::ToolMissing`] if it is absent. Blocks for at most
    /// [`INSTALL_TIMEOUT`](super::INSTALL_TIMEOUT) per install step plus
    /// [`START_TIMEOUT`](super::START_TIMEOUT) per launch attempt.
    pub fn start() -> Result<Moto, HarnessError> {
        let server = install()?;
        let work_dir = tempfile::Builder::new()
            .prefix("moto-")
            .tempdir()
            .map_err(|e| HarnessError::io("creating a working directory for moto", e))?;
        let cwd = work_dir.path().to_path_buf();
        let process = ServerProcess::launch(|port| LaunchSpec {
            name: "moto_server",
            program: server.clone(),
            args: vec![
                "-H".into(),
                "127.0.0.1".into(),
                "-p".into(),
                port.to_string().into(),
            ],
            env: vec![("PYTHONUNBUFFERED", "1".to_owned())],
            cwd: cwd.clone(),
            probe_path: "/moto-api/",
        })?;
        Ok(Moto {
            process,
            _work_dir: work_dir,
        })
    }

    /// The base URL to send requests to, `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.process.port())
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.process.port()
    }

    /// The server's process id (for checks that it was stopped).
    pub fn pid(&self) -> u32 {
        self.process.pid()
    }

    /// What the server has logged so far (Werkzeug logs each request on stderr, and
    /// Python tracebacks of server-side failures go there too).
    pub fn output(&self) -> ServerOutput {
        self.process.output()
    }
}

/// Creates the pinned virtual environment in the cache and returns `moto_server`'s path.
fn install() -> Result<PathBuf, HarnessError> {
    let python = find_tool(
        "INTEGRATION_PYTHON",
        "python3",
        "installing moto",
        "install Python 3.9 or newer with its venv module (for example `apt-get install python3 python3-venv`) or set INTEGRATION_PYTHON",
    )?;
    let dir = servers_dir().join("moto-venv");
    let server = dir.join("bin").join("moto_server");
    // The venv is tied to the interpreter that made it, so that is part of the stamp.
    let interpreter = interpreter_identity(&python)?;
    let fingerprint = format!("{interpreter}\n{REQUIREMENTS}");
    ensure_installed(&dir, &fingerprint, &server, |dir| {
        let mut venv = Command::new(&python);
        venv.arg("-m").arg("venv").arg(dir);
        run_bounded(venv, INSTALL_TIMEOUT)?;

        let requirements = dir.join("requirements.txt");
        std::fs::write(&requirements, REQUIREMENTS)
            .map_err(|e| HarnessError::io(format!("writing {}", requirements.display()), e))?;
        let mut pip = Command::new(venv_python(dir));
        pip.args([
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-input",
            "--quiet",
            "-r",
        ])
        .arg(&requirements);
        run_bounded(pip, INSTALL_TIMEOUT)?;
        Ok(())
    })?;
    Ok(server)
}

fn venv_python(dir: &Path) -> PathBuf {
    dir.join("bin").join("python")
}

/// The interpreter's real path and version, e.g. `/usr/bin/python3.11 3.11.7 (...)`.
fn interpreter_identity(python: &Path) -> Result<String, HarnessError> {
    let mut command = Command::new(python);
    command.args([
        "-c",
        "import sys; print(sys.executable); print(sys.version)",
    ]);
    run_bounded(command, std::time::Duration::from_secs(60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinned_version_matches_requirements() {
        let pin = format!("moto[cognitoidp]=={MOTO_VERSION}");
        assert!(
            REQUIREMENTS.lines().any(|line| line.trim() == pin),
            "requirements.txt lacks {pin}"
        );
    }
}
