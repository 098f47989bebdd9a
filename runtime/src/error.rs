//! Errors shared by every generated crate: what a service error carries, what can go wrong
//! around it (building, sending, reading the response), and the metadata accessors.

use std::error::Error as StdError;
use std::fmt;

use crate::untrusted::bounded;

/// Who is at fault for a failed call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    /// The request was wrong (4xx-like); retrying it unchanged will not help.
    Client,
    /// The service failed (5xx-like).
    Server,
}

impl Fault {
    /// The fault implied by an HTTP status when the model says nothing: 5xx is the server's
    /// (made-up statuses such as 999 are not).
    pub fn from_status(status: u16) -> Fault {
        if (500..600).contains(&status) {
            Fault::Server
        } else {
            Fault::Client
        }
    }
}

/// What a service said about an error, next to the modelled error members.
///
/// Code, message and request id come from the response, so they are untrusted: each is cut
/// to [`MAX_UNTRUSTED_TEXT`](crate::untrusted::MAX_UNTRUSTED_TEXT) bytes (messages to four
/// times that) when the metadata is made, before they can reach a message or a log line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorMetadata {
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    http_status: Option<u16>,
    attempts: u32,
}

impl ErrorMetadata {
    /// Metadata with the given parts.
    pub fn new(
        code: Option<String>,
        message: Option<String>,
        request_id: Option<String>,
        http_status: Option<u16>,
    ) -> ErrorMetadata {
        ErrorMetadata {
            code: code.map(|code| bounded(&code).into_owned()),
            message: message.map(bounded_message),
            request_id: request_id.map(|id| bounded(&id).into_owned()),
            http_status,
            attempts: 1,
        }
    }

    /// How many attempts the call took before this error was returned.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Records the attempt count (set by the client after retries).
    pub fn set_attempts(&mut self, attempts: u32) {
        self.attempts = attempts;
    }

    /// The error code, e.g. `NotAuthorizedException` (namespace and suffix removed).
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The human-readable message the service sent.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The request id the service assigned (`x-amzn-requestid`).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The HTTP status of the response.
    pub fn http_status(&self) -> Option<u16> {
        self.http_status
    }

    /// Replaces the message (used when a modelled error carries its own message member).
    pub fn with_message(mut self, message: Option<String>) -> ErrorMetadata {
        self.message = message.map(bounded_message);
        self
    }
}

/// Service messages may be longer than codes; still bounded.
fn bounded_message(message: String) -> String {
    crate::untrusted::bounded_to(&message, 4 * crate::untrusted::MAX_UNTRUSTED_TEXT).into_owned()
}

/// Access to the metadata of any error a service returned.
pub trait ProvideErrorMetadata {
    /// The metadata.
    fn meta(&self) -> &ErrorMetadata;

    /// Mutable metadata (the client records the attempt count).
    fn meta_mut(&mut self) -> &mut ErrorMetadata;

    /// Client or server fault.
    fn fault(&self) -> Fault;

    /// The error code.
    fn code(&self) -> Option<&str> {
        self.meta().code()
    }

    /// The error message.
    fn message(&self) -> Option<&str> {
        self.meta().message()
    }

    /// The request id.
    fn request_id(&self) -> Option<&str> {
        self.meta().request_id()
    }

    /// The HTTP status.
    fn http_status(&self) -> Option<u16> {
        self.meta().http_status()
    }
}

/// Facts about a successful response, carried by every operation output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseMetadata {
    request_id: Option<String>,
    http_status: Option<u16>,
    attempts: u32,
}

impl ResponseMetadata {
    /// Metadata read from a response.
    pub fn new(request_id: Option<String>, http_status: Option<u16>) -> ResponseMetadata {
        ResponseMetadata {
            request_id,
            http_status,
            attempts: 1,
        }
    }

    /// The request id the service assigned.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The HTTP status.
    pub fn http_status(&self) -> Option<u16> {
        self.http_status
    }

    /// How many attempts the call took (1 when the first attempt succeeded).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Records the attempt count (set by the client after retries).
    pub fn set_attempts(&mut self, attempts: u32) {
        self.attempts = attempts;
    }
}

/// Access to [`ResponseMetadata`] on operation outputs.
pub trait ProvideResponseMetadata {
    /// The metadata.
    fn response_metadata(&self) -> &ResponseMetadata;
    /// Mutable metadata (the client records attempts).
    fn response_metadata_mut(&mut self) -> &mut ResponseMetadata;
}

/// A service error the model does not describe: an unknown code, or an error body that
/// could not be read. Code, message, request id and status are kept when present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnhandledError {
    meta: ErrorMetadata,
}

impl UnhandledError {
    /// An unhandled error with the given metadata.
    pub fn new(meta: ErrorMetadata) -> UnhandledError {
        UnhandledError { meta }
    }
}

impl ProvideErrorMetadata for UnhandledError {
    fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }

    fn meta_mut(&mut self) -> &mut ErrorMetadata {
        &mut self.meta
    }

    fn fault(&self) -> Fault {
        Fault::from_status(self.meta.http_status.unwrap_or(500))
    }
}

impl fmt::Display for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unhandled service error")?;
        if let Some(code) = self.meta.code() {
            write!(f, " `{code}`")?;
        }
        if let Some(status) = self.meta.http_status() {
            write!(f, " (HTTP {status})")?;
        }
        if let Some(message) = self.meta.message() {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl StdError for UnhandledError {}

/// A builder could not produce a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    shape: &'static str,
    member: &'static str,
}

impl BuildError {
    /// A required member was never set.
    pub fn missing_member(shape: &'static str, member: &'static str) -> BuildError {
        BuildError { shape, member }
    }

    /// The shape whose builder failed.
    pub fn shape(&self) -> &'static str {
        self.shape
    }

    /// The member that was missing.
    pub fn member(&self) -> &'static str {
        self.member
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot build `{}`: the required member `{}` was not set",
            self.shape, self.member
        )
    }
}

impl StdError for BuildError {}

/// One step of a path into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PathSegment {
    Member(String),
    Index(usize),
    Key,
}

/// A response body did not have the shape the model promised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeserializeError {
    path: Vec<PathSegment>,
    message: String,
}

impl DeserializeError {
    /// An error at the current position. The message must never include body values,
    /// which may be sensitive: say what was expected and what kind of value was found. It is
    /// bounded in length all the same.
    pub fn new(message: impl Into<String>) -> DeserializeError {
        let message = message.into();
        DeserializeError {
            path: Vec::new(),
            message: bounded_message(message),
        }
    }

    /// Places the error inside structure member `name`.
    pub fn at_member(mut self, name: &str) -> DeserializeError {
        self.path.push(PathSegment::Member(name.to_owned()));
        self
    }

    /// Places the error inside list index `index`.
    pub fn at_index(mut self, index: usize) -> DeserializeError {
        self.path.push(PathSegment::Index(index));
        self
    }

    /// Places the error inside a map entry. The key is body data, which may be sensitive, so
    /// the path shows `[<key>]` instead of it.
    pub fn at_key(mut self, _key: &str) -> DeserializeError {
        self.path.push(PathSegment::Key);
        self
    }

    /// The path from the body's root, e.g. `UserAttributes[2].Name` or `Tags[<key>].Value`;
    /// member names are bounded in length, map keys never shown.
    pub fn path(&self) -> String {
        let mut out = String::new();
        // Segments were pushed innermost first.
        for segment in self.path.iter().rev() {
            match segment {
                PathSegment::Member(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(&bounded(name));
                }
                PathSegment::Index(i) => out.push_str(&format!("[{i}]")),
                PathSegment::Key => out.push_str("[<key>]"),
            }
        }
        out
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for DeserializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "invalid response body: {}", self.message)
        } else {
            write!(
                f,
                "invalid response body at `{}`: {}",
                self.path(),
                self.message
            )
        }
    }
}

impl StdError for DeserializeError {}

/// A response that could not be turned into an output or a service error.
#[derive(Debug)]
pub struct ResponseError {
    http_status: u16,
    request_id: Option<String>,
    source: DeserializeError,
    attempts: u32,
}

impl ResponseError {
    /// Wraps a body error with the response facts.
    pub fn new(http_status: u16, request_id: Option<String>, source: DeserializeError) -> Self {
        ResponseError {
            http_status,
            request_id: request_id.map(|id| bounded(&id).into_owned()),
            source,
            attempts: 1,
        }
    }

    /// How many attempts the call made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Records the attempt count (set by the client).
    pub fn set_attempts(&mut self, attempts: u32) {
        self.attempts = attempts;
    }

    /// The HTTP status of the unreadable response.
    pub fn http_status(&self) -> u16 {
        self.http_status
    }

    /// The request id, when the response had one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// What could not be read.
    pub fn deserialize_error(&self) -> &DeserializeError {
        &self.source
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not read the HTTP {} response: {}",
            self.http_status, self.source
        )
    }
}

impl StdError for ResponseError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.source)
    }
}

/// Boxed cause of a transport or signing failure.
pub type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// Everything a call can fail with. `E` is the operation's own error enum.
#[derive(Debug)]
#[non_exhaustive]
pub enum SdkError<E> {
    /// The input breaks a constraint of the model; nothing was sent.
    Validation(crate::validation::ValidationError),
    /// The request could not be built (e.g. an endpoint or signing problem); nothing was sent.
    Construction(BoxError),
    /// The request did not complete in time.
    Timeout(BoxError),
    /// The request could not be sent or the response not received (I/O).
    Dispatch(BoxError),
    /// A response arrived but could not be understood.
    Response(ResponseError),
    /// The service answered with an error.
    Service(E),
}

impl<E> SdkError<E> {
    /// The service error, if the service answered with one.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            SdkError::Service(e) => Some(e),
            _ => None,
        }
    }

    /// Consumes the error, returning the service error if there is one.
    pub fn into_service_error(self) -> Result<E, SdkError<E>> {
        match self {
            SdkError::Service(e) => Ok(e),
            other => Err(other),
        }
    }

    /// Converts the service error type, keeping every other variant.
    pub fn map_service_error<F>(self, f: impl FnOnce(E) -> F) -> SdkError<F> {
        match self {
            SdkError::Validation(e) => SdkError::Validation(e),
            SdkError::Construction(e) => SdkError::Construction(e),
            SdkError::Timeout(e) => SdkError::Timeout(e),
            SdkError::Dispatch(e) => SdkError::Dispatch(e),
            SdkError::Response(e) => SdkError::Response(e),
            SdkError::Service(e) => SdkError::Service(f(e)),
        }
    }
}

impl<E: ProvideErrorMetadata> SdkError<E> {
    /// How many attempts the call made before failing: `None` when nothing was sent
    /// (validation and construction errors), else the count, retries included, whatever the
    /// kind of failure.
    pub fn attempts(&self) -> Option<u32> {
        match self {
            SdkError::Validation(_) | SdkError::Construction(_) => None,
            SdkError::Service(error) => Some(error.meta().attempts()),
            SdkError::Response(error) => Some(error.attempts()),
            SdkError::Timeout(error) => error
                .downcast_ref::<crate::client::TimeoutError>()
                .map(crate::client::TimeoutError::attempts),
            SdkError::Dispatch(error) => error
                .downcast_ref::<crate::client::TransportError>()
                .map(crate::client::TransportError::attempts),
        }
    }
}

impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Validation(e) => write!(f, "invalid input: {e}"),
            SdkError::Construction(e) => write!(f, "could not build the request: {e}"),
            SdkError::Timeout(e) => write!(f, "timed out: {e}"),
            SdkError::Dispatch(e) => write!(f, "could not send the request: {e}"),
            SdkError::Response(e) => e.fmt(f),
            SdkError::Service(e) => write!(f, "service error: {e}"),
        }
    }
}

impl<E: StdError + 'static> StdError for SdkError<E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            SdkError::Validation(e) => Some(e),
            SdkError::Construction(e) | SdkError::Timeout(e) | SdkError::Dispatch(e) => {
                Some(e.as_ref())
            }
            SdkError::Response(e) => Some(e),
            SdkError::Service(e) => Some(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_error_paths_never_show_map_keys() {
        let error = DeserializeError::new("expected a string, found a number")
            .at_key("SECRET-KEY")
            .at_member("Tags")
            .at_index(2)
            .at_member("Items");
        assert_eq!(error.path(), "Items[2].Tags[<key>]");
        assert!(!error.to_string().contains("SECRET"), "{error}");
    }

    #[test]
    fn service_text_is_bounded_when_stored() {
        let huge = "E".repeat(1_000_000);
        let meta = ErrorMetadata::new(
            Some(huge.clone()),
            Some(huge.clone()),
            Some(huge),
            Some(400),
        );
        assert!(meta.code().is_some_and(|code| code.len() < 400));
        assert!(meta.message().is_some_and(|message| message.len() < 1200));
        assert!(meta.request_id().is_some_and(|id| id.len() < 400));
        assert_eq!(Fault::from_status(999), Fault::Client);
        assert_eq!(Fault::from_status(503), Fault::Server);
    }
}
