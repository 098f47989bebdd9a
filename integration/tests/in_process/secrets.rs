//! `@sensitive` values of the checked-in Cognito crate never reach text we produce.
//!
//! The sensitive places (a structure member whose target is `@sensitive`, a list item or map
//! value that is, a sensitive structure, union or enum) are enumerated from the IR
//! (`Generator::lower`), and values are built from JSON generated from the same IR with a
//! marked secret in every sensitive place. For every generated structure this checks that
//! the `Debug` of the value, of its builder, of the enclosing input or output and of the
//! fluent builder never contains a secret, and neither does a validation error about a
//! secret that breaks its constraints, a build error, a response error, or the errors and
//! logs of a whole call. A sensitive member added to the model makes this test fail until
//! the per-type table below covers it.
//!
//! Service messages. A modelled error's `Display` (and `message()`) shows the message the
//! service sent, verbatim: it is the service's own diagnosis and usually the only useful
//! part of the error. We do not try to scrub it: the client cannot know what a service
//! chose to quote, and Cognito's messages do not quote tokens. What we guarantee instead is
//! that no text *we* compose (Debug of values and builders, validation, build, response
//! and transport errors, log events) ever contains a sensitive value, and that the client's
//! log events leave service messages out. `service_messages_are_shown_verbatim` pins this
//! decision, so changing it is a visible, deliberate act.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::path::PathBuf;

use cognito_identity_provider::operation::{
    delete_user_attributes::{
        DeleteUserAttributes, DeleteUserAttributesInput, DeleteUserAttributesOutput,
    },
    get_user::{GetUser, GetUserInput, GetUserOutput},
    get_user_attribute_verification_code::{
        GetUserAttributeVerificationCode, GetUserAttributeVerificationCodeInput,
        GetUserAttributeVerificationCodeOutput,
    },
    update_user_attributes::{
        UpdateUserAttributes, UpdateUserAttributesInput, UpdateUserAttributesOutput,
    },
    verify_user_attribute::{
        VerifyUserAttribute, VerifyUserAttributeInput, VerifyUserAttributeOutput,
    },
};
use cognito_identity_provider::types::{AttributeType, CodeDeliveryDetailsType, MfaOptionType};
use serde_json::{json, Map, Value};
use smithy_codegen::ir::{CrateIr, FieldIr, NamedKind, RustType, StructIr, TypeIr};
use smithy_codegen::model::Model;
use smithy_codegen::Generator;
use smithy_runtime::client::{Config, InMemoryTransport, RetryConfig};
use smithy_runtime::error::{BuildError, ProvideErrorMetadata, SdkError};
use smithy_runtime::http;
use smithy_runtime::json::{FromJson, ToJson};
use smithy_runtime::operation::Operation;
use smithy_runtime::validation::Validate;

/// Every secret this test plants contains this; no text we check may.
const MARK: &str = "TOPSECRET";

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the integration crate sits inside the workspace")
        .to_path_buf()
}

const OPERATIONS: [&str; 5] = [
    "DeleteUserAttributes",
    "GetUser",
    "GetUserAttributeVerificationCode",
    "UpdateUserAttributes",
    "VerifyUserAttribute",
];

fn crate_ir() -> CrateIr {
    let text =
        std::fs::read_to_string(workspace_root().join("models/cognito-identity-provider.json"))
            .expect("read the Cognito model");
    let model = Model::load(&text).unwrap_or_else(|e| panic!("load the Cognito model: {e}"));
    Generator::new(model)
        .operations(OPERATIONS)
        .lower()
        .unwrap_or_else(|e| panic!("lower the Cognito model: {e}"))
}

fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(MARK), "a secret leaked into {what}:\n{text}");
}

// ------------------------------------------------------------------ the IR's view

/// Every structure of the crate: data types, inputs, outputs and errors, by Rust name.
fn all_structs(ir: &CrateIr) -> BTreeMap<String, &StructIr> {
    let mut out = BTreeMap::new();
    for ty in ir.types.values() {
        if let TypeIr::Struct(s) = ty {
            out.insert(s.name.clone(), s);
        }
    }
    for op in &ir.operations {
        out.insert(op.input.name.clone(), &op.input);
        out.insert(op.output.name.clone(), &op.output);
    }
    for error in ir.errors.values() {
        out.insert(error.name.clone(), error);
    }
    out
}

/// Whether a value of `ty` holds a sensitive value anywhere inside.
fn holds_secret(ir: &CrateIr, ty: &RustType, seen: &mut BTreeSet<String>) -> bool {
    match ty {
        RustType::List {
            item,
            item_sensitive,
            ..
        } => *item_sensitive || holds_secret(ir, item, seen),
        RustType::Map {
            value,
            value_sensitive,
            ..
        } => *value_sensitive || holds_secret(ir, value, seen),
        RustType::Named { id, .. } => {
            if !seen.insert(id.to_string()) {
                return false;
            }
            match ir.types.get(id) {
                Some(TypeIr::Struct(s)) => struct_holds_secret(ir, s, seen),
                Some(TypeIr::Union(u)) => {
                    u.sensitive
                        || u.variants.iter().any(|v| {
                            v.sensitive || v.ty.as_ref().is_some_and(|t| holds_secret(ir, t, seen))
                        })
                }
                Some(TypeIr::Enum(e)) | Some(TypeIr::IntEnum(e)) => e.sensitive,
                None => false,
            }
        }
        _ => false,
    }
}

fn struct_holds_secret(ir: &CrateIr, s: &StructIr, seen: &mut BTreeSet<String>) -> bool {
    s.sensitive
        || s.fields
            .iter()
            .any(|f| f.sensitive || holds_secret(ir, &f.ty, seen))
}

/// `Type.Member` for every member that is itself sensitive or holds a sensitive value.
fn sensitive_places(ir: &CrateIr) -> BTreeSet<String> {
    let mut places = BTreeSet::new();
    for (name, s) in all_structs(ir) {
        for field in &s.fields {
            if s.sensitive || field.sensitive || holds_secret(ir, &field.ty, &mut BTreeSet::new()) {
                places.insert(format!("{name}.{}", field.member));
            }
        }
    }
    places
}

// ------------------------------------------------------------------ JSON with secrets

/// How planted secrets look.
#[derive(Clone, Copy, PartialEq)]
enum Secrets {
    /// Short and alphanumeric, so they fit the usual patterns and lengths.
    Fitting,
    /// With spaces, punctuation and padding past any `@length` maximum, so validation
    /// has something to say about them.
    Breaking,
}

struct Sampler<'a> {
    ir: &'a CrateIr,
    secrets: Secrets,
    planted: usize,
}

impl Sampler<'_> {
    fn secret(&mut self, max_len: Option<u64>) -> Value {
        self.planted += 1;
        let mut text = format!("{MARK}{}", self.planted);
        if self.secrets == Secrets::Breaking {
            text.push_str(" !\n");
            let target = max_len.map_or(0, |max| max as usize + 1);
            while text.chars().count() < target {
                text.push('x');
            }
        }
        Value::String(text)
    }

    /// A value of `ty`; `sensitive` when the value itself must be secret.
    fn value(
        &mut self,
        ty: &RustType,
        sensitive: bool,
        max_len: Option<u64>,
        depth: usize,
    ) -> Value {
        if sensitive {
            return match ty {
                RustType::String => self.secret(max_len),
                RustType::Named {
                    kind: NamedKind::Enum,
                    ..
                } => self.secret(max_len),
                RustType::List { .. } | RustType::Map { .. } | RustType::Named { .. } => {
                    // A sensitive aggregate: its contents are planted as secrets below.
                    self.aggregate(ty, true, depth)
                }
                other => panic!(
                    "no way to plant a marked secret in a sensitive {other:?}; extend this test"
                ),
            };
        }
        match ty {
            RustType::String | RustType::BigNumber => json!("plain"),
            RustType::Bool => json!(true),
            RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => json!(1),
            RustType::F32 | RustType::F64 => json!(1.5),
            RustType::Blob => json!("cGxhaW4="),
            RustType::Timestamp(_) => json!(1_700_000_000),
            RustType::Document => json!({"plain": true}),
            _ => self.aggregate(ty, false, depth),
        }
    }

    fn aggregate(&mut self, ty: &RustType, sensitive: bool, depth: usize) -> Value {
        match ty {
            RustType::List {
                item,
                item_sensitive,
                item_constraints,
                ..
            } => {
                let max = item_constraints.length.and_then(|(_, max)| max);
                let items: Vec<Value> = (0..2)
                    .map(|_| self.value(item, sensitive || *item_sensitive, max, depth + 1))
                    .collect();
                Value::Array(items)
            }
            RustType::Map {
                value,
                value_sensitive,
                value_constraints,
                ..
            } => {
                let max = value_constraints.length.and_then(|(_, max)| max);
                let mut map = Map::new();
                map.insert(
                    "plainkey".to_owned(),
                    self.value(value, sensitive || *value_sensitive, max, depth + 1),
                );
                Value::Object(map)
            }
            RustType::Named { id, .. } => match self.ir.types.get(id) {
                Some(TypeIr::Struct(s)) if depth < 6 => self.structure(s, sensitive, depth + 1),
                Some(TypeIr::Struct(_)) => json!({}),
                Some(TypeIr::Enum(e)) => {
                    if sensitive || e.sensitive {
                        self.secret(None)
                    } else {
                        json!(e
                            .values
                            .first()
                            .map(|v| v.string.clone())
                            .unwrap_or_default())
                    }
                }
                Some(TypeIr::IntEnum(e)) => json!(e.values.first().map_or(0, |v| v.int)),
                Some(TypeIr::Union(u)) => {
                    let mut map = Map::new();
                    if let Some(variant) = u.variants.first() {
                        let value = match &variant.ty {
                            Some(t) => self.value(
                                t,
                                sensitive || u.sensitive || variant.sensitive,
                                variant.constraints.length.and_then(|(_, max)| max),
                                depth + 1,
                            ),
                            None => json!({}),
                        };
                        map.insert(variant.member.clone(), value);
                    }
                    Value::Object(map)
                }
                None => json!({}),
            },
            other => self.value(other, sensitive, None, depth),
        }
    }

    /// Every member of `s` set; sensitive ones (and everything inside a sensitive
    /// structure) secret.
    fn structure(&mut self, s: &StructIr, sensitive: bool, depth: usize) -> Value {
        let mut map = Map::new();
        for field in &s.fields {
            let max = field.constraints.length.and_then(|(_, max)| max);
            let value = self.field(field, sensitive || s.sensitive, max, depth);
            map.insert(field.member.clone(), value);
        }
        Value::Object(map)
    }

    fn field(&mut self, field: &FieldIr, sensitive: bool, max: Option<u64>, depth: usize) -> Value {
        self.value(&field.ty, sensitive || field.sensitive, max, depth)
    }
}

fn sample(ir: &CrateIr, s: &StructIr, secrets: Secrets) -> (Value, usize) {
    let mut sampler = Sampler {
        ir,
        secrets,
        planted: 0,
    };
    let value = sampler.structure(s, false, 0);
    (value, sampler.planted)
}

// ------------------------------------------------------------------ per-type probes

/// What checking one structure type found.
type ProbeFn = fn(&CrateIr, &StructIr) -> Vec<String>;

/// Checks one type: the value, its builder (rebuilt through the public setters from the
/// value's accessors, so a member the rebuild misses shows up as an inequality), and
/// validation of a secret that breaks its constraints.
fn probe<T, B>(
    ir: &CrateIr,
    s: &StructIr,
    rebuild: impl Fn(&T) -> B,
    build: impl Fn(B) -> Result<T, BuildError>,
) -> Vec<String>
where
    T: FromJson + ToJson + Debug + PartialEq + Validate,
    B: Debug,
{
    let mut problems = Vec::new();
    for secrets in [Secrets::Fitting, Secrets::Breaking] {
        let (json, planted) = sample(ir, s, secrets);
        let value = match T::from_json(&json) {
            Ok(value) => value,
            Err(e) => {
                problems.push(format!("{}: the sample does not parse: {e}", s.name));
                continue;
            }
        };
        let written = value.to_json().to_string();
        if planted > 0 && !written.contains(MARK) {
            problems.push(format!("{}: the planted secrets did not arrive", s.name));
        }
        for (what, text) in [
            ("Debug", format!("{value:?}")),
            ("pretty Debug", format!("{value:#?}")),
        ] {
            if text.contains(MARK) {
                problems.push(format!("{}: {what} shows a secret: {text}", s.name));
            }
        }
        let builder = rebuild(&value);
        let text = format!("{builder:?} {builder:#?}");
        if text.contains(MARK) {
            problems.push(format!(
                "{}: the builder's Debug shows a secret: {text}",
                s.name
            ));
        }
        match build(builder) {
            Ok(rebuilt) if rebuilt == value => {}
            Ok(_) => problems.push(format!(
                "{}: the builder probe does not set every member; update it in this file",
                s.name
            )),
            Err(e) => problems.push(format!("{}: the builder probe failed: {e}", s.name)),
        }
        if let Err(error) = value.validate() {
            let text = format!("{error} {error:?}");
            if text.contains(MARK) {
                problems.push(format!(
                    "{}: a validation error shows a secret: {text}",
                    s.name
                ));
            }
        }
    }
    problems
}

/// The members with a secret that breaks a `@length` or `@pattern` must be reported by
/// validation (so the redaction check above actually saw a violation about them).
fn breaking_secrets_are_reported<T: FromJson + Validate>(s: &StructIr) -> Vec<String> {
    let constrained: Vec<&FieldIr> = s
        .fields
        .iter()
        .filter(|f| {
            f.sensitive
                && matches!(f.ty, RustType::String)
                && (f.constraints.pattern.is_some()
                    || f.constraints.length.is_some_and(|(_, max)| max.is_some()))
        })
        .collect();
    if constrained.is_empty() {
        return Vec::new();
    }
    let ir = crate_ir();
    let (json, _) = sample(&ir, s, Secrets::Breaking);
    let value = T::from_json(&json).expect("the sample parses");
    let paths: Vec<String> = match value.validate() {
        Ok(()) => Vec::new(),
        Err(error) => error
            .violations()
            .iter()
            .map(|v| v.path().to_owned())
            .collect(),
    };
    constrained
        .iter()
        .filter(|f| !paths.iter().any(|p| p == &f.member))
        .map(|f| {
            format!(
                "{}.{}: a secret breaking its constraints was not reported (violations at {paths:?})",
                s.name, f.member
            )
        })
        .collect()
}

fn owned<T: Clone>(items: &[T]) -> Vec<T> {
    items.to_vec()
}

/// One entry per structure type of the crate (errors are checked through `deserialize`).
fn probes() -> BTreeMap<&'static str, ProbeFn> {
    let mut table: BTreeMap<&'static str, ProbeFn> = BTreeMap::new();
    table.insert("AttributeType", |ir, s| {
        let mut problems = probe(
            ir,
            s,
            |v: &AttributeType| {
                AttributeType::builder()
                    .name(v.name())
                    .set_value(v.value().map(str::to_owned))
            },
            |b| b.build(),
        );
        problems.extend(breaking_secrets_are_reported::<AttributeType>(s));
        problems
    });
    table.insert("CodeDeliveryDetailsType", |ir, s| {
        probe(
            ir,
            s,
            |v: &CodeDeliveryDetailsType| {
                CodeDeliveryDetailsType::builder()
                    .set_destination(v.destination().map(str::to_owned))
                    .set_delivery_medium(v.delivery_medium().cloned())
                    .set_attribute_name(v.attribute_name().map(str::to_owned))
            },
            |b| Ok(b.build()),
        )
    });
    table.insert("MfaOptionType", |ir, s| {
        probe(
            ir,
            s,
            |v: &MfaOptionType| {
                MfaOptionType::builder()
                    .set_delivery_medium(v.delivery_medium().cloned())
                    .set_attribute_name(v.attribute_name().map(str::to_owned))
            },
            |b| Ok(b.build()),
        )
    });
    table.insert("DeleteUserAttributesInput", |ir, s| {
        let mut problems = probe(
            ir,
            s,
            |v: &DeleteUserAttributesInput| {
                DeleteUserAttributesInput::builder()
                    .set_user_attribute_names(Some(owned(v.user_attribute_names())))
                    .access_token(v.access_token())
            },
            |b| b.build(),
        );
        problems.extend(breaking_secrets_are_reported::<DeleteUserAttributesInput>(
            s,
        ));
        problems
    });
    table.insert("DeleteUserAttributesOutput", |ir, s| {
        probe(
            ir,
            s,
            |_: &DeleteUserAttributesOutput| DeleteUserAttributesOutput::builder(),
            |b| Ok(b.build()),
        )
    });
    table.insert("GetUserInput", |ir, s| {
        let mut problems = probe(
            ir,
            s,
            |v: &GetUserInput| GetUserInput::builder().access_token(v.access_token()),
            |b| b.build(),
        );
        problems.extend(breaking_secrets_are_reported::<GetUserInput>(s));
        problems
    });
    table.insert("GetUserOutput", |ir, s| {
        let mut problems = probe(
            ir,
            s,
            |v: &GetUserOutput| {
                GetUserOutput::builder()
                    .username(v.username())
                    .set_user_attributes(Some(owned(v.user_attributes())))
                    .set_mfa_options(v.mfa_options().map(owned))
                    .set_preferred_mfa_setting(v.preferred_mfa_setting().map(str::to_owned))
                    .set_user_mfa_setting_list(v.user_mfa_setting_list().map(owned))
            },
            |b| b.build(),
        );
        problems.extend(breaking_secrets_are_reported::<GetUserOutput>(s));
        problems
    });
    table.insert("GetUserAttributeVerificationCodeInput", |ir, s| {
        let mut problems = probe(
            ir,
            s,
            |v: &GetUserAttributeVerificationCodeInput| {
                GetUserAttributeVerificationCodeInput::builder()
                    .access_token(v.access_token())
                    .attribute_name(v.attribute_name())
                    .set_client_metadata(v.client_metadata().cloned())
            },
            |b| b.build(),
        );
        problems.extend(breaking_secrets_are_reported::<
            GetUserAttributeVerificationCodeInput,
        >(s));
        problems
    });
    table.insert("GetUserAttributeVerificationCodeOutput", |ir, s| {
        probe(
            ir,
            s,
            |v: &GetUserAttributeVerificationCodeOutput| {
                GetUserAttributeVerificationCodeOutput::builder()
                    .set_code_delivery_details(v.code_delivery_details().cloned())
            },
            |b| Ok(b.build()),
        )
    });
    table.insert("UpdateUserAttributesInput", |ir, s| {
        let mut problems = probe(
            ir,
            s,
            |v: &UpdateUserAttributesInput| {
                UpdateUserAttributesInput::builder()
                    .set_user_attributes(Some(owned(v.user_attributes())))
                    .access_token(v.access_token())
                    .set_client_metadata(v.client_metadata().cloned())
            },
            |b| b.build(),
        );
        problems.extend(breaking_secrets_are_reported::<UpdateUserAttributesInput>(
            s,
        ));
        problems
    });
    table.insert("UpdateUserAttributesOutput", |ir, s| {
        probe(
            ir,
            s,
            |v: &UpdateUserAttributesOutput| {
                UpdateUserAttributesOutput::builder()
                    .set_code_delivery_details_list(v.code_delivery_details_list().map(owned))
            },
            |b| Ok(b.build()),
        )
    });
    table.insert("VerifyUserAttributeInput", |ir, s| {
        let mut problems = probe(
            ir,
            s,
            |v: &VerifyUserAttributeInput| {
                VerifyUserAttributeInput::builder()
                    .access_token(v.access_token())
                    .attribute_name(v.attribute_name())
                    .code(v.code())
            },
            |b| b.build(),
        );
        problems.extend(breaking_secrets_are_reported::<VerifyUserAttributeInput>(s));
        problems
    });
    table.insert("VerifyUserAttributeOutput", |ir, s| {
        probe(
            ir,
            s,
            |_: &VerifyUserAttributeOutput| VerifyUserAttributeOutput::builder(),
            |b| Ok(b.build()),
        )
    });
    table
}

// ------------------------------------------------------------------ the tests

/// The sensitive places this crate has today, as the IR reports them. Kept as a list so
/// the test fails loudly, naming the new place, when the model gains one; the fix is to
/// make sure the per-type table covers the type and then add the place here.
const KNOWN_SENSITIVE_PLACES: &[&str] = &[
    "AttributeType.Value",
    "DeleteUserAttributesInput.AccessToken",
    "GetUserAttributeVerificationCodeInput.AccessToken",
    "GetUserInput.AccessToken",
    "GetUserOutput.UserAttributes",
    "GetUserOutput.Username",
    "UpdateUserAttributesInput.AccessToken",
    "UpdateUserAttributesInput.UserAttributes",
    "VerifyUserAttributeInput.AccessToken",
];

#[test]
fn the_ir_lists_the_known_sensitive_places() {
    let ir = crate_ir();
    let found = sensitive_places(&ir);
    let known: BTreeSet<String> = KNOWN_SENSITIVE_PLACES
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        found, known,
        "the sensitive places changed: check that `probes()` covers their types, then update \
         KNOWN_SENSITIVE_PLACES"
    );
}

#[test]
fn every_structure_has_a_probe_and_no_debug_shows_a_secret() {
    let ir = crate_ir();
    let table = probes();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (name, s) in all_structs(&ir) {
        if matches!(s.role, smithy_codegen::ir::StructRole::Error { .. }) {
            // Errors are read from responses; see `modelled_errors_keep_secrets_out`.
            continue;
        }
        match table.get(name.as_str()) {
            Some(check) => {
                problems.extend(check(&ir, s));
                checked += 1;
            }
            None => problems.push(format!("{name}: no probe; add one to `probes()`")),
        }
    }
    for name in table.keys() {
        if !all_structs(&ir).contains_key(*name) {
            problems.push(format!("{name}: probe for a type the crate no longer has"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked >= 13, "only {checked} structures checked");
}

/// Errors carry metadata and members read from the body. Any sensitive member of an error
/// structure must be redacted in its `Debug`; the service's message is the service's words
/// and is shown (see the module docs), so it is kept free of secrets here.
#[test]
fn modelled_errors_keep_secrets_out() {
    let ir = crate_ir();
    let mut checked = 0;
    for op in &ir.operations {
        for listed in &op.errors {
            let error = &ir.errors[&listed.shape];
            let (mut body, _) = sample(&ir, error, Secrets::Fitting);
            if let Some(object) = body.as_object_mut() {
                // Message members are the service's words; keep them plain here.
                for key in ["message", "Message"] {
                    if object.contains_key(key) {
                        object.insert(key.to_owned(), json!("plain words"));
                    }
                }
            }
            let response = http::Response::builder()
                .status(400)
                .header("x-amzn-errortype", error.wire_name.as_str())
                .header("x-amzn-requestid", "req-1")
                .body(body.to_string().into_bytes())
                .unwrap();
            let text = match op.name.as_str() {
                "DeleteUserAttributes" => describe::<DeleteUserAttributes>(&response),
                "GetUser" => describe::<GetUser>(&response),
                "GetUserAttributeVerificationCode" => {
                    describe::<GetUserAttributeVerificationCode>(&response)
                }
                "UpdateUserAttributes" => describe::<UpdateUserAttributes>(&response),
                "VerifyUserAttribute" => describe::<VerifyUserAttribute>(&response),
                other => panic!("{other}: add the operation to this match"),
            };
            assert!(
                text.starts_with(&error.wire_name),
                "{}: {} was not recognised: {text}",
                op.name,
                error.wire_name
            );
            assert_clean(&format!("{} {}", op.name, error.wire_name), &text);
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} operation errors checked");
}

/// The `Display`, then `Debug`, of what `deserialize` gives for `response`.
fn describe<O>(response: &http::Response<Vec<u8>>) -> String
where
    O: Operation,
    O::Output: Debug,
    O::Error: Debug + std::fmt::Display,
{
    match O::deserialize(response) {
        Ok(output) => format!("output {output:?}"),
        Err(SdkError::Service(error)) => format!("{error} {error:?}"),
        Err(other) => format!("not a service error: {other:?}"),
    }
}

/// A response whose body puts a secret where the model wants another type: the response
/// error says what was wrong and where, never what the value was.
#[test]
fn response_errors_do_not_quote_the_body() {
    let bodies = [
        format!(r#"{{"Username":["{MARK}1"]}}"#),
        format!(
            r#"{{"Username":"u","UserAttributes":[{{"Name":"email","Value":{{"{MARK}2":1}}}}]}}"#
        ),
        format!(r#"{{"UserAttributes":{{"{MARK}3":[1]}}}}"#),
        format!(r#"{{"Username":"{MARK}4"#),
        format!(r#"{{"Username":"{MARK}5",]"#),
    ];
    for body in bodies {
        let response = http::Response::builder()
            .status(200)
            .body(body.clone().into_bytes())
            .unwrap();
        match GetUser::deserialize(&response) {
            Err(SdkError::Response(error)) => {
                assert_clean(
                    &format!("the response error for {body}"),
                    &format!("{error} {error:?}"),
                );
            }
            other => panic!("{body}: expected a response error, got {other:?}"),
        }
    }
}

/// A builder missing a required member names the member, not any value already set.
#[test]
fn build_errors_name_members_not_values() {
    let error = AttributeType::builder()
        .value(format!("{MARK}-value"))
        .build()
        .expect_err("Name is required");
    assert_clean("a build error", &format!("{error} {error:?}"));
    assert_eq!(error.member(), "Name");
    let error = UpdateUserAttributesInput::builder()
        .user_attributes(
            AttributeType::builder()
                .name("email")
                .value(format!("{MARK}-v"))
                .build()
                .unwrap(),
        )
        .build()
        .expect_err("AccessToken is required");
    assert_clean("a build error", &format!("{error} {error:?}"));
}

fn client(transport: InMemoryTransport) -> cognito_identity_provider::Client {
    let config = Config::builder()
        .endpoint_url("http://127.0.0.1:9")
        .retry(RetryConfig::disabled())
        .http_transport(transport)
        .build()
        .expect("a valid config");
    cognito_identity_provider::Client::new(config)
}

/// Whole calls: the fluent builder, the validation error for a token that breaks its
/// pattern, and a service error that does not echo the token: none shows the token.
#[tokio::test]
async fn whole_calls_keep_the_token_out_of_errors() {
    let token = format!("{MARK}-token with spaces");
    let transport = InMemoryTransport::new();
    let client = client(transport.clone());

    let fluent = client.get_user().access_token(token.clone());
    assert_clean(
        "a fluent builder's Debug",
        &format!("{fluent:?} {fluent:#?}"),
    );
    let error = fluent
        .send()
        .await
        .expect_err("the token breaks its pattern");
    assert!(matches!(error, SdkError::Validation(_)), "{error:?}");
    assert_clean("a validation error", &format!("{error} {error:?}"));
    assert_eq!(transport.request_count(), 0, "nothing may be sent");

    transport.push_response(
        http::Response::builder()
            .status(400)
            .header("x-amzn-errortype", "NotAuthorizedException")
            .body(br#"{"message":"Invalid Access Token"}"#.to_vec())
            .unwrap(),
    );
    let error = client
        .update_user_attributes()
        .access_token(format!("{MARK}token"))
        .user_attributes(
            AttributeType::builder()
                .name("email")
                .value(format!("{MARK}@example.com"))
                .build()
                .unwrap(),
        )
        .send()
        .await
        .expect_err("the service said no");
    assert_eq!(
        error.as_service_error().and_then(|e| e.code()),
        Some("NotAuthorizedException")
    );
    assert_clean("a service error", &format!("{error} {error:?}"));
    let service: cognito_identity_provider::Error = error.into();
    assert_clean("the service-wide error", &format!("{service} {service:?}"));

    // The request itself carries the token, as it must.
    let sent = transport.requests();
    assert_eq!(sent.len(), 1);
    assert!(String::from_utf8_lossy(sent[0].body()).contains(MARK));
}

/// The decision documented at the top: a service message is shown as the service wrote
/// it, even when it quotes something sensitive, because only the service knows what it
/// means; the code, status and request id are always available without it.
#[test]
fn service_messages_are_shown_verbatim() {
    let response = http::Response::builder()
        .status(400)
        .header("x-amzn-errortype", "NotAuthorizedException")
        .body(format!(r#"{{"message":"Invalid token {MARK}-echoed"}}"#).into_bytes())
        .unwrap();
    let error = GetUser::deserialize(&response)
        .expect_err("an error status")
        .into_service_error()
        .expect("a service error");
    assert_eq!(
        error.message(),
        Some(format!("Invalid token {MARK}-echoed").as_str())
    );
    assert_eq!(
        error.to_string(),
        format!("NotAuthorizedException: Invalid token {MARK}-echoed")
    );
    assert_eq!(error.code(), Some("NotAuthorizedException"));
}
