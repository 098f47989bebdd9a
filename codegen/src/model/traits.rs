//! Typed views of the traits the generator acts on. Every trait, typed or not, is also kept
//! as raw JSON in [`Traits::raw`] so nothing in the model is lost.
//!
//! The typed fields are filled by [`Traits::parse`] at load time; a trait whose value has the
//! wrong form is a load error, never a silently ignored trait.

use super::{LoadError, LoadErrorKind, ShapeId};
use std::collections::BTreeMap;

/// The traits applied to one shape or member.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Traits {
    /// Every trait by absolute trait id, exactly as written (after mixins and `apply`).
    pub raw: BTreeMap<ShapeId, serde_json::Value>,
    /// `smithy.api#documentation` (HTML in AWS models).
    pub documentation: Option<String>,
    /// `smithy.api#required`.
    pub required: bool,
    /// `smithy.api#default`: the default value (`Some(Null)` means an explicit `null`).
    pub default: Option<serde_json::Value>,
    /// `smithy.api#clientOptional`.
    pub client_optional: bool,
    /// `smithy.api#sensitive`.
    pub sensitive: bool,
    /// `smithy.api#enumValue`.
    pub enum_value: Option<EnumValue>,
    /// `smithy.api#error`.
    pub error: Option<ErrorFault>,
    /// `smithy.api#httpError`.
    pub http_error: Option<u16>,
    /// `smithy.api#length`.
    pub length: Option<Length>,
    /// `smithy.api#pattern` (an ECMA 262 regular expression).
    pub pattern: Option<String>,
    /// `smithy.api#range`.
    pub range: Option<Range>,
    /// `smithy.api#input`.
    pub input: bool,
    /// `smithy.api#output`.
    pub output: bool,
    /// `smithy.api#deprecated`.
    pub deprecated: Option<Deprecated>,
    /// `smithy.api#auth`: the auth schemes an operation or service may use, in order.
    pub auth: Option<Vec<ShapeId>>,
    /// `smithy.api#optionalAuth`.
    pub optional_auth: bool,
    /// `smithy.api#jsonName`.
    pub json_name: Option<String>,
    /// `smithy.api#timestampFormat`.
    pub timestamp_format: Option<TimestampFormat>,
    /// `smithy.api#sparse`.
    pub sparse: bool,
    /// `smithy.api#paginated`.
    pub paginated: Option<Paginated>,
    /// `smithy.api#idempotencyToken`.
    pub idempotency_token: bool,
    /// `smithy.api#hostLabel`.
    pub host_label: bool,
    /// `smithy.api#endpoint`: the `hostPrefix` template.
    pub endpoint_host_prefix: Option<String>,
    /// `smithy.api#requestCompression`: supported encodings in preference order.
    pub request_compression: Option<Vec<String>>,
    /// `smithy.api#title`.
    pub title: Option<String>,
    /// `smithy.api#http`: method, URI pattern and success code of an operation.
    pub http: Option<Http>,
    /// `smithy.api#httpLabel`.
    pub http_label: bool,
    /// `smithy.api#httpQuery`: the query parameter name.
    pub http_query: Option<String>,
    /// `smithy.api#httpQueryParams`.
    pub http_query_params: bool,
    /// `smithy.api#httpHeader`: the header name.
    pub http_header: Option<String>,
    /// `smithy.api#httpPrefixHeaders`: the header name prefix (may be empty).
    pub http_prefix_headers: Option<String>,
    /// `smithy.api#httpPayload`.
    pub http_payload: bool,
    /// `smithy.api#httpResponseCode`.
    pub http_response_code: bool,
    /// `smithy.api#httpChecksumRequired`.
    pub http_checksum_required: bool,
    /// `smithy.api#mediaType`.
    pub media_type: Option<String>,
    /// `smithy.api#streaming`.
    pub streaming: bool,
    /// `aws.protocols#restJson1` is present.
    pub rest_json_1: bool,
    /// `aws.protocols#awsJson1_0` is present.
    pub aws_json_1_0: bool,
    /// `aws.protocols#awsJson1_1` is present.
    pub aws_json_1_1: bool,
    /// `aws.protocols#awsQueryCompatible` is present.
    pub aws_query_compatible: bool,
    /// `aws.protocols#awsQueryError`: the legacy query error code and HTTP status.
    pub aws_query_error: Option<(String, u16)>,
    /// `aws.auth#sigv4`: the signing name.
    pub sigv4_name: Option<String>,
    /// `aws.api#service`: the SDK id (e.g. `Cognito Identity Provider`).
    pub aws_sdk_id: Option<String>,
    /// `aws.api#service`: the endpoint prefix (e.g. `cognito-idp`).
    pub aws_endpoint_prefix: Option<String>,
    /// `smithy.rules#endpointRuleSet`, as raw JSON.
    pub endpoint_rule_set: Option<serde_json::Value>,
}

/// An `enumValue`: a string for `enum` members, an integer for `intEnum` members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnumValue {
    /// The wire value of an `enum` member.
    String(String),
    /// The wire value of an `intEnum` member.
    Int(i64),
}

/// Who is at fault for an error (`smithy.api#error`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorFault {
    /// The caller sent something wrong.
    Client,
    /// The service failed.
    Server,
}

/// `smithy.api#length` bounds (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Length {
    /// Minimum length.
    pub min: Option<u64>,
    /// Maximum length.
    pub max: Option<u64>,
}

/// `smithy.api#range` bounds (inclusive), as written in the model.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Range {
    /// Minimum value.
    pub min: Option<serde_json::Number>,
    /// Maximum value.
    pub max: Option<serde_json::Number>,
}

/// `smithy.api#deprecated`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Deprecated {
    /// What to use instead.
    pub message: Option<String>,
    /// Since when.
    pub since: Option<String>,
}

/// `smithy.api#timestampFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// RFC 3339 date-time.
    DateTime,
    /// IMF-fixdate HTTP date.
    HttpDate,
    /// Seconds since the Unix epoch.
    EpochSeconds,
}

/// `smithy.api#http`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Http {
    /// The HTTP method, e.g. `GET`.
    pub method: String,
    /// The URI pattern, e.g. `/things/{id}?list`.
    pub uri: String,
    /// The status code of a successful response (200 when not given).
    pub code: u16,
}

/// `smithy.api#paginated` (member names; on an operation merged with its service's trait).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paginated {
    /// Input member carrying the continuation token.
    pub input_token: Option<String>,
    /// Output member (path) carrying the next token.
    pub output_token: Option<String>,
    /// Output member (path) with the page's items.
    pub items: Option<String>,
    /// Input member bounding the page size.
    pub page_size: Option<String>,
}

/// The namespace of the Smithy prelude traits.
const SMITHY: &str = "smithy.api";

impl Traits {
    /// Builds the typed view of a shape's or member's traits from the raw map (which is kept
    /// as [`Traits::raw`]).
    ///
    /// Traits the generator does not act on are only kept raw. A known trait whose value has
    /// the wrong form is an [`LoadErrorKind::InvalidTrait`] error naming the trait (without a
    /// location: the loader adds it): nothing is silently dropped.
    pub fn parse(raw: BTreeMap<ShapeId, serde_json::Value>) -> Result<Traits, LoadError> {
        Traits::parse_typed(raw).map_err(|kind| LoadError::query(None, kind))
    }

    // Private helpers return the bare kind; it is boxed into a LoadError once, above.
    #[allow(clippy::result_large_err)]
    fn parse_typed(raw: BTreeMap<ShapeId, serde_json::Value>) -> Result<Traits, LoadErrorKind> {
        let mut traits = Traits::default();
        for (id, value) in &raw {
            if id.member().is_some() {
                continue;
            }
            let v = TraitValue { id, value };
            match (id.namespace(), id.name()) {
                (SMITHY, "documentation") => traits.documentation = Some(v.string()?),
                (SMITHY, "required") => traits.required = v.annotation()?,
                (SMITHY, "default") => traits.default = Some(value.clone()),
                (SMITHY, "clientOptional") => traits.client_optional = v.annotation()?,
                (SMITHY, "sensitive") => traits.sensitive = v.annotation()?,
                (SMITHY, "enumValue") => traits.enum_value = Some(v.enum_value()?),
                (SMITHY, "error") => traits.error = Some(v.error_fault()?),
                (SMITHY, "httpError") => traits.http_error = Some(v.status_code()?),
                (SMITHY, "length") => {
                    let fields = v.object()?;
                    traits.length = Some(Length {
                        min: fields.u64("min")?,
                        max: fields.u64("max")?,
                    });
                }
                (SMITHY, "pattern") => traits.pattern = Some(v.string()?),
                (SMITHY, "range") => {
                    let fields = v.object()?;
                    traits.range = Some(Range {
                        min: fields.number("min")?,
                        max: fields.number("max")?,
                    });
                }
                (SMITHY, "input") => traits.input = v.annotation()?,
                (SMITHY, "output") => traits.output = v.annotation()?,
                (SMITHY, "deprecated") => {
                    let fields = v.object()?;
                    traits.deprecated = Some(Deprecated {
                        message: fields.string("message")?,
                        since: fields.string("since")?,
                    });
                }
                (SMITHY, "auth") => traits.auth = Some(v.shape_ids()?),
                (SMITHY, "optionalAuth") => traits.optional_auth = v.annotation()?,
                (SMITHY, "jsonName") => traits.json_name = Some(v.string()?),
                (SMITHY, "timestampFormat") => {
                    traits.timestamp_format = Some(v.timestamp_format()?)
                }
                (SMITHY, "sparse") => traits.sparse = v.annotation()?,
                (SMITHY, "paginated") => {
                    let fields = v.object()?;
                    traits.paginated = Some(Paginated {
                        input_token: fields.string("inputToken")?,
                        output_token: fields.string("outputToken")?,
                        items: fields.string("items")?,
                        page_size: fields.string("pageSize")?,
                    });
                }
                (SMITHY, "idempotencyToken") => traits.idempotency_token = v.annotation()?,
                (SMITHY, "hostLabel") => traits.host_label = v.annotation()?,
                (SMITHY, "endpoint") => {
                    traits.endpoint_host_prefix = Some(v.object()?.required_string("hostPrefix")?)
                }
                (SMITHY, "requestCompression") => {
                    traits.request_compression = Some(v.object()?.required_strings("encodings")?)
                }
                (SMITHY, "title") => traits.title = Some(v.string()?),
                (SMITHY, "http") => {
                    let fields = v.object()?;
                    let code = match fields.map.get("code") {
                        None => 200,
                        Some(code) => TraitValue { id, value: code }.status_code()?,
                    };
                    traits.http = Some(Http {
                        method: fields.required_string("method")?,
                        uri: fields.required_string("uri")?,
                        code,
                    });
                }
                (SMITHY, "httpLabel") => traits.http_label = v.annotation()?,
                (SMITHY, "httpQuery") => traits.http_query = Some(v.string()?),
                (SMITHY, "httpQueryParams") => traits.http_query_params = v.annotation()?,
                (SMITHY, "httpHeader") => traits.http_header = Some(v.string()?),
                (SMITHY, "httpPrefixHeaders") => traits.http_prefix_headers = Some(v.string()?),
                (SMITHY, "httpPayload") => traits.http_payload = v.annotation()?,
                (SMITHY, "httpResponseCode") => traits.http_response_code = v.annotation()?,
                (SMITHY, "httpChecksumRequired") => {
                    traits.http_checksum_required = v.annotation()?
                }
                (SMITHY, "mediaType") => traits.media_type = Some(v.string()?),
                (SMITHY, "streaming") => traits.streaming = v.annotation()?,
                ("aws.protocols", "restJson1") => traits.rest_json_1 = v.annotation()?,
                ("aws.protocols", "awsJson1_0") => traits.aws_json_1_0 = v.annotation()?,
                ("aws.protocols", "awsJson1_1") => traits.aws_json_1_1 = v.annotation()?,
                ("aws.protocols", "awsQueryCompatible") => {
                    traits.aws_query_compatible = v.annotation()?
                }
                ("aws.protocols", "awsQueryError") => {
                    let fields = v.object()?;
                    let code = fields.required_string("code")?;
                    let status = fields.required("httpResponseCode")?;
                    let status = TraitValue { id, value: status }.status_code()?;
                    traits.aws_query_error = Some((code, status));
                }
                ("aws.auth", "sigv4") => {
                    traits.sigv4_name = Some(v.object()?.required_string("name")?)
                }
                ("aws.api", "service") => {
                    let fields = v.object()?;
                    traits.aws_sdk_id = Some(fields.required_string("sdkId")?);
                    traits.aws_endpoint_prefix = fields.string("endpointPrefix")?;
                }
                ("smithy.rules", "endpointRuleSet") => {
                    v.object()?;
                    traits.endpoint_rule_set = Some(value.clone());
                }
                _ => {}
            }
        }
        traits.raw = raw;
        Ok(traits)
    }
}

/// One trait value being checked, with its id for error messages.
struct TraitValue<'a> {
    id: &'a ShapeId,
    value: &'a serde_json::Value,
}

/// The properties of an object-valued trait.
struct TraitFields<'a> {
    id: &'a ShapeId,
    map: &'a serde_json::Map<String, serde_json::Value>,
}

fn invalid(id: &ShapeId, reason: String) -> LoadErrorKind {
    LoadErrorKind::InvalidTrait {
        trait_id: id.clone(),
        reason,
    }
}

fn found(value: &serde_json::Value) -> String {
    format!("found {}", super::error::brief_json(value))
}

#[allow(clippy::result_large_err)] // see `Traits::parse_typed`
impl<'a> TraitValue<'a> {
    fn wrong(&self, expected: &str) -> LoadErrorKind {
        invalid(
            self.id,
            format!("expected {expected}, {}", found(self.value)),
        )
    }

    fn string(&self) -> Result<String, LoadErrorKind> {
        self.value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| self.wrong("a string"))
    }

    /// Annotation traits are written `{}` (older documents also use `true`).
    fn annotation(&self) -> Result<bool, LoadErrorKind> {
        match self.value {
            serde_json::Value::Object(_) | serde_json::Value::Bool(true) => Ok(true),
            _ => Err(self.wrong("an empty object `{}` (an annotation trait)")),
        }
    }

    fn object(&self) -> Result<TraitFields<'a>, LoadErrorKind> {
        match self.value {
            serde_json::Value::Object(map) => Ok(TraitFields { id: self.id, map }),
            _ => Err(self.wrong("an object")),
        }
    }

    fn enum_value(&self) -> Result<EnumValue, LoadErrorKind> {
        match self.value {
            serde_json::Value::String(text) => Ok(EnumValue::String(text.clone())),
            serde_json::Value::Number(n) => n
                .as_i64()
                .map(EnumValue::Int)
                .ok_or_else(|| self.wrong("a string or an integer")),
            _ => Err(self.wrong("a string or an integer")),
        }
    }

    fn error_fault(&self) -> Result<ErrorFault, LoadErrorKind> {
        match self.value.as_str() {
            Some("client") => Ok(ErrorFault::Client),
            Some("server") => Ok(ErrorFault::Server),
            _ => Err(self.wrong("\"client\" or \"server\"")),
        }
    }

    fn status_code(&self) -> Result<u16, LoadErrorKind> {
        self.value
            .as_u64()
            .filter(|code| (100..=599).contains(code))
            .and_then(|code| u16::try_from(code).ok())
            .ok_or_else(|| self.wrong("an HTTP status code (an integer from 100 to 599)"))
    }

    fn shape_ids(&self) -> Result<Vec<ShapeId>, LoadErrorKind> {
        let items = self
            .value
            .as_array()
            .ok_or_else(|| self.wrong("an array of shape ids"))?;
        items
            .iter()
            .map(|item| {
                let text = item
                    .as_str()
                    .ok_or_else(|| self.wrong("an array of shape ids"))?;
                ShapeId::parse(text).map_err(|e| invalid(self.id, e.to_string()))
            })
            .collect()
    }

    fn timestamp_format(&self) -> Result<TimestampFormat, LoadErrorKind> {
        match self.value.as_str() {
            Some("date-time") => Ok(TimestampFormat::DateTime),
            Some("http-date") => Ok(TimestampFormat::HttpDate),
            Some("epoch-seconds") => Ok(TimestampFormat::EpochSeconds),
            _ => Err(self.wrong("\"date-time\", \"http-date\" or \"epoch-seconds\"")),
        }
    }
}

#[allow(clippy::result_large_err)] // see `Traits::parse_typed`
impl<'a> TraitFields<'a> {
    fn wrong(&self, key: &str, expected: &str, value: &serde_json::Value) -> LoadErrorKind {
        invalid(
            self.id,
            format!("property `{key}` must be {expected}, {}", found(value)),
        )
    }

    fn required(&self, key: &str) -> Result<&'a serde_json::Value, LoadErrorKind> {
        self.map
            .get(key)
            .ok_or_else(|| invalid(self.id, format!("missing required property `{key}`")))
    }

    fn string(&self, key: &str) -> Result<Option<String>, LoadErrorKind> {
        match self.map.get(key) {
            None => Ok(None),
            Some(serde_json::Value::String(text)) => Ok(Some(text.clone())),
            Some(other) => Err(self.wrong(key, "a string", other)),
        }
    }

    fn required_string(&self, key: &str) -> Result<String, LoadErrorKind> {
        let value = self.required(key)?;
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| self.wrong(key, "a string", value))
    }

    fn required_strings(&self, key: &str) -> Result<Vec<String>, LoadErrorKind> {
        let value = self.required(key)?;
        let expected = "an array of strings";
        let items = value
            .as_array()
            .ok_or_else(|| self.wrong(key, expected, value))?;
        items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| self.wrong(key, expected, value))
            })
            .collect()
    }

    fn u64(&self, key: &str) -> Result<Option<u64>, LoadErrorKind> {
        match self.map.get(key) {
            None => Ok(None),
            Some(value) => value
                .as_u64()
                .map(Some)
                .ok_or_else(|| self.wrong(key, "a non-negative integer", value)),
        }
    }

    fn number(&self, key: &str) -> Result<Option<serde_json::Number>, LoadErrorKind> {
        match self.map.get(key) {
            None => Ok(None),
            Some(serde_json::Value::Number(n)) => Ok(Some(n.clone())),
            Some(other) => Err(self.wrong(key, "a number", other)),
        }
    }
}
