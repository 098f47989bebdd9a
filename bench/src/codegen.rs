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
const NO_SMITHY_RS: &str = "smithy-rs needs a JVM + Gradle";

/// Times the three codegen rows and adds them to `report`.
pub fn run(options: &Options, paths: &Paths, report: &mut Report) {
    let repo_model = paths.repo_model();
    let cases = [
        Case {
            what: "codegen, 5 operations (`codegen.toml`: the repository's model)",
            model: Ok(repo_model.as_path()),
            operations: &FIVE_OPERATIONS,
            target: None,
        },
        Case {
            what: "codegen, 5 operations from the official model",
            model: paths.official_model(),
            operations: &FIVE_OPERATIONS,
            target: None,
        },
        Case {
            what: "codegen, whole service (official model)",
            model: paths.official_model(),
            operations: &["*"],
            target: Some(Target::MaxSeconds(WHOLE_SERVICE_TARGET_SECONDS)),
        },
    ];
    let mut cpu_row = None;
    for case in cases {
        let what = case.what;
        let ours = match case
            .model
            .and_then(|model| time_codegen(model, case.operations, options.codegen_runs))
        {
            Ok(timing) => {
                report.details.push(format!(
                    "a, {what}: {} operations, {} files, {} lines; median of {} runs {:.1} ms \
                     (min {:.1} ms, max {:.1} ms); reading + `Model::load` {:.1} ms, lowering to the IR \
                     {:.1} ms, the rest (emit + prettyplease) ≈ {:.1} ms",
                    timing.operations,
                    timing.files,
                    timing.lines,
                    timing.runs.len(),
                    timing.median * 1e3,
                    timing.min * 1e3,
                    timing.max * 1e3,
                    timing.load_median * 1e3,
                    timing.lower_median * 1e3,
                    (timing.median - timing.load_median - timing.lower_median).max(0.0) * 1e3,
                ));
                if let (Some(cpu), Some(wait)) = (timing.cpu_median, timing.wait_median) {
                    report.details.push(format!(
                        "a, {what}: the generator's threads ran {:.0} ms on a CPU in all; the \
                         calling thread waited {:.1} ms for one (medians; the wait is other load \
                         on the machine)",
                        cpu * 1e3,
                        wait * 1e3
                    ));
                    if case.target.is_some() {
                        cpu_row = Some(Row {
                            section: 'a',
                            what: format!(
                                "{what}, CPU time of all generating threads (load-independent)"
                            ),
                            unit: Unit::Seconds,
                            ours: Figure::Value(cpu),
                            theirs: Figure::NotAvailable(NO_SMITHY_RS.to_owned()),
                            target: None,
                        });
                    }
                }
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
            target: case.target,
        });
    }
    report.rows.extend(cpu_row);
}

/// One codegen row: which model, which operations.
struct Case<'a> {
    what: &'static str,
    model: Result<&'a Path, String>,
    operations: &'static [&'static str],
    target: Option<Target>,
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
    /// Median time of lowering to the IR alone (timed separately).
    lower_median: f64,
    /// Median time the generating thread ran on a CPU (where the kernel tells).
    cpu_median: Option<f64>,
    /// Median time it was ready to run but waited for a CPU (other load on the machine).
    wait_median: Option<f64>,
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
    let mut on_cpu = Vec::with_capacity(runs);
    let mut waiting = Vec::with_capacity(runs);
    for _ in 0..runs {
        let before = (thread_schedstat(), process_cpu_seconds());
        let (total, load, generated) = once()?;
        let after = (thread_schedstat(), process_cpu_seconds());
        std::hint::black_box(generated);
        times.push(total);
        loads.push(load);
        if let (Some(before), Some(after)) = (before.1, after.1) {
            on_cpu.push((after - before).max(0.0));
        }
        if let (Some(before), Some(after)) = (before.0, after.0) {
            waiting.push(after.1.saturating_sub(before.1) as f64 / 1e9);
        }
    }
    let text = std::fs::read_to_string(model_path)
        .map_err(|e| format!("cannot read {}: {e}", model_path.display()))?;
    let generator = Model::load(&text)
        .map(|model| Generator::new(model).operations(operations))
        .map_err(|e| e.to_string())?;
    // Lowering alone (model → IR), so the report can split generate into lower vs emit + format.
    let mut lowers = Vec::with_capacity(runs);
    let mut operation_count = 0;
    for _ in 0..runs.min(5) {
        let started = Instant::now();
        let ir = generator.lower().map_err(|e| e.to_string())?;
        lowers.push(started.elapsed().as_secs_f64());
        operation_count = ir.operations.len();
    }
    let empty = || "no timed runs".to_owned();
    Ok(Timing {
        median: median(&times).ok_or_else(empty)?,
        min: times.iter().copied().fold(f64::INFINITY, f64::min),
        max: times.iter().copied().fold(0.0, f64::max),
        load_median: median(&loads).ok_or_else(empty)?,
        lower_median: median(&lowers).ok_or_else(empty)?,
        cpu_median: median(&on_cpu),
        wait_median: median(&waiting),
        runs: times,
        operations: operation_count,
        files: generated.files.len(),
        lines: generated.files.values().map(|f| f.lines().count()).sum(),
    })
}

/// CPU seconds (user + system) of the whole process, threads that have finished included, from
/// `/proc/self/stat` (Linux, in 1/100 s ticks); `None` elsewhere. The generator emits and
/// formats on several threads, so its CPU time is the process's, whatever else the machine is
/// doing.
fn process_cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) may hold spaces; the fields after its `)` are plain.
    let rest = &text[text.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some((user + system) as f64 / 100.0)
}

/// Nanoseconds this thread has run on a CPU and has waited for one, from
/// `/proc/thread-self/schedstat` (Linux); `None` elsewhere.
fn thread_schedstat() -> Option<(u64, u64)> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let mut fields = text.split_whitespace().map(str::parse::<u64>);
    Some((fields.next()?.ok()?, fields.next()?.ok()?))
}

#[cfg(test)]
mod tests {
    use super::process_cpu_seconds;

    #[test]
    #[cfg(target_os = "linux")]
    fn process_cpu_time_counts_up() {
        let before = process_cpu_seconds().expect("/proc/self/stat is readable");
        // A fixed amount of work (well over one 10 ms tick however loaded the machine is).
        let mut x = 0u64;
        for i in 0..200_000_000u64 {
            x = std::hint::black_box(x.wrapping_add(i));
        }
        let after = process_cpu_seconds().expect("/proc/self/stat is readable");
        assert!(after > before, "{before} -> {after}");
    }
}
