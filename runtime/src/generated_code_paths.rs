//! Every runtime item generated code names, as listed by the generator's registry
//! (`codegen/src/emit/runtime.rs`). Compiled in the runtime's unit tests, so renaming one
//! of them fails here first. Do not edit: the generator's tests keep it equal to the
//! registry.

#[allow(unused_imports)]
use ::smithy_runtime::aws_json::build_request as _;
#[allow(unused_imports)]
use ::smithy_runtime::aws_json::build_request_bytes as _;
#[allow(unused_imports)]
use ::smithy_runtime::aws_json::check_host_prefix as _;
#[allow(unused_imports)]
use ::smithy_runtime::aws_json::is_success as _;
#[allow(unused_imports)]
use ::smithy_runtime::aws_json::modelled_error as _;
#[allow(unused_imports)]
use ::smithy_runtime::aws_json::parse_error as _;
#[allow(unused_imports)]
use ::smithy_runtime::aws_json::parse_success_body as _;
#[allow(unused_imports)]
use ::smithy_runtime::aws_json::response_metadata as _;
#[allow(unused_imports)]
use ::smithy_runtime::aws_json::set_query_mode as _;
#[allow(unused_imports)]
use ::smithy_runtime::aws_json::wrap as _;
#[allow(unused_imports)]
use ::smithy_runtime::aws_json::ErrorResponse as _;
#[allow(unused_imports)]
use ::smithy_runtime::aws_json::JsonVersion as _;
#[allow(unused_imports)]
use ::smithy_runtime::client as _;
#[allow(unused_imports)]
use ::smithy_runtime::client::Client as _;
#[allow(unused_imports)]
use ::smithy_runtime::client::Config as _;
#[allow(unused_imports)]
use ::smithy_runtime::compression::gzip_request as _;
#[allow(unused_imports)]
use ::smithy_runtime::error::BoxError as _;
#[allow(unused_imports)]
use ::smithy_runtime::error::BuildError as _;
#[allow(unused_imports)]
use ::smithy_runtime::error::DeserializeError as _;
#[allow(unused_imports)]
use ::smithy_runtime::error::ErrorMetadata as _;
#[allow(unused_imports)]
use ::smithy_runtime::error::ProvideResponseMetadata as _;
#[allow(unused_imports)]
use ::smithy_runtime::error::ResponseMetadata as _;
#[allow(unused_imports)]
use ::smithy_runtime::error::SdkError as _;
#[allow(unused_imports)]
use ::smithy_runtime::error::UnhandledError as _;
#[allow(unused_imports)]
use ::smithy_runtime::error_struct_impls as _;
#[allow(unused_imports)]
use ::smithy_runtime::http::HeaderMap as _;
#[allow(unused_imports)]
use ::smithy_runtime::http::Request as _;
#[allow(unused_imports)]
use ::smithy_runtime::http::Response as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::big_number as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::blob as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::document as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::double as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::float as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::integer as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::list as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::map as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::member as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::object as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::read_big_number as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::read_blob as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::read_bool as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::read_document as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::read_double as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::read_float as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::read_integer as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::read_list as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::read_map as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::read_sparse_list as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::read_sparse_map as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::read_string as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::read_timestamp as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::sparse_list as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::sparse_map as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::string as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::timestamp as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::union_member as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::FromJson as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::Map as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::ToJson as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::Value as _;
#[allow(unused_imports)]
use ::smithy_runtime::json::Zero as _;
#[allow(unused_imports)]
use ::smithy_runtime::json_writer::JsonWriter as _;
#[allow(unused_imports)]
use ::smithy_runtime::operation::AuthScheme as _;
#[allow(unused_imports)]
use ::smithy_runtime::operation::Operation as _;
#[allow(unused_imports)]
use ::smithy_runtime::operation::RequestContext as _;
#[allow(unused_imports)]
use ::smithy_runtime::operation::ServiceInfo as _;
#[allow(unused_imports)]
use ::smithy_runtime::operation_error_impls as _;
#[allow(unused_imports)]
use ::smithy_runtime::paginator::items as _;
#[allow(unused_imports)]
use ::smithy_runtime::paginator::pages as _;
#[allow(unused_imports)]
use ::smithy_runtime::paginator::PaginationStream as _;
#[allow(unused_imports)]
use ::smithy_runtime::paginator::PaginationToken as _;
#[allow(unused_imports)]
use ::smithy_runtime::rest_json as _;
#[allow(unused_imports)]
use ::smithy_runtime::rest_json::body::build_request as _;
#[allow(unused_imports)]
use ::smithy_runtime::rest_json::errors::modelled_error as _;
#[allow(unused_imports)]
use ::smithy_runtime::rest_json::errors::parse_error as _;
#[allow(unused_imports)]
use ::smithy_runtime::rest_json::errors::response_metadata as _;
#[allow(unused_imports)]
use ::smithy_runtime::rest_json::uri::RequestPath as _;
#[allow(unused_imports)]
use ::smithy_runtime::sensitive::Redacted as _;
#[allow(unused_imports)]
use ::smithy_runtime::tracing::field as _;
#[allow(unused_imports)]
use ::smithy_runtime::tracing::info_span as _;
#[allow(unused_imports)]
use ::smithy_runtime::tracing::Span as _;
#[allow(unused_imports)]
use ::smithy_runtime::validation::Pattern as _;
#[allow(unused_imports)]
use ::smithy_runtime::validation::Validate as _;
#[allow(unused_imports)]
use ::smithy_runtime::validation::ValidationError as _;
#[allow(unused_imports)]
use ::smithy_runtime::validation::Validator as _;
#[allow(unused_imports)]
use ::smithy_runtime::Blob as _;
#[allow(unused_imports)]
use ::smithy_runtime::DateTime as _;
#[allow(unused_imports)]
use ::smithy_runtime::Document as _;
#[allow(unused_imports)]
use ::smithy_runtime::Number as _;
#[allow(unused_imports)]
use ::smithy_runtime::TimestampFormat as _;
