//! IR → token streams, one emitter per concern, assembled here into the files of a crate.

mod client;
mod crate_files;
mod enums;
mod errors;
mod json_roles;
mod operation;
mod paginators;
mod protocol;
mod runtime;
mod rust_type;
mod serde_derive;
mod struct_json;
mod structs;
mod tokens;
mod unions;
mod validate;

use crate::ir::{CrateIr, OperationIr, StructIr, TypeIr};
use crate::{Layout, Settings};
use proc_macro2::TokenStream;
use quote::quote;
use runtime::{ERROR_PROVIDE_RESPONSE_METADATA, ERROR_RESPONSE_METADATA};
use std::path::PathBuf;

/// A generated file before formatting.
pub enum EmittedFile {
    /// Rust source to format.
    Rust(TokenStream),
    /// Text written as is.
    Text(String),
}

/// How to emit one file. Emitting is deferred so the generator can emit and format files on
/// several threads: token streams cannot cross threads, the finished text can.
pub type FileJob<'a> = Box<dyn Fn() -> EmittedFile + Send + Sync + 'a>;

fn job<'a>(emit: impl Fn() -> EmittedFile + Send + Sync + 'a) -> FileJob<'a> {
    Box::new(emit)
}

/// Every file of the crate with its path relative to the crate root (one file, `include.rs`,
/// for [`Layout::IncludeFile`]). The costliest files come first, so that threads taking jobs
/// in order finish close together.
pub fn emit<'a>(ir: &'a CrateIr, settings: &'a Settings) -> Vec<(PathBuf, FileJob<'a>)> {
    match settings.get_layout() {
        Layout::Crate => crate_layout(ir, settings),
        Layout::IncludeFile => vec![(
            PathBuf::from("include.rs"),
            job(move || {
                EmittedFile::Rust(crate_files::include_file(
                    ir,
                    // The including crate declares no `json-round-trip` feature: both ways.
                    types_file(ir, &json_roles::JsonRoles::both_ways()),
                    errors_file(ir, &json_roles::JsonRoles::both_ways()),
                    client::client(ir),
                    ir.operations
                        .iter()
                        .map(|op| {
                            let roles = json_roles::JsonRoles::both_ways();
                            (op, operation_module(ir, op, &roles))
                        })
                        .collect(),
                ))
            }),
        )],
    }
}

fn crate_layout<'a>(ir: &'a CrateIr, settings: &'a Settings) -> Vec<(PathBuf, FileJob<'a>)> {
    let mut files: Vec<(PathBuf, FileJob<'a>)> = vec![
        (
            PathBuf::from("src/types.rs"),
            job(move || EmittedFile::Rust(types_file(ir, &json_roles::JsonRoles::for_crate(ir)))),
        ),
        (
            PathBuf::from("src/error.rs"),
            job(move || EmittedFile::Rust(errors_file(ir, &json_roles::JsonRoles::default()))),
        ),
        (
            PathBuf::from("src/client.rs"),
            job(move || EmittedFile::Rust(client::client(ir))),
        ),
    ];
    for op in &ir.operations {
        let path = PathBuf::from(format!(
            "src/operation/{}.rs",
            crate::ir::naming::unraw(&op.module)
        ));
        files.push((
            path,
            job(move || {
                EmittedFile::Rust(operation_module(ir, op, &json_roles::JsonRoles::default()))
            }),
        ));
    }
    files.push((
        PathBuf::from("src/lib.rs"),
        job(move || EmittedFile::Rust(crate_files::lib_rs(ir))),
    ));
    files.push((
        PathBuf::from("src/operation/mod.rs"),
        job(move || EmittedFile::Rust(crate_files::operation_mod(ir))),
    ));
    files.push((
        PathBuf::from("Cargo.toml"),
        job(move || EmittedFile::Text(crate_files::cargo_toml(ir, settings))),
    ));
    files.push((
        PathBuf::from("rustfmt.toml"),
        job(|| EmittedFile::Text(crate_files::RUSTFMT_TOML.to_owned())),
    ));
    if let Some(rules) = &ir.service.endpoint_rule_set {
        files.push((
            PathBuf::from("src/endpoint_rules.json"),
            job(move || EmittedFile::Text(crate_files::pretty_json(rules))),
        ));
    }
    files
}

/// `roles`: which JSON directions each type gets (see `json_roles`).
fn types_file(ir: &CrateIr, roles: &json_roles::JsonRoles) -> TokenStream {
    let protocol = protocol::for_service(&ir.service);
    let items = ir.types.values().map(|ty| match ty {
        TypeIr::Struct(s) => {
            let body = structs::structure(s);
            let codec = protocol.structure_codec(s, roles.of_struct(s));
            let validate = validate::struct_validate(s);
            quote! { #body #codec #validate }
        }
        TypeIr::Union(u) => {
            let body = unions::union(u);
            let codec = protocol.union_codec(u, roles.of_type(&u.name));
            let validate = validate::union_validate(u);
            quote! { #body #codec #validate }
        }
        TypeIr::Enum(e) => enums::string_enum(e),
        TypeIr::IntEnum(e) => enums::int_enum(e),
    });
    let tokens = paginators::token_impls(ir);
    quote! { #(#items)* #tokens }
}

fn errors_file(ir: &CrateIr, roles: &json_roles::JsonRoles) -> TokenStream {
    let protocol = protocol::for_service(&ir.service);
    let items = ir.errors.values().map(|s| {
        let body = structs::structure(s);
        let codec = protocol.structure_codec(s, roles.of_struct(s));
        let impls = errors::error_struct_impls(s);
        quote! { #body #codec #impls }
    });
    quote! { #(#items)* }
}

/// The module of one operation: its input and output (with builders), its error enum, the
/// marker type implementing `Operation`, the fluent builder and, when paginated, the paginator.
fn operation_module(ir: &CrateIr, op: &OperationIr, roles: &json_roles::JsonRoles) -> TokenStream {
    let protocol = protocol::for_service(&ir.service);
    let input = io_struct(protocol, &op.input, roles);
    let output = io_struct(protocol, &op.output, roles);
    let output_name = tokens::ident(&op.output.name);
    let error = errors::operation_error(op);
    let marker = operation::operation_impl(ir, op);
    let fluent = client::fluent_builder(op);
    let paginator = paginators::paginator(op);
    quote! {
        #input
        #output
        impl #ERROR_PROVIDE_RESPONSE_METADATA for #output_name {
            fn response_metadata(&self) -> &#ERROR_RESPONSE_METADATA {
                &self._meta
            }
            fn response_metadata_mut(&mut self) -> &mut #ERROR_RESPONSE_METADATA {
                &mut self._meta
            }
        }
        #error
        #marker
        #fluent
        #paginator
    }
}

fn io_struct(
    protocol: &dyn protocol::ProtocolEmitter,
    s: &StructIr,
    roles: &json_roles::JsonRoles,
) -> TokenStream {
    let body = structs::structure(s);
    let codec = protocol.structure_codec(s, roles.of_struct(s));
    let validate = validate::struct_validate(s);
    quote! { #body #codec #validate }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    /// Every `.rs` file under `dir`, with its depth below `emit/` (0 for `emit/x.rs`).
    fn rust_files(dir: &Path, depth: usize, out: &mut Vec<(usize, std::path::PathBuf)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, depth + 1, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((depth, path));
            }
        }
    }

    /// The emitter modules and the sibling modules each one names (`super::x`,
    /// `crate::emit::x`), everything under `protocol/` counting as `protocol`.
    fn imports() -> BTreeMap<String, BTreeSet<String>> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/emit");
        let mut found = Vec::new();
        rust_files(&dir, 0, &mut found);
        // (top-level module, depth, file)
        let files: Vec<(std::ffi::OsString, usize, std::path::PathBuf)> = found
            .into_iter()
            .map(|(depth, path)| {
                let relative = path.strip_prefix(&dir).unwrap().to_owned();
                let first = relative.components().next().unwrap().as_os_str().to_owned();
                let module = if depth == 0 {
                    path.file_stem().unwrap().to_owned()
                } else {
                    first
                };
                (module, depth, path)
            })
            .collect();
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (module, depth, path) in files {
            let module = module.to_string_lossy().into_owned();
            if module == "mod" {
                continue; // the assembler: it may name every emitter
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // `super::` reaches `emit` from depth 0, `super::super::` from depth 1, …
            let up = "super::".repeat(depth + 1);
            let prefixes = ["crate::emit::", up.as_str()];
            let entry = graph.entry(module.clone()).or_default();
            for prefix in prefixes {
                for (at, _) in text.match_indices(prefix) {
                    let rest = &text[at + prefix.len()..];
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    let sibling =
                        dir.join(format!("{name}.rs")).is_file() || dir.join(&name).is_dir();
                    if !name.is_empty() && name != module && sibling {
                        entry.insert(name);
                    }
                }
            }
        }
        graph
    }

    #[test]
    fn no_two_emitters_import_each_other() {
        let graph = imports();
        assert!(
            graph["client"].contains("operation"),
            "the scan sees imports: {graph:?}"
        );
        // No cycle of any length: a depth-first search never meets a module on its own path.
        fn visit<'a>(
            graph: &'a BTreeMap<String, BTreeSet<String>>,
            module: &'a str,
            path: &mut Vec<&'a str>,
        ) {
            if let Some(at) = path.iter().position(|m| *m == module) {
                panic!(
                    "emit modules import each other: {}",
                    path[at..].join(" -> ")
                );
            }
            path.push(module);
            for next in graph.get(module).into_iter().flatten() {
                visit(graph, next, path);
            }
            path.pop();
        }
        for module in graph.keys() {
            visit(&graph, module, &mut Vec::new());
        }
    }
}
