//! Whole model directories written in IDL load, read in place from `../shared/smithy`:
//! Smithy's AWS protocol suites with the trait packages, the rpcv2Cbor / rpcv2Json suites,
//! and the endpoint rules engine test models; and the protocol suites loaded from IDL equal
//! the same suites loaded from their JSON AST.

use smithy_codegen::model::Model;
use std::path::PathBuf;

fn load(paths: &[PathBuf]) -> Model {
    Model::load_paths(paths).unwrap_or_else(|e| panic!("{paths:?} does not load: {e}"))
}

#[test]
fn aws_protocol_suites_load_from_idl() {
    let Some(shared) = crate::shared_dir("smithy/aws-protocol-tests") else {
        return;
    };
    let smithy = shared.join("smithy");
    let model = load(&[smithy.join("aws-protocol-tests"), smithy.join("traits")]);
    println!("aws-protocol-tests: {} shapes", model.shapes().count());
}

#[test]
fn rpcv2_suites_load_from_idl() {
    let Some(shared) = crate::shared_dir("smithy/aws-protocol-tests") else {
        return;
    };
    let smithy = shared.join("smithy");
    let model = load(&[smithy.join("protocol-tests"), smithy.join("traits")]);
    println!("rpcv2 suites: {} shapes", model.shapes().count());
}

#[test]
fn rules_engine_models_load_from_idl() {
    let Some(shared) = crate::shared_dir("smithy/aws-protocol-tests") else {
        return;
    };
    let smithy = shared.join("smithy");
    let model = load(&[smithy.join("rules-engine-tests"), smithy.join("traits")]);
    println!("rules-engine-tests: {} shapes", model.shapes().count());
}

/// The trait packages are not needed at run time: the suites load without the trait
/// definitions of `traits/`, their `use`d traits kept by id as the JSON loader keeps them.
/// (`smithy.framework#ValidationException` is a structure the restJson1 suite uses as an
/// error, not a trait, so its model file is still given.)
#[test]
fn suites_load_without_the_trait_packages() {
    let Some(shared) = crate::shared_dir("smithy/aws-protocol-tests") else {
        return;
    };
    let smithy = shared.join("smithy");
    let validation = smithy.join("traits/smithy.framework.validation.smithy");
    let with = load(&[smithy.join("aws-protocol-tests"), smithy.join("traits")]);
    let without = load(&[smithy.join("aws-protocol-tests"), validation.clone()]);
    for shape in without.shapes() {
        assert_eq!(with.shape(&shape.id), Some(shape), "{} differs", shape.id);
    }
    load(&[smithy.join("protocol-tests"), validation]);
    load(&[smithy.join("rules-engine-tests")]);
}
