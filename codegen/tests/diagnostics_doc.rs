//! `docs/diagnostics.md` lists every loader diagnostic with a real message. This test
//! produces each message from a small model and checks that it appears in the page word for
//! word, so the page cannot drift from what the loader prints:
//!
//! * every `LoadErrorKind` variant in `src/model/error.rs` has a case here and a section
//!   (`## \`Kind\``) in the page, and nothing else does;
//! * every case's message is in the page, verbatim, on a line of its own.
//!
//! When a message changes, the failure prints the new text to paste into the page.

use serde_json::{json, Value};
use smithy_codegen::model::{LoadError, LoadErrorKind, Model, ShapeId};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen sits in the workspace")
        .to_path_buf()
}

/// A Smithy 2.0 document with these shapes.
fn doc(shapes: Value) -> String {
    json!({ "smithy": "2.0", "shapes": shapes }).to_string()
}

fn fail(text: &str) -> LoadError {
    match Model::load(text) {
        Ok(_) => panic!("expected a diagnostic for {text}"),
        Err(error) => error,
    }
}

fn fail_shapes(shapes: Value) -> LoadError {
    fail(&doc(shapes))
}

/// The variant name of a kind, as the page's section headings spell it.
fn kind_name(kind: &LoadErrorKind) -> &'static str {
    match kind {
        LoadErrorKind::MalformedJson { .. } => "MalformedJson",
        LoadErrorKind::UnsupportedVersion { .. } => "UnsupportedVersion",
        LoadErrorKind::InvalidShapeId { .. } => "InvalidShapeId",
        LoadErrorKind::UnknownShape { .. } => "UnknownShape",
        LoadErrorKind::UnknownOperation { .. } => "UnknownOperation",
        LoadErrorKind::ConflictingMember { .. } => "ConflictingMember",
        LoadErrorKind::ConflictingTrait { .. } => "ConflictingTrait",
        LoadErrorKind::ConflictingMetadata { .. } => "ConflictingMetadata",
        LoadErrorKind::DuplicateShape { .. } => "DuplicateShape",
        LoadErrorKind::CyclicMixins { .. } => "CyclicMixins",
        LoadErrorKind::InvalidMixin { .. } => "InvalidMixin",
        LoadErrorKind::InvalidTrait { .. } => "InvalidTrait",
        LoadErrorKind::WrongType { .. } => "WrongType",
        LoadErrorKind::MissingField { .. } => "MissingField",
        LoadErrorKind::UnknownProperty { .. } => "UnknownProperty",
        LoadErrorKind::UnknownShapeType { .. } => "UnknownShapeType",
        LoadErrorKind::InvalidTarget { .. } => "InvalidTarget",
        LoadErrorKind::Syntax { .. } => "Syntax",
        LoadErrorKind::Io { .. } => "Io",
        // A new variant: add it above, give it a case below and a section in the page.
        _ => "a LoadErrorKind this test does not know",
    }
}

/// One documented diagnostic: its kind and a model that produces it.
struct Case {
    kind: &'static str,
    produce: fn() -> LoadError,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            kind: "MalformedJson",
            produce: || fail(r#"{"smithy": "2.0", "shapes": {"example.shop#Order": }}"#),
        },
        Case {
            kind: "UnsupportedVersion",
            produce: || fail(r#"{"smithy": "3.0", "shapes": {}}"#),
        },
        Case {
            kind: "InvalidShapeId",
            produce: || {
                fail_shapes(json!({
                    "example.shop#Order": {
                        "type": "structure",
                        "members": {"item": {"target": "Item"}}
                    }
                }))
            },
        },
        Case {
            kind: "UnknownShape",
            produce: || {
                fail_shapes(json!({
                    "example.shop#Order": {
                        "type": "structure",
                        "members": {"item": {"target": "example.shop#Iten"}}
                    },
                    "example.shop#Item": {"type": "string"}
                }))
            },
        },
        Case {
            kind: "UnknownOperation",
            produce: || {
                let model = Model::load(&doc(json!({
                    "example.shop#Shop": {
                        "type": "service",
                        "version": "2024-01-01",
                        "operations": [{"target": "example.shop#PlaceOrder"}]
                    },
                    "example.shop#PlaceOrder": {"type": "operation"}
                })))
                .expect("a valid model");
                let service = ShapeId::parse("example.shop#Shop").unwrap();
                model
                    .find_operation(&service, "PlaceOrders")
                    .expect_err("no such operation")
            },
        },
        Case {
            kind: "ConflictingMember",
            produce: || {
                fail_shapes(json!({
                    "example.shop#Audited": {
                        "type": "structure",
                        "members": {"createdAt": {"target": "smithy.api#Timestamp"}},
                        "traits": {"smithy.api#mixin": {}}
                    },
                    "example.shop#Order": {
                        "type": "structure",
                        "mixins": [{"target": "example.shop#Audited"}],
                        "members": {"createdAt": {"target": "smithy.api#String"}}
                    }
                }))
            },
        },
        Case {
            kind: "ConflictingTrait",
            produce: || {
                fail_shapes(json!({
                    "example.shop#Order": {
                        "type": "structure",
                        "members": {
                            "note": {
                                "target": "smithy.api#String",
                                "traits": {"smithy.api#documentation": "Free text."}
                            }
                        }
                    },
                    "example.shop#Order$note": {
                        "type": "apply",
                        "traits": {"smithy.api#documentation": "A note to the courier."}
                    }
                }))
            },
        },
        Case {
            kind: "ConflictingMetadata",
            produce: || {
                Model::load_all([
                    (
                        "a.json",
                        r#"{"smithy": "2.0", "metadata": {"owner": "team-a"}, "shapes": {}}"#,
                    ),
                    (
                        "b.json",
                        r#"{"smithy": "2.0", "metadata": {"owner": "team-b"}, "shapes": {}}"#,
                    ),
                ])
                .expect_err("two owners")
            },
        },
        Case {
            kind: "DuplicateShape",
            produce: || {
                Model::load_all([
                    (
                        "orders.json",
                        r#"{"smithy": "2.0", "shapes": {"example.shop#OrderId": {"type": "string"}}}"#,
                    ),
                    (
                        "legacy.json",
                        r#"{"smithy": "2.0", "shapes": {"example.shop#OrderId": {"type": "integer"}}}"#,
                    ),
                ])
                .expect_err("defined twice")
            },
        },
        Case {
            kind: "CyclicMixins",
            produce: || {
                fail_shapes(json!({
                    "example.shop#Audited": {
                        "type": "structure",
                        "mixins": [{"target": "example.shop#Owned"}],
                        "members": {},
                        "traits": {"smithy.api#mixin": {}}
                    },
                    "example.shop#Owned": {
                        "type": "structure",
                        "mixins": [{"target": "example.shop#Audited"}],
                        "members": {},
                        "traits": {"smithy.api#mixin": {}}
                    }
                }))
            },
        },
        Case {
            kind: "InvalidMixin",
            produce: || {
                fail_shapes(json!({
                    "example.shop#Audited": {"type": "structure", "members": {}},
                    "example.shop#Order": {
                        "type": "structure",
                        "mixins": [{"target": "example.shop#Audited"}],
                        "members": {}
                    }
                }))
            },
        },
        Case {
            kind: "InvalidTrait",
            produce: || {
                fail_shapes(json!({
                    "example.shop#Quantity": {
                        "type": "integer",
                        "traits": {"smithy.api#range": {"min": "one"}}
                    }
                }))
            },
        },
        Case {
            kind: "WrongType",
            produce: || {
                fail_shapes(json!({
                    "example.shop#Order": {"type": "structure", "members": []}
                }))
            },
        },
        Case {
            kind: "MissingField",
            produce: || fail_shapes(json!({"example.shop#Items": {"type": "list"}})),
        },
        Case {
            kind: "UnknownProperty",
            produce: || {
                fail_shapes(json!({
                    "example.shop#Order": {"type": "structure", "member": {}}
                }))
            },
        },
        Case {
            kind: "UnknownShapeType",
            produce: || fail_shapes(json!({"example.shop#Order": {"type": "struct"}})),
        },
        Case {
            kind: "UnknownShape",
            produce: || {
                fail_shapes(json!({
                    "example.shop#Order": {"type": "structure", "members": {}},
                    "example.shop#Order$note": {
                        "type": "apply",
                        "traits": {"smithy.api#documentation": "A note."}
                    }
                }))
            },
        },
        Case {
            kind: "ConflictingMember",
            produce: || {
                fail_shapes(json!({
                    "example.shop#Audited": {
                        "type": "structure",
                        "members": {"at": {"target": "smithy.api#Timestamp"}},
                        "traits": {"smithy.api#mixin": {}}
                    },
                    "example.shop#Logged": {
                        "type": "structure",
                        "members": {"at": {"target": "smithy.api#String"}},
                        "traits": {"smithy.api#mixin": {}}
                    },
                    "example.shop#Order": {
                        "type": "structure",
                        "mixins": [
                            {"target": "example.shop#Audited"},
                            {"target": "example.shop#Logged"}
                        ],
                        "members": {}
                    }
                }))
            },
        },
        Case {
            kind: "DuplicateShape",
            produce: || fail_shapes(json!({"smithy.api#String": {"type": "integer"}})),
        },
        Case {
            kind: "InvalidTarget",
            produce: || {
                fail_shapes(json!({
                    "example.shop#PlaceOrder": {
                        "type": "operation",
                        "input": {"target": "smithy.api#String"}
                    }
                }))
            },
        },
        Case {
            kind: "InvalidTarget",
            produce: || {
                fail_shapes(json!({
                    "example.shop#PlaceOrder": {"type": "operation"},
                    "example.shop#Order": {
                        "type": "structure",
                        "members": {"action": {"target": "example.shop#PlaceOrder"}}
                    }
                }))
            },
        },
        Case {
            kind: "Syntax",
            produce: || {
                let text = "$version: \"2.0\"\nnamespace example.shop\n\nstructure Order {\n    item: Item\n\nstring Item\n";
                match smithy_codegen::idl::parse(text, "order.smithy") {
                    Ok(_) => panic!("expected a syntax error"),
                    Err(error) => LoadError::from(error),
                }
            },
        },
        Case {
            kind: "Io",
            produce: || match Model::load_paths(&[PathBuf::from("Cargo.toml")]) {
                Ok(_) => panic!("expected an I/O error"),
                Err(error) => error,
            },
        },
    ]
}

fn page() -> String {
    let path = workspace_root().join("docs/diagnostics.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The variants of `LoadErrorKind`, read from its source.
fn variants_in_source() -> BTreeSet<String> {
    let path = workspace_root().join("codegen/src/model/error.rs");
    let source =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let body = source
        .split("pub enum LoadErrorKind {")
        .nth(1)
        .expect("the enum is in error.rs");
    let mut variants = BTreeSet::new();
    for line in body.lines() {
        if line.starts_with('}') {
            break;
        }
        // Variants sit at one level of indentation; their fields at two.
        let Some(rest) = line.strip_prefix("    ") else {
            continue;
        };
        if rest.starts_with(' ') || rest.starts_with("//") || rest.starts_with('#') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.starts_with(|c: char| c.is_ascii_uppercase()) {
            variants.insert(name);
        }
    }
    variants
}

/// The kinds the page has a section for (`## \`Kind\``).
fn sections_in_page(page: &str) -> BTreeSet<String> {
    page.lines()
        .filter_map(|line| line.strip_prefix("## `"))
        .filter_map(|rest| rest.split('`').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_kind_has_a_case_and_a_section() {
    let in_source = variants_in_source();
    assert!(
        in_source.len() >= 17,
        "parsed too few variants: {in_source:?}"
    );
    let cases: BTreeSet<String> = cases().iter().map(|c| c.kind.to_owned()).collect();
    assert_eq!(
        in_source, cases,
        "every LoadErrorKind needs a case in this test (and only those)"
    );
    assert_eq!(
        in_source,
        sections_in_page(&page()),
        "every LoadErrorKind needs a `## `Kind`` section in docs/diagnostics.md (and only those)"
    );
}

#[test]
fn every_message_appears_verbatim_in_the_page() {
    let page = page();
    let lines: BTreeSet<&str> = page.lines().collect();
    let mut missing = Vec::new();
    for case in cases() {
        let error = (case.produce)();
        assert_eq!(
            kind_name(error.kind()),
            case.kind,
            "the {} case produced another diagnostic: {error}",
            case.kind
        );
        let message = error.to_string();
        if !lines.contains(message.as_str()) {
            missing.push(format!("{}:\n{message}", case.kind));
        }
    }
    assert!(
        missing.is_empty(),
        "docs/diagnostics.md lacks these messages (paste them, each on its own line):\n\n{}",
        missing.join("\n\n")
    );
}
