//! [`ByteStream`]: the body of a `@streaming` blob payload, read or written chunk by chunk
//! instead of being held in memory as a whole.
//!
//! One type serves both directions. As an input it is built from bytes already in memory, from
//! an [`AsyncRead`] (a file, a socket, a pipe) or from a function producing chunks; as an
//! output it hands out the response body's chunks as they arrive
//! ([`next_chunk`](ByteStream::next_chunk)), or gathers them up to a size limit
//! ([`collect`](ByteStream::collect)).

use std::fmt;
use std::future::poll_fn;
use std::sync::{Mutex, PoisonError};
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, ReadBuf};

use crate::error::BoxError;

/// How many bytes a reader-backed stream reads at most per chunk.
const READ_CHUNK: usize = 64 * 1024;

/// A function producing the next chunk: `None` at the end, an error when the source failed.
type PollChunk = dyn FnMut(&mut Context<'_>) -> Poll<Option<Result<Vec<u8>, BoxError>>> + Send;

enum Source {
    /// Bytes already in memory (sent as one chunk; can be re-sent on retry).
    InMemory(Vec<u8>),
    /// Chunks produced on demand (read once). Only ever used through `&mut`, so the mutex is
    /// never locked: it only makes the stream `Sync` (inputs must be) without asking that of
    /// the source.
    Chunks(Mutex<Box<PollChunk>>),
    /// The stream has ended (or its in-memory bytes were handed out).
    Done,
}

/// A stream of bytes: the payload of a `@streaming` blob member.
///
/// Its `Debug` output shows only whether the bytes are in memory and how many there are,
/// never their content.
///
/// ```
/// # async fn demo() -> Result<(), smithy_runtime::byte_stream::ByteStreamError> {
/// use smithy_runtime::ByteStream;
///
/// let mut stream = ByteStream::from_chunks(vec![b"hello ".to_vec(), b"world".to_vec()]);
/// assert_eq!(stream.next_chunk().await.transpose()?, Some(b"hello ".to_vec()));
/// assert_eq!(stream.collect(1024).await?, b"world");
/// # Ok(())
/// # }
/// ```
pub struct ByteStream {
    source: Source,
    /// How many bytes have been handed out so far (for error messages).
    read: u64,
    /// The total length the producer declared ([`ByteStream::with_length`]).
    declared: Option<u64>,
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            Source::InMemory(bytes) => write!(f, "ByteStream(in memory, {} bytes)", bytes.len()),
            Source::Chunks(_) => write!(f, "ByteStream(streaming, {} bytes read)", self.read),
            Source::Done => write!(f, "ByteStream(ended, {} bytes read)", self.read),
        }
    }
}

impl Default for ByteStream {
    /// An empty stream.
    fn default() -> ByteStream {
        ByteStream::from_bytes(Vec::new())
    }
}

impl From<Vec<u8>> for ByteStream {
    fn from(bytes: Vec<u8>) -> ByteStream {
        ByteStream::from_bytes(bytes)
    }
}

impl From<&[u8]> for ByteStream {
    fn from(bytes: &[u8]) -> ByteStream {
        ByteStream::from_bytes(bytes.to_vec())
    }
}

impl From<crate::Blob> for ByteStream {
    fn from(blob: crate::Blob) -> ByteStream {
        ByteStream::from_bytes(blob.into_inner())
    }
}

/// Why a [`ByteStream`] could not be read to the end.
#[derive(Debug)]
pub struct ByteStreamError {
    kind: ByteStreamErrorKind,
    read: u64,
}

#[derive(Debug)]
enum ByteStreamErrorKind {
    /// The source failed (a broken connection, a read error, a stalled body).
    Source(BoxError),
    /// [`ByteStream::collect`] reached its limit.
    TooLarge(usize),
}

impl ByteStreamError {
    /// How many bytes were read before the failure.
    pub fn bytes_read(&self) -> u64 {
        self.read
    }

    /// Whether the failure is [`ByteStream::collect`]'s size limit (rather than the source).
    pub fn is_too_large(&self) -> bool {
        matches!(self.kind, ByteStreamErrorKind::TooLarge(_))
    }
}

impl fmt::Display for ByteStreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ByteStreamErrorKind::Source(source) => write!(
                f,
                "the byte stream failed after {} bytes: {source}",
                self.read
            ),
            ByteStreamErrorKind::TooLarge(limit) => write!(
                f,
                "the byte stream is larger than the {limit}-byte limit given to collect"
            ),
        }
    }
}

impl std::error::Error for ByteStreamError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ByteStreamErrorKind::Source(source) => Some(source.as_ref()),
            ByteStreamErrorKind::TooLarge(_) => None,
        }
    }
}

impl ByteStream {
    /// A stream of bytes already in memory.
    pub fn from_bytes(bytes: impl Into<Vec<u8>>) -> ByteStream {
        ByteStream {
            source: Source::InMemory(bytes.into()),
            read: 0,
            declared: None,
        }
    }

    /// A stream of the given chunks, in order.
    pub fn from_chunks<I>(chunks: I) -> ByteStream
    where
        I: IntoIterator<Item = Vec<u8>>,
        I::IntoIter: Send + 'static,
    {
        let mut chunks = chunks.into_iter();
        ByteStream::from_poll_fn(move |_| Poll::Ready(chunks.next().map(Ok)))
    }

    /// A stream whose chunks come from `poll`: `Ready(Some(Ok(chunk)))` for the next chunk,
    /// `Ready(None)` at the end, `Ready(Some(Err(_)))` when the source failed (the stream
    /// ends there), `Pending` (having arranged a wake-up) when no chunk is ready yet.
    pub fn from_poll_fn<F>(poll: F) -> ByteStream
    where
        F: FnMut(&mut Context<'_>) -> Poll<Option<Result<Vec<u8>, BoxError>>> + Send + 'static,
    {
        ByteStream {
            source: Source::Chunks(Mutex::new(Box::new(poll))),
            read: 0,
            declared: None,
        }
    }

    /// A stream reading `reader` (e.g. a `tokio::fs::File`) to its end, up to 64 KiB per
    /// chunk; a read error ends the stream with that error.
    pub fn from_reader<R>(reader: R) -> ByteStream
    where
        R: AsyncRead + Send + 'static,
    {
        let mut reader = Box::pin(reader);
        let mut buffer = vec![0u8; READ_CHUNK];
        ByteStream::from_poll_fn(move |cx| {
            let mut read_buf = ReadBuf::new(&mut buffer);
            match reader.as_mut().poll_read(cx, &mut read_buf) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(Err(error)) => Poll::Ready(Some(Err(error.into()))),
                Poll::Ready(Ok(())) if read_buf.filled().is_empty() => Poll::Ready(None),
                Poll::Ready(Ok(())) => Poll::Ready(Some(Ok(read_buf.filled().to_vec()))),
            }
        })
    }

    /// The bytes, when the whole stream is in memory and nothing was read yet (such a body
    /// can be signed, checksummed and re-sent on retry).
    pub fn in_memory(&self) -> Option<&[u8]> {
        match &self.source {
            Source::InMemory(bytes) if self.read == 0 => Some(bytes),
            _ => None,
        }
    }

    /// Declares how many bytes the stream holds in all (e.g. a file's size), so an upload is
    /// sent with a `Content-Length` instead of chunked, as some services require; the
    /// transport fails the request if the stream ends up shorter or longer.
    pub fn with_length(mut self, length: u64) -> ByteStream {
        self.declared = Some(length);
        self
    }

    /// The total length, when known: the size of bytes in memory, else the length given to
    /// [`with_length`](ByteStream::with_length).
    pub fn length(&self) -> Option<u64> {
        match &self.source {
            Source::InMemory(bytes) if self.read == 0 => Some(bytes.len() as u64),
            _ => self.declared,
        }
    }

    /// How many bytes have been handed out so far.
    pub fn bytes_read(&self) -> u64 {
        self.read
    }

    /// Polls for the next chunk (see [`next_chunk`](ByteStream::next_chunk)).
    pub fn poll_next_chunk(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Vec<u8>, ByteStreamError>>> {
        let polled = match &mut self.source {
            Source::Done => return Poll::Ready(None),
            Source::InMemory(bytes) => Poll::Ready(Some(Ok(std::mem::take(bytes)))),
            Source::Chunks(poll) => (poll.get_mut().unwrap_or_else(PoisonError::into_inner))(cx),
        };
        match polled {
            Poll::Pending => Poll::Pending,
            Poll::Ready(None) => {
                self.source = Source::Done;
                Poll::Ready(None)
            }
            Poll::Ready(Some(Ok(chunk))) => {
                if matches!(self.source, Source::InMemory(_)) {
                    self.source = Source::Done;
                }
                self.read += chunk.len() as u64;
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(source))) => {
                self.source = Source::Done;
                Poll::Ready(Some(Err(ByteStreamError {
                    kind: ByteStreamErrorKind::Source(source),
                    read: self.read,
                })))
            }
        }
    }

    /// The next chunk as it arrives; `None` once the stream has ended. After an error the
    /// stream has ended.
    pub async fn next_chunk(&mut self) -> Option<Result<Vec<u8>, ByteStreamError>> {
        poll_fn(|cx| self.poll_next_chunk(cx)).await
    }

    /// Reads the rest of the stream into memory; fails once more than `limit` bytes arrive
    /// (so a body larger than expected cannot exhaust memory).
    pub async fn collect(mut self, limit: usize) -> Result<Vec<u8>, ByteStreamError> {
        let mut all = Vec::new();
        while let Some(chunk) = self.next_chunk().await {
            let chunk = chunk?;
            if chunk.len() > limit - all.len() {
                return Err(ByteStreamError {
                    kind: ByteStreamErrorKind::TooLarge(limit),
                    read: self.read,
                });
            }
            if all.is_empty() {
                all = chunk;
            } else {
                all.extend_from_slice(&chunk);
            }
        }
        Ok(all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn chunks_arrive_in_order_and_collect_respects_its_limit() {
        let mut stream = ByteStream::from_chunks(vec![b"ab".to_vec(), b"cd".to_vec()]);
        assert!(stream.in_memory().is_none());
        assert_eq!(stream.next_chunk().await.unwrap().unwrap(), b"ab");
        assert_eq!(stream.bytes_read(), 2);
        assert_eq!(stream.collect(2).await.unwrap(), b"cd");

        let too_big = ByteStream::from_chunks(vec![vec![0; 3], vec![0; 3]]);
        let error = too_big.collect(5).await.unwrap_err();
        assert!(error.is_too_large(), "{error}");
        assert!(error.to_string().contains("5-byte limit"), "{error}");
    }

    #[tokio::test]
    async fn in_memory_bytes_are_one_chunk_and_then_the_end() {
        let mut stream = ByteStream::from(b"xyz".to_vec());
        assert_eq!(stream.in_memory(), Some(&b"xyz"[..]));
        assert_eq!(stream.length(), Some(3));
        assert_eq!(ByteStream::from_chunks(vec![vec![1]]).length(), None);
        let declared = ByteStream::from_chunks(vec![vec![1]]).with_length(1);
        assert_eq!(declared.length(), Some(1));
        assert_eq!(format!("{stream:?}"), "ByteStream(in memory, 3 bytes)");
        assert_eq!(stream.next_chunk().await.unwrap().unwrap(), b"xyz");
        assert!(stream.in_memory().is_none());
        assert!(stream.next_chunk().await.is_none());
        assert!(ByteStream::default().collect(0).await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_reader_is_read_to_its_end_and_a_failure_ends_the_stream() {
        let data: Vec<u8> = (0..200_000u32).map(|i| i as u8).collect();
        let stream = ByteStream::from_reader(std::io::Cursor::new(data.clone()));
        assert_eq!(stream.collect(usize::MAX).await.unwrap(), data);

        let mut failing =
            ByteStream::from_poll_fn(|_| Poll::Ready(Some(Err("the disk went away".into()))));
        let error = failing.next_chunk().await.unwrap().unwrap_err();
        assert!(error.to_string().contains("the disk went away"), "{error}");
        assert!(failing.next_chunk().await.is_none());
    }
}
