//! Helpers shared by the integration test binaries.

use std::future::Future;
use std::time::Duration;

use serde_json::Value;

/// Upper bound for the network part of one test (server start has its own bounds).
pub const TEST_TIMEOUT: Duration = Duration::from_secs(120);

/// Runs `future` or panics once [`TEST_TIMEOUT`] has passed.
pub async fn bounded<T>(future: impl Future<Output = T>) -> T {
    tokio::time::timeout(TEST_TIMEOUT, future)
        .await
        .unwrap_or_else(|_| panic!("test did not finish within {TEST_TIMEOUT:?}"))
}

/// The value of attribute `name` in a `GetUser` body's `UserAttributes` list.
pub fn user_attribute<'a>(get_user_body: &'a Value, name: &str) -> Option<&'a str> {
    get_user_body
        .get("UserAttributes")?
        .as_array()?
        .iter()
        .find(|attr| attr.get("Name").and_then(Value::as_str) == Some(name))?
        .get("Value")?
        .as_str()
}

/// Whether something still accepts TCP connections on 127.0.0.1:`port`.
pub fn port_is_open(port: u16) -> bool {
    std::net::TcpStream::connect_timeout(
        &std::net::SocketAddr::from(([127, 0, 0, 1], port)),
        Duration::from_millis(500),
    )
    .is_ok()
}

/// Whether a process with this id still exists (zombies included).
pub fn process_exists(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
}
