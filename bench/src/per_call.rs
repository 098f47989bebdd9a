//! Section c: per-call overhead, measured by criterion in `benches/per_call.rs`; this module
//! runs `cargo bench` and reads criterion's medians.

use std::path::{Path, PathBuf};

use crate::cargo::{remove_dir, Cargo};
use crate::consumers::{locked_version, Paths, AWS_PACKAGE};
use crate::options::{bench_dir, Options};
use crate::report::{Figure, Report, Row, Target, Unit};

/// Criterion's group and function names in `benches/per_call.rs`.
const GROUP: &str = "update_user_attributes";
const OURS: &str = "ours";
/// Ours with input validation off (aws-sdk-rust validates nothing): reported in the details.
const OURS_UNVALIDATED: &str = "ours-unvalidated";
const THEIRS: &str = "aws-sdk";

/// Runs the criterion benchmark and adds its row to `report`.
pub fn run(options: &Options, paths: &Paths, report: &mut Report) {
    let row = |ours, theirs| Row {
        section: 'c',
        what: "per call: UpdateUserAttributes input → request bytes → parsed canned response"
            .to_owned(),
        unit: Unit::Nanos,
        ours,
        theirs,
        // At least 10× faster than aws-sdk-rust.
        target: Some(Target::MaxRatio(0.1)),
    };
    match measure(options, paths, report) {
        Ok((ours, theirs)) => report
            .rows
            .push(row(Figure::Value(ours), Figure::Value(theirs))),
        Err(reason) => {
            report.fail("per-call overhead", &reason);
            report.rows.push(row(Figure::Failed, Figure::Failed));
        }
    }
}

/// Median nanoseconds per call: ours, theirs.
fn measure(options: &Options, paths: &Paths, report: &mut Report) -> Result<(f64, f64), String> {
    let bench = bench_dir();
    // The runner's own target dir when it can be found (the bench profile shares the release
    // artifacts, so smithy-codegen and friends are not built twice), else one in the work dir.
    let target = runner_target_dir().unwrap_or_else(|| paths.work.join("target-criterion"));
    let criterion_home = paths.work.join("criterion");
    // The latest 1.x of aws-sdk-rust, as in the other sections (the lockfile is not checked in).
    if let Err(e) = Cargo::new(&["update", "--quiet"], &bench, &target).run() {
        eprintln!(
            "warning: `cargo update` in {} failed; using the versions locked there: {e}",
            bench.display()
        );
    }
    remove_dir(&criterion_home.join(GROUP))?;
    let mut args = vec!["bench", "--quiet", "--bench", "per_call", "--"];
    if options.quick {
        args.extend(["--warm-up-time", "1", "--measurement-time", "3"]);
    }
    crate::progress(&format!(
        "cargo {} (builds aws-sdk-rust the first time)",
        args.join(" ")
    ));
    let criterion_home_text = criterion_home.display().to_string();
    let finished = Cargo::new(&args, &bench, &target)
        .env("CRITERION_HOME", &criterion_home_text)
        .run()?;
    eprint!("{}", finished.stdout);

    let version = std::fs::read_to_string(bench.join("Cargo.lock"))
        .ok()
        .and_then(|lock| locked_version(&lock, AWS_PACKAGE));
    if let Some(version) = &version {
        report
            .details
            .push(format!("c: benchmarked against {AWS_PACKAGE} {version}"));
        if report.aws_version.is_none() {
            report.aws_version = Some(version.clone());
        }
    }
    let ours = read_median(&criterion_home, OURS)?;
    let theirs = read_median(&criterion_home, THEIRS)?;
    let unvalidated = read_median(&criterion_home, OURS_UNVALIDATED)?;
    for (name, estimate) in [
        ("ours", &ours),
        ("ours with validation off", &unvalidated),
        ("aws-sdk-rust", &theirs),
    ] {
        report.details.push(format!(
            "c, {name}: median {:.2} µs per call (95% CI {:.2}–{:.2} µs), {:.3} of aws-sdk-rust's",
            estimate.point / 1e3,
            estimate.lower / 1e3,
            estimate.upper / 1e3,
            estimate.point / theirs.point
        ));
    }
    Ok((ours.point, theirs.point))
}

/// `<target>` when this runner is `<target>/release/bench`, as under `cargo run --release`.
fn runner_target_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let profile_dir = exe.parent()?;
    (profile_dir.file_name()? == "release").then(|| profile_dir.parent().map(Path::to_path_buf))?
}

/// Criterion's median estimate with its confidence interval, in nanoseconds.
#[derive(Debug, PartialEq)]
struct Estimate {
    point: f64,
    lower: f64,
    upper: f64,
}

/// Reads `<criterion home>/<group>/<function>/new/estimates.json`.
fn read_median(criterion_home: &Path, function: &str) -> Result<Estimate, String> {
    let path = criterion_home
        .join(GROUP)
        .join(function)
        .join("new")
        .join("estimates.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("criterion wrote no estimates at {} ({e})", path.display()))?;
    parse_median(&text).ok_or_else(|| {
        format!(
            "{} has no median.point_estimate / confidence_interval",
            path.display()
        )
    })
}

fn parse_median(text: &str) -> Option<Estimate> {
    let json: serde_json::Value = serde_json::from_str(text).ok()?;
    let median = json.get("median")?;
    let interval = median.get("confidence_interval")?;
    Some(Estimate {
        point: median.get("point_estimate")?.as_f64()?,
        lower: interval.get("lower_bound")?.as_f64()?,
        upper: interval.get("upper_bound")?.as_f64()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_criterion_estimates() {
        let text = r#"{"mean":{"confidence_interval":{"confidence_level":0.95,"lower_bound":1.0,"upper_bound":3.0},"point_estimate":2.0,"standard_error":0.1},
            "median":{"confidence_interval":{"confidence_level":0.95,"lower_bound":1500.0,"upper_bound":1700.0},"point_estimate":1600.0,"standard_error":10.0}}"#;
        assert_eq!(
            parse_median(text),
            Some(Estimate {
                point: 1600.0,
                lower: 1500.0,
                upper: 1700.0
            })
        );
        assert_eq!(parse_median("{}"), None);
        assert_eq!(parse_median("not json"), None);
    }
}
