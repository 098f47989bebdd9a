//! The report: one table row per figure (ours, theirs, ratio, target), then details, the
//! environment and the method, rendered as Markdown.

use std::fmt::Write as _;
use std::time::Duration;

use crate::env::Environment;

/// What a figure measures, which decides how it prints.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Unit {
    /// Wall time in seconds.
    Seconds,
    /// Time per call in nanoseconds (printed in µs).
    Nanos,
    /// Bytes (printed in MiB).
    Bytes,
}

/// One side of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Figure {
    /// A measurement.
    Value(f64),
    /// Cannot be measured here, and why.
    NotAvailable(String),
    /// Should have been measured but failed; the reason is in the details.
    Failed,
}

/// What the row is expected to reach.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Target {
    /// `ours / theirs` at most this.
    MaxRatio(f64),
    /// Ours at most this many seconds.
    MaxSeconds(f64),
}

/// One row of the table.
#[derive(Debug)]
pub struct Row {
    /// The section letter (a–d).
    pub section: char,
    /// What is measured.
    pub what: String,
    /// How figures print.
    pub unit: Unit,
    /// Our figure.
    pub ours: Figure,
    /// aws-sdk-rust's figure.
    pub theirs: Figure,
    /// The goal, if there is one.
    pub target: Option<Target>,
}

impl Row {
    /// `ours / theirs`, when both were measured.
    pub fn ratio(&self) -> Option<f64> {
        match (&self.ours, &self.theirs) {
            (Figure::Value(ours), Figure::Value(theirs)) if *theirs > 0.0 => Some(ours / theirs),
            _ => None,
        }
    }

    /// Whether the target is met; `None` when there is no target or no figure to judge.
    pub fn met(&self) -> Option<bool> {
        match self.target? {
            Target::MaxRatio(max) => self.ratio().map(|r| r <= max),
            Target::MaxSeconds(max) => match self.ours {
                Figure::Value(ours) => Some(ours <= max),
                _ => None,
            },
        }
    }
}

/// Everything a run found.
#[derive(Debug)]
pub struct Report {
    /// The machine.
    pub environment: Environment,
    /// The command that reproduces the run.
    pub command: String,
    /// The table.
    pub rows: Vec<Row>,
    /// Extra facts worth a line (runs, spreads, crate counts, versions).
    pub details: Vec<String>,
    /// Why something failed.
    pub failures: Vec<String>,
    /// The resolved aws-sdk-cognitoidentityprovider version, once known.
    pub aws_version: Option<String>,
    /// Wall time of the whole run.
    pub total: Option<Duration>,
}

impl Report {
    /// An empty report for `environment`.
    pub fn new(environment: Environment) -> Report {
        Report {
            environment,
            command: String::new(),
            rows: Vec::new(),
            details: Vec::new(),
            failures: Vec::new(),
            aws_version: None,
            total: None,
        }
    }

    /// Records a failure (also printed at once, so a long run shows it early).
    pub fn fail(&mut self, what: &str, reason: &str) {
        eprintln!("error: {what}: {reason}");
        self.failures.push(format!("{what}: {reason}"));
    }

    /// Whether anything failed.
    pub fn has_failures(&self) -> bool {
        !self.failures.is_empty()
    }

    /// The report as Markdown.
    pub fn render(&self) -> String {
        let env = &self.environment;
        let mut out = String::new();
        let _ = writeln!(out, "# Benchmarks: smithy-codegen vs aws-sdk-rust\n");
        let _ = writeln!(
            out,
            "Measured {} on {} core{}{}, {}, {}.",
            env.date,
            env.cores,
            if env.cores == 1 { "" } else { "s" },
            env.cpu
                .as_deref()
                .map(|cpu| format!(" ({cpu})"))
                .unwrap_or_default(),
            env.rustc,
            env.cargo
        );
        if let Some(source) = &env.source {
            let _ = writeln!(out, "Source measured: {source}.");
        }
        let _ = match &self.aws_version {
            Some(version) => writeln!(
                out,
                "Compared with `aws-sdk-cognitoidentityprovider` {version} (the latest 1.x on crates.io at run time)."
            ),
            None => writeln!(
                out,
                "aws-sdk-rust was not built in this run (sections b, c and d build it)."
            ),
        };
        let _ = writeln!(
            out,
            "Load average (1/5/15 min) at the start: {}; at the end: {}. Other work on the machine \
             slows both sides, but not necessarily equally: re-run on an idle machine for figures to quote.",
            env.load_before.as_deref().unwrap_or("unknown"),
            env.load_after.as_deref().unwrap_or("unknown")
        );
        let _ = writeln!(
            out,
            "\nReproduce from the repository root with `{}`{}.\n",
            self.command,
            self.total
                .map(|t| format!(" (this run took {})", minutes(t)))
                .unwrap_or_default()
        );

        let _ = writeln!(
            out,
            "| | figure | ours | aws-sdk-rust | ours / theirs | target | met |"
        );
        let _ = writeln!(out, "|---|---|---:|---:|---:|---|---|");
        for row in &self.rows {
            let ratio = row
                .ratio()
                .map_or_else(|| "—".to_owned(), |r| format!("{r:.3}"));
            let target = match row.target {
                Some(Target::MaxRatio(max)) => format!("≤ {max}"),
                Some(Target::MaxSeconds(max)) => format!("ours ≤ {max} s"),
                None => "—".to_owned(),
            };
            let met = match row.met() {
                Some(true) => "yes",
                Some(false) => "**no**",
                None => "—",
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                row.section,
                row.what,
                figure(&row.ours, row.unit),
                figure(&row.theirs, row.unit),
                ratio,
                target,
                met
            );
        }

        if !self.failures.is_empty() {
            let _ = writeln!(out, "\n## Failures\n");
            for failure in &self.failures {
                let _ = writeln!(out, "```text\n{}\n```", failure.trim_end());
            }
        }
        if !self.details.is_empty() {
            let _ = writeln!(out, "\n## Details\n");
            for detail in &self.details {
                let _ = writeln!(out, "- {detail}");
            }
        }
        let _ = write!(out, "\n{METHOD}");
        out
    }
}

/// A figure in its unit.
fn figure(figure: &Figure, unit: Unit) -> String {
    match figure {
        Figure::Value(v) => match unit {
            Unit::Seconds if *v < 1.0 => format!("{:.1} ms", v * 1e3),
            Unit::Seconds => format!("{v:.1} s"),
            Unit::Nanos => format!("{:.2} µs", v / 1e3),
            Unit::Bytes => format!("{:.2} MiB", v / (1024.0 * 1024.0)),
        },
        Figure::NotAvailable(why) => format!("n/a: {why}"),
        Figure::Failed => "failed (see Failures)".to_owned(),
    }
}

/// `12 min 5 s`.
fn minutes(t: Duration) -> String {
    let secs = t.as_secs();
    if secs < 60 {
        format!("{secs} s")
    } else {
        format!("{} min {} s", secs / 60, secs % 60)
    }
}

/// The median of `values` (mean of the middle two for an even count); `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// How each section measures, printed under the table.
const METHOD: &str = "\
## Method

- **a — codegen wall time.** The release-built generator (`smithy-codegen`, linked into the
  runner) in process: read the model file, `Model::load`, `Generator::generate` (lower to the IR,
  emit with `quote!`, format every file with prettyplease); no file writes. One untimed warm-up,
  then the median of the timed runs. The five-operation crate is the `codegen.toml` entry (the
  repository's own model); the whole service is all operations of the official model. smithy-rs
  cannot run here (it needs a JVM, Gradle and network access beyond crates.io), so there is no
  figure for it.
- **b — clean debug build.** A tiny consumer crate (one `main` calling `UpdateUserAttributes`
  with the default client, on a tokio current-thread runtime built by hand, so the consumer
  itself brings no proc macro) depends on each client with default features; `cargo build
  --timings` with a fresh, empty `CARGO_TARGET_DIR`, `CARGO_BUILD_JOBS=2`, no `RUSTFLAGS` and
  no compiler wrapper, dependencies downloaded beforehand. The time includes every dependency
  (for us: smithy-runtime, hyper, rustls with ring; for aws-sdk-rust: the smithy runtime
  crates, hyper, rustls and aws-lc). The details list the top ten units of cargo's timing
  report for each side. Our whole-service crate is generated into the work dir by `cargo xtask
  codegen --ops '*'`; aws-sdk-rust ships one crate for the whole service, so both of our rows
  compare with the same build. The marginal row starts from a consumer that already depends on
  a lean HTTPS stack (tokio, hyper 1, hyper-util, hyper-rustls and rustls with ring and webpki
  roots, serde_json), builds it, then times the build that adds the client (`--features
  client`).
- **c — per-call overhead.** `bench/benches/per_call.rs` (criterion): build the input
  (two attributes, an access token), serialize, resolve the endpoint for `us-east-1` from the
  rule set, hand the request to an in-memory transport that keeps nothing (ours: a
  four-line `HttpTransport`; aws-sdk-rust:
  `aws_smithy_http_client::test_util::infallible_client_fn`), parse the canned
  success response into the output. Both on a tokio current-thread runtime; the figure is
  criterion's median time per call.
- **d — binary size.** The same consumer crates built with `cargo build --release`
  (`opt-level = 3`, `strip = true`); the size of the binary on disk. The floor row is a
  consumer with no SDK at all: the same call as a JSON POST written by hand over hyper,
  hyper-rustls (ring, webpki roots) and serde_json, which is what any client on that stack
  weighs at least; the second floor row adds one `@pattern` check with regress (the
  ECMAScript engine our validation uses), which is what pattern checking alone costs.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }

    #[test]
    fn ratios_and_targets() {
        let row = Row {
            section: 'b',
            what: "x".into(),
            unit: Unit::Seconds,
            ours: Figure::Value(10.0),
            theirs: Figure::Value(100.0),
            target: Some(Target::MaxRatio(0.05)),
        };
        assert_eq!(row.ratio(), Some(0.1));
        assert_eq!(row.met(), Some(false));
        let row = Row {
            ours: Figure::Value(0.2),
            theirs: Figure::NotAvailable("no JVM".into()),
            target: Some(Target::MaxSeconds(0.3)),
            ..row
        };
        assert_eq!(row.ratio(), None);
        assert_eq!(row.met(), Some(true));
    }

    #[test]
    fn figures_print_in_their_units() {
        assert_eq!(figure(&Figure::Value(0.25), Unit::Seconds), "250.0 ms");
        assert_eq!(figure(&Figure::Value(75.0), Unit::Seconds), "75.0 s");
        assert_eq!(figure(&Figure::Value(2500.0), Unit::Nanos), "2.50 µs");
        assert_eq!(figure(&Figure::Value(1048576.0), Unit::Bytes), "1.00 MiB");
    }
}
