//! Section a: codegen wall time of the release-built generator, in process.

use std::path::Path;
use std::time::Instant;

use smithy_codegen::model::Model;
use smithy_codegen::Generator;

use crate::consumers::Paths;
use crate::options::Options;
use crate::report::{median, Figure, Report, Row, Target, Unit};

/// The five user-attribute operations of the checked-in crate (as in `codegen.toml`).
pub const FIVE_OPERATIONS: [&str; 5] = [
    "DeleteUserAttributes",
    "GetUser",
    "GetUserAttributeVerificationCode",
    "UpdateUserAttributes",
    "VerifyUserAttribute",
];

/// The goal for the whole service.
const WHOLE_SERVICE_TARGET_SECONDS: f64 = 0.3;

/// Why there is no figure for smithy-rs.
const NO_SMITHY_RS: &str = "smithy-rs needs a JVM, Gradle and network access; not runnable here";

/// Times the three codegen rows and adds them to `report`.
pub fn run(options: &Options, paths: &Paths, report: &mut Report) {
    let repo_model = paths.repo_model();
    let cases: [(&str, Result<&Path, String>, &[&str], Option<Target>); 3] = [
        (
            "codegen, 5 operations (`codegen.toml`: the repository's model)",
            Ok(repo_model.as_path()),
            &FIVE_OPERATIONS,
            None,
        ),
        (
            "codegen, 5 operations from the official model",
            paths.official_model(),
            &FIVE_OPERATIONS,
            None,
        ),
        (
            "codegen, whole service (official model)",
            paths.official_model(),
            &["*"],
            Some(Target::MaxSeconds(WHOLE_SERVICE_TARGET_SECONDS)),
        ),
    ];
    for (what, model, operations, target) in cases {
        let ours =
            match model.and_then(|model| time_codegen(model, operations, options.codegen_runs)) {
                Ok(timing) => {
                    report.details.push(format!(
                        "a, {what}: {} operations, {} files, {} lines; median of {} runs {:.1} ms \
                     (min {:.1} ms, max {:.1} ms; of which `Model::load` {:.1} ms)",
                        timing.operations,
                        timing.files,
                        timing.lines,
                        timing.runs.len(),
                        timing.median * 1e3,
                        timing.min * 1e3,
                        timing.max * 1e3,
                        timing.load_median * 1e3,
                    ));
                    Figure::Value(timing.median)
                }
                Err(reason) => {
                    report.fail(what, &reason);
                    Figure::Failed
                }
            };
        report.rows.push(Row {
            section: 'a',
            what: what.to_owned(),
            unit: Unit::Seconds,
            ours,
            theirs: Figure::NotAvailable(NO_SMITHY_RS.to_owned()),
            target,
        });
    }
}

/// What timing one codegen case found.
#[derive(Debug)]
struct Timing {
    /// Every timed run, in seconds.
    runs: Vec<f64>,
    median: f64,
    min: f64,
    max: f64,
    /// Median time of reading and loading the model alone.
    load_median: f64,
    operations: usize,
    files: usize,
    lines: usize,
}

/// Reads, loads and generates `runs` times after one warm-up.
fn time_codegen(model_path: &Path, operations: &[&str], runs: usize) -> Result<Timing, String> {
    let once = || -> Result<(f64, f64, smithy_codegen::GeneratedCrate), String> {
        let started = Instant::now();
        let text = std::fs::read_to_string(model_path)
            .map_err(|e| format!("cannot read {}: {e}", model_path.display()))?;
        let model = Model::load(&text).map_err(|e| format!("{}: {e}", model_path.display()))?;
        let loaded = started.elapsed().as_secs_f64();
        let generated = Generator::new(model)
            .operations(operations)
            .generate()
            .map_err(|e| format!("generating from {}: {e}", model_path.display()))?;
        Ok((started.elapsed().as_secs_f64(), loaded, generated))
    };
    let (_, _, generated) = once()?;
    let mut times = Vec::with_capacity(runs);
    let mut loads = Vec::with_capacity(runs);
    for _ in 0..runs {
        let (total, load, generated) = once()?;
        std::hint::black_box(generated);
        times.push(total);
        loads.push(load);
    }
    let text = std::fs::read_to_string(model_path)
        .map_err(|e| format!("cannot read {}: {e}", model_path.display()))?;
    let operation_count = Model::load(&text)
        .map_err(|e| e.to_string())
        .and_then(|model| {
            Generator::new(model)
                .operations(operations)
                .lower()
                .map_err(|e| e.to_string())
        })
        .map(|ir| ir.operations.len())?;
    let empty = || "no timed runs".to_owned();
    Ok(Timing {
        median: median(&times).ok_or_else(empty)?,
        min: times.iter().copied().fold(f64::INFINITY, f64::min),
        max: times.iter().copied().fold(0.0, f64::max),
        load_median: median(&loads).ok_or_else(empty)?,
        runs: times,
        operations: operation_count,
        files: generated.files.len(),
        lines: generated.files.values().map(|f| f.lines().count()).sum(),
    })
}
