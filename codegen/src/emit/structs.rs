//! Structures: the type, its accessors, a `Debug` that redacts `@sensitive` members, and its
//! builder (`build()` names a missing required member; `new(required…)` is a shortcut).

use super::runtime::{
    BLOB, BYTE_STREAM, ERROR_BUILD_ERROR, ERROR_ERROR_METADATA, ERROR_RESPONSE_METADATA,
    SENSITIVE_REDACTED,
};
use super::rust_type::{default_value, field_type, is_copy, stored_type, value_type};
use super::tokens::{deprecated, docs, ident};
use crate::ir::{FieldIr, RustType, StructIr, StructRole};
use proc_macro2::TokenStream;
use quote::quote;

/// Everything generated for one structure.
pub fn structure(s: &StructIr) -> TokenStream {
    let definition = definition(s);
    let accessors = accessors(s);
    let debug = debug_impl(
        &ident(&s.name),
        &s.name,
        s.sensitive,
        &s.fields,
        quote! { self. },
        meta_debug(s),
    );
    let equality = partial_eq(s);
    let builder = builder(s);
    quote! { #definition #accessors #debug #equality #builder }
}

/// Whether the structure holds a `@streaming` payload: a stream is read once, so such a
/// structure (and its builder) is neither `Clone` nor `PartialEq`, nor serde data.
pub(super) fn streams(s: &StructIr) -> bool {
    s.fields.iter().any(|f| f.ty == RustType::ByteStream)
}

fn has_meta(s: &StructIr) -> bool {
    matches!(s.role, StructRole::Output | StructRole::Error { .. })
}

fn definition(s: &StructIr) -> TokenStream {
    let name = ident(&s.name);
    let doc = docs(&s.docs, &format!("The `{}` structure.", s.id.name()));
    let deprecation = deprecated(&s.deprecated);
    // Error structures stay out of the `serde` feature (their metadata is not data).
    let serde = !matches!(s.role, StructRole::Error { .. }) && !streams(s);
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.ident);
        let ty = field_type(f);
        let rename = if serde {
            super::serde_derive::rename(&f.member)
        } else {
            quote! {}
        };
        quote! { #rename pub(crate) #field: #ty, }
    });
    let meta = match s.role {
        StructRole::Output => {
            let skip = super::serde_derive::skip();
            quote! { #skip pub(crate) _meta: #ERROR_RESPONSE_METADATA, }
        }
        StructRole::Error { .. } => {
            quote! { pub(crate) _meta: #ERROR_ERROR_METADATA, }
        }
        _ => quote! {},
    };
    let derive = if streams(s) {
        quote! {}
    } else if has_meta(s) {
        quote! { #[derive(Clone)] }
    } else {
        quote! { #[derive(Clone, PartialEq)] }
    };
    let serde_derive = if serde {
        super::serde_derive::derive()
    } else {
        quote! {}
    };
    quote! {
        #doc
        #deprecation
        #[non_exhaustive]
        #derive
        #serde_derive
        pub struct #name {
            #(#fields)*
            #meta
        }
    }
}

/// Outputs and errors compare their modelled members only, not response metadata.
fn partial_eq(s: &StructIr) -> TokenStream {
    if !has_meta(s) || streams(s) {
        return quote! {};
    }
    let name = ident(&s.name);
    let comparisons: Vec<TokenStream> = s
        .fields
        .iter()
        .map(|f| {
            let field = ident(&f.ident);
            quote! { self.#field == other.#field }
        })
        .collect();
    let (other, body) = if comparisons.is_empty() {
        (quote! { _other }, quote! { true })
    } else {
        (quote! { other }, quote! { #(#comparisons)&&* })
    };
    quote! {
        impl ::std::cmp::PartialEq for #name {
            fn eq(&self, #other: &Self) -> bool {
                #body
            }
        }
    }
}

/// The accessor's return type and body for a field.
fn accessor(f: &FieldIr) -> (TokenStream, TokenStream) {
    let field = ident(&f.ident);
    let value = value_type(&f.ty);
    let (by_ref, convert) = match &f.ty {
        RustType::String | RustType::BigNumber => (quote! { &str }, quote! { .as_str() }),
        RustType::List { item, sparse, .. } => {
            let item = value_type(item);
            let item = if *sparse {
                quote! { ::std::option::Option<#item> }
            } else {
                item
            };
            (quote! { &[#item] }, quote! { .as_slice() })
        }
        ty if is_copy(ty) => (value.clone(), quote! {}),
        _ => (quote! { &#value }, quote! {}),
    };
    let copy = is_copy(&f.ty);
    // A required boxed field is a `Box<T>`: one `*` reaches the `T`, and a `&Box<T>`
    // coerces to the `&T` the accessor returns.
    let deref = if f.boxed {
        quote! { * }
    } else {
        quote! {}
    };
    match (f.optional, copy) {
        (false, true) => (by_ref, quote! { #deref self.#field }),
        (false, false) => {
            if convert.is_empty() {
                (by_ref, quote! { &self.#field })
            } else {
                (by_ref, quote! { self.#field #convert })
            }
        }
        (true, true) => {
            let body = if f.boxed {
                quote! { self.#field.as_deref().copied() }
            } else {
                quote! { self.#field }
            };
            (quote! { ::std::option::Option<#by_ref> }, body)
        }
        (true, false) => {
            let body = if f.boxed {
                quote! { self.#field.as_deref() }
            } else if convert.is_empty() {
                quote! { self.#field.as_ref() }
            } else {
                quote! { self.#field.as_deref() }
            };
            (quote! { ::std::option::Option<#by_ref> }, body)
        }
    }
}

fn accessors(s: &StructIr) -> TokenStream {
    let name = ident(&s.name);
    let builder = ident(&s.builder);
    let methods = s.fields.iter().map(|f| {
        let method = ident(&f.ident);
        let (ty, body) = accessor(f);
        let doc = docs(&f.docs, &format!("The `{}` member.", f.member));
        let deprecation = deprecated(&f.deprecated);
        quote! {
            #doc
            #deprecation
            pub fn #method(&self) -> #ty {
                #body
            }
        }
    });
    let builder_doc = format!(" A builder for [`{}`].", s.name);
    let new = new_shortcut(s);
    let stream_methods = s
        .fields
        .iter()
        .filter(|f| f.ty == RustType::ByteStream)
        .map(stream_accessors);
    quote! {
        impl #name {
            #(#methods)*
            #(#stream_methods)*
            #[doc = #builder_doc]
            pub fn builder() -> #builder {
                #builder::default()
            }
            #new
        }
    }
}

/// `<member>_mut` and `into_<member>` for a `@streaming` payload: reading chunks needs the
/// stream mutably or by value.
fn stream_accessors(f: &FieldIr) -> TokenStream {
    let field = ident(&f.ident);
    let mutable = quote::format_ident!("{}_mut", f.ident.trim_start_matches("r#"));
    let into = quote::format_ident!("into_{}", f.ident.trim_start_matches("r#"));
    let member = &f.member;
    let mut_doc = format!(" The `{member}` stream, to read its chunks as they arrive.");
    let into_doc = format!(" Takes the `{member}` stream out of the structure.");
    let (mut_ty, mut_body, into_ty) = if f.optional {
        (
            quote! { ::std::option::Option<&mut #BYTE_STREAM> },
            quote! { self.#field.as_mut() },
            quote! { ::std::option::Option<#BYTE_STREAM> },
        )
    } else {
        (
            quote! { &mut #BYTE_STREAM },
            quote! { &mut self.#field },
            quote! { #BYTE_STREAM },
        )
    };
    quote! {
        #[doc = #mut_doc]
        pub fn #mutable(&mut self) -> #mut_ty {
            #mut_body
        }
        #[doc = #into_doc]
        pub fn #into(self) -> #into_ty {
            self.#field
        }
    }
}

/// Fields the builder must be given (required, no default, not optional).
pub(super) fn must_set(f: &FieldIr) -> bool {
    !f.optional && f.default.is_none()
}

/// Most positional arguments `new` takes: clippy's `too_many_arguments` limit. A structure
/// with more required members is built with its builder only.
const MAX_NEW_ARGUMENTS: usize = 7;

/// `new(required…)`: every required member as an argument, every other member unset.
fn new_shortcut(s: &StructIr) -> TokenStream {
    let required: Vec<&FieldIr> = s.fields.iter().filter(|f| must_set(f)).collect();
    if required.is_empty() || required.len() > MAX_NEW_ARGUMENTS || has_meta(s) {
        return quote! {};
    }
    let params = required.iter().map(|f| {
        let arg = ident(&f.ident);
        let ty = setter_param(&f.ty, true);
        quote! { #arg: #ty }
    });
    let names: Vec<String> = required.iter().map(|f| format!("`{}`", f.member)).collect();
    let doc = format!(
        " A value with the required members {} set and every other member unset.",
        names.join(", ")
    );
    let defaults = s.fields.iter().filter(|f| !must_set(f)).map(|f| {
        let field = ident(&f.ident);
        let value = field_default(f);
        quote! { #field: #value, }
    });
    let assign = required.iter().map(|f| {
        let field = ident(&f.ident);
        let convert = setter_convert(&f.ty, quote! { #field }, true);
        if f.boxed {
            quote! { #field: ::std::boxed::Box::new(#convert), }
        } else if field == convert.to_string() {
            quote! { #field, }
        } else {
            quote! { #field: #convert, }
        }
    });
    quote! {
        #[doc = #doc]
        pub fn new(#(#params),*) -> Self {
            Self { #(#assign)* #(#defaults)* }
        }
    }
}

/// The value of an unset, non-required field: `None` or its `@default`.
fn field_default(f: &FieldIr) -> TokenStream {
    if f.optional {
        return quote! { ::std::option::Option::None };
    }
    let value = f
        .default
        .as_ref()
        .map(|d| default_value(&f.ty, d))
        .unwrap_or_else(|| quote! { ::std::default::Default::default() });
    if f.boxed {
        quote! { ::std::boxed::Box::new(#value) }
    } else {
        value
    }
}

/// The parameter type a setter takes for a value of `ty`.
pub(super) fn setter_param(ty: &RustType, into: bool) -> TokenStream {
    match ty {
        RustType::String | RustType::BigNumber if into => {
            quote! { impl ::std::convert::Into<::std::string::String> }
        }
        RustType::Blob if into => quote! { impl ::std::convert::Into<#BLOB> },
        RustType::ByteStream if into => quote! { impl ::std::convert::Into<#BYTE_STREAM> },
        RustType::Named { .. } if into => {
            let value = value_type(ty);
            quote! { impl ::std::convert::Into<#value> }
        }
        other => value_type(other),
    }
}

pub(super) fn setter_convert(ty: &RustType, arg: TokenStream, into: bool) -> TokenStream {
    match ty {
        RustType::String
        | RustType::BigNumber
        | RustType::Blob
        | RustType::ByteStream
        | RustType::Named { .. }
            if into =>
        {
            quote! { #arg.into() }
        }
        _ => arg,
    }
}

/// `Debug` listing every field, printing a redaction marker for sensitive ones.
pub fn debug_impl(
    name: &proc_macro2::Ident,
    label: &str,
    whole_sensitive: bool,
    fields: &[FieldIr],
    access: TokenStream,
    extra: TokenStream,
) -> TokenStream {
    if whole_sensitive {
        return quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_tuple(#label).field(&#SENSITIVE_REDACTED).finish()
                }
            }
        };
    }
    let entries = fields.iter().map(|f| {
        let field = ident(&f.ident);
        let key = crate::ir::naming::unraw(&f.ident);
        if f.sensitive || is_sensitive_container(&f.ty) {
            quote! { debug.field(#key, &#SENSITIVE_REDACTED); }
        } else {
            quote! { debug.field(#key, &#access #field); }
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let mut debug = f.debug_struct(#label);
                #(#entries)*
                #extra
                debug.finish()
            }
        }
    }
}

/// Lists and maps whose items (or keys) are sensitive are redacted whole.
pub(super) fn is_sensitive_container(ty: &RustType) -> bool {
    match ty {
        RustType::List {
            item,
            item_sensitive,
            ..
        } => *item_sensitive || is_sensitive_container(item),
        RustType::Map {
            value,
            value_sensitive,
            key_sensitive,
            ..
        } => *key_sensitive || *value_sensitive || is_sensitive_container(value),
        _ => false,
    }
}

fn meta_debug(s: &StructIr) -> TokenStream {
    match s.role {
        StructRole::Error { .. } => quote! { debug.field("meta", &self._meta); },
        _ => quote! {},
    }
}

fn builder(s: &StructIr) -> TokenStream {
    let name = ident(&s.name);
    let builder = ident(&s.builder);
    let doc = format!(" Builds a [`{}`].", s.name);
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.ident);
        let ty = stored_type(f);
        quote! { #field: ::std::option::Option<#ty>, }
    });
    let setters = s.fields.iter().map(setters);
    let debug = debug_impl(
        &builder,
        &s.builder,
        s.sensitive,
        &s.fields,
        quote! { self. },
        quote! {},
    );
    let build = build_method(s, &name);
    let derive = if streams(s) {
        quote! { #[derive(Default)] }
    } else {
        quote! { #[derive(Clone, Default, PartialEq)] }
    };
    quote! {
        #[doc = #doc]
        #derive
        pub struct #builder {
            #(#fields)*
        }
        impl #builder {
            #(#setters)*
            #build
        }
        #debug
    }
}

fn setters(f: &FieldIr) -> TokenStream {
    let field = ident(&f.ident);
    let set = ident(&f.setter);
    let get = ident(&f.getter);
    let stored = stored_type(f);
    let member = &f.member;
    let deprecation = deprecated(&f.deprecated);
    let doc = docs(&f.docs, &format!("The `{member}` member."));
    let required_note = if must_set(f) { " Required." } else { "" };
    let set_doc = format!(" Sets or clears the `{member}` member.{required_note}");
    let get_doc = format!(" The `{member}` member as set so far.");
    let wrap = |v: TokenStream| {
        if f.boxed {
            quote! { ::std::boxed::Box::new(#v) }
        } else {
            v
        }
    };
    let primary = match &f.ty {
        RustType::List { item, sparse, .. } => {
            let (param, convert) = if *sparse {
                let item = value_type(item);
                (quote! { ::std::option::Option<#item> }, quote! { item })
            } else {
                (
                    setter_param(item, true),
                    setter_convert(item, quote! { item }, true),
                )
            };
            let add_doc = format!(" Appends one item to the `{member}` list.");
            let push = if f.boxed {
                quote! { let mut list = self.#field.take().map(|b| *b).unwrap_or_default(); list.push(#convert); self.#field = ::std::option::Option::Some(::std::boxed::Box::new(list)); }
            } else {
                quote! { self.#field.get_or_insert_with(::std::vec::Vec::new).push(#convert); }
            };
            quote! {
                #[doc = #add_doc]
                #doc
                #deprecation
                pub fn #field(mut self, item: #param) -> Self {
                    #push
                    self
                }
            }
        }
        RustType::Map { value, sparse, .. } => {
            let (param, convert) = if *sparse {
                let value = value_type(value);
                (quote! { ::std::option::Option<#value> }, quote! { value })
            } else {
                (
                    setter_param(value, true),
                    setter_convert(value, quote! { value }, true),
                )
            };
            let add_doc = format!(" Adds one entry to the `{member}` map.");
            let insert = if f.boxed {
                quote! { let mut map = self.#field.take().map(|b| *b).unwrap_or_default(); map.insert(key.into(), #convert); self.#field = ::std::option::Option::Some(::std::boxed::Box::new(map)); }
            } else {
                quote! { self.#field.get_or_insert_with(::std::collections::HashMap::new).insert(key.into(), #convert); }
            };
            quote! {
                #[doc = #add_doc]
                #doc
                #deprecation
                pub fn #field(mut self, key: impl ::std::convert::Into<::std::string::String>, value: #param) -> Self {
                    #insert
                    self
                }
            }
        }
        ty => {
            let param = setter_param(ty, true);
            let value = wrap(setter_convert(ty, quote! { input }, true));
            quote! {
                #doc
                #deprecation
                pub fn #field(mut self, input: #param) -> Self {
                    self.#field = ::std::option::Option::Some(#value);
                    self
                }
            }
        }
    };
    quote! {
        #primary
        #[doc = #set_doc]
        #deprecation
        pub fn #set(mut self, input: ::std::option::Option<#stored>) -> Self {
            self.#field = input;
            self
        }
        #[doc = #get_doc]
        #deprecation
        pub fn #get(&self) -> &::std::option::Option<#stored> {
            &self.#field
        }
    }
}

fn build_method(s: &StructIr, name: &proc_macro2::Ident) -> TokenStream {
    let fallible = s.fields.iter().any(must_set);
    let shape = s.id.name();
    // Required members are taken into locals first: `?` inside one big struct literal makes
    // rustc's cleanup code (and compile time) quadratic in the member count.
    let required = s.fields.iter().filter(|f| must_set(f)).map(|f| {
        let field = ident(&f.ident);
        let local = super::struct_json::local(f);
        let member = &f.member;
        quote! {
            let #local = self.#field.ok_or_else(|| #ERROR_BUILD_ERROR::missing_member(#shape, #member))?;
        }
    });
    let assign = s.fields.iter().map(|f| {
        let field = ident(&f.ident);
        if f.optional {
            quote! { #field: self.#field, }
        } else if must_set(f) {
            let local = super::struct_json::local(f);
            quote! { #field: #local, }
        } else {
            let default = field_default(f);
            match &f.default {
                // A literal of a `Copy` type is cheap: no closure (clippy prefers this).
                Some(_) if is_copy(&f.ty) && !f.boxed => {
                    quote! { #field: self.#field.unwrap_or(#default), }
                }
                Some(_) => {
                    let or = super::rust_type::unwrap_or(&default);
                    quote! { #field: self.#field #or, }
                }
                None if !f.boxed => quote! { #field: self.#field.unwrap_or_default(), },
                None => quote! { #field: self.#field.unwrap_or_else(|| #default), },
            }
        }
    });
    let meta = match s.role {
        StructRole::Output | StructRole::Error { .. } => {
            quote! { _meta: ::std::default::Default::default(), }
        }
        _ => quote! {},
    };
    if fallible {
        let doc = format!(
            " Builds the [`{}`]; fails naming the first required member that was not set.",
            s.name
        );
        quote! {
            #[doc = #doc]
            pub fn build(self) -> ::std::result::Result<#name, #ERROR_BUILD_ERROR> {
                #(#required)*
                ::std::result::Result::Ok(#name { #(#assign)* #meta })
            }
        }
    } else {
        let doc = format!(" Builds the [`{}`].", s.name);
        quote! {
            #[doc = #doc]
            pub fn build(self) -> #name {
                #name { #(#assign)* #meta }
            }
        }
    }
}
