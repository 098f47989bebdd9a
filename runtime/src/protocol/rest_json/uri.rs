//! The request URL of a `restJson1` call: the `@http` path with its labels filled in, then the
//! query string (literal pairs from the pattern, `@httpQuery` members, `@httpQueryParams`).
//!
//! Everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) is percent-encoded
//! in labels, query names and query values; a greedy label (`{Key+}`) keeps its `/` so the
//! value can span several path segments.

use crate::error::BoxError;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::collections::BTreeSet;

/// Every byte except RFC 3986 unreserved characters is escaped.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Like [`UNRESERVED`], but `/` stays, for greedy labels.
const GREEDY: &AsciiSet = &UNRESERVED.remove(b'/');

/// Percent-encodes a plain label value, a query name or a query value.
pub fn encode(value: &str) -> String {
    utf8_percent_encode(value, UNRESERVED).to_string()
}

/// Percent-encodes a greedy label value, keeping `/`.
pub fn encode_greedy(value: &str) -> String {
    utf8_percent_encode(value, GREEDY).to_string()
}

/// The path and query of one request, built piece by piece by generated code in the order
/// the `@http` pattern gives.
#[derive(Debug, Default, Clone)]
pub struct RequestPath {
    path: String,
    /// Encoded `name=value` (or bare `name`) pairs in the order they were added.
    query: Vec<String>,
    /// Names set through `@httpQuery` (unencoded): `@httpQueryParams` entries never override them.
    bound_names: BTreeSet<String>,
}

impl RequestPath {
    /// An empty path.
    pub fn new() -> RequestPath {
        RequestPath::default()
    }

    /// Appends literal path text from the pattern (already in URL form).
    pub fn literal(&mut self, text: &str) {
        self.path.push_str(text);
    }

    /// Appends the value of a plain `{label}`; `member` names it in the error when it is empty.
    pub fn label(&mut self, member: &str, value: &str) -> Result<(), BoxError> {
        check_label(member, value)?;
        self.path.push_str(&encode(value));
        Ok(())
    }

    /// Appends the value of a greedy `{label+}`, keeping its `/` separators.
    pub fn greedy_label(&mut self, member: &str, value: &str) -> Result<(), BoxError> {
        check_label(member, value)?;
        self.path.push_str(&encode_greedy(value));
        Ok(())
    }

    /// Adds a literal query pair of the pattern (`/path?name=value` or `/path?flag`).
    pub fn literal_query(&mut self, name: &str, value: Option<&str>) {
        self.push_pair(name, value);
    }

    /// Adds one value of an `@httpQuery` member (call once per item for lists).
    pub fn query(&mut self, name: &str, value: &str) {
        self.bound_names.insert(name.to_owned());
        self.push_pair(name, Some(value));
    }

    /// Adds one entry of an `@httpQueryParams` map, unless an `@httpQuery` member already
    /// set that name (the named binding wins). Call after every `@httpQuery` member.
    pub fn query_param(&mut self, name: &str, value: &str) {
        if !self.bound_names.contains(name) {
            self.push_pair(name, Some(value));
        }
    }

    fn push_pair(&mut self, name: &str, value: Option<&str>) {
        let pair = match value {
            Some(value) => format!("{}={}", encode(name), encode(value)),
            None => encode(name),
        };
        self.query.push(pair);
    }

    /// The path and query as they go on the request line, e.g. `/things/a%20b?x=1`.
    pub fn path_and_query(&self) -> String {
        let mut out = if self.path.is_empty() {
            "/".to_owned()
        } else {
            self.path.clone()
        };
        if !self.query.is_empty() {
            out.push('?');
            out.push_str(&self.query.join("&"));
        }
        out
    }

    /// The full request URL: `endpoint` (whose own path, if any, comes first) with the host
    /// prefix of `@endpoint` (already expanded and checked) in front of the host.
    pub fn to_uri(&self, endpoint: &str, host_prefix: Option<&str>) -> Result<http::Uri, BoxError> {
        let base: http::Uri = endpoint
            .parse()
            .map_err(|e| format!("invalid endpoint URL `{endpoint}`: {e}"))?;
        let scheme = base
            .scheme_str()
            .ok_or_else(|| format!("the endpoint URL `{endpoint}` has no scheme"))?;
        let authority = base
            .authority()
            .ok_or_else(|| format!("the endpoint URL `{endpoint}` has no host"))?
            .as_str();
        let base_path = base.path().trim_end_matches('/');
        let prefix = host_prefix.unwrap_or("");
        let uri = format!(
            "{scheme}://{prefix}{authority}{base_path}{}",
            self.path_and_query()
        );
        uri.parse()
            .map_err(|e| format!("invalid request URL `{uri}`: {e}").into())
    }
}

/// Labels are path segments: an empty one would change which resource the path names.
fn check_label(member: &str, value: &str) -> Result<(), BoxError> {
    if value.is_empty() {
        return Err(format!(
            "the input member `{member}` is bound to the request path and must not be empty"
        )
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_labels_escape_everything_but_unreserved() {
        let mut path = RequestPath::new();
        path.literal("/ReDosLabel/");
        path.label("label", "%:/?#[]@!$&'()*+,;=😹 a-b.c_d~")
            .unwrap();
        assert_eq!(
            path.path_and_query(),
            "/ReDosLabel/%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9%20a-b.c_d~"
        );
    }

    #[test]
    fn greedy_labels_keep_slashes() {
        let mut path = RequestPath::new();
        path.literal("/files/");
        path.greedy_label("key", "there/guy s").unwrap();
        path.literal("/meta");
        assert_eq!(path.path_and_query(), "/files/there/guy%20s/meta");
    }

    #[test]
    fn empty_labels_are_refused_naming_the_member() {
        let mut path = RequestPath::new();
        let error = path.label("workspaceId", "").unwrap_err().to_string();
        assert!(error.contains("`workspaceId`"), "{error}");
        assert!(path.greedy_label("key", "").is_err());
    }

    #[test]
    fn query_keeps_order_literals_and_lists() {
        let mut path = RequestPath::new();
        path.literal("/q");
        path.literal_query("flag", None);
        path.literal_query("fixed", Some("a b"));
        path.query("list", "1");
        path.query("list", "2&3");
        assert_eq!(
            path.path_and_query(),
            "/q?flag&fixed=a%20b&list=1&list=2%263"
        );
    }

    #[test]
    fn query_params_never_override_named_queries() {
        let mut path = RequestPath::new();
        path.literal("/Precedence");
        path.query("bar", "named");
        path.query_param("bar", "fromMap");
        path.query_param("qux", "alsoFromMap");
        assert_eq!(
            path.path_and_query(),
            "/Precedence?bar=named&qux=alsoFromMap"
        );
    }

    #[test]
    fn empty_path_is_root() {
        assert_eq!(RequestPath::new().path_and_query(), "/");
    }

    #[test]
    fn uri_joins_endpoint_path_and_host_prefix() {
        let mut path = RequestPath::new();
        path.literal("/workspaces/");
        path.label("id", "ws-1").unwrap();
        path.query("maxResults", "5");
        let uri = path
            .to_uri("https://example.com/base/", Some("data."))
            .unwrap();
        assert_eq!(
            uri.to_string(),
            "https://data.example.com/base/workspaces/ws-1?maxResults=5"
        );
        let uri = path.to_uri("http://127.0.0.1:9000", None).unwrap();
        assert_eq!(
            uri.to_string(),
            "http://127.0.0.1:9000/workspaces/ws-1?maxResults=5"
        );
        assert!(path.to_uri("not a url", None).is_err());
        assert!(path.to_uri("/relative", None).is_err());
    }
}
