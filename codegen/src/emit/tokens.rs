//! Small token helpers shared by the emitters: identifiers, doc attributes, deprecation.

use crate::ir::Deprecation;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// An identifier token, raw (`r#type`) when the IR says so.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc]` attributes for `text`, or for `fallback` when the model has no documentation
/// (every public item is documented: generated crates deny missing docs).
pub fn docs(text: &str, fallback: &str) -> TokenStream {
    let text = if text.trim().is_empty() {
        fallback
    } else {
        text
    };
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote! { #[doc = #line] }
    });
    quote! { #(#lines)* }
}

/// Extra paragraphs appended to documentation.
pub fn docs_with(text: &str, fallback: &str, extra: &str) -> TokenStream {
    let base = if text.trim().is_empty() {
        fallback
    } else {
        text
    };
    docs(&format!("{base}\n\n{extra}"), fallback)
}

/// `#[deprecated]` when the model says so.
pub fn deprecated(deprecation: &Option<Deprecation>) -> TokenStream {
    match deprecation {
        None => quote! {},
        Some(Deprecation {
            note: Some(note),
            since: Some(since),
        }) => {
            quote! { #[deprecated(note = #note, since = #since)] }
        }
        Some(Deprecation {
            note: Some(note),
            since: None,
        }) => quote! { #[deprecated(note = #note)] },
        Some(Deprecation {
            note: None,
            since: Some(since),
        }) => quote! { #[deprecated(since = #since)] },
        Some(Deprecation {
            note: None,
            since: None,
        }) => quote! { #[deprecated] },
    }
}
