//! The Rust-API column of `smithy_codegen::diff` on our own Cognito model: each test changes a
//! copy of `models/cognito-identity-provider.json` the way a model update might and checks the
//! event (id, severity, shape) and what it says about the generated crate.

use serde_json::{json, Value};
use smithy_codegen::diff::{diff, DiffOptions, DiffReport, Event, Format, Scope, Severity};
use smithy_codegen::model::Model;
use std::path::Path;

const NS: &str = "com.amazonaws.cognitoidentityprovider#";
const OPERATIONS: [&str; 5] = [
    "DeleteUserAttributes",
    "GetUser",
    "GetUserAttributeVerificationCode",
    "UpdateUserAttributes",
    "VerifyUserAttribute",
];

fn our_model() -> Value {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/cognito-identity-provider.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("our model is JSON")
}

fn shape<'a>(model: &'a mut Value, name: &str) -> &'a mut Value {
    model["shapes"]
        .get_mut(format!("{NS}{name}"))
        .unwrap_or_else(|| panic!("no shape {name}"))
}

/// Diffs our model against a copy changed by `change`, over the five operations.
fn diff_after(change: impl FnOnce(&mut Value)) -> DiffReport {
    let old = our_model();
    let mut new = old.clone();
    change(&mut new);
    let load = |v: &Value| Model::from_value(v.clone()).expect("the model loads");
    let options = DiffOptions {
        scopes: vec![Scope::operations(OPERATIONS)],
        ignore_docs: false,
    };
    let report = diff(&load(&old), &load(&new), &options).expect("the diff runs");
    println!("{}", report.render(Format::Text));
    report
}

fn find<'r>(report: &'r DiffReport, id: &str, shape: &str) -> &'r Event {
    report
        .events
        .iter()
        .find(|e| e.id == id && e.shape.to_string() == format!("{NS}{shape}"))
        .unwrap_or_else(|| {
            panic!(
                "no `{id}` event on `{shape}` in:\n{}",
                report.render(Format::Text)
            )
        })
}

fn rust(event: &Event) -> &str {
    event
        .rust
        .as_deref()
        .unwrap_or_else(|| panic!("no Rust-API note on {event:?}"))
}

#[test]
fn unchanged_model_reports_nothing() {
    let report = diff_after(|_| {});
    assert!(report.events.is_empty(), "{:?}", report.events);
    assert_eq!(report.max_severity(), None);
}

#[test]
fn dropped_required_turns_a_field_into_an_option() {
    let report = diff_after(|m| {
        let member = &mut shape(m, "AttributeType")["members"]["Name"];
        member["traits"]
            .as_object_mut()
            .unwrap()
            .remove("smithy.api#required");
    });
    let event = find(
        &report,
        "ChangedNullability.RemovedRequiredTrait",
        "AttributeType$Name",
    );
    assert_eq!(event.severity, Severity::Error);
    let note = rust(event);
    assert!(
        note.contains("field `name` of `AttributeType` becomes `Option<String>`"),
        "{note}"
    );
    assert!(
        note.contains("`AttributeType::new` loses the argument"),
        "{note}"
    );
    assert_eq!(report.max_severity(), Some(Severity::Error));
}

#[test]
fn dropped_required_on_an_input_member_is_dangerous_for_this_generator() {
    // Smithy's client view already treats `@input` members as optional; our builders do not.
    let report = diff_after(|m| {
        let member = &mut shape(m, "UpdateUserAttributesRequest")["members"]["UserAttributes"];
        member["traits"]
            .as_object_mut()
            .unwrap()
            .remove("smithy.api#required");
    });
    let event = find(
        &report,
        "ChangedNullability.RequiredOnInputMember",
        "UpdateUserAttributesRequest$UserAttributes",
    );
    assert_eq!(event.severity, Severity::Danger);
    let note = rust(event);
    assert!(
        note.contains("becomes `Option<Vec<AttributeType>>`"),
        "{note}"
    );
    assert!(
        note.contains("`UpdateUserAttributesInput::new` loses the argument"),
        "{note}"
    );
    assert_eq!(report.max_severity(), Some(Severity::Danger));
}

#[test]
fn added_error_is_a_new_variant_of_the_operation_error() {
    let report = diff_after(|m| {
        m["shapes"][format!("{NS}UserQuotaExceededException")] = json!({
            "type": "structure",
            "members": {"message": {"target": "smithy.api#String"}},
            "traits": {"smithy.api#error": "client", "smithy.api#httpError": 400}
        });
        shape(m, "GetUser")["errors"]
            .as_array_mut()
            .unwrap()
            .push(json!({"target": format!("{NS}UserQuotaExceededException")}));
    });
    let event = find(&report, "AddedOperationError", "GetUser");
    assert_eq!(event.severity, Severity::Warning);
    let note = rust(event);
    assert!(
        note.contains("`GetUserError::UserQuotaExceededException`"),
        "{note}"
    );
    assert!(note.contains("`Unhandled`"), "{note}");
    let added = find(&report, "AddedShape", "UserQuotaExceededException");
    assert_eq!(added.severity, Severity::Note);
    assert!(rust(added).contains("error type `UserQuotaExceededException`"));
}

#[test]
fn removed_error_removes_variants_and_the_error_type() {
    // The shape stays in the model, but no selected operation reaches it any more.
    let report = diff_after(|m| {
        for operation in ["VerifyUserAttribute", "UpdateUserAttributes"] {
            shape(m, operation)["errors"]
                .as_array_mut()
                .unwrap()
                .retain(|e| e["target"] != format!("{NS}CodeMismatchException"));
        }
    });
    let event = find(&report, "RemovedOperationError", "VerifyUserAttribute");
    assert_eq!(event.severity, Severity::Warning);
    let note = rust(event);
    assert!(
        note.contains("`VerifyUserAttributeError::CodeMismatchException` is gone"),
        "{note}"
    );
    let left = find(&report, "LeftClosure", "CodeMismatchException");
    assert!(
        rust(left).contains("error type `CodeMismatchException`"),
        "{}",
        rust(left)
    );
    assert!(rust(left).contains("stops compiling"), "{}", rust(left));
}

#[test]
fn removed_enum_value_removes_a_variant() {
    let report = diff_after(|m| {
        shape(m, "DeliveryMediumType")["members"]
            .as_object_mut()
            .unwrap()
            .remove("EMAIL");
    });
    let event = find(&report, "ChangedEnumTrait.Removed", "DeliveryMediumType");
    assert_eq!(event.severity, Severity::Error);
    let note = rust(event);
    assert!(
        note.contains("`DeliveryMediumType::Email` is gone"),
        "{note}"
    );
    assert!(note.contains("`DeliveryMediumType::Unknown`"), "{note}");
}

#[test]
fn changed_member_target_changes_the_field_type() {
    let report = diff_after(|m| {
        m["shapes"][format!("{NS}AttributeValueCount")] = json!({"type": "integer"});
        shape(m, "AttributeType")["members"]["Value"]["target"] =
            json!(format!("{NS}AttributeValueCount"));
    });
    let event = find(&report, "ChangedMemberTarget", "AttributeType$Value");
    assert_eq!(event.severity, Severity::Error, "{}", event.message);
    let note = rust(event);
    assert!(note.contains("from `String` to `i32`"), "{note}");
}

#[test]
fn compatible_changes_stay_below_danger() {
    // A new optional output member and a longer allowed length are compatible.
    let report = diff_after(|m| {
        shape(m, "GetUserResponse")["members"]["PreferredLocale"] =
            json!({"target": "smithy.api#String"});
        shape(m, "AttributeNameType")["traits"]["smithy.api#length"]["max"] = json!(64);
    });
    let added = find(&report, "AddedShape", "GetUserResponse$PreferredLocale");
    assert_eq!(added.severity, Severity::Note);
    assert!(rust(added).contains("new accessor `GetUserOutput::preferred_locale()`"));
    assert!(
        report.max_severity() < Some(Severity::Danger),
        "{:?}",
        report.events
    );
}

#[test]
fn tightened_length_is_an_error_for_every_field_using_it() {
    let report = diff_after(|m| {
        shape(m, "AttributeNameType")["traits"]["smithy.api#length"]["max"] = json!(16);
    });
    let event = find(&report, "ChangedLengthTrait", "AttributeNameType");
    assert_eq!(event.severity, Severity::Error);
    let note = rust(event);
    assert!(note.contains("`AttributeType::name`"), "{note}");
}

#[test]
fn json_and_markdown_reports_carry_the_same_events() {
    let report = diff_after(|m| {
        shape(m, "DeliveryMediumType")["members"]
            .as_object_mut()
            .unwrap()
            .remove("EMAIL");
    });
    let json: Value = serde_json::from_str(&report.render(Format::Json)).expect("valid JSON");
    assert_eq!(json["summary"]["total"], report.events.len());
    assert_eq!(json["summary"]["maxSeverity"], "ERROR");
    assert_eq!(json["events"][0]["severity"], "ERROR");
    assert!(json["events"][0]["rust"].as_str().is_some());
    let markdown = report.render(Format::Markdown);
    assert!(markdown.starts_with("### Model changes: "), "{markdown}");
    assert!(
        markdown
            .contains("| **ERROR** | `com.amazonaws.cognitoidentityprovider#DeliveryMediumType` |"),
        "{markdown}"
    );
}

#[test]
fn service_rename_renames_the_generated_type() {
    let report = diff_after(|m| {
        shape(m, "AWSCognitoIdentityProviderService")["rename"] =
            json!({ format!("{NS}AttributeType"): "UserAttribute" });
    });
    let event = find(
        &report,
        "ServiceRename.AttributeType",
        "AWSCognitoIdentityProviderService",
    );
    assert_eq!(event.severity, Severity::Error);
    let note = rust(event);
    assert!(
        note.contains("type `AttributeType` is now type `UserAttribute`"),
        "{note}"
    );
}

#[test]
fn service_error_reaches_every_operation_error_enum() {
    let report = diff_after(|m| {
        m["shapes"][format!("{NS}ServiceQuotaException")] = json!({
            "type": "structure",
            "members": {},
            "traits": {"smithy.api#error": "server"}
        });
        shape(m, "AWSCognitoIdentityProviderService")["errors"] =
            json!([{ "target": format!("{NS}ServiceQuotaException") }]);
    });
    let event = find(
        &report,
        "AddedServiceError",
        "AWSCognitoIdentityProviderService",
    );
    assert_eq!(event.severity, Severity::Warning);
    let note = rust(event);
    for operation in OPERATIONS {
        assert!(
            note.contains(&format!("`{operation}Error::ServiceQuotaException`")),
            "{note}"
        );
    }
    // An error every operation already lists changes no enum.
    let report = diff_after(|m| {
        shape(m, "AWSCognitoIdentityProviderService")["errors"] =
            json!([{ "target": format!("{NS}TooManyRequestsException") }]);
    });
    let event = find(
        &report,
        "AddedServiceError",
        "AWSCognitoIdentityProviderService",
    );
    assert!(
        rust(event).starts_with("no change to the error enums"),
        "{}",
        rust(event)
    );
}
