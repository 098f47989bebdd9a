//! Parsing speed of the IDL front-end on Smithy's AWS protocol suites
//! (`../shared/smithy/aws-protocol-tests/`, 90-odd files): a bench binary (no harness), run
//! with `cargo bench -p smithy-codegen --bench idl_parse` on an otherwise idle machine.
//!
//! Prints, as the median of several rounds: the time to parse every file on its own
//! (`idl::parse`: lexing, parsing, resolving against the file), and the time to load the whole
//! directory with the trait packages into a resolved model (`Model::load_paths`: reading the
//! files, parsing, resolving across files, assembling, flattening mixins, parsing traits).

use smithy_codegen::idl;
use smithy_codegen::model::Model;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ROUNDS: usize = 15;

fn smithy_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            smithy_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "smithy") {
            out.push(path);
        }
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let shared = std::env::var_os("SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"));
    let suites = shared.join("smithy/aws-protocol-tests");
    if !suites.is_dir() {
        println!("SKIPPED idl_parse: {} is missing", suites.display());
        return;
    }
    let mut files = Vec::new();
    smithy_files(&suites, &mut files);
    let sources: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("a readable suite file");
            (p.display().to_string(), text)
        })
        .collect();
    let bytes: usize = sources.iter().map(|(_, t)| t.len()).sum();

    let mut parse_times = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        for (name, text) in &sources {
            idl::parse(text, name).expect("every suite file parses");
        }
        parse_times.push(started.elapsed());
    }
    let parse = median(parse_times);

    let paths = [suites.clone(), shared.join("smithy/traits")];
    let mut load_times = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        Model::load_paths(&paths).expect("the suites load");
        load_times.push(started.elapsed());
    }
    let load = median(load_times);

    let mib = bytes as f64 / (1024.0 * 1024.0);
    println!(
        "idl parse: {} files, {:.2} MiB in {parse:.1?} ({:.1} MiB/s), median of {ROUNDS}",
        sources.len(),
        mib,
        mib / parse.as_secs_f64()
    );
    println!("idl load_paths (suites + traits, resolved model): {load:.1?}, median of {ROUNDS}");
}
