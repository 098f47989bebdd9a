//! The opt-in `serde` feature of generated crates: `Serialize` and `Deserialize` on data types,
//! inputs and outputs (never builders or error structures), all behind
//! `#[cfg(feature = "serde")]` so a crate built without the feature carries no trace of it.
//!
//! Members are renamed to their model names, so a value serialized to JSON looks like the
//! service's own JSON (blobs as base64, timestamps as RFC 3339 text, as the runtime's `serde`
//! feature writes them). Response metadata is not serialized. Enums are their wire value.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The derive on a structure or union.
pub fn derive() -> TokenStream {
    quote! { #[cfg_attr(feature = "serde", derive(::serde::Serialize, ::serde::Deserialize))] }
}

/// A field or variant keeps its model name.
pub fn rename(member: &str) -> TokenStream {
    quote! { #[cfg_attr(feature = "serde", serde(rename = #member))] }
}

/// A field that is not data (response metadata): skipped, defaulted when reading.
pub fn skip() -> TokenStream {
    quote! { #[cfg_attr(feature = "serde", serde(skip))] }
}

/// A string enum is its wire value; unknown values come back as `Unknown`.
pub fn string_enum(name: &Ident) -> TokenStream {
    quote! {
        #[cfg(feature = "serde")]
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        #[cfg(feature = "serde")]
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <::std::string::String as ::serde::Deserialize>::deserialize(deserializer).map(#name::from)
            }
        }
    }
}

/// An integer enum is its wire value; unknown values come back as `Unknown`.
pub fn int_enum(name: &Ident) -> TokenStream {
    quote! {
        #[cfg(feature = "serde")]
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i32(self.as_i32())
            }
        }
        #[cfg(feature = "serde")]
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <i32 as ::serde::Deserialize>::deserialize(deserializer).map(#name::from)
            }
        }
    }
}
