//! Which JSON directions each type needs. A client writes inputs and reads outputs and errors,
//! so a type gets its serializer (`ToJson`) only when an input reaches it and its parser
//! (`FromJson`, `Zero`) only when an output or error reaches it. The other direction is still
//! generated, behind the crate's `json-round-trip` feature, for tests that write a value and
//! read it back.

use crate::ir::{CrateIr, RustType, StructIr, StructRole, TypeIr};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// The cargo feature of a generated crate that turns on both directions for every type.
pub const ROUND_TRIP_FEATURE: &str = "json-round-trip";

/// The directions one type needs by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Directions {
    /// `ToJson` is needed (an input reaches the type).
    pub write: bool,
    /// `FromJson` and `Zero` are needed (an output or error reaches the type).
    pub read: bool,
}

impl Directions {
    /// Both ways.
    pub const BOTH: Directions = Directions {
        write: true,
        read: true,
    };

    /// What a top-level structure needs, by its role; `None` for data types.
    pub fn of_role(role: StructRole) -> Option<Directions> {
        match role {
            StructRole::Input => Some(Directions {
                write: true,
                read: false,
            }),
            StructRole::Output | StructRole::Error { .. } => Some(Directions {
                write: false,
                read: true,
            }),
            StructRole::Data => None,
        }
    }

    /// The attribute to put on the `ToJson` impl: none when needed, else the feature gate.
    pub fn write_cfg(self) -> TokenStream {
        gate(self.write)
    }

    /// The attribute to put on the `FromJson` and `Zero` impls.
    pub fn read_cfg(self) -> TokenStream {
        gate(self.read)
    }
}

fn gate(needed: bool) -> TokenStream {
    if needed {
        quote! {}
    } else {
        quote! { #[cfg(feature = #ROUND_TRIP_FEATURE)] }
    }
}

/// The data types reached from inputs and from outputs/errors. The default knows no data
/// types (enough for inputs, outputs and errors, which go by role).
#[derive(Debug, Default)]
pub struct JsonRoles {
    written: BTreeSet<String>,
    read: BTreeSet<String>,
    /// Every type gets both directions, ungated.
    both_ways: bool,
}

impl JsonRoles {
    /// Both directions for every type, for a file `include!`d into a crate that declares no
    /// `json-round-trip` feature.
    pub fn both_ways() -> JsonRoles {
        JsonRoles {
            both_ways: true,
            ..JsonRoles::default()
        }
    }

    /// Walks every operation's input, output and every error of the crate.
    pub fn for_crate(ir: &CrateIr) -> JsonRoles {
        let by_name: BTreeMap<&str, &TypeIr> =
            ir.types.values().map(|ty| (type_name(ty), ty)).collect();
        let mut roles = JsonRoles::default();
        for op in &ir.operations {
            reach(&by_name, &op.input, &mut roles.written);
            reach(&by_name, &op.output, &mut roles.read);
        }
        for error in ir.errors.values() {
            reach(&by_name, error, &mut roles.read);
        }
        roles
    }

    /// The directions a structure needs: by role for inputs, outputs and errors, by
    /// reachability for data types.
    pub fn of_struct(&self, s: &StructIr) -> Directions {
        if self.both_ways {
            return Directions::BOTH;
        }
        Directions::of_role(s.role).unwrap_or_else(|| self.of_type(&s.name))
    }

    /// The directions a data type (by its Rust name) needs.
    pub fn of_type(&self, name: &str) -> Directions {
        if self.both_ways {
            return Directions::BOTH;
        }
        Directions {
            write: self.written.contains(name),
            read: self.read.contains(name),
        }
    }
}

fn type_name(ty: &TypeIr) -> &str {
    match ty {
        TypeIr::Struct(s) => &s.name,
        TypeIr::Union(u) => &u.name,
        TypeIr::Enum(e) | TypeIr::IntEnum(e) => &e.name,
    }
}

/// Adds every named type `from`'s fields reach, transitively, to `seen`.
fn reach(by_name: &BTreeMap<&str, &TypeIr>, from: &StructIr, seen: &mut BTreeSet<String>) {
    let mut pending: Vec<&RustType> = from.fields.iter().map(|f| &f.ty).collect();
    while let Some(ty) = pending.pop() {
        match ty {
            RustType::Named { name, .. } => {
                if !seen.insert(name.clone()) {
                    continue;
                }
                match by_name.get(name.as_str()) {
                    Some(TypeIr::Struct(s)) => pending.extend(s.fields.iter().map(|f| &f.ty)),
                    Some(TypeIr::Union(u)) => {
                        pending.extend(u.variants.iter().filter_map(|v| v.ty.as_ref()))
                    }
                    Some(TypeIr::Enum(_) | TypeIr::IntEnum(_)) | None => {}
                }
            }
            RustType::List { item, .. } => pending.push(item),
            RustType::Map { value, .. } => pending.push(value),
            _ => {}
        }
    }
}
