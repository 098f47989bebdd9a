//! The benchmark runner: measures smithy-codegen and the crates it generates against
//! aws-sdk-rust's `aws-sdk-cognitoidentityprovider` on this machine, in one run, and writes
//! `bench/RESULTS.md`.
//!
//! ```text
//! scripts/bench.sh [OPTIONS]        # = cargo run --release --manifest-path bench/Cargo.toml --
//! ```
//!
//! Sections (all by default; pick some with `--only a,c`):
//!
//! - **a** codegen wall time (load + generate + format), in process, median of several runs;
//! - **b** clean debug build of a tiny consumer crate of each client, dependencies included;
//! - **c** per-call overhead with an in-memory transport (criterion, `benches/per_call.rs`);
//! - **d** size of a stripped release binary that calls `UpdateUserAttributes`.
//!
//! A section that cannot run (a missing tool, a crate that does not compile) is reported as
//! failed in the table with the reason, and the others still run; the exit code is then 1.

mod builds;
mod cargo;
mod codegen;
mod consumers;
mod env;
mod options;
mod per_call;
mod report;
mod size;

use std::process::ExitCode;
use std::time::Instant;

use options::{Options, Section};
use report::Report;

fn main() -> ExitCode {
    let options = match Options::parse(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{}", options::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{}", options::USAGE);
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the selected sections and writes the report; `Ok(false)` when a section failed.
fn run(options: &Options) -> Result<bool, String> {
    let started = Instant::now();
    std::fs::create_dir_all(&options.work_dir)
        .map_err(|e| format!("cannot create work dir {}: {e}", options.work_dir.display()))?;
    let mut report = Report::new(env::Environment::capture());
    report.command = options.command_line();

    let paths = consumers::Paths::new(options)?;
    if options.runs(Section::Codegen) {
        progress("a: codegen wall time");
        codegen::run(options, &paths, &mut report);
    }
    // Sections b and d build consumer crates; the whole-service crate is generated once.
    let mut crates = None;
    if options.runs(Section::Build) || options.runs(Section::Size) {
        progress("preparing consumer crates (whole-service crate generated with the xtask)");
        crates = Some(consumers::prepare(&paths));
    }
    if let (true, Some(crates)) = (options.runs(Section::Build), &crates) {
        progress("b: clean debug build time");
        builds::run(options, crates, &mut report);
    }
    if options.runs(Section::PerCall) {
        progress("c: per-call overhead (criterion)");
        per_call::run(options, &paths, &mut report);
    }
    if let (true, Some(crates)) = (options.runs(Section::Size), &crates) {
        progress("d: stripped release binary size");
        size::run(options, crates, &mut report);
    }

    report.environment.load_after = env::load_average();
    report.total = Some(started.elapsed());
    let text = report.render();
    std::fs::write(&options.out, &text)
        .map_err(|e| format!("cannot write {}: {e}", options.out.display()))?;
    println!("{text}");
    eprintln!(
        "wrote {} ({:.0} s in all)",
        options.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(!report.has_failures())
}

/// One progress line on stderr.
pub(crate) fn progress(message: &str) {
    eprintln!("==> {message}");
}
