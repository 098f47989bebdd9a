//! Hostile responses fed to the `deserialize` of every operation in the checked-in
//! Cognito crate.
//!
//! Bodies are arbitrary bytes, arbitrary JSON, and JSON shaped after the operation's output
//! or error structures (taken from the IR, so new members are covered without editing this
//! file) with wrong types, huge numbers, odd strings, duplicate keys and deep nesting mixed
//! in; statuses and headers (`x-amzn-errortype`, `x-amzn-requestid`, …) are arbitrary too.
//!
//! For every case:
//! * nothing panics;
//! * the result is one of the documented outcomes (an output for a 2xx, a service error
//!   for anything else, or a response error naming the status) and carries the status;
//! * nesting is bounded: serde_json stops past 127 levels and the runtime turns that into
//!   a typed `DeserializeError` (a 10,000-deep document is checked separately);
//! * memory stays proportional to the input: a counting allocator measures the peak
//!   number of live bytes allocated while `deserialize` runs.
//!
//! 100,000 cases in all: 10,000 for each of the 5 operations × (2xx, non-2xx).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{Debug, Display};
use std::path::PathBuf;

use cognito_identity_provider::operation::{
    delete_user_attributes::DeleteUserAttributes, get_user::GetUser,
    get_user_attribute_verification_code::GetUserAttributeVerificationCode,
    update_user_attributes::UpdateUserAttributes, verify_user_attribute::VerifyUserAttribute,
};
use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, TestCaseError, TestRunner};
use smithy_codegen::ir::{CrateIr, FieldIr, NamedKind, RustType, StructIr, TypeIr};
use smithy_codegen::model::Model;
use smithy_codegen::Generator;
use smithy_runtime::error::{ProvideErrorMetadata, ProvideResponseMetadata, SdkError};
use smithy_runtime::http;
use smithy_runtime::operation::Operation;

/// Cases per (operation, success-or-error) pair; 5 × 2 × 10,000 = 100,000 in all.
const CASES_PER_PROPERTY: u32 = 10_000;

/// The deepest nesting a body may have (the root is level 1): serde_json's limit, which
/// `smithy_runtime::json::parse_body` relies on.
const JSON_DEPTH_LIMIT: usize = smithy_runtime::json::MAX_DEPTH;

// ------------------------------------------------------------------ allocation accounting

/// The system allocator, counting per thread the bytes currently allocated and the peak
/// since the last [`reset_peak`]. Each test runs on its own thread, so the numbers of one
/// `deserialize` call are not disturbed by tests running in parallel.
struct CountingAllocator;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn note_alloc(size: usize) {
    // `try_with` so allocations during thread teardown are simply not counted.
    let _ = LIVE.try_with(|live| {
        let now = live.get() + size as isize;
        live.set(now);
        let _ = PEAK.try_with(|peak| {
            if now > peak.get() {
                peak.set(now);
            }
        });
    });
}

fn note_dealloc(size: usize) {
    let _ = LIVE.try_with(|live| live.set(live.get() - size as isize));
}

// SAFETY: every call is forwarded unchanged to `System`; the bookkeeping uses
// const-initialised thread locals, which never allocate.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_alloc(layout.size());
        // SAFETY: same contract as our caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_alloc(layout.size());
        // SAFETY: same contract as our caller's.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note_dealloc(layout.size());
        // SAFETY: same contract as our caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_dealloc(layout.size());
        note_alloc(new_size);
        // SAFETY: same contract as our caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Runs `f` and returns its result with the peak of extra live bytes it needed.
fn measure<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let start = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(start));
    let out = f();
    let peak = PEAK.with(Cell::get);
    (out, (peak - start).max(0) as usize)
}

/// The most `deserialize` may hold at once for a body of `len` bytes: a fixed allowance
/// plus a generous constant factor (a parsed `serde_json::Value` node is about 80 bytes and
/// the smallest JSON value is one byte). Anything sized by a number *in* the input, rather
/// than by the input's length, breaks this at once.
fn allocation_budget(len: usize) -> usize {
    256 * 1024 + 256 * len
}

// ------------------------------------------------------------------ the operations

/// How one call of `deserialize` ended, reduced to what the properties look at.
#[derive(Debug)]
enum Outcome {
    Output,
    Service { display: String },
    Response,
}

/// Calls `O::deserialize` and checks the outcome against the documented contract.
fn run_operation<O>(response: &http::Response<Vec<u8>>) -> Result<(Outcome, usize), String>
where
    O: Operation,
    O::Output: Debug,
    O::Error: Debug + Display,
{
    let status = response.status().as_u16();
    let (result, peak) = measure(|| O::deserialize(response));
    let outcome = match result {
        Ok(output) => {
            if !(200..300).contains(&status) {
                return Err(format!("HTTP {status} gave an output: {output:?}"));
            }
            let meta = output.response_metadata();
            if meta.http_status() != Some(status) {
                return Err(format!("output metadata lost the status: {meta:?}"));
            }
            let _ = format!("{output:?}");
            Outcome::Output
        }
        Err(SdkError::Service(error)) => {
            if (200..300).contains(&status) {
                return Err(format!("HTTP {status} gave a service error: {error:?}"));
            }
            if error.http_status() != Some(status) {
                return Err(format!("service error lost the status: {error:?}"));
            }
            let _ = format!("{error:?}");
            Outcome::Service {
                display: error.to_string(),
            }
        }
        Err(SdkError::Response(error)) => {
            if error.http_status() != status {
                return Err(format!("response error lost the status: {error:?}"));
            }
            if error.to_string().is_empty() {
                return Err("a response error with an empty message".to_owned());
            }
            Outcome::Response
        }
        Err(other) => {
            return Err(format!(
                "deserialize may only give an output, a service error or a response error, \
                 got {other:?}"
            ))
        }
    };
    Ok((outcome, peak))
}

type Deserialize = fn(&http::Response<Vec<u8>>) -> Result<(Outcome, usize), String>;

/// Every operation of the checked-in crate, by model name.
fn operations() -> Vec<(&'static str, Deserialize)> {
    vec![
        (
            "DeleteUserAttributes",
            run_operation::<DeleteUserAttributes> as Deserialize,
        ),
        ("GetUser", run_operation::<GetUser>),
        (
            "GetUserAttributeVerificationCode",
            run_operation::<GetUserAttributeVerificationCode>,
        ),
        ("UpdateUserAttributes", run_operation::<UpdateUserAttributes>),
        ("VerifyUserAttribute", run_operation::<VerifyUserAttribute>),
    ]
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the integration crate sits inside the workspace")
        .to_path_buf()
}

/// The IR of the checked-in crate, lowered from the same model and operations.
fn crate_ir() -> CrateIr {
    let root = workspace_root();
    let text = std::fs::read_to_string(root.join("models/cognito-identity-provider.json"))
        .expect("read the Cognito model");
    let model = Model::load(&text).unwrap_or_else(|e| panic!("load the Cognito model: {e}"));
    let names: Vec<&str> = operations().iter().map(|(name, _)| *name).collect();
    Generator::new(model)
        .operations(names)
        .lower()
        .unwrap_or_else(|e| panic!("lower the Cognito model: {e}"))
}

/// The test's operation table must match the generated crate's modules, so an operation
/// added to `codegen.toml` cannot escape these tests.
#[test]
fn every_generated_operation_is_covered() {
    let modules = std::fs::read_to_string(
        workspace_root().join("generated/cognito-identity-provider/src/operation/mod.rs"),
    )
    .expect("read the operation module list");
    let generated: BTreeSet<String> = modules
        .lines()
        .filter_map(|line| line.trim().strip_prefix("pub mod "))
        .map(|rest| rest.trim_end_matches(';').to_owned())
        .collect();
    let ir = crate_ir();
    let covered: BTreeSet<String> = ir.operations.iter().map(|op| op.module.clone()).collect();
    assert_eq!(
        generated, covered,
        "add the new operation to `operations()` in this file"
    );
}

// ------------------------------------------------------------------ JSON with raw text

/// A JSON document written by hand, so numbers can be any literal (`1e999999`, 400
/// digits), keys can repeat and nesting can be pasted in raw.
#[derive(Debug, Clone)]
enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
    /// Text pasted as is (deep nesting, invalid escapes).
    Raw(String),
}

impl Json {
    fn render(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(text) | Json::Raw(text) => out.push_str(text),
            Json::String(text) => out.push_str(&serde_json::to_string(text).unwrap()),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.render(out);
                }
                out.push(']');
            }
            Json::Object(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(key).unwrap());
                    out.push(':');
                    value.render(out);
                }
                out.push('}');
            }
        }
    }

    fn to_text(&self) -> String {
        let mut out = String::new();
        self.render(&mut out);
        out
    }
}

fn number() -> BoxedStrategy<Json> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| format!("{f:?}")),
        "-?[1-9][0-9]{19,400}",
        "-?[0-9]\\.[0-9]{1,20}[eE][+-]?[0-9]{1,7}",
        prop::sample::select(vec![
            "0",
            "-0",
            "1e999999",
            "-1e999999",
            "1e-999999",
            "18446744073709551616",
            "-9223372036854775809",
            "9223372036854775807",
            "2147483648",
            "1.7976931348623157e309",
            "4.9e-325",
            "0.0000000000000000000000000000000000000000001",
        ])
        .prop_map(str::to_owned),
    ]
    .prop_map(Json::Number)
    .boxed()
}

fn string() -> BoxedStrategy<String> {
    prop_oneof![
        "[A-Za-z0-9_:.@+ -]{0,24}",
        ".{0,24}",
        // Characters JSON must escape, and some that tempt naive code.
        "[\\x00-\\x1f\"\\\\/\u{7f}\u{80}\u{2028}\u{fffd}\u{1f600}]{0,12}",
        prop::sample::select(vec![
            "NaN",
            "Infinity",
            "-Infinity",
            "SMS",
            "EMAIL",
            "email",
            "phone_number",
            "dGVzdA==",
            "%%%",
        ])
        .prop_map(str::to_owned),
    ]
    .boxed()
}

/// Nesting pasted as text: arrays, objects or both, closed or cut off, shallower or deeper
/// than the parser's limit.
fn deep_nesting() -> BoxedStrategy<Json> {
    (
        JSON_DEPTH_LIMIT - 8..JSON_DEPTH_LIMIT + 64,
        0u8..3,
        any::<bool>(),
    )
        .prop_map(|(depth, style, closed)| {
            let (open, close) = match style {
                0 => ("[", "]"),
                1 => ("{\"a\":", "}"),
                _ => ("[{\"Name\":", "}]"),
            };
            let mut text = open.repeat(depth);
            text.push('1');
            if closed {
                text.push_str(&close.repeat(depth));
            }
            Json::Raw(text)
        })
        .boxed()
}

/// Text that is not quite JSON: lone surrogates, bad escapes, stray tokens.
fn broken_token() -> BoxedStrategy<Json> {
    prop::sample::select(vec![
        "\"\\ud800\"",
        "\"\\udfff\\ud800\"",
        "\"\\x41\"",
        "\"\\u12\"",
        "01",
        "+1",
        ".5",
        "1.",
        "1e",
        "--1",
        "NaN",
        "Infinity",
        "tru",
        "nul",
        "\"unterminated",
        "[1,]",
        "{\"a\":1,}",
        "{,}",
        "'single'",
    ])
    .prop_map(|text| Json::Raw(text.to_owned()))
    .boxed()
}

/// Any JSON value; keys are drawn from `keys` (real member names) or made up.
fn any_json(keys: Vec<String>) -> BoxedStrategy<Json> {
    let key = prop_oneof![3 => prop::sample::select(keys), 1 => string()];
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        number(),
        string().prop_map(Json::String),
    ];
    leaf.prop_recursive(6, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
            prop::collection::vec((key.clone(), inner), 0..6).prop_map(Json::Object),
        ]
    })
    .boxed()
}

// ------------------------------------------------------------------ shape-aware JSON

/// The wire shape of a value, read from the IR.
#[derive(Debug, Clone)]
enum Schema {
    String,
    Bool,
    Integer,
    Float,
    /// Something this test does not model finely (blobs, timestamps, documents, cycles).
    Other,
    Enum(Vec<String>),
    Struct(Vec<(String, Schema)>),
    Union(Vec<(String, Option<Schema>)>),
    List(Box<Schema>),
    Map(Box<Schema>),
}

fn schema_of(ir: &CrateIr, ty: &RustType, depth: usize) -> Schema {
    if depth > 8 {
        return Schema::Other;
    }
    match ty {
        RustType::String | RustType::BigNumber => Schema::String,
        RustType::Bool => Schema::Bool,
        RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => Schema::Integer,
        RustType::F32 | RustType::F64 => Schema::Float,
        RustType::Blob | RustType::Timestamp(_) | RustType::Document => Schema::Other,
        RustType::List { item, .. } => Schema::List(Box::new(schema_of(ir, item, depth + 1))),
        RustType::Map { value, .. } => Schema::Map(Box::new(schema_of(ir, value, depth + 1))),
        RustType::Named { id, kind, .. } => match (kind, ir.types.get(id)) {
            (NamedKind::Struct, Some(TypeIr::Struct(s))) => struct_schema(ir, s, depth + 1),
            (NamedKind::Union, Some(TypeIr::Union(u))) => Schema::Union(
                u.variants
                    .iter()
                    .map(|v| {
                        (
                            v.member.clone(),
                            v.ty.as_ref().map(|t| schema_of(ir, t, depth + 1)),
                        )
                    })
                    .collect(),
            ),
            (NamedKind::Enum, Some(TypeIr::Enum(e))) => {
                Schema::Enum(e.values.iter().map(|v| v.string.clone()).collect())
            }
            (NamedKind::IntEnum, _) => Schema::Integer,
            _ => Schema::Other,
        },
    }
}

fn struct_schema(ir: &CrateIr, s: &StructIr, depth: usize) -> Schema {
    Schema::Struct(
        s.fields
            .iter()
            .map(|f: &FieldIr| (f.member.clone(), schema_of(ir, &f.ty, depth)))
            .collect(),
    )
}

/// Every member name in `schema`, for the generic generator's key pool.
fn collect_keys(schema: &Schema, keys: &mut BTreeSet<String>) {
    match schema {
        Schema::Struct(fields) => {
            for (name, inner) in fields {
                keys.insert(name.clone());
                collect_keys(inner, keys);
            }
        }
        Schema::Union(variants) => {
            for (name, inner) in variants {
                keys.insert(name.clone());
                if let Some(inner) = inner {
                    collect_keys(inner, keys);
                }
            }
        }
        Schema::List(inner) | Schema::Map(inner) => collect_keys(inner, keys),
        _ => {}
    }
}

/// A value that mostly has the shape `schema` describes, and sometimes anything at all:
/// wrong types, hostile numbers, deep nesting, broken tokens.
fn shaped(schema: &Schema, keys: &[String]) -> BoxedStrategy<Json> {
    let hostile = prop_oneof![
        3 => any_json(keys.to_vec()),
        2 => number(),
        1 => deep_nesting(),
        1 => broken_token(),
        1 => Just(Json::Null),
    ];
    let fitting = fitting(schema, keys);
    prop_oneof![6 => fitting, 1 => hostile].boxed()
}

fn fitting(schema: &Schema, keys: &[String]) -> BoxedStrategy<Json> {
    match schema {
        Schema::String | Schema::Other => string().prop_map(Json::String).boxed(),
        Schema::Bool => any::<bool>().prop_map(Json::Bool).boxed(),
        Schema::Integer => prop_oneof![
            3 => (-1000i64..1000).prop_map(|n| Json::Number(n.to_string())),
            1 => number(),
        ]
        .boxed(),
        Schema::Float => number(),
        Schema::Enum(values) => {
            let known = values.clone();
            prop_oneof![
                3 => prop::sample::select(known).prop_map(Json::String),
                1 => string().prop_map(Json::String),
            ]
            .boxed()
        }
        Schema::List(item) => prop::collection::vec(shaped(item, keys), 0..5)
            .prop_map(Json::Array)
            .boxed(),
        Schema::Map(value) => prop::collection::vec((string(), shaped(value, keys)), 0..5)
            .prop_map(Json::Object)
            .boxed(),
        Schema::Struct(fields) => {
            let members: Vec<BoxedStrategy<Option<(String, Json)>>> = fields
                .iter()
                .map(|(name, inner)| {
                    let name = name.clone();
                    prop::option::weighted(0.8, shaped(inner, keys))
                        .prop_map(move |value| value.map(|v| (name.clone(), v)))
                        .boxed()
                })
                .collect();
            let extra = prop::collection::vec((string(), any_json(keys.to_vec())), 0..2);
            let duplicate = any::<bool>();
            (members, extra, duplicate)
                .prop_map(|(members, extra, duplicate)| {
                    let mut entries: Vec<(String, Json)> = members.into_iter().flatten().collect();
                    if duplicate {
                        // The same key twice, the second with a different type.
                        if let Some((key, _)) = entries.first().cloned() {
                            entries.push((key, Json::Array(vec![Json::Bool(true)])));
                        }
                    }
                    entries.extend(extra);
                    Json::Object(entries)
                })
                .boxed()
        }
        Schema::Union(variants) => {
            let choices: Vec<BoxedStrategy<Json>> = variants
                .iter()
                .map(|(name, inner)| {
                    let name = name.clone();
                    let value = match inner {
                        Some(inner) => shaped(inner, keys),
                        None => Just(Json::Object(Vec::new())).boxed(),
                    };
                    value
                        .prop_map(move |v| Json::Object(vec![(name.clone(), v)]))
                        .boxed()
                })
                .collect();
            if choices.is_empty() {
                Just(Json::Object(Vec::new())).boxed()
            } else {
                prop::strategy::Union::new(choices).boxed()
            }
        }
    }
}

/// A body: arbitrary bytes, arbitrary JSON, or JSON shaped after `schema`, possibly
/// truncated or with a byte changed.
fn body(schema: Schema, keys: Vec<String>) -> BoxedStrategy<Vec<u8>> {
    let shaped_text = fitting(&schema, &keys).prop_map(|json| json.to_text());
    let mutated = (
        fitting(&schema, &keys).prop_map(|json| json.to_text()),
        any::<prop::sample::Index>(),
        any::<u8>(),
        0u8..3,
    )
        .prop_map(|(text, at, byte, how)| {
            let mut bytes = text.into_bytes();
            if bytes.is_empty() {
                return vec![byte];
            }
            let i = at.index(bytes.len());
            match how {
                0 => bytes.truncate(i),
                1 => bytes[i] = byte,
                _ => bytes.insert(i, byte),
            }
            bytes
        });
    prop_oneof![
        6 => shaped_text.prop_map(String::into_bytes),
        2 => mutated,
        2 => any_json(keys).prop_map(|json| json.to_text().into_bytes()),
        2 => prop::collection::vec(any::<u8>(), 0..256),
        1 => deep_nesting().prop_map(|json| json.to_text().into_bytes()),
        1 => prop::sample::select(vec!["", " ", "\n\t ", "null", "[]", "\"\"", "0", "{}"])
            .prop_map(|text| text.as_bytes().to_vec()),
    ]
    .boxed()
}

// ------------------------------------------------------------------ headers and status

/// Bytes that `http::HeaderValue::from_bytes` accepts: visible ASCII, space, tab, and
/// `obs-text` (0x80–0xFF, which is not UTF-8 and so unreadable as `&str`).
fn header_value() -> BoxedStrategy<http::HeaderValue> {
    prop::collection::vec(
        prop_oneof![8 => 0x20u8..0x7f, 1 => 0x80u8..=0xff, 1 => Just(b'\t')],
        0..40,
    )
    .prop_map(|bytes| http::HeaderValue::from_bytes(&bytes).expect("valid header bytes"))
    .boxed()
}

/// An error code as a server might send it: a modelled name (bare, with a namespace, with
/// a URL suffix, with spaces), or anything else.
fn error_code(codes: Vec<String>) -> BoxedStrategy<String> {
    let known = prop::sample::select(codes);
    prop_oneof![
        4 => known.clone(),
        1 => known.clone().prop_map(|c| format!("com.amazonaws.cognitoidentityprovider#{c}")),
        1 => known.clone().prop_map(|c| format!("{c}:http://internal.amazon.com/coral/")),
        1 => known.prop_map(|c| format!(" {c} ")),
        2 => "[ -~]{0,30}",
    ]
    .boxed()
}

#[derive(Debug, Clone)]
struct Headers {
    error_type: Option<String>,
    /// Whether `error_type` also goes into the body as `__type`.
    type_in_body: bool,
    request_id: Option<http::HeaderValue>,
    extra: Vec<(&'static str, http::HeaderValue)>,
}

fn headers(codes: Vec<String>, with_code: bool) -> BoxedStrategy<Headers> {
    let code = if with_code {
        prop::option::weighted(0.85, error_code(codes)).boxed()
    } else {
        prop::option::weighted(0.1, error_code(codes)).boxed()
    };
    let names = prop::sample::select(vec![
        "content-type",
        "x-amzn-query-error",
        "x-amzn-errortype",
        "content-length",
        "x-amz-crc32",
    ]);
    (
        code,
        any::<bool>(),
        prop::option::of(header_value()),
        prop::collection::vec((names, header_value()), 0..3),
    )
        .prop_map(|(error_type, type_in_body, request_id, extra)| Headers {
            error_type,
            type_in_body,
            request_id,
            extra,
        })
        .boxed()
}

fn build_response(status: u16, headers: &Headers, mut body: Vec<u8>) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in &headers.extra {
        builder = builder.header(*name, value.clone());
    }
    if let Some(code) = &headers.error_type {
        if headers.type_in_body && body.first() == Some(&b'{') {
            // Put the code first in the object; a later `__type` key still wins.
            let mut with_type = format!("{{\"__type\":{},", serde_json::to_string(code).unwrap())
                .into_bytes();
            with_type.extend_from_slice(&body[1..]);
            if with_type.ends_with(b",}") {
                with_type.remove(with_type.len() - 2);
            }
            body = with_type;
        } else if let Ok(value) = http::HeaderValue::from_str(code) {
            builder = builder.header("x-amzn-errortype", value);
        }
    }
    if let Some(id) = &headers.request_id {
        builder = builder.header("x-amzn-requestid", id.clone());
    }
    builder.body(body).expect("a valid response")
}

// ------------------------------------------------------------------ the properties

/// What one property run saw, to show the generators reach past the first checks.
#[derive(Debug, Default)]
struct Tally {
    outputs: u32,
    modelled: u32,
    unhandled: u32,
    unreadable: u32,
    largest_body: usize,
    largest_ratio: f64,
}

/// Runs the property for one operation on either 2xx or non-2xx statuses.
fn hostile_responses(operation: &str, success: bool) {
    let ir = crate_ir();
    let (_, deserialize) = operations()
        .into_iter()
        .find(|(name, _)| *name == operation)
        .expect("a known operation");
    let op = ir
        .operations
        .iter()
        .find(|op| op.name == operation)
        .expect("the operation is in the IR");

    // Error codes and their structures, for bodies and headers.
    let mut error_schemas: BTreeMap<String, Schema> = BTreeMap::new();
    for (_, id) in &op.errors {
        let error = &ir.errors[id];
        error_schemas.insert(error.wire_name.clone(), struct_schema(&ir, error, 0));
    }
    let codes: Vec<String> = error_schemas.keys().cloned().collect();
    let output = struct_schema(&ir, &op.output, 0);

    let mut keys = BTreeSet::new();
    collect_keys(&output, &mut keys);
    for schema in error_schemas.values() {
        collect_keys(schema, &mut keys);
    }
    keys.extend(["__type", "message", "Message", "code", "errorMessage"].map(str::to_owned));
    let keys: Vec<String> = keys.into_iter().collect();

    let status = if success {
        (200u16..300).boxed()
    } else {
        prop_oneof![
            8 => prop::sample::select(vec![400u16, 403, 404, 429, 500, 502, 503]),
            4 => 300u16..600,
            1 => 100u16..200,
            1 => 600u16..1000,
        ]
        .boxed()
    };
    let bodies = if success {
        body(output, keys.clone())
    } else {
        let per_error: Vec<BoxedStrategy<Vec<u8>>> = error_schemas
            .values()
            .map(|schema| body(schema.clone(), keys.clone()))
            .collect();
        prop::strategy::Union::new(per_error).boxed()
    };
    let strategy = (status, headers(codes.clone(), !success), bodies);

    let mut runner = TestRunner::new(RunnerConfig {
        cases: CASES_PER_PROPERTY,
        failure_persistence: None,
        ..RunnerConfig::default()
    });
    let tally = std::cell::RefCell::new(Tally::default());
    let result = runner.run(&strategy, |(status, headers, body)| {
        let response = build_response(status, &headers, body);
        let len = response.body().len();
        let (outcome, peak) = deserialize(&response).map_err(TestCaseError::fail)?;
        let budget = allocation_budget(len);
        prop_assert!(
            peak <= budget,
            "deserialize held {peak} bytes at once for a {len}-byte body (budget {budget})"
        );
        let mut tally = tally.borrow_mut();
        tally.largest_body = tally.largest_body.max(len);
        if len > 64 {
            tally.largest_ratio = tally.largest_ratio.max(peak as f64 / len as f64);
        }
        match outcome {
            Outcome::Output => tally.outputs += 1,
            Outcome::Response => tally.unreadable += 1,
            Outcome::Service { display } => {
                if display.starts_with("unhandled service error") {
                    tally.unhandled += 1;
                } else {
                    tally.modelled += 1;
                    // A modelled error prints its own code first.
                    prop_assert!(
                        codes.iter().any(|code| display.starts_with(code.as_str())),
                        "modelled error display {display:?} does not start with a code"
                    );
                }
            }
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{operation} ({}): {failure}", if success { "2xx" } else { "non-2xx" });
    }
    let tally = tally.into_inner();
    println!(
        "hostile {operation} {}: {CASES_PER_PROPERTY} cases: {tally:?}",
        if success { "2xx" } else { "non-2xx" }
    );

    // The generators must reach every outcome often, or the run proves little.
    let floor = CASES_PER_PROPERTY / 20;
    if success {
        assert!(tally.outputs >= floor, "too few outputs: {tally:?}");
        assert!(tally.unreadable >= floor, "too few unreadable bodies: {tally:?}");
    } else {
        assert!(tally.modelled >= floor, "too few modelled errors: {tally:?}");
        assert!(tally.unhandled >= floor, "too few unhandled errors: {tally:?}");
        assert!(tally.unreadable >= floor / 5, "too few unreadable error bodies: {tally:?}");
    }
}

#[test]
fn delete_user_attributes_success() {
    hostile_responses("DeleteUserAttributes", true);
}

#[test]
fn delete_user_attributes_error() {
    hostile_responses("DeleteUserAttributes", false);
}

#[test]
fn get_user_success() {
    hostile_responses("GetUser", true);
}

#[test]
fn get_user_error() {
    hostile_responses("GetUser", false);
}

#[test]
fn get_user_attribute_verification_code_success() {
    hostile_responses("GetUserAttributeVerificationCode", true);
}

#[test]
fn get_user_attribute_verification_code_error() {
    hostile_responses("GetUserAttributeVerificationCode", false);
}

#[test]
fn update_user_attributes_success() {
    hostile_responses("UpdateUserAttributes", true);
}

#[test]
fn update_user_attributes_error() {
    hostile_responses("UpdateUserAttributes", false);
}

#[test]
fn verify_user_attribute_success() {
    hostile_responses("VerifyUserAttribute", true);
}

#[test]
fn verify_user_attribute_error() {
    hostile_responses("VerifyUserAttribute", false);
}

// ------------------------------------------------------------------ deep nesting

/// `depth` nested arrays around `inner`, e.g. `[[[1]]]`.
fn nested_arrays(depth: usize, inner: &str, closed: bool) -> String {
    let mut text = "[".repeat(depth);
    text.push_str(inner);
    if closed {
        text.push_str(&"]".repeat(depth));
    }
    text
}

/// 10,000 levels: far past serde_json's limit and deep enough to overflow a test thread's
/// stack if parsing recursed without bound. Every operation gives a typed error: a
/// response error saying how deep it may go on 2xx, an unhandled service error (body
/// unreadable, status kept) otherwise.
#[test]
fn ten_thousand_levels_give_a_typed_error() {
    let bodies = [
        nested_arrays(10_000, "1", true),
        nested_arrays(10_000, "", false),
        format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000)),
        format!(
            "{{\"UserAttributes\":{}}}",
            nested_arrays(10_000, "{\"Name\":\"email\"}", true)
        ),
    ];
    for (name, deserialize) in operations() {
        for body in &bodies {
            let ok = http::Response::builder()
                .status(200)
                .header("x-amzn-requestid", "deep-1")
                .body(body.clone().into_bytes())
                .unwrap();
            match deserialize(&ok) {
                Ok((Outcome::Response, _)) => {}
                other => panic!("{name}: 10,000 levels on HTTP 200 gave {other:?}"),
            }
            let failed = http::Response::builder()
                .status(400)
                .header("x-amzn-errortype", "NotAuthorizedException")
                .body(body.clone().into_bytes())
                .unwrap();
            match deserialize(&failed) {
                // The code names a modelled error whose body cannot be read.
                Ok((Outcome::Response, _)) => {}
                other => panic!("{name}: 10,000 levels on HTTP 400 gave {other:?}"),
            }
            let unknown = http::Response::builder()
                .status(503)
                .body(body.clone().into_bytes())
                .unwrap();
            match deserialize(&unknown) {
                Ok((Outcome::Service { display }, _)) => {
                    assert!(display.contains("HTTP 503"), "{name}: {display}");
                }
                other => panic!("{name}: 10,000 levels on HTTP 503 gave {other:?}"),
            }
        }
    }
}

/// The typed error for too-deep nesting says what the limit is and where it was hit, and
/// the limit sits where `parse_body` documents it: one level less parses, one more fails.
#[test]
fn depth_limit_is_typed_and_exact() {
    let deep = nested_arrays(10_000, "1", true);
    let response = http::Response::builder()
        .status(200)
        .header("x-amzn-requestid", "deep-2")
        .body(deep.into_bytes())
        .unwrap();
    let error = match GetUser::deserialize(&response) {
        Err(SdkError::Response(error)) => error,
        other => panic!("expected a response error, got {other:?}"),
    };
    assert_eq!(error.http_status(), 200);
    assert_eq!(error.request_id(), Some("deep-2"));
    let message = error.deserialize_error().message();
    assert!(
        message.contains("nested more than 127 levels deep"),
        "the message should name the limit: {message}"
    );

    // The root object is level 1; `UserAttributes` holds 126 more arrays, 127 levels in
    // all: still fine as JSON (the type is wrong, which is a different, later error).
    let within = format!(
        "{{\"UserAttributes\":{}}}",
        nested_arrays(JSON_DEPTH_LIMIT - 1, "", true)
    );
    let beyond = format!(
        "{{\"UserAttributes\":{}}}",
        nested_arrays(JSON_DEPTH_LIMIT, "", true)
    );
    let read = |body: String| {
        let response = http::Response::builder()
            .status(200)
            .body(body.into_bytes())
            .unwrap();
        match GetUser::deserialize(&response) {
            Err(SdkError::Response(error)) => error.deserialize_error().message().to_owned(),
            other => panic!("expected a response error, got {other:?}"),
        }
    };
    let within = read(within);
    assert!(!within.contains("levels deep"), "{within}");
    let beyond = read(beyond);
    assert!(beyond.contains("levels deep"), "{beyond}");
}

/// A sanity check on the oracle: a well-formed body really is read, and a modelled error
/// really is recognised, so the property's outcome counts mean what they say.
#[test]
fn well_formed_responses_are_read() {
    let ok = http::Response::builder()
        .status(200)
        .body(
            br#"{"Username":"u","UserAttributes":[{"Name":"email","Value":"a@b.c"}]}"#.to_vec(),
        )
        .unwrap();
    let output = GetUser::deserialize(&ok).expect("a valid GetUser body");
    assert_eq!(output.username(), "u");
    assert_eq!(output.user_attributes().len(), 1);

    let failed = http::Response::builder()
        .status(400)
        .body(br#"{"__type":"NotAuthorizedException","message":"no"}"#.to_vec())
        .unwrap();
    let error = GetUser::deserialize(&failed).expect_err("an error status");
    let error = error.into_service_error().expect("a service error");
    assert!(error.is_not_authorized_exception(), "{error:?}");
}
