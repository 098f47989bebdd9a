//! Install-once logic shared by the servers: a cache directory, a stamp that says what
//! was installed there, and locking against parallel tests and parallel test binaries.

use std::fs::{self, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

use super::error::HarnessError;
use super::process::INSTALL_TIMEOUT;

/// Name of the file, inside an install directory, that records what was installed.
const STAMP_FILE: &str = ".harness-installed";

/// Serialises installs inside one test binary (file locks are per open file description
/// and would also serialise threads, but a mutex keeps the intent obvious and cheap).
static INSTALL_MUTEX: Mutex<()> = Mutex::new(());

/// The directory under which installed servers are cached.
///
/// `INTEGRATION_SERVERS_DIR` overrides it; otherwise it is `target/test-servers` in the
/// workspace that contains this crate (independent of `CARGO_TARGET_DIR`, so that every
/// build directory shares one install).
pub fn servers_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("INTEGRATION_SERVERS_DIR").filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate_dir
        .parent()
        .unwrap_or(crate_dir)
        .join("target")
        .join("test-servers")
}

/// Makes sure `dir` holds an install described by `fingerprint`.
///
/// If the stamp file in `dir` matches `fingerprint` and `probe` exists, nothing is done.
/// Otherwise `dir` is emptied, `install` is run on it, and the stamp is written last, so
/// an interrupted install is redone next time. Concurrent callers, in this process or in
/// others, wait for the one that installs.
pub(crate) fn ensure_installed(
    dir: &Path,
    fingerprint: &str,
    probe: &Path,
    install: impl FnOnce(&Path) -> Result<(), HarnessError>,
) -> Result<(), HarnessError> {
    let _guard = INSTALL_MUTEX
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let parent = dir.parent().unwrap_or(dir);
    fs::create_dir_all(parent)
        .map_err(|e| HarnessError::io(format!("creating {}", parent.display()), e))?;
    let lock_path = dir.with_extension("lock");
    let lock_file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| HarnessError::io(format!("opening {}", lock_path.display()), e))?;
    lock_with_deadline(&lock_file, &lock_path, INSTALL_TIMEOUT * 2)?;

    let result = install_under_lock(dir, fingerprint, probe, install);
    // Closing the file also releases the lock; unlocking first just makes it prompt.
    let _ = fs4::FileExt::unlock(&lock_file);
    result
}

fn install_under_lock(
    dir: &Path,
    fingerprint: &str,
    probe: &Path,
    install: impl FnOnce(&Path) -> Result<(), HarnessError>,
) -> Result<(), HarnessError> {
    let stamp_path = dir.join(STAMP_FILE);
    let installed = fs::read_to_string(&stamp_path)
        .map(|stamp| stamp == fingerprint)
        .unwrap_or(false);
    if installed && probe.exists() {
        return Ok(());
    }
    if dir.exists() {
        fs::remove_dir_all(dir)
            .map_err(|e| HarnessError::io(format!("removing stale {}", dir.display()), e))?;
    }
    fs::create_dir_all(dir)
        .map_err(|e| HarnessError::io(format!("creating {}", dir.display()), e))?;
    let started = Instant::now();
    install(dir)?;
    if !probe.exists() {
        return Err(HarnessError::io(
            format!("checking the install in {}", dir.display()),
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!(
                    "the install finished but {} does not exist",
                    probe.display()
                ),
            ),
        ));
    }
    fs::write(&stamp_path, fingerprint)
        .map_err(|e| HarnessError::io(format!("writing {}", stamp_path.display()), e))?;
    eprintln!(
        "integration-tests: installed {} in {:.1}s",
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn lock_with_deadline(
    file: &fs::File,
    path: &Path,
    deadline: Duration,
) -> Result<(), HarnessError> {
    let started = Instant::now();
    loop {
        // Fully qualified: std's `File::try_lock` (Rust 1.89+) has the same name.
        match fs4::FileExt::try_lock(file) {
            Ok(()) => return Ok(()),
            Err(fs4::TryLockError::WouldBlock) => {}
            Err(fs4::TryLockError::Error(e)) => {
                return Err(HarnessError::io(format!("locking {}", path.display()), e));
            }
        }
        if started.elapsed() >= deadline {
            return Err(HarnessError::LockTimeout {
                path: path.to_path_buf(),
                waited: started.elapsed(),
            });
        }
        thread::sleep(Duration::from_millis(200));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn installs_once_and_reinstalls_when_the_fingerprint_changes() {
        let root = tempfile::tempdir().expect("temp dir");
        let dir = root.path().join("thing");
        let probe = dir.join("bin");
        let runs = AtomicUsize::new(0);
        let install = |d: &Path| {
            runs.fetch_add(1, Ordering::SeqCst);
            fs::write(d.join("bin"), "x").map_err(|e| HarnessError::io("test", e))
        };
        ensure_installed(&dir, "v1", &probe, install).expect("first install");
        ensure_installed(&dir, "v1", &probe, install).expect("cached");
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        ensure_installed(&dir, "v2", &probe, install).expect("reinstall");
        assert_eq!(runs.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn parallel_callers_install_once() {
        let root = tempfile::tempdir().expect("temp dir");
        let dir = Arc::new(root.path().join("thing"));
        let runs = Arc::new(AtomicUsize::new(0));
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let dir = Arc::clone(&dir);
                let runs = Arc::clone(&runs);
                thread::spawn(move || {
                    ensure_installed(&dir, "v1", &dir.join("bin"), |d| {
                        runs.fetch_add(1, Ordering::SeqCst);
                        thread::sleep(Duration::from_millis(100));
                        fs::write(d.join("bin"), "x").map_err(|e| HarnessError::io("test", e))
                    })
                })
            })
            .collect();
        for handle in handles {
            handle
                .join()
                .expect("installer thread panicked")
                .expect("install");
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn failed_install_is_retried_next_time() {
        let root = tempfile::tempdir().expect("temp dir");
        let dir = root.path().join("thing");
        let probe = dir.join("bin");
        let failed = ensure_installed(&dir, "v1", &probe, |_| {
            Err(HarnessError::io("test", std::io::Error::other("boom")))
        });
        assert!(failed.is_err());
        let mut ran = false;
        ensure_installed(&dir, "v1", &probe, |d| {
            ran = true;
            fs::write(d.join("bin"), "x").map_err(|e| HarnessError::io("test", e))
        })
        .expect("second install");
        assert!(ran);
    }
}
