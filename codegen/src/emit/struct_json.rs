//! JSON for structures: `ToJson` (absent members omitted), `FromJson` (unknown keys ignored,
//! `null` read as absent, missing required members zero-filled), and `Zero`.

use super::json_roles::Directions;
use super::runtime::{
    ERROR_DESERIALIZE_ERROR, JSON_FROM_JSON, JSON_MEMBER, JSON_OBJECT, JSON_TO_JSON, JSON_VALUE,
    JSON_WRITER, JSON_ZERO,
};
use super::rust_type::{default_value, is_copy, reader, write_json};
use super::tokens::ident;
use crate::ir::{FieldIr, RustType, StructIr, StructRole};
use proc_macro2::TokenStream;
use quote::quote;

/// `ToJson`, `FromJson` and `Zero` for one structure.
pub fn struct_json(s: &StructIr, directions: Directions) -> TokenStream {
    let name = ident(&s.name);
    let write_cfg = directions.write_cfg();
    let read_cfg = directions.read_cfg();
    let writes = s.fields.iter().map(write_field);
    let reads = s.fields.iter().map(read_field);
    let zeros = s.fields.iter().map(zero_field);
    let meta = match s.role {
        StructRole::Output | StructRole::Error { .. } => {
            quote! { _meta: ::std::default::Default::default(), }
        }
        _ => quote! {},
    };
    let fields: Vec<TokenStream> = s
        .fields
        .iter()
        .map(|f| {
            let field = ident(&f.ident);
            let local = local(f);
            quote! { #field: #local, }
        })
        .collect();
    // Nothing is written when every member is a `@streaming` payload (or there are none).
    let write_binding = if s.fields.iter().all(|f| f.ty == RustType::ByteStream) {
        quote! { let object }
    } else {
        quote! { let mut object }
    };
    quote! {
        #write_cfg
        impl #JSON_TO_JSON for #name {
            fn write_json(&self, out: &mut #JSON_WRITER) {
                #write_binding = out.object();
                #(#writes)*
                object.end();
            }
        }
        #read_cfg
        impl #JSON_FROM_JSON for #name {
            fn from_json(value: &#JSON_VALUE) -> ::std::result::Result<Self, #ERROR_DESERIALIZE_ERROR> {
                // Each member is read into a local first: `?` inside one big struct literal
                // makes rustc's cleanup code (and compile time) quadratic in the member count.
                let _object = #JSON_OBJECT(value)?;
                #(#reads)*
                ::std::result::Result::Ok(#name {
                    #(#fields)*
                    #meta
                })
            }
        }
        #read_cfg
        impl #JSON_ZERO for #name {
            fn zero() -> Self {
                #name {
                    #(#zeros)*
                    #meta
                }
            }
        }
    }
}

fn write_field(f: &FieldIr) -> TokenStream {
    if f.ty == RustType::ByteStream {
        // A `@streaming` payload is the whole HTTP body, never part of a JSON document.
        return quote! {};
    }
    let field = ident(&f.ident);
    let key = &f.json_key;
    let write = write_json(&f.ty, quote! { object.key(#key) }, quote! { value });
    if f.optional {
        quote! {
            if let ::std::option::Option::Some(value) = &self.#field {
                #write;
            }
        }
    } else {
        quote! {
            {
                let value = &self.#field;
                #write;
            }
        }
    }
}

/// The local a member is read into: prefixed, so no member name can shadow `_object` or be
/// a name clippy refuses for bindings (`foo`).
pub(super) fn local(f: &FieldIr) -> proc_macro2::Ident {
    quote::format_ident!("member_{}", crate::ir::naming::method_base(&f.ident))
}

fn read_field(f: &FieldIr) -> TokenStream {
    let field = local(f);
    if f.ty == RustType::ByteStream {
        // Never in a JSON document: the member starts empty, like an absent one.
        let value = if f.optional {
            quote! { ::std::option::Option::None }
        } else {
            fallback(f)
        };
        return quote! { let #field = #value; };
    }
    let key = &f.json_key;
    let read = reader(&f.ty);
    let boxed = if f.boxed {
        quote! { .map(::std::boxed::Box::new) }
    } else {
        quote! {}
    };
    let present = quote! { #JSON_MEMBER(_object, #key, #read)? #boxed };
    if f.optional {
        quote! { let #field = #present; }
    } else {
        match f.default.as_ref() {
            // A literal of a `Copy` type is cheap: no closure (clippy prefers this).
            Some(_) if is_copy(&f.ty) && !f.boxed => {
                let value = fallback(f);
                quote! { let #field = #present.unwrap_or(#value); }
            }
            Some(_) => {
                let value = fallback(f);
                let or = super::rust_type::unwrap_or(&value);
                quote! { let #field = #present #or; }
            }
            None => {
                quote! { let #field = #present.unwrap_or_else(#JSON_ZERO::zero); }
            }
        }
    }
}

/// What a non-optional member takes when absent: its `@default`, else the zero value.
fn fallback(f: &FieldIr) -> TokenStream {
    let value = f
        .default
        .as_ref()
        .map(|d| default_value(&f.ty, d))
        .unwrap_or_else(|| quote! { #JSON_ZERO::zero() });
    if f.boxed && f.default.is_some() {
        quote! { ::std::boxed::Box::new(#value) }
    } else {
        value
    }
}

fn zero_field(f: &FieldIr) -> TokenStream {
    let field = ident(&f.ident);
    if f.optional {
        quote! { #field: ::std::option::Option::None, }
    } else {
        let fallback = fallback(f);
        quote! { #field: #fallback, }
    }
}
