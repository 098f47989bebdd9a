//! Errors: the impls that make an error structure an error (`Display`, `Error`, metadata),
//! one enum per operation (modelled errors + `Unhandled`), and the service-wide `Error`
//! every operation error converts into.

use super::runtime::{
    ERROR_SDK_ERROR, ERROR_STRUCT_IMPLS, ERROR_UNHANDLED_ERROR, OPERATION_ERROR_IMPLS,
};
use super::tokens::{docs, ident};
use crate::ir::{CrateIr, OperationIr, StructIr, StructRole};
use crate::model::ErrorFault;
use proc_macro2::TokenStream;
use quote::quote;

/// `Display`, `Error` and `ProvideErrorMetadata` for an error structure.
pub fn error_struct_impls(s: &StructIr) -> TokenStream {
    let name = ident(&s.name);
    let label = &s.wire_name;
    let fault = match s.role {
        StructRole::Error {
            fault: ErrorFault::Server,
            ..
        } => quote! { Server },
        _ => quote! { Client },
    };
    let status_doc = match s.role {
        StructRole::Error {
            http_status: Some(status),
            ..
        } => format!(" The HTTP status the service uses for this error: {status}."),
        _ => " The model gives this error no HTTP status.".to_owned(),
    };
    let status = match s.role {
        StructRole::Error {
            http_status: Some(status),
            ..
        } => quote! { ::std::option::Option::Some(#status) },
        _ => quote! { ::std::option::Option::None },
    };
    quote! {
        impl #name {
            #[doc = #status_doc]
            pub const MODELED_HTTP_STATUS: ::std::option::Option<u16> = #status;
            /// The error code on the wire.
            pub const CODE: &'static str = #label;
        }
        #ERROR_STRUCT_IMPLS!(#name, #label, #fault);
    }
}

/// The operation's error enum and its impls.
pub fn operation_error(op: &OperationIr) -> TokenStream {
    let name = ident(&op.error_enum);
    let doc = format!(
        " Everything the service may answer `{}` with, when it fails.",
        op.name
    );
    let variants = op.errors.iter().map(|error| {
        let variant = ident(&error.variant);
        let ty = ident(&error.type_name);
        let doc = docs(&error.docs, &format!("The `{}` error.", error.wire_name));
        quote! { #doc #variant(crate::error::#ty), }
    });
    let is_methods = op.errors.iter().map(|error| {
        let v = ident(&error.variant);
        let method = ident(&error.is_method);
        let doc = format!(" Whether this is a `{}`.", error.wire_name);
        quote! {
            #[doc = #doc]
            pub fn #method(&self) -> bool {
                ::std::matches!(self, #name::#v(_))
            }
        }
    });
    // The service-wide `Error` names its variants after the error structures.
    let into_service = op.errors.iter().map(|error| {
        let v = ident(&error.variant);
        let service_variant = ident(&error.type_name);
        quote! { #v => #service_variant, }
    });
    quote! {
        #[doc = #doc]
        #[non_exhaustive]
        #[derive(Debug)]
        pub enum #name {
            #(#variants)*
            /// An error the model does not describe (unknown code or unreadable body).
            Unhandled(#ERROR_UNHANDLED_ERROR),
        }
        impl #name {
            #(#is_methods)*
            /// Whether the error is not described by the model.
            pub fn is_unhandled(&self) -> bool {
                ::std::matches!(self, #name::Unhandled(_))
            }
        }
        #OPERATION_ERROR_IMPLS!(#name => crate::Error { #(#into_service)* });
    }
}

/// The service-wide error: every modelled error of the crate, unhandled service errors, and
/// failures that never reached the service.
pub fn service_error(ir: &CrateIr) -> TokenStream {
    let variants = ir.errors.values().map(|e| {
        let ty = ident(&e.name);
        let doc = docs(&e.docs, &format!("The `{}` error.", e.wire_name));
        quote! { #doc #ty(crate::error::#ty), }
    });
    let arms: Vec<TokenStream> = ir
        .errors
        .values()
        .map(|e| {
            let ty = ident(&e.name);
            quote! { Error::#ty(e) }
        })
        .collect();
    let sdk = &ir.service.sdk_id;
    let doc = format!(" Any error a call to {sdk} can end with.\n\nEvery operation error converts into it, and so does [`SdkError`](::smithy_runtime::error::SdkError), so `?` works across operations.");
    let doc = docs(&doc, "");
    quote! {
        #doc
        #[non_exhaustive]
        #[derive(Debug)]
        pub enum Error {
            #(#variants)*
            /// A service error the model does not describe.
            Unhandled(#ERROR_UNHANDLED_ERROR),
            /// The call failed before or after the service answered (invalid input, transport,
            /// timeout, unreadable response).
            Call(#ERROR_SDK_ERROR<#ERROR_UNHANDLED_ERROR>),
        }
        impl ::std::fmt::Display for Error {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#arms => ::std::fmt::Display::fmt(e, f),)*
                    Error::Unhandled(e) => ::std::fmt::Display::fmt(e, f),
                    Error::Call(e) => ::std::fmt::Display::fmt(e, f),
                }
            }
        }
        impl ::std::error::Error for Error {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #(#arms => ::std::option::Option::Some(e),)*
                    Error::Unhandled(e) => ::std::option::Option::Some(e),
                    Error::Call(e) => ::std::option::Option::Some(e),
                }
            }
        }
        impl<E: ::std::convert::Into<Error>> ::std::convert::From<#ERROR_SDK_ERROR<E>> for Error {
            fn from(error: #ERROR_SDK_ERROR<E>) -> Self {
                match error.into_service_error() {
                    ::std::result::Result::Ok(service) => service.into(),
                    ::std::result::Result::Err(other) => Error::Call(other.map_service_error(|_| {
                        #ERROR_UNHANDLED_ERROR::new(::std::default::Default::default())
                    })),
                }
            }
        }
    }
}
