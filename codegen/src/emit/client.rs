//! The client: a `Client` with one method per operation returning a fluent builder, and the
//! fluent builders themselves (placed in each operation's module).

use super::runtime::{
    CLIENT_CLIENT, CLIENT_CONFIG, ERROR_SDK_ERROR, OPERATION, VALIDATION_VALIDATION_ERROR,
    VALIDATION_VALIDATOR,
};
use super::rust_type::{stored_type, value_type};
use super::structs::{must_set, setter_param};
use super::tokens::{docs, ident};
use crate::ir::{CrateIr, FieldIr, OperationIr, RustType};
use proc_macro2::TokenStream;
use quote::quote;

/// `src/client.rs`.
pub fn client(ir: &CrateIr) -> TokenStream {
    let methods = ir.operations.iter().map(|op| {
        let method = ident(&op.module);
        let module = ident(&op.module);
        let fluent = ident(&op.fluent_builder);
        // Links go through the operation's module.
        let prefix = format!(
            "crate::operation::{}::",
            crate::ir::naming::unraw(&op.module)
        );
        let doc = super::tokens::docs_with(
            &op.docs,
            &format!("Calls `{}`.", op.name),
            &super::operation::errors_doc(op, &prefix),
        );
        let deprecation = super::tokens::deprecated(&op.deprecated);
        quote! {
            #doc
            #deprecation
            pub fn #method(&self) -> crate::operation::#module::#fluent {
                crate::operation::#module::#fluent::new(self.clone())
            }
        }
    });
    let sdk = &ir.service.sdk_id;
    let doc = format!(" A client for {sdk}.\n\nEach operation has a method returning a fluent builder; set the input members on it and call `send().await`. Prebuilt inputs go through [`Client::call`].");
    let doc = docs(&doc, "");
    quote! {
        #doc
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: #CLIENT_CLIENT,
        }
        impl Client {
            /// A client using `config` (region, endpoint, credentials, retries, timeouts, transport).
            pub fn new(config: #CLIENT_CONFIG) -> Self {
                Client { inner: #CLIENT_CLIENT::new(config) }
            }
            /// The configuration in use.
            pub fn config(&self) -> &#CLIENT_CONFIG {
                self.inner.config()
            }
            /// Sends a prebuilt input of operation `O`.
            pub async fn call<O: #OPERATION>(
                &self,
                input: O::Input,
            ) -> ::std::result::Result<O::Output, #ERROR_SDK_ERROR<O::Error>> {
                self.inner.call::<O>(input).await
            }
            #(#methods)*
        }
    }
}

/// The fluent builder of one operation (lives in the operation's module).
pub fn fluent_builder(op: &OperationIr) -> TokenStream {
    let fluent = ident(&op.fluent_builder);
    let marker = ident(&op.marker);
    let input = ident(&op.input.name);
    let input_builder = ident(&op.input.builder);
    let output = ident(&op.output.name);
    let error = ident(&op.error_enum);
    let setters = op.input.fields.iter().map(delegating_setters);
    // Every missing required member is reported at once, as a validation error naming it.
    let build = if op.input.fields.iter().any(must_set) {
        let checks = op.input.fields.iter().filter(|f| must_set(f)).map(|f| {
            let get = ident(&f.getter);
            let member = &f.member;
            quote! {
                if input.#get().is_none() {
                    validator.member(#member, #VALIDATION_VALIDATOR::required_missing);
                }
            }
        });
        quote! {
            let mut validator = #VALIDATION_VALIDATOR::default();
            #(#checks)*
            validator.finish()?;
            input.build().map_err(::std::convert::Into::into)
        }
    } else {
        quote! { ::std::result::Result::Ok(input.build()) }
    };
    let doc = format!(
        " Sets up and sends a `{}` call; created by [`Client::{}`](crate::Client::{}).",
        op.name,
        crate::ir::naming::unraw(&op.module),
        crate::ir::naming::unraw(&op.module)
    );
    let send_with_doc = format!(" Sends this input as a `{}` call with `client`.", op.name);
    // A `@streaming` input is read once: neither it nor a builder holding it can be cloned.
    let derive = if super::structs::streams(&op.input) {
        quote! { #[derive(Debug)] }
    } else {
        quote! { #[derive(Clone, Debug)] }
    };
    quote! {
        #[doc = #doc]
        #derive
        pub struct #fluent {
            client: crate::Client,
            input: #input_builder,
        }
        impl #fluent {
            pub(crate) fn new(client: crate::Client) -> Self {
                #fluent { client, input: ::std::default::Default::default() }
            }
            /// The input as built so far.
            pub fn as_input(&self) -> &#input_builder {
                &self.input
            }
            /// Builds the input (failing with a validation error naming every missing required
            /// member), validates it, and sends it.
            pub async fn send(self) -> ::std::result::Result<#output, #ERROR_SDK_ERROR<#error>> {
                let input = Self::build_input(self.input).map_err(#ERROR_SDK_ERROR::Validation)?;
                self.client.call::<#marker>(input).await
            }
            fn build_input(input: #input_builder) -> ::std::result::Result<#input, #VALIDATION_VALIDATION_ERROR> {
                #build
            }
            #(#setters)*
        }
        impl #input {
            #[doc = #send_with_doc]
            pub async fn send_with(self, client: &crate::Client) -> ::std::result::Result<#output, #ERROR_SDK_ERROR<#error>> {
                client.call::<#marker>(self).await
            }
        }
    }
}

fn delegating_setters(f: &FieldIr) -> TokenStream {
    let field = ident(&f.ident);
    let set = ident(&f.setter);
    let get = ident(&f.getter);
    let stored = stored_type(f);
    let doc = docs(&f.docs, &format!("The `{}` member.", f.member));
    let set_doc = format!(" Sets or clears the `{}` member.", f.member);
    let get_doc = format!(" The `{}` member as set so far.", f.member);
    let primary = match &f.ty {
        RustType::List { item, sparse, .. } => {
            let param = if *sparse {
                let item = value_type(item);
                quote! { ::std::option::Option<#item> }
            } else {
                setter_param(item, true)
            };
            quote! {
                #doc
                pub fn #field(mut self, item: #param) -> Self {
                    self.input = self.input.#field(item);
                    self
                }
            }
        }
        RustType::Map { value, sparse, .. } => {
            let param = if *sparse {
                let value = value_type(value);
                quote! { ::std::option::Option<#value> }
            } else {
                setter_param(value, true)
            };
            quote! {
                #doc
                pub fn #field(mut self, key: impl ::std::convert::Into<::std::string::String>, value: #param) -> Self {
                    self.input = self.input.#field(key, value);
                    self
                }
            }
        }
        ty => {
            let param = setter_param(ty, true);
            quote! {
                #doc
                pub fn #field(mut self, input: #param) -> Self {
                    self.input = self.input.#field(input);
                    self
                }
            }
        }
    };
    let deprecation = super::tokens::deprecated(&f.deprecated);
    quote! {
        #deprecation
        #primary
        #[doc = #set_doc]
        #deprecation
        pub fn #set(mut self, input: ::std::option::Option<#stored>) -> Self {
            self.input = self.input.#set(input);
            self
        }
        #[doc = #get_doc]
        #deprecation
        pub fn #get(&self) -> &::std::option::Option<#stored> {
            self.input.#get()
        }
    }
}
