//! The AWS protocol suites read from their IDL sources (`../shared/smithy/aws-protocol-tests`
//! with the trait packages in `../shared/smithy/traits`) equal the same suites read from the
//! JSON AST document (`../shared/protocol-tests/…json`).
//!
//! The two come from different upstream commits: the IDL sources are newer. For the awsJson
//! services they agree exactly (same operations, the same shapes in each closure, traits
//! included, the same client cases), so the compliance run, which reads the IDL, covers the JSON
//! document's awsJson cases too. For the restJson1 services the IDL adds cases and shapes; there
//! the test proves that every case of the JSON document is also in the IDL sources, unchanged, so
//! the compliance run covers every JSON case as well, and it prints what the IDL adds.

use integration_tests::generated_crate::shared_dir;
use protocol_tests::cases::{all_client_cases, service_cases};
use protocol_tests::{PROTOCOLS, SERVICES};
use smithy_codegen::model::{Model, Shape, ShapeId, ShapeKind};

/// A shape with the lists whose order carries no meaning sorted: the JSON document lists
/// operation errors in name order, the IDL sources in the order they were written.
fn order_free(shape: &Shape) -> Shape {
    let mut shape = shape.clone();
    if let ShapeKind::Operation(operation) = &mut shape.kind {
        operation.errors.sort();
    }
    shape
}

#[test]
fn idl_sources_give_the_json_suites() {
    let Some(shared) = shared_dir("idl_sources_give_the_json_suites") else {
        return;
    };
    let json_path = shared.join("protocol-tests/smithy-aws-protocol-tests.json");
    let text = std::fs::read_to_string(&json_path).expect("the JSON suite");
    let from_json = Model::load(&text).expect("the JSON suite loads");
    let smithy = shared.join("smithy");
    let from_idl = Model::load_paths(&[smithy.join("aws-protocol-tests"), smithy.join("traits")])
        .unwrap_or_else(|e| panic!("the IDL suite does not load: {e}"));

    let mut differences = Vec::new();
    let mut shapes = 0;
    let mut cases = 0;
    let mut added_upstream = Vec::new();
    for under_test in SERVICES {
        let service = ShapeId::parse(under_test.service).expect("a shape id");
        let protocol = protocol_tests::cases::service_protocol(&from_json, &service)
            .expect("a protocol trait");
        if !protocol.starts_with("aws.protocols#awsJson") {
            let json_cases = service_cases(&from_json, &service).expect("JSON cases");
            let idl_cases = service_cases(&from_idl, &service).expect("IDL cases");
            for case in &json_cases {
                let twin = idl_cases
                    .iter()
                    .find(|c| c.id() == case.id() && c.kind() == case.kind());
                match twin {
                    None => differences.push(format!(
                        "{service}: case {} of the JSON document is missing from the IDL",
                        case.id()
                    )),
                    Some(twin) if format!("{twin:?}") != format!("{case:?}") => {
                        differences.push(format!(
                            "{service}: case {} differs:\n  IDL:  {twin:?}\n  JSON: {case:?}",
                            case.id()
                        ))
                    }
                    Some(_) => {}
                }
            }
            for case in &idl_cases {
                if !json_cases
                    .iter()
                    .any(|c| c.id() == case.id() && c.kind() == case.kind())
                {
                    added_upstream.push(format!("{service}: {}", case.id()));
                }
            }
            cases += json_cases.len();
            continue;
        }
        let operations = from_json.operation_ids(&service).expect("JSON operations");
        assert_eq!(
            from_idl.operation_ids(&service).expect("IDL operations"),
            operations,
            "{service}: operations differ"
        );
        let closure = from_json
            .service_closure(&service, &operations)
            .expect("JSON closure");
        let idl_closure = from_idl
            .service_closure(&service, &operations)
            .expect("IDL closure");
        let ids: Vec<&ShapeId> = closure.shape_ids().collect();
        assert_eq!(
            idl_closure.shape_ids().collect::<Vec<_>>(),
            ids,
            "{service}: closures differ"
        );
        for id in ids {
            let (idl, json) = (
                from_idl.shape(id).map(order_free),
                from_json.shape(id).map(order_free),
            );
            if idl != json {
                differences.push(format!(
                    "{service}: shape {id} differs:\n  IDL:  {idl:?}\n  JSON: {json:?}"
                ));
            }
            shapes += 1;
        }
        let json_cases = service_cases(&from_json, &service).expect("JSON cases");
        let idl_cases = service_cases(&from_idl, &service).expect("IDL cases");
        assert_eq!(
            format!("{idl_cases:?}"),
            format!("{json_cases:?}"),
            "{service}: cases differ"
        );
        cases += json_cases.len();
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    for (protocol, label) in PROTOCOLS {
        if !protocol.starts_with("aws.protocols#awsJson") {
            continue;
        }
        let mut json = all_client_cases(&from_json, protocol);
        let mut idl = all_client_cases(&from_idl, protocol);
        json.sort();
        idl.sort();
        assert_eq!(idl, json, "{label}: client cases differ");
    }
    println!(
        "idl protocol suites: {cases} cases and {shapes} closure shapes equal to the JSON AST"
    );
    println!(
        "idl protocol suites: {} restJson1 cases only in the (newer) IDL sources: {}",
        added_upstream.len(),
        added_upstream.join(", ")
    );
}
