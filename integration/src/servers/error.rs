//! The one error type of the harness.

use std::fmt;
use std::io;
use std::path::PathBuf;
use std::time::Duration;

/// Everything that can go wrong while installing, starting or talking to a test server.
///
/// The messages are meant to be read in a failed test's output, so they carry the
/// context needed to act on them: the command that failed, the captured output of a
/// server that did not come up, or the body of an unexpected response.
#[derive(Debug)]
#[non_exhaustive]
pub enum HarnessError {
    /// A program the harness needs is not on `PATH` (or at the overridden location).
    ToolMissing {
        /// The program that was looked for.
        tool: String,
        /// What the program is needed for.
        needed_for: &'static str,
        /// How to make it available.
        hint: &'static str,
    },
    /// A file-system or process operation failed.
    Io {
        /// What the harness was doing.
        context: String,
        /// The underlying error.
        source: io::Error,
    },
    /// An install command (npm, pip, venv) exited unsuccessfully.
    CommandFailed {
        /// The command line, for the reader.
        command: String,
        /// How it ended.
        status: String,
        /// The end of its combined stdout and stderr.
        output: String,
    },
    /// An install command did not finish in time and was killed.
    CommandTimedOut {
        /// The command line, for the reader.
        command: String,
        /// The limit that was exceeded.
        timeout: Duration,
        /// The end of its combined stdout and stderr.
        output: String,
    },
    /// Another test held the install lock for longer than the install timeout.
    LockTimeout {
        /// The lock file.
        path: PathBuf,
        /// How long the harness waited.
        waited: Duration,
    },
    /// The server process ended before it answered on its port.
    ServerExited {
        /// Which server.
        server: &'static str,
        /// How it ended.
        status: String,
        /// The end of its stdout.
        stdout: String,
        /// The end of its stderr.
        stderr: String,
    },
    /// The server process kept running but never answered on its port.
    ServerNotReady {
        /// Which server.
        server: &'static str,
        /// How long the harness waited.
        waited: Duration,
        /// The end of its stdout.
        stdout: String,
        /// The end of its stderr.
        stderr: String,
    },
    /// An HTTP request could not be sent or its response could not be read.
    Http {
        /// The operation being called.
        operation: String,
        /// The underlying error (connection refused, timeout, ...).
        source: reqwest::Error,
    },
    /// A setup call answered with a status or body the harness cannot use.
    UnexpectedResponse {
        /// The operation being called.
        operation: String,
        /// The HTTP status code.
        status: u16,
        /// What was wrong.
        problem: String,
        /// The raw response body.
        body: String,
    },
}

impl HarnessError {
    /// Wraps an I/O error with a description of what was being done.
    pub(crate) fn io(context: impl Into<String>, source: io::Error) -> Self {
        HarnessError::Io {
            context: context.into(),
            source,
        }
    }
}

impl fmt::Display for HarnessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HarnessError::ToolMissing {
                tool,
                needed_for,
                hint,
            } => write!(
                f,
                "`{tool}` was not found but is needed for {needed_for}; {hint}"
            ),
            HarnessError::Io { context, source } => write!(f, "{context}: {source}"),
            HarnessError::CommandFailed {
                command,
                status,
                output,
            } => write!(
                f,
                "`{command}` failed ({status}); its output ends with:\n{output}"
            ),
            HarnessError::CommandTimedOut {
                command,
                timeout,
                output,
            } => write!(
                f,
                "`{command}` did not finish within {timeout:?} and was killed; its output ends with:\n{output}"
            ),
            HarnessError::LockTimeout { path, waited } => write!(
                f,
                "could not take the install lock {} within {waited:?}; another test run may be stuck installing",
                path.display()
            ),
            HarnessError::ServerExited {
                server,
                status,
                stdout,
                stderr,
            } => write!(
                f,
                "{server} exited ({status}) before answering on its port\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}"
            ),
            HarnessError::ServerNotReady {
                server,
                waited,
                stdout,
                stderr,
            } => write!(
                f,
                "{server} did not answer on its port within {waited:?}\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}"
            ),
            HarnessError::Http { operation, source } => {
                write!(f, "HTTP request for {operation} failed: {source}")
            }
            HarnessError::UnexpectedResponse {
                operation,
                status,
                problem,
                body,
            } => write!(
                f,
                "{operation} answered HTTP {status}: {problem}; body: {body}"
            ),
        }
    }
}

impl std::error::Error for HarnessError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            HarnessError::Io { source, .. } => Some(source),
            HarnessError::Http { source, .. } => Some(source),
            _ => None,
        }
    }
}
