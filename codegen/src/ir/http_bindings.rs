//! Where each member of an HTTP-bound protocol (restJson1) travels: the operation's method,
//! URI pattern and success code from `@http`, and for every input, output and error member
//! its location (path label, query, header, prefix headers, payload, status code or JSON body).
//!
//! Built only for services whose protocol binds to HTTP; a model that breaks the binding rules
//! (a label naming no member, a payload next to body members, …) is a lowering error naming
//! the operation or member.

pub use super::customizations::RequestCustomizations;
use super::lower::LowerError;
use crate::model::{Member, Model, Shape, ShapeId, ShapeKind, TimestampFormat};
use std::collections::BTreeMap;

/// HTTP bindings of every operation and error structure of a crate.
#[derive(Debug, Clone, Default)]
pub struct HttpIr {
    /// By operation shape id.
    pub operations: BTreeMap<ShapeId, OperationBindings>,
    /// By error structure shape id.
    pub errors: BTreeMap<ShapeId, StructBindings>,
    /// Service-specific additions to every request (see `customizations.rs`).
    pub customizations: RequestCustomizations,
}

/// The `@http` trait of an operation, parsed, and its input and output bindings.
#[derive(Debug, Clone)]
pub struct OperationBindings {
    /// HTTP method, e.g. `PUT`.
    pub method: String,
    /// The path pattern, split into literal text and labels.
    pub path: Vec<PathSegment>,
    /// Literal query pairs written in the pattern after `?` (value `None` for a bare name).
    pub literal_query: LiteralQuery,
    /// Status code of a successful response.
    pub success_code: u16,
    /// `@httpChecksumRequired`: the request carries `Content-MD5`.
    pub checksum_required: bool,
    /// Input member locations.
    pub input: StructBindings,
    /// Output member locations.
    pub output: StructBindings,
}

/// One piece of a URI path pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// Text copied as is (including the `/` separators).
    Literal(String),
    /// A `{member}` or greedy `{member+}` label.
    Label {
        /// The input member name.
        member: String,
        /// `{member+}`: the value may contain `/`.
        greedy: bool,
    },
}

/// The locations of a structure's members, in member order.
#[derive(Debug, Clone, Default)]
pub struct StructBindings {
    /// `(member name, location)`.
    pub members: Vec<(String, Location)>,
}

impl StructBindings {
    /// The location of `member` (every member has one).
    pub fn location(&self, member: &str) -> Option<&Location> {
        self.members
            .iter()
            .find(|(name, _)| name == member)
            .map(|(_, location)| location)
    }

    /// The payload member and its kind, when one is bound with `@httpPayload`.
    pub fn payload(&self) -> Option<(&str, &PayloadKind)> {
        self.members
            .iter()
            .find_map(|(name, location)| match location {
                Location::Payload(kind) => Some((name.as_str(), kind)),
                _ => None,
            })
    }

    /// Whether any member travels in the JSON document body.
    pub fn has_body_members(&self) -> bool {
        self.members
            .iter()
            .any(|(_, location)| matches!(location, Location::Body { .. }))
    }
}

/// Where one member travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A path label (input only).
    Label {
        /// `{member+}`.
        greedy: bool,
        /// Format of a timestamp value (`date-time` unless the member says otherwise).
        timestamp_format: TimestampFormat,
    },
    /// A query parameter (input only); lists repeat the name.
    Query {
        /// The parameter name.
        name: String,
        /// Format of timestamp values (`date-time` unless the member says otherwise).
        timestamp_format: TimestampFormat,
    },
    /// A map whose entries become query parameters (input only).
    QueryParams,
    /// A header; lists are comma-separated.
    Header {
        /// The header name as written in the model.
        name: String,
        /// Format of timestamp values (`http-date` unless the member says otherwise).
        timestamp_format: TimestampFormat,
        /// The string target has `@mediaType`: the value is base64-encoded.
        base64: bool,
    },
    /// A map of headers sharing a name prefix.
    PrefixHeaders {
        /// The prefix (may be empty: every header).
        prefix: String,
    },
    /// The whole body.
    Payload(PayloadKind),
    /// The response status code (output only).
    ResponseCode,
    /// A member of the JSON document body.
    Body {
        /// The JSON key: `@jsonName`, else the member name.
        json_name: String,
    },
}

/// What an `@httpPayload` member is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayloadKind {
    /// Raw bytes.
    Blob {
        /// `@streaming`: a byte stream rather than bytes in memory.
        streaming: bool,
        /// `@requiresLength`: a streamed upload must declare its length.
        requires_length: bool,
        /// `@mediaType` of the target, the body's content type.
        media_type: Option<String>,
    },
    /// Text.
    String {
        /// `@mediaType` of the target.
        media_type: Option<String>,
    },
    /// An enum's value as text.
    Enum,
    /// A structure as a JSON object.
    Structure,
    /// A union as a JSON object.
    Union,
    /// A document as JSON.
    Document,
}

fn error(shape: &ShapeId, message: impl Into<String>) -> LowerError {
    super::lower::error(shape, message)
}

/// Which side of a call a structure is on: decides the locations it may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Input,
    Output,
    Error,
}

/// Resolves the bindings of `operations` and `errors` of `service`.
pub fn resolve(
    model: &Model,
    service: &ShapeId,
    operations: &[ShapeId],
    errors: impl IntoIterator<Item = ShapeId>,
) -> Result<HttpIr, LowerError> {
    let version = match model.shape(service).map(|shape| &shape.kind) {
        Some(ShapeKind::Service(service)) => service.version.as_str(),
        _ => "",
    };
    let mut ir = HttpIr {
        customizations: super::customizations::request_customizations(service, version),
        ..HttpIr::default()
    };
    for id in operations {
        ir.operations.insert(id.clone(), operation(model, id)?);
    }
    for id in errors {
        let shape = shape(model, &id)?;
        ir.errors
            .insert(id.clone(), structure(model, shape, Side::Error)?);
    }
    Ok(ir)
}

fn shape<'m>(model: &'m Model, id: &ShapeId) -> Result<&'m Shape, LowerError> {
    model
        .shape(id)
        .ok_or_else(|| error(id, "referenced but not defined"))
}

fn operation(model: &Model, id: &ShapeId) -> Result<OperationBindings, LowerError> {
    let op_shape = shape(model, id)?;
    let ShapeKind::Operation(op) = &op_shape.kind else {
        return Err(error(id, "expected an operation"));
    };
    let http = op_shape.traits.http.as_ref().ok_or_else(|| {
        error(
            id,
            "the operation has no `smithy.api#http` trait, which an HTTP-bound protocol needs (e.g. `\"smithy.api#http\": {\"method\": \"GET\", \"uri\": \"/things\"}`)",
        )
    })?;
    let (path, literal_query) = parse_uri(id, &http.uri)?;
    let input_shape = shape(model, &op.input)?;
    let input = structure(model, input_shape, Side::Input)?;
    check_labels(id, &path, &input)?;
    let output = structure(model, shape(model, &op.output)?, Side::Output)?;
    let mut bindings = OperationBindings {
        method: http.method.clone(),
        path,
        literal_query,
        success_code: http.code,
        checksum_required: op_shape.traits.http_checksum_required,
        input,
        output,
    };
    mark_greedy(&mut bindings);
    Ok(bindings)
}

/// Literal query pairs of a URI pattern.
pub type LiteralQuery = Vec<(String, Option<String>)>;

/// Splits `/a/{b}/c/{d+}?x=1&y` into path pieces and literal query pairs.
fn parse_uri(op: &ShapeId, uri: &str) -> Result<(Vec<PathSegment>, LiteralQuery), LowerError> {
    let (path_text, query_text) = match uri.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (uri, None),
    };
    if !path_text.starts_with('/') {
        return Err(error(
            op,
            format!("the @http URI `{uri}` must start with `/`"),
        ));
    }
    let mut path = Vec::new();
    let mut rest = path_text;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            path.push(PathSegment::Literal(rest[..open].to_owned()));
        }
        let close = rest[open..].find('}').map(|i| open + i).ok_or_else(|| {
            error(
                op,
                format!("the @http URI `{uri}` has a `{{` without a closing `}}`"),
            )
        })?;
        let label = &rest[open + 1..close];
        let (member, greedy) = match label.strip_suffix('+') {
            Some(member) => (member, true),
            None => (label, false),
        };
        if member.is_empty() || member.contains(['{', '/']) {
            return Err(error(
                op,
                format!("the @http URI `{uri}` has a malformed label `{{{label}}}`"),
            ));
        }
        path.push(PathSegment::Label {
            member: member.to_owned(),
            greedy,
        });
        rest = &rest[close + 1..];
    }
    if rest.contains('}') {
        return Err(error(op, format!("the @http URI `{uri}` has a stray `}}`")));
    }
    if !rest.is_empty() {
        path.push(PathSegment::Literal(rest.to_owned()));
    }
    let literal_query = query_text
        .into_iter()
        .flat_map(|query| query.split('&'))
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
            None => (pair.to_owned(), None),
        })
        .collect();
    Ok((path, literal_query))
}

/// Every label names an `@httpLabel` member and every such member has a label.
fn check_labels(
    op: &ShapeId,
    path: &[PathSegment],
    input: &StructBindings,
) -> Result<(), LowerError> {
    let labels: Vec<&str> = path
        .iter()
        .filter_map(|segment| match segment {
            PathSegment::Label { member, .. } => Some(member.as_str()),
            PathSegment::Literal(_) => None,
        })
        .collect();
    for label in &labels {
        if !matches!(input.location(label), Some(Location::Label { .. })) {
            return Err(error(
                op,
                format!("the @http URI has the label `{{{label}}}`, but the input has no member `{label}` with @httpLabel"),
            ));
        }
    }
    for (member, location) in &input.members {
        if matches!(location, Location::Label { .. }) && !labels.contains(&member.as_str()) {
            return Err(error(
                op,
                format!("the input member `{member}` has @httpLabel, but the @http URI has no `{{{member}}}` label"),
            ));
        }
    }
    Ok(())
}

fn structure(model: &Model, shape: &Shape, side: Side) -> Result<StructBindings, LowerError> {
    let mut members = Vec::new();
    for member in shape.members() {
        let target = self::shape(model, &member.target)?;
        let location = location(member, target, side)?;
        check_target(model, member, target, &location)?;
        members.push((member.name.clone(), location));
    }
    let bindings = StructBindings { members };
    if let Some((payload, _)) = bindings.payload() {
        if let Some((body_member, _)) = bindings
            .members
            .iter()
            .find(|(_, location)| matches!(location, Location::Body { .. }))
        {
            return Err(error(
                &shape.id,
                format!("member `{payload}` is the @httpPayload, so member `{body_member}` must be bound elsewhere (header, query, label), as the body holds only the payload"),
            ));
        }
    }
    Ok(bindings)
}

/// Whether values of `shape` can be written as one piece of text (label, query value,
/// header item).
fn is_text_scalar(shape: &Shape) -> bool {
    matches!(
        shape.kind,
        ShapeKind::Boolean
            | ShapeKind::String
            | ShapeKind::Byte
            | ShapeKind::Short
            | ShapeKind::Integer
            | ShapeKind::Long
            | ShapeKind::Float
            | ShapeKind::Double
            | ShapeKind::BigInteger
            | ShapeKind::BigDecimal
            | ShapeKind::Timestamp
            | ShapeKind::Enum(_)
            | ShapeKind::IntEnum(_)
    )
}

/// The item shape of a list (or set), if `shape` is one.
fn list_item<'m>(model: &'m Model, shape: &Shape) -> Result<Option<&'m Shape>, LowerError> {
    match &shape.kind {
        ShapeKind::List(item) | ShapeKind::Set(item) => self::shape(model, &item.target).map(Some),
        _ => Ok(None),
    }
}

/// Checks that the member's target fits its location: labels take one scalar, queries and
/// headers a scalar or a list of them, query-parameter maps strings or lists of strings,
/// prefix-header maps strings.
fn check_target(
    model: &Model,
    member: &Member,
    target: &Shape,
    location: &Location,
) -> Result<(), LowerError> {
    let scalar_or_list = || -> Result<bool, LowerError> {
        Ok(is_text_scalar(target) || list_item(model, target)?.is_some_and(is_text_scalar))
    };
    let map_value = || -> Result<Option<&Shape>, LowerError> {
        match &target.kind {
            ShapeKind::Map { value, .. } => self::shape(model, &value.target).map(Some),
            _ => Ok(None),
        }
    };
    let is_string = |shape: &Shape| matches!(shape.kind, ShapeKind::String | ShapeKind::Enum(_));
    let (fits, expected) = match location {
        Location::Label { .. } => (
            is_text_scalar(target),
            "a string, number, boolean, timestamp or enum",
        ),
        Location::Query { .. } | Location::Header { .. } => (
            scalar_or_list()?,
            "a string, number, boolean, timestamp or enum, or a list of them",
        ),
        Location::QueryParams => (
            match map_value()? {
                Some(value) => is_string(value) || list_item(model, value)?.is_some_and(is_string),
                None => false,
            },
            "a map of strings or of lists of strings",
        ),
        Location::PrefixHeaders { .. } => (map_value()?.is_some_and(is_string), "a map of strings"),
        Location::ResponseCode => (matches!(target.kind, ShapeKind::Integer), "an integer"),
        Location::Payload(_) | Location::Body { .. } => (true, ""),
    };
    if fits {
        Ok(())
    } else {
        Err(error(
            &member.id,
            format!(
                "is bound to {} but targets the {} `{}`; the binding needs {expected}",
                location.describe(),
                target.type_name(),
                target.id
            ),
        ))
    }
}

impl Location {
    /// Where the member goes, in words, for error messages.
    fn describe(&self) -> String {
        match self {
            Location::Label { .. } => "a path label".to_owned(),
            Location::Query { name, .. } => format!("the query parameter `{name}`"),
            Location::QueryParams => "query parameters (@httpQueryParams)".to_owned(),
            Location::Header { name, .. } => format!("the header `{name}`"),
            Location::PrefixHeaders { prefix } => format!("headers prefixed `{prefix}`"),
            Location::Payload(_) => "the payload".to_owned(),
            Location::ResponseCode => "the status code".to_owned(),
            Location::Body { .. } => "the body".to_owned(),
        }
    }
}

/// The explicit `@timestampFormat` of a member (on it or its target), else `default`.
fn timestamp_format(member: &Member, target: &Shape, default: TimestampFormat) -> TimestampFormat {
    member
        .traits
        .timestamp_format
        .or(target.traits.timestamp_format)
        .unwrap_or(default)
}

fn location(member: &Member, target: &Shape, side: Side) -> Result<Location, LowerError> {
    let traits = &member.traits;
    // Request-only traits on a response structure (and the reverse) have no effect: Smithy
    // ignores binding traits that do not apply to how the structure is used.
    let input = side == Side::Input;
    if traits.http_label && input {
        return Ok(Location::Label {
            greedy: false, // set from the URI pattern by `mark_greedy`
            timestamp_format: timestamp_format(member, target, TimestampFormat::DateTime),
        });
    }
    if let (Some(name), true) = (&traits.http_query, input) {
        return Ok(Location::Query {
            name: name.clone(),
            timestamp_format: timestamp_format(member, target, TimestampFormat::DateTime),
        });
    }
    if traits.http_query_params && input {
        return Ok(Location::QueryParams);
    }
    if let Some(name) = &traits.http_header {
        return Ok(Location::Header {
            name: name.clone(),
            timestamp_format: timestamp_format(member, target, TimestampFormat::HttpDate),
            base64: matches!(target.kind, ShapeKind::String) && target.traits.media_type.is_some(),
        });
    }
    if let Some(prefix) = &traits.http_prefix_headers {
        return Ok(Location::PrefixHeaders {
            prefix: prefix.clone(),
        });
    }
    if traits.http_response_code && !input {
        return Ok(Location::ResponseCode);
    }
    if traits.http_payload {
        let kind = match &target.kind {
            ShapeKind::Blob => PayloadKind::Blob {
                streaming: target.traits.streaming,
                requires_length: target
                    .traits
                    .raw
                    .contains_key(&ShapeId::new("smithy.api", "requiresLength")),
                media_type: target.traits.media_type.clone(),
            },
            ShapeKind::String => PayloadKind::String {
                media_type: target.traits.media_type.clone(),
            },
            ShapeKind::Enum(_) => PayloadKind::Enum,
            ShapeKind::Structure(_) => PayloadKind::Structure,
            ShapeKind::Union(_) => PayloadKind::Union,
            ShapeKind::Document => PayloadKind::Document,
            _ => {
                return Err(error(
                    &member.id,
                    format!(
                        "@httpPayload must target a blob, string, enum, structure, union or document, not a {}",
                        target.type_name()
                    ),
                ))
            }
        };
        return Ok(Location::Payload(kind));
    }
    Ok(Location::Body {
        json_name: traits
            .json_name
            .clone()
            .unwrap_or_else(|| member.name.clone()),
    })
}

/// Marks labels greedy as the pattern says (the member traits cannot tell).
fn mark_greedy(bindings: &mut OperationBindings) {
    let greedy: Vec<String> = bindings
        .path
        .iter()
        .filter_map(|segment| match segment {
            PathSegment::Label {
                member,
                greedy: true,
            } => Some(member.clone()),
            _ => None,
        })
        .collect();
    for (member, location) in &mut bindings.input.members {
        if let Location::Label { greedy: g, .. } = location {
            *g = greedy.contains(member);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op() -> ShapeId {
        ShapeId::new("example", "Op")
    }

    #[test]
    fn uri_patterns_split_into_literals_labels_and_query() {
        let (path, query) = parse_uri(&op(), "/a/{b}/c/{d+}/e?x=1&flag").unwrap();
        assert_eq!(
            path,
            [
                PathSegment::Literal("/a/".into()),
                PathSegment::Label {
                    member: "b".into(),
                    greedy: false
                },
                PathSegment::Literal("/c/".into()),
                PathSegment::Label {
                    member: "d".into(),
                    greedy: true
                },
                PathSegment::Literal("/e".into()),
            ]
        );
        assert_eq!(
            query,
            [
                ("x".to_owned(), Some("1".to_owned())),
                ("flag".to_owned(), None)
            ]
        );
        let (root, none) = parse_uri(&op(), "/").unwrap();
        assert_eq!(root, [PathSegment::Literal("/".into())]);
        assert!(none.is_empty());
    }

    #[test]
    fn malformed_patterns_name_the_operation() {
        for bad in ["a/b", "/a/{b", "/a/{}", "/a/b}", "/a/{b{c}}"] {
            let e = parse_uri(&op(), bad).unwrap_err();
            assert_eq!(e.shape().cloned(), Some(op()), "{bad}");
            assert!(e.to_string().contains(bad), "{bad}: {}", e);
        }
    }

    #[test]
    fn labels_and_label_members_must_match() {
        let (path, _) = parse_uri(&op(), "/things/{id}").unwrap();
        let label = Location::Label {
            greedy: false,
            timestamp_format: TimestampFormat::DateTime,
        };
        let good = StructBindings {
            members: vec![("id".into(), label.clone())],
        };
        check_labels(&op(), &path, &good).unwrap();
        let missing = StructBindings::default();
        let e = check_labels(&op(), &path, &missing).unwrap_err();
        assert!(e.to_string().contains("`id`"), "{}", e);
        let (no_labels, _) = parse_uri(&op(), "/things").unwrap();
        let e = check_labels(&op(), &no_labels, &good).unwrap_err();
        assert!(e.to_string().contains("`id`"), "{}", e);
    }
}

#[cfg(test)]
mod model_tests {
    use super::*;

    /// A small restJson1-style model: one operation using every input location, an output
    /// with header, status code and body members, and an error with a header.
    const MODEL: &str = r#"{
      "smithy": "2.0",
      "shapes": {
        "example#PutThing": {
          "type": "operation",
          "input": {"target": "example#PutThingInput"},
          "output": {"target": "example#PutThingOutput"},
          "errors": [{"target": "example#NotFound"}],
          "traits": {
            "smithy.api#http": {"method": "PUT", "uri": "/things/{id}/files/{key+}?mode=x", "code": 201},
            "smithy.api#httpChecksumRequired": {}
          }
        },
        "example#PutThingInput": {
          "type": "structure",
          "members": {
            "id": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
            "key": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
            "when": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#httpQuery": "when"}},
            "since": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#httpHeader": "X-Since", "smithy.api#timestampFormat": "epoch-seconds"}},
            "extra": {"target": "example#StringMap", "traits": {"smithy.api#httpQueryParams": {}}},
            "meta": {"target": "example#StringMap", "traits": {"smithy.api#httpPrefixHeaders": "X-Meta-"}},
            "json": {"target": "example#JsonText", "traits": {"smithy.api#httpHeader": "X-Json"}},
            "name": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": "Name"}}
          },
          "traits": {"smithy.api#input": {}}
        },
        "example#PutThingOutput": {
          "type": "structure",
          "members": {
            "status": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpResponseCode": {}}},
            "etag": {"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": "ETag"}},
            "data": {"target": "example#Data", "traits": {"smithy.api#httpPayload": {}}}
          },
          "traits": {"smithy.api#output": {}}
        },
        "example#NotFound": {
          "type": "structure",
          "members": {
            "resource": {"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": "X-Resource"}},
            "message": {"target": "smithy.api#String"}
          },
          "traits": {"smithy.api#error": "client", "smithy.api#httpError": 404}
        },
        "example#StringMap": {
          "type": "map",
          "key": {"target": "smithy.api#String"},
          "value": {"target": "smithy.api#String"}
        },
        "example#JsonText": {"type": "string", "traits": {"smithy.api#mediaType": "application/json"}},
        "example#Data": {"type": "blob", "traits": {"smithy.api#streaming": {}, "smithy.api#mediaType": "image/png"}}
      }
    }"#;

    fn id(name: &str) -> ShapeId {
        ShapeId::new("example", name)
    }

    #[test]
    fn every_location_is_resolved() {
        let model = Model::load(MODEL).unwrap();
        let ir = resolve(&model, &id("Service"), &[id("PutThing")], [id("NotFound")]).unwrap();
        let op = &ir.operations[&id("PutThing")];
        assert_eq!(op.method, "PUT");
        assert_eq!(op.success_code, 201);
        assert!(op.checksum_required);
        assert_eq!(
            op.literal_query,
            [("mode".to_owned(), Some("x".to_owned()))]
        );
        let input = &op.input;
        assert_eq!(
            input.location("id"),
            Some(&Location::Label {
                greedy: false,
                timestamp_format: TimestampFormat::DateTime
            })
        );
        assert!(matches!(
            input.location("key"),
            Some(Location::Label { greedy: true, .. })
        ));
        assert_eq!(
            input.location("when"),
            Some(&Location::Query {
                name: "when".into(),
                timestamp_format: TimestampFormat::DateTime
            })
        );
        assert_eq!(
            input.location("since"),
            Some(&Location::Header {
                name: "X-Since".into(),
                timestamp_format: TimestampFormat::EpochSeconds,
                base64: false
            })
        );
        assert!(matches!(
            input.location("json"),
            Some(Location::Header { base64: true, .. })
        ));
        assert_eq!(input.location("extra"), Some(&Location::QueryParams));
        assert_eq!(
            input.location("meta"),
            Some(&Location::PrefixHeaders {
                prefix: "X-Meta-".into()
            })
        );
        assert_eq!(
            input.location("name"),
            Some(&Location::Body {
                json_name: "Name".into()
            })
        );
        assert!(input.has_body_members());
        let output = &op.output;
        assert_eq!(output.location("status"), Some(&Location::ResponseCode));
        assert_eq!(
            output.payload(),
            Some((
                "data",
                &PayloadKind::Blob {
                    streaming: true,
                    requires_length: false,
                    media_type: Some("image/png".into())
                }
            ))
        );
        assert!(!output.has_body_members());
        let error = &ir.errors[&id("NotFound")];
        assert!(matches!(
            error.location("resource"),
            Some(Location::Header { .. })
        ));
        assert!(matches!(
            error.location("message"),
            Some(Location::Body { .. })
        ));
    }

    fn load_changed(from: &str, to: &str) -> Model {
        assert!(MODEL.contains(from), "{from}");
        Model::load(&MODEL.replacen(from, to, 1)).unwrap()
    }

    #[test]
    fn binding_mistakes_name_the_shape() {
        let label_without_member = load_changed("{id}/files", "{ident}/files");
        let e = resolve(&label_without_member, &id("Service"), &[id("PutThing")], []).unwrap_err();
        assert_eq!(e.shape().cloned(), Some(id("PutThing")));
        assert!(e.to_string().contains("`ident`"), "{}", e);

        let no_http = load_changed(
            r#""smithy.api#http": {"method": "PUT", "uri": "/things/{id}/files/{key+}?mode=x", "code": 201},"#,
            "",
        );
        let e = resolve(&no_http, &id("Service"), &[id("PutThing")], []).unwrap_err();
        assert!(
            e.to_string().contains("smithy.api#http"),
            "{}",
            e.to_string()
        );

        let payload_and_body = load_changed(
            r#""etag": {"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": "ETag"}}"#,
            r#""etag": {"target": "smithy.api#String"}"#,
        );
        let e = resolve(&payload_and_body, &id("Service"), &[id("PutThing")], []).unwrap_err();
        assert_eq!(e.shape().cloned(), Some(id("PutThingOutput")));
        assert!(e.to_string().contains("`etag`"), "{}", e);

        let header_on_structure = load_changed(
            r#""resource": {"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": "X-Resource"}}"#,
            r#""resource": {"target": "example#StringMap", "traits": {"smithy.api#httpHeader": "X-Resource"}}"#,
        );
        let e = resolve(&header_on_structure, &id("Service"), &[], [id("NotFound")]).unwrap_err();
        assert_eq!(
            e.shape().cloned(),
            Some(ShapeId::parse("example#NotFound$resource").unwrap())
        );
        assert!(e.to_string().contains("`X-Resource`"), "{}", e);

        // A label on an output member means nothing: the member stays in the body (and so
        // clashes with the payload here).
        let label_on_output = load_changed(
            r#""smithy.api#httpHeader": "ETag""#,
            r#""smithy.api#httpLabel": {}"#,
        );
        let e = resolve(&label_on_output, &id("Service"), &[id("PutThing")], []).unwrap_err();
        assert_eq!(e.shape().cloned(), Some(id("PutThingOutput")));
        assert!(e.to_string().contains("`etag`"), "{}", e);
    }
}
