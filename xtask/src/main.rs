//! `cargo xtask codegen`: regenerates every crate under `generated/` as listed in
//! `codegen.toml`, or any model/operations/output directory given on the command line.
//! `--check` compares instead of writing and fails naming the stale files.
//!
//! `cargo xtask diff OLD NEW` reports what a model change means (exit status 1 when
//! `--fail-on` is reached, 2 when the command cannot run); `cargo xtask sync-model --from
//! OFFICIAL` brings our own models in line with a newer official model.

mod config;
mod diff_cmd;
mod paths;

use clap::{Parser, Subcommand};
use smithy_codegen::{Generator, Model, RuntimeDependency, Settings, ShapeId};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(name = "xtask", about = "Project tasks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate Rust crates from Smithy models.
    Codegen(CodegenArgs),
    /// Compare two models: each change with a severity and its effect on the Rust API.
    Diff(diff_cmd::DiffArgs),
    /// Bring our own models in line with a newer official model (our documentation kept).
    SyncModel(diff_cmd::SyncArgs),
    /// Write the JSON AST of a model assembled from IDL (`.smithy`) and JSON AST files, as
    /// `smithy ast` does (no JVM).
    SmithyJson(SmithyJsonArgs),
}

#[derive(clap::Args)]
struct SmithyJsonArgs {
    /// Model files (`.smithy`, `.json`) or directories searched for them.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Where to write the JSON AST (`-` for standard output).
    #[arg(long)]
    out: PathBuf,
}

#[derive(clap::Args)]
struct CodegenArgs {
    /// Compare with what is on disk instead of writing; fail if anything differs.
    #[arg(long)]
    check: bool,
    /// A Smithy model: a JSON AST or IDL (`.smithy`) file, or a directory of them (instead of
    /// the crates listed in codegen.toml).
    #[arg(long, requires = "out")]
    model: Option<PathBuf>,
    /// Comma-separated operation names, or `*` for all.
    #[arg(long, default_value = "*", requires = "model")]
    ops: String,
    /// Directory to write the crate to (any directory; the crate builds where it stands).
    #[arg(long, requires = "model")]
    out: Option<PathBuf>,
    /// Cargo package name (default: from the service's SDK id).
    #[arg(long, requires = "model")]
    package: Option<String>,
    /// Service shape id, when the model has several services.
    #[arg(long, requires = "model")]
    service: Option<String>,
    /// Depend on the published `smithy-runtime` at this version (e.g. `0.1`) instead of this
    /// repository's `runtime/` by path: for a crate that lives in another repository.
    #[arg(long, requires = "model")]
    runtime_version: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // `diff` keeps status 1 for "threshold reached", so its failures to run are status 2.
    let (result, error_status) = match cli.command {
        Command::Codegen(args) => (codegen(args).map(|()| diff_cmd::Outcome::Clean), 1),
        Command::Diff(args) => (diff_cmd::diff(args), 2),
        Command::SyncModel(args) => (diff_cmd::sync_model(args), 2),
        Command::SmithyJson(args) => (smithy_json(args).map(|()| diff_cmd::Outcome::Clean), 1),
    };
    match result {
        Ok(diff_cmd::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(diff_cmd::Outcome::ThresholdReached) => ExitCode::from(1),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(error_status)
        }
    }
}

fn smithy_json(args: SmithyJsonArgs) -> Result<(), String> {
    let document =
        smithy_codegen::ast::Document::assemble_paths(&args.files).map_err(|e| e.to_string())?;
    let mut text = serde_json::to_string_pretty(&document).map_err(|e| e.to_string())?;
    text.push('\n');
    if args.out == Path::new("-") {
        print!("{text}");
        return Ok(());
    }
    // Written beside the target and renamed, so a failure never leaves half a file.
    let partial = args.out.with_extension("json.partial");
    std::fs::write(&partial, &text)
        .map_err(|e| format!("cannot write {}: {e}", partial.display()))?;
    std::fs::rename(&partial, &args.out)
        .map_err(|e| format!("cannot write {}: {e}", args.out.display()))?;
    eprintln!(
        "wrote {} ({} shapes)",
        args.out.display(),
        document.shapes.len()
    );
    Ok(())
}

/// One crate to generate.
struct Job {
    model: PathBuf,
    operations: Vec<String>,
    out: PathBuf,
    package: Option<String>,
    service: Option<String>,
    /// Listed in codegen.toml, hence a member of this workspace.
    workspace_member: bool,
    /// A published runtime version instead of the path to `runtime/`.
    runtime_version: Option<String>,
}

fn codegen(args: CodegenArgs) -> Result<(), String> {
    let root = paths::workspace_root()?;
    let jobs = match (&args.model, &args.out) {
        (Some(model), Some(out)) => vec![Job {
            model: model.clone(),
            operations: args.ops.split(',').map(|s| s.trim().to_owned()).collect(),
            out: out.clone(),
            package: args.package.clone(),
            service: args.service.clone(),
            workspace_member: false,
            runtime_version: args.runtime_version.clone(),
        }],
        _ => config::load(&root)?
            .into_iter()
            .map(|entry| Job {
                model: root.join(&entry.model),
                operations: entry.operations,
                out: root.join(&entry.out),
                package: Some(entry.package),
                service: entry.service,
                workspace_member: true,
                runtime_version: None,
            })
            .collect(),
    };
    let mut stale = Vec::new();
    for job in jobs {
        stale.extend(run(&root, &job, args.check)?);
    }
    if args.check && !stale.is_empty() {
        let list: Vec<String> = stale.iter().map(|p| format!("  {}", p.display())).collect();
        return Err(format!(
            "generated code is stale; run `cargo xtask codegen`. Differing files:\n{}",
            list.join("\n")
        ));
    }
    Ok(())
}

fn run(root: &Path, job: &Job, check: bool) -> Result<Vec<PathBuf>, String> {
    let started = Instant::now();
    let model = Model::load_paths(std::slice::from_ref(&job.model)).map_err(|e| e.to_string())?;
    let loaded = started.elapsed();

    // Nothing is created before generation succeeds: `write_to` creates what it writes.
    let runtime = match &job.runtime_version {
        Some(version) => RuntimeDependency::Version(version.clone()),
        None => RuntimeDependency::Path(paths::relative_or_absolute(
            &job.out,
            &root.join("runtime"),
        )?),
    };
    let source = paths::display_relative(root, &job.model);
    let mut settings = Settings::default()
        .runtime(runtime)
        .standalone_workspace(!job.workspace_member)
        .model_source(source);
    if let Some(package) = &job.package {
        settings = settings.package_name(package.clone());
    }
    let mut generator = Generator::new(model)
        .operations(&job.operations)
        .settings(settings);
    if let Some(service) = &job.service {
        let id = ShapeId::parse(service).map_err(|e| e.to_string())?;
        generator = generator.service(id);
    }
    let generated = generator
        .generate()
        .map_err(|e| format!("{}: {e}", job.model.display()))?;
    let generated_at = started.elapsed();
    for warning in &generated.warnings {
        eprintln!("warning: {warning}");
    }

    let report = if check {
        generated.compare(&job.out)
    } else {
        generated.write_to(&job.out)
    }
    .map_err(|e| e.to_string())?;
    let lines: usize = generated.files.values().map(|f| f.lines().count()).sum();
    let verb = if check { "checked" } else { "generated" };
    eprintln!(
        "{verb} {} ({} files, {lines} lines) in {:.0?} (model load {:.0?}); {} changed, {} stale",
        paths::display_relative(root, &job.out),
        generated.files.len(),
        generated_at,
        loaded,
        report.changed.len(),
        report.stale.len()
    );
    let out_display = paths::display_relative(root, &job.out);
    Ok(report
        .changed
        .iter()
        .chain(&report.stale)
        .map(|p| PathBuf::from(&out_display).join(p))
        .collect())
}
