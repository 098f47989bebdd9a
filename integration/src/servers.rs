//! Local Cognito-compatible servers for integration tests.
//!
//! Each server type installs its package on first use (guarded against concurrent
//! installs from parallel tests and parallel test binaries), listens on a free port of
//! 127.0.0.1, and is killed when the value is dropped, including when a test panics.
//!
//! Nothing here skips silently: a missing `npm`, `node` or `python3` is reported as a
//! [`HarnessError`] that names the tool and how to get it.
//!
//! Environment variables understood by the harness:
//!
//! * `INTEGRATION_SERVERS_DIR`: cache directory for installed servers
//!   (default `<workspace>/target/test-servers`);
//! * `INTEGRATION_NPM`, `INTEGRATION_NODE`, `INTEGRATION_PYTHON`: the programs to use
//!   instead of `npm`, `node` and `python3` from `PATH`.

mod aws_json;
mod cognito_local;
mod error;
mod install;
mod moto;
mod process;
mod setup;

pub use aws_json::{
    aws_json_call, aws_json_call_with_headers, aws_json_ok, fake_sigv4_authorization,
    AwsJsonResponse, CONTENT_TYPE, REQUEST_TIMEOUT, TARGET_PREFIX,
};
pub use cognito_local::{CognitoLocal, COGNITO_LOCAL_CODE, COGNITO_LOCAL_VERSION};
pub use error::HarnessError;
pub use install::servers_dir;
pub use moto::{Moto, MOTO_DEFAULT_ACCOUNT, MOTO_DEFAULT_REGION, MOTO_VERSION};
pub use process::{ServerOutput, INSTALL_TIMEOUT, START_TIMEOUT};
pub use setup::{create_pool_client_and_user, TestUser, CUSTOM_ATTRIBUTE, TEST_PASSWORD};
