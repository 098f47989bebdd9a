//! The `restJson1` protocol: the operation is chosen by HTTP method and path (`@http`), input
//! members travel in the path (`@httpLabel`), the query string (`@httpQuery`,
//! `@httpQueryParams`), headers (`@httpHeader`, `@httpPrefixHeaders`) or the body (an explicit
//! `@httpPayload`, otherwise a JSON object of the unbound members), and errors name their type
//! in the `X-Amzn-Errortype` header or the body.
//!
//! Generated code does the model-specific part (which member goes where); this module holds
//! the rules that are the same for every service, one concern per file:
//!
//! * [`uri`]: the request path with labels and greedy labels, and the query string;
//! * [`text`]: how numbers, booleans, floats and timestamps are written as text outside a
//!   JSON body (labels, query values, headers) and read back;
//! * [`headers`]: request headers (lists, quoting, prefix headers) and reading response
//!   headers;
//! * [`body`]: content types and the empty-body rules;
//! * [`errors`]: reading an error response and its error code;
//! * [`checksum`]: `Content-MD5` for `@httpChecksumRequired` operations.

pub mod body;
pub mod checksum;
pub mod errors;
pub mod headers;
pub mod text;
pub mod uri;
