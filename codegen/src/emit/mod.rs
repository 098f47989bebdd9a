//! IR → token streams, one emitter per concern, assembled here into the files of a crate.

mod client;
mod crate_files;
mod enums;
mod errors;
mod operation;
mod paginators;
mod rust_type;
mod serde_derive;
mod struct_json;
mod structs;
mod tokens;
mod unions;
mod validate;

pub use crate_files::CrateOptions;

use crate::ir::{CrateIr, TypeIr};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A generated file before formatting.
pub enum EmittedFile {
    /// Rust source to format.
    Rust(TokenStream),
    /// Text written as is.
    Text(String),
}

/// Every file of the crate, keyed by path relative to the crate root.
pub fn emit(
    ir: &CrateIr,
    options: &CrateOptions,
) -> Result<BTreeMap<PathBuf, EmittedFile>, String> {
    let mut files = BTreeMap::new();
    files.insert(
        PathBuf::from("Cargo.toml"),
        EmittedFile::Text(crate_files::cargo_toml(ir, options)),
    );
    files.insert(
        PathBuf::from("rustfmt.toml"),
        EmittedFile::Text(crate_files::RUSTFMT_TOML.to_owned()),
    );
    files.insert(
        PathBuf::from("src/lib.rs"),
        EmittedFile::Rust(crate_files::lib_rs(ir, options)),
    );
    files.insert(
        PathBuf::from("src/types.rs"),
        EmittedFile::Rust(types_file(ir)),
    );
    files.insert(
        PathBuf::from("src/error.rs"),
        EmittedFile::Rust(errors_file(ir)),
    );
    files.insert(
        PathBuf::from("src/client.rs"),
        EmittedFile::Rust(client::client(ir)),
    );
    files.insert(
        PathBuf::from("src/operation/mod.rs"),
        EmittedFile::Rust(crate_files::operation_mod(ir)),
    );
    for op in &ir.operations {
        let path = PathBuf::from(format!(
            "src/operation/{}.rs",
            crate::ir::naming::unraw(&op.module)
        ));
        files.insert(
            path,
            EmittedFile::Rust(operation::operation_module(ir, op)?),
        );
    }
    if let Some(rules) = &ir.service.endpoint_rule_set {
        files.insert(
            PathBuf::from("src/endpoint_rules.json"),
            EmittedFile::Text(crate_files::pretty_json(rules)),
        );
    }
    Ok(files)
}

fn types_file(ir: &CrateIr) -> TokenStream {
    let items = ir.types.values().map(|ty| match ty {
        TypeIr::Struct(s) => {
            let body = structs::structure(s);
            let json = struct_json::struct_json(s);
            let validate = validate::struct_validate(s);
            quote! { #body #json #validate }
        }
        TypeIr::Union(u) => {
            let body = unions::union(u);
            let validate = validate::union_validate(u);
            quote! { #body #validate }
        }
        TypeIr::Enum(e) => enums::string_enum(e),
        TypeIr::IntEnum(e) => enums::int_enum(e),
    });
    let tokens = paginators::token_impls(ir);
    quote! { #(#items)* #tokens }
}

fn errors_file(ir: &CrateIr) -> TokenStream {
    let items = ir.errors.values().map(|s| {
        let body = structs::structure(s);
        let json = struct_json::struct_json(s);
        let impls = errors::error_struct_impls(s);
        quote! { #body #json #impls }
    });
    quote! { #(#items)* }
}

pub(crate) use errors::service_error;
