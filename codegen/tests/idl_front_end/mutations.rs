//! The IDL front-end against mutated IDL text.
//!
//! This crate's own IDL models (`tests/idl/`) are broken the way hand-edited files get broken:
//! characters deleted, tokens inserted where they do not belong (braces, quotes, text block
//! delimiters, `@`, `$`, `:=`, `with [`, comments, non-ASCII letters), lines duplicated, the
//! file cut short, and several of these at once.
//!
//! Properties, for every mutated file:
//! * `idl::parse` returns; it never panics, and neither does loading what it returns;
//! * a refusal names the file and a line and column that exist in the text;
//! * loaded from disk with `Model::load_paths`, any error (syntax or found later, such as an
//!   unknown target) names the file, a line and a column.

use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, TestCaseError, TestRunner};
use smithy_codegen::idl;
use smithy_codegen::model::Model;
use std::path::PathBuf;

const CASES: u32 = 256;

/// Pieces of IDL inserted at random places.
const SNIPPETS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "\"",
    "\"\"\"",
    "\"\"\"\n",
    "@",
    "@required",
    "$",
    ":=",
    ":",
    "=",
    "#",
    ".",
    ",",
    "\n",
    " ",
    "// note\n",
    "/// doc\n",
    "with [",
    "for ",
    "apply ",
    "structure ",
    "use ",
    "namespace x\n",
    "\\",
    "\\u00",
    "-",
    "1.",
    "1e",
    "é",
    "😀",
    "\t",
    "$version: \"1.0\"\n",
    "metadata m = ",
    "null",
    "true",
    "enum E { A }\n",
    "A$b",
    "smithy.api#",
    "_",
    "__proto__",
];

fn bases() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/idl");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/idl")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "smithy"))
        .collect();
    paths.sort();
    let bases: Vec<(String, String)> = paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable");
            (p.file_name().unwrap().to_string_lossy().into_owned(), text)
        })
        .collect();
    assert!(bases.len() >= 2, "too few IDL base models");
    bases
}

#[derive(Debug, Clone)]
enum Edit {
    Delete { at: usize, len: usize },
    Insert { at: usize, snippet: usize },
    DuplicateLine { line: usize },
    Truncate { at: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 1usize..12).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<usize>(), 0..SNIPPETS.len()).prop_map(|(at, snippet)| Edit::Insert { at, snippet }),
        any::<usize>().prop_map(|line| Edit::DuplicateLine { line }),
        any::<usize>().prop_map(|at| Edit::Truncate { at }),
    ]
}

/// Applies an edit at character positions (never splitting a character).
fn apply(text: &str, edit: &Edit) -> String {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len().max(1);
    match edit {
        Edit::Delete { at, len } => {
            let start = at % n;
            let end = (start + len).min(chars.len());
            chars[..start.min(chars.len())]
                .iter()
                .chain(&chars[end..])
                .collect()
        }
        Edit::Insert { at, snippet } => {
            let at = (at % (chars.len() + 1)).min(chars.len());
            let mut out: String = chars[..at].iter().collect();
            out.push_str(SNIPPETS[*snippet]);
            out.extend(&chars[at..]);
            out
        }
        Edit::DuplicateLine { line } => {
            let lines: Vec<&str> = text.split('\n').collect();
            let pick = line % lines.len().max(1);
            let mut out = Vec::new();
            for (i, l) in lines.iter().enumerate() {
                out.push(*l);
                if i == pick {
                    out.push(*l);
                }
            }
            out.join("\n")
        }
        Edit::Truncate { at } => chars[..(at % n).min(chars.len())].iter().collect(),
    }
}

/// A position exists in the text: the line is one of its lines (or just past the end) and
/// the column at most one past that line's last character.
fn position_exists(text: &str, line: usize, column: usize) -> bool {
    let lines: Vec<&str> = text.split('\n').collect();
    if line == 0 || column == 0 || line > lines.len() + 1 {
        return false;
    }
    let width = lines
        .get(line - 1)
        .map_or(0, |l| l.trim_end_matches('\r').chars().count());
    column <= width + 2
}

fn check(text: &str, dir: &std::path::Path) -> Result<(), TestCaseError> {
    match idl::parse(text, "mutated.smithy") {
        Ok(document) => {
            let _ = Model::from_document(document);
        }
        Err(error) => {
            prop_assert_eq!(&error.file, "mutated.smithy");
            prop_assert!(
                position_exists(text, error.line, error.column),
                "{error} is not a position of the text"
            );
            prop_assert!(!error.message.is_empty());
        }
    }
    let path = dir.join("mutated.smithy");
    std::fs::write(&path, text).expect("write the mutated file");
    if let Err(error) = Model::load_paths(std::slice::from_ref(&path)) {
        let name = path.display().to_string();
        prop_assert_eq!(error.document(), Some(name.as_str()), "{}", error);
        prop_assert!(error.position().is_some(), "no line and column: {error}");
        let shown = error.to_string();
        prop_assert!(shown.starts_with(&format!("{name}:")), "{shown}");
    }
    Ok(())
}

fn run(name: &str, edits: std::ops::Range<usize>) {
    let bases = bases();
    let dir = std::env::temp_dir().join(format!("idl-proptest-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let mut runner = TestRunner::new(RunnerConfig {
        cases: CASES,
        failure_persistence: None,
        ..RunnerConfig::default()
    });
    let strategy = (0..bases.len(), proptest::collection::vec(edit(), edits));
    let refused = std::cell::Cell::new(0usize);
    let result = runner.run(&strategy, |(base, edits)| {
        let mut text = bases[base].1.clone();
        for edit in &edits {
            text = apply(&text, edit);
        }
        if idl::parse(&text, "mutated.smithy").is_err() {
            refused.set(refused.get() + 1);
        }
        check(&text, &dir)
    });
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(failure) = result {
        panic!("{failure}");
    }
    // Starting on a fresh line: other tests print concurrently.
    print!(
        "\nidl proptest {name}: {CASES} cases, {} refused with a located error\n",
        refused.get()
    );
}

#[test]
fn single_edits() {
    run("single", 1..2);
}

#[test]
fn several_edits() {
    run("several", 2..6);
}

#[test]
fn pathological_inputs_are_refused_with_a_position() {
    let deep = format!(
        "metadata m = {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let error = idl::parse(&deep, "deep.smithy").unwrap_err();
    assert!(error.message.contains("nested"), "{error}");
    let long = format!(
        "namespace x\n@documentation(\"{}\")\nstring S\n",
        "x".repeat(1 << 20)
    );
    assert!(idl::parse(&long, "long.smithy").is_ok());
    // Many members and many shapes load (duplicate checks are not quadratic).
    let members: String = (0..50_000).map(|i| format!("    m{i}: String\n")).collect();
    let shapes: String = (0..20_000).map(|i| format!("string S{i}\n")).collect();
    let big = format!("$version: \"2.0\"\nnamespace x\n\nstructure Big {{\n{members}}}\n{shapes}");
    let document = idl::parse(&big, "big.smithy").expect("a big file parses");
    assert_eq!(document.shapes.len(), 20_001);
    for text in [
        "",
        "\u{feff}",
        "\0",
        "namespace",
        "$",
        "\"",
        "\"\"\"",
        "@",
        "namespace x\napply",
    ] {
        match idl::parse(text, "edge.smithy") {
            Ok(_) => {}
            Err(error) => assert!(error.line >= 1 && error.column >= 1, "{error}"),
        }
    }
}
