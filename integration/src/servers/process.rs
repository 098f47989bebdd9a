//! Shared process plumbing: finding tools, running bounded install commands, picking a
//! port, launching a server, waiting until it answers, and killing it on drop.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use super::error::HarnessError;

/// Upper bound for one install command (`npm ci`, `python3 -m venv`, `pip install`).
pub const INSTALL_TIMEOUT: Duration = Duration::from_secs(600);

/// Upper bound for a started server to answer its first HTTP request.
pub const START_TIMEOUT: Duration = Duration::from_secs(60);

/// How many fresh ports to try when a server exits right after launch (for example
/// because another process took the port between picking it and binding it).
const LAUNCH_ATTEMPTS: usize = 3;

/// How much of a log is quoted in an error message.
const TAIL_BYTES: usize = 8 * 1024;

const POLL_INTERVAL: Duration = Duration::from_millis(100);

/// Everything a server process has written so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServerOutput {
    /// The captured standard output.
    pub stdout: String,
    /// The captured standard error.
    pub stderr: String,
}

/// Looks a program up, honouring an environment variable that overrides it.
///
/// The override may be a path or a bare name (searched on `PATH` like the default).
pub(crate) fn find_tool(
    override_var: &str,
    default: &str,
    needed_for: &'static str,
    hint: &'static str,
) -> Result<PathBuf, HarnessError> {
    let wanted = std::env::var_os(override_var)
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| OsString::from(default));
    let wanted_path = PathBuf::from(&wanted);
    let missing = || HarnessError::ToolMissing {
        tool: wanted_path.display().to_string(),
        needed_for,
        hint,
    };
    if wanted_path.components().count() > 1 {
        return if is_executable(&wanted_path) {
            Ok(wanted_path)
        } else {
            Err(missing())
        };
    }
    let path_var = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path_var)
        .map(|dir| dir.join(&wanted_path))
        .find(|candidate| is_executable(candidate))
        .ok_or_else(missing)
}

fn is_executable(path: &Path) -> bool {
    fs::metadata(path)
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// Runs an install command to completion within `timeout`, capturing its output.
///
/// On success the end of the combined output is returned (useful for logging); on a
/// non-zero exit or a timeout the error carries it instead.
pub(crate) fn run_bounded(mut command: Command, timeout: Duration) -> Result<String, HarnessError> {
    let description = describe(&command);
    let log = tempfile::tempfile()
        .map_err(|e| HarnessError::io("creating a temporary file for command output", e))?;
    let log_for_stdout = log
        .try_clone()
        .map_err(|e| HarnessError::io("duplicating a file handle", e))?;
    let log_for_stderr = log
        .try_clone()
        .map_err(|e| HarnessError::io("duplicating a file handle", e))?;
    command
        .stdin(Stdio::null())
        .stdout(log_for_stdout)
        .stderr(log_for_stderr);
    let mut child = command
        .spawn()
        .map_err(|e| HarnessError::io(format!("starting `{description}`"), e))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= timeout => {
                // Best effort: the process may have exited in the meantime.
                let _ = child.kill();
                let _ = child.wait();
                return Err(HarnessError::CommandTimedOut {
                    command: description,
                    timeout,
                    output: tail_of_file(log),
                });
            }
            Ok(None) => thread::sleep(POLL_INTERVAL),
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(HarnessError::io(format!("waiting for `{description}`"), e));
            }
        }
    };
    let output = tail_of_file(log);
    if status.success() {
        Ok(output)
    } else {
        Err(HarnessError::CommandFailed {
            command: description,
            status: describe_status(status),
            output,
        })
    }
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

fn describe_status(status: ExitStatus) -> String {
    match status.code() {
        Some(code) => format!("exit code {code}"),
        None => format!("{status}"),
    }
}

fn tail_of_file(mut file: File) -> String {
    use std::io::Seek;
    let mut bytes = Vec::new();
    if file.rewind().is_err() || file.read_to_end(&mut bytes).is_err() {
        return String::from("<output could not be read>");
    }
    tail(&bytes)
}

fn tail(bytes: &[u8]) -> String {
    let start = bytes.len().saturating_sub(TAIL_BYTES);
    let text = String::from_utf8_lossy(&bytes[start..]).into_owned();
    if start > 0 {
        format!("[... {start} earlier bytes omitted ...]\n{text}")
    } else {
        text
    }
}

/// Asks the kernel for a port on 127.0.0.1 that is free right now.
///
/// The port is released before the server binds it, so another process could take it
/// in between; [`ServerProcess::launch`] retries with a new port when that happens.
pub(crate) fn free_port() -> Result<u16, HarnessError> {
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .map_err(|e| HarnessError::io("binding 127.0.0.1:0 to find a free port", e))?;
    let port = listener
        .local_addr()
        .map_err(|e| HarnessError::io("reading the address of a bound socket", e))?
        .port();
    Ok(port)
}

/// How to launch one server on a given port.
pub(crate) struct LaunchSpec {
    /// Human-readable name used in errors.
    pub name: &'static str,
    /// The executable.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<OsString>,
    /// Extra environment variables.
    pub env: Vec<(&'static str, String)>,
    /// Working directory.
    pub cwd: PathBuf,
    /// A path that the server answers with any HTTP response once it is up.
    pub probe_path: &'static str,
}

/// A running server process that is killed when dropped.
pub(crate) struct ServerProcess {
    name: &'static str,
    port: u16,
    child: Child,
    stdout_path: PathBuf,
    stderr_path: PathBuf,
    // Holds the log files; removed after the process is killed (fields drop in order,
    // and `Drop::drop` runs before any field is dropped).
    _logs: TempDir,
}

impl ServerProcess {
    /// Picks a free port, launches the server built by `spec_for_port`, and waits until
    /// it answers HTTP on that port.
    ///
    /// If the process exits before answering, a new port is tried, up to a small number
    /// of attempts; the last failure is returned.
    pub(crate) fn launch(
        spec_for_port: impl Fn(u16) -> LaunchSpec,
    ) -> Result<ServerProcess, HarnessError> {
        let mut last_error = None;
        for _ in 0..LAUNCH_ATTEMPTS {
            let port = free_port()?;
            match Self::launch_once(spec_for_port(port), port) {
                Ok(process) => return Ok(process),
                Err(e @ HarnessError::ServerExited { .. }) => last_error = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last_error.unwrap_or_else(|| {
            HarnessError::io(
                "launching a server",
                std::io::Error::other("no launch attempt was made"),
            )
        }))
    }

    fn launch_once(spec: LaunchSpec, port: u16) -> Result<ServerProcess, HarnessError> {
        let logs = tempfile::Builder::new()
            .prefix("harness-logs-")
            .tempdir()
            .map_err(|e| HarnessError::io("creating a directory for server logs", e))?;
        let stdout_path = logs.path().join("stdout.log");
        let stderr_path = logs.path().join("stderr.log");
        let stdout = File::create(&stdout_path)
            .map_err(|e| HarnessError::io(format!("creating {}", stdout_path.display()), e))?;
        let stderr = File::create(&stderr_path)
            .map_err(|e| HarnessError::io(format!("creating {}", stderr_path.display()), e))?;

        let mut command = Command::new(&spec.program);
        command
            .args(&spec.args)
            .current_dir(&spec.cwd)
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr);
        for (key, value) in &spec.env {
            command.env(key, value);
        }
        let child = command.spawn().map_err(|e| {
            HarnessError::io(
                format!("starting {} ({})", spec.name, spec.program.display()),
                e,
            )
        })?;
        let mut process = ServerProcess {
            name: spec.name,
            port,
            child,
            stdout_path,
            stderr_path,
            _logs: logs,
        };
        process.wait_until_ready(spec.probe_path, START_TIMEOUT)?;
        Ok(process)
    }

    fn wait_until_ready(
        &mut self,
        probe_path: &str,
        timeout: Duration,
    ) -> Result<(), HarnessError> {
        let started = Instant::now();
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => {
                    let output = self.output();
                    return Err(HarnessError::ServerExited {
                        server: self.name,
                        status: describe_status(status),
                        stdout: tail(output.stdout.as_bytes()),
                        stderr: tail(output.stderr.as_bytes()),
                    });
                }
                Ok(None) => {}
                Err(e) => {
                    return Err(HarnessError::io(format!("checking on {}", self.name), e));
                }
            }
            if answers_http(self.port, probe_path) {
                return Ok(());
            }
            if started.elapsed() >= timeout {
                let output = self.output();
                return Err(HarnessError::ServerNotReady {
                    server: self.name,
                    waited: started.elapsed(),
                    stdout: tail(output.stdout.as_bytes()),
                    stderr: tail(output.stderr.as_bytes()),
                });
            }
            thread::sleep(POLL_INTERVAL);
        }
    }

    /// The port the server listens on (on 127.0.0.1).
    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// The operating-system process id.
    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the server has printed so far (lossily decoded as UTF-8).
    pub(crate) fn output(&self) -> ServerOutput {
        let read = |path: &Path| match fs::read(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => format!("<could not read {}: {e}>", path.display()),
        };
        ServerOutput {
            stdout: read(&self.stdout_path),
            stderr: read(&self.stderr_path),
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        // SIGKILL, then reap so no zombie is left; both fail harmlessly if the process
        // has already exited.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether something on 127.0.0.1:`port` answers a plain HTTP GET with a status line.
fn answers_http(port: u16, path: &str) -> bool {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(500)) else {
        return false;
    };
    let timeouts_set = stream
        .set_read_timeout(Some(Duration::from_secs(2)))
        .and_then(|()| stream.set_write_timeout(Some(Duration::from_secs(2))));
    if timeouts_set.is_err() {
        return false;
    }
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 8];
    let mut filled = 0;
    while filled < head.len() {
        match stream.read(&mut head[filled..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => filled += n,
        }
    }
    head[..filled].starts_with(b"HTTP/1.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_keeps_short_text_whole() {
        assert_eq!(tail(b"hello"), "hello");
    }

    #[test]
    fn tail_cuts_long_text_and_says_so() {
        let long = vec![b'x'; TAIL_BYTES + 10];
        let text = tail(&long);
        assert!(text.starts_with("[... 10 earlier bytes omitted ...]\n"));
        assert!(text.ends_with(&"x".repeat(TAIL_BYTES)));
    }

    #[test]
    fn missing_tool_is_reported_with_its_name() {
        let err = find_tool(
            "INTEGRATION_TEST_NO_SUCH_OVERRIDE",
            "no-such-tool-for-the-harness",
            "a unit test",
            "nothing to do",
        )
        .expect_err("a tool that does not exist must not be found");
        let text = err.to_string();
        assert!(text.contains("no-such-tool-for-the-harness"), "{text}");
        assert!(text.contains("a unit test"), "{text}");
    }

    #[test]
    fn bounded_command_reports_failure_output() {
        let mut command = Command::new("sh");
        command.args(["-c", "echo about to fail; exit 3"]);
        let err = run_bounded(command, Duration::from_secs(10))
            .expect_err("a command exiting with 3 must fail");
        let text = err.to_string();
        assert!(text.contains("exit code 3"), "{text}");
        assert!(text.contains("about to fail"), "{text}");
    }

    #[test]
    fn bounded_command_is_killed_at_its_timeout() {
        let mut command = Command::new("sh");
        command.args(["-c", "sleep 30"]);
        let started = Instant::now();
        let err = run_bounded(command, Duration::from_millis(300))
            .expect_err("a command outliving its timeout must fail");
        assert!(matches!(err, HarnessError::CommandTimedOut { .. }), "{err}");
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn launch_reports_early_exit_with_stderr() {
        let err = ServerProcess::launch(|_port| LaunchSpec {
            name: "failing server",
            program: PathBuf::from("sh"),
            args: vec!["-c".into(), "echo broken install >&2; exit 7".into()],
            env: Vec::new(),
            cwd: std::env::temp_dir(),
            probe_path: "/",
        })
        .err()
        .expect("a server that exits at once must not be reported as started");
        let text = err.to_string();
        assert!(text.contains("exit code 7"), "{text}");
        assert!(text.contains("broken install"), "{text}");
    }
}
