//! The contract between a generated operation and the runtime client: how to turn an
//! input into a request and a response into an output or an error. Generated crates
//! implement [`Operation`] once per operation; the client pipeline (validation, endpoint,
//! signing, retries, tracing) is written once, generically, in [`crate::client`].

use crate::error::{BoxError, ProvideErrorMetadata, ProvideResponseMetadata, SdkError};
use crate::validation::Validate;
use crate::ByteStream;

/// How a call is authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthScheme {
    /// Sent unsigned (`smithy.api#auth: []` or `optionalAuth`): the body carries its own
    /// token, e.g. a Cognito access token.
    Anonymous,
    /// Signed with AWS Signature Version 4 using the service's signing name.
    SigV4,
}

/// Facts about a service that the client needs for every call.
#[derive(Debug)]
pub struct ServiceInfo {
    /// The service's SDK id, e.g. `Cognito Identity Provider` (used in spans and messages).
    pub sdk_id: &'static str,
    /// The SigV4 signing name, e.g. `cognito-idp`.
    pub signing_name: Option<&'static str>,
    /// The `smithy.rules#endpointRuleSet` as JSON text, when the model has one.
    pub endpoint_rule_set: Option<&'static str>,
}

/// Per-call values the serializer needs besides the input.
pub struct RequestContext<'a> {
    /// Base URL of the resolved endpoint.
    pub endpoint: &'a str,
    /// Supplies `@idempotencyToken` values the caller left unset.
    pub idempotency_token: &'a (dyn Fn() -> String + Send + Sync),
}

/// One operation of a generated service.
pub trait Operation: Send + Sync + 'static {
    /// The input structure.
    type Input: Validate + Send + Sync + 'static;
    /// The output structure.
    type Output: ProvideResponseMetadata + Send + 'static;
    /// The operation's error enum.
    type Error: std::error::Error + ProvideErrorMetadata + Send + Sync + 'static;

    /// The operation name from the model, e.g. `UpdateUserAttributes`.
    const NAME: &'static str;
    /// The service the operation belongs to.
    const SERVICE: &'static ServiceInfo;
    /// How calls are authenticated.
    const AUTH: AuthScheme;

    /// Builds the unsigned HTTP request.
    fn serialize(
        input: &Self::Input,
        context: &RequestContext<'_>,
    ) -> Result<http::Request<Vec<u8>>, BoxError>;

    /// Reads a response: an output on success, otherwise a service error (or a response
    /// error when the response cannot be understood).
    fn deserialize(
        response: &http::Response<Vec<u8>>,
    ) -> Result<Self::Output, SdkError<Self::Error>>;

    /// Whether the output has a `@streaming` payload: the client then hands the response body
    /// to [`set_streaming_output`](Operation::set_streaming_output) as it arrives instead of
    /// reading it into memory, and [`deserialize`](Operation::deserialize) sees a successful
    /// response with an empty body (the head only).
    const STREAMING_OUTPUT: bool = false;

    /// The input's `@streaming` payload, for operations that have one. When it is not in
    /// memory, the client takes it out of the input after [`serialize`](Operation::serialize)
    /// (which sends an empty body in its place) and streams it as the request body; such a
    /// call makes one attempt only, because a consumed stream cannot be sent again.
    fn streaming_input(input: &mut Self::Input) -> Option<&mut ByteStream> {
        let _ = input;
        None
    }

    /// Whether a streamed input payload must declare its length
    /// ([`ByteStream::with_length`]; `@requiresLength`): without one the call fails before
    /// anything is sent.
    const STREAMING_INPUT_REQUIRES_LENGTH: bool = false;

    /// Stores the streamed response body as the output's `@streaming` payload.
    fn set_streaming_output(output: &mut Self::Output, body: ByteStream) {
        let _ = (output, body);
    }

    /// The `tracing` span one call of this operation runs in.
    ///
    /// `tracing` span names must be string literals, so this default can only use a
    /// generic name, `call`; generated operations override it with a span named after the
    /// operation (e.g. `UpdateUserAttributes`). Whatever the name, the span should have the
    /// fields `operation`, `service` and `attempts` (left empty: the client records it when
    /// the call ends), as the default does.
    fn span() -> tracing::Span {
        tracing::info_span!(
            "call",
            operation = Self::NAME,
            service = Self::SERVICE.sdk_id,
            attempts = tracing::field::Empty,
        )
    }
}
