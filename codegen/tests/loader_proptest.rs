//! The loader against mutated models.
//!
//! Valid models (this crate's test models and the workspace's Cognito model) are broken
//! in the ways a hand-edited or half-generated model gets broken: a key dropped, a value
//! of the wrong JSON type, a reference to a shape that does not exist or is not a shape
//! id, mixins that mix themselves in, a member declared again over a mixin's member, an
//! `apply` to nothing or with a conflicting value, strings of a megabyte, nesting at and
//! past the JSON parser's limit, and two of these at once.
//!
//! Properties, for every mutated model:
//! * `Model::load` returns; it never panics;
//! * an `Ok` model is whole: every member, operation, resource and service reference it
//!   holds resolves to a shape of the model (a half-built model would not);
//! * an `Err` says where: its JSON path starts at the document root (`$`), the message
//!   shows that path, and when the path lies inside a shape's definition the error names
//!   that shape.

use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, TestCaseError, TestRunner};
use serde_json::{json, Map, Value};
use smithy_codegen::model::{LoadError, LoadErrorKind, Model, ShapeId, ShapeKind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Cases per mutation kind.
const CASES: u32 = 300;

/// The longest one load may take, even of a model with megabyte strings: a loader that
/// does quadratic work on the input (e.g. "did you mean" over huge names) fails this.
const LOAD_BUDGET: Duration = Duration::from_secs(5);

// ------------------------------------------------------------------ the valid models

fn base_models() -> Vec<(String, Value)> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(manifest.join("tests/models"))
        .expect("the test models folder")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths.push(manifest.join("../models/cognito-identity-provider.json"));
    let mut models = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("read a test model");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // Only models that load as they are make sense as a starting point.
        if Model::load(&text).is_ok() {
            models.push((name, serde_json::from_str(&text).expect("valid JSON")));
        }
    }
    assert!(
        models.len() >= 4,
        "too few loadable base models: {:?}",
        models.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    models
}

// ------------------------------------------------------------------ the checks

/// Every reference an `Ok` model holds resolves, and member ids belong to their shape.
fn check_whole(model: &Model) -> Result<(), String> {
    let exists = |id: &ShapeId, what: &str, owner: &ShapeId| -> Result<(), String> {
        if model.shape(id).is_some() {
            Ok(())
        } else {
            Err(format!("{owner}: {what} `{id}` is not in the loaded model"))
        }
    };
    for shape in model.shapes() {
        if shape.id.member().is_some() {
            return Err(format!("a member id `{}` is stored as a shape", shape.id));
        }
        for member in shape.members() {
            exists(&member.target, "member target", &member.id)?;
            if member.id != shape.id.with_member(&member.name) {
                return Err(format!(
                    "member `{}` is stored in shape `{}`",
                    member.id, shape.id
                ));
            }
        }
        match &shape.kind {
            ShapeKind::Operation(op) => {
                exists(&op.input, "input", &shape.id)?;
                exists(&op.output, "output", &shape.id)?;
                for error in &op.errors {
                    exists(error, "error", &shape.id)?;
                }
            }
            ShapeKind::Resource(resource) => {
                for id in resource
                    .identifiers
                    .values()
                    .chain(resource.properties.values())
                    .chain(resource.lifecycle.values())
                    .chain(&resource.operations)
                    .chain(&resource.collection_operations)
                    .chain(&resource.resources)
                {
                    exists(id, "resource reference", &shape.id)?;
                }
            }
            ShapeKind::Service(service) => {
                for id in service
                    .operations
                    .iter()
                    .chain(&service.resources)
                    .chain(&service.errors)
                {
                    exists(id, "service reference", &shape.id)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The shape id a JSON path points into, when it points into `$.shapes`.
fn shape_in_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix("$.shapes[")?;
    let key: String = serde_json::Deserializer::from_str(rest)
        .into_iter::<String>()
        .next()?
        .ok()?;
    Some(key)
}

/// An error says where it is: a path from the root, shown in the message, and the shape
/// whose definition holds that path.
fn check_located(error: &LoadError, longest_string: usize) -> Result<(), String> {
    let path = error.path();
    let message = error.to_string();
    if !path.starts_with('$') {
        return Err(format!(
            "the path `{path}` does not start at the root: {message}"
        ));
    }
    if !message.contains(path) {
        return Err(format!(
            "the message does not show the path `{path}`: {message}"
        ));
    }
    // A message may quote an offending name or value, but not multiply it (for example by
    // listing it in several suggestions).
    let limit = 4 * longest_string + 10_000;
    if message.len() > limit {
        return Err(format!(
            "a {}-byte message for a model whose longest string is {longest_string} bytes",
            message.len()
        ));
    }
    if let Some(key) = shape_in_path(path) {
        let Some(shape) = error.shape() else {
            return Err(format!(
                "the error lies in `{key}` but names no shape: {message}"
            ));
        };
        // Apply blocks are keyed by the id they apply to, which may be a member id; the
        // error may name that id or the shape that owns the member.
        let named = shape.to_string();
        let owner = shape.without_member().to_string();
        let key_owner = key.split('$').next().unwrap_or(&key).to_owned();
        if named != key && owner != key && owner != key_owner {
            // A shape named in a path of another shape is fine when the problem is a
            // relation between the two (a mixin cycle, a conflicting mixin member): then
            // the message names both.
            if !message.contains(&named) && !message.contains(shape.name()) {
                return Err(format!(
                    "the error lies in `{key}` but names `{named}`, which the message never \
                     mentions: {message}"
                ));
            }
        }
    }
    Ok(())
}

/// Loads `value` (as text, the way users load models) and checks the properties.
fn check(value: &Value) -> Result<Outcome, TestCaseError> {
    let text = value.to_string();
    let started = Instant::now();
    let result = Model::load(&text);
    let took = started.elapsed();
    if took > LOAD_BUDGET {
        return Err(TestCaseError::fail(format!(
            "loading a {}-byte model took {took:?}",
            text.len()
        )));
    }
    match result {
        Ok(model) => check_whole(&model)
            .map(|()| Outcome::Loaded)
            .map_err(TestCaseError::fail),
        Err(error) => check_located(&error, longest_string(value))
            .map(|()| Outcome::Rejected(kind_name(error.kind())))
            .map_err(|e| TestCaseError::fail(format!("{e}\nmodel: {}", brief(&text)))),
    }
}

/// The length of the longest string (value or key) in `value`.
fn longest_string(value: &Value) -> usize {
    match value {
        Value::String(text) => text.len(),
        Value::Array(items) => items.iter().map(longest_string).max().unwrap_or(0),
        Value::Object(map) => map
            .iter()
            .map(|(key, item)| key.len().max(longest_string(item)))
            .max()
            .unwrap_or(0),
        _ => 0,
    }
}

fn brief(text: &str) -> String {
    if text.len() > 3000 {
        format!(
            "{}… ({} bytes)",
            &text[..text.floor_char_boundary(3000)],
            text.len()
        )
    } else {
        text.to_owned()
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Loaded,
    Rejected(&'static str),
}

fn kind_name(kind: &LoadErrorKind) -> &'static str {
    match kind {
        LoadErrorKind::MalformedJson { .. } => "MalformedJson",
        LoadErrorKind::UnsupportedVersion { .. } => "UnsupportedVersion",
        LoadErrorKind::InvalidShapeId { .. } => "InvalidShapeId",
        LoadErrorKind::UnknownShape { .. } => "UnknownShape",
        LoadErrorKind::UnknownOperation { .. } => "UnknownOperation",
        LoadErrorKind::ConflictingMember { .. } => "ConflictingMember",
        LoadErrorKind::ConflictingTrait { .. } => "ConflictingTrait",
        LoadErrorKind::ConflictingMetadata { .. } => "ConflictingMetadata",
        LoadErrorKind::DuplicateShape { .. } => "DuplicateShape",
        LoadErrorKind::CyclicMixins { .. } => "CyclicMixins",
        LoadErrorKind::InvalidMixin { .. } => "InvalidMixin",
        LoadErrorKind::InvalidTrait { .. } => "InvalidTrait",
        LoadErrorKind::WrongType { .. } => "WrongType",
        LoadErrorKind::MissingField { .. } => "MissingField",
        LoadErrorKind::UnknownProperty { .. } => "UnknownProperty",
        LoadErrorKind::UnknownShapeType { .. } => "UnknownShapeType",
        LoadErrorKind::InvalidTarget { .. } => "InvalidTarget",
        _ => "other",
    }
}

// ------------------------------------------------------------------ walking JSON

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// Paths to every value in `value`, the root included, parents before children.
fn all_paths(value: &Value) -> Vec<Vec<Step>> {
    let mut out = Vec::new();
    let mut stack = vec![(Vec::new(), value)];
    while let Some((path, node)) = stack.pop() {
        match node {
            Value::Object(map) => {
                for (key, child) in map {
                    let mut p = path.clone();
                    p.push(Step::Key(key.clone()));
                    stack.push((p, child));
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    let mut p = path.clone();
                    p.push(Step::Index(i));
                    stack.push((p, child));
                }
            }
            _ => {}
        }
        out.push(path);
    }
    out
}

fn node_mut<'a>(value: &'a mut Value, path: &[Step]) -> &'a mut Value {
    let mut node = value;
    for step in path {
        node = match step {
            Step::Key(key) => node.get_mut(key.as_str()).expect("a path from all_paths"),
            Step::Index(i) => node.get_mut(*i).expect("a path from all_paths"),
        };
    }
    node
}

fn node<'a>(value: &'a Value, path: &[Step]) -> &'a Value {
    let mut node = value;
    for step in path {
        node = match step {
            Step::Key(key) => &node[key.as_str()],
            Step::Index(i) => &node[*i],
        };
    }
    node
}

/// The `shapes` object, unless an earlier mutation broke it.
fn shapes_mut(model: &mut Value) -> Option<&mut Map<String, Value>> {
    model.get_mut("shapes")?.as_object_mut()
}

fn namespace_of(model: &Value) -> String {
    model
        .get("shapes")
        .and_then(Value::as_object)
        .and_then(|shapes| shapes.keys().next())
        .and_then(|id| id.split('#').next())
        .unwrap_or("example.ns")
        .to_owned()
}

/// Ids of the model's shapes of `kind` (by their `type`).
fn shape_ids(model: &Value, kind: &str) -> Vec<String> {
    model
        .get("shapes")
        .and_then(Value::as_object)
        .map(|shapes| {
            shapes
                .iter()
                .filter(|(_, shape)| shape["type"] == kind)
                .map(|(id, _)| id.clone())
                .collect()
        })
        .unwrap_or_default()
}

// ------------------------------------------------------------------ the mutations

/// `seed` reduced to an index into `len` things (0 when there are none).
fn pick(seed: usize, len: usize) -> usize {
    seed % len.max(1)
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Removes one key of one object.
    DropKey { node: usize, key: usize },
    /// Replaces one value with one of another JSON type.
    WrongType { node: usize, with: u8 },
    /// Points one shape reference somewhere else: nowhere, or at something that is not a
    /// shape id.
    Dangle { reference: usize, with: u8 },
    /// Makes mixins mix themselves in, over `length` shapes.
    CyclicMixins { shape: usize, length: usize },
    /// Declares a mixin's member again with another target.
    MemberOverMixin { shape: usize },
    /// An `apply` to an id that does not exist, or with a value that conflicts.
    BadApply { shape: usize, conflicting: bool },
    /// One string (a value, a key or a shape name) made a megabyte long.
    HugeString {
        node: usize,
        size: usize,
        in_key: bool,
    },
    /// One value replaced by arrays nested `depth` deep.
    DeepNesting { node: usize, depth: usize },
}

fn apply_mutation(model: &mut Value, mutation: &Mutation) {
    match mutation {
        Mutation::DropKey { node: at, key } => {
            let objects: Vec<Vec<Step>> = all_paths(model)
                .into_iter()
                .filter(|p| node(model, p).as_object().is_some_and(|m| !m.is_empty()))
                .collect();
            if objects.is_empty() {
                return;
            }
            let path = &objects[pick(*at, objects.len())];
            let map = node_mut(model, path).as_object_mut().unwrap();
            let name = map.keys().nth(pick(*key, map.len())).unwrap().clone();
            map.remove(&name);
        }
        Mutation::WrongType { node: at, with } => {
            let paths = all_paths(model);
            let path = &paths[pick(*at, paths.len())];
            let target = node_mut(model, path);
            let replacement = [
                Value::Null,
                json!(true),
                json!(42),
                json!(-1.5),
                json!("text"),
                json!([]),
                json!([{"target": "smithy.api#String"}]),
                json!({}),
                json!({"unexpected": 1}),
            ];
            // Skip the candidates of the same JSON type as the value being replaced.
            let different: Vec<&Value> = replacement
                .iter()
                .filter(|r| std::mem::discriminant(*r) != std::mem::discriminant(target))
                .collect();
            *target = different[usize::from(*with) % different.len()].clone();
        }
        Mutation::Dangle { reference, with } => {
            let references: Vec<Vec<Step>> = all_paths(model)
                .into_iter()
                .filter(|p| {
                    matches!(p.last(), Some(Step::Key(k)) if k == "target")
                        && node(model, p).is_string()
                })
                .collect();
            if references.is_empty() {
                return;
            }
            let path = &references[pick(*reference, references.len())];
            let namespace = namespace_of(model);
            let replacement = match with % 8 {
                0 => format!("{namespace}#DoesNotExist"),
                1 => "smithy.api#Strin".to_owned(),
                2 => "NoNamespace".to_owned(),
                3 => "#NoNamespace".to_owned(),
                4 => format!("{namespace}#"),
                5 => String::new(),
                6 => format!("{namespace}#Shape$member"),
                _ => "not an id at all!".to_owned(),
            };
            *node_mut(model, path) = Value::String(replacement);
        }
        Mutation::CyclicMixins { shape, length } => {
            let namespace = namespace_of(model);
            let structures = shape_ids(model, "structure");
            let user = structures.get(pick(*shape, structures.len())).cloned();
            let names: Vec<String> = (0..*length)
                .map(|i| format!("{namespace}#CycleMixin{i}"))
                .collect();
            let Some(shapes) = shapes_mut(model) else {
                return;
            };
            for (i, name) in names.iter().enumerate() {
                let next = &names[(i + 1) % names.len()];
                shapes.insert(
                    name.clone(),
                    json!({
                        "type": "structure",
                        "mixins": [{"target": next}],
                        "members": {format!("m{i}"): {"target": "smithy.api#String"}},
                        "traits": {"smithy.api#mixin": {}}
                    }),
                );
            }
            if let Some(user) = user {
                if let Some(shape) = shapes.get_mut(&user).and_then(Value::as_object_mut) {
                    let mixins = shape.entry("mixins").or_insert_with(|| json!([]));
                    if let Some(list) = mixins.as_array_mut() {
                        list.push(json!({"target": names[0]}));
                    }
                }
            }
        }
        Mutation::MemberOverMixin { shape } => {
            let namespace = namespace_of(model);
            let structures = shape_ids(model, "structure");
            let mixin = format!("{namespace}#DuplicateMemberMixin");
            let user = structures
                .get(pick(*shape, structures.len()))
                .cloned()
                .unwrap_or_else(|| format!("{namespace}#DuplicateMemberUser"));
            let Some(shapes) = shapes_mut(model) else {
                return;
            };
            shapes.insert(
                mixin.clone(),
                json!({
                    "type": "structure",
                    "members": {"dup": {"target": "smithy.api#String"}},
                    "traits": {"smithy.api#mixin": {}}
                }),
            );
            let entry = shapes
                .entry(user)
                .or_insert_with(|| json!({"type": "structure", "members": {}}));
            if let Some(object) = entry.as_object_mut() {
                let mixins = object.entry("mixins").or_insert_with(|| json!([]));
                if let Some(list) = mixins.as_array_mut() {
                    list.push(json!({"target": mixin}));
                }
                let members = object.entry("members").or_insert_with(|| json!({}));
                if let Some(members) = members.as_object_mut() {
                    members.insert("dup".to_owned(), json!({"target": "smithy.api#Integer"}));
                }
            }
        }
        Mutation::BadApply { shape, conflicting } => {
            let namespace = namespace_of(model);
            let structures = shape_ids(model, "structure");
            let Some(shapes) = shapes_mut(model) else {
                return;
            };
            if *conflicting {
                // A structure with a documented member, and an apply that documents it
                // differently... twice, with two different values.
                let owner = structures
                    .get(pick(*shape, structures.len()))
                    .cloned()
                    .unwrap_or_else(|| format!("{namespace}#ApplyOwner"));
                let entry = shapes
                    .entry(owner.clone())
                    .or_insert_with(|| json!({"type": "structure", "members": {}}));
                if let Some(members) = entry.as_object_mut().and_then(|o| {
                    o.entry("members")
                        .or_insert_with(|| json!({}))
                        .as_object_mut()
                }) {
                    members.insert(
                        "applied".to_owned(),
                        json!({
                            "target": "smithy.api#String",
                            "traits": {"smithy.api#length": {"min": 2}}
                        }),
                    );
                }
                shapes.insert(
                    format!("{owner}$applied"),
                    json!({"type": "apply", "traits": {"smithy.api#length": {"min": 1}}}),
                );
            } else {
                shapes.insert(
                    format!("{namespace}#NothingHere$member"),
                    json!({"type": "apply", "traits": {"smithy.api#documentation": "lost"}}),
                );
            }
        }
        Mutation::HugeString {
            node: at,
            size,
            in_key,
        } => {
            let huge: String = "Ab9_".repeat(size / 4);
            if *in_key {
                // A shape defined under a huge name, and referenced from a member.
                let namespace = namespace_of(model);
                let id = format!("{namespace}#{huge}");
                let structures = shape_ids(model, "structure");
                let Some(shapes) = shapes_mut(model) else {
                    return;
                };
                shapes.insert(id.clone(), json!({"type": "string"}));
                if let Some(user) = structures.get(pick(*at, structures.len())) {
                    if let Some(members) = shapes
                        .get_mut(user)
                        .and_then(|s| s.get_mut("members"))
                        .and_then(Value::as_object_mut)
                    {
                        // A typo'd reference to it, so "did you mean" has work to do.
                        members.insert(
                            "huge".to_owned(),
                            json!({"target": format!("{namespace}#{huge}x")}),
                        );
                    }
                }
            } else {
                let strings: Vec<Vec<Step>> = all_paths(model)
                    .into_iter()
                    .filter(|p| node(model, p).is_string())
                    .collect();
                if strings.is_empty() {
                    return;
                }
                let path = &strings[pick(*at, strings.len())];
                let target = node_mut(model, path);
                // Keep shape-id-like strings shape-id-like, so the loader looks them up.
                let replacement = match target.as_str() {
                    Some(text) if text.contains('#') => format!("{text}{huge}"),
                    _ => huge,
                };
                *target = Value::String(replacement);
            }
        }
        Mutation::DeepNesting { node: at, depth } => {
            let paths = all_paths(model);
            let path = &paths[pick(*at, paths.len())];
            let mut nested = json!("bottom");
            for _ in 0..*depth {
                nested = Value::Array(vec![nested]);
            }
            *node_mut(model, path) = nested;
        }
    }
}

fn mutation() -> BoxedStrategy<Mutation> {
    let index = any::<usize>;
    prop_oneof![
        (index(), index()).prop_map(|(node, key)| Mutation::DropKey { node, key }),
        (index(), any::<u8>()).prop_map(|(node, with)| Mutation::WrongType { node, with }),
        (index(), any::<u8>()).prop_map(|(reference, with)| Mutation::Dangle { reference, with }),
        (index(), 1usize..4).prop_map(|(shape, length)| Mutation::CyclicMixins { shape, length }),
        index().prop_map(|shape| Mutation::MemberOverMixin { shape }),
        (index(), any::<bool>())
            .prop_map(|(shape, conflicting)| Mutation::BadApply { shape, conflicting }),
        (
            index(),
            prop::sample::select(vec![4_096usize, 65_536, 1 << 20]),
            any::<bool>()
        )
            .prop_map(|(node, size, in_key)| Mutation::HugeString { node, size, in_key }),
        (
            index(),
            prop::sample::select(vec![8usize, 60, 110, 120, 126, 127, 200])
        )
            .prop_map(|(node, depth)| Mutation::DeepNesting { node, depth }),
    ]
    .boxed()
}

// ------------------------------------------------------------------ the properties

/// Runs `strategy`'s mutations (one or two of them) on every base model in turn.
fn run(name: &str, strategy: BoxedStrategy<Vec<Mutation>>, expect_rejections: bool) {
    let models = base_models();
    let mut runner = TestRunner::new(RunnerConfig {
        cases: CASES,
        failure_persistence: None,
        ..RunnerConfig::default()
    });
    let mut loaded = 0u32;
    let mut rejected = std::collections::BTreeMap::<&'static str, u32>::new();
    let outcomes = std::cell::RefCell::new((&mut loaded, &mut rejected));
    let result = runner.run(&(0..models.len(), strategy), |(which, mutations)| {
        let mut model = models[which].1.clone();
        for m in &mutations {
            apply_mutation(&mut model, m);
        }
        let outcome = check(&model).map_err(|e| {
            TestCaseError::fail(format!("{} after {mutations:?}: {e}", models[which].0))
        })?;
        let mut outcomes = outcomes.borrow_mut();
        match outcome {
            Outcome::Loaded => *outcomes.0 += 1,
            Outcome::Rejected(kind) => *outcomes.1.entry(kind).or_default() += 1,
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{name}: {failure}");
    }
    println!("loader {name}: {CASES} cases: {loaded} loaded, rejected {rejected:?}");
    if expect_rejections {
        let total: u32 = rejected.values().sum();
        assert!(total >= CASES / 4, "{name}: too few rejections ({total})");
    }
}

fn only(kind: impl Fn(&Mutation) -> bool + 'static) -> BoxedStrategy<Vec<Mutation>> {
    mutation()
        .prop_filter("the mutation kind under test", kind)
        .prop_map(|m| vec![m])
        .boxed()
}

#[test]
fn dropped_keys() {
    run(
        "dropped keys",
        only(|m| matches!(m, Mutation::DropKey { .. })),
        true,
    );
}

#[test]
fn wrong_json_types() {
    run(
        "wrong types",
        only(|m| matches!(m, Mutation::WrongType { .. })),
        true,
    );
}

#[test]
fn dangling_and_malformed_references() {
    run(
        "dangling references",
        only(|m| matches!(m, Mutation::Dangle { .. })),
        true,
    );
}

#[test]
fn cyclic_mixins_conflicting_members_and_bad_applies() {
    run(
        "mixins and apply",
        only(|m| {
            matches!(
                m,
                Mutation::CyclicMixins { .. }
                    | Mutation::MemberOverMixin { .. }
                    | Mutation::BadApply { .. }
            )
        }),
        true,
    );
}

#[test]
fn huge_strings_and_deep_nesting() {
    run(
        "huge strings and deep nesting",
        only(|m| {
            matches!(
                m,
                Mutation::HugeString { .. } | Mutation::DeepNesting { .. }
            )
        }),
        false,
    );
}

#[test]
fn two_mutations_at_once() {
    run(
        "two mutations",
        prop::collection::vec(mutation(), 2).boxed(),
        true,
    );
}

// ------------------------------------------------------------------ fixed cases

fn small_model() -> Value {
    json!({
        "smithy": "2.0",
        "shapes": {
            "example.ns#Thing": {
                "type": "structure",
                "members": {"name": {"target": "smithy.api#String"}}
            }
        }
    })
}

/// Each targeted mutation is rejected with the kind of error that describes it.
#[test]
fn each_attack_gets_its_own_diagnostic() {
    let cases: Vec<(Mutation, &str)> = vec![
        (
            Mutation::CyclicMixins {
                shape: 0,
                length: 2,
            },
            "CyclicMixins",
        ),
        (
            Mutation::CyclicMixins {
                shape: 0,
                length: 1,
            },
            "CyclicMixins",
        ),
        (Mutation::MemberOverMixin { shape: 0 }, "ConflictingMember"),
        (
            Mutation::BadApply {
                shape: 0,
                conflicting: true,
            },
            "ConflictingTrait",
        ),
        (
            Mutation::BadApply {
                shape: 0,
                conflicting: false,
            },
            "UnknownShape",
        ),
    ];
    for (mutation, expected) in cases {
        let mut model = small_model();
        apply_mutation(&mut model, &mutation);
        match check(&model) {
            Ok(Outcome::Rejected(kind)) => assert_eq!(kind, expected, "{mutation:?}"),
            other => panic!("{mutation:?}: expected {expected}, got {other:?}"),
        }
    }
}

/// 10,000 levels of nesting in a trait value: the JSON parser's depth limit turns it into
/// a malformed-JSON diagnostic at the document root, without exhausting the stack.
#[test]
fn ten_thousand_levels_are_malformed_json() {
    let deep = format!("{}\"x\"{}", "[".repeat(10_000), "]".repeat(10_000));
    let text = format!(
        r#"{{"smithy":"2.0","shapes":{{"example.ns#Thing":{{"type":"string","traits":{{"example.ns#deep":{deep}}}}}}}}}"#
    );
    let error = Model::load(&text).expect_err("too deep");
    assert!(
        matches!(error.kind(), LoadErrorKind::MalformedJson { .. }),
        "{error}"
    );
    assert_eq!(error.path(), "$");
    assert!(error.to_string().contains("recursion limit"), "{error}");
}

/// Deep but legal nesting in an unknown trait's value loads, and the value is kept.
#[test]
fn nesting_just_under_the_limit_loads() {
    let mut model = small_model();
    let mut nested = json!("bottom");
    for _ in 0..120 {
        nested = Value::Array(vec![nested]);
    }
    model["shapes"]["example.ns#Thing"]["traits"] = json!({"example.ns#deep": nested});
    match check(&model) {
        Ok(Outcome::Loaded) => {}
        other => panic!("expected the model to load, got {other:?}"),
    }
}

/// A reference with a typo to a shape with a 64 KiB name: the "did you mean" search must
/// not take time quadratic in the name's length.
#[test]
fn a_typo_in_a_huge_name_is_reported_quickly() {
    let huge = "Ab9_".repeat(16_384);
    let model = json!({
        "smithy": "2.0",
        "shapes": {
            format!("example.ns#{huge}"): {"type": "string"},
            "example.ns#Thing": {
                "type": "structure",
                "members": {"name": {"target": format!("example.ns#{huge}x")}}
            }
        }
    });
    let started = Instant::now();
    let error = Model::load(&model.to_string()).expect_err("a dangling reference");
    let took = started.elapsed();
    assert!(
        matches!(error.kind(), LoadErrorKind::UnknownShape { .. }),
        "{error}"
    );
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

/// The helper the location check relies on reads the shape id out of a path.
#[test]
fn shape_ids_are_read_from_paths() {
    assert_eq!(
        shape_in_path(r#"$.shapes["a.b#C$d"].members.x.target"#).as_deref(),
        Some("a.b#C$d")
    );
    assert_eq!(shape_in_path(r#"$.shapes["a#B"]"#).as_deref(), Some("a#B"));
    assert_eq!(shape_in_path("$.smithy"), None);
}
