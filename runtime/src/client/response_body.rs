//! Reading a response body within bounds: a size limit checked as bytes arrive (and against
//! `Content-Length` before any arrive), a read timeout between chunks, and a minimum average
//! speed once that timeout has passed, so neither a huge, an endless nor a trickling body can
//! hold memory or a call without end. Transports feed chunks in; the body is kept in one
//! buffer, sized from `Content-Length` when the server sends one.

use std::time::Duration;

use tokio::time::Instant;

use super::transport::TransportError;

/// The least average speed, in bytes per second, a body must keep once the read timeout has
/// passed since its first byte was awaited (a trickling server is cut off instead of holding
/// the call for hours).
pub const MIN_BODY_BYTES_PER_SECOND: u64 = 1024;

/// Collects one response body under the client's limits.
#[derive(Debug)]
#[cfg_attr(not(any(feature = "hyper", feature = "reqwest")), allow(dead_code))]
pub(crate) struct BodyCollector {
    limit: usize,
    read_timeout: Option<Duration>,
    started: Instant,
    body: Vec<u8>,
}

#[cfg_attr(not(any(feature = "hyper", feature = "reqwest")), allow(dead_code))]
impl BodyCollector {
    /// Starts a body; fails at once when `content_length` already exceeds `limit`.
    pub(crate) fn new(
        limit: usize,
        read_timeout: Option<Duration>,
        content_length: Option<u64>,
    ) -> Result<BodyCollector, TransportError> {
        let declared = content_length.map(|length| usize::try_from(length).unwrap_or(usize::MAX));
        if declared.is_some_and(|length| length > limit) {
            return Err(TransportError::body_too_large(limit));
        }
        // Only address space is reserved here: pages count towards memory once written, so a
        // Content-Length that lies about the size costs nothing beyond the bytes that arrive.
        let body = Vec::with_capacity(declared.unwrap_or(0));
        Ok(BodyCollector {
            limit,
            read_timeout,
            started: Instant::now(),
            body,
        })
    }

    /// Appends a chunk; fails when the body passes the limit.
    pub(crate) fn push(&mut self, chunk: &[u8]) -> Result<(), TransportError> {
        if chunk.len() > self.limit - self.body.len() {
            return Err(TransportError::body_too_large(self.limit));
        }
        self.body.extend_from_slice(chunk);
        Ok(())
    }

    /// How long to wait for the next chunk: the read timeout, shortened so the average speed
    /// stays above [`MIN_BODY_BYTES_PER_SECOND`] once the read timeout has passed. `None`
    /// means no bound (no read timeout configured).
    pub(crate) fn next_wait(&self) -> Option<Duration> {
        let read_timeout = self.read_timeout?;
        let now = Instant::now();
        let earned =
            Duration::from_secs_f64(self.body.len() as f64 / MIN_BODY_BYTES_PER_SECOND as f64);
        let speed_deadline = self.started + read_timeout.max(earned);
        let idle_deadline = now + read_timeout;
        Some(
            speed_deadline
                .min(idle_deadline)
                .saturating_duration_since(now),
        )
    }

    /// The error for a body that stopped arriving in time.
    pub(crate) fn stalled(&self) -> TransportError {
        let timeout = self.read_timeout.unwrap_or_default();
        TransportError::timeout(format!(
            "the response body stalled: {} bytes arrived in {:?}, with no progress for the \
             {timeout:?} read timeout or an average below {MIN_BODY_BYTES_PER_SECOND} bytes/s",
            self.body.len(),
            self.started.elapsed(),
        ))
    }

    /// The whole body.
    pub(crate) fn finish(self) -> Vec<u8> {
        self.body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_and_actual_sizes_are_checked_against_the_limit() {
        assert!(BodyCollector::new(10, None, Some(11)).is_err());
        let mut body = BodyCollector::new(10, None, Some(4)).expect("fits");
        assert!(body.push(b"0123456789").is_ok());
        let error = body.push(b"x").expect_err("past the limit");
        assert!(error.to_string().contains("10-byte limit"), "{error}");
        assert!(BodyCollector::new(10, None, None).is_ok_and(|b| b.finish().is_empty()));
    }

    #[tokio::test(start_paused = true)]
    async fn the_wait_shrinks_when_the_body_is_slower_than_the_floor() {
        let mut body =
            BodyCollector::new(1 << 20, Some(Duration::from_secs(10)), None).expect("no length");
        assert_eq!(body.next_wait(), Some(Duration::from_secs(10)));
        tokio::time::advance(Duration::from_secs(8)).await;
        // 8 s in, nothing yet: only the 2 s left of the grace period remain.
        assert_eq!(body.next_wait(), Some(Duration::from_secs(2)));
        // 20 KiB earns 20 s at the floor speed; 8 s have passed, the idle bound (10 s) wins.
        body.push(&[0; 20 * 1024]).expect("fits");
        assert_eq!(body.next_wait(), Some(Duration::from_secs(10)));
        // 18 s in: 20 KiB only pays for 20 s, so 2 s are left; at 23 s none.
        tokio::time::advance(Duration::from_secs(10)).await;
        assert_eq!(body.next_wait(), Some(Duration::from_secs(2)));
        tokio::time::advance(Duration::from_secs(5)).await;
        assert_eq!(body.next_wait(), Some(Duration::ZERO));
        assert!(body.stalled().to_string().contains("stalled"));
        let unbounded = BodyCollector::new(10, None, None).expect("no length");
        assert_eq!(unbounded.next_wait(), None);
    }
}
