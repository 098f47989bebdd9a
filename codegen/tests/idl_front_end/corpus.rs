//! Smithy's own IDL loader corpus (`../shared/smithy/idl-tests`), read in place:
//!
//! * every `valid/*.smithy` with a `.json` beside it parses to an equal JSON AST (compared as
//!   Smithy's tests compare models: key order ignored, `apply` merged into its target, the
//!   `smithy` version and prelude shapes left out, integral numbers compared as numbers);
//! * every `valid/**/X.flattened.smithy` equals `X.smithy` after mixin flattening;
//! * every `invalid/*.smithy` is refused at the line (and column) its first line gives.
//!
//! Exceptions live in `tests/idl_front_end/known_exceptions.txt` with their reasons; they still run, and
//! one that starts passing fails the test so the list stays honest.

use serde_json::{Map, Value};
use smithy_codegen::model::Model;
use smithy_codegen::{ast, idl};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn files(dir: &Path, suffix: &str, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, suffix, out);
        } else if path.to_string_lossy().ends_with(suffix) {
            out.push(path);
        }
    }
}

/// Known exceptions: `relative/path.smithy: reason`.
fn exceptions() -> BTreeMap<String, String> {
    let text = include_str!("known_exceptions.txt");
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once(": "))
        .map(|(name, reason)| (name.trim().to_owned(), reason.trim().to_owned()))
        .collect()
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// Canonical form: keys sorted (by rebuilding maps), integral floats as integers.
fn canonical(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let sorted: BTreeMap<String, Value> =
                map.into_iter().map(|(k, v)| (k, canonical(v))).collect();
            Value::Object(sorted.into_iter().collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(canonical).collect()),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
            _ => Value::Number(n),
        },
        other => other,
    }
}

fn merge_traits(into: &mut Map<String, Value>, traits: &Map<String, Value>) {
    for (id, value) in traits {
        match (into.get_mut(id), value) {
            (Some(Value::Array(existing)), Value::Array(more)) => existing.extend(more.clone()),
            _ => {
                into.insert(id.clone(), value.clone());
            }
        }
    }
}

/// The document as Smithy's tests see it: applies merged, prelude and version left out.
fn normalise(document: &ast::Document) -> Value {
    let mut shapes: Map<String, Value> = Map::new();
    let mut applies = Vec::new();
    for (id, shape) in &document.shapes {
        if id.starts_with("smithy.api#") {
            continue;
        }
        match shape {
            ast::Shape::Apply(apply) => applies.push((id.clone(), apply.traits.clone())),
            _ => {
                let mut value = serde_json::to_value(shape).expect("serialisable");
                // An operation without input or output has `smithy.api#Unit` there.
                if let (ast::Shape::Operation(_), Value::Object(map)) = (shape, &mut value) {
                    for key in ["input", "output"] {
                        map.entry(key)
                            .or_insert_with(|| serde_json::json!({"target": "smithy.api#Unit"}));
                    }
                }
                shapes.insert(id.clone(), value);
            }
        }
    }
    for (target, traits) in applies {
        let (shape_id, member) = match target.split_once('$') {
            Some((shape, member)) => (shape.to_owned(), Some(member.to_owned())),
            None => (target.clone(), None),
        };
        let Some(shape) = shapes.get_mut(&shape_id) else {
            shapes.insert(
                target,
                serde_json::json!({"type": "apply", "traits": traits}),
            );
            continue;
        };
        let holder = match &member {
            None => Some(shape),
            Some(name) => shape
                .get_mut("members")
                .and_then(|m| m.get_mut(name))
                .or(None),
        };
        if let Some(Value::Object(holder)) = holder {
            let entry = holder
                .entry("traits")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(existing) = entry {
                merge_traits(existing, &traits);
            }
        }
    }
    let mut out = Map::new();
    if !document.metadata.is_empty() {
        out.insert("metadata".into(), Value::Object(document.metadata.clone()));
    }
    out.insert("shapes".into(), Value::Object(shapes));
    canonical(Value::Object(out))
}

/// The first shape (or metadata) that differs, for the failure message.
fn first_difference(actual: &Value, expected: &Value) -> String {
    let empty = Map::new();
    let get = |v: &Value, key: &str| {
        v.get(key)
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_else(|| empty.clone())
    };
    if actual.get("metadata") != expected.get("metadata") {
        return format!(
            "metadata: {:?} vs {:?}",
            actual.get("metadata"),
            expected.get("metadata")
        );
    }
    let (a, e) = (get(actual, "shapes"), get(expected, "shapes"));
    for (id, value) in &e {
        match a.get(id) {
            None => return format!("missing shape {id}"),
            Some(found) if found != value => return format!("{id}: got {found}, expected {value}"),
            _ => {}
        }
    }
    for id in a.keys() {
        if !e.contains_key(id) {
            return format!("unexpected shape {id}");
        }
    }
    "no difference found".into()
}

fn check_valid(path: &Path) -> Result<(), String> {
    let json_path = path.with_extension("json");
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let parsed = idl::parse(&text, &path.display().to_string()).map_err(|e| e.to_string())?;
    let json = std::fs::read_to_string(&json_path).map_err(|e| e.to_string())?;
    let expected = ast::Document::from_json(&json).map_err(|e| format!("expected JSON: {e}"))?;
    let (actual, expected) = (normalise(&parsed), normalise(&expected));
    if actual == expected {
        Ok(())
    } else {
        Err(first_difference(&actual, &expected))
    }
}

/// The shapes of the model loaded from one IDL file, without the prelude and mixin shapes.
fn flattened_shapes(path: &Path) -> Result<Vec<smithy_codegen::model::Shape>, String> {
    let model = Model::load_paths(&[path.to_path_buf()]).map_err(|e| e.to_string())?;
    let mixin = smithy_codegen::model::ShapeId::new("smithy.api", "mixin");
    Ok(model
        .shapes()
        .filter(|s| !Model::is_prelude(&s.id) && !s.traits.raw.contains_key(&mixin))
        .cloned()
        .collect())
}

fn check_flattened(path: &Path) -> Result<(), String> {
    let name = path
        .to_string_lossy()
        .replace(".flattened.smithy", ".smithy");
    let source = flattened_shapes(Path::new(&name))?;
    let flattened = flattened_shapes(path)?;
    for shape in &flattened {
        match source.iter().find(|s| s.id == shape.id) {
            None => return Err(format!("{} is missing after flattening", shape.id)),
            Some(found) if found != shape => {
                return Err(format!("{} differs: {found:?} vs {shape:?}", shape.id))
            }
            _ => {}
        }
    }
    if source.len() != flattened.len() {
        return Err(format!(
            "{} shapes after flattening, {} expected",
            source.len(),
            flattened.len()
        ));
    }
    Ok(())
}

/// `// Syntax error at line L, column C: …` → (L, Some(C)); a message without a position → None.
fn expected_position(first_line: &str) -> Option<(usize, Option<usize>)> {
    let rest = first_line.split("at line ").nth(1)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let line = digits.parse().ok()?;
    let column = rest
        .split("column ")
        .nth(1)
        .map(|c| {
            c.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .and_then(|c| c.parse().ok());
    Some((line, column))
}

fn check_invalid(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let first = text.lines().next().unwrap_or_default();
    let error = match Model::load_paths(&[path.to_path_buf()]) {
        Ok(_) => return Err("accepted".into()),
        Err(error) => error,
    };
    let Some((line, column)) = expected_position(first) else {
        return Ok(());
    };
    match error.position() {
        Some((l, c)) if l == line && column.is_none_or(|column| column == c) => Ok(()),
        found => Err(format!(
            "refused at {found:?}, expected line {line} column {column:?}: {error}"
        )),
    }
}

/// Runs `check` over `cases`, prints the summary and failures, and fails on any failure not
/// listed as a known exception (or any listed one that now passes).
fn run(
    root: &Path,
    cases: &[PathBuf],
    label: &str,
    check: fn(&Path) -> Result<(), String>,
) -> (usize, Vec<String>) {
    let known = exceptions();
    let mut passed = 0;
    let mut problems = Vec::new();
    for case in cases {
        let name = relative(root, case);
        let result = check(case);
        let excepted = known.get(&name);
        match (result, excepted) {
            (Ok(()), None) => passed += 1,
            (Ok(()), Some(_)) => {
                passed += 1;
                problems.push(format!(
                    "{name}: passes now; remove it from known_exceptions.txt"
                ));
            }
            (Err(why), Some(reason)) => eprintln!("  known exception {name}: {why} ({reason})"),
            (Err(why), None) => {
                eprintln!("  FAILED {label} {name}: {why}");
                problems.push(format!("{name}: {why}"));
            }
        }
    }
    (passed, problems)
}

#[test]
fn idl_corpus() {
    let Some(shared) = crate::shared_dir("smithy/idl-tests") else {
        return;
    };
    let root = shared.join("smithy/idl-tests");

    let mut valid = Vec::new();
    files(&root.join("valid"), ".smithy", &mut valid);
    let flattened: Vec<PathBuf> = valid
        .iter()
        .filter(|p| p.to_string_lossy().ends_with(".flattened.smithy"))
        .cloned()
        .collect();
    let with_json: Vec<PathBuf> = valid
        .iter()
        .filter(|p| !p.to_string_lossy().ends_with(".flattened.smithy"))
        .filter(|p| p.with_extension("json").is_file())
        .cloned()
        .collect();
    let mut invalid = Vec::new();
    files(&root.join("invalid"), ".smithy", &mut invalid);

    let (valid_ok, mut problems) = run(&root, &with_json, "valid", check_valid);
    let (flat_ok, more) = run(&root, &flattened, "flattened", check_flattened);
    problems.extend(more);
    let (invalid_ok, more) = run(&root, &invalid, "invalid", check_invalid);
    problems.extend(more);

    // One write, starting on a fresh line: other tests print concurrently.
    print!(
        "\nidl valid: {valid_ok}/{} equal\n\
         idl flattened: {flat_ok}/{} equal after mixin flattening\n\
         idl invalid: {invalid_ok}/{} refused at the right place\n",
        with_json.len(),
        flattened.len(),
        invalid.len()
    );
    assert!(
        problems.is_empty(),
        "{} failing cases:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Every valid corpus file (with `__shared.json`, which defines the shapes some of them `use`)
/// gives the same model when converted to a JSON AST document (`cargo xtask smithy-json`) and
/// loaded from that. The one file that does not load is the known exception.
#[test]
fn valid_corpus_round_trips_through_the_json_ast() {
    let Some(shared) = crate::shared_dir("smithy/idl-tests") else {
        return;
    };
    let mut valid = Vec::new();
    files(
        &shared.join("smithy/idl-tests/valid"),
        ".smithy",
        &mut valid,
    );
    let shared_shapes = shared.join("smithy/idl-tests/valid/__shared.json");
    let root = shared.join("smithy/idl-tests");
    let (mut checked, mut not_loaded) = (0, Vec::new());
    for path in &valid {
        let paths = [path.clone(), shared_shapes.clone()];
        let Ok(from_idl) = Model::load_paths(&paths) else {
            not_loaded.push(relative(&root, path));
            continue;
        };
        let document = ast::Document::assemble_paths(&paths).expect("loads, so it assembles");
        let json = serde_json::to_string_pretty(&document).expect("serialisable");
        let from_json = Model::load(&json).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (a, b): (Vec<_>, Vec<_>) = (from_idl.shapes().collect(), from_json.shapes().collect());
        assert_eq!(a, b, "{}: the JSON AST gives another model", path.display());
        checked += 1;
    }
    print!("\nidl json round trip: {checked}/{} files\n", valid.len());
    let known: Vec<String> = exceptions().into_keys().collect();
    assert_eq!(
        not_loaded, known,
        "files that do not load, and the known exceptions"
    );
}
