//! `cargo xtask diff OLD NEW` and `cargo xtask sync-model --from OFFICIAL`: thin wrappers over
//! `smithy_codegen::diff` and `smithy_codegen::sync`.

use crate::{config, paths};
use smithy_codegen::diff::{self, DiffOptions, Format, Scope, Severity};
use smithy_codegen::model::{Model, ShapeId};
use std::path::{Path, PathBuf};

/// Which operations a command looks at.
#[derive(clap::Args)]
pub struct ScopeArgs {
    /// Comma-separated operation names (or `*`), instead of the crates in codegen.toml.
    #[arg(long, conflicts_with_all = ["krate", "all_shapes"])]
    ops: Option<String>,
    /// Service shape id, with `--ops`, when the model has several services.
    #[arg(long, requires = "ops")]
    service: Option<String>,
    /// Only the operations of this crate of codegen.toml (its package name).
    #[arg(long = "crate", conflicts_with = "all_shapes")]
    krate: Option<String>,
    /// Compare every shape of the models, not just operation closures.
    #[arg(long)]
    all_shapes: bool,
}

#[derive(clap::Args)]
pub struct DiffArgs {
    /// The old model: a JSON AST or IDL file, or a directory of them.
    old: PathBuf,
    /// The new model: a JSON AST or IDL file, or a directory of them.
    new: PathBuf,
    #[command(flatten)]
    scope: ScopeArgs,
    /// Report format: text, json or markdown.
    #[arg(long, default_value = "text", value_parser = parse_format)]
    format: Format,
    /// Exit with status 1 when a change at or above this severity (error or danger) is found.
    #[arg(long, value_parser = parse_threshold)]
    fail_on: Option<Severity>,
    /// Leave documentation and examples out of the report.
    #[arg(long)]
    ignore_docs: bool,
}

#[derive(clap::Args)]
pub struct SyncArgs {
    /// The newer official model: a JSON AST or IDL file, or a directory of them.
    #[arg(long)]
    from: PathBuf,
    /// Sync only the model of this crate of codegen.toml (its package name).
    #[arg(long = "crate")]
    krate: Option<String>,
    /// Sync this model file instead of the crates' models (with `--ops`).
    #[arg(long, requires = "ops", conflicts_with = "krate")]
    model: Option<PathBuf>,
    /// Comma-separated operation names, with `--model`.
    #[arg(long, requires = "model")]
    ops: Option<String>,
    /// Print what would change without writing.
    #[arg(long)]
    dry_run: bool,
    /// Report format: text, json or markdown.
    #[arg(long, default_value = "text", value_parser = parse_format)]
    format: Format,
}

fn parse_format(text: &str) -> Result<Format, String> {
    Format::parse(text)
        .ok_or_else(|| format!("unknown format `{text}` (expected text, json or markdown)"))
}

fn parse_threshold(text: &str) -> Result<Severity, String> {
    match text {
        "error" => Ok(Severity::Error),
        "danger" => Ok(Severity::Danger),
        _ => Err(format!(
            "unknown threshold `{text}` (expected error or danger)"
        )),
    }
}

/// What a command's outcome means for the exit status.
pub enum Outcome {
    /// Nothing at or above the threshold.
    Clean,
    /// The `--fail-on` threshold was reached.
    ThresholdReached,
}

/// A model from a `.json` or `.smithy` file, or a directory of them.
fn load_model(path: &Path) -> Result<Model, String> {
    if !path.exists() {
        return Err(format!(
            "cannot read model {}: no such file or directory",
            path.display()
        ));
    }
    Model::load_paths(&[path.to_path_buf()]).map_err(|e| format!("{}: {e}", path.display()))
}

fn split_ops(ops: &str) -> Vec<String> {
    ops.split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

fn parse_service(text: Option<&String>) -> Result<Option<ShapeId>, String> {
    text.map(|t| ShapeId::parse(t).map_err(|e| e.to_string()))
        .transpose()
}

/// Scopes of the codegen.toml crates (all, or the one named).
fn crate_scopes(
    root: &Path,
    name: Option<&str>,
) -> Result<Vec<(config::CrateEntry, Scope)>, String> {
    let entries = config::load(root)?;
    let known: Vec<String> = entries.iter().map(|e| e.package.clone()).collect();
    let mut out = Vec::new();
    for entry in entries {
        if name.is_some_and(|n| n != entry.package) {
            continue;
        }
        let scope = Scope {
            service: parse_service(entry.service.as_ref())?,
            operations: entry.operations.clone(),
        };
        out.push((entry, scope));
    }
    if out.is_empty() {
        return Err(format!(
            "no crate `{}` in codegen.toml (known: {})",
            name.unwrap_or_default(),
            known.join(", ")
        ));
    }
    Ok(out)
}

pub fn diff(args: DiffArgs) -> Result<Outcome, String> {
    let root = paths::workspace_root()?;
    let old = load_model(&args.old)?;
    let new = load_model(&args.new)?;
    let has_service = old.services().next().is_some() || new.services().next().is_some();
    let by_default = args.scope.ops.is_none() && args.scope.krate.is_none();
    let scopes = if args.scope.all_shapes || (by_default && !has_service) {
        // Models without a service have no operation closures: compare every shape.
        Vec::new()
    } else if let Some(ops) = &args.scope.ops {
        vec![Scope {
            service: parse_service(args.scope.service.as_ref())?,
            operations: split_ops(ops),
        }]
    } else {
        crate_scopes(&root, args.scope.krate.as_deref())?
            .into_iter()
            .map(|(_, scope)| scope)
            .collect()
    };
    let options = DiffOptions {
        scopes,
        ignore_docs: args.ignore_docs,
    };
    let report = diff::diff(&old, &new, &options).map_err(|e| {
        if by_default && !args.scope.all_shapes {
            format!("{e} (by default the operations of the crates in codegen.toml are compared; choose others with --ops, --crate or --all-shapes)")
        } else {
            e.to_string()
        }
    })?;
    print!("{}", report.render(args.format));
    Ok(match args.fail_on {
        Some(threshold) if report.at_or_above(threshold) > 0 => {
            eprintln!(
                "{} change(s) at or above {threshold} (--fail-on {})",
                report.at_or_above(threshold),
                threshold.as_str().to_lowercase()
            );
            Outcome::ThresholdReached
        }
        _ => Outcome::Clean,
    })
}

pub fn sync_model(args: SyncArgs) -> Result<Outcome, String> {
    let root = paths::workspace_root()?;
    let official = official_json(&args.from)?;
    let jobs: Vec<(PathBuf, Vec<Scope>)> = match (&args.model, &args.ops) {
        (Some(model), Some(ops)) => vec![(model.clone(), vec![Scope::operations(split_ops(ops))])],
        _ => {
            // Crates sharing a model file are synced together.
            let mut jobs: Vec<(PathBuf, Vec<Scope>)> = Vec::new();
            for (entry, scope) in crate_scopes(&root, args.krate.as_deref())? {
                let path = root.join(&entry.model);
                match jobs.iter_mut().find(|(p, _)| *p == path) {
                    Some((_, scopes)) => scopes.push(scope),
                    None => jobs.push((path, vec![scope])),
                }
            }
            jobs
        }
    };
    for (path, scopes) in jobs {
        let ours = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let outcome = smithy_codegen::sync::sync_model(&ours, &official, &scopes)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let shown = paths::display_relative(&root, &path);
        if outcome.json == ours {
            eprintln!("{shown}: already in line with {}", args.from.display());
        } else if args.dry_run {
            eprintln!("{shown}: would change (dry run, nothing written)");
        } else {
            write_atomically(&path, &outcome.json)?;
            eprintln!("{shown}: updated from {}", args.from.display());
        }
        print!("{}", outcome.summary(args.format));
    }
    Ok(Outcome::Clean)
}

/// The official model as JSON AST text: a `.json` file as it is, IDL files or directories
/// assembled into one document.
fn official_json(path: &Path) -> Result<String, String> {
    if path.extension().is_some_and(|e| e == "json") {
        return std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()));
    }
    if !path.exists() {
        return Err(format!(
            "cannot read {}: no such file or directory",
            path.display()
        ));
    }
    let document = smithy_codegen::ast::Document::assemble_paths(&[path.to_path_buf()])
        .map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::to_string(&document).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes through a temporary file beside `path`, so a failure never leaves half a model.
fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    let temporary = path.with_extension("json.sync-tmp");
    std::fs::write(&temporary, text)
        .map_err(|e| format!("cannot write {}: {e}", temporary.display()))?;
    std::fs::rename(&temporary, path).map_err(|e| format!("cannot replace {}: {e}", path.display()))
}
