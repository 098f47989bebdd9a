//! A lossless serde view of the Smithy JSON AST (one document, as written).
//!
//! Nothing here resolves references, applies the prelude or knows about Rust: ids are kept as
//! the strings found in the document, trait values as raw JSON, maps in document order, and any
//! property this view does not name is kept in the `extra` map of the object that holds it.
//!
//! The types derive `Serialize` and `Deserialize`, so a document can be read with `serde_json`
//! and written back. [`Document::from_json`] reads the same types but reports problems with the
//! JSON path of the offending value, which is what the model loader uses.

use crate::model::{LoadError, LoadErrorKind, ShapeId};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Trait values by trait id, in document order.
pub type TraitMap = Map<String, Value>;

/// Properties not named by this view, kept as written.
pub type Extra = Map<String, Value>;

/// Every value the `type` property of a shape may have, in the order of the Smithy spec.
pub const SHAPE_TYPES: &[&str] = &[
    "blob",
    "boolean",
    "string",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
    "document",
    "enum",
    "intEnum",
    "list",
    "set",
    "map",
    "structure",
    "union",
    "operation",
    "resource",
    "service",
    "member",
    "apply",
];

/// One JSON AST document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The IDL/AST version (`"2.0"`, `"1.0"`, …).
    pub smithy: String,
    /// Free-form metadata.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
    /// Shapes (and `apply` entries) keyed by shape id, in document order.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub shapes: IndexMap<String, Shape>,
    /// Top-level properties other than `smithy`, `metadata` and `shapes`.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One entry of `shapes`, by its `type`.
// Variants are not boxed: matching stays simple, and models hold only thousands of shapes.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Shape {
    /// `blob`.
    Blob(SimpleShape),
    /// `boolean`.
    Boolean(SimpleShape),
    /// `string`.
    String(SimpleShape),
    /// `byte`.
    Byte(SimpleShape),
    /// `short`.
    Short(SimpleShape),
    /// `integer`.
    Integer(SimpleShape),
    /// `long`.
    Long(SimpleShape),
    /// `float`.
    Float(SimpleShape),
    /// `double`.
    Double(SimpleShape),
    /// `bigInteger`.
    BigInteger(SimpleShape),
    /// `bigDecimal`.
    BigDecimal(SimpleShape),
    /// `timestamp`.
    Timestamp(SimpleShape),
    /// `document`.
    Document(SimpleShape),
    /// `enum`.
    Enum(MembersShape),
    /// `intEnum`.
    IntEnum(MembersShape),
    /// `list`.
    List(ListShape),
    /// `set` (Smithy 1.0).
    Set(ListShape),
    /// `map`.
    Map(MapShape),
    /// `structure`.
    Structure(MembersShape),
    /// `union`.
    Union(MembersShape),
    /// `operation`.
    Operation(OperationShape),
    /// `resource`.
    Resource(ResourceShape),
    /// `service`.
    Service(ServiceShape),
    /// `member`: only meaningful inside an aggregate; kept so such a document can be read.
    Member(MemberDef),
    /// `apply`: traits applied to a shape or member defined elsewhere.
    Apply(ApplyShape),
}

/// A shape with no members: the simple types.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SimpleShape {
    /// Traits by id.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub traits: TraitMap,
    /// Mixins, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<ShapeRef>,
    /// Other properties.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A shape with named members: `structure`, `union`, `enum`, `intEnum`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MembersShape {
    /// Members by name, in declaration order.
    #[serde(default)]
    pub members: IndexMap<String, MemberDef>,
    /// Traits by id.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub traits: TraitMap,
    /// Mixins, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<ShapeRef>,
    /// Other properties.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `list` and `set`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ListShape {
    /// The `member` (absent only when inherited from a mixin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<MemberDef>,
    /// Traits by id.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub traits: TraitMap,
    /// Mixins, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<ShapeRef>,
    /// Other properties.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `map`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MapShape {
    /// The `key` member (absent only when inherited from a mixin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<MemberDef>,
    /// The `value` member (absent only when inherited from a mixin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<MemberDef>,
    /// Traits by id.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub traits: TraitMap,
    /// Mixins, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<ShapeRef>,
    /// Other properties.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `operation`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OperationShape {
    /// Input structure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<ShapeRef>,
    /// Output structure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<ShapeRef>,
    /// Error structures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ShapeRef>,
    /// Traits by id.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub traits: TraitMap,
    /// Mixins, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<ShapeRef>,
    /// Other properties.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `resource`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceShape {
    /// Identifier names to target shapes.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub identifiers: IndexMap<String, ShapeRef>,
    /// Property names to target shapes.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub properties: IndexMap<String, ShapeRef>,
    /// `create` lifecycle operation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create: Option<ShapeRef>,
    /// `put` lifecycle operation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub put: Option<ShapeRef>,
    /// `read` lifecycle operation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read: Option<ShapeRef>,
    /// `update` lifecycle operation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update: Option<ShapeRef>,
    /// `delete` lifecycle operation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete: Option<ShapeRef>,
    /// `list` lifecycle operation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<ShapeRef>,
    /// Instance operations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<ShapeRef>,
    /// Collection operations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collection_operations: Vec<ShapeRef>,
    /// Child resources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<ShapeRef>,
    /// Traits by id.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub traits: TraitMap,
    /// Mixins, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<ShapeRef>,
    /// Other properties.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `service`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ServiceShape {
    /// The service version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Operations bound directly to the service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<ShapeRef>,
    /// Resources bound to the service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<ShapeRef>,
    /// Errors common to every operation of the service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ShapeRef>,
    /// Shape id to the name it takes inside this service.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub rename: IndexMap<String, String>,
    /// Traits by id.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub traits: TraitMap,
    /// Mixins, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mixins: Vec<ShapeRef>,
    /// Other properties.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `apply`: traits for a shape or member (`ns#Shape$member`) defined elsewhere.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ApplyShape {
    /// Traits by id.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub traits: TraitMap,
    /// Other properties.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A member definition: its target and its own traits.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MemberDef {
    /// The targeted shape id, as written.
    pub target: String,
    /// Traits by id.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub traits: TraitMap,
    /// Other properties.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A reference to another shape: `{"target": "ns#Name"}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ShapeRef {
    /// The referenced shape id, as written.
    pub target: String,
    /// Other properties.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Shape {
    /// The `type` of this entry as written in the AST.
    pub fn type_name(&self) -> &'static str {
        match self {
            Shape::Blob(_) => "blob",
            Shape::Boolean(_) => "boolean",
            Shape::String(_) => "string",
            Shape::Byte(_) => "byte",
            Shape::Short(_) => "short",
            Shape::Integer(_) => "integer",
            Shape::Long(_) => "long",
            Shape::Float(_) => "float",
            Shape::Double(_) => "double",
            Shape::BigInteger(_) => "bigInteger",
            Shape::BigDecimal(_) => "bigDecimal",
            Shape::Timestamp(_) => "timestamp",
            Shape::Document(_) => "document",
            Shape::Enum(_) => "enum",
            Shape::IntEnum(_) => "intEnum",
            Shape::List(_) => "list",
            Shape::Set(_) => "set",
            Shape::Map(_) => "map",
            Shape::Structure(_) => "structure",
            Shape::Union(_) => "union",
            Shape::Operation(_) => "operation",
            Shape::Resource(_) => "resource",
            Shape::Service(_) => "service",
            Shape::Member(_) => "member",
            Shape::Apply(_) => "apply",
        }
    }

    /// The traits written on this entry.
    pub fn traits(&self) -> &TraitMap {
        match self {
            Shape::Blob(s)
            | Shape::Boolean(s)
            | Shape::String(s)
            | Shape::Byte(s)
            | Shape::Short(s)
            | Shape::Integer(s)
            | Shape::Long(s)
            | Shape::Float(s)
            | Shape::Double(s)
            | Shape::BigInteger(s)
            | Shape::BigDecimal(s)
            | Shape::Timestamp(s)
            | Shape::Document(s) => &s.traits,
            Shape::Enum(s) | Shape::IntEnum(s) | Shape::Structure(s) | Shape::Union(s) => &s.traits,
            Shape::List(s) | Shape::Set(s) => &s.traits,
            Shape::Map(s) => &s.traits,
            Shape::Operation(s) => &s.traits,
            Shape::Resource(s) => &s.traits,
            Shape::Service(s) => &s.traits,
            Shape::Member(s) => &s.traits,
            Shape::Apply(s) => &s.traits,
        }
    }

    /// The traits written on this entry, to change them.
    pub fn traits_mut(&mut self) -> &mut TraitMap {
        match self {
            Shape::Blob(s)
            | Shape::Boolean(s)
            | Shape::String(s)
            | Shape::Byte(s)
            | Shape::Short(s)
            | Shape::Integer(s)
            | Shape::Long(s)
            | Shape::Float(s)
            | Shape::Double(s)
            | Shape::BigInteger(s)
            | Shape::BigDecimal(s)
            | Shape::Timestamp(s)
            | Shape::Document(s) => &mut s.traits,
            Shape::Enum(s) | Shape::IntEnum(s) | Shape::Structure(s) | Shape::Union(s) => {
                &mut s.traits
            }
            Shape::List(s) | Shape::Set(s) => &mut s.traits,
            Shape::Map(s) => &mut s.traits,
            Shape::Operation(s) => &mut s.traits,
            Shape::Resource(s) => &mut s.traits,
            Shape::Service(s) => &mut s.traits,
            Shape::Member(s) => &mut s.traits,
            Shape::Apply(s) => &mut s.traits,
        }
    }

    /// The mixins of this entry, in order (always empty for `member` and `apply`).
    pub fn mixins(&self) -> &[ShapeRef] {
        match self {
            Shape::Blob(s)
            | Shape::Boolean(s)
            | Shape::String(s)
            | Shape::Byte(s)
            | Shape::Short(s)
            | Shape::Integer(s)
            | Shape::Long(s)
            | Shape::Float(s)
            | Shape::Double(s)
            | Shape::BigInteger(s)
            | Shape::BigDecimal(s)
            | Shape::Timestamp(s)
            | Shape::Document(s) => &s.mixins,
            Shape::Enum(s) | Shape::IntEnum(s) | Shape::Structure(s) | Shape::Union(s) => &s.mixins,
            Shape::List(s) | Shape::Set(s) => &s.mixins,
            Shape::Map(s) => &s.mixins,
            Shape::Operation(s) => &s.mixins,
            Shape::Resource(s) => &s.mixins,
            Shape::Service(s) => &s.mixins,
            Shape::Member(_) | Shape::Apply(_) => &[],
        }
    }

    /// Properties of this entry that the view does not name.
    pub fn extra(&self) -> &Extra {
        match self {
            Shape::Blob(s)
            | Shape::Boolean(s)
            | Shape::String(s)
            | Shape::Byte(s)
            | Shape::Short(s)
            | Shape::Integer(s)
            | Shape::Long(s)
            | Shape::Float(s)
            | Shape::Double(s)
            | Shape::BigInteger(s)
            | Shape::BigDecimal(s)
            | Shape::Timestamp(s)
            | Shape::Document(s) => &s.extra,
            Shape::Enum(s) | Shape::IntEnum(s) | Shape::Structure(s) | Shape::Union(s) => &s.extra,
            Shape::List(s) | Shape::Set(s) => &s.extra,
            Shape::Map(s) => &s.extra,
            Shape::Operation(s) => &s.extra,
            Shape::Resource(s) => &s.extra,
            Shape::Service(s) => &s.extra,
            Shape::Member(s) => &s.extra,
            Shape::Apply(s) => &s.extra,
        }
    }

    /// The properties the Smithy spec defines for a shape of type `type_name` (besides `type`).
    pub fn known_properties(type_name: &str) -> &'static [&'static str] {
        match type_name {
            "enum" | "intEnum" | "structure" | "union" => &["type", "members", "traits", "mixins"],
            "list" | "set" => &["type", "member", "traits", "mixins"],
            "map" => &["type", "key", "value", "traits", "mixins"],
            "operation" => &["type", "input", "output", "errors", "traits", "mixins"],
            "resource" => &[
                "type",
                "identifiers",
                "properties",
                "create",
                "put",
                "read",
                "update",
                "delete",
                "list",
                "operations",
                "collectionOperations",
                "resources",
                "traits",
                "mixins",
            ],
            "service" => &[
                "type",
                "version",
                "operations",
                "resources",
                "errors",
                "rename",
                "traits",
                "mixins",
            ],
            "member" => &["target", "traits"],
            "apply" => &["type", "traits"],
            _ => &["type", "traits", "mixins"],
        }
    }
}

impl Document {
    /// Parses JSON text, reporting malformed JSON with its line and column.
    pub fn from_json(text: &str) -> Result<Document, LoadError> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            LoadError::new(
                None,
                "$",
                LoadErrorKind::MalformedJson {
                    line: e.line(),
                    column: e.column(),
                    message: strip_position(&e.to_string()),
                },
            )
        })?;
        Document::from_value(value)
    }

    /// Reads an already parsed JSON value, reporting the JSON path of any value of the wrong
    /// form. Unknown properties are kept in `extra`, not rejected.
    pub fn from_value(value: Value) -> Result<Document, LoadError> {
        let mut top = Fields::new(
            value,
            "$".to_owned(),
            None,
            "a JSON object (the model document)",
        )?;
        let smithy = top.string("smithy")?.ok_or_else(|| {
            top.error(
                "$.smithy".to_owned(),
                LoadErrorKind::MissingField {
                    field: "smithy",
                    why: "the document must say which Smithy version it uses",
                },
            )
        })?;
        let metadata = top.object("metadata")?.unwrap_or_default();
        let mut shapes = IndexMap::new();
        if let Some((value, path)) = top.take("shapes") {
            let Value::Object(entries) = value else {
                return Err(wrong_type(
                    None,
                    path,
                    "an object of shapes keyed by shape id",
                    &value,
                ));
            };
            for (key, value) in entries {
                let shape_path = path_quoted(&path, &key);
                let id = ShapeId::parse(&key).ok();
                let shape = read_shape(value, shape_path, id)?;
                shapes.insert(key, shape);
            }
        }
        Ok(Document {
            smithy,
            metadata,
            shapes,
            extra: top.rest(),
        })
    }
}

/// serde_json appends " at line L column C", which the diagnostic already says.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(cut) => message.get(..cut).unwrap_or(message).to_owned(),
        None => message.to_owned(),
    }
}

fn read_shape(value: Value, path: String, id: Option<ShapeId>) -> Result<Shape, LoadError> {
    let mut f = Fields::new(value, path, id, "a shape object with a `type`")?;
    let type_name = f.string("type")?.ok_or_else(|| {
        f.error(
            format!("{}.type", f.path),
            LoadErrorKind::MissingField {
                field: "type",
                why: "every shape says what type it is",
            },
        )
    })?;
    let shape = match type_name.as_str() {
        "blob" => Shape::Blob(f.simple()?),
        "boolean" => Shape::Boolean(f.simple()?),
        "string" => Shape::String(f.simple()?),
        "byte" => Shape::Byte(f.simple()?),
        "short" => Shape::Short(f.simple()?),
        "integer" => Shape::Integer(f.simple()?),
        "long" => Shape::Long(f.simple()?),
        "float" => Shape::Float(f.simple()?),
        "double" => Shape::Double(f.simple()?),
        "bigInteger" => Shape::BigInteger(f.simple()?),
        "bigDecimal" => Shape::BigDecimal(f.simple()?),
        "timestamp" => Shape::Timestamp(f.simple()?),
        "document" => Shape::Document(f.simple()?),
        "enum" => Shape::Enum(f.members_shape()?),
        "intEnum" => Shape::IntEnum(f.members_shape()?),
        "structure" => Shape::Structure(f.members_shape()?),
        "union" => Shape::Union(f.members_shape()?),
        "list" => Shape::List(f.list_shape()?),
        "set" => Shape::Set(f.list_shape()?),
        "map" => Shape::Map(MapShape {
            key: f.member("key")?,
            value: f.member("value")?,
            traits: f.traits()?,
            mixins: f.refs("mixins")?,
            extra: f.rest(),
        }),
        "operation" => Shape::Operation(OperationShape {
            input: f.one_ref("input")?,
            output: f.one_ref("output")?,
            errors: f.refs("errors")?,
            traits: f.traits()?,
            mixins: f.refs("mixins")?,
            extra: f.rest(),
        }),
        "resource" => Shape::Resource(ResourceShape {
            identifiers: f.ref_map("identifiers")?,
            properties: f.ref_map("properties")?,
            create: f.one_ref("create")?,
            put: f.one_ref("put")?,
            read: f.one_ref("read")?,
            update: f.one_ref("update")?,
            delete: f.one_ref("delete")?,
            list: f.one_ref("list")?,
            operations: f.refs("operations")?,
            collection_operations: f.refs("collectionOperations")?,
            resources: f.refs("resources")?,
            traits: f.traits()?,
            mixins: f.refs("mixins")?,
            extra: f.rest(),
        }),
        "service" => Shape::Service(ServiceShape {
            version: f.string("version")?,
            operations: f.refs("operations")?,
            resources: f.refs("resources")?,
            errors: f.refs("errors")?,
            rename: f.string_map("rename")?,
            traits: f.traits()?,
            mixins: f.refs("mixins")?,
            extra: f.rest(),
        }),
        "member" => Shape::Member(f.member_def()?),
        "apply" => Shape::Apply(ApplyShape {
            traits: f.traits()?,
            extra: f.rest(),
        }),
        _ => {
            let path = format!("{}.type", f.path);
            return Err(f.error(path, LoadErrorKind::UnknownShapeType { found: type_name }));
        }
    };
    Ok(shape)
}

fn wrong_type(
    shape: Option<&ShapeId>,
    path: String,
    expected: &'static str,
    found: &Value,
) -> LoadError {
    LoadError::new(
        shape,
        path,
        LoadErrorKind::WrongType {
            expected,
            found: json_type_name(found),
        },
    )
}

/// The properties of one JSON object being read, taken out one by one so that what is left
/// at the end is exactly the unknown properties.
struct Fields {
    map: Map<String, Value>,
    path: String,
    shape: Option<ShapeId>,
}

impl Fields {
    fn new(
        value: Value,
        path: String,
        shape: Option<ShapeId>,
        expected: &'static str,
    ) -> Result<Fields, LoadError> {
        match value {
            Value::Object(map) => Ok(Fields { map, path, shape }),
            other => Err(wrong_type(shape.as_ref(), path, expected, &other)),
        }
    }

    fn error(&self, path: String, kind: LoadErrorKind) -> LoadError {
        LoadError::new(self.shape.as_ref(), path, kind)
    }

    /// Removes a property, keeping the order of the others.
    fn take(&mut self, key: &str) -> Option<(Value, String)> {
        let value = self.map.shift_remove(key)?;
        Some((value, path_key(&self.path, key)))
    }

    fn rest(self) -> Extra {
        self.map
    }

    fn string(&mut self, key: &str) -> Result<Option<String>, LoadError> {
        match self.take(key) {
            None => Ok(None),
            Some((Value::String(text), _)) => Ok(Some(text)),
            Some((other, path)) => Err(wrong_type(self.shape.as_ref(), path, "a string", &other)),
        }
    }

    fn object(&mut self, key: &str) -> Result<Option<Map<String, Value>>, LoadError> {
        match self.take(key) {
            None => Ok(None),
            Some((Value::Object(map), _)) => Ok(Some(map)),
            Some((other, path)) => Err(wrong_type(self.shape.as_ref(), path, "an object", &other)),
        }
    }

    fn traits(&mut self) -> Result<TraitMap, LoadError> {
        match self.take("traits") {
            None => Ok(Map::new()),
            Some((Value::Object(map), _)) => Ok(map),
            Some((other, path)) => Err(wrong_type(
                self.shape.as_ref(),
                path,
                "an object of trait values keyed by trait id",
                &other,
            )),
        }
    }

    fn simple(&mut self) -> Result<SimpleShape, LoadError> {
        Ok(SimpleShape {
            traits: self.traits()?,
            mixins: self.refs("mixins")?,
            extra: self.rest_now(),
        })
    }

    fn members_shape(&mut self) -> Result<MembersShape, LoadError> {
        let mut members = IndexMap::new();
        if let Some((value, path)) = self.take("members") {
            let Value::Object(entries) = value else {
                return Err(wrong_type(
                    self.shape.as_ref(),
                    path,
                    "an object of members keyed by member name",
                    &value,
                ));
            };
            for (name, value) in entries {
                let member_path = path_key(&path, &name);
                let mut f = Fields::new(
                    value,
                    member_path,
                    self.shape.clone(),
                    "a member object with a `target`",
                )?;
                members.insert(name, f.member_def()?);
            }
        }
        Ok(MembersShape {
            members,
            traits: self.traits()?,
            mixins: self.refs("mixins")?,
            extra: self.rest_now(),
        })
    }

    fn list_shape(&mut self) -> Result<ListShape, LoadError> {
        Ok(ListShape {
            member: self.member("member")?,
            traits: self.traits()?,
            mixins: self.refs("mixins")?,
            extra: self.rest_now(),
        })
    }

    /// Moves the remaining properties out (for builders that borrow `self` mutably).
    fn rest_now(&mut self) -> Extra {
        std::mem::take(&mut self.map)
    }

    fn member(&mut self, key: &str) -> Result<Option<MemberDef>, LoadError> {
        match self.take(key) {
            None => Ok(None),
            Some((value, path)) => {
                let mut f = Fields::new(
                    value,
                    path,
                    self.shape.clone(),
                    "a member object with a `target`",
                )?;
                Ok(Some(f.member_def()?))
            }
        }
    }

    fn member_def(&mut self) -> Result<MemberDef, LoadError> {
        let target = self.string("target")?.ok_or_else(|| {
            self.error(
                format!("{}.target", self.path),
                LoadErrorKind::MissingField {
                    field: "target",
                    why: "a member must name the shape it targets",
                },
            )
        })?;
        Ok(MemberDef {
            target,
            traits: self.traits()?,
            extra: self.rest_now(),
        })
    }

    fn shape_ref(&self, value: Value, path: String) -> Result<ShapeRef, LoadError> {
        let mut f = Fields::new(
            value,
            path,
            self.shape.clone(),
            "a reference object such as {\"target\": \"ns#Name\"}",
        )?;
        let target = f.string("target")?.ok_or_else(|| {
            f.error(
                format!("{}.target", f.path),
                LoadErrorKind::MissingField {
                    field: "target",
                    why: "a shape reference must name the shape it refers to",
                },
            )
        })?;
        Ok(ShapeRef {
            target,
            extra: f.rest(),
        })
    }

    fn one_ref(&mut self, key: &str) -> Result<Option<ShapeRef>, LoadError> {
        match self.take(key) {
            None => Ok(None),
            Some((value, path)) => Ok(Some(self.shape_ref(value, path)?)),
        }
    }

    fn refs(&mut self, key: &str) -> Result<Vec<ShapeRef>, LoadError> {
        match self.take(key) {
            None => Ok(Vec::new()),
            Some((Value::Array(items), path)) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| self.shape_ref(item, path_index(&path, i)))
                .collect(),
            Some((other, path)) => Err(wrong_type(
                self.shape.as_ref(),
                path,
                "an array of shape references",
                &other,
            )),
        }
    }

    fn ref_map(&mut self, key: &str) -> Result<IndexMap<String, ShapeRef>, LoadError> {
        match self.take(key) {
            None => Ok(IndexMap::new()),
            Some((Value::Object(entries), path)) => entries
                .into_iter()
                .map(|(name, item)| {
                    let item_path = path_key(&path, &name);
                    Ok((name, self.shape_ref(item, item_path)?))
                })
                .collect(),
            Some((other, path)) => Err(wrong_type(
                self.shape.as_ref(),
                path,
                "an object of shape references keyed by name",
                &other,
            )),
        }
    }

    fn string_map(&mut self, key: &str) -> Result<IndexMap<String, String>, LoadError> {
        match self.take(key) {
            None => Ok(IndexMap::new()),
            Some((Value::Object(entries), path)) => entries
                .into_iter()
                .map(|(name, item)| match item {
                    Value::String(text) => Ok((name, text)),
                    other => {
                        let item_path = path_key(&path, &name);
                        Err(wrong_type(
                            self.shape.as_ref(),
                            item_path,
                            "a string",
                            &other,
                        ))
                    }
                })
                .collect(),
            Some((other, path)) => Err(wrong_type(
                self.shape.as_ref(),
                path,
                "an object of strings",
                &other,
            )),
        }
    }
}

/// Appends an object key to a JSON path: `.key` for identifier-like keys, `["key"]` otherwise.
pub(crate) fn path_key(base: &str, key: &str) -> String {
    let plain = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        format!("{base}.{key}")
    } else {
        path_quoted(base, key)
    }
}

/// Appends an object key to a JSON path always as `["key"]` (used for shape ids, so that
/// every shape reads the same whatever its id looks like).
pub(crate) fn path_quoted(base: &str, key: &str) -> String {
    // serde_json escapes quotes and control characters; it cannot fail on a &str.
    let quoted = serde_json::to_string(key).unwrap_or_else(|_| format!("\"{key}\""));
    format!("{base}[{quoted}]")
}

/// Appends an array index to a JSON path.
pub(crate) fn path_index(base: &str, index: usize) -> String {
    format!("{base}[{index}]")
}

/// The JSON type of a value, with its article, for messages.
pub(crate) fn json_type_name(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_use_dots_for_identifiers_and_brackets_otherwise() {
        assert_eq!(path_key("$", "members"), "$.members");
        assert_eq!(path_key("$", "not-ident"), "$[\"not-ident\"]");
        assert_eq!(
            path_key("$", "smithy.api#length"),
            "$[\"smithy.api#length\"]"
        );
        assert_eq!(path_quoted("$.shapes", "Foo"), "$.shapes[\"Foo\"]");
        assert_eq!(path_quoted("$.shapes", "a\"b"), "$.shapes[\"a\\\"b\"]");
        assert_eq!(path_index("$.errors", 2), "$.errors[2]");
    }

    #[test]
    fn parser_positions_are_not_repeated_in_the_message() {
        assert_eq!(
            strip_position("expected value at line 1 column 2"),
            "expected value"
        );
        assert_eq!(strip_position("EOF"), "EOF");
    }

    #[test]
    fn unknown_properties_are_kept_in_extra() {
        let value = serde_json::json!({ "smithy": "2.0", "x-top": 1, "shapes": {
            "ns#S": { "type": "structure", "members": { "m": { "target": "ns#T", "x-member": true } }, "x-shape": "kept" }
        } });
        let document = Document::from_value(value.clone()).unwrap();
        assert_eq!(document.extra.get("x-top"), Some(&serde_json::json!(1)));
        let Some(Shape::Structure(shape)) = document.shapes.get("ns#S") else {
            panic!("a structure")
        };
        assert_eq!(shape.extra.get("x-shape"), Some(&serde_json::json!("kept")));
        assert_eq!(
            shape.members.get("m").unwrap().extra.get("x-member"),
            Some(&serde_json::json!(true))
        );
        assert_eq!(serde_json::to_value(&document).unwrap(), value);
    }
}
