//! Paginators for `@paginated` operations: `<Op>FluentBuilder::into_paginator()` returns an
//! `<Op>Paginator` whose `pages()` (and, when the trait names a list of items, `items()`)
//! stream every page through `smithy_runtime::paginator`, feeding each response's token into
//! the next request. Emitted only for operations whose IR has pagination.

use super::runtime::{
    ERROR_SDK_ERROR, PAGINATOR_ITEMS, PAGINATOR_PAGES, PAGINATOR_PAGINATION_STREAM,
    PAGINATOR_PAGINATION_TOKEN,
};
use super::rust_type::value_type;
use super::tokens::ident;
use crate::ir::{CrateIr, NamedKind, OperationIr, PaginationIr, PathStep, RustType};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The paginator of `op` (nothing when it is not paginated), placed in the operation's module.
pub fn paginator(op: &OperationIr) -> TokenStream {
    let Some(pagination) = &op.pagination else {
        return quote! {};
    };
    let fluent = ident(&op.fluent_builder);
    let paginator = ident(&op.paginator);
    let marker = ident(&op.marker);
    let input = ident(&op.input.name);
    let input_builder = ident(&op.input.builder);
    let output = ident(&op.output.name);
    let error = ident(&op.error_enum);
    let sdk_error = quote! { #ERROR_SDK_ERROR<#error> };

    let token = value_type(&pagination.token);
    let set_token = set_token(&pagination.input_token, &token);
    let next_token = next_token(&pagination.output_token, &token);
    let token_member = pagination
        .output_token
        .iter()
        .map(|step| step.member.as_str())
        .collect::<Vec<_>>()
        .join(".");
    let page_size = page_size(pagination);
    let items = items(op, pagination, &sdk_error);

    let doc = format!(
        " Sends `{}` again and again, each request carrying the `{}` of the previous response, \
         until a response has none.\n\n Created by [`{fluent}::into_paginator`]. The stream \
         ends with an error (a [`Response`](::smithy_runtime::error::SdkError::Response) error \
         naming `{token_member}`) if the service hands out the same token twice.",
        op.name, pagination.input_token.member
    );
    let into_doc = format!(
        " Turns this call into a paginator over every page of `{}` results (the members set so \
         far are kept for every request).",
        op.name
    );
    let pages_doc = format!(
        " Every page, as an async stream of `{}` results. The input is built (and checked) once; \
         a missing required member is the stream's one item.",
        op.output.name
    );
    quote! {
        impl #fluent {
            #[doc = #into_doc]
            pub fn into_paginator(self) -> #paginator {
                #paginator { client: self.client, input: self.input }
            }
        }

        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct #paginator {
            client: crate::Client,
            input: #input_builder,
        }

        impl #paginator {
            #page_size

            #[doc = #pages_doc]
            pub fn pages(self) -> #PAGINATOR_PAGINATION_STREAM<::std::result::Result<#output, #sdk_error>> {
                let first = #fluent::build_input(self.input).map_err(#ERROR_SDK_ERROR::Validation);
                let client = self.client;
                #PAGINATOR_PAGES(
                    first,
                    move |input: #input| {
                        let client = client.clone();
                        async move { client.call::<#marker>(input).await }
                    },
                    #set_token,
                    #next_token,
                    #token_member,
                )
            }

            #items
        }
    }
}

/// `PaginationToken` for the structures some operation pages by (once per type).
pub fn token_impls(ir: &CrateIr) -> TokenStream {
    let structures: BTreeSet<&str> = ir
        .operations
        .iter()
        .filter_map(|op| match &op.pagination.as_ref()?.token {
            RustType::Named {
                name,
                kind: NamedKind::Struct,
                ..
            } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    let impls = structures.into_iter().map(|name| {
        let name = ident(name);
        quote! { impl #PAGINATOR_PAGINATION_TOKEN for #name {} }
    });
    quote! { #(#impls)* }
}

/// `fn(&mut Input, Token)` writing the token into the input.
fn set_token(step: &PathStep, token: &TokenStream) -> TokenStream {
    let field = ident(&step.ident);
    let value = if step.boxed {
        quote! { ::std::boxed::Box::new(token) }
    } else {
        quote! { token }
    };
    let value = if step.optional {
        quote! { ::std::option::Option::Some(#value) }
    } else {
        value
    };
    quote! {
        |input: &mut _, token: #token| {
            input.#field = #value;
        }
    }
}

/// `fn(&Output) -> Option<Token>` reading the next token, following the path.
fn next_token(path: &[PathStep], token: &TokenStream) -> TokenStream {
    let steps = path.iter().map(|step| {
        let field = ident(&step.ident);
        let reach = if step.optional {
            quote! { let value = value.#field.as_ref()?; }
        } else {
            quote! { let value = &value.#field; }
        };
        if step.boxed {
            quote! { #reach let value = &**value; }
        } else {
            reach
        }
    });
    quote! {
        |output: &_| -> ::std::option::Option<#token> {
            let value = output;
            #(#steps)*
            ::std::option::Option::Some(::std::clone::Clone::clone(value))
        }
    }
}

/// `page_size(n)`, when the trait names a page-size member.
fn page_size(pagination: &PaginationIr) -> TokenStream {
    let Some(size) = &pagination.page_size else {
        return quote! {};
    };
    let setter = ident(&size.field.ident);
    let ty = value_type(&size.ty);
    let doc = format!(
        " Asks for at most `size` results per page (sets `{}` on every request).",
        size.field.member
    );
    quote! {
        #[doc = #doc]
        pub fn page_size(mut self, size: #ty) -> Self {
            self.input = self.input.#setter(size);
            self
        }
    }
}

/// `items()`, when the trait names a list of items.
fn items(op: &OperationIr, pagination: &PaginationIr, sdk_error: &TokenStream) -> TokenStream {
    let Some(items) = &pagination.items else {
        return quote! {};
    };
    let output = ident(&op.output.name);
    let item = value_type(&items.item);
    // Owned access along the path: an absent optional step means no items.
    let mut lets = Vec::new();
    let mut expr = quote! { output };
    for step in &items.path {
        let field = ident(&step.ident);
        match (step.optional, step.boxed) {
            (true, boxed) => {
                lets.push(quote! {
                    let ::std::option::Option::Some(value) = #expr.#field else {
                        return ::std::vec::Vec::new();
                    };
                });
                if boxed {
                    lets.push(quote! { let value = *value; });
                }
                expr = quote! { value };
            }
            (false, true) => {
                lets.push(quote! { let value = *#expr.#field; });
                expr = quote! { value };
            }
            (false, false) => expr = quote! { #expr.#field },
        }
    }
    let collect = if items.sparse {
        quote! { #expr.into_iter().flatten().collect() }
    } else {
        expr
    };
    let member = items
        .path
        .iter()
        .map(|step| step.member.as_str())
        .collect::<Vec<_>>()
        .join(".");
    let doc =
        format!(" Every item of every page (the `{member}` of each response), as an async stream.");
    quote! {
        #[doc = #doc]
        pub fn items(self) -> #PAGINATOR_PAGINATION_STREAM<::std::result::Result<#item, #sdk_error>> {
            #PAGINATOR_ITEMS(self.pages(), |output: #output| -> ::std::vec::Vec<#item> {
                #(#lets)*
                #collect
            })
        }
    }
}
