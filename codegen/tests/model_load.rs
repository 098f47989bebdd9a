//! Loading real and small models: counts and facts on the shared official models, and one
//! test per diagnostic kind on small inline models.

use smithy_codegen::ast;
use smithy_codegen::model::{Edge, ErrorFault, LoadErrorKind, Model, ShapeId, ShapeKind};
use std::path::PathBuf;

/// A file of the shared data folder (a loud skip without it; a failure when `CI` is set).
fn read_shared(relative: &str) -> Option<String> {
    test_support::read_shared("model_load", relative)
}

fn id(text: &str) -> ShapeId {
    ShapeId::parse(text).unwrap()
}

const COGNITO: &str = "com.amazonaws.cognitoidentityprovider";

#[test]
fn cognito_loads_with_all_operations_and_shapes() {
    let Some(json) = read_shared("models/cognito-identity-provider.json") else {
        return;
    };
    let model = Model::load(&json).unwrap_or_else(|e| panic!("{e}"));
    let service = id(&format!("{COGNITO}#AWSCognitoIdentityProviderService"));
    assert_eq!(model.operation_ids(&service).unwrap().len(), 113);
    let defined = model.shapes().filter(|s| !Model::is_prelude(&s.id)).count();
    assert_eq!(defined, 662);
    let (shape, svc) = model.services().next().unwrap();
    assert_eq!(svc.version, "2016-04-18");
    assert!(shape.traits.aws_json_1_1);
    assert_eq!(shape.traits.sigv4_name.as_deref(), Some("cognito-idp"));
    assert_eq!(
        shape.traits.aws_sdk_id.as_deref(),
        Some("Cognito Identity Provider")
    );
    assert_eq!(
        shape.traits.aws_endpoint_prefix.as_deref(),
        Some("cognito-idp")
    );
    assert!(shape.traits.endpoint_rule_set.is_some());
}

#[test]
fn cognito_user_attribute_closure_is_53_shapes_with_20_errors() {
    let Some(json) = read_shared("models/cognito-identity-provider.json") else {
        return;
    };
    let model = Model::load(&json).unwrap_or_else(|e| panic!("{e}"));
    let service = id(&format!("{COGNITO}#AWSCognitoIdentityProviderService"));
    let names = [
        "GetUser",
        "UpdateUserAttributes",
        "DeleteUserAttributes",
        "GetUserAttributeVerificationCode",
        "VerifyUserAttribute",
    ];
    let roots: Vec<ShapeId> = names
        .iter()
        .map(|n| model.find_operation(&service, n).unwrap())
        .collect();
    let closure = model.service_closure(&service, &roots).unwrap();
    let own: Vec<&ShapeId> = closure.without_prelude().collect();
    assert_eq!(own.len(), 53, "{own:#?}");
    let errors = own
        .iter()
        .filter(|id| model.shape(id).unwrap().traits.error.is_some())
        .count();
    assert_eq!(errors, 20);
    // The plain closure agrees: the service has no common errors.
    assert_eq!(model.closure(&roots).unwrap(), closure);
    // Enum members are not followed, so the only prelude shape reached is Unit (via none).
    let update = id(&format!("{COGNITO}#UpdateUserAttributes"));
    let input = id(&format!("{COGNITO}#UpdateUserAttributesRequest"));
    assert!(closure
        .edges()
        .contains(&(update.clone(), Edge::Input, input.clone())));
    let from_input: Vec<_> = closure.edges_from(&input).collect();
    assert!(from_input
        .iter()
        .any(|(edge, _)| **edge == Edge::Member("AccessToken".into())));
    let op = model.shape(&update).unwrap();
    assert_eq!(op.traits.auth.as_deref(), Some(&[][..]));
    assert!(op.traits.optional_auth);
    // Internal error has no httpError; throttling is 429.
    let internal = model
        .shape(&id(&format!("{COGNITO}#InternalErrorException")))
        .unwrap();
    assert_eq!(internal.traits.error, Some(ErrorFault::Server));
    assert_eq!(internal.traits.http_error, None);
    let throttled = model
        .shape(&id(&format!("{COGNITO}#TooManyRequestsException")))
        .unwrap();
    assert_eq!(throttled.traits.http_error, Some(429));
}

#[test]
fn cognito_find_operation_suggests_close_names() {
    let Some(json) = read_shared("models/cognito-identity-provider.json") else {
        return;
    };
    let model = Model::load(&json).unwrap();
    let service = id(&format!("{COGNITO}#AWSCognitoIdentityProviderService"));
    let error = model.find_operation(&service, "GetUsr").unwrap_err();
    let message = error.to_string();
    assert!(message.contains("unknown operation `GetUsr`"), "{message}");
    assert!(message.contains("did you mean `GetUser`"), "{message}");
    assert!(matches!(
        error.kind(),
        LoadErrorKind::UnknownOperation { .. }
    ));
}

#[test]
fn cognito_ast_round_trips_losslessly() {
    let Some(json) = read_shared("models/cognito-identity-provider.json") else {
        return;
    };
    let original: serde_json::Value = serde_json::from_str(&json).unwrap();
    let read = ast::Document::from_value(original.clone()).unwrap();
    let derived: ast::Document = serde_json::from_str(&json).unwrap();
    assert_eq!(
        read, derived,
        "the path-tracking reader and the serde derive disagree"
    );
    assert_eq!(serde_json::to_value(&read).unwrap(), original);
}

#[test]
fn protocol_tests_load_and_flatten_mixins() {
    let Some(json) = read_shared("protocol-tests/smithy-aws-protocol-tests.json") else {
        return;
    };
    let original: serde_json::Value = serde_json::from_str(&json).unwrap();
    let document = ast::Document::from_value(original.clone()).unwrap();
    assert_eq!(serde_json::to_value(&document).unwrap(), original);
    let model = Model::load(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        model.shapes().filter(|s| !Model::is_prelude(&s.id)).count(),
        1077
    );

    // Members of the mixin come first, in the mixin's order, then the shape's own.
    let mixin = model
        .shape(&id("aws.protocoltests.json10#DefaultsMixin"))
        .unwrap();
    let user = model
        .shape(&id("aws.protocoltests.json10#Defaults"))
        .unwrap();
    let mixin_names: Vec<&str> = mixin.members().iter().map(|m| m.name.as_str()).collect();
    let user_names: Vec<&str> = user.members().iter().map(|m| m.name.as_str()).collect();
    assert!(!mixin_names.is_empty());
    assert!(
        user_names.starts_with(&mixin_names),
        "{user_names:?} vs {mixin_names:?}"
    );
    // Member ids are re-homed and member traits copied.
    for (m, u) in mixin.members().iter().zip(user.members()) {
        assert_eq!(
            u.id,
            id("aws.protocoltests.json10#Defaults").with_member(&m.name)
        );
        assert_eq!(u.target, m.target);
        assert_eq!(u.traits.default, m.traits.default);
    }
    // The mixin keeps its mixin trait; the user does not inherit it.
    let mixin_trait = id("smithy.api#mixin");
    assert!(mixin.traits.raw.contains_key(&mixin_trait));
    assert!(!user.traits.raw.contains_key(&mixin_trait));

    // Trait shapes with mixins across namespaces (aws.protocols mixes in HttpConfiguration).
    let json11 = model.shape(&id("aws.protocols#awsJson1_1")).unwrap();
    let config = model.shape(&id("aws.protocols#HttpConfiguration")).unwrap();
    let json11_names: Vec<&str> = json11.members().iter().map(|m| m.name.as_str()).collect();
    let config_names: Vec<&str> = config.members().iter().map(|m| m.name.as_str()).collect();
    assert_eq!(json11_names, config_names);

    // The JSON 1.1 protocol test service has all its operations.
    let service = id("aws.protocoltests.json#JsonProtocol");
    assert!(!model.operation_ids(&service).unwrap().is_empty());
    let svc = model.shape(&service).unwrap();
    assert!(svc.traits.aws_json_1_1);
    // Rename keys resolve.
    let ShapeKind::Service(rest) = &model
        .shape(&id("aws.protocoltests.restjson#RestJson"))
        .unwrap()
        .kind
    else {
        panic!("RestJson is a service")
    };
    assert_eq!(
        rest.rename
            .get(&id("aws.protocoltests.restjson.nested#GreetingStruct"))
            .map(String::as_str),
        Some("RenamedGreeting")
    );
}

#[test]
fn protocol_tests_reader_agrees_with_serde_derive() {
    let Some(json) = read_shared("protocol-tests/smithy-aws-protocol-tests.json") else {
        return;
    };
    let read = ast::Document::from_json(&json).unwrap();
    let derived: ast::Document = serde_json::from_str(&json).unwrap();
    assert_eq!(read, derived);
}

// ---------------------------------------------------------------------------------------------
// Small models: behaviour.

/// Wraps shapes into a 2.0 document.
fn doc(shapes: serde_json::Value) -> String {
    serde_json::json!({ "smithy": "2.0", "shapes": shapes }).to_string()
}

fn load(shapes: serde_json::Value) -> Model {
    Model::load(&doc(shapes)).unwrap_or_else(|e| panic!("{e}"))
}

fn names(model: &Model, shape: &str) -> Vec<String> {
    model
        .shape(&id(shape))
        .unwrap()
        .members()
        .iter()
        .map(|m| m.name.clone())
        .collect()
}

#[test]
fn operation_without_input_or_output_uses_unit() {
    let model = load(serde_json::json!({ "ns#Op": { "type": "operation" } }));
    let ShapeKind::Operation(op) = &model.shape(&id("ns#Op")).unwrap().kind else {
        panic!()
    };
    assert_eq!(op.input, id("smithy.api#Unit"));
    assert_eq!(op.output, id("smithy.api#Unit"));
    let unit = model.shape(&Model::unit_id()).unwrap();
    assert!(unit.traits.raw.contains_key(&id("smithy.api#unitType")));
    let closure = model.closure(&[id("ns#Op")]).unwrap();
    assert_eq!(
        closure
            .shape_ids()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["ns#Op", "smithy.api#Unit"]
    );
    assert_eq!(closure.without_prelude().count(), 1);
}

#[test]
fn prelude_primitives_carry_defaults_and_version_one_is_accepted() {
    let json = serde_json::json!({
        "smithy": "1.0",
        "shapes": { "ns#S": { "type": "structure", "members": {
            "flag": { "target": "smithy.api#PrimitiveBoolean" },
            "count": { "target": "smithy.api#PrimitiveInteger" }
        } } }
    });
    let model = Model::load(&json.to_string()).unwrap();
    let flag = model.shape(&id("smithy.api#PrimitiveBoolean")).unwrap();
    assert_eq!(flag.traits.default, Some(serde_json::json!(false)));
    let count = model.shape(&id("smithy.api#PrimitiveInteger")).unwrap();
    assert_eq!(count.traits.default, Some(serde_json::json!(0)));
    assert!(model
        .shape(&id("smithy.api#Integer"))
        .unwrap()
        .traits
        .default
        .is_none());
}

#[test]
fn enum_members_default_their_value_to_the_name() {
    let model = load(serde_json::json!({
        "ns#E": { "type": "enum", "members": {
            "A": { "target": "smithy.api#Unit" },
            "B": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "b" } }
        } }
    }));
    let values: Vec<_> = model
        .shape(&id("ns#E"))
        .unwrap()
        .members()
        .iter()
        .map(|m| m.traits.enum_value.clone())
        .collect();
    use smithy_codegen::model::EnumValue;
    assert_eq!(
        values,
        [
            Some(EnumValue::String("A".into())),
            Some(EnumValue::String("b".into()))
        ]
    );
}

#[test]
fn mixins_flatten_in_smithy_order_with_trait_precedence() {
    let model = load(serde_json::json!({
        "ns#PaginatedInputMixin": { "type": "structure", "mixins": [],
            "members": { "nextToken": { "target": "smithy.api#String" }, "pageSize": { "target": "smithy.api#Integer" } },
            "traits": { "smithy.api#mixin": {}, "smithy.api#documentation": "paginated", "smithy.api#tags": ["p"] } },
        "ns#FilteredByNameMixin": { "type": "structure",
            "members": { "nameFilter": { "target": "smithy.api#String", "traits": { "smithy.api#documentation": "generic" } } },
            "traits": { "smithy.api#mixin": { "localTraits": ["smithy.api#private"] }, "smithy.api#private": {}, "smithy.api#tags": ["f"] } },
        "ns#ListSomethingInput": { "type": "structure",
            "mixins": [ { "target": "ns#PaginatedInputMixin" }, { "target": "ns#FilteredByNameMixin" } ],
            "members": {
                "sizeFilter": { "target": "smithy.api#Integer" },
                "nameFilter": { "target": "smithy.api#String", "traits": { "smithy.api#required": {} } }
            },
            "traits": { "smithy.api#documentation": "own" } }
    }));
    assert_eq!(
        names(&model, "ns#ListSomethingInput"),
        ["nextToken", "pageSize", "nameFilter", "sizeFilter"]
    );
    let shape = model.shape(&id("ns#ListSomethingInput")).unwrap();
    // Own documentation wins, later mixin's tags win, local traits and `mixin` stay behind.
    assert_eq!(shape.traits.documentation.as_deref(), Some("own"));
    assert_eq!(
        shape.traits.raw.get(&id("smithy.api#tags")),
        Some(&serde_json::json!(["f"]))
    );
    assert!(!shape.traits.raw.contains_key(&id("smithy.api#private")));
    assert!(!shape.traits.raw.contains_key(&id("smithy.api#mixin")));
    // The redeclared member keeps its mixin position, its inherited traits and adds its own.
    let name_filter = shape
        .members()
        .into_iter()
        .find(|m| m.name == "nameFilter")
        .unwrap()
        .clone();
    assert_eq!(name_filter.id, id("ns#ListSomethingInput$nameFilter"));
    assert!(name_filter.traits.required);
    assert_eq!(name_filter.traits.documentation.as_deref(), Some("generic"));
}

#[test]
fn mixins_of_mixins_and_non_structures_flatten() {
    let model = load(serde_json::json!({
        "ns#A": { "type": "structure", "members": { "a": { "target": "smithy.api#String" } }, "traits": { "smithy.api#mixin": {} } },
        "ns#B": { "type": "structure", "mixins": [ { "target": "ns#A" } ], "members": { "b": { "target": "smithy.api#String" } }, "traits": { "smithy.api#mixin": {} } },
        "ns#C": { "type": "structure", "mixins": [ { "target": "ns#B" } ], "members": { "c": { "target": "smithy.api#String" } } },
        "ns#ListMixin": { "type": "list", "member": { "target": "smithy.api#String" }, "traits": { "smithy.api#mixin": {}, "smithy.api#length": { "min": 1 } } },
        "ns#Names": { "type": "list", "mixins": [ { "target": "ns#ListMixin" } ] },
        "ns#StringMixin": { "type": "string", "traits": { "smithy.api#mixin": {}, "smithy.api#pattern": "^[a-z]+$" } },
        "ns#Lower": { "type": "string", "mixins": [ { "target": "ns#StringMixin" } ] }
    }));
    assert_eq!(names(&model, "ns#C"), ["a", "b", "c"]);
    assert_eq!(
        names(&model, "ns#B"),
        ["a", "b"],
        "mixins stay in the model, flattened"
    );
    let ShapeKind::List(member) = &model.shape(&id("ns#Names")).unwrap().kind else {
        panic!()
    };
    assert_eq!(member.id, id("ns#Names$member"));
    assert_eq!(
        model
            .shape(&id("ns#Names"))
            .unwrap()
            .traits
            .length
            .unwrap()
            .min,
        Some(1)
    );
    assert_eq!(
        model
            .shape(&id("ns#Lower"))
            .unwrap()
            .traits
            .pattern
            .as_deref(),
        Some("^[a-z]+$")
    );
}

#[test]
fn apply_merges_traits_into_shapes_and_members() {
    // A JSON object cannot hold `ns#S` twice, so the shape-level apply is in a second document.
    let applied = doc(serde_json::json!({
        "ns#S": { "type": "apply", "traits": { "smithy.api#tags": ["b"], "smithy.api#sensitive": {} } }
    }));
    let main = doc(serde_json::json!({
        "ns#Mixin": { "type": "structure", "members": { "m": { "target": "smithy.api#String" } }, "traits": { "smithy.api#mixin": {} } },
        "ns#S": { "type": "structure", "mixins": [ { "target": "ns#Mixin" } ],
            "members": { "own": { "target": "smithy.api#String" } }, "traits": { "smithy.api#tags": ["a"] } },
        "ns#S$own": { "type": "apply", "traits": { "smithy.api#required": {} } },
        "ns#S$m": { "type": "apply", "traits": { "smithy.api#documentation": "specific" } }
    }));
    let model = Model::load_all([
        ("main.json", main.as_str()),
        ("applied.json", applied.as_str()),
    ])
    .unwrap();
    let shape = model.shape(&id("ns#S")).unwrap();
    let members = shape.members();
    assert!(
        members
            .iter()
            .find(|m| m.name == "own")
            .unwrap()
            .traits
            .required
    );
    assert_eq!(
        members
            .iter()
            .find(|m| m.name == "m")
            .unwrap()
            .traits
            .documentation
            .as_deref(),
        Some("specific")
    );
    // The mixin itself is untouched by an apply to the copy of its member.
    assert!(model.shape(&id("ns#Mixin")).unwrap().members()[0]
        .traits
        .documentation
        .is_none());
    assert!(shape.traits.sensitive);
    assert_eq!(
        shape.traits.raw.get(&id("smithy.api#tags")),
        Some(&serde_json::json!(["a", "b"]))
    );
}

#[test]
fn apply_concatenates_list_traits_and_tolerates_equal_values() {
    let model = Model::load_all([
        (
            "a.json",
            doc(
                serde_json::json!({ "ns#S": { "type": "structure", "members": {},
            "traits": { "smithy.api#tags": ["a"], "smithy.api#documentation": "same" } } }),
            )
            .as_str(),
        ),
        (
            "b.json",
            doc(serde_json::json!({ "ns#S": { "type": "apply",
            "traits": { "smithy.api#tags": ["b"], "smithy.api#documentation": "same" } } }))
            .as_str(),
        ),
    ])
    .unwrap();
    let shape = model.shape(&id("ns#S")).unwrap();
    assert_eq!(
        shape.traits.raw.get(&id("smithy.api#tags")),
        Some(&serde_json::json!(["a", "b"]))
    );
    assert_eq!(shape.traits.documentation.as_deref(), Some("same"));
}

#[test]
fn load_all_shares_shapes_and_metadata_across_documents() {
    let a = serde_json::json!({ "smithy": "2.0", "metadata": { "suppressions": [1], "k": "v" },
        "shapes": { "ns#S": { "type": "structure", "members": { "o": { "target": "other#T" } } } } });
    let b = serde_json::json!({ "smithy": "2", "metadata": { "suppressions": [2], "k": "v" },
        "shapes": { "other#T": { "type": "string" }, "ns#S": { "type": "structure", "members": { "o": { "target": "other#T" } } } } });
    let model = Model::load_all([
        ("a.json", a.to_string().as_str()),
        ("b.json", b.to_string().as_str()),
    ])
    .unwrap();
    assert_eq!(
        model.metadata().get("suppressions"),
        Some(&serde_json::json!([1, 2]))
    );
    assert_eq!(
        model.shape(&id("ns#S")).unwrap().members()[0].target,
        id("other#T")
    );
}

#[test]
fn services_reach_operations_through_resources_and_add_their_errors() {
    let model = load(serde_json::json!({
        "ns#Svc": { "type": "service", "version": "1", "operations": [ { "target": "ns#Ping" } ],
            "resources": [ { "target": "ns#Thing" } ], "errors": [ { "target": "ns#Throttled" } ],
            "traits": { "smithy.api#paginated": { "inputToken": "next", "outputToken": "next" } } },
        "ns#Thing": { "type": "resource", "identifiers": { "id": { "target": "smithy.api#String" } },
            "read": { "target": "ns#GetThing" }, "list": { "target": "ns#ListThings" },
            "resources": [ { "target": "ns#Child" } ] },
        "ns#Child": { "type": "resource", "operations": [ { "target": "ns#Poke" } ], "resources": [ { "target": "ns#Thing" } ] },
        "ns#Ping": { "type": "operation" },
        "ns#Poke": { "type": "operation" },
        "ns#GetThing": { "type": "operation", "input": { "target": "ns#GetThingInput" } },
        "ns#ListThings": { "type": "operation", "traits": { "smithy.api#paginated": { "items": "things" } } },
        "ns#GetThingInput": { "type": "structure", "members": { "id": { "target": "smithy.api#String" } } },
        "ns#Throttled": { "type": "structure", "members": {}, "traits": { "smithy.api#error": "client" } }
    }));
    let svc = id("ns#Svc");
    let ops: Vec<String> = model
        .operation_ids(&svc)
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(ops, ["ns#GetThing", "ns#ListThings", "ns#Ping", "ns#Poke"]);
    assert_eq!(
        model.find_operation(&svc, "ns#Poke").unwrap(),
        id("ns#Poke")
    );
    assert_eq!(model.service_errors(&svc).unwrap(), [id("ns#Throttled")]);
    assert_eq!(
        model.operation_errors(&svc, &id("ns#Ping")).unwrap(),
        [id("ns#Throttled")]
    );
    let closure = model.service_closure(&svc, &[id("ns#GetThing")]).unwrap();
    assert!(closure
        .edges()
        .contains(&(id("ns#GetThing"), Edge::Error, id("ns#Throttled"))));
    assert!(
        closure.contains(&id("ns#GetThingInput")) && closure.contains(&id("smithy.api#String"))
    );
    let whole = model.closure(std::slice::from_ref(&svc)).unwrap();
    assert!(whole.contains(&id("ns#Poke")) && whole.contains(&id("ns#Throttled")));
    assert!(whole.edges().contains(&(
        id("ns#Thing"),
        Edge::Identifier("id".into()),
        id("smithy.api#String")
    )));
    // The service's paginated trait fills what the operation leaves out.
    let paginated = model
        .shape(&id("ns#ListThings"))
        .unwrap()
        .traits
        .paginated
        .clone()
        .unwrap();
    assert_eq!(paginated.items.as_deref(), Some("things"));
    assert_eq!(paginated.input_token.as_deref(), Some("next"));
    // An operation outside the service is refused.
    let other = load(
        serde_json::json!({ "ns#Svc": { "type": "service" }, "ns#Lone": { "type": "operation" } }),
    );
    let error = other.service_closure(&svc, &[id("ns#Lone")]).unwrap_err();
    assert!(
        matches!(error.kind(), LoadErrorKind::UnknownOperation { .. }),
        "{error}"
    );
}

#[test]
fn long_mixin_chains_do_not_overflow_the_stack() {
    let mut shapes = serde_json::Map::new();
    const DEPTH: usize = 5_000;
    for i in 0..DEPTH {
        // Only the root declares a member: the test is about depth, not flattened size.
        let members = if i == 0 {
            serde_json::json!({ "m": { "target": "smithy.api#String" } })
        } else {
            serde_json::json!({})
        };
        let mut shape = serde_json::json!({ "type": "structure", "members": members, "traits": { "smithy.api#mixin": {} } });
        if i > 0 {
            shape["mixins"] = serde_json::json!([ { "target": format!("ns#S{}", i - 1) } ]);
        }
        shapes.insert(format!("ns#S{i}"), shape);
    }
    let json = doc(serde_json::Value::Object(shapes));
    // A thread with a small stack proves the walk over mixins is not recursive.
    let model = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            Model::load(&json).map(|m| {
                m.shape(&id(&format!("ns#S{}", DEPTH - 1)))
                    .unwrap()
                    .members()
                    .len()
            })
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(model.unwrap(), 1);
}

// ---------------------------------------------------------------------------------------------
// Diagnostics: one test per kind; each message names the shape id and the JSON path.

/// Loads shapes that must fail, returning the error and its message.
fn fail(shapes: serde_json::Value) -> (smithy_codegen::model::LoadError, String) {
    fail_json(&doc(shapes))
}

fn fail_json(json: &str) -> (smithy_codegen::model::LoadError, String) {
    match Model::load(json) {
        Ok(_) => panic!("expected a load error for {json}"),
        Err(error) => {
            let message = error.to_string();
            eprintln!("{message}");
            (error, message)
        }
    }
}

#[track_caller]
fn assert_located(
    error: &smithy_codegen::model::LoadError,
    message: &str,
    shape: Option<&str>,
    path: &str,
) {
    assert_eq!(error.path(), path, "{message}");
    assert!(
        message.starts_with(&format!("{path}: ")),
        "message should start with the path: {message}"
    );
    if let Some(shape) = shape {
        assert_eq!(error.shape(), Some(&id(shape)), "{message}");
        assert!(
            message.contains(&format!("`{shape}")),
            "message should name `{shape}`: {message}"
        );
    }
}

#[test]
fn diagnostic_malformed_json_gives_line_and_column() {
    let (error, message) = fail_json("{\n  \"smithy\": \"2.0\",\n  \"shapes\": {,}\n}");
    assert!(
        matches!(
            error.kind(),
            LoadErrorKind::MalformedJson {
                line: 3,
                column: 14,
                ..
            }
        ),
        "{message}"
    );
    assert_located(&error, &message, None, "$");
    assert!(message.contains("line 3, column 14"), "{message}");
}

#[test]
fn diagnostic_unsupported_version() {
    let (error, message) = fail_json(r#"{"smithy": "3.0", "shapes": {}}"#);
    assert!(matches!(
        error.kind(),
        LoadErrorKind::UnsupportedVersion { .. }
    ));
    assert_located(&error, &message, None, "$.smithy");
    assert!(
        message.contains("`3.0`") && message.contains("\"2.0\""),
        "{message}"
    );
}

#[test]
fn diagnostic_invalid_shape_id() {
    let (error, message) = fail(
        serde_json::json!({ "ns#Foo": { "type": "structure", "members": {
        "bar": { "target": "NoNamespace" } } } }),
    );
    assert!(matches!(error.kind(), LoadErrorKind::InvalidShapeId { .. }));
    assert_located(
        &error,
        &message,
        Some("ns#Foo"),
        "$.shapes[\"ns#Foo\"].members.bar.target",
    );
    assert!(
        message.contains("`NoNamespace`") && message.contains("missing `#`"),
        "{message}"
    );

    let (error, message) = fail(serde_json::json!({ "Foo": { "type": "string" } }));
    assert_located(&error, &message, None, "$.shapes[\"Foo\"]");
    assert!(message.contains("invalid shape id `Foo`"), "{message}");

    let (error, message) = fail(
        serde_json::json!({ "ns#Foo": { "type": "structure", "members": {
        "not-an-identifier": { "target": "smithy.api#String" } } } }),
    );
    assert_located(
        &error,
        &message,
        Some("ns#Foo"),
        "$.shapes[\"ns#Foo\"].members[\"not-an-identifier\"]",
    );
}

#[test]
fn diagnostic_unknown_shape_reference() {
    let (error, message) = fail(
        serde_json::json!({ "ns#Foo": { "type": "structure", "members": {
        "bar": { "target": "ns#Baz" } } } }),
    );
    assert!(matches!(error.kind(), LoadErrorKind::UnknownShape { .. }));
    assert_eq!(
        message,
        "$.shapes[\"ns#Foo\"].members.bar.target: unknown shape reference `ns#Baz` in member `ns#Foo$bar` \
         (no shape with that id is defined, and it is not in the prelude)"
    );
    assert_located(
        &error,
        &message,
        Some("ns#Foo"),
        "$.shapes[\"ns#Foo\"].members.bar.target",
    );

    // A close name is suggested; prelude names in the wrong namespace too.
    let (_, message) = fail(serde_json::json!({
        "ns#Foo": { "type": "structure", "members": { "bar": { "target": "ns#Bax" }, "s": { "target": "ns#String" } } },
        "ns#Bar": { "type": "string" } }));
    assert!(message.ends_with("did you mean `ns#Bar`?)"), "{message}");
    let (_, message) = fail(serde_json::json!({
        "ns#Foo": { "type": "structure", "members": { "s": { "target": "ns#String" } } } }));
    assert!(
        message.contains("did you mean `smithy.api#String`?"),
        "{message}"
    );

    // Operation references and apply targets are checked too.
    let (error, message) = fail(serde_json::json!({ "ns#Op": { "type": "operation",
        "errors": [ { "target": "ns#Missing" } ] } }));
    assert_located(
        &error,
        &message,
        Some("ns#Op"),
        "$.shapes[\"ns#Op\"].errors[0].target",
    );
    assert!(
        message.contains("in the errors of operation `ns#Op`"),
        "{message}"
    );
    let (error, message) = fail(serde_json::json!({ "ns#Nope": { "type": "apply",
        "traits": { "smithy.api#sensitive": {} } } }));
    assert_located(&error, &message, Some("ns#Nope"), "$.shapes[\"ns#Nope\"]");
    assert!(message.contains("in an `apply` entry"), "{message}");
    let (error, message) = fail(serde_json::json!({
        "ns#S": { "type": "structure", "members": { "name": { "target": "smithy.api#String" } } },
        "ns#S$nmae": { "type": "apply", "traits": { "smithy.api#sensitive": {} } } }));
    assert_located(&error, &message, Some("ns#S"), "$.shapes[\"ns#S$nmae\"]");
    assert!(
        message.contains("`ns#S$nmae`") && message.contains("did you mean `ns#S$name`"),
        "{message}"
    );
}

#[test]
fn diagnostic_unknown_operation() {
    let model = load(serde_json::json!({
        "ns#Svc": { "type": "service", "operations": [ { "target": "ns#GetThing" } ] },
        "ns#GetThing": { "type": "operation" } }));
    let error = model.find_operation(&id("ns#Svc"), "GetThnig").unwrap_err();
    let message = error.to_string();
    eprintln!("{message}");
    assert!(matches!(
        error.kind(),
        LoadErrorKind::UnknownOperation { .. }
    ));
    assert_eq!(error.shape(), Some(&id("ns#Svc")));
    assert!(
        message.contains("`GetThnig`")
            && message.contains("`ns#Svc`")
            && message.contains("did you mean `GetThing`?"),
        "{message}"
    );

    let error = model.closure(&[id("ns#GetThings")]).unwrap_err();
    let message = error.to_string();
    eprintln!("{message}");
    assert!(matches!(
        error.kind(),
        LoadErrorKind::UnknownOperation { .. }
    ));
    assert!(
        message.contains("`ns#GetThings`") && message.contains("did you mean `ns#GetThing`?"),
        "{message}"
    );
}

#[test]
fn diagnostic_conflicting_mixin_members() {
    let (error, message) = fail(serde_json::json!({
        "ns#A1": { "type": "structure", "members": { "a": { "target": "smithy.api#String" } }, "traits": { "smithy.api#mixin": {} } },
        "ns#A2": { "type": "structure", "members": { "a": { "target": "smithy.api#Integer" } }, "traits": { "smithy.api#mixin": {} } },
        "ns#Invalid": { "type": "structure", "mixins": [ { "target": "ns#A1" }, { "target": "ns#A2" } ], "members": {} } }));
    assert!(matches!(
        error.kind(),
        LoadErrorKind::ConflictingMember { .. }
    ));
    assert_located(
        &error,
        &message,
        Some("ns#Invalid"),
        "$.shapes[\"ns#Invalid\"].mixins[1].target",
    );
    assert!(
        message.contains("`ns#Invalid$a`") && message.contains("mixin `ns#A1`"),
        "{message}"
    );

    // Redeclaring a mixin member with another target.
    let (error, message) = fail(serde_json::json!({
        "ns#A1": { "type": "structure", "members": { "a": { "target": "smithy.api#String" } }, "traits": { "smithy.api#mixin": {} } },
        "ns#Invalid": { "type": "structure", "mixins": [ { "target": "ns#A1" } ],
            "members": { "a": { "target": "smithy.api#Long" } } } }));
    assert_located(
        &error,
        &message,
        Some("ns#Invalid"),
        "$.shapes[\"ns#Invalid\"].members.a.target",
    );
}

#[test]
fn diagnostic_conflicting_applied_trait() {
    let (error, message) = fail(serde_json::json!({
        "ns#S": { "type": "structure", "members": { "m": { "target": "smithy.api#String",
            "traits": { "smithy.api#documentation": "first" } } } },
        "ns#S$m": { "type": "apply", "traits": { "smithy.api#documentation": "second" } } }));
    assert!(matches!(
        error.kind(),
        LoadErrorKind::ConflictingTrait { .. }
    ));
    assert_located(
        &error,
        &message,
        Some("ns#S"),
        "$.shapes[\"ns#S$m\"].traits[\"smithy.api#documentation\"]",
    );
    assert!(
        message.contains("`smithy.api#documentation`")
            && message.contains("\"first\" and \"second\""),
        "{message}"
    );
}

#[test]
fn diagnostic_cyclic_mixins() {
    let (error, message) = fail(serde_json::json!({
        "ns#CycleA": { "type": "structure", "mixins": [ { "target": "ns#CycleB" } ], "members": {}, "traits": { "smithy.api#mixin": {} } },
        "ns#CycleB": { "type": "structure", "mixins": [ { "target": "ns#CycleA" } ], "members": {}, "traits": { "smithy.api#mixin": {} } } }));
    assert!(matches!(error.kind(), LoadErrorKind::CyclicMixins { .. }));
    assert_located(
        &error,
        &message,
        Some("ns#CycleB"),
        "$.shapes[\"ns#CycleB\"].mixins[0].target",
    );
    assert!(
        message.contains("`ns#CycleA` -> `ns#CycleB` -> `ns#CycleA`"),
        "{message}"
    );
}

#[test]
fn diagnostic_invalid_mixin() {
    let (error, message) = fail(serde_json::json!({
        "ns#Plain": { "type": "structure", "members": {} },
        "ns#User": { "type": "structure", "mixins": [ { "target": "ns#Plain" } ], "members": {} } }));
    assert!(matches!(error.kind(), LoadErrorKind::InvalidMixin { .. }));
    assert_located(
        &error,
        &message,
        Some("ns#User"),
        "$.shapes[\"ns#User\"].mixins[0].target",
    );
    assert!(
        message.contains("`ns#Plain`") && message.contains("`smithy.api#mixin`"),
        "{message}"
    );

    let (_, message) = fail(serde_json::json!({
        "ns#M": { "type": "string", "traits": { "smithy.api#mixin": {} } },
        "ns#B": { "type": "blob", "mixins": [ { "target": "ns#M" } ] } }));
    assert!(
        message.contains("it is a string and `ns#B` is a blob"),
        "{message}"
    );
}

#[test]
fn diagnostic_trait_with_wrong_form() {
    let (error, message) = fail(serde_json::json!({ "ns#Name": { "type": "string",
        "traits": { "smithy.api#length": { "min": "1" } } } }));
    assert!(matches!(error.kind(), LoadErrorKind::InvalidTrait { .. }));
    assert_located(
        &error,
        &message,
        Some("ns#Name"),
        "$.shapes[\"ns#Name\"].traits[\"smithy.api#length\"]",
    );
    assert!(
        message.contains("trait `smithy.api#length`")
            && message.contains("`min` must be a non-negative integer"),
        "{message}"
    );

    let (error, message) = fail(
        serde_json::json!({ "ns#Oops": { "type": "structure", "members": {},
        "traits": { "smithy.api#error": "caller" } } }),
    );
    assert_located(
        &error,
        &message,
        Some("ns#Oops"),
        "$.shapes[\"ns#Oops\"].traits[\"smithy.api#error\"]",
    );
    assert!(message.contains("\"client\" or \"server\""), "{message}");

    let (error, message) = fail(
        serde_json::json!({ "ns#Codes": { "type": "intEnum", "members": {
        "ONE": { "target": "smithy.api#Unit" } } } }),
    );
    assert_located(
        &error,
        &message,
        Some("ns#Codes"),
        "$.shapes[\"ns#Codes\"].members.ONE",
    );
    assert!(
        message.contains("`ns#Codes$ONE`") && message.contains("integer value"),
        "{message}"
    );
}

#[test]
fn diagnostic_wrong_json_type() {
    let (error, message) =
        fail(serde_json::json!({ "ns#Foo": { "type": "structure", "members": [] } }));
    assert!(matches!(error.kind(), LoadErrorKind::WrongType { .. }));
    assert_located(
        &error,
        &message,
        Some("ns#Foo"),
        "$.shapes[\"ns#Foo\"].members",
    );
    assert!(
        message.contains("expected an object of members keyed by member name, found an array"),
        "{message}"
    );

    let (error, message) =
        fail(serde_json::json!({ "ns#Op": { "type": "operation", "input": "ns#In" } }));
    assert_located(&error, &message, Some("ns#Op"), "$.shapes[\"ns#Op\"].input");
    assert!(message.contains("found a string"), "{message}");

    let (error, message) = fail_json(r#"{"smithy": "2.0", "shapes": []}"#);
    assert_located(&error, &message, None, "$.shapes");
}

#[test]
fn diagnostic_missing_required_field() {
    let (error, message) = fail(
        serde_json::json!({ "ns#Foo": { "type": "structure", "members": {
        "bar": { "traits": { "smithy.api#required": {} } } } } }),
    );
    assert!(matches!(
        error.kind(),
        LoadErrorKind::MissingField {
            field: "target",
            ..
        }
    ));
    assert_located(
        &error,
        &message,
        Some("ns#Foo"),
        "$.shapes[\"ns#Foo\"].members.bar.target",
    );
    assert!(
        message.contains("missing required property `target`"),
        "{message}"
    );

    let (error, message) = fail(serde_json::json!({ "ns#Names": { "type": "list" } }));
    assert_located(
        &error,
        &message,
        Some("ns#Names"),
        "$.shapes[\"ns#Names\"].member",
    );

    let (error, message) = fail(serde_json::json!({ "ns#Foo": { "traits": {} } }));
    assert_located(
        &error,
        &message,
        Some("ns#Foo"),
        "$.shapes[\"ns#Foo\"].type",
    );

    let (error, message) = fail_json(r#"{"shapes": {}}"#);
    assert_located(&error, &message, None, "$.smithy");
}

#[test]
fn diagnostic_member_targeting_operation_service_or_resource() {
    let (error, message) = fail(serde_json::json!({
        "ns#Op": { "type": "operation" },
        "ns#Foo": { "type": "structure", "members": { "bar": { "target": "ns#Op" } } } }));
    assert!(matches!(error.kind(), LoadErrorKind::InvalidTarget { .. }));
    assert_located(
        &error,
        &message,
        Some("ns#Foo"),
        "$.shapes[\"ns#Foo\"].members.bar.target",
    );
    assert!(
        message.contains("member `ns#Foo$bar` refers to operation `ns#Op`"),
        "{message}"
    );

    // A member may not target a mixin either, nor an operation input be a non-structure.
    let (_, message) = fail(serde_json::json!({
        "ns#M": { "type": "structure", "members": {}, "traits": { "smithy.api#mixin": {} } },
        "ns#Foo": { "type": "structure", "members": { "bar": { "target": "ns#M" } } } }));
    assert!(
        message.contains("refers to mixin structure `ns#M`"),
        "{message}"
    );
    let (error, message) = fail(
        serde_json::json!({ "ns#Op": { "type": "operation", "input": { "target": "smithy.api#String" } } }),
    );
    assert_located(
        &error,
        &message,
        Some("ns#Op"),
        "$.shapes[\"ns#Op\"].input.target",
    );
    assert!(
        message.contains("the input of operation `ns#Op` refers to string `smithy.api#String`"),
        "{message}"
    );
}

#[test]
fn diagnostic_unknown_property_and_shape_type() {
    let (error, message) =
        fail(serde_json::json!({ "ns#Foo": { "type": "structure", "memebers": {} } }));
    assert!(matches!(
        error.kind(),
        LoadErrorKind::UnknownProperty { .. }
    ));
    assert_located(
        &error,
        &message,
        Some("ns#Foo"),
        "$.shapes[\"ns#Foo\"].memebers",
    );
    assert!(
        message.contains("unknown property `memebers` on a structure")
            && message.contains("members"),
        "{message}"
    );

    let (error, message) = fail(serde_json::json!({ "ns#Foo": { "type": "struct" } }));
    assert!(matches!(
        error.kind(),
        LoadErrorKind::UnknownShapeType { .. }
    ));
    assert_located(
        &error,
        &message,
        Some("ns#Foo"),
        "$.shapes[\"ns#Foo\"].type",
    );
    assert!(
        message.contains("`struct`") && message.contains("structure"),
        "{message}"
    );
}

#[test]
fn diagnostic_prelude_and_duplicate_shapes_cannot_be_redefined() {
    let (error, message) = fail(serde_json::json!({ "smithy.api#String": { "type": "integer" } }));
    assert!(matches!(error.kind(), LoadErrorKind::DuplicateShape { .. }));
    assert_located(
        &error,
        &message,
        Some("smithy.api#String"),
        "$.shapes[\"smithy.api#String\"]",
    );
    assert!(message.contains("the Smithy prelude"), "{message}");
    // An identical definition of a prelude shape is tolerated.
    load(serde_json::json!({ "smithy.api#String": { "type": "string" } }));

    let a = doc(serde_json::json!({ "ns#S": { "type": "string" } }));
    let b = doc(serde_json::json!({ "ns#S": { "type": "integer" } }));
    let error = Model::load_all([("a.json", a.as_str()), ("b.json", b.as_str())]).unwrap_err();
    let message = error.to_string();
    eprintln!("{message}");
    assert_eq!(error.document(), Some("b.json"));
    assert!(
        message.starts_with(
            "b.json: $.shapes[\"ns#S\"]: shape `ns#S` is already defined by document `a.json`"
        ),
        "{message}"
    );
}

#[test]
fn diagnostic_conflicting_metadata() {
    let a = r#"{"smithy": "2.0", "metadata": {"owner": "a"}}"#;
    let b = r#"{"smithy": "2.0", "metadata": {"owner": "b"}}"#;
    let error = Model::load_all([("a.json", a), ("b.json", b)]).unwrap_err();
    let message = error.to_string();
    eprintln!("{message}");
    assert!(matches!(
        error.kind(),
        LoadErrorKind::ConflictingMetadata { .. }
    ));
    assert_eq!(error.path(), "$.metadata.owner");
    assert!(
        message.starts_with("b.json: $.metadata.owner: metadata key `owner`"),
        "{message}"
    );
}

#[test]
fn traits_parse_reports_the_trait() {
    use smithy_codegen::model::Traits;
    let raw = [(id("smithy.api#httpError"), serde_json::json!(1000))]
        .into_iter()
        .collect();
    let error = Traits::parse(raw).unwrap_err();
    assert!(
        matches!(error.kind(), LoadErrorKind::InvalidTrait { trait_id, .. } if *trait_id == id("smithy.api#httpError"))
    );
    assert!(
        error.to_string().contains("from 100 to 599), found 1000"),
        "{error}"
    );
}

#[test]
fn loader_test_model_exercises_every_resolution_step() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/models/loader-mixins-and-apply.json");
    let model =
        Model::load(&std::fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{e}"));
    let ns = |name: &str| id(&format!("example.loader#{name}"));
    let service = ns("Library");

    let ops = model.operation_ids(&service).unwrap();
    assert_eq!(ops, [ns("GetBook"), ns("ListBooks"), ns("Ping")]);

    // Mixin members first, the apply landed on the copy, own members after.
    assert_eq!(
        names(&model, "example.loader#ListBooksInput"),
        ["nextToken", "maxResults", "genre"]
    );
    let input = model.shape(&ns("ListBooksInput")).unwrap();
    assert_eq!(
        input.members()[0].traits.documentation.as_deref(),
        Some("Where the previous page ended.")
    );
    assert_eq!(
        input.members()[1].traits.range.clone().unwrap().max,
        Some(100.into())
    );
    assert!(input.traits.input);

    // Simple-shape mixins: constraints inherited, local `private` kept on the mixin only.
    let book_id = model.shape(&ns("BookId")).unwrap();
    assert_eq!(book_id.traits.length.unwrap().max, Some(64));
    assert!(!book_id.traits.raw.contains_key(&id("smithy.api#private")));

    // Error mixin: the error trait is inherited with the message member.
    for (error, status) in [("NotFound", 404), ("Throttled", 429)] {
        let shape = model.shape(&ns(error)).unwrap();
        assert_eq!(shape.traits.error, Some(ErrorFault::Client), "{error}");
        assert_eq!(shape.traits.http_error, Some(status));
        assert_eq!(shape.members()[0].id, ns(error).with_member("message"));
    }

    // Pagination defaults come from the service.
    let paginated = model
        .shape(&ns("ListBooks"))
        .unwrap()
        .traits
        .paginated
        .clone()
        .unwrap();
    assert_eq!(
        (
            paginated.input_token.as_deref(),
            paginated.page_size.as_deref(),
            paginated.items.as_deref()
        ),
        (Some("nextToken"), Some("maxResults"), Some("books"))
    );

    // The closure of GetBook within the service follows every edge kind, recursion included.
    let closure = model.service_closure(&service, &[ns("GetBook")]).unwrap();
    let own: Vec<String> = closure
        .without_prelude()
        .map(|i| i.name().to_owned())
        .collect();
    assert_eq!(
        own,
        [
            "BookId",
            "BookSummary",
            "Books",
            "Cover",
            "Genre",
            "GetBook",
            "GetBookInput",
            "GetBookOutput",
            "Labels",
            "NotFound",
            "Rating",
            "Throttled"
        ]
    );
    let edges_of = |from: &str| -> Vec<(Edge, String)> {
        closure
            .edges_from(&ns(from))
            .map(|(e, to)| (e.clone(), to.to_string()))
            .collect()
    };
    assert_eq!(
        edges_of("GetBook"),
        [
            (Edge::Input, "example.loader#GetBookInput".to_owned()),
            (Edge::Output, "example.loader#GetBookOutput".to_owned()),
            (Edge::Error, "example.loader#NotFound".to_owned()),
            (Edge::Error, "example.loader#Throttled".to_owned()),
        ]
    );
    assert!(
        edges_of("Books").contains(&(Edge::ListMember, "example.loader#BookSummary".to_owned()))
    );
    assert!(edges_of("BookSummary").contains(&(
        Edge::Member("related".into()),
        "example.loader#Books".to_owned()
    )));
    assert_eq!(
        edges_of("Labels"),
        [
            (Edge::MapKey, "smithy.api#String".to_owned()),
            (Edge::MapValue, "smithy.api#String".to_owned())
        ]
    );
    // Enum members are not followed: Unit is reached only through a missing input/output.
    assert!(!closure.contains(&Model::unit_id()));
    assert!(model
        .service_closure(&service, &[ns("Ping")])
        .unwrap()
        .contains(&Model::unit_id()));
}

/// Every value of the loader test model replaced, one at a time, by each JSON type: loading
/// must answer (a model or a located error), never panic.
#[test]
fn single_value_mutations_never_panic() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/models/loader-mixins-and-apply.json");
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut pointers = Vec::new();
    collect_pointers(&original, String::new(), &mut pointers);
    let replacements = [
        serde_json::Value::Null,
        serde_json::json!(true),
        serde_json::json!(-1),
        serde_json::json!("example.loader#Book"),
        serde_json::json!([]),
        serde_json::json!({}),
    ];
    let mut errors = 0;
    for pointer in &pointers {
        for replacement in &replacements {
            let mut mutated = original.clone();
            *mutated.pointer_mut(pointer).unwrap() = replacement.clone();
            if let Err(error) = Model::from_value(mutated) {
                errors += 1;
                assert!(error.path().starts_with('$'), "{pointer}: {error}");
                assert!(!error.to_string().is_empty());
            }
        }
    }
    assert!(
        errors > pointers.len(),
        "most mutations should be rejected ({errors} errors)"
    );
}

fn collect_pointers(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    let escape = |key: &str| key.replace('~', "~0").replace('/', "~1");
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                let child_at = format!("{at}/{}", escape(key));
                out.push(child_at.clone());
                collect_pointers(child, child_at, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let child_at = format!("{at}/{i}");
                out.push(child_at.clone());
                collect_pointers(child, child_at, out);
            }
        }
        _ => {}
    }
}
