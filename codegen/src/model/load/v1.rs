//! Smithy 1.0 documents read with their 1.0 meaning, as Smithy 2 reads them.
//!
//! In 1.0 a boolean or number shape is non-nullable unless it carries `@box`, and so is a
//! structure member targeting one unless the member carries `@box`; 2.0 says the same with
//! `@default`. So, in 1.0 documents only: an unboxed boolean/number shape without a default
//! gets `@default(false)` / `@default(0)`, and an unboxed structure member whose target is
//! such a shape (in any document, the prelude's `PrimitiveInteger` & co. included) gets the
//! same default. `Integer`, `Boolean`, … of the prelude are boxed, so members targeting them
//! stay nullable. 2.0 documents are left as they are.

use crate::ast;
use serde_json::{json, Value};
use std::collections::BTreeMap;

const BOX: &str = "smithy.api#box";
const DEFAULT: &str = "smithy.api#default";

fn is_v1(document: &ast::Document) -> bool {
    matches!(document.smithy.as_str(), "1" | "1.0")
}

/// The zero value of a boolean or number shape type.
fn zero(shape: &ast::Shape) -> Option<Value> {
    match shape {
        ast::Shape::Boolean(_) => Some(Value::Bool(false)),
        ast::Shape::Byte(_)
        | ast::Shape::Short(_)
        | ast::Shape::Integer(_)
        | ast::Shape::Long(_)
        | ast::Shape::Float(_)
        | ast::Shape::Double(_) => Some(json!(0)),
        _ => None,
    }
}

/// Adds the defaults 1.0 implies (see the module documentation).
pub(super) fn upgrade(documents: &mut [ast::Document]) {
    if !documents.iter().any(is_v1) {
        return;
    }
    for document in documents.iter_mut().filter(|d| is_v1(d)) {
        for shape in document.shapes.values_mut() {
            let Some(value) = zero(shape) else { continue };
            let traits = shape.traits_mut();
            if !traits.contains_key(BOX) && !traits.contains_key(DEFAULT) {
                traits.insert(DEFAULT.to_owned(), value);
            }
        }
    }
    // Shapes whose members default to zero: unboxed boolean/number shapes with a default.
    let mut zero_targets: BTreeMap<String, Value> = BTreeMap::new();
    for document in documents.iter() {
        for (id, shape) in &document.shapes {
            let traits = shape.traits();
            if let (Some(value), false) = (zero(shape), traits.contains_key(BOX)) {
                if traits.get(DEFAULT).is_some_and(|d| *d == value) {
                    zero_targets.insert(id.clone(), value);
                }
            }
        }
    }
    for document in documents.iter_mut().filter(|d| is_v1(d)) {
        for shape in document.shapes.values_mut() {
            let ast::Shape::Structure(structure) = shape else {
                continue;
            };
            for member in structure.members.values_mut() {
                let Some(value) = zero_targets.get(&member.target) else {
                    continue;
                };
                if !member.traits.contains_key(BOX) && !member.traits.contains_key(DEFAULT) {
                    member.traits.insert(DEFAULT.to_owned(), value.clone());
                }
            }
        }
    }
}
