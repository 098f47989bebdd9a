//! What the generator refuses, leaves out or renames, on small models written here: the
//! protocol check comes first, streaming operations are left out or refused, shape names
//! that differ only in case are an error, member names never break or shadow generated or
//! trait methods, package names follow `sdkId`, and writing a crate is all or nothing.

use serde_json::{json, Value};
use smithy_codegen::model::Model;
use smithy_codegen::{GeneratedCrate, Generator, Settings};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A model with one service `example#Svc` (given traits and operations) and `shapes`.
fn model(service_traits: Value, operations: &[&str], shapes: Value) -> Model {
    let mut all = serde_json::Map::new();
    all.insert(
        "example#Svc".to_owned(),
        json!({
            "type": "service",
            "version": "2024-01-01",
            "operations": operations.iter().map(|op| json!({ "target": format!("example#{op}") })).collect::<Vec<_>>(),
            "traits": service_traits,
        }),
    );
    if let Value::Object(shapes) = shapes {
        all.extend(shapes);
    }
    let text = json!({ "smithy": "2.0", "shapes": all }).to_string();
    Model::load(&text).unwrap_or_else(|e| panic!("test model does not load: {e}"))
}

fn aws_json() -> Value {
    json!({ "aws.protocols#awsJson1_1": {}, "aws.api#service": { "sdkId": "Example Svc" } })
}

/// An operation with its own empty input and output.
fn operation(name: &str) -> Value {
    json!({
        format!("example#{name}"): {
            "type": "operation",
            "input": { "target": format!("example#{name}Input") },
            "output": { "target": format!("example#{name}Output") },
        },
        format!("example#{name}Input"): { "type": "structure", "members": {}, "traits": { "smithy.api#input": {} } },
        format!("example#{name}Output"): { "type": "structure", "members": {}, "traits": { "smithy.api#output": {} } },
    })
}

fn merge(values: &[Value]) -> Value {
    let mut all = serde_json::Map::new();
    for value in values {
        if let Value::Object(map) = value {
            all.extend(map.clone());
        }
    }
    Value::Object(all)
}

#[test]
fn an_unsupported_protocol_is_reported_first_naming_it_and_the_supported_ones() {
    let model = model(
        json!({ "aws.protocols#restXml": {} }),
        &["Ping"],
        operation("Ping"),
    );
    // Asking for an operation that does not exist: the protocol still comes first.
    let error = Generator::new(model)
        .operations(["NoSuchOperation"])
        .generate()
        .err()
        .unwrap_or_else(|| panic!("a restXml service must be refused"));
    assert!(error.is_unsupported_protocol(), "{error}");
    let message = error.to_string();
    for expected in [
        "example#Svc",
        "uses `aws.protocols#restXml`",
        "`aws.protocols#awsJson1_0`",
        "`aws.protocols#awsJson1_1`",
        "`aws.protocols#restJson1`",
    ] {
        assert!(message.contains(expected), "{expected} missing: {message}");
    }
    assert!(
        !message.contains("add `"),
        "no advice to add a trait: {message}"
    );

    let none = Generator::new(model_without_protocol())
        .generate()
        .err()
        .unwrap_or_else(|| panic!("a service without protocol must be refused"));
    assert!(none.is_unsupported_protocol(), "{none}");
    assert!(none.to_string().contains("no protocol trait"), "{none}");
}

fn model_without_protocol() -> Model {
    model(json!({}), &["Ping"], operation("Ping"))
}

fn streaming_model() -> Model {
    let subscribe = json!({
        "example#Subscribe": {
            "type": "operation",
            "input": { "target": "example#SubscribeInput" },
            "output": { "target": "example#SubscribeOutput" },
        },
        "example#SubscribeInput": { "type": "structure", "members": {}, "traits": { "smithy.api#input": {} } },
        "example#SubscribeOutput": {
            "type": "structure",
            "members": { "events": { "target": "example#Events" } },
            "traits": { "smithy.api#output": {} },
        },
        "example#Events": {
            "type": "union",
            "members": { "tick": { "target": "example#Tick" } },
            "traits": { "smithy.api#streaming": {} },
        },
        "example#Tick": { "type": "structure", "members": { "at": { "target": "smithy.api#String" } } },
    });
    model(
        aws_json(),
        &["Ping", "Subscribe"],
        merge(&[operation("Ping"), subscribe]),
    )
}

#[test]
fn event_stream_operations_are_left_out_of_all_with_a_warning_and_a_doc_entry() {
    let generated = Generator::new(streaming_model())
        .operations(["*"])
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(generated
        .files
        .contains_key(Path::new("src/operation/ping.rs")));
    assert!(!generated
        .files
        .contains_key(Path::new("src/operation/subscribe.rs")));
    assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
    let warning = &generated.warnings[0];
    for expected in [
        "example#Subscribe",
        "event streams are not supported yet",
        "example#SubscribeOutput$events",
    ] {
        assert!(warning.contains(expected), "{expected} missing: {warning}");
    }
    let lib = &generated.files[Path::new("src/lib.rs")];
    assert!(lib.contains("# Operations left out"), "{lib}");
    assert!(
        lib.contains("`Subscribe`: event streams are not supported yet"),
        "{lib}"
    );
}

#[test]
fn an_event_stream_operation_asked_for_by_name_is_an_error_naming_it_and_its_member() {
    let error = Generator::new(streaming_model())
        .operations(["Ping", "Subscribe"])
        .generate()
        .err()
        .unwrap_or_else(|| panic!("Subscribe streams events"));
    let message = error.to_string();
    assert!(!error.is_unsupported_protocol());
    for expected in [
        "operation `example#Subscribe`",
        "event streams are not supported yet",
        "`example#SubscribeOutput$events`",
    ] {
        assert!(message.contains(expected), "{expected} missing: {message}");
    }
}

#[test]
fn shape_names_differing_only_in_case_are_an_error_naming_both() {
    let model = model(
        aws_json(),
        &["GetURL", "GetUrl"],
        merge(&[operation("GetURL"), operation("GetUrl")]),
    );
    let message = Generator::new(model)
        .generate()
        .err()
        .unwrap_or_else(|| panic!("GetURL and GetUrl collide"))
        .to_string();
    assert!(message.contains("GetURL"), "{message}");
    assert!(message.contains("GetUrl"), "{message}");
    assert!(message.contains("unique ignoring case"), "{message}");
}

#[test]
fn member_names_never_take_generated_or_trait_method_names() {
    let names = [
        "default",
        "clone",
        "eq",
        "ne",
        "fmt",
        "builder",
        "build",
        "new",
        "into",
        "from",
        "to_owned",
        "to_string",
        "validate",
    ];
    let members: serde_json::Map<String, Value> = names
        .iter()
        .map(|name| ((*name).to_owned(), json!({ "target": "smithy.api#String" })))
        .collect();
    let shapes = merge(&[
        operation("Ping"),
        json!({ "example#Odd": { "type": "structure", "members": members } }),
        json!({ "example#PingInput": {
            "type": "structure",
            "members": { "odd": { "target": "example#Odd" } },
            "traits": { "smithy.api#input": {} },
        } }),
    ]);
    let ir = Generator::new(model(aws_json(), &["Ping"], shapes))
        .lower()
        .unwrap_or_else(|e| panic!("{e}"));
    let odd = ir
        .types
        .values()
        .find_map(|ty| match ty {
            smithy_codegen::ir::TypeIr::Struct(s) if s.name == "Odd" => Some(s),
            _ => None,
        })
        .unwrap_or_else(|| panic!("Odd is generated"));
    for field in &odd.fields {
        assert!(
            !names.contains(&field.ident.as_str()),
            "member `{}` kept the method name `{}`",
            field.member,
            field.ident
        );
        assert_eq!(field.ident, format!("{}_value", field.member));
    }
}

#[test]
fn package_names_follow_the_sdk_id_like_aws_sdk_rust() {
    for (sdk_id, package) in [
        ("DynamoDB", "dynamodb"),
        ("CloudWatch Logs", "cloudwatchlogs"),
        ("CodeCommit", "codecommit"),
        ("ACM PCA", "acmpca"),
        ("Example Svc", "examplesvc"),
    ] {
        let traits =
            json!({ "aws.protocols#awsJson1_1": {}, "aws.api#service": { "sdkId": sdk_id } });
        let ir = Generator::new(model(traits, &["Ping"], operation("Ping")))
            .lower()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ir.package_name, package, "sdkId {sdk_id:?}");
    }
    let ir = Generator::new(model(aws_json(), &["Ping"], operation("Ping")))
        .settings(Settings::default().package_name("my-svc"))
        .lower()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ir.package_name, "my-svc");
}

/// Every file under `dir` with its bytes (directories as `None`), for before/after equality.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let relative = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
            if path.is_dir() {
                out.insert(relative, None);
                pending.push(path);
            } else {
                out.insert(relative, std::fs::read(&path).ok());
            }
        }
    }
    out
}

fn crate_with(files: &[(&str, &str)]) -> GeneratedCrate {
    GeneratedCrate {
        files: files
            .iter()
            .map(|(path, text)| (PathBuf::from(path), (*text).to_owned()))
            .collect(),
        warnings: Vec::new(),
    }
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary directory: {e}"))
}

#[test]
fn a_failed_write_leaves_the_directory_exactly_as_it_was_and_names_the_path() {
    let temp = temp_dir();
    let dir = temp.path().join("out");
    for (path, text) in [
        ("Cargo.toml", "old manifest"),
        ("src/lib.rs", "old lib"),
        ("src/stale.rs", "no longer generated"),
        ("target/keep", "not ours"),
    ] {
        let full = dir.join(path);
        std::fs::create_dir_all(full.parent().unwrap_or(&dir)).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&full, text).unwrap_or_else(|e| panic!("{e}"));
    }
    let before = snapshot(&dir);
    let too_long = format!("src/operation/{}.rs", "x".repeat(300));
    let generated = crate_with(&[
        ("Cargo.toml", "new manifest"),
        ("src/lib.rs", "new lib"),
        ("src/operation/mod.rs", "new module"),
        (too_long.as_str(), "cannot be written"),
    ]);
    let error = generated
        .write_to(&dir)
        .err()
        .unwrap_or_else(|| panic!("a 300-character file name cannot be written"));
    assert!(
        error.to_string().contains(&"x".repeat(300)),
        "the error names the file: {error}"
    );
    assert_eq!(snapshot(&dir), before, "nothing changed");

    // A directory that did not exist is not left behind either.
    let fresh = temp.path().join("a").join("b");
    assert!(generated.write_to(&fresh).is_err());
    assert!(
        !temp.path().join("a").exists(),
        "no directory was left behind"
    );
}

#[test]
fn a_write_failing_halfway_puts_back_what_it_had_replaced() {
    let temp = temp_dir();
    let dir = temp.path().join("out");
    for (path, text) in [
        ("Cargo.toml", "old manifest"),
        ("src/lib.rs", "old lib"),
        // A file where the new crate needs a directory: the last rename cannot happen.
        ("src/zz.rs", "a file in the way"),
    ] {
        let full = dir.join(path);
        std::fs::create_dir_all(full.parent().unwrap_or(&dir)).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&full, text).unwrap_or_else(|e| panic!("{e}"));
    }
    let before = snapshot(&dir);
    let generated = crate_with(&[
        ("Cargo.toml", "new manifest"),
        ("src/lib.rs", "new lib"),
        ("src/zz.rs/inner.rs", "blocked"),
    ]);
    let error = generated
        .write_to(&dir)
        .err()
        .unwrap_or_else(|| panic!("src/zz.rs is a file, not a directory"));
    assert!(error.to_string().contains("zz.rs"), "{error}");
    assert_eq!(snapshot(&dir), before, "the replaced files are back");
}

#[test]
fn a_successful_write_replaces_changed_files_removes_stale_ones_and_keeps_the_rest() {
    let temp = temp_dir();
    let dir = temp.path().join("out");
    for (path, text) in [
        ("src/lib.rs", "old lib"),
        ("src/same.rs", "same"),
        ("src/stale.rs", "no longer generated"),
        ("target/keep", "not ours"),
    ] {
        let full = dir.join(path);
        std::fs::create_dir_all(full.parent().unwrap_or(&dir)).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&full, text).unwrap_or_else(|e| panic!("{e}"));
    }
    let generated = crate_with(&[
        ("src/lib.rs", "new lib"),
        ("src/same.rs", "same"),
        ("src/operation/ping.rs", "new op"),
    ]);
    let report = generated.write_to(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        report.changed,
        [
            PathBuf::from("src/lib.rs"),
            PathBuf::from("src/operation/ping.rs")
        ]
    );
    assert_eq!(report.stale, [PathBuf::from("src/stale.rs")]);
    let after = snapshot(&dir);
    let text = |path: &str| after.get(Path::new(path)).cloned().flatten();
    assert_eq!(text("src/lib.rs"), Some(b"new lib".to_vec()));
    assert_eq!(text("src/same.rs"), Some(b"same".to_vec()));
    assert_eq!(text("src/operation/ping.rs"), Some(b"new op".to_vec()));
    assert_eq!(text("target/keep"), Some(b"not ours".to_vec()));
    assert!(!after.contains_key(Path::new("src/stale.rs")));
    assert!(
        after
            .keys()
            .all(|p| !p.to_string_lossy().contains("staging")),
        "no staging directory is left: {:?}",
        after.keys().collect::<Vec<_>>()
    );
}

#[test]
fn wide_structures_are_built_from_locals_not_one_fallible_literal() {
    // `?` inside a struct literal makes rustc's cleanup code quadratic in the member count
    // (2,000 members took 12.9 GB to check); every fallible read must be a statement of its
    // own. Checked on the text, for a structure wide enough to matter.
    let members: serde_json::Map<String, Value> = (0..300)
        .map(|i| {
            let traits = if i % 3 == 0 {
                json!({ "smithy.api#required": {} })
            } else {
                json!({})
            };
            (
                format!("Member{i}"),
                json!({ "target": "smithy.api#String", "traits": traits }),
            )
        })
        .collect();
    let shapes = merge(&[
        operation("Ping"),
        json!({ "example#Wide": { "type": "structure", "members": members } }),
        json!({ "example#PingInput": {
            "type": "structure",
            "members": { "wide": { "target": "example#Wide" } },
            "traits": { "smithy.api#input": {} },
        } }),
    ]);
    let generated = Generator::new(model(aws_json(), &["Ping"], shapes))
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let types = &generated.files[Path::new("src/types.rs")];
    let literals: Vec<&str> = types
        .split("::std::result::Result::Ok(Wide {")
        .skip(1)
        .map(|rest| rest.split("})").next().unwrap_or_default())
        .collect();
    assert_eq!(
        literals.len(),
        2,
        "from_json and build() both end in `Ok(Wide {{ … }})`"
    );
    for literal in literals {
        assert!(
            literal.contains("member299"),
            "the literal lists every member"
        );
        assert!(
            !literal.contains('?'),
            "no `?` inside the literal:\n{literal}"
        );
    }
}

#[test]
fn a_pattern_without_ecmascript_form_goes_unchecked_with_a_warning_and_a_doc_line() {
    let shapes = merge(&[
        operation("Ping"),
        json!({ "example#PingInput": {
            "type": "structure",
            "members": {
                "code": {
                    "target": "smithy.api#String",
                    // A possessive quantifier: Java only.
                    "traits": { "smithy.api#pattern": "^a*+b$" },
                },
                "name": {
                    "target": "smithy.api#String",
                    "traits": { "smithy.api#pattern": "^[\\w-_]+$" },
                },
            },
            "traits": { "smithy.api#input": {} },
        } }),
    ]);
    let generated = Generator::new(model(aws_json(), &["Ping"], shapes))
        .generate()
        .unwrap_or_else(|e| panic!("an uncheckable pattern never stops generation: {e}"));
    assert_eq!(generated.warnings.len(), 1, "{:?}", generated.warnings);
    let warning = &generated.warnings[0];
    for expected in ["example#PingInput$code", "^a*+b$", "possessive"] {
        assert!(warning.contains(expected), "{expected} missing: {warning}");
    }
    let lib = &generated.files[Path::new("src/lib.rs")];
    assert!(lib.contains("# Unchecked patterns"), "{lib}");
    assert!(lib.contains("`example#PingInput$code`"), "{lib}");
    let operation = &generated.files[Path::new("src/operation/ping.rs")];
    assert!(!operation.contains("^a*+b$"), "the member goes unchecked");
    assert!(
        operation.contains(r#""^[\\w\\-_]+$""#),
        "the other member is checked, in its ECMAScript form"
    );
}

#[test]
fn empty_list_defaults_use_unwrap_or_default() {
    // Glue's `@default([])` lists: `unwrap_or_else(|| Vec::new())` is a clippy warning.
    let shapes = merge(&[
        operation("Ping"),
        json!({
            "example#Names": { "type": "list", "member": { "target": "smithy.api#String" } },
            "example#Holder": {
                "type": "structure",
                "members": {
                    "names": { "target": "example#Names", "traits": { "smithy.api#default": [] } },
                },
            },
            "example#PingInput": {
                "type": "structure",
                "members": { "holder": { "target": "example#Holder" } },
                "traits": { "smithy.api#input": {} },
            },
        }),
    ]);
    let generated = Generator::new(model(aws_json(), &["Ping"], shapes))
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let types = &generated.files[Path::new("src/types.rs")];
    assert!(types.contains(".unwrap_or_default()"), "{types}");
    assert!(!types.contains("Vec::new())"), "{types}");
}
