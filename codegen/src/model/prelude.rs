//! The built-in Smithy prelude: the value shapes of `smithy.api` that every model may use
//! without defining them.
//!
//! Trait definitions of the prelude are not modelled: traits are kept by id, and their values
//! are checked by [`super::Traits::parse`] for the traits the generator acts on.

use super::{Model, ShapeId};
use crate::ast;
use serde_json::{json, Value};

/// The prelude namespace.
pub(crate) const NAMESPACE: &str = "smithy.api";

/// The name given to the prelude in diagnostics.
pub(crate) const SOURCE_NAME: &str = "the Smithy prelude";

/// Prelude value shapes: name, AST type, and the `smithy.api#default` value when it has one.
const VALUE_SHAPES: &[(&str, &str, Option<DefaultValue>)] = &[
    ("String", "string", None),
    ("Blob", "blob", None),
    ("BigInteger", "bigInteger", None),
    ("BigDecimal", "bigDecimal", None),
    ("Timestamp", "timestamp", None),
    ("Document", "document", None),
    ("Boolean", "boolean", None),
    ("Byte", "byte", None),
    ("Short", "short", None),
    ("Integer", "integer", None),
    ("Long", "long", None),
    ("Float", "float", None),
    ("Double", "double", None),
    ("PrimitiveBoolean", "boolean", Some(DefaultValue::False)),
    ("PrimitiveByte", "byte", Some(DefaultValue::Zero)),
    ("PrimitiveShort", "short", Some(DefaultValue::Zero)),
    ("PrimitiveInteger", "integer", Some(DefaultValue::Zero)),
    ("PrimitiveLong", "long", Some(DefaultValue::Zero)),
    ("PrimitiveFloat", "float", Some(DefaultValue::Zero)),
    ("PrimitiveDouble", "double", Some(DefaultValue::Zero)),
    ("Unit", "structure", None),
];

#[derive(Clone, Copy)]
enum DefaultValue {
    False,
    Zero,
}

/// The prelude value shapes as an AST document, loaded before any user document so that
/// user documents cannot redefine them (an identical definition is tolerated, as for any
/// duplicate).
pub(crate) fn document() -> ast::Document {
    let mut shapes = indexmap::IndexMap::new();
    for (name, type_name, default) in VALUE_SHAPES {
        let mut traits = ast::TraitMap::new();
        if let Some(default) = default {
            let value = match default {
                DefaultValue::False => Value::Bool(false),
                DefaultValue::Zero => json!(0),
            };
            traits.insert("smithy.api#default".to_owned(), value);
        }
        let shape = match *type_name {
            "string" => ast::Shape::String(simple(traits)),
            "blob" => ast::Shape::Blob(simple(traits)),
            "bigInteger" => ast::Shape::BigInteger(simple(traits)),
            "bigDecimal" => ast::Shape::BigDecimal(simple(traits)),
            "timestamp" => ast::Shape::Timestamp(simple(traits)),
            "document" => ast::Shape::Document(simple(traits)),
            "boolean" => ast::Shape::Boolean(simple(traits)),
            "byte" => ast::Shape::Byte(simple(traits)),
            "short" => ast::Shape::Short(simple(traits)),
            "integer" => ast::Shape::Integer(simple(traits)),
            "long" => ast::Shape::Long(simple(traits)),
            "float" => ast::Shape::Float(simple(traits)),
            "double" => ast::Shape::Double(simple(traits)),
            _ => {
                // `Unit`: the empty structure marking "no value".
                traits.insert("smithy.api#unitType".to_owned(), json!({}));
                ast::Shape::Structure(ast::MembersShape {
                    traits,
                    ..Default::default()
                })
            }
        };
        shapes.insert(format!("{NAMESPACE}#{name}"), shape);
    }
    ast::Document {
        smithy: "2.0".to_owned(),
        metadata: serde_json::Map::new(),
        shapes,
        extra: serde_json::Map::new(),
    }
}

fn simple(traits: ast::TraitMap) -> ast::SimpleShape {
    ast::SimpleShape {
        traits,
        ..Default::default()
    }
}

impl Model {
    /// Whether `id` names one of the built-in prelude value shapes (`smithy.api#String`,
    /// `smithy.api#Unit`, …). Member ids are judged by their enclosing shape.
    pub fn is_prelude(id: &ShapeId) -> bool {
        id.namespace() == NAMESPACE && VALUE_SHAPES.iter().any(|(name, _, _)| *name == id.name())
    }

    /// The id of `smithy.api#Unit`, the "no value" shape of operations without input or output
    /// and of enum members.
    pub fn unit_id() -> ShapeId {
        ShapeId::new(NAMESPACE, "Unit")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prelude_shape_is_recognised() {
        let document = document();
        assert_eq!(document.shapes.len(), VALUE_SHAPES.len());
        for key in document.shapes.keys() {
            assert!(Model::is_prelude(&ShapeId::parse(key).unwrap()), "{key}");
        }
        assert!(!Model::is_prelude(&ShapeId::new(
            "smithy.api",
            "documentation"
        )));
        assert!(!Model::is_prelude(&ShapeId::new("ns", "String")));
    }
}
