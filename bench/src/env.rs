//! What the report says about the machine: date, cores, CPU, toolchain, load.

use std::path::Path;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

/// The machine and toolchain a run measured on.
#[derive(Debug)]
pub struct Environment {
    /// UTC date and time of the start, `YYYY-MM-DD HH:MM UTC`.
    pub date: String,
    /// Logical cores available to this process.
    pub cores: usize,
    /// The CPU model, when `/proc/cpuinfo` names it.
    pub cpu: Option<String>,
    /// `rustc -V`.
    pub rustc: String,
    /// `cargo -V`.
    pub cargo: String,
    /// The 1/5/15-minute load averages at the start, when `/proc/loadavg` exists.
    pub load_before: Option<String>,
    /// The same at the end.
    pub load_after: Option<String>,
    /// The measured source: `git` commit, `+ local changes` when the tree differs from it.
    pub source: Option<String>,
}

impl Environment {
    /// Looks at the machine now.
    pub fn capture() -> Environment {
        Environment {
            date: utc_now(),
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            cpu: cpu_model(),
            rustc: tool_version("rustc"),
            cargo: tool_version(&crate::cargo::cargo_program()),
            load_before: load_average(),
            load_after: None,
            source: git_source(&crate::options::repo_root()),
        }
    }
}

/// The first three fields of `/proc/loadavg`.
pub fn load_average() -> Option<String> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    let fields: Vec<&str> = text.split_whitespace().take(3).collect();
    (fields.len() == 3).then(|| fields.join(" "))
}

/// `commit abc1234` (plus `with local changes` for a dirty tree), read-only git queries; `None`
/// outside a git checkout or without git.
fn git_source(repo: &Path) -> Option<String> {
    let git = |args: &[&str]| -> Option<String> {
        let output = Command::new("git")
            .arg("-C")
            .arg(repo)
            .args(args)
            .output()
            .ok()?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    };
    let commit = git(&["rev-parse", "--short", "HEAD"])?;
    // The report this run rewrites does not count as a change to what is measured.
    let dirty = git(&[
        "status",
        "--porcelain",
        "--untracked-files=no",
        "--",
        ".",
        ":!bench/RESULTS.md",
    ])
    .is_some_and(|status| !status.is_empty());
    Some(if dirty {
        format!("commit {commit} with local changes")
    } else {
        format!("commit {commit}")
    })
}

fn cpu_model() -> Option<String> {
    let text = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    text.lines()
        .find(|line| line.starts_with("model name"))
        .and_then(|line| line.split_once(':'))
        .map(|(_, model)| model.trim().to_owned())
}

fn tool_version(program: &str) -> String {
    match Command::new(program).arg("-V").output() {
        Ok(output) if output.status.success() => {
            String::from_utf8_lossy(&output.stdout).trim().to_owned()
        }
        Ok(output) => format!(
            "unknown (`{program} -V` failed: {})",
            String::from_utf8_lossy(&output.stderr).trim()
        ),
        Err(e) => format!("unknown (cannot run `{program}`: {e})"),
    }
}

fn utc_now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (year, month, day) = civil_from_days((secs / 86_400) as i64);
    let minutes = secs % 86_400 / 60;
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        minutes / 60,
        minutes % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
    }
}
