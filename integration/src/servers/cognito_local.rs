//! The npm package `cognito-local`, run as a child process.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

use super::error::HarnessError;
use super::install::{ensure_installed, servers_dir};
use super::process::INSTALL_TIMEOUT;
use super::process::{find_tool, run_bounded, LaunchSpec, ServerOutput, ServerProcess};

/// The pinned `cognito-local` version (the full dependency tree is pinned by the
/// `package-lock.json` next to this crate's `Cargo.toml`, under `servers/cognito-local`).
pub const COGNITO_LOCAL_VERSION: &str = "5.3.0";

/// The verification code every `cognito-local` started here hands out.
///
/// It is passed as the `CODE` environment variable, which `cognito-local` uses for every
/// one-time code it generates (attribute verification, sign-up confirmation, forgot
/// password) and also as the temporary password of `AdminCreateUser` when the request
/// gives none.
pub const COGNITO_LOCAL_CODE: &str = "123456";

const PACKAGE_JSON: &str = include_str!("../../servers/cognito-local/package.json");
const PACKAGE_LOCK: &str = include_str!("../../servers/cognito-local/package-lock.json");

/// Pool defaults written to `.cognito/config.json`: an empty `UsernameAttributes` makes
/// new pools accept plain user names (instead of requiring e-mail addresses).
const CONFIG_JSON: &str = r#"{"UserPoolDefaults":{"UsernameAttributes":[]}}"#;

/// A running `cognito-local` server on 127.0.0.1, stopped when dropped.
///
/// Its data (pools, users) lives in a fresh temporary directory, so every instance
/// starts empty and leaves nothing behind.
pub struct CognitoLocal {
    process: ServerProcess,
    data_dir: TempDir,
}

impl CognitoLocal {
    /// Installs `cognito-local` if needed, starts it on a free port, and returns once it
    /// answers HTTP.
    ///
    /// Needs `npm` (for the first install) and `node` on `PATH`; fails with
    /// [`HarnessError::ToolMissing`] if either is absent. Blocks for at most
    /// [`INSTALL_TIMEOUT`](super::INSTALL_TIMEOUT) per install step plus
    /// [`START_TIMEOUT`](super::START_TIMEOUT) per launch attempt.
    pub fn start() -> Result<CognitoLocal, HarnessError> {
        let node = find_tool(
            "INTEGRATION_NODE",
            "node",
            "running cognito-local",
            "install Node.js 18 or newer (for example `apt-get install nodejs`) or set INTEGRATION_NODE",
        )?;
        let entry = install()?;

        let data_dir = tempfile::Builder::new()
            .prefix("cognito-local-")
            .tempdir()
            .map_err(|e| HarnessError::io("creating a data directory for cognito-local", e))?;
        let config_dir = data_dir.path().join(".cognito");
        fs::create_dir_all(&config_dir)
            .map_err(|e| HarnessError::io(format!("creating {}", config_dir.display()), e))?;
        let config_path = config_dir.join("config.json");
        fs::write(&config_path, CONFIG_JSON)
            .map_err(|e| HarnessError::io(format!("writing {}", config_path.display()), e))?;

        let cwd = data_dir.path().to_path_buf();
        let process = ServerProcess::launch(|port| LaunchSpec {
            name: "cognito-local",
            program: node.clone(),
            args: vec![entry.clone().into_os_string()],
            env: vec![
                ("HOST", "127.0.0.1".to_owned()),
                ("PORT", port.to_string()),
                ("CODE", COGNITO_LOCAL_CODE.to_owned()),
            ],
            cwd: cwd.clone(),
            probe_path: "/health",
        })?;
        Ok(CognitoLocal { process, data_dir })
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

    /// The working directory; `cognito-local` keeps its database in `.cognito/db` there.
    pub fn data_dir(&self) -> &Path {
        self.data_dir.path()
    }

    /// What the server has logged so far (it logs each request and each error).
    pub fn output(&self) -> ServerOutput {
        self.process.output()
    }
}

/// Installs the pinned package tree into the cache and returns the server's entry script.
fn install() -> Result<PathBuf, HarnessError> {
    let dir = servers_dir().join("cognito-local");
    let entry = dir
        .join("node_modules")
        .join("cognito-local")
        .join("lib")
        .join("bin")
        .join("start.js");
    let fingerprint = format!("{PACKAGE_JSON}\n{PACKAGE_LOCK}");
    ensure_installed(&dir, &fingerprint, &entry, |dir| {
        let npm = find_tool(
            "INTEGRATION_NPM",
            "npm",
            "installing cognito-local",
            "install Node.js with npm (for example `apt-get install npm`) or set INTEGRATION_NPM",
        )?;
        for (name, text) in [
            ("package.json", PACKAGE_JSON),
            ("package-lock.json", PACKAGE_LOCK),
        ] {
            let path = dir.join(name);
            fs::write(&path, text)
                .map_err(|e| HarnessError::io(format!("writing {}", path.display()), e))?;
        }
        let mut command = Command::new(npm);
        command
            .args([
                "ci",
                "--no-audit",
                "--no-fund",
                "--ignore-scripts",
                "--loglevel=error",
            ])
            .current_dir(dir)
            .env("npm_config_update_notifier", "false");
        run_bounded(command, INSTALL_TIMEOUT)?;
        Ok(())
    })?;
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinned_version_matches_package_json() {
        let pin = format!("\"cognito-local\": \"{COGNITO_LOCAL_VERSION}\"");
        assert!(PACKAGE_JSON.contains(&pin), "package.json lacks {pin}");
        assert!(
            PACKAGE_LOCK.contains(&format!("\"version\": \"{COGNITO_LOCAL_VERSION}\"")),
            "package-lock.json does not pin {COGNITO_LOCAL_VERSION}"
        );
    }
}
