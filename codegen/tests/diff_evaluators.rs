//! One small IDL model pair per diff evaluator: the change is reported with the expected event
//! id, shape and severity (and compatible changes are not reported as breaking).

use smithy_codegen::diff::{diff, DiffOptions, DiffReport, Format, Severity};
use smithy_codegen::model::Model;

fn load(name: &str, body: &str) -> Model {
    let source = format!("$version: \"2.0\"\nnamespace ns\n{body}");
    let document = smithy_codegen::idl::parse(&source, name)
        .unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
    Model::from_document(document).unwrap_or_else(|e| panic!("{name} does not load: {e}"))
}

fn compare(old: &str, new: &str) -> DiffReport {
    let report = diff(
        &load("old", old),
        &load("new", new),
        &DiffOptions::default(),
    )
    .expect("the diff runs");
    println!("{}", report.render(Format::Text));
    report
}

/// Asserts an event `id` on `shape` (relative to namespace `ns`) with `severity`.
fn expect(report: &DiffReport, id: &str, shape: &str, severity: Severity) {
    let shape = format!("ns#{shape}");
    let found = report
        .events
        .iter()
        .find(|e| e.id == id && e.shape.to_string() == shape);
    match found {
        Some(event) => assert_eq!(event.severity, severity, "{event:?}"),
        None => panic!(
            "no `{id}` on `{shape}`; got:\n{}",
            report.render(Format::Text)
        ),
    }
}

#[test]
fn member_order() {
    let report = compare(
        "structure A { a: String, b: String }",
        "structure A { b: String, a: String }",
    );
    expect(&report, "ChangedMemberOrder", "A", Severity::Danger);
    let inserted = compare(
        "structure A { a: String, b: String }",
        "structure A { a: String, c: String, b: String }",
    );
    expect(&inserted, "ChangedMemberOrder", "A", Severity::Danger);
    let appended = compare(
        "structure A { a: String, b: String }",
        "structure A { a: String, b: String, c: String }",
    );
    assert!(!appended.events.iter().any(|e| e.id == "ChangedMemberOrder"));
}

#[test]
fn added_members() {
    let report = compare(
        "structure A { a: String }",
        "structure A {\n a: String\n @required b: String\n c: String\n @required d: Integer = 0\n}",
    );
    expect(&report, "AddedRequiredMember", "A$b", Severity::Error);
    expect(&report, "AddedShape", "A$c", Severity::Note);
    expect(&report, "AddedShape", "A$d", Severity::Note);
}

#[test]
fn changed_default() {
    let report = compare(
        "structure A {\n a: Integer = 1\n b: Integer = 1\n}",
        "structure A {\n a: Integer = 2\n @addedDefault c: Integer = 3\n b: Integer\n}",
    );
    expect(&report, "ChangedDefault", "A$a", Severity::Danger);
    expect(&report, "ChangedDefault", "A$b", Severity::Error);
}

#[test]
fn nullability() {
    let report = compare(
        "structure A { a: String, @required b: String, @required c: A }",
        "structure A { @required a: String, b: String, c: A }",
    );
    expect(
        &report,
        "ChangedNullability.AddedRequiredTrait",
        "A$a",
        Severity::Error,
    );
    expect(
        &report,
        "ChangedNullability.RemovedRequiredTrait",
        "A$b",
        Severity::Error,
    );
    expect(
        &report,
        "ChangedNullability.RemovedRequiredTrait.StructureOrUnion",
        "A$c",
        Severity::Warning,
    );
}

#[test]
fn wire_traits() {
    let report = compare(
        "structure A { a: Timestamp, @jsonName(\"x\") b: String }",
        "structure A { @timestampFormat(\"epoch-seconds\") a: Timestamp, b: String }",
    );
    expect(
        &report,
        "TraitBreakingChange.Add.smithy.api#timestampFormat",
        "A$a",
        Severity::Error,
    );
    expect(
        &report,
        "TraitBreakingChange.Remove.smithy.api#jsonName",
        "A$b",
        Severity::Error,
    );
}

#[test]
fn pattern_and_length() {
    let report = compare(
        "@length(min: 1, max: 10) string A\n@pattern(\"^a$\") string B\nstring C\n@range(min: 0) integer D",
        "@length(min: 2, max: 20) string A\nstring B\n@pattern(\"^c$\") string C\n@range(min: 0, max: 5) integer D",
    );
    expect(&report, "ChangedLengthTrait", "A", Severity::Error);
    expect(
        &report,
        "TraitBreakingChange.Add.smithy.api#pattern",
        "C",
        Severity::Warning,
    );
    expect(&report, "ChangedRangeTrait", "D", Severity::Error);
    // Removing a pattern relaxes validation: no rule reports it.
    assert!(
        !report
            .events
            .iter()
            .any(|e| e.shape.to_string() == "ns#B" && e.severity >= Severity::Warning),
        "{:?}",
        report.events
    );
}

#[test]
fn enums() {
    let report = compare(
        "enum E { A, B }\nintEnum I {\n X = 1\n Y = 2\n}",
        "enum E { Z, A, C }\nintEnum I {\n X = 1\n Y = 2\n W = 3\n}",
    );
    expect(&report, "ChangedEnumTrait.Removed", "E", Severity::Error);
    expect(&report, "ChangedEnumTrait.Inserted", "E", Severity::Error);
    expect(&report, "ChangedEnumTrait.Appended", "I", Severity::Note);
}

#[test]
fn shape_types_and_removals() {
    let report = compare(
        "structure A {}\nstring S\nstructure T {}",
        "union A { a: String }",
    );
    expect(&report, "ChangedShapeType", "A", Severity::Error);
    expect(&report, "RemovedShape.ScalarShape", "S", Severity::Warning);
    expect(&report, "RemovedShape", "T", Severity::Error);
}

#[test]
fn member_targets() {
    let report = compare(
        "structure A { a: S1, b: L1, c: T1 }\nstring S1\n@length(max: 5) string S2\nlist L1 { member: S1 }\nlist L2 { member: S2 }\nstructure T1 {}\nstructure T2 {}",
        "structure A { a: S2, b: L2, c: T2 }\nstring S1\n@length(max: 5) string S2\nlist L1 { member: S1 }\nlist L2 { member: S2 }\nstructure T1 {}\nstructure T2 {}",
    );
    // A stricter length on the new target, directly and through the list: breaking.
    expect(&report, "ChangedMemberTarget", "A$a", Severity::Error);
    expect(&report, "ChangedMemberTarget", "A$b", Severity::Error);
    // Structures are named types.
    expect(&report, "ChangedMemberTarget", "A$c", Severity::Error);
    let compatible = compare(
        "structure A { a: S1 }\nstring S1\nstring S2",
        "structure A { a: S2 }\nstring S1\nstring S2",
    );
    expect(&compatible, "ChangedMemberTarget", "A$a", Severity::Warning);
}

#[test]
fn operations_errors_and_io() {
    let shapes = "structure I1 {}\nstructure I2 {}\n@error(\"client\") structure E1 {}\n@error(\"client\") structure E2 {}";
    let report = compare(
        &format!("service S {{ version: \"1\", operations: [Op], errors: [E1] }}\noperation Op {{ input: I1, errors: [E1] }}\n{shapes}"),
        &format!("service S {{ version: \"1\", operations: [Op], errors: [E1, E2] }}\noperation Op {{ input: I2, errors: [E2] }}\n{shapes}"),
    );
    expect(&report, "ChangedOperationInput", "Op", Severity::Error);
    expect(&report, "AddedOperationError", "Op", Severity::Warning);
    expect(&report, "RemovedOperationError", "Op", Severity::Warning);
    expect(&report, "AddedServiceError", "S", Severity::Warning);
}

#[test]
fn auth() {
    let report = compare(
        "@httpBearerAuth service S { version: \"1\", operations: [Op, Other] }\n@auth([]) operation Op {}\noperation Other {}",
        "@httpBearerAuth service S { version: \"1\", operations: [Op, Other] }\noperation Op {}\n@auth([]) operation Other {}",
    );
    expect(&report, "ChangedOperationAuth", "Op", Severity::Danger);
    expect(&report, "ChangedOperationAuth", "Other", Severity::Note);
}

#[test]
fn pagination() {
    let common = "operation List { input: In, output: Out }\nstructure In { token: String, size: Integer }\nstructure Out { next: String, items: Items, more: Items }\nlist Items { member: String }";
    let report = compare(
        &format!("@paginated(inputToken: \"token\", outputToken: \"next\", items: \"items\", pageSize: \"size\")\n{common}"),
        &format!("@paginated(inputToken: \"token\", outputToken: \"next\", items: \"more\")\n{common}"),
    );
    expect(
        &report,
        "TraitBreakingChange.Update.smithy.api#paginated",
        "List",
        Severity::Note,
    );
    expect(
        &report,
        "TraitBreakingChange.Remove.smithy.api#paginated",
        "List",
        Severity::Error,
    );
}

#[test]
fn traits_defined_in_the_model_bring_their_rules() {
    let definition = "@trait(breakingChanges: [{change: \"remove\", severity: \"DANGER\"}])\nstructure keep {}\n@trait\nstructure free {}";
    let report = compare(
        &format!("{definition}\n@keep @free string A"),
        &format!("{definition}\nstring A"),
    );
    expect(
        &report,
        "TraitBreakingChange.Remove.ns#keep",
        "A",
        Severity::Danger,
    );
    expect(
        &report,
        "ModifiedTrait.Remove.ns#free",
        "A",
        Severity::Warning,
    );
}

#[test]
fn endpoint_rule_set_parameters() {
    let service = |parameters: serde_json::Value| {
        serde_json::json!({
            "smithy": "2.0",
            "shapes": {"ns#S": {"type": "service", "version": "1", "traits": {
                "smithy.rules#endpointRuleSet": {"version": "1.0", "parameters": parameters, "rules": []}
            }}}
        })
    };
    let old = service(serde_json::json!({
        "Region": {"type": "String", "builtIn": "AWS::Region", "required": false},
        "Gone": {"type": "String", "required": false}
    }));
    let new = service(serde_json::json!({
        "Region": {"type": "String", "builtIn": "AWS::Region", "required": false},
        "Stage": {"type": "String", "required": true}
    }));
    let load = |v: serde_json::Value| Model::from_value(v).expect("loads");
    let report = diff(&load(old), &load(new), &DiffOptions::default()).unwrap();
    expect(
        &report,
        "ChangedEndpointRuleSet.AddedRequiredParameter",
        "S",
        Severity::Error,
    );
    expect(
        &report,
        "ChangedEndpointRuleSet.RemovedParameter",
        "S",
        Severity::Danger,
    );
}

#[test]
fn service_rename() {
    let shapes = "operation Op { input: In }\nstructure In { a: Thing }\nstructure Thing {}";
    let report = compare(
        &format!("service S {{ version: \"1\", operations: [Op] }}\n{shapes}"),
        &format!("service S {{ version: \"1\", operations: [Op], rename: {{ \"ns#Thing\": \"Item\" }} }}\n{shapes}"),
    );
    expect(&report, "ServiceRename.Thing", "S", Severity::Error);
}
