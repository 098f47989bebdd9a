//! The Rust view of a model: which items exist, what they are called, which fields are
//! `Option` or `Box`, and which constraints apply. Built once by `lower`; emitters read
//! only this, never the model or the raw JSON.

mod customizations;
mod defaults;
mod docs;
pub mod dump;
mod host_prefix;
pub mod http_bindings;
mod lower;
pub mod naming;
mod pagination;
pub mod pattern;
pub mod protocol;
mod recursion;
mod size;
pub mod streaming;
#[cfg(test)]
mod tests;

pub use lower::{lower, LowerError};

use crate::model::{ErrorFault, ShapeId, TimestampFormat};
use std::collections::BTreeMap;

/// Everything needed to emit one crate.
#[derive(Debug, Clone)]
pub struct CrateIr {
    /// Cargo package name, e.g. `cognito-identity-provider`.
    pub package_name: String,
    /// The service.
    pub service: ServiceIr,
    /// Operations in name order.
    pub operations: Vec<OperationIr>,
    /// Data types (non-error structures, unions, enums) by shape id.
    pub types: BTreeMap<ShapeId, TypeIr>,
    /// Error structures by shape id.
    pub errors: BTreeMap<ShapeId, StructIr>,
    /// HTTP bindings of operations and errors, for HTTP-bound protocols (restJson1).
    pub http: Option<http_bindings::HttpIr>,
    /// `@pattern`s left unchecked because they have no ECMAScript form, by member.
    pub unchecked_patterns: Vec<UncheckedPattern>,
    /// Operations of the service left out (streaming), with the reason.
    pub skipped_operations: Vec<streaming::SkippedOperation>,
}

/// The service shape.
#[derive(Debug, Clone)]
pub struct ServiceIr {
    /// Shape id.
    pub id: ShapeId,
    /// Name as on the wire (`X-Amz-Target` prefix): the service shape's name.
    pub name: String,
    /// SDK id / title, for docs and spans.
    pub sdk_id: String,
    /// Markdown docs.
    pub docs: String,
    /// Which awsJson version.
    pub protocol: Protocol,
    /// `aws.protocols#awsQueryCompatible`.
    pub query_compatible: bool,
    /// SigV4 signing name.
    pub signing_name: Option<String>,
    /// Endpoint rule set JSON (compact).
    pub endpoint_rule_set: Option<String>,
}

/// The wire protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#awsJson1_0`
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`
    AwsJson1_1,
    /// `aws.protocols#restJson1`
    RestJson1,
}

/// One operation.
#[derive(Debug, Clone)]
pub struct OperationIr {
    /// Shape id.
    pub id: ShapeId,
    /// Model name, e.g. `UpdateUserAttributes`.
    pub name: String,
    /// Module and client method name, e.g. `update_user_attributes`.
    pub module: String,
    /// Markdown docs.
    pub docs: String,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// The input structure (named `<Op>Input`).
    pub input: StructIr,
    /// The output structure (named `<Op>Output`).
    pub output: StructIr,
    /// The error enum name, e.g. `UpdateUserAttributesError`.
    pub error_enum: String,
    /// The marker type implementing the runtime's `Operation` trait, e.g. `UpdateUserAttributes`.
    pub marker: String,
    /// The fluent builder the client method returns, e.g. `UpdateUserAttributesFluentBuilder`.
    pub fluent_builder: String,
    /// The paginator type (used only when `pagination` is set), e.g. `ListUsersPaginator`.
    pub paginator: String,
    /// Modelled errors, in model order.
    pub errors: Vec<OperationErrorIr>,
    /// Sent unsigned.
    pub anonymous: bool,
    /// `@endpoint` host prefix, its labels resolved to input fields.
    pub host_prefix: Option<HostPrefixIr>,
    /// `@requestCompression` encodings.
    pub request_compression: Vec<String>,
    /// Input field whose value, when set and not empty, is the URL the request goes to
    /// instead of the configured endpoint (a service customization, see `customizations.rs`).
    pub endpoint_override: Option<PathStep>,
    /// Pagination, when `@paginated` names tokens.
    pub pagination: Option<PaginationIr>,
}

/// One modelled error of an operation: its variant in the operation's error enum and the
/// error structure it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationErrorIr {
    /// The error structure's shape id.
    pub shape: ShapeId,
    /// Variant of the operation's error enum (also the service-wide `Error`'s variant).
    pub variant: String,
    /// The `is_<variant>` method of the operation's error enum.
    pub is_method: String,
    /// The error structure's type name in `crate::error`.
    pub type_name: String,
    /// The error code on the wire.
    pub wire_name: String,
    /// The error structure's Markdown docs.
    pub docs: String,
}

/// An `@endpoint` host prefix such as `{Bucket}.data.`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPrefixIr {
    /// The template as modelled.
    pub template: String,
    /// Literal text and labels, in order.
    pub segments: Vec<HostPrefixSegment>,
}

/// A piece of a host prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPrefixSegment {
    /// Text copied as is.
    Literal(String),
    /// The value of a `@hostLabel` input field.
    Label(PathStep),
}

/// Paging members of a `@paginated` operation, resolved to fields (see `pagination.rs`).
#[derive(Debug, Clone)]
pub struct PaginationIr {
    /// Input member the continuation token is written to.
    pub input_token: PathStep,
    /// Path through the output to the next token.
    pub output_token: Vec<PathStep>,
    /// The token's type: a string, a map or a structure (the same in input and output).
    pub token: RustType,
    /// Path through the output to the page's items, when modelled and a list.
    pub items: Option<PaginationItems>,
    /// Input member (an integer) bounding the page size, when modelled.
    pub page_size: Option<PageSizeIr>,
}

/// One field on a path through a structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    /// Member name, for docs.
    pub member: String,
    /// Field ident.
    pub ident: String,
    /// The field is an `Option`.
    pub optional: bool,
    /// The field is boxed.
    pub boxed: bool,
}

/// Where a page's items are and what one item is.
#[derive(Debug, Clone)]
pub struct PaginationItems {
    /// Path through the output to the list.
    pub path: Vec<PathStep>,
    /// The list's item type.
    pub item: RustType,
    /// The list is `@sparse` (items are `Option`).
    pub sparse: bool,
}

/// The page-size input member.
#[derive(Debug, Clone)]
pub struct PageSizeIr {
    /// The field.
    pub field: PathStep,
    /// Its integer type.
    pub ty: RustType,
}

/// A data type.
#[derive(Debug, Clone)]
pub enum TypeIr {
    /// A structure.
    Struct(StructIr),
    /// A union.
    Union(UnionIr),
    /// A string enum.
    Enum(EnumIr),
    /// An integer enum.
    IntEnum(EnumIr),
}

/// Why a structure exists; changes what is generated around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructRole {
    /// A nested data structure.
    Data,
    /// An operation input.
    Input,
    /// An operation output (carries response metadata).
    Output,
    /// An error (carries error metadata).
    Error {
        /// Client or server.
        fault: ErrorFault,
        /// `@httpError`.
        http_status: Option<u16>,
    },
}

/// A structure.
#[derive(Debug, Clone)]
pub struct StructIr {
    /// Shape id (for inputs/outputs, the model's input/output shape).
    pub id: ShapeId,
    /// Rust type name.
    pub name: String,
    /// Builder type name.
    pub builder: String,
    /// Markdown docs.
    pub docs: String,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// Role.
    pub role: StructRole,
    /// Fields in member order.
    pub fields: Vec<FieldIr>,
    /// The whole structure is `@sensitive`.
    pub sensitive: bool,
    /// The error code on the wire (shape name, or the service `rename`), for errors.
    pub wire_name: String,
}

/// A structure member.
#[derive(Debug, Clone)]
pub struct FieldIr {
    /// Member name.
    pub member: String,
    /// The member's key in a JSON body: its `@jsonName` under protocols that honour it
    /// (restJson1), else the member name.
    pub json_key: String,
    /// Field/accessor ident (may be raw, e.g. `r#type`).
    pub ident: String,
    /// The builder's `set_<name>` method (takes an `Option`).
    pub setter: String,
    /// The builder's `get_<name>` method.
    pub getter: String,
    /// Value type.
    pub ty: RustType,
    /// Wrapped in `Option`.
    pub optional: bool,
    /// `@required`.
    pub required: bool,
    /// `Box` around the value (recursion).
    pub boxed: bool,
    /// Default value (from `@default`) for non-optional members, checked against `ty`.
    pub default: Option<DefaultValue>,
    /// Markdown docs.
    pub docs: String,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// `@sensitive` (on the member's target).
    pub sensitive: bool,
    /// Constraints to validate.
    pub constraints: Constraints,
    /// `@idempotencyToken`.
    pub idempotency_token: bool,
    /// `@hostLabel`.
    pub host_label: bool,
}

/// A union.
#[derive(Debug, Clone)]
pub struct UnionIr {
    /// Shape id.
    pub id: ShapeId,
    /// Rust type name.
    pub name: String,
    /// Markdown docs.
    pub docs: String,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// Variants in member order.
    pub variants: Vec<VariantIr>,
    /// The whole union is `@sensitive`.
    pub sensitive: bool,
}

/// A union variant.
#[derive(Debug, Clone)]
pub struct VariantIr {
    /// Member name.
    pub member: String,
    /// The member's key in JSON (see [`FieldIr::json_key`]).
    pub json_key: String,
    /// Variant ident.
    pub ident: String,
    /// The `is_<variant>` method.
    pub is_method: String,
    /// The `as_<variant>` method.
    pub as_method: String,
    /// Payload type (`None` for `smithy.api#Unit` members).
    pub ty: Option<RustType>,
    /// `Box` around the payload (recursion).
    pub boxed: bool,
    /// Markdown docs.
    pub docs: String,
    /// `@sensitive` payload.
    pub sensitive: bool,
    /// Constraints to validate.
    pub constraints: Constraints,
}

/// A string or integer enum.
#[derive(Debug, Clone)]
pub struct EnumIr {
    /// Shape id.
    pub id: ShapeId,
    /// Rust type name.
    pub name: String,
    /// Markdown docs.
    pub docs: String,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// Known values in member order.
    pub values: Vec<EnumValueIr>,
    /// `@sensitive`.
    pub sensitive: bool,
}

/// One enum value.
#[derive(Debug, Clone)]
pub struct EnumValueIr {
    /// Variant ident.
    pub ident: String,
    /// Wire value (string enums).
    pub string: String,
    /// Wire value (int enums).
    pub int: i32,
    /// Markdown docs.
    pub docs: String,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
}

/// `#[deprecated]` contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deprecation {
    /// Note for the attribute.
    pub note: Option<String>,
    /// Since when.
    pub since: Option<String>,
}

/// The Rust type of a value.
#[derive(Debug, Clone, PartialEq)]
pub enum RustType {
    /// `String`
    String,
    /// `bool`
    Bool,
    /// `i8`
    I8,
    /// `i16`
    I16,
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// `f32`
    F32,
    /// `f64`
    F64,
    /// Arbitrary precision number, kept as its decimal text.
    BigNumber,
    /// `smithy_runtime::Blob`
    Blob,
    /// `smithy_runtime::DateTime` with its wire format.
    Timestamp(TimestampFormat),
    /// `smithy_runtime::Document`
    Document,
    /// A generated data type.
    Named {
        /// Shape id.
        id: ShapeId,
        /// Type name in `crate::types`.
        name: String,
        /// What kind of type.
        kind: NamedKind,
    },
    /// `Vec<T>` (or `Vec<Option<T>>` when sparse).
    List {
        /// Item type.
        item: Box<RustType>,
        /// `@sparse`.
        sparse: bool,
        /// Item constraints and sensitivity.
        item_constraints: Box<Constraints>,
        /// Items are `@sensitive`.
        item_sensitive: bool,
    },
    /// `HashMap<String, T>` (or `HashMap<String, Option<T>>` when sparse).
    Map {
        /// Value type.
        value: Box<RustType>,
        /// `@sparse`.
        sparse: bool,
        /// Key constraints.
        key_constraints: Box<Constraints>,
        /// Value constraints.
        value_constraints: Box<Constraints>,
        /// Values are `@sensitive`.
        value_sensitive: bool,
        /// Keys are `@sensitive` (the key shape or the map's key member): the whole map is
        /// then redacted in `Debug` and its keys never appear in messages.
        key_sensitive: bool,
    },
}

/// Kind of a generated data type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    /// A structure.
    Struct,
    /// A union.
    Union,
    /// A string enum.
    Enum,
    /// An int enum.
    IntEnum,
}

/// Constraint traits applying to a value (its member's and its target's).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Constraints {
    /// `@length`.
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// `@pattern`, when it can be checked (see [`pattern`]).
    pub pattern: Option<PatternIr>,
    /// `@range` as floats.
    pub range: Option<(Option<f64>, Option<f64>)>,
}

/// A `@pattern` as written in the model and as the runtime compiles it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternIr {
    /// The model's text (shown in violation messages).
    pub model: String,
    /// The ECMAScript form with its flags.
    pub ecma: pattern::EcmaPattern,
}

/// A `@pattern` the generated crate does not check, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct UncheckedPattern {
    /// The member (or the shape) carrying the pattern.
    pub member: ShapeId,
    /// The model's text.
    pub pattern: String,
    /// Why it cannot be checked.
    pub reason: String,
}

impl Constraints {
    /// No constraint at all.
    pub fn is_empty(&self) -> bool {
        self.length.is_none() && self.pattern.is_none() && self.range.is_none()
    }
}

impl RustType {
    /// Whether values of this type may need checks (constraints anywhere inside).
    pub fn is_named(&self) -> bool {
        matches!(self, RustType::Named { .. })
    }
}

/// A `@default` value, already checked against its member's type during lowering.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    /// A string (also a big number's decimal text).
    String(String),
    /// A boolean.
    Bool(bool),
    /// An integer of the member's width (range already checked).
    Integer(i64),
    /// A float or double.
    Float(f64),
    /// Blob bytes (decoded from the model's base64).
    Blob(Vec<u8>),
    /// An instant, as seconds and nanoseconds since the Unix epoch (parsed at generation time).
    Timestamp {
        /// Whole seconds (may be negative).
        secs: i64,
        /// Nanoseconds within the second.
        nanos: u32,
    },
    /// A document value, as JSON.
    Document(serde_json::Value),
    /// A string enum value (the wire value).
    Enum(String),
    /// An int enum value.
    IntEnum(i32),
    /// An empty list.
    EmptyList,
    /// An empty map.
    EmptyMap,
}
