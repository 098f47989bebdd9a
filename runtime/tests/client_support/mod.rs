//! A tiny fake awsJson 1.1 service, written by hand the way generated code would be, so the
//! client pipeline can be tested without a generator or a network.
//!
//! `Echo` is unsigned (its body carries an access token, like Cognito's `GetUser`);
//! `SignedEcho` is SigV4-signed with the signing name `fakesvc`.

#![allow(dead_code)]

use std::fmt;
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use smithy_runtime::aws_json::{self, JsonVersion};
use smithy_runtime::client::{Config, ConfigBuilder, InMemoryTransport};
use smithy_runtime::error::{
    BoxError, ErrorMetadata, Fault, ProvideErrorMetadata, ProvideResponseMetadata,
    ResponseMetadata, SdkError, UnhandledError,
};
use smithy_runtime::operation::{AuthScheme, Operation, RequestContext, ServiceInfo};
use smithy_runtime::validation::{Validate, Validator};

/// The access token every test puts in the input: it must never show up in logs.
pub const SECRET_TOKEN: &str = "eyJSECRET-ACCESS-TOKEN-DO-NOT-LOG";

/// A small rule set: custom endpoint, then FIPS (with an extra header), then the plain one.
pub const RULES: &str = r#"{
    "version": "1.0",
    "parameters": {
        "Region": {"type": "String", "builtIn": "AWS::Region", "required": false},
        "UseFIPS": {"type": "Boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false},
        "UseDualStack": {"type": "Boolean", "builtIn": "AWS::UseDualStack", "required": true, "default": false},
        "Endpoint": {"type": "String", "builtIn": "SDK::Endpoint", "required": false}
    },
    "rules": [
        {
            "type": "endpoint",
            "conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}],
            "endpoint": {"url": {"ref": "Endpoint"}}
        },
        {
            "type": "tree",
            "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}],
            "rules": [
                {
                    "type": "endpoint",
                    "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
                    "endpoint": {
                        "url": "https://fake-fips.{Region}.amazonaws.com",
                        "headers": {"x-fake-fips": ["yes"]}
                    }
                },
                {
                    "type": "endpoint",
                    "conditions": [],
                    "endpoint": {"url": "https://fake.{Region}.amazonaws.com"}
                }
            ]
        },
        {"type": "error", "conditions": [], "error": "Invalid Configuration: Missing Region"}
    ]
}"#;

pub static SERVICE: ServiceInfo = ServiceInfo {
    sdk_id: "Fake Service",
    signing_name: Some("fakesvc"),
    endpoint_rule_set: Some(RULES),
};

/// The input: a name (1 to 10 characters), an access token, an optional idempotency token.
#[derive(Debug, Clone)]
pub struct EchoInput {
    pub name: String,
    pub access_token: String,
    pub client_token: Option<String>,
}

impl EchoInput {
    pub fn new(name: &str) -> EchoInput {
        EchoInput {
            name: name.to_owned(),
            access_token: SECRET_TOKEN.to_owned(),
            client_token: None,
        }
    }
}

impl Validate for EchoInput {
    fn validate_into(&self, validator: &mut Validator) {
        validator.member("Name", |v| v.str_length(&self.name, Some(1), Some(10)));
    }
}

#[derive(Debug, Clone)]
pub struct EchoOutput {
    pub greeting: String,
    pub meta: ResponseMetadata,
}

impl ProvideResponseMetadata for EchoOutput {
    fn response_metadata(&self) -> &ResponseMetadata {
        &self.meta
    }

    fn response_metadata_mut(&mut self) -> &mut ResponseMetadata {
        &mut self.meta
    }
}

/// The operation error, as a generator would emit it.
#[derive(Debug)]
pub enum EchoError {
    /// `TooManyRequestsException`, 429.
    TooManyRequests(ErrorMetadata),
    /// `InternalErrorException`, a server fault.
    InternalError(ErrorMetadata),
    /// `InvalidParameterException`, a client fault.
    InvalidParameter(ErrorMetadata),
    /// Anything else.
    Unhandled(UnhandledError),
}

impl ProvideErrorMetadata for EchoError {
    fn meta(&self) -> &ErrorMetadata {
        match self {
            EchoError::TooManyRequests(m)
            | EchoError::InternalError(m)
            | EchoError::InvalidParameter(m) => m,
            EchoError::Unhandled(e) => e.meta(),
        }
    }

    fn meta_mut(&mut self) -> &mut ErrorMetadata {
        match self {
            EchoError::TooManyRequests(m)
            | EchoError::InternalError(m)
            | EchoError::InvalidParameter(m) => m,
            EchoError::Unhandled(e) => e.meta_mut(),
        }
    }

    fn fault(&self) -> Fault {
        match self {
            EchoError::InternalError(_) => Fault::Server,
            EchoError::Unhandled(e) => e.fault(),
            _ => Fault::Client,
        }
    }
}

impl fmt::Display for EchoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            self.code().unwrap_or("unknown"),
            self.message().unwrap_or("")
        )
    }
}

impl std::error::Error for EchoError {}

fn serialize(
    input: &EchoInput,
    context: &RequestContext<'_>,
    operation: &str,
) -> Result<http::Request<Vec<u8>>, BoxError> {
    let token = input
        .client_token
        .clone()
        .unwrap_or_else(|| (context.idempotency_token)());
    let body = json!({"Name": input.name, "AccessToken": input.access_token, "ClientToken": token});
    aws_json::build_request(
        context.endpoint,
        None,
        JsonVersion::V1_1,
        &format!("FakeService.{operation}"),
        &body,
    )
}

fn deserialize(response: &http::Response<Vec<u8>>) -> Result<EchoOutput, SdkError<EchoError>> {
    if aws_json::is_success(response) {
        let body = aws_json::parse_success_body(response).map_err(SdkError::Response)?;
        let greeting = body
            .get("Greeting")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        return Ok(EchoOutput {
            greeting,
            meta: aws_json::response_metadata(response),
        });
    }
    let parsed = aws_json::parse_error(response, false);
    let meta = parsed.meta;
    Err(SdkError::Service(match meta.code() {
        Some("TooManyRequestsException") => EchoError::TooManyRequests(meta),
        Some("InternalErrorException") => EchoError::InternalError(meta),
        Some("InvalidParameterException") => EchoError::InvalidParameter(meta),
        _ => EchoError::Unhandled(UnhandledError::new(meta)),
    }))
}

/// Unsigned.
pub struct Echo;

impl Operation for Echo {
    type Input = EchoInput;
    type Output = EchoOutput;
    type Error = EchoError;
    const NAME: &'static str = "Echo";
    const SERVICE: &'static ServiceInfo = &SERVICE;
    const AUTH: AuthScheme = AuthScheme::Anonymous;

    fn serialize(
        input: &EchoInput,
        context: &RequestContext<'_>,
    ) -> Result<http::Request<Vec<u8>>, BoxError> {
        serialize(input, context, Self::NAME)
    }

    fn deserialize(response: &http::Response<Vec<u8>>) -> Result<EchoOutput, SdkError<EchoError>> {
        deserialize(response)
    }
}

/// SigV4-signed.
pub struct SignedEcho;

impl Operation for SignedEcho {
    type Input = EchoInput;
    type Output = EchoOutput;
    type Error = EchoError;
    const NAME: &'static str = "SignedEcho";
    const SERVICE: &'static ServiceInfo = &SERVICE;
    const AUTH: AuthScheme = AuthScheme::SigV4;

    fn serialize(
        input: &EchoInput,
        context: &RequestContext<'_>,
    ) -> Result<http::Request<Vec<u8>>, BoxError> {
        serialize(input, context, Self::NAME)
    }

    fn deserialize(response: &http::Response<Vec<u8>>) -> Result<EchoOutput, SdkError<EchoError>> {
        deserialize(response)
    }
}

/// A JSON response with a request id.
pub fn response(status: u16, body: Value) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amzn-requestid", format!("req-{status}"))
        .body(body.to_string().into_bytes())
        .unwrap()
}

pub fn ok(greeting: &str) -> http::Response<Vec<u8>> {
    response(200, json!({"Greeting": greeting}))
}

pub fn error(status: u16, code: &str, message: &str) -> http::Response<Vec<u8>> {
    response(
        status,
        json!({"__type": format!("com.example#{code}"), "message": message}),
    )
}

/// A builder with the transport injected, fast retries and a region.
pub fn config(transport: &InMemoryTransport) -> ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .http_transport(transport.clone())
        .retry(
            smithy_runtime::client::RetryConfig::standard()
                .with_initial_backoff(std::time::Duration::from_millis(1))
                .with_max_backoff(std::time::Duration::from_millis(5)),
        )
}

/// Counts calls of an idempotency token provider.
pub fn counting_tokens() -> (Arc<Mutex<u32>>, impl Fn() -> String + Send + Sync + 'static) {
    let count = Arc::new(Mutex::new(0u32));
    let seen = Arc::clone(&count);
    (count, move || {
        let mut n = seen.lock().unwrap();
        *n += 1;
        format!("token-{n}")
    })
}

/// The body of a recorded request as JSON.
pub fn body_json(request: &http::Request<Vec<u8>>) -> Value {
    serde_json::from_slice(request.body()).unwrap()
}
