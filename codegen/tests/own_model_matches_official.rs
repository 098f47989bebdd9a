//! Our hand-written Cognito model (`models/cognito-identity-provider.json`) must describe the
//! five user-attribute operations exactly as the official model does: same closure, same shape
//! types, same members in the same order with the same targets, and the same traits, except
//! documentation text and examples (ours are our own words). Documentation must still be
//! present wherever the official model has some.
//!
//! `cargo xtask sync-model` (`smithy_codegen::sync`) must bring a drifted copy back in line.

use smithy_codegen::diff::{Format, Scope};
use smithy_codegen::model::{Model, Shape, ShapeId, Traits};
use smithy_codegen::sync::sync_model;
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

/// Every way `ours` differs from `official` for the five operations (empty: in line).
fn differences(ours: &Model, official: &Model) -> Vec<String> {
    let official_closure = closure(official);
    let ours_closure = closure(ours);
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
    if ours_closure.len() != official_closure.len() {
        problems.push(format!(
            "our closure has {} shapes, the official one {}",
            ours_closure.len(),
            official_closure.len()
        ));
    }
    problems
}

fn our_json() -> String {
    let ours_path = manifest_dir().join("../models/cognito-identity-provider.json");
    std::fs::read_to_string(&ours_path).unwrap_or_else(|e| panic!("{}: {e}", ours_path.display()))
}

#[test]
fn own_cognito_model_matches_the_official_one_for_the_five_operations() {
    let Some(official_json) = official_json() else {
        return;
    };
    let official = load("official", &official_json);
    let ours = load("own", &our_json());
    let problems = differences(&ours, &official);
    assert!(
        problems.is_empty(),
        "our model differs from the official one:\n  {}",
        problems.join("\n  ")
    );
    assert_eq!(closure(&ours).len(), 53);
}

/// `sync-model` on a copy of our model that lost an error shape (and its use) and has a
/// changed trait: the synced copy passes the comparison above again, our documentation is
/// kept, and the restored shape is marked as needing documentation.
#[test]
fn sync_model_restores_a_removed_shape_and_a_changed_trait() {
    let Some(official_json) = official_json() else {
        return;
    };
    let ns = "com.amazonaws.cognitoidentityprovider#";
    let mut copy: serde_json::Value = serde_json::from_str(&our_json()).unwrap();
    let shapes = copy["shapes"].as_object_mut().unwrap();
    // Remove `CodeMismatchException` and its use by VerifyUserAttribute.
    shapes
        .remove(&format!("{ns}CodeMismatchException"))
        .unwrap();
    for operation in ["VerifyUserAttribute", "UpdateUserAttributes"] {
        let errors = shapes[&format!("{ns}{operation}")]["errors"]
            .as_array_mut()
            .unwrap();
        errors.retain(|e| e["target"] != format!("{ns}CodeMismatchException"));
    }
    // Change a trait: a shorter maximum length.
    shapes[&format!("{ns}AttributeNameType")]["traits"]["smithy.api#length"]["max"] =
        serde_json::json!(10);
    let our_docs =
        shapes[&format!("{ns}AttributeType")]["traits"]["smithy.api#documentation"].clone();
    let changed = serde_json::to_string_pretty(&copy).unwrap();
    let official = load("official", &official_json);
    assert!(
        !differences(&load("changed copy of our", &changed), &official).is_empty(),
        "the changed copy must differ before syncing"
    );

    let scope = Scope::operations(OPERATIONS);
    let outcome = sync_model(&changed, &official_json, &[scope]).expect("sync succeeds");
    let synced = load("synced", &outcome.json);
    let problems = differences(&synced, &official);
    assert!(
        problems.is_empty(),
        "the synced model still differs:\n  {}",
        problems.join("\n  ")
    );

    // Our documentation is kept where we had some; the restored shape is marked.
    let synced_json: serde_json::Value = serde_json::from_str(&outcome.json).unwrap();
    assert_eq!(
        synced_json["shapes"][format!("{ns}AttributeType")]["traits"]["smithy.api#documentation"],
        our_docs
    );
    let restored = format!("{ns}CodeMismatchException");
    assert!(
        outcome
            .undocumented
            .iter()
            .any(|id| id.to_string() == restored),
        "{:?}",
        outcome.undocumented
    );
    assert_eq!(
        synced_json["shapes"][&restored]["traits"]["smithy.api#documentation"],
        smithy_codegen::sync::PLACEHOLDER
    );
    assert_eq!(
        outcome
            .added
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        vec![restored.clone()]
    );

    // The report says what the sync changed, with severities.
    let report = outcome
        .report
        .as_ref()
        .expect("our changed copy loads, so there is a report");
    let text = outcome.summary(Format::Text);
    println!("{text}");
    let has = |id: &str, shape: &str| {
        report
            .events
            .iter()
            .any(|e| e.id == id && e.shape.to_string() == format!("{ns}{shape}"))
    };
    assert!(has("AddedOperationError", "VerifyUserAttribute"), "{text}");
    assert!(has("AddedOperationError", "UpdateUserAttributes"), "{text}");
    assert!(has("AddedShape", "CodeMismatchException"), "{text}");
    assert!(
        has(
            "ModifiedTrait.Update.smithy.api#length",
            "AttributeNameType"
        ),
        "{text}"
    );
    assert!(text.contains("Documentation to write"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&outcome.summary(Format::Json)).expect("one JSON document");
    assert_eq!(json["added"][0], restored);
    assert!(json["report"]["events"]
        .as_array()
        .is_some_and(|e| !e.is_empty()));

    // Syncing again changes nothing.
    let again = sync_model(
        &outcome.json,
        &official_json,
        &[Scope::operations(OPERATIONS)],
    )
    .unwrap();
    assert_same_text(&again.json, &outcome.json, "a second sync");
}

/// Our own model file is already in line: syncing it is the identity (byte for byte).
#[test]
fn sync_model_of_our_model_changes_nothing() {
    let Some(official_json) = official_json() else {
        return;
    };
    let ours = our_json();
    let outcome = sync_model(&ours, &official_json, &[Scope::operations(OPERATIONS)]).unwrap();
    assert_same_text(&outcome.json, &ours, "syncing an up-to-date model");
    assert!(
        outcome.undocumented.is_empty(),
        "{:?}",
        outcome.undocumented
    );
    assert!(outcome.report.unwrap().events.is_empty());
}

/// Equal texts, or a failure showing the first differing line (models are long).
fn assert_same_text(actual: &str, expected: &str, what: &str) {
    if actual == expected {
        return;
    }
    let (a, e): (Vec<&str>, Vec<&str>) = (actual.lines().collect(), expected.lines().collect());
    let line = a
        .iter()
        .zip(&e)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(e.len()));
    panic!(
        "{what} rewrote the model: first difference at line {}:\n  got:      {:?}\n  expected: {:?}",
        line + 1,
        a.get(line),
        e.get(line)
    );
}
