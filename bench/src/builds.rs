//! Section b: clean debug build time of each consumer crate, dependencies included.

use crate::cargo::{compiled_crates, remove_dir, Cargo};
use crate::consumers::{Consumer, Crates, CLIENT_FEATURE};
use crate::options::Options;
use crate::report::{median, Figure, Report, Row, Target, Unit};

/// Parallel jobs for every timed build, whatever the machine has.
const JOBS: &str = "2";

/// Builds every consumer `options.build_runs` times from an empty target dir (round-robin,
/// so load from elsewhere spreads over all of them) and adds the rows to `report`.
pub fn run(options: &Options, crates: &Crates, report: &mut Report) {
    let consumers = [
        ("ours, 5 operations", &crates.ours_five),
        ("ours, whole service", &crates.ours_all),
        ("aws-sdk-cognitoidentityprovider", &crates.aws),
    ];
    if let Ok(aws) = &crates.aws {
        report.aws_version = aws.client_version.clone().or(report.aws_version.take());
    }
    let mut times: [Result<Vec<f64>, String>; 3] = [Ok(Vec::new()), Ok(Vec::new()), Ok(Vec::new())];
    for run in 0..options.build_runs {
        for (i, (label, consumer)) in consumers.iter().enumerate() {
            let Ok(so_far) = &mut times[i] else { continue };
            let consumer = match consumer {
                Ok(consumer) => consumer,
                Err(reason) => {
                    times[i] = Err(reason.clone());
                    continue;
                }
            };
            crate::progress(&format!(
                "clean debug build of {} ({label}), run {} of {}",
                consumer.bin,
                run + 1,
                options.build_runs
            ));
            match clean_build(options, consumer) {
                Ok(build) => {
                    eprintln!(
                        "    {:.1} s, {} crates compiled",
                        build.seconds, build.crates_compiled
                    );
                    if run == 0 {
                        let slowest = if build.slowest.is_empty() {
                            String::new()
                        } else {
                            format!("; top ten units: {}", build.slowest)
                        };
                        report.details.push(format!(
                            "b, {label}: {} crates compiled in a clean debug build{slowest}",
                            build.crates_compiled
                        ));
                    }
                    so_far.push(build.seconds);
                }
                Err(reason) => times[i] = Err(reason),
            }
        }
    }
    let mut figures = Vec::new();
    for ((label, _), result) in consumers.iter().zip(times) {
        let figure = match result {
            Ok(runs) => match median(&runs) {
                Some(m) => {
                    let list: Vec<String> = runs.iter().map(|s| format!("{s:.1} s")).collect();
                    report.details.push(format!(
                        "b, {label}: clean debug build runs {} (median {m:.1} s)",
                        list.join(", ")
                    ));
                    Figure::Value(m)
                }
                None => Figure::Failed,
            },
            Err(reason) => {
                report.fail(&format!("clean debug build, {label}"), &reason);
                Figure::Failed
            }
        };
        figures.push(figure);
    }
    let theirs = figures.pop().unwrap_or(Figure::Failed);
    let ours_all = figures.pop().unwrap_or(Figure::Failed);
    let ours_five = figures.pop().unwrap_or(Figure::Failed);
    report.rows.push(Row {
        section: 'b',
        what: "clean debug build with dependencies, 5 operations".to_owned(),
        unit: Unit::Seconds,
        ours: ours_five,
        theirs: theirs.clone(),
        target: Some(Target::MaxRatio(0.25)),
    });
    report.rows.push(Row {
        section: 'b',
        what: "clean debug build with dependencies, whole service".to_owned(),
        unit: Unit::Seconds,
        ours: ours_all,
        theirs,
        target: Some(Target::MaxRatio(0.35)),
    });
    marginal(options, crates, report);
}

/// The marginal row: in a consumer that already built the lean HTTPS stack, the build that
/// adds the client (`--features client`), ours (five operations) against aws-sdk's.
fn marginal(options: &Options, crates: &Crates, report: &mut Report) {
    let sides = [
        ("ours, 5 operations", &crates.ours_marginal),
        ("aws-sdk-cognitoidentityprovider", &crates.aws_marginal),
    ];
    let mut figures = Vec::new();
    for (label, consumer) in sides {
        let figure = match consumer {
            Err(reason) => {
                report.fail(&format!("marginal build, {label}"), reason);
                Figure::Failed
            }
            Ok(consumer) => {
                let mut runs = Vec::new();
                let mut failure = None;
                for run in 0..options.build_runs {
                    crate::progress(&format!(
                        "marginal debug build of {} ({label}), run {} of {}",
                        consumer.bin,
                        run + 1,
                        options.build_runs
                    ));
                    match marginal_build(options, consumer) {
                        Ok((stack, added)) => {
                            eprintln!(
                                "    stack {:.1} s; adding the client {:.1} s, {} crates compiled",
                                stack, added.seconds, added.crates_compiled
                            );
                            if run == 0 {
                                report.details.push(format!(
                                    "b, marginal, {label}: the lean stack alone {stack:.1} s;                                      adding the client compiled {} crates; top ten units: {}",
                                    added.crates_compiled, added.slowest
                                ));
                            }
                            runs.push(added.seconds);
                        }
                        Err(reason) => {
                            failure = Some(reason);
                            break;
                        }
                    }
                }
                match (failure, median(&runs)) {
                    (None, Some(m)) => {
                        let list: Vec<String> = runs.iter().map(|s| format!("{s:.1} s")).collect();
                        report.details.push(format!(
                            "b, marginal, {label}: runs {} (median {m:.1} s)",
                            list.join(", ")
                        ));
                        Figure::Value(m)
                    }
                    (Some(reason), _) => {
                        report.fail(&format!("marginal build, {label}"), &reason);
                        Figure::Failed
                    }
                    (None, None) => Figure::Failed,
                }
            }
        };
        figures.push(figure);
    }
    let theirs = figures.pop().unwrap_or(Figure::Failed);
    let ours = figures.pop().unwrap_or(Figure::Failed);
    report.rows.push(Row {
        section: 'b',
        what: "marginal: a consumer that already builds tokio, hyper, rustls and serde_json adds \
               the client, 5 operations"
            .to_owned(),
        unit: Unit::Seconds,
        ours,
        theirs,
        target: Some(Target::MaxRatio(0.10)),
    });
}

/// From an empty target dir: builds the stack alone (untimed by the row, reported), then the
/// timed `cargo build --features client`.
fn marginal_build(options: &Options, consumer: &Consumer) -> Result<(f64, Build), String> {
    let target = options
        .work_dir
        .join(format!("target-debug-{}", consumer.bin));
    remove_dir(&target)?;
    let stack = Cargo::new(&["build", "--offline"], &consumer.dir, &target)
        .env("CARGO_BUILD_JOBS", JOBS)
        .run();
    let added = stack.and_then(|stack| {
        let added = Cargo::new(
            &[
                "build",
                "--offline",
                "--timings",
                "--features",
                CLIENT_FEATURE,
            ],
            &consumer.dir,
            &target,
        )
        .env("CARGO_BUILD_JOBS", JOBS)
        .run()?;
        Ok((stack, added))
    });
    let timings = std::fs::read_to_string(target.join("cargo-timings").join("cargo-timing.html"));
    if !options.keep_targets {
        remove_dir(&target)?;
    }
    let (stack, added) = added?;
    Ok((
        stack.elapsed.as_secs_f64(),
        Build {
            seconds: added.elapsed.as_secs_f64(),
            crates_compiled: compiled_crates(&added.stderr),
            slowest: timings
                .ok()
                .map(|html| slowest_units(&html, SLOWEST_UNITS))
                .unwrap_or_default(),
        },
    ))
}

/// What one clean build found.
#[derive(Debug)]
struct Build {
    /// Wall time of `cargo build`.
    seconds: f64,
    /// Crates cargo compiled.
    crates_compiled: usize,
    /// The slowest compilation units from cargo's timing report (empty if it had none).
    slowest: String,
}

/// How many of the slowest units the report names (the issue asks for the top ten).
const SLOWEST_UNITS: usize = 10;

/// One `cargo build --timings` from an empty target dir.
fn clean_build(options: &Options, consumer: &Consumer) -> Result<Build, String> {
    let target = options
        .work_dir
        .join(format!("target-debug-{}", consumer.bin));
    remove_dir(&target)?;
    let result = Cargo::new(&["build", "--offline", "--timings"], &consumer.dir, &target)
        .env("CARGO_BUILD_JOBS", JOBS)
        .run();
    let timings = std::fs::read_to_string(target.join("cargo-timings").join("cargo-timing.html"));
    if !options.keep_targets {
        remove_dir(&target)?;
    }
    let finished = result?;
    Ok(Build {
        seconds: finished.elapsed.as_secs_f64(),
        crates_compiled: compiled_crates(&finished.stderr),
        slowest: timings
            .ok()
            .map(|html| slowest_units(&html, SLOWEST_UNITS))
            .unwrap_or_default(),
    })
}

/// The `count` slowest units of a `cargo build --timings` HTML report, as
/// `name target (N.N s), …`; empty when the report's `UNIT_DATA` cannot be read.
fn slowest_units(html: &str, count: usize) -> String {
    const MARKER: &str = "const UNIT_DATA = ";
    let Some(start) = html.find(MARKER) else {
        return String::new();
    };
    let json = &html[start + MARKER.len()..];
    let Some(Ok(serde_json::Value::Array(units))) = serde_json::Deserializer::from_str(json)
        .into_iter::<serde_json::Value>()
        .next()
    else {
        return String::new();
    };
    let mut units: Vec<(String, f64)> = units
        .iter()
        .filter_map(|unit| {
            let name = unit.get("name")?.as_str()?;
            let target = unit.get("target")?.as_str().unwrap_or("");
            let duration = unit.get("duration")?.as_f64()?;
            Some((format!("{name}{target}"), duration))
        })
        .collect();
    units.sort_by(|a, b| b.1.total_cmp(&a.1));
    units
        .iter()
        .take(count)
        .map(|(name, seconds)| format!("{name} ({seconds:.1} s)"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::slowest_units;

    #[test]
    fn reads_cargo_timings() {
        let html = r#"<script>
const UNIT_DATA = [
  {"i": 0, "name": "itoa", "version": "1.0.18", "target": "", "duration": 0.23},
  {"i": 1, "name": "ring", "version": "0.17.0", "target": " build script (run)", "duration": 9.5},
  {"i": 2, "name": "tim", "version": "0.1.0", "target": " (bin)", "duration": 1.0}
];
const CONCURRENCY_DATA = [];
</script>"#;
        assert_eq!(
            slowest_units(html, 2),
            "ring build script (run) (9.5 s), tim (bin) (1.0 s)"
        );
        assert_eq!(slowest_units("<html></html>", 2), "");
    }
}
