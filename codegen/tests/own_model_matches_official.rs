//! Our hand-written Cognito model (`models/cognito-identity-provider.json`) must describe the
//! five user-attribute operations exactly as the official model does: same closure, same shape
//! types, same members in the same order with the same targets, and the same traits, except
//! documentation text and examples (ours are our own words). Documentation must still be
//! present wherever the official model has some.

use smithy_codegen::model::{Model, Shape, ShapeId, Traits};
use std::collections::BTreeSet;
use std::path::PathBuf;

const SERVICE: &str = "com.amazonaws.cognitoidentityprovider#AWSCognitoIdentityProviderService";
const OPERATIONS: [&str; 5] = [
    "GetUser",
    "UpdateUserAttributes",
    "DeleteUserAttributes",
    "GetUserAttributeVerificationCode",
    "VerifyUserAttribute",
];
/// Service traits compared value for value.
const SERVICE_TRAITS: [&str; 3] = [
    "aws.api#service",
    "aws.auth#sigv4",
    "aws.protocols#awsJson1_1",
];
/// Traits whose text is ours, not the official one.
const PROSE_TRAITS: [&str; 2] = ["smithy.api#documentation", "smithy.api#examples"];

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The official model from the shared folder (`$SHARED_DIR`, else `../shared` beside the
/// workspace), or `None` after a loud skip notice.
fn official_json() -> Option<String> {
    test_support::read_shared(
        "own_model_matches_official",
        "models/cognito-identity-provider.json",
    )
}

fn load(what: &str, json: &str) -> Model {
    Model::load(json).unwrap_or_else(|e| panic!("the {what} model does not load: {e}"))
}

/// The non-prelude closure of the five operations (with the service's errors).
fn closure(model: &Model) -> BTreeSet<ShapeId> {
    let service = ShapeId::parse(SERVICE).unwrap();
    let roots: Vec<ShapeId> = OPERATIONS
        .iter()
        .map(|name| model.find_operation(&service, name).unwrap())
        .collect();
    model
        .service_closure(&service, &roots)
        .unwrap()
        .without_prelude()
        .cloned()
        .collect()
}

/// Traits as compared: raw values by id, prose traits left out.
fn comparable(traits: &Traits) -> Vec<(String, &serde_json::Value)> {
    traits
        .raw
        .iter()
        .filter(|(id, _)| !PROSE_TRAITS.contains(&id.to_string().as_str()))
        .map(|(id, value)| (id.to_string(), value))
        .collect()
}

/// Records every trait difference between `ours` and `official` on `subject`.
fn compare_traits(subject: &str, ours: &Traits, official: &Traits, problems: &mut Vec<String>) {
    let ours_list = comparable(ours);
    let official_list = comparable(official);
    for (id, value) in &official_list {
        match ours_list.iter().find(|(other, _)| other == id) {
            None => problems.push(format!(
                "{subject}: trait `{id}` is missing (official: {value})"
            )),
            Some((_, ours_value)) if ours_value != value => problems.push(format!(
                "{subject}: trait `{id}` is {ours_value}, official is {value}"
            )),
            Some(_) => {}
        }
    }
    for (id, value) in &ours_list {
        if !official_list.iter().any(|(other, _)| other == id) {
            problems.push(format!(
                "{subject}: trait `{id}` is not in the official model (ours: {value})"
            ));
        }
    }
    if official.documentation.is_some() && ours.documentation.is_none() {
        problems.push(format!(
            "{subject}: has no documentation, the official model has some"
        ));
    }
}

fn compare_shape(ours: &Shape, official: &Shape, problems: &mut Vec<String>) {
    let id = &ours.id;
    if ours.type_name() != official.type_name() {
        problems.push(format!(
            "`{id}`: is a {}, official is a {}",
            ours.type_name(),
            official.type_name()
        ));
        return;
    }
    compare_traits(&format!("`{id}`"), &ours.traits, &official.traits, problems);
    let ours_members = ours.members();
    let official_members = official.members();
    let names = |members: &[&smithy_codegen::model::Member]| {
        members.iter().map(|m| m.name.clone()).collect::<Vec<_>>()
    };
    if names(&ours_members) != names(&official_members) {
        problems.push(format!(
            "`{id}`: members are {:?}, official (in order) are {:?}",
            names(&ours_members),
            names(&official_members)
        ));
    }
    for official_member in &official_members {
        let Some(member) = ours_members.iter().find(|m| m.name == official_member.name) else {
            continue;
        };
        if member.target != official_member.target {
            problems.push(format!(
                "`{}`: targets `{}`, official targets `{}`",
                member.id, member.target, official_member.target
            ));
        }
        compare_traits(
            &format!("`{}`", member.id),
            &member.traits,
            &official_member.traits,
            problems,
        );
    }
    // Operation references (input, output, errors) are part of the kind.
    if let (
        smithy_codegen::model::ShapeKind::Operation(a),
        smithy_codegen::model::ShapeKind::Operation(b),
    ) = (&ours.kind, &official.kind)
    {
        if a != b {
            problems.push(format!(
                "`{id}`: input/output/errors are {a:?}, official {b:?}"
            ));
        }
    }
}

#[test]
fn own_cognito_model_matches_the_official_one_for_the_five_operations() {
    let Some(official_json) = official_json() else {
        return;
    };
    let ours_path = manifest_dir().join("../models/cognito-identity-provider.json");
    let ours_json = std::fs::read_to_string(&ours_path)
        .unwrap_or_else(|e| panic!("{}: {e}", ours_path.display()));
    let official = load("official", &official_json);
    let ours = load("own", &ours_json);

    let official_closure = closure(&official);
    let ours_closure = closure(&ours);
    let mut problems = Vec::new();
    for id in official_closure.difference(&ours_closure) {
        problems.push(format!(
            "`{id}`: in the official closure, missing from ours"
        ));
    }
    for id in ours_closure.difference(&official_closure) {
        problems.push(format!("`{id}`: in our closure, not in the official one"));
    }
    for id in ours_closure.intersection(&official_closure) {
        let (Some(a), Some(b)) = (ours.shape(id), official.shape(id)) else {
            continue;
        };
        compare_shape(a, b, &mut problems);
    }

    let service = ShapeId::parse(SERVICE).unwrap();
    match (ours.shape(&service), official.shape(&service)) {
        (Some(a), Some(b)) => {
            for name in SERVICE_TRAITS {
                let trait_id = ShapeId::parse(name).unwrap();
                let json = |traits: &Traits| {
                    traits
                        .raw
                        .get(&trait_id)
                        .map_or("absent".to_owned(), |v| v.to_string())
                };
                let (mine, theirs) = (json(&a.traits), json(&b.traits));
                if mine != theirs {
                    problems.push(format!(
                        "`{service}`: trait `{name}` is {mine}, official is {theirs}"
                    ));
                }
            }
        }
        _ => problems.push(format!(
            "`{service}`: the service is missing from one of the models"
        )),
    }

    assert!(
        problems.is_empty(),
        "our model differs from the official one:\n  {}",
        problems.join("\n  ")
    );
    assert_eq!(ours_closure.len(), 53);
}
