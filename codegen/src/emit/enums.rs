//! String and integer enums. Unknown values from the service are kept in an `Unknown`
//! variant and written back unchanged.

use super::runtime::{
    ERROR_DESERIALIZE_ERROR, JSON_FROM_JSON, JSON_READ_INTEGER, JSON_READ_STRING, JSON_TO_JSON,
    JSON_VALUE, JSON_WRITER, JSON_ZERO, SENSITIVE_REDACTED,
};
use super::tokens::{deprecated, docs, ident};
use crate::ir::EnumIr;
use proc_macro2::TokenStream;
use quote::quote;

/// A string enum.
pub fn string_enum(e: &EnumIr) -> TokenStream {
    let name = ident(&e.name);
    let doc = docs(&e.docs, &format!("The `{}` enum.", e.id.name()));
    let deprecation = deprecated(&e.deprecated);
    let variants = e.values.iter().map(|v| {
        let variant = ident(&v.ident);
        let value = &v.string;
        let doc = docs(&v.docs, &format!("The value `{value}`."));
        let deprecation = deprecated(&v.deprecated);
        quote! { #doc #deprecation #variant, }
    });
    let as_str = e.values.iter().map(|v| {
        let variant = ident(&v.ident);
        let value = &v.string;
        quote! { #name::#variant => #value, }
    });
    let from_str = e.values.iter().map(|v| {
        let variant = ident(&v.ident);
        let value = &v.string;
        quote! { #value => #name::#variant, }
    });
    let values = e.values.iter().map(|v| &v.string);
    let debug = sensitive_debug(&name, &e.name, e.sensitive);
    let serde = super::serde_derive::string_enum(&name);
    let derive_debug = if e.sensitive {
        quote! {}
    } else {
        quote! { Debug, }
    };
    quote! {
        #doc
        #deprecation
        #[non_exhaustive]
        #[derive(Clone, #derive_debug PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know; kept so it round-trips.
            Unknown(::std::string::String),
        }
        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str)*
                    #name::Unknown(value) => value.as_str(),
                }
            }
            /// Every value known to this version of the crate.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }
        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => #name::Unknown(::std::string::String::from(other)),
                }
            }
        }
        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                #name::from(value.as_str())
            }
        }
        #serde
        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(#name::from(value))
            }
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl #JSON_TO_JSON for #name {
            fn write_json(&self, out: &mut #JSON_WRITER) {
                out.string(self.as_str())
            }
        }
        impl #JSON_FROM_JSON for #name {
            fn from_json(value: &#JSON_VALUE) -> ::std::result::Result<Self, #ERROR_DESERIALIZE_ERROR> {
                #JSON_READ_STRING(value).map(#name::from)
            }
        }
        impl #JSON_ZERO for #name {
            fn zero() -> Self {
                #name::Unknown(::std::string::String::new())
            }
        }
        #debug
    }
}

/// An integer enum.
pub fn int_enum(e: &EnumIr) -> TokenStream {
    let name = ident(&e.name);
    let doc = docs(&e.docs, &format!("The `{}` integer enum.", e.id.name()));
    let deprecation = deprecated(&e.deprecated);
    let variants = e.values.iter().map(|v| {
        let variant = ident(&v.ident);
        let doc = docs(&v.docs, &format!("The value `{}`.", v.int));
        let deprecation = deprecated(&v.deprecated);
        quote! { #doc #deprecation #variant, }
    });
    let ints: Vec<i32> = e.values.iter().map(|v| v.int).collect();
    let as_i32 = e.values.iter().zip(&ints).map(|(v, int)| {
        let variant = ident(&v.ident);
        quote! { #name::#variant => #int, }
    });
    let from_i32 = e.values.iter().zip(&ints).map(|(v, int)| {
        let variant = ident(&v.ident);
        quote! { #int => #name::#variant, }
    });
    let debug = sensitive_debug(&name, &e.name, e.sensitive);
    let serde = super::serde_derive::int_enum(&name);
    let derive_debug = if e.sensitive {
        quote! {}
    } else {
        quote! { Debug, }
    };
    quote! {
        #doc
        #deprecation
        #[non_exhaustive]
        #[derive(Clone, Copy, #derive_debug PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know; kept so it round-trips.
            Unknown(i32),
        }
        impl #name {
            /// The value as sent on the wire.
            pub fn as_i32(&self) -> i32 {
                match self {
                    #(#as_i32)*
                    #name::Unknown(value) => *value,
                }
            }
            /// Every value known to this version of the crate.
            pub const fn values() -> &'static [i32] {
                &[#(#ints),*]
            }
        }
        impl ::std::convert::From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#from_i32)*
                    other => #name::Unknown(other),
                }
            }
        }
        #serde
        impl #JSON_TO_JSON for #name {
            fn write_json(&self, out: &mut #JSON_WRITER) {
                out.integer(self.as_i32())
            }
        }
        impl #JSON_FROM_JSON for #name {
            fn from_json(value: &#JSON_VALUE) -> ::std::result::Result<Self, #ERROR_DESERIALIZE_ERROR> {
                #JSON_READ_INTEGER::<i32>(value).map(#name::from)
            }
        }
        impl #JSON_ZERO for #name {
            fn zero() -> Self {
                #name::Unknown(0)
            }
        }
        #debug
    }
}

fn sensitive_debug(name: &proc_macro2::Ident, label: &str, sensitive: bool) -> TokenStream {
    if !sensitive {
        return quote! {};
    }
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_tuple(#label).field(&#SENSITIVE_REDACTED).finish()
            }
        }
    }
}
