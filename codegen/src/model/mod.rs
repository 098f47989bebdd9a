//! The semantic model: every reference resolved, the prelude built in, mixins and `apply`
//! flattened, and the traits we act on parsed into typed values.
//!
//! A [`Model`] only exists fully built: [`Model::load`] either returns one or a
//! [`LoadError`] naming the shape id and the JSON location of the problem.

mod error;
mod load;
mod prelude;
mod shape_id;
mod traits;
mod walker;

pub use error::{LoadError, LoadErrorKind};
pub use shape_id::{InvalidShapeId, ShapeId};
pub use traits::{
    Deprecated, EnumValue, ErrorFault, Length, Paginated, Range, TimestampFormat, Traits,
};
pub use walker::{Closure, Edge};

use std::collections::BTreeMap;

/// A loaded and fully resolved Smithy model.
#[derive(Debug, Clone)]
pub struct Model {
    /// Every shape, prelude included, keyed by id (member shapes live inside their parent).
    pub(crate) shapes: BTreeMap<ShapeId, Shape>,
    /// The document's `metadata` section, kept as raw JSON.
    pub(crate) metadata: BTreeMap<String, serde_json::Value>,
}

/// One resolved shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The shape id.
    pub id: ShapeId,
    /// What kind of shape, with its members or references.
    pub kind: ShapeKind,
    /// Traits applied to the shape itself (after mixins and `apply`).
    pub traits: Traits,
}

/// The type of a shape and what it refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeKind {
    /// Binary data.
    Blob,
    /// `true` / `false`.
    Boolean,
    /// UTF-8 text.
    String,
    /// 8-bit signed integer.
    Byte,
    /// 16-bit signed integer.
    Short,
    /// 32-bit signed integer.
    Integer,
    /// 64-bit signed integer.
    Long,
    /// 32-bit float.
    Float,
    /// 64-bit float.
    Double,
    /// Arbitrary precision integer.
    BigInteger,
    /// Arbitrary precision decimal.
    BigDecimal,
    /// An instant in time.
    Timestamp,
    /// Untyped, JSON-like data.
    Document,
    /// A closed set of strings; each member targets `smithy.api#Unit` and carries `enumValue`.
    Enum(Vec<Member>),
    /// A closed set of integers; each member carries an integer `enumValue`.
    IntEnum(Vec<Member>),
    /// An ordered collection.
    List(Box<Member>),
    /// A (Smithy 1.0) list of unique items.
    Set(Box<Member>),
    /// String keys to values.
    Map {
        /// The `key` member.
        key: Box<Member>,
        /// The `value` member.
        value: Box<Member>,
    },
    /// Named members in declaration order.
    Structure(Vec<Member>),
    /// Exactly one of its members.
    Union(Vec<Member>),
    /// An operation.
    Operation(Operation),
    /// A resource.
    Resource(Resource),
    /// A service.
    Service(Service),
}

/// A member of an aggregate shape, with its resolved target.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The member id (`ns#Shape$name`).
    pub id: ShapeId,
    /// The member name as written in the model.
    pub name: String,
    /// The shape the member targets (always present in the model).
    pub target: ShapeId,
    /// Traits applied to the member itself (not those of its target).
    pub traits: Traits,
}

/// An operation's references.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// Input structure; `smithy.api#Unit` when the model gives none.
    pub input: ShapeId,
    /// Output structure; `smithy.api#Unit` when the model gives none.
    pub output: ShapeId,
    /// Error structures, in model order.
    pub errors: Vec<ShapeId>,
}

/// A resource's references (kept so closures through resources can be walked).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resource {
    /// Identifier names to their target shapes.
    pub identifiers: BTreeMap<String, ShapeId>,
    /// Property names to their target shapes.
    pub properties: BTreeMap<String, ShapeId>,
    /// Lifecycle operations (create, put, read, update, delete, list), by lifecycle name.
    pub lifecycle: BTreeMap<String, ShapeId>,
    /// Instance operations.
    pub operations: Vec<ShapeId>,
    /// Collection operations.
    pub collection_operations: Vec<ShapeId>,
    /// Child resources.
    pub resources: Vec<ShapeId>,
}

/// A service's references.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Service {
    /// The `version` property.
    pub version: String,
    /// Operations bound directly to the service.
    pub operations: Vec<ShapeId>,
    /// Resources bound to the service.
    pub resources: Vec<ShapeId>,
    /// Service-wide errors, added to every operation's errors.
    pub errors: Vec<ShapeId>,
    /// `rename` map: shape id to the name used in this service's closure.
    pub rename: BTreeMap<ShapeId, String>,
}

impl Model {
    /// Looks up a shape (not a member) by id.
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// Every shape in id order, prelude included.
    pub fn shapes(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values()
    }

    /// The raw `metadata` section.
    pub fn metadata(&self) -> &BTreeMap<String, serde_json::Value> {
        &self.metadata
    }

    /// The services defined in the model (not the prelude), in id order.
    pub fn services(&self) -> impl Iterator<Item = (&Shape, &Service)> {
        self.shapes.values().filter_map(|shape| match &shape.kind {
            ShapeKind::Service(service) => Some((shape, service)),
            _ => None,
        })
    }
}

impl Shape {
    /// Members of an aggregate shape in model order (empty for simple shapes).
    pub fn members(&self) -> Vec<&Member> {
        match &self.kind {
            ShapeKind::Enum(members)
            | ShapeKind::IntEnum(members)
            | ShapeKind::Structure(members)
            | ShapeKind::Union(members) => members.iter().collect(),
            ShapeKind::List(member) | ShapeKind::Set(member) => vec![member],
            ShapeKind::Map { key, value } => vec![key, value],
            _ => Vec::new(),
        }
    }

    /// The JSON AST type name (`structure`, `intEnum`, …), for messages and dumps.
    pub fn type_name(&self) -> &'static str {
        self.kind.type_name()
    }
}

impl ShapeKind {
    /// The JSON AST type name of this kind.
    pub fn type_name(&self) -> &'static str {
        match self {
            ShapeKind::Blob => "blob",
            ShapeKind::Boolean => "boolean",
            ShapeKind::String => "string",
            ShapeKind::Byte => "byte",
            ShapeKind::Short => "short",
            ShapeKind::Integer => "integer",
            ShapeKind::Long => "long",
            ShapeKind::Float => "float",
            ShapeKind::Double => "double",
            ShapeKind::BigInteger => "bigInteger",
            ShapeKind::BigDecimal => "bigDecimal",
            ShapeKind::Timestamp => "timestamp",
            ShapeKind::Document => "document",
            ShapeKind::Enum(_) => "enum",
            ShapeKind::IntEnum(_) => "intEnum",
            ShapeKind::List(_) => "list",
            ShapeKind::Set(_) => "set",
            ShapeKind::Map { .. } => "map",
            ShapeKind::Structure(_) => "structure",
            ShapeKind::Union(_) => "union",
            ShapeKind::Operation(_) => "operation",
            ShapeKind::Resource(_) => "resource",
            ShapeKind::Service(_) => "service",
        }
    }
}
