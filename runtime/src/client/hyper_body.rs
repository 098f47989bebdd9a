//! Bodies of the default transport: the request body hyper sends (bytes in memory, or a
//! [`ByteStream`] read as it is sent) and a streamed response body handed out as a
//! [`ByteStream`] that gives up once the connection stays idle past the read timeout.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use hyper::body::{Body, Frame, Incoming, SizeHint};

use super::transport::TransportError;
use crate::error::BoxError;
use crate::ByteStream;

/// A request body: whole bytes (with their exact length, so hyper sends `Content-Length`) or
/// a stream of unknown length (sent chunked unless the request sets `Content-Length`).
pub(crate) enum RequestBody {
    Whole(Option<Bytes>),
    Streamed(ByteStream),
}

impl RequestBody {
    pub(crate) fn whole(bytes: Vec<u8>) -> RequestBody {
        RequestBody::Whole(Some(Bytes::from(bytes)))
    }
}

impl Body for RequestBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        match self.get_mut() {
            RequestBody::Whole(bytes) => Poll::Ready(
                bytes
                    .take()
                    .filter(|b| !b.is_empty())
                    .map(|b| Ok(Frame::data(b))),
            ),
            RequestBody::Streamed(stream) => match stream.poll_next_chunk(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(None) => Poll::Ready(None),
                Poll::Ready(Some(Ok(chunk))) => Poll::Ready(Some(Ok(Frame::data(chunk.into())))),
                Poll::Ready(Some(Err(error))) => Poll::Ready(Some(Err(error.into()))),
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, RequestBody::Whole(None))
            || matches!(self, RequestBody::Whole(Some(b)) if b.is_empty())
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            RequestBody::Whole(bytes) => {
                SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64))
            }
            RequestBody::Streamed(stream) => match stream.length() {
                Some(length) => SizeHint::with_exact(length),
                None => SizeHint::default(),
            },
        }
    }
}

/// The response body as a stream of its data frames; fails with a timeout error once no frame
/// arrives for `read_timeout` (no size limit: the caller reads it chunk by chunk).
pub(crate) fn streamed_response(
    mut incoming: Incoming,
    read_timeout: Option<Duration>,
) -> ByteStream {
    let mut idle = read_timeout.map(|timeout| (timeout, Box::pin(tokio::time::sleep(timeout))));
    ByteStream::from_poll_fn(move |cx| loop {
        match Pin::new(&mut incoming).poll_frame(cx) {
            Poll::Ready(None) => return Poll::Ready(None),
            Poll::Ready(Some(Err(error))) => {
                let error = super::hyper_transport::classify_body(&error);
                return Poll::Ready(Some(Err(error.into())));
            }
            Poll::Ready(Some(Ok(frame))) => {
                if let Some((timeout, sleep)) = &mut idle {
                    sleep.as_mut().reset(tokio::time::Instant::now() + *timeout);
                }
                match frame.into_data() {
                    Ok(data) if !data.is_empty() => return Poll::Ready(Some(Ok(data.into()))),
                    // Trailers and empty frames carry no bytes: read on.
                    _ => continue,
                }
            }
            Poll::Pending => {
                if let Some((timeout, sleep)) = &mut idle {
                    if sleep.as_mut().poll(cx).is_ready() {
                        let stalled = TransportError::timeout(format!(
                            "the streamed response body stalled: no data for the {timeout:?} \
                             read timeout"
                        ));
                        return Poll::Ready(Some(Err(stalled.into())));
                    }
                }
                return Poll::Pending;
            }
        }
    })
}
