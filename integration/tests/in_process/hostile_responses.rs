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
        (
            "UpdateUserAttributes",
            run_operation::<UpdateUserAttributes>,
        ),
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
        RustType::Blob | RustType::ByteStream | RustType::Timestamp(_) | RustType::Document => {
            Schema::Other
        }
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

/// Number literals that trip naive parsers: out of every range, too precise, too small.
const HOSTILE_NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1e999999",
    "-1e999999",
    "1e-999999",
    "18446744073709551616",
    "-9223372036854775809",
    "9223372036854775807",
    "2147483648",
    "-2147483649",
    "1.7976931348623157e309",
    "4.9e-325",
    "0.0000000000000000000000000000000000000000001",
    "1E+2",
    "-0.0e-0",
];

/// Text that is not quite JSON: lone surrogates, bad escapes, stray tokens.
const BROKEN_TOKENS: &[&str] = &[
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
];

/// Strings with meaning to someone: number words, enum-ish values, base64, escapes.
const TEMPTING_STRINGS: &[&str] = &[
    "NaN",
    "Infinity",
    "-Infinity",
    "SMS",
    "EMAIL",
    "email",
    "phone_number",
    "dGVzdA==",
    "%%%",
    "",
    "\u{0}",
    "\u{2028}",
    "\u{fffd}",
    "\u{1f600}",
    "\\",
    "\"",
];

/// Builds hostile JSON from a seed. Proptest draws the seeds (and the status, headers and
/// raw-byte bodies); building the documents here instead of from nested proptest
/// strategies keeps 100,000 cases to seconds in a debug build. A failing case is shown
/// in full, so nothing is lost by not shrinking inside a document.
struct Gen<'a> {
    state: u64,
    keys: &'a [String],
}

impl Gen<'_> {
    /// SplitMix64.
    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `num` times out of `den`.
    fn chance(&mut self, num: u64, den: u64) -> bool {
        self.next() % den < num
    }

    fn pick<'b>(&mut self, items: &[&'b str]) -> &'b str {
        items[self.below(items.len())]
    }

    fn string(&mut self) -> String {
        let len = self.below(24);
        match self.below(5) {
            0 => (0..len)
                .map(|_| {
                    let set =
                        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_:.@+ -";
                    char::from(set[self.below(set.len())])
                })
                .collect(),
            1 => (0..len)
                .map(|_| char::from_u32(self.below(0x11_0000) as u32).unwrap_or('\u{fffd}'))
                .collect(),
            2 => (0..len)
                .map(|_| char::from_u32(self.below(0x100) as u32).unwrap_or('?'))
                .collect(),
            3 => self.pick(TEMPTING_STRINGS).to_owned(),
            _ => self.keys[self.below(self.keys.len())].clone(),
        }
    }

    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }

    fn number(&mut self) -> Json {
        let text = match self.below(7) {
            0 => (self.next() as i64).to_string(),
            1 => self.next().to_string(),
            2 => {
                let f = f64::from_bits(self.next());
                if f.is_finite() {
                    format!("{f:?}")
                } else {
                    "1.5".to_owned()
                }
            }
            3 => {
                let len = 20 + self.below(400);
                format!("{}{}", 1 + self.below(9), self.digits(len))
            }
            4 => {
                let fraction = 1 + self.below(20);
                let exponent = 1 + self.below(7);
                format!(
                    "{}.{}e{}{}",
                    self.below(10),
                    self.digits(fraction),
                    if self.chance(1, 2) { "-" } else { "+" },
                    self.digits(exponent)
                )
            }
            5 => (self.below(2000) as i64 - 1000).to_string(),
            _ => self.pick(HOSTILE_NUMBERS).to_owned(),
        };
        Json::Number(text)
    }

    /// Nesting pasted as text: arrays, objects or both, closed or cut off, shallower or
    /// deeper than the parser's limit.
    fn deep_nesting(&mut self) -> Json {
        let depth = JSON_DEPTH_LIMIT - 8 + self.below(72);
        let (open, close) = match self.below(3) {
            0 => ("[", "]"),
            1 => ("{\"a\":", "}"),
            _ => ("[{\"Name\":", "}]"),
        };
        let mut text = open.repeat(depth);
        text.push('1');
        if self.chance(3, 4) {
            text.push_str(&close.repeat(depth));
        }
        Json::Raw(text)
    }

    fn key(&mut self) -> String {
        if self.chance(3, 4) {
            self.keys[self.below(self.keys.len())].clone()
        } else {
            self.string()
        }
    }

    /// Any JSON value, at most `depth` levels deep.
    fn any_json(&mut self, depth: usize) -> Json {
        let kinds = if depth == 0 { 4 } else { 6 };
        match self.below(kinds) {
            0 => Json::Null,
            1 => Json::Bool(self.chance(1, 2)),
            2 => self.number(),
            3 => Json::String(self.string()),
            4 => Json::Array(
                (0..self.below(6))
                    .map(|_| self.any_json(depth - 1))
                    .collect(),
            ),
            _ => Json::Object(
                (0..self.below(6))
                    .map(|_| (self.key(), self.any_json(depth - 1)))
                    .collect(),
            ),
        }
    }

    /// Anything at all where a value of some shape was expected.
    fn hostile(&mut self) -> Json {
        match self.below(8) {
            0..=2 => self.any_json(3),
            3 | 4 => self.number(),
            5 => self.deep_nesting(),
            6 => Json::Raw(self.pick(BROKEN_TOKENS).to_owned()),
            _ => Json::Null,
        }
    }

    /// Mostly a value of the shape `schema` describes, sometimes anything.
    fn shaped(&mut self, schema: &Schema, depth: usize) -> Json {
        if self.chance(1, 14) {
            self.hostile()
        } else {
            self.fitting(schema, depth)
        }
    }

    fn fitting(&mut self, schema: &Schema, depth: usize) -> Json {
        match schema {
            Schema::String | Schema::Other => Json::String(self.string()),
            Schema::Bool => Json::Bool(self.chance(1, 2)),
            Schema::Integer => {
                if self.chance(3, 4) {
                    Json::Number((self.below(2000) as i64 - 1000).to_string())
                } else {
                    self.number()
                }
            }
            Schema::Float => self.number(),
            Schema::Enum(values) => {
                if self.chance(3, 4) && !values.is_empty() {
                    Json::String(values[self.below(values.len())].clone())
                } else {
                    Json::String(self.string())
                }
            }
            Schema::List(item) if depth < 6 => Json::Array(
                (0..self.below(5))
                    .map(|_| self.shaped(item, depth + 1))
                    .collect(),
            ),
            Schema::Map(value) if depth < 6 => Json::Object(
                (0..self.below(5))
                    .map(|_| (self.string(), self.shaped(value, depth + 1)))
                    .collect(),
            ),
            Schema::List(_) | Schema::Map(_) => Json::Null,
            Schema::Struct(fields) => {
                let mut entries: Vec<(String, Json)> = Vec::new();
                for (name, inner) in fields {
                    if self.chance(4, 5) {
                        entries.push((name.clone(), self.shaped(inner, depth + 1)));
                    }
                }
                if self.chance(1, 8) && !entries.is_empty() {
                    // The same key twice, the second with another type.
                    let key = entries[self.below(entries.len())].0.clone();
                    entries.push((key, self.any_json(2)));
                }
                for _ in 0..self.below(3) {
                    entries.push((self.key(), self.any_json(2)));
                }
                Json::Object(entries)
            }
            Schema::Union(variants) => {
                if variants.is_empty() {
                    return Json::Object(Vec::new());
                }
                let (name, inner) = &variants[self.below(variants.len())];
                let value = match inner {
                    Some(inner) => self.shaped(inner, depth + 1),
                    None => Json::Object(Vec::new()),
                };
                Json::Object(vec![(name.clone(), value)])
            }
        }
    }
}

/// Which kind of body a case gets.
#[derive(Debug, Clone, Copy)]
enum BodyKind {
    /// JSON shaped after the schema, with hostile values here and there.
    Shaped,
    /// The same, then truncated, or with one byte replaced or inserted.
    Mutated {
        at: prop::sample::Index,
        byte: u8,
        how: u8,
    },
    /// Any JSON at all.
    AnyJson,
    /// Nesting around the parser's limit.
    Deep,
    /// Empty, blank, `null`, and other tiny bodies.
    Tiny(&'static str),
}

fn body_kind() -> BoxedStrategy<BodyKind> {
    prop_oneof![
        6 => Just(BodyKind::Shaped),
        2 => (any::<prop::sample::Index>(), any::<u8>(), 0u8..3)
            .prop_map(|(at, byte, how)| BodyKind::Mutated { at, byte, how }),
        2 => Just(BodyKind::AnyJson),
        1 => Just(BodyKind::Deep),
        1 => prop::sample::select(vec!["", " ", "\n\t ", "null", "[]", "\"\"", "0", "{}"])
            .prop_map(BodyKind::Tiny),
    ]
    .boxed()
}

/// The body for one case: raw bytes (drawn by proptest, and shrunk by it), or a document
/// built by [`Gen`] from `seed` after `schema`.
fn make_body(
    kind: BodyKind,
    seed: u64,
    raw: Option<Vec<u8>>,
    schema: &Schema,
    keys: &[String],
) -> Vec<u8> {
    if let Some(bytes) = raw {
        return bytes;
    }
    let mut gen = Gen { state: seed, keys };
    match kind {
        BodyKind::Shaped => gen.fitting(schema, 0).to_text().into_bytes(),
        BodyKind::Mutated { at, byte, how } => {
            let mut bytes = gen.fitting(schema, 0).to_text().into_bytes();
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
        }
        BodyKind::AnyJson => gen.any_json(5).to_text().into_bytes(),
        BodyKind::Deep => gen.deep_nesting().to_text().into_bytes(),
        BodyKind::Tiny(text) => text.as_bytes().to_vec(),
    }
}

// ------------------------------------------------------------------ headers and status

/// Bytes that `http::HeaderValue::from_bytes` accepts: visible ASCII, space, tab, and
/// `obs-text` (0x80–0xFF, which is not UTF-8 and so unreadable as `&str`). Control bytes
/// drawn are moved into the visible range.
fn header_value() -> BoxedStrategy<http::HeaderValue> {
    prop::collection::vec(any::<u8>(), 0..40)
        .prop_map(|mut bytes| {
            for byte in &mut bytes {
                if *byte < 0x20 && *byte != b'\t' || *byte == 0x7f {
                    *byte = b'a' + *byte % 26;
                }
            }
            http::HeaderValue::from_bytes(&bytes).expect("valid header bytes")
        })
        .boxed()
}

/// An error code as a server might send it: a modelled name (bare, with a namespace, with
/// a URL suffix, with spaces), or anything printable.
fn error_code(codes: Vec<String>) -> BoxedStrategy<String> {
    let known = prop::sample::select(codes);
    let printable = prop::collection::vec(0x20u8..0x7f, 0..30)
        .prop_map(|bytes| bytes.into_iter().map(char::from).collect::<String>());
    prop_oneof![
        4 => known.clone(),
        1 => known.clone().prop_map(|c| format!("com.amazonaws.cognitoidentityprovider#{c}")),
        1 => known.clone().prop_map(|c| format!("{c}:http://internal.amazon.com/coral/")),
        1 => known.prop_map(|c| format!(" {c} ")),
        2 => printable,
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
            let mut with_type =
                format!("{{\"__type\":{},", serde_json::to_string(code).unwrap()).into_bytes();
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
    for listed in &op.errors {
        let error = &ir.errors[&listed.shape];
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
    // The schema the body follows: the output, or one of the errors (not necessarily the
    // one the code names).
    let schemas: Vec<Schema> = if success {
        vec![output]
    } else {
        error_schemas.values().cloned().collect()
    };
    let strategy = (
        status,
        headers(codes.clone(), !success),
        0..schemas.len(),
        body_kind(),
        any::<u64>(),
        prop::option::weighted(0.15, prop::collection::vec(any::<u8>(), 0..256)),
    );

    let mut runner = TestRunner::new(RunnerConfig {
        cases: CASES_PER_PROPERTY,
        failure_persistence: None,
        ..RunnerConfig::default()
    });
    let tally = std::cell::RefCell::new(Tally::default());
    let result = runner.run(&strategy, |(status, headers, schema, kind, seed, raw)| {
        let body = make_body(kind, seed, raw, &schemas[schema], &keys);
        let response = build_response(status, &headers, body);
        let len = response.body().len();
        let shown = || String::from_utf8_lossy(&response.body()[..len.min(2000)]).into_owned();
        let (outcome, peak) = deserialize(&response)
            .map_err(|e| TestCaseError::fail(format!("{e}\nbody: {}", shown())))?;
        let budget = allocation_budget(len);
        prop_assert!(
            peak <= budget,
            "deserialize held {peak} bytes at once for a {len}-byte body (budget {budget}): {}",
            shown()
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
        panic!(
            "{operation} ({}): {failure}",
            if success { "2xx" } else { "non-2xx" }
        );
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
        assert!(
            tally.unreadable >= floor,
            "too few unreadable bodies: {tally:?}"
        );
    } else {
        assert!(
            tally.modelled >= floor,
            "too few modelled errors: {tally:?}"
        );
        assert!(
            tally.unhandled >= floor,
            "too few unhandled errors: {tally:?}"
        );
        assert!(
            tally.unreadable >= floor / 5,
            "too few unreadable error bodies: {tally:?}"
        );
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
/// stack if parsing recursed without bound. Every operation gives a typed error: on a 2xx
/// a response error; on an error status the error the header names (the unreadable body
/// reads as empty), or an unhandled error keeping the status when nothing names one.
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
                // The header names the error; an unreadable error body reads as empty.
                Ok((Outcome::Service { display }, _)) => {
                    assert_eq!(display, "NotAuthorizedException", "{name}");
                }
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
        .body(br#"{"Username":"u","UserAttributes":[{"Name":"email","Value":"a@b.c"}]}"#.to_vec())
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
