//! Command-line options of the runner.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What `--help` prints.
pub const USAGE: &str = "\
Benchmarks smithy-codegen and its generated Cognito crate against aws-sdk-cognitoidentityprovider
and writes bench/RESULTS.md.

Usage: scripts/bench.sh [OPTIONS]
   or: cargo run --release --manifest-path bench/Cargo.toml -- [OPTIONS]

Options:
  --only LIST         sections to run, comma-separated (default: a,b,c,d)
                        a  codegen wall time        b  clean debug build time
                        c  per-call overhead        d  stripped release binary size
  --quick             fewer codegen runs and shorter criterion measurements (a smoke run)
  --codegen-runs N    timed codegen runs per row; the median is reported (default 11)
  --build-runs N      clean builds per consumer crate; the median is reported (default 1)
  --model PATH        the official Cognito model (default: $SHARED_DIR/models/..., else
                      ../shared/models/cognito-identity-provider.json beside the repository)
  --work-dir DIR      where consumer crates and their target dirs go
                      (default: $BENCH_WORK_DIR, else bench/target/work)
  --out FILE          the report to write (default: bench/RESULTS.md)
  --keep-targets      keep the debug target dirs of section b (several GB) after measuring
  -h, --help          this text

Environment: CARGO (the cargo to run), BENCH_WORK_DIR, SHARED_DIR.";

/// One part of the benchmark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// a: codegen wall time.
    Codegen,
    /// b: clean debug build time.
    Build,
    /// c: per-call overhead.
    PerCall,
    /// d: stripped release binary size.
    Size,
}

impl Section {
    fn parse(letter: &str) -> Result<Section, String> {
        match letter.trim() {
            "a" => Ok(Section::Codegen),
            "b" => Ok(Section::Build),
            "c" => Ok(Section::PerCall),
            "d" => Ok(Section::Size),
            other => Err(format!(
                "unknown section `{other}` in --only; expected letters among a, b, c, d"
            )),
        }
    }
}

/// The parsed options.
#[derive(Debug)]
pub struct Options {
    /// The sections to run.
    pub sections: BTreeSet<Section>,
    /// A short smoke run.
    pub quick: bool,
    /// Timed codegen runs per row.
    pub codegen_runs: usize,
    /// Clean builds per consumer crate.
    pub build_runs: usize,
    /// The official Cognito model.
    pub model: PathBuf,
    /// Where consumer crates and target dirs go.
    pub work_dir: PathBuf,
    /// The report file.
    pub out: PathBuf,
    /// Keep section b's target dirs.
    pub keep_targets: bool,
    /// The arguments as given, for the report's "reproduce with" line.
    args: Vec<String>,
}

impl Options {
    /// Parses the arguments (without the program name); `Ok(None)` for `--help`.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Option<Options>, String> {
        let args: Vec<String> = args.into_iter().collect();
        let bench = bench_dir();
        let mut options = Options {
            sections: [
                Section::Codegen,
                Section::Build,
                Section::PerCall,
                Section::Size,
            ]
            .into(),
            quick: false,
            codegen_runs: 11,
            build_runs: 1,
            model: default_model(),
            work_dir: std::env::var_os("BENCH_WORK_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| bench.join("target").join("work")),
            out: bench.join("RESULTS.md"),
            keep_targets: false,
            args: args.clone(),
        };
        let mut codegen_runs = None;
        let mut rest = args.into_iter();
        while let Some(arg) = rest.next() {
            let mut value = |name: &str| rest.next().ok_or_else(|| format!("{name} needs a value"));
            match arg.as_str() {
                "-h" | "--help" => return Ok(None),
                "--quick" => options.quick = true,
                "--keep-targets" => options.keep_targets = true,
                "--only" => {
                    options.sections = value("--only")?
                        .split(',')
                        .map(Section::parse)
                        .collect::<Result<_, _>>()?;
                }
                "--codegen-runs" => {
                    codegen_runs = Some(count("--codegen-runs", &value("--codegen-runs")?)?)
                }
                "--build-runs" => {
                    options.build_runs = count("--build-runs", &value("--build-runs")?)?
                }
                "--model" => options.model = absolute(value("--model")?),
                "--work-dir" => options.work_dir = absolute(value("--work-dir")?),
                "--out" => options.out = absolute(value("--out")?),
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        options.codegen_runs = codegen_runs.unwrap_or(if options.quick { 5 } else { 11 });
        Ok(Some(options))
    }

    /// Whether `section` is selected.
    pub fn runs(&self, section: Section) -> bool {
        self.sections.contains(&section)
    }

    /// The command that reproduces this run, from the repository root.
    pub fn command_line(&self) -> String {
        let mut line = String::from("scripts/bench.sh");
        for arg in &self.args {
            line.push(' ');
            line.push_str(arg);
        }
        line
    }
}

/// The bench crate's directory (where this runner was built from).
pub fn bench_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The repository root: the bench crate's parent.
pub fn repo_root() -> PathBuf {
    let bench = bench_dir();
    bench.parent().map(Path::to_path_buf).unwrap_or(bench)
}

fn default_model() -> PathBuf {
    let shared = std::env::var_os("SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("..").join("shared"));
    shared.join("models").join("cognito-identity-provider.json")
}

fn count(name: &str, text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!(
            "{name} takes a positive whole number, not `{text}`"
        )),
    }
}

fn absolute(path: String) -> PathBuf {
    let path = PathBuf::from(path);
    if path.is_absolute() {
        path
    } else {
        std::env::current_dir()
            .map(|dir| dir.join(&path))
            .unwrap_or(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<Options>, String> {
        Options::parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults_run_everything() {
        let options = parse(&[]).unwrap().unwrap();
        assert_eq!(options.sections.len(), 4);
        assert_eq!(options.codegen_runs, 11);
        assert_eq!(options.command_line(), "scripts/bench.sh");
    }

    #[test]
    fn only_and_quick() {
        let options = parse(&["--only", "a,c", "--quick"]).unwrap().unwrap();
        assert!(options.runs(Section::Codegen) && options.runs(Section::PerCall));
        assert!(!options.runs(Section::Build) && !options.runs(Section::Size));
        assert_eq!(options.codegen_runs, 5);
        assert_eq!(
            options.command_line(),
            "scripts/bench.sh --only a,c --quick"
        );
    }

    #[test]
    fn bad_arguments_say_what_is_wrong() {
        assert!(parse(&["--only", "e"])
            .unwrap_err()
            .contains("unknown section `e`"));
        assert!(parse(&["--build-runs", "0"])
            .unwrap_err()
            .contains("positive"));
        assert!(parse(&["--out"]).unwrap_err().contains("needs a value"));
        assert!(parse(&["--help"]).unwrap().is_none());
    }
}
