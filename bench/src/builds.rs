//! Section b: clean debug build time of each consumer crate, dependencies included.

use crate::cargo::{compiled_crates, remove_dir, Cargo};
use crate::consumers::{Consumer, Crates};
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
                Ok((seconds, crates_compiled)) => {
                    eprintln!("    {seconds:.1} s, {crates_compiled} crates compiled");
                    if run == 0 {
                        report.details.push(format!(
                            "b, {label}: {crates_compiled} crates compiled in a clean debug build"
                        ));
                    }
                    so_far.push(seconds);
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
        target: Some(Target::MaxRatio(0.05)),
    });
    report.rows.push(Row {
        section: 'b',
        what: "clean debug build with dependencies, whole service".to_owned(),
        unit: Unit::Seconds,
        ours: ours_all,
        theirs,
        target: Some(Target::MaxRatio(0.2)),
    });
}

/// One `cargo build` from an empty target dir: seconds and crates compiled.
fn clean_build(options: &Options, consumer: &Consumer) -> Result<(f64, usize), String> {
    let target = options
        .work_dir
        .join(format!("target-debug-{}", consumer.bin));
    remove_dir(&target)?;
    let result = Cargo::new(&["build", "--offline"], &consumer.dir, &target)
        .env("CARGO_BUILD_JOBS", JOBS)
        .run();
    if !options.keep_targets {
        remove_dir(&target)?;
    }
    let finished = result?;
    Ok((
        finished.elapsed.as_secs_f64(),
        compiled_crates(&finished.stderr),
    ))
}
