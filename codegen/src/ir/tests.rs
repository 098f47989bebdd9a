//! Unit tests of lowering on small inline models: optionality and defaults, names allocated
//! in scopes, host prefixes and endpoint overrides resolved, errors, pagination, recursion.

use super::*;
use crate::model::Model;
use serde_json::{json, Value};

const NS: &str = "test.unit";

/// A model with service `Svc` (awsJson1_1) and operation `Op`, whose input and output have
/// the given members; `shapes` adds (or replaces) shapes by name.
fn model(
    input: Value,
    output: Value,
    op_traits: Value,
    shapes: Value,
) -> (Model, ShapeId, Vec<ShapeId>) {
    let mut all = json!({
        "test.unit#Svc": {
            "type": "service", "version": "1",
            "operations": [{"target": "test.unit#Op"}],
            "traits": {"aws.protocols#awsJson1_1": {}}
        },
        "test.unit#Op": {
            "type": "operation",
            "input": {"target": "test.unit#OpInput"},
            "output": {"target": "test.unit#OpOutput"},
            "traits": op_traits
        },
        "test.unit#OpInput": {"type": "structure", "members": input, "traits": {"smithy.api#input": {}}},
        "test.unit#OpOutput": {"type": "structure", "members": output, "traits": {"smithy.api#output": {}}}
    });
    for (name, shape) in shapes.as_object().into_iter().flatten() {
        all[format!("{NS}#{name}")] = shape.clone();
    }
    let text = json!({"smithy": "2.0", "shapes": all}).to_string();
    let model = Model::load(&text).unwrap_or_else(|e| panic!("{e}"));
    let service = ShapeId::parse("test.unit#Svc").unwrap();
    let op = ShapeId::parse("test.unit#Op").unwrap();
    (model, service, vec![op])
}

fn lower_with(
    input: Value,
    output: Value,
    op_traits: Value,
    shapes: Value,
) -> Result<CrateIr, crate::GenerateError> {
    let (model, service, ops) = model(input, output, op_traits, shapes);
    lower(&model, &service, &ops, "unit")
}

fn field<'a>(s: &'a StructIr, member: &str) -> &'a FieldIr {
    s.fields.iter().find(|f| f.member == member).unwrap()
}

#[test]
fn required_defaulted_and_plain_members() {
    let ir = lower_with(
        json!({
            "Name": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
            "Size": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": 3}},
            "Note": {"target": "smithy.api#String"}
        }),
        json!({
            "Count": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": 0}}
        }),
        json!({}),
        json!({}),
    )
    .unwrap();
    let op = &ir.operations[0];
    let name = field(&op.input, "Name");
    assert!(!name.optional && name.required && name.default.is_none());
    // An input member with a default but not required is sent only when set.
    let size = field(&op.input, "Size");
    assert!(size.optional);
    assert_eq!(size.default, Some(DefaultValue::Integer(3)));
    assert!(field(&op.input, "Note").optional);
    // Outputs take the default when the member is absent.
    let count = field(&op.output, "Count");
    assert!(!count.optional);
    assert_eq!(count.default, Some(DefaultValue::Integer(0)));
}

#[test]
fn a_default_of_the_wrong_type_names_the_member() {
    let error = lower_with(
        json!({}),
        json!({"Count": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": "many"}}}),
        json!({}),
        json!({}),
    )
    .expect_err("a string cannot default an integer");
    assert_eq!(
        error.shape().map(ToString::to_string).as_deref(),
        Some("test.unit#OpOutput$Count")
    );
}

#[test]
fn operation_names_are_allocated_once() {
    let ir = lower_with(json!({}), json!({}), json!({}), json!({})).unwrap();
    let op = &ir.operations[0];
    assert_eq!(op.module, "op");
    assert_eq!(op.input.name, "OpInput");
    assert_eq!(op.input.builder, "OpInputBuilder");
    assert_eq!(op.output.name, "OpOutput");
    assert_eq!(op.error_enum, "OpError");
    assert_eq!(op.marker, "Op");
    assert_eq!(op.fluent_builder, "OpFluentBuilder");
    assert_eq!(op.paginator, "OpPaginator");
}

#[test]
fn field_methods_come_from_the_scope() {
    let ir = lower_with(
        json!({
            "type": {"target": "smithy.api#String"},
            "set_type": {"target": "smithy.api#String"},
            "builder": {"target": "smithy.api#String"}
        }),
        json!({}),
        json!({}),
        json!({}),
    )
    .unwrap();
    let input = &ir.operations[0].input;
    let ty = field(input, "type");
    assert_eq!(
        (ty.ident.as_str(), ty.setter.as_str(), ty.getter.as_str()),
        ("r#type", "set_type", "get_type")
    );
    // `set_type` is taken by the setter of `type`.
    let set_type = field(input, "set_type");
    assert_eq!(set_type.ident, "set_type_value");
    assert_eq!(set_type.setter, "set_set_type_value");
    // `builder` is a reserved method name.
    assert_eq!(field(input, "builder").ident, "builder_value");
}

#[test]
fn errors_carry_their_names_and_wire_codes() {
    let ir = lower_with(
        json!({}),
        json!({}),
        json!({}),
        json!({
            "Op": {
                "type": "operation",
                "input": {"target": "test.unit#OpInput"},
                "output": {"target": "test.unit#OpOutput"},
                "errors": [{"target": "test.unit#Throttled"}, {"target": "test.unit#unhandled"}]
            },
            "Throttled": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client", "smithy.api#httpError": 429}},
            "unhandled": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "server"}}
        }),
    )
    .unwrap();
    let errors = &ir.operations[0].errors;
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].variant, "Throttled");
    assert_eq!(errors[0].is_method, "is_throttled");
    assert_eq!(errors[0].wire_name, "Throttled");
    // `Unhandled` is the catch-all variant: the error structure gets another name, and its
    // `is_` method cannot be `is_unhandled`.
    assert_eq!(errors[1].variant, "UnhandledError");
    assert_eq!(errors[1].type_name, "UnhandledError");
    assert_eq!(errors[1].wire_name, "unhandled");
    assert_eq!(errors[1].is_method, "is_unhandled_error");
}

#[test]
fn host_prefix_labels_resolve_to_input_fields() {
    let ir = lower_with(
        json!({"Bucket": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#hostLabel": {}}}}),
        json!({}),
        json!({"smithy.api#endpoint": {"hostPrefix": "{Bucket}.data."}}),
        json!({}),
    )
    .unwrap();
    let prefix = ir.operations[0].host_prefix.as_ref().unwrap();
    assert_eq!(prefix.template, "{Bucket}.data.");
    match prefix.segments.as_slice() {
        [HostPrefixSegment::Label(step), HostPrefixSegment::Literal(text)] => {
            assert_eq!((step.ident.as_str(), step.optional), ("bucket", false));
            assert_eq!(text, ".data.");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_host_prefix_naming_no_member_is_an_error_on_the_operation() {
    for template in ["{Missing}.data.", "{Bucket.data."] {
        let error = lower_with(
            json!({"Bucket": {"target": "smithy.api#String"}}),
            json!({}),
            json!({"smithy.api#endpoint": {"hostPrefix": template}}),
            json!({}),
        )
        .expect_err(template);
        assert_eq!(
            error.shape().map(ToString::to_string).as_deref(),
            Some("test.unit#Op"),
            "{template}: {error}"
        );
    }
}

#[test]
fn pagination_follows_dotted_paths() {
    let ir = lower_with(
        json!({"Token": {"target": "smithy.api#String"}, "Max": {"target": "smithy.api#Integer"}}),
        json!({"Page": {"target": "test.unit#Page"}}),
        json!({"smithy.api#paginated": {"inputToken": "Token", "outputToken": "Page.Next", "items": "Page.Items", "pageSize": "Max"}}),
        json!({
            "Page": {"type": "structure", "members": {
                "Next": {"target": "smithy.api#String"},
                "Items": {"target": "test.unit#Names"}
            }},
            "Names": {"type": "list", "member": {"target": "smithy.api#String"}}
        }),
    )
    .unwrap();
    let pagination = ir.operations[0].pagination.as_ref().unwrap();
    assert_eq!(pagination.input_token.ident, "token");
    let path: Vec<&str> = pagination
        .output_token
        .iter()
        .map(|s| s.ident.as_str())
        .collect();
    assert_eq!(path, ["page", "next"]);
    let items = pagination.items.as_ref().unwrap();
    assert_eq!(items.item, RustType::String);
    assert_eq!(pagination.page_size.as_ref().unwrap().field.ident, "max");
}

#[test]
fn pagination_naming_a_wrong_member_is_an_error() {
    let error = lower_with(
        json!({"Token": {"target": "smithy.api#Integer"}}),
        json!({"Next": {"target": "smithy.api#String"}}),
        json!({"smithy.api#paginated": {"inputToken": "Token", "outputToken": "Next"}}),
        json!({}),
    )
    .expect_err("an integer token");
    assert_eq!(
        error.shape().map(ToString::to_string).as_deref(),
        Some("test.unit#Op")
    );
    assert!(
        error.to_string().contains("must target a string"),
        "{error}"
    );
}

#[test]
fn only_direct_recursion_is_boxed() {
    let ir = lower_with(
        json!({"Root": {"target": "test.unit#Node"}}),
        json!({}),
        json!({}),
        json!({
            "Node": {"type": "structure", "members": {
                "Parent": {"target": "test.unit#Node"},
                "Children": {"target": "test.unit#Nodes"},
                "Other": {"target": "test.unit#Other"},
                "Leaf": {"target": "test.unit#Leaf"}
            }},
            "Nodes": {"type": "list", "member": {"target": "test.unit#Node"}},
            "Other": {"type": "structure", "members": {"Back": {"target": "test.unit#Node"}}},
            "Leaf": {"type": "structure", "members": {"Name": {"target": "smithy.api#String"}}}
        }),
    )
    .unwrap();
    let node = match &ir.types[&ShapeId::parse("test.unit#Node").unwrap()] {
        TypeIr::Struct(s) => s,
        other => panic!("{other:?}"),
    };
    assert!(field(node, "Parent").boxed, "a structure holding itself");
    assert!(!field(node, "Children").boxed, "a list already allocates");
    assert!(
        field(node, "Other").boxed,
        "mutual recursion through `Other`"
    );
    assert!(!field(node, "Leaf").boxed, "no cycle");
}

#[test]
fn a_service_without_a_supported_protocol_is_an_error_on_the_service() {
    let text = json!({"smithy": "2.0", "shapes": {
        "test.unit#Bare": {"type": "service", "version": "1", "operations": [{"target": "test.unit#Op"}]},
        "test.unit#Op": {"type": "operation"}
    }})
    .to_string();
    let bare = Model::load(&text).unwrap();
    let error = lower(
        &bare,
        &ShapeId::parse("test.unit#Bare").unwrap(),
        &[ShapeId::parse("test.unit#Op").unwrap()],
        "bare",
    )
    .expect_err("no protocol trait");
    assert_eq!(
        error.shape().map(ToString::to_string).as_deref(),
        Some("test.unit#Bare")
    );
}
