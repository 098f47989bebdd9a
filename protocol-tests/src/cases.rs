//! Reading the client cases of Smithy's `smithy.test#httpRequestTests` and
//! `smithy.test#httpResponseTests` traits out of a loaded model.
//!
//! The loader keeps every trait as raw JSON, so the cases are read from there: they are test
//! data, not something the code generator acts on.

use serde::Deserialize;
use smithy_codegen::model::{Model, ShapeId, ShapeKind};
use std::collections::BTreeMap;

/// The trait holding request cases.
pub const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
/// The trait holding response cases.
pub const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";

/// Whether a case checks what the client sends or what it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An `httpRequestTests` case: input parameters → expected HTTP request.
    Request,
    /// An `httpResponseTests` case: HTTP response → expected output or error.
    Response,
}

impl Kind {
    /// `request` or `response` (also the module the generated test lives in).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Response => "response",
        }
    }
}

/// One `httpRequestTests` entry (fields the client side needs).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestCase {
    /// Case id.
    pub id: String,
    /// Protocol trait id, e.g. `aws.protocols#awsJson1_1`.
    pub protocol: String,
    /// Expected method.
    pub method: String,
    /// Expected path (without the query string).
    pub uri: String,
    /// Endpoint host (and optional path) the client is configured with.
    #[serde(default)]
    pub host: Option<String>,
    /// Host the request must be sent to.
    #[serde(default)]
    pub resolved_host: Option<String>,
    /// `key=value` pairs that must appear in the query string.
    #[serde(default)]
    pub query_params: Vec<String>,
    /// Query keys that must not appear.
    #[serde(default)]
    pub forbid_query_params: Vec<String>,
    /// Query keys that must appear.
    #[serde(default)]
    pub require_query_params: Vec<String>,
    /// Headers with their exact values.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Headers that must be absent.
    #[serde(default)]
    pub forbid_headers: Vec<String>,
    /// Headers that must be present, whatever their value.
    #[serde(default)]
    pub require_headers: Vec<String>,
    /// Expected body.
    #[serde(default)]
    pub body: Option<String>,
    /// Media type of the body (structural comparison for JSON).
    #[serde(default)]
    pub body_media_type: Option<String>,
    /// Input parameters.
    #[serde(default)]
    pub params: Option<serde_json::Value>,
    /// `client`, `server`, or absent for both.
    #[serde(default)]
    pub applies_to: Option<String>,
}

/// One `httpResponseTests` entry (fields the client side needs).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseCase {
    /// Case id.
    pub id: String,
    /// Protocol trait id.
    pub protocol: String,
    /// HTTP status code.
    pub code: u16,
    /// Response headers.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Response body.
    #[serde(default)]
    pub body: Option<String>,
    /// Media type of the body.
    #[serde(default)]
    pub body_media_type: Option<String>,
    /// Expected output (or error) members.
    #[serde(default)]
    pub params: Option<serde_json::Value>,
    /// Protocol-specific expectations; for query-compatible errors `{"code": ..}`.
    #[serde(default)]
    pub vendor_params: Option<serde_json::Value>,
    /// `client`, `server`, or absent for both.
    #[serde(default)]
    pub applies_to: Option<String>,
}

/// What a case checks.
#[derive(Debug, Clone)]
pub enum CaseBody {
    /// A request case.
    Request(RequestCase),
    /// A response case parsed as the operation's output.
    Response(ResponseCase),
    /// A response case parsed as one of the operation's errors.
    Error {
        /// The error structure the case is attached to.
        error: ShapeId,
        /// The case.
        case: ResponseCase,
    },
}

/// One client case, tied to the operation that runs it.
#[derive(Debug, Clone)]
pub struct Case {
    /// The operation whose serializer or deserializer the case runs through.
    pub operation: ShapeId,
    /// The case itself.
    pub body: CaseBody,
}

impl Case {
    /// The case id.
    pub fn id(&self) -> &str {
        match &self.body {
            CaseBody::Request(case) => &case.id,
            CaseBody::Response(case) | CaseBody::Error { case, .. } => &case.id,
        }
    }

    /// Request or response.
    pub fn kind(&self) -> Kind {
        match self.body {
            CaseBody::Request(_) => Kind::Request,
            _ => Kind::Response,
        }
    }
}

/// The short protocol name (`awsJson1_1`) of a protocol trait id.
pub fn protocol_name(trait_id: &str) -> &str {
    trait_id.rsplit('#').next().unwrap_or(trait_id)
}

/// The protocol trait id of a service (`aws.protocols#awsJson1_0`, `…1_1` or `…#restJson1`).
pub fn service_protocol(model: &Model, service: &ShapeId) -> Result<String, String> {
    let shape = model
        .shape(service)
        .ok_or_else(|| format!("no service `{service}` in the model"))?;
    if shape.traits.aws_json_1_1 {
        Ok("aws.protocols#awsJson1_1".to_owned())
    } else if shape.traits.aws_json_1_0 {
        Ok("aws.protocols#awsJson1_0".to_owned())
    } else if shape.traits.rest_json_1 {
        Ok("aws.protocols#restJson1".to_owned())
    } else {
        Err(format!(
            "`{service}` has no awsJson or restJson1 protocol trait"
        ))
    }
}

/// The raw entries of a test trait on a shape (none when the shape or trait is absent).
fn raw_cases<'m>(model: &'m Model, shape: &ShapeId, trait_name: &str) -> &'m [serde_json::Value] {
    let Ok(trait_id) = ShapeId::parse(trait_name) else {
        return &[];
    };
    model
        .shape(shape)
        .and_then(|s| s.traits.raw.get(&trait_id))
        .and_then(serde_json::Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

fn applies_to_client(raw: &serde_json::Value) -> bool {
    raw.get("appliesTo").and_then(serde_json::Value::as_str) != Some("server")
}

fn protocol_of(raw: &serde_json::Value) -> Option<&str> {
    raw.get("protocol").and_then(serde_json::Value::as_str)
}

fn parse<T: for<'de> Deserialize<'de>>(
    raw: &serde_json::Value,
    shape: &ShapeId,
    trait_name: &str,
) -> Result<T, String> {
    T::deserialize(raw).map_err(|e| format!("a `{trait_name}` case on `{shape}` is malformed: {e}"))
}

/// Every client case of `service` for its own protocol: request and response cases on its
/// operations, and response cases on the errors they list (run through the first operation,
/// in name order, that can return the error).
pub fn service_cases(model: &Model, service: &ShapeId) -> Result<Vec<Case>, String> {
    let protocol = service_protocol(model, service)?;
    let mut operations = model.operation_ids(service).map_err(|e| e.to_string())?;
    operations.sort_by(|a, b| a.name().cmp(b.name()));
    let mut cases = Vec::new();
    let mut error_owner: BTreeMap<ShapeId, ShapeId> = BTreeMap::new();
    for operation in &operations {
        for raw in raw_cases(model, operation, REQUEST_TESTS) {
            if applies_to_client(raw) && protocol_of(raw) == Some(protocol.as_str()) {
                cases.push(Case {
                    operation: operation.clone(),
                    body: CaseBody::Request(parse(raw, operation, REQUEST_TESTS)?),
                });
            }
        }
        for raw in raw_cases(model, operation, RESPONSE_TESTS) {
            if applies_to_client(raw) && protocol_of(raw) == Some(protocol.as_str()) {
                cases.push(Case {
                    operation: operation.clone(),
                    body: CaseBody::Response(parse(raw, operation, RESPONSE_TESTS)?),
                });
            }
        }
        let errors = model
            .operation_errors(service, operation)
            .map_err(|e| e.to_string())?;
        for error in errors {
            error_owner
                .entry(error)
                .or_insert_with(|| operation.clone());
        }
    }
    for (error, operation) in &error_owner {
        for raw in raw_cases(model, error, RESPONSE_TESTS) {
            if applies_to_client(raw) && protocol_of(raw) == Some(protocol.as_str()) {
                cases.push(Case {
                    operation: operation.clone(),
                    body: CaseBody::Error {
                        error: error.clone(),
                        case: parse(raw, error, RESPONSE_TESTS)?,
                    },
                });
            }
        }
    }
    Ok(cases)
}

/// `(shape, kind, id)` of every client case in the whole model for `protocol` (a trait id),
/// wherever it is attached: used to prove that no case is left out of the services run.
pub fn all_client_cases(model: &Model, protocol: &str) -> Vec<(ShapeId, Kind, String)> {
    let mut out = Vec::new();
    for shape in model.shapes() {
        let runs_cases = matches!(
            shape.kind,
            ShapeKind::Operation(_) | ShapeKind::Structure(_)
        );
        if !runs_cases {
            continue;
        }
        for (trait_name, kind) in [
            (REQUEST_TESTS, Kind::Request),
            (RESPONSE_TESTS, Kind::Response),
        ] {
            for raw in raw_cases(model, &shape.id, trait_name) {
                if applies_to_client(raw) && protocol_of(raw) == Some(protocol) {
                    let id = raw
                        .get("id")
                        .and_then(serde_json::Value::as_str)
                        .unwrap_or_default()
                        .to_owned();
                    out.push((shape.id.clone(), kind, id));
                }
            }
        }
    }
    out
}
