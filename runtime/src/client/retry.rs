//! The "standard" retry mode: which failures are worth another attempt, how long to wait
//! before it, and a per-client quota that stops retry storms when a service is down.

use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use crate::error::Fault;
use crate::{DateTime, TimestampFormat};

/// Error codes that mean "slow down". The list is the one AWS SDKs share.
pub const THROTTLING_ERROR_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes of transient failures that are not throttling.
pub const TRANSIENT_ERROR_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException"];

/// HTTP statuses of transient server failures (the standard mode's list). Other 5xx codes
/// (501 Not Implemented, 505, …) and made-up ones (999) are not retried.
pub const TRANSIENT_STATUS_CODES: &[u16] = &[500, 502, 503, 504];

/// How a client retries failed attempts.
///
/// Delays grow exponentially with full jitter: before retry `n` (1-based) the client sleeps a
/// random time in `[0, min(max_backoff, initial_backoff × 2ⁿ⁻¹))`. When the failed response
/// carries a `Retry-After` header (seconds or an HTTP date), the client waits that long
/// instead, but never longer than `max_backoff`. The defaults are 3 attempts in all, a 1 s
/// initial backoff and a 20 s cap, as in the AWS SDKs' standard mode.
///
/// Retried: throttling (HTTP 429 or a code in [`THROTTLING_ERROR_CODES`]), transient failures
/// (a status in [`TRANSIENT_STATUS_CODES`] or a code in [`TRANSIENT_ERROR_CODES`]), attempt
/// timeouts, and connections that could not be made or broke. Not retried: client errors,
/// other statuses, TLS and HTTP protocol failures, bodies over the size limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    quota: bool,
}

impl Default for RetryConfig {
    fn default() -> RetryConfig {
        RetryConfig::standard()
    }
}

/// Tokens in a client's retry quota when it starts.
const QUOTA_CAPACITY: u32 = 500;
/// Tokens a retry after an ordinary failure costs.
const RETRY_COST: u32 = 5;
/// Tokens a retry after a timeout costs.
const TIMEOUT_RETRY_COST: u32 = 10;
/// Tokens a first-attempt success puts back.
const SUCCESS_REFILL: u32 = 1;

impl RetryConfig {
    /// The standard mode: 3 attempts, 1 s initial backoff, 20 s cap, retry quota on.
    pub fn standard() -> RetryConfig {
        RetryConfig {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
            quota: true,
        }
    }

    /// One attempt, no retries.
    pub fn disabled() -> RetryConfig {
        RetryConfig::standard().with_max_attempts(1)
    }

    /// Sets the number of attempts in all, the first one included (0 is read as 1).
    pub fn with_max_attempts(mut self, max_attempts: u32) -> RetryConfig {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// Sets the backoff base: the upper bound of the first delay.
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> RetryConfig {
        self.initial_backoff = initial_backoff;
        self
    }

    /// Sets the cap on any single delay.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> RetryConfig {
        self.max_backoff = max_backoff;
        self
    }

    /// Turns the retry quota on or off. With the quota on (the default), each client holds
    /// 500 tokens; a retry costs 5 (10 after a timeout), a successful retried call returns its
    /// cost and a first-attempt success returns 1. When the tokens run out, failures are
    /// returned without retrying until successes refill the quota.
    pub fn with_retry_quota(mut self, enabled: bool) -> RetryConfig {
        self.quota = enabled;
        self
    }

    /// Attempts in all.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff base.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The backoff cap.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// Whether the retry quota is on.
    pub fn retry_quota(&self) -> bool {
        self.quota
    }

    /// The delay before retry number `retry` (1 for the first retry), given a random `jitter`
    /// in `[0, 1)`.
    pub fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let exponent = retry.saturating_sub(1).min(31);
        let ceiling = self
            .initial_backoff
            .checked_mul(1u32 << exponent)
            .unwrap_or(self.max_backoff)
            .min(self.max_backoff);
        let jitter = if jitter.is_nan() {
            1.0
        } else {
            jitter.clamp(0.0, 1.0)
        };
        Duration::try_from_secs_f64(ceiling.as_secs_f64() * jitter)
            .map_or(ceiling, |d| d.min(ceiling))
    }
}

/// Why an attempt failed, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryKind {
    /// The service asked the client to slow down (HTTP 429 or a throttling code).
    Throttling,
    /// A failure that may pass: a 5xx, a server-fault error, a transient code, a broken or
    /// refused connection.
    Transient,
    /// The attempt timed out.
    Timeout,
    /// Retrying the same request cannot help (a client error, a bad request).
    NotRetryable,
}

impl RetryKind {
    /// Whether another attempt may be made.
    pub fn is_retryable(self) -> bool {
        !matches!(self, RetryKind::NotRetryable)
    }

    /// A short name for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            RetryKind::Throttling => "throttling",
            RetryKind::Transient => "transient",
            RetryKind::Timeout => "timeout",
            RetryKind::NotRetryable => "not retryable",
        }
    }
}

/// Classifies a service error from its code, HTTP status and fault. A server fault counts as
/// transient only when no HTTP status says otherwise (a response always has one; the fault
/// matters for errors built without one).
pub fn classify_service_error(code: Option<&str>, status: Option<u16>, fault: Fault) -> RetryKind {
    if status == Some(429) || code.is_some_and(|code| THROTTLING_ERROR_CODES.contains(&code)) {
        RetryKind::Throttling
    } else if status.is_some_and(|status| TRANSIENT_STATUS_CODES.contains(&status))
        || (status.is_none() && fault == Fault::Server)
        || code.is_some_and(|code| TRANSIENT_ERROR_CODES.contains(&code))
    {
        RetryKind::Transient
    } else {
        RetryKind::NotRetryable
    }
}

/// Classifies a response that could not be read, from its status alone.
pub(crate) fn classify_status(status: u16) -> RetryKind {
    if status == 429 {
        RetryKind::Throttling
    } else if TRANSIENT_STATUS_CODES.contains(&status) {
        RetryKind::Transient
    } else {
        RetryKind::NotRetryable
    }
}

/// How long a response's `Retry-After` header asks the client to wait: delay-seconds or an
/// HTTP date (a date in the past means no wait). `None` when absent or unreadable.
pub(crate) fn retry_after(headers: &http::HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = SystemTime::try_from(DateTime::parse(value, TimestampFormat::HttpDate).ok()?).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Per-client retry tokens (see [`RetryConfig::with_retry_quota`]).
#[derive(Debug)]
pub(crate) struct RetryQuota {
    tokens: Mutex<u32>,
}

impl Default for RetryQuota {
    fn default() -> RetryQuota {
        RetryQuota {
            tokens: Mutex::new(QUOTA_CAPACITY),
        }
    }
}

impl RetryQuota {
    fn with_tokens<T>(&self, f: impl FnOnce(&mut u32) -> T) -> T {
        let mut tokens = self
            .tokens
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut tokens)
    }

    /// Takes the cost of a retry after a failure of `kind`; `None` when the quota is spent.
    pub(crate) fn acquire(&self, kind: RetryKind) -> Option<u32> {
        let cost = if kind == RetryKind::Timeout {
            TIMEOUT_RETRY_COST
        } else {
            RETRY_COST
        };
        self.with_tokens(|tokens| {
            if *tokens >= cost {
                *tokens -= cost;
                Some(cost)
            } else {
                None
            }
        })
    }

    /// Puts tokens back after a success: what the retries cost, or 1 for a first-attempt one.
    pub(crate) fn release(&self, spent: u32) {
        let refill = if spent == 0 { SUCCESS_REFILL } else { spent };
        self.with_tokens(|tokens| *tokens = tokens.saturating_add(refill).min(QUOTA_CAPACITY));
    }

    #[cfg(test)]
    fn available(&self) -> u32 {
        self.with_tokens(|tokens| *tokens)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let config = RetryConfig::standard()
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(350));
        assert_eq!(config.backoff(1, 1.0), Duration::from_millis(100));
        assert_eq!(config.backoff(2, 1.0), Duration::from_millis(200));
        assert_eq!(config.backoff(3, 1.0), Duration::from_millis(350));
        assert_eq!(config.backoff(40, 1.0), Duration::from_millis(350));
        assert_eq!(config.backoff(2, 0.5), Duration::from_millis(100));
        assert_eq!(config.backoff(2, 0.0), Duration::ZERO);
        assert_eq!(config.backoff(1, f64::NAN), Duration::from_millis(100));
        let huge = RetryConfig::standard()
            .with_initial_backoff(Duration::MAX)
            .with_max_backoff(Duration::MAX);
        assert_eq!(huge.backoff(5, 1.0), Duration::MAX);
        assert_eq!(RetryConfig::disabled().max_attempts(), 1);
        assert_eq!(
            RetryConfig::standard().with_max_attempts(0).max_attempts(),
            1
        );
    }

    #[test]
    fn classification() {
        use RetryKind::*;
        assert_eq!(
            classify_service_error(None, Some(429), Fault::Client),
            Throttling
        );
        assert_eq!(
            classify_service_error(Some("ThrottlingException"), Some(400), Fault::Client),
            Throttling
        );
        assert_eq!(
            classify_service_error(None, Some(503), Fault::Server),
            Transient
        );
        assert_eq!(
            classify_service_error(Some("InternalErrorException"), Some(500), Fault::Server),
            Transient
        );
        assert_eq!(
            classify_service_error(Some("InternalErrorException"), None, Fault::Server),
            Transient
        );
        // Not real transient statuses: a made-up 999 and 501 Not Implemented.
        assert_eq!(
            classify_service_error(None, Some(999), Fault::Server),
            NotRetryable
        );
        assert_eq!(
            classify_service_error(None, Some(501), Fault::Server),
            NotRetryable
        );
        assert_eq!(classify_status(999), NotRetryable);
        assert_eq!(classify_status(503), Transient);
        assert_eq!(classify_status(429), Throttling);
        assert_eq!(
            classify_service_error(Some("NotAuthorizedException"), Some(400), Fault::Client),
            NotRetryable
        );
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        let headers = |value: &str| {
            let mut headers = http::HeaderMap::new();
            headers.insert(
                http::header::RETRY_AFTER,
                http::HeaderValue::from_str(value).expect("a header value"),
            );
            headers
        };
        assert_eq!(
            retry_after(&headers("7"), now),
            Some(Duration::from_secs(7))
        );
        // 784111777 is Sun, 06 Nov 1994 08:49:37 GMT.
        let date = "Sun, 06 Nov 1994 08:50:07 GMT";
        assert_eq!(
            retry_after(&headers(date), now),
            Some(Duration::from_secs(30))
        );
        let past = "Sun, 06 Nov 1994 08:00:00 GMT";
        assert_eq!(retry_after(&headers(past), now), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers("soon"), now), None);
        assert_eq!(retry_after(&http::HeaderMap::new(), now), None);
    }

    #[test]
    fn quota_runs_out_and_refills() {
        let quota = RetryQuota::default();
        let mut spent = 0;
        while let Some(cost) = quota.acquire(RetryKind::Transient) {
            spent += cost;
        }
        assert_eq!(spent, QUOTA_CAPACITY);
        assert_eq!(quota.acquire(RetryKind::Timeout), None);
        quota.release(RETRY_COST);
        assert_eq!(quota.acquire(RetryKind::Throttling), Some(RETRY_COST));
        quota.release(0);
        assert_eq!(quota.available(), SUCCESS_REFILL);
    }
}
