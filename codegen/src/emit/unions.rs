//! Unions: one variant per member plus `Unknown`, which keeps the name of a member this
//! version of the crate does not know.

use super::json_roles::Directions;
use super::runtime::{
    ERROR_DESERIALIZE_ERROR, JSON_FROM_JSON, JSON_TO_JSON, JSON_UNION_MEMBER, JSON_VALUE,
    JSON_WRITER, JSON_ZERO, SENSITIVE_REDACTED,
};
use super::rust_type::{from_json, value_type, write_json};
use super::tokens::{deprecated, docs, ident};
use crate::ir::UnionIr;
use proc_macro2::TokenStream;
use quote::quote;

/// Everything generated for one union.
pub fn union(u: &UnionIr) -> TokenStream {
    let name = ident(&u.name);
    let doc = docs(&u.docs, &format!("The `{}` union.", u.id.name()));
    let deprecation = deprecated(&u.deprecated);
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let doc = docs(&v.docs, &format!("The `{}` member.", v.member));
        let rename = super::serde_derive::rename(&v.member);
        let doc = quote! { #doc #rename };
        match &v.ty {
            None => quote! { #doc #variant, },
            Some(ty) => {
                let ty = value_type(ty);
                let ty = if v.boxed {
                    quote! { ::std::boxed::Box<#ty> }
                } else {
                    ty
                };
                quote! { #doc #variant(#ty), }
            }
        }
    });
    let accessors = u.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let is = ident(&v.is_method);
        let is_doc = format!(" Whether this is the `{}` member.", v.member);
        let is_fn = match &v.ty {
            None => quote! { ::std::matches!(self, #name::#variant) },
            Some(_) => quote! { ::std::matches!(self, #name::#variant(_)) },
        };
        let as_fn = v.ty.as_ref().map(|ty| {
            let as_ = ident(&v.as_method);
            let ty = value_type(ty);
            let as_doc = format!(
                " The `{}` member's value, or `self` when another member is set.",
                v.member
            );
            let value = if v.boxed {
                quote! { &**value }
            } else {
                quote! { value }
            };
            quote! {
                #[doc = #as_doc]
                pub fn #as_(&self) -> ::std::result::Result<&#ty, &Self> {
                    match self {
                        #name::#variant(value) => ::std::result::Result::Ok(#value),
                        _ => ::std::result::Result::Err(self),
                    }
                }
            }
        });
        quote! {
            #[doc = #is_doc]
            pub fn #is(&self) -> bool {
                #is_fn
            }
            #as_fn
        }
    });
    let debug = debug_impl(u, &name);
    let serde_derive = super::serde_derive::derive();
    quote! {
        #doc
        #deprecation
        #[non_exhaustive]
        #[derive(Clone, PartialEq)]
        #serde_derive
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know (its name is kept).
            Unknown(::std::string::String),
        }
        impl #name {
            #(#accessors)*
            /// Whether the member is unknown to this version of the crate.
            pub fn is_unknown(&self) -> bool {
                ::std::matches!(self, #name::Unknown(_))
            }
        }
        #debug
    }
}

fn debug_impl(u: &UnionIr, name: &proc_macro2::Ident) -> TokenStream {
    let label = &u.name;
    let arms = u.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let variant_label = &v.ident;
        match &v.ty {
            None => quote! { #name::#variant => f.write_str(#variant_label), },
            Some(ty) if v.sensitive || u.sensitive || super::structs::is_sensitive_container(ty) => quote! {
                #name::#variant(_) => f.debug_tuple(#variant_label).field(&#SENSITIVE_REDACTED).finish(),
            },
            Some(_) => quote! { #name::#variant(value) => f.debug_tuple(#variant_label).field(value).finish(), },
        }
    });
    let _ = label;
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#arms)*
                    #name::Unknown(member) => f.debug_tuple("Unknown").field(member).finish(),
                }
            }
        }
    }
}

/// `ToJson`, `FromJson` and `Zero` for a union: one key per set member; an unknown key is
/// kept as `Unknown`.
pub fn union_json(u: &UnionIr, directions: Directions) -> TokenStream {
    let name = &ident(&u.name);
    let write_cfg = directions.write_cfg();
    let read_cfg = directions.read_cfg();
    let write_arms = u.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let member = &v.json_key;
        match &v.ty {
            None => quote! {
                #name::#variant => { object.key(#member).object().end(); }
            },
            Some(ty) => {
                let write = write_json(ty, quote! { object.key(#member) }, quote! { value });
                quote! { #name::#variant(value) => { #write; } }
            }
        }
    });
    let read_arms = u.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let member = &v.json_key;
        match &v.ty {
            None => quote! { #member => ::std::result::Result::Ok(#name::#variant), },
            Some(ty) => {
                let read = from_json(ty, quote! { value });
                let wrap = if v.boxed {
                    quote! { ::std::boxed::Box::new(parsed) }
                } else {
                    quote! { parsed }
                };
                quote! {
                    #member => {
                        let parsed = #read.map_err(|e| e.at_member(#member))?;
                        ::std::result::Result::Ok(#name::#variant(#wrap))
                    }
                }
            }
        }
    });
    quote! {
        #write_cfg
        impl #JSON_TO_JSON for #name {
            fn write_json(&self, out: &mut #JSON_WRITER) {
                let mut object = out.object();
                match self {
                    #(#write_arms)*
                    // Unknown members cannot be written back: their value was not kept.
                    #name::Unknown(_) => {}
                }
                object.end();
            }
        }
        #read_cfg
        impl #JSON_FROM_JSON for #name {
            fn from_json(value: &#JSON_VALUE) -> ::std::result::Result<Self, #ERROR_DESERIALIZE_ERROR> {
                match #JSON_UNION_MEMBER(value)? {
                    ::std::option::Option::None => ::std::result::Result::Err(#ERROR_DESERIALIZE_ERROR::new("a union must set exactly one member, found none")),
                    ::std::option::Option::Some((member, value)) => match member {
                        #(#read_arms)*
                        other => {
                            let _ = value;
                            ::std::result::Result::Ok(#name::Unknown(::std::string::String::from(other)))
                        }
                    },
                }
            }
        }
        #read_cfg
        impl #JSON_ZERO for #name {
            fn zero() -> Self {
                #name::Unknown(::std::string::String::new())
            }
        }
    }
}
