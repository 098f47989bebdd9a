//! The one registry of the runtime items generated code names (the role smithy-rs's
//! `RuntimeType` plays). Emitters interpolate these constants (`#JSON_VALUE`) instead of
//! spelling `::smithy_runtime::…` paths, so the runtime's surface as generated code sees it is
//! listed here and nowhere else.
//!
//! [`ALL`] is rendered by a test into `runtime/src/generated_code_paths.rs`, which the
//! runtime compiles in its own unit tests: renaming or removing an item the generator uses
//! breaks the runtime's build, not only generated crates.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, ToTokens};

/// An item of the `smithy-runtime` crate, by its path inside the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuntimeItem {
    path: &'static str,
}

impl RuntimeItem {
    const fn new(path: &'static str) -> RuntimeItem {
        RuntimeItem { path }
    }

    /// The path inside the runtime crate, e.g. `json::Value`.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn path(&self) -> &'static str {
        self.path
    }
}

impl ToTokens for RuntimeItem {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend(quote! { ::smithy_runtime });
        // `self` stands for the crate itself.
        for segment in self.path.split("::").filter(|s| *s != "self") {
            let segment = Ident::new(segment, Span::call_site());
            tokens.extend(quote! { :: #segment });
        }
    }
}

macro_rules! registry {
    ($($name:ident = $path:literal;)*) => {
        $(
            #[doc = concat!("`smithy_runtime::", $path, "`")]
            pub const $name: RuntimeItem = RuntimeItem::new($path);
        )*
        /// Every registered item, in registry order.
        #[cfg_attr(not(test), allow(dead_code))]
        pub const ALL: &[RuntimeItem] = &[$($name),*];
    };
}

registry! {
    // The crate itself (`pub use ::smithy_runtime as runtime`).
    RUNTIME = "self";
    // Primitives.
    BLOB = "Blob";
    DATE_TIME = "DateTime";
    DOCUMENT = "Document";
    NUMBER = "Number";
    TIMESTAMP_FORMAT = "TimestampFormat";
    // Re-exported crates.
    HTTP_REQUEST = "http::Request";
    HTTP_RESPONSE = "http::Response";
    HTTP_HEADER_MAP = "http::HeaderMap";
    TRACING_INFO_SPAN = "tracing::info_span";
    TRACING_FIELD = "tracing::field";
    TRACING_SPAN = "tracing::Span";
    // Client.
    CLIENT = "client";
    CLIENT_CLIENT = "client::Client";
    CLIENT_CONFIG = "client::Config";
    COMPRESSION_GZIP_REQUEST = "compression::gzip_request";
    // Errors.
    ERROR_BOX_ERROR = "error::BoxError";
    ERROR_BUILD_ERROR = "error::BuildError";
    ERROR_DESERIALIZE_ERROR = "error::DeserializeError";
    ERROR_ERROR_METADATA = "error::ErrorMetadata";
    ERROR_PROVIDE_RESPONSE_METADATA = "error::ProvideResponseMetadata";
    ERROR_RESPONSE_METADATA = "error::ResponseMetadata";
    ERROR_SDK_ERROR = "error::SdkError";
    ERROR_UNHANDLED_ERROR = "error::UnhandledError";
    // Impl macros.
    ERROR_STRUCT_IMPLS = "error_struct_impls";
    OPERATION_ERROR_IMPLS = "operation_error_impls";
    // JSON.
    JSON_BIG_NUMBER = "json::big_number";
    JSON_BLOB = "json::blob";
    JSON_DOCUMENT = "json::document";
    JSON_DOUBLE = "json::double";
    JSON_FLOAT = "json::float";
    JSON_FROM_JSON = "json::FromJson";
    JSON_INTEGER = "json::integer";
    JSON_LIST = "json::list";
    JSON_MAP = "json::map";
    JSON_MAP_TYPE = "json::Map";
    JSON_MEMBER = "json::member";
    JSON_OBJECT = "json::object";
    JSON_READ_BIG_NUMBER = "json::read_big_number";
    JSON_READ_BLOB = "json::read_blob";
    JSON_READ_BOOL = "json::read_bool";
    JSON_READ_DOCUMENT = "json::read_document";
    JSON_READ_DOUBLE = "json::read_double";
    JSON_READ_FLOAT = "json::read_float";
    JSON_READ_INTEGER = "json::read_integer";
    JSON_READ_LIST = "json::read_list";
    JSON_READ_MAP = "json::read_map";
    JSON_READ_SPARSE_LIST = "json::read_sparse_list";
    JSON_READ_SPARSE_MAP = "json::read_sparse_map";
    JSON_READ_STRING = "json::read_string";
    JSON_READ_TIMESTAMP = "json::read_timestamp";
    JSON_SPARSE_LIST = "json::sparse_list";
    JSON_SPARSE_MAP = "json::sparse_map";
    JSON_STRING = "json::string";
    JSON_TIMESTAMP = "json::timestamp";
    JSON_TO_JSON = "json::ToJson";
    JSON_WRITER = "json_writer::JsonWriter";
    JSON_UNION_MEMBER = "json::union_member";
    JSON_VALUE = "json::Value";
    JSON_ZERO = "json::Zero";
    // Operations.
    OPERATION_AUTH_SCHEME = "operation::AuthScheme";
    OPERATION = "operation::Operation";
    OPERATION_REQUEST_CONTEXT = "operation::RequestContext";
    OPERATION_SERVICE_INFO = "operation::ServiceInfo";
    // Paginators.
    PAGINATOR_ITEMS = "paginator::items";
    PAGINATOR_PAGES = "paginator::pages";
    PAGINATOR_PAGINATION_STREAM = "paginator::PaginationStream";
    PAGINATOR_PAGINATION_TOKEN = "paginator::PaginationToken";
    // Sensitive data.
    SENSITIVE_REDACTED = "sensitive::Redacted";
    // Validation.
    VALIDATION_PATTERN = "validation::Pattern";
    VALIDATION_VALIDATE = "validation::Validate";
    VALIDATION_VALIDATION_ERROR = "validation::ValidationError";
    VALIDATION_VALIDATOR = "validation::Validator";
    // The awsJson protocol.
    AWS_JSON_BUILD_REQUEST = "aws_json::build_request";
    AWS_JSON_BUILD_REQUEST_BYTES = "aws_json::build_request_bytes";
    AWS_JSON_CHECK_HOST_PREFIX = "aws_json::check_host_prefix";
    AWS_JSON_ERROR_RESPONSE = "aws_json::ErrorResponse";
    AWS_JSON_IS_SUCCESS = "aws_json::is_success";
    AWS_JSON_JSON_VERSION = "aws_json::JsonVersion";
    AWS_JSON_MODELLED_ERROR = "aws_json::modelled_error";
    AWS_JSON_PARSE_ERROR = "aws_json::parse_error";
    AWS_JSON_PARSE_SUCCESS_BODY = "aws_json::parse_success_body";
    AWS_JSON_RESPONSE_METADATA = "aws_json::response_metadata";
    AWS_JSON_SET_QUERY_MODE = "aws_json::set_query_mode";
    AWS_JSON_WRAP = "aws_json::wrap";
    // The restJson1 protocol (items are named through its submodules: `uri`, `headers`, …).
    REST_JSON = "rest_json";
    REST_JSON_REQUEST_PATH = "rest_json::uri::RequestPath";
    REST_JSON_BUILD_REQUEST = "rest_json::body::build_request";
    REST_JSON_PARSE_ERROR = "rest_json::errors::parse_error";
    REST_JSON_MODELLED_ERROR = "rest_json::errors::modelled_error";
    REST_JSON_RESPONSE_METADATA = "rest_json::errors::response_metadata";
}

/// The Rust file listing every registered item as a `use`, checked in as
/// `runtime/src/generated_code_paths.rs` and compiled by the runtime's unit tests.
#[cfg(test)]
pub fn paths_file() -> String {
    let mut text = String::from(
        "//! Every runtime item generated code names, as listed by the generator's registry\n\
         //! (`codegen/src/emit/runtime.rs`). Compiled in the runtime's unit tests, so renaming one\n\
         //! of them fails here first. Do not edit: the generator's tests keep it equal to the\n\
         //! registry.\n\n",
    );
    for item in ALL {
        if item.path() == "self" {
            continue;
        }
        text.push_str(&format!(
            "#[allow(unused_imports)]\nuse ::smithy_runtime::{} as _;\n",
            item.path()
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn items_render_as_absolute_paths() {
        assert_eq!(
            JSON_VALUE.to_token_stream().to_string(),
            ":: smithy_runtime :: json :: Value"
        );
    }

    #[test]
    fn the_runtime_compiles_every_registered_path() {
        let file =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/src/generated_code_paths.rs");
        let on_disk = std::fs::read_to_string(&file).unwrap_or_default();
        if std::env::var_os("UPDATE_RUNTIME_PATHS").is_some() {
            std::fs::write(&file, paths_file()).unwrap();
            return;
        }
        // Compared as sets of lines: rustfmt may reorder the `use`s.
        let lines = |text: &str| {
            let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
            lines.sort();
            lines
        };
        assert!(
            lines(&on_disk) == lines(&paths_file()),
            "{} does not list the registry's items; rerun this test with UPDATE_RUNTIME_PATHS=1",
            file.display()
        );
    }
}
