//! Captures everything logged through `tracing` at TRACE level (ours and the transport
//! crates') while a future runs on a current-thread runtime with I/O and timers.

#![allow(dead_code)]

use std::io::Write;
use std::sync::{Arc, Mutex};

/// A `MakeWriter` that appends everything to a shared buffer.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Buffer {
    type Writer = Buffer;

    fn make_writer(&'a self) -> Buffer {
        self.clone()
    }
}

/// Runs `work` and returns its result with the captured log.
pub fn capture<T>(work: impl std::future::Future<Output = T>) -> (T, String) {
    let buffer = Buffer::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(buffer.clone())
        .finish();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let result = tracing::subscriber::with_default(subscriber, || runtime.block_on(work));
    let log = String::from_utf8_lossy(&buffer.0.lock().unwrap()).into_owned();
    (result, log)
}
