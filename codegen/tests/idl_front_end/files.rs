//! The IDL front-end on this crate's own IDL models (`tests/idl/`): they load, a file and
//! a directory give the same model, the IDL and its JSON AST give the same model, IDL and JSON
//! files mix, and errors found after parsing still name the file, line and column.

use smithy_codegen::model::{Model, ShapeId};
use smithy_codegen::{ast, idl};
use std::path::PathBuf;

fn idl_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/idl")
}

fn id(text: &str) -> ShapeId {
    ShapeId::parse(text).expect("a shape id")
}

#[test]
fn own_idl_models_load_with_their_meaning() {
    let model = Model::load_paths(&[idl_dir()]).unwrap_or_else(|e| panic!("{e}"));
    let get_order = model
        .shape(&id("example.shop#GetOrderRequest"))
        .expect("renamed inline input");
    assert!(get_order.traits.input);
    let order_id = &get_order.members()[0];
    assert_eq!(
        order_id.target,
        id("example.shop#OrderId"),
        "elided from the resource"
    );
    assert!(order_id.traits.required);
    let output = model
        .shape(&id("example.shop#GetOrderOutput"))
        .expect("inline output");
    let names: Vec<&str> = output.members().iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        ["changedAt", "orderId", "status", "items"],
        "mixin members first"
    );
    let note = model.shape(&id("example.shop#Note")).unwrap();
    assert_eq!(
        note.traits.documentation.as_deref(),
        Some("Free text attached to an order.\n  Indented lines keep their extra indentation.\n")
    );
    let item = model.shape(&id("example.shop#Item")).unwrap();
    let sku = item.members()[0];
    assert_eq!(
        sku.traits.documentation.as_deref(),
        Some("Stock keeping unit.")
    );
    assert_eq!(item.members()[1].traits.default, Some(serde_json::json!(1)));
    let service = model.shape(&id("example.shop#Shop")).unwrap();
    assert!(
        service.traits.aws_json_1_1,
        "`use`d trait resolves without its definition"
    );
    assert_eq!(
        service.traits.documentation.as_deref(),
        Some("The shop: orders and their items.")
    );
    assert_eq!(model.metadata()["owners"], serde_json::json!(["shop-team"]));
    let legacy = model.shape(&id("example.legacy#Tags")).unwrap();
    assert_eq!(legacy.type_name(), "set");
}

/// IDL 1.0 keeps its meaning: unboxed numbers and booleans (and members targeting them) are
/// non-nullable with a zero default; `@box` on the shape or the member, or a boxed prelude
/// target such as `Integer`, keeps them nullable. A 1.0 JSON AST document reads the same.
#[test]
fn version_1_documents_keep_their_box_semantics() {
    let model = Model::load_paths(&[idl_dir().join("shop-v1.smithy")]).unwrap();
    let legacy = model.shape(&id("example.legacy#Legacy")).unwrap();
    let default = |name: &str| {
        let member = legacy
            .members()
            .into_iter()
            .find(|m| m.name == name)
            .unwrap();
        member.traits.default.clone()
    };
    assert_eq!(default("maybe"), None, "@box on the target");
    assert_eq!(default("count"), Some(serde_json::json!(0)));
    assert_eq!(default("boxedCount"), None, "@box on the member");
    assert_eq!(default("total"), None, "the prelude's Integer is boxed");
    assert_eq!(default("flag"), Some(serde_json::json!(false)));
    let count = model.shape(&id("example.legacy#Count")).unwrap();
    assert_eq!(count.traits.default, Some(serde_json::json!(0)));

    let json = r#"{"smithy": "1.0", "shapes": {
        "ex#Count": {"type": "integer"},
        "ex#S": {"type": "structure", "members": {"count": {"target": "ex#Count"}}}
    }}"#;
    let from_json = Model::load(json).unwrap();
    let s = from_json.shape(&id("ex#S")).unwrap();
    assert_eq!(s.members()[0].traits.default, Some(serde_json::json!(0)));
    let v2 = json.replace("\"1.0\"", "\"2.0\"");
    let s2 = Model::load(&v2).unwrap();
    assert_eq!(
        s2.shape(&id("ex#S")).unwrap().members()[0].traits.default,
        None
    );
}

#[test]
fn idl_and_its_json_ast_give_the_same_model() {
    let file = idl_dir().join("shop.smithy");
    let document = ast::Document::assemble_paths(std::slice::from_ref(&file))
        .unwrap_or_else(|e| panic!("{e}"));
    let json = serde_json::to_string(&document).unwrap();
    let from_json = Model::load(&json).unwrap_or_else(|e| panic!("{e}"));
    let from_idl = Model::load_paths(&[file]).unwrap();
    assert!(from_json.shapes().eq(from_idl.shapes()));
    let again = ast::Document::assemble_paths(&[idl_dir().join("shop.smithy")]).unwrap();
    assert_eq!(
        serde_json::to_string(&again).unwrap(),
        json,
        "deterministic"
    );
}

#[test]
fn idl_and_json_files_mix_and_conflicts_name_both_files() {
    let dir = std::env::temp_dir().join(format!("idl-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let idl_path = dir.join("a.smithy");
    std::fs::write(
        &idl_path,
        "$version: \"2.0\"\nnamespace ex\n\nstructure A {\n    b: B\n}\n",
    )
    .unwrap();
    let json_path = dir.join("b.json");
    std::fs::write(
        &json_path,
        r#"{"smithy": "2.0", "shapes": {"ex#B": {"type": "string"}}}"#,
    )
    .unwrap();
    let model = Model::load_paths(std::slice::from_ref(&dir)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        model.shape(&id("ex#A")).unwrap().members()[0].target,
        id("ex#B")
    );

    // The same shape defined differently in the IDL file and a JSON file.
    std::fs::write(
        &json_path,
        r#"{"smithy": "2.0", "shapes": {"ex#B": {"type": "string"}, "ex#A": {"type": "string"}}}"#,
    )
    .unwrap();
    let error = Model::load_paths(std::slice::from_ref(&dir))
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("a.smithy") && error.contains("b.json"),
        "{error}"
    );

    // An unknown target is found after parsing, and still placed in the IDL file.
    std::fs::remove_file(&json_path).unwrap();
    let error = Model::load_paths(std::slice::from_ref(&dir)).unwrap_err();
    assert_eq!(
        error.document(),
        Some(idl_path.display().to_string().as_str())
    );
    assert_eq!(error.position(), Some((4, 11)), "{error}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn single_file_parse_reports_where() {
    let error = idl::parse("namespace ex\n\nstructure A {\n    b: \n}\n", "x.smithy").unwrap_err();
    assert_eq!(
        (error.file.as_str(), error.line, error.column),
        ("x.smithy", 4, 8)
    );
    assert!(
        error
            .to_string()
            .starts_with("x.smithy:4:8: syntax error: Expected IDENTIFIER"),
        "{error}"
    );
}

#[test]
fn directories_skip_hidden_entries_and_other_files() {
    let dir = std::env::temp_dir().join(format!("idl-hidden-{}", std::process::id()));
    std::fs::create_dir_all(dir.join(".editor")).unwrap();
    std::fs::write(dir.join(".editor/settings.json"), "not a model").unwrap();
    std::fs::write(dir.join("notes.txt"), "not a model either").unwrap();
    std::fs::write(dir.join("a.smithy"), "namespace ex\n\nstring A\n").unwrap();
    let model = Model::load_paths(std::slice::from_ref(&dir)).unwrap_or_else(|e| panic!("{e}"));
    assert!(model.shape(&id("ex#A")).is_some());
    // Named explicitly, a file that is not a model is an error.
    let error = Model::load_paths(&[dir.join("notes.txt")]).unwrap_err();
    assert!(error.to_string().contains("is not a model file"), "{error}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn int_enum_members_need_values() {
    let text = "$version: \"2.0\"\nnamespace ex\n\nintEnum Level {\n    LOW = 1\n    HIGH\n}\n";
    let error = idl::parse(text, "level.smithy").unwrap_err();
    assert_eq!((error.line, error.column), (6, 5), "{error}");
    assert!(error.message.contains("ex#Level$HIGH"), "{error}");
}

#[test]
fn duplicate_object_keys_are_refused() {
    let text = "namespace ex\n\n@tags([])\n@deprecated(message: \"a\", message: \"b\")\nstring S\n";
    let error = idl::parse(text, "dup.smithy").unwrap_err();
    assert_eq!((error.line, error.column), (4, 27), "{error}");
    assert!(
        error.message.contains("Duplicate object key `message`"),
        "{error}"
    );
}
