//! Paginators: a `@paginated` operation called again and again, the continuation token of one
//! response fed into the next request, as an async stream of pages or of items.
//!
//! Generated crates give each paginated operation an `into_paginator()` on its fluent builder;
//! what it returns calls [`pages`] and [`items`] here with three small operation-specific
//! pieces: how to send one input, where the token goes in the input, and where the next token
//! is in the output.
//!
//! The stream ends after the page whose next token is absent or empty. Tokens are usually
//! strings, but may be maps or structures (DynamoDB pages by the last key it evaluated): any
//! [`PaginationToken`]. A service that hands back a token it already handed out would make the
//! paginator loop forever; instead the stream ends with an [`SdkError::Response`] naming the
//! repeated token's member. Tokens are compared by value. The first error of any kind ends the
//! stream.
//!
//! ```
//! # async fn demo() {
//! use smithy_runtime::error::{ProvideResponseMetadata, ResponseMetadata, SdkError};
//! use smithy_runtime::paginator::pages;
//!
//! #[derive(Clone)]
//! struct Input { token: Option<String> }
//! struct Output { next: Option<String>, items: Vec<u32>, meta: ResponseMetadata }
//! impl ProvideResponseMetadata for Output {
//!     fn response_metadata(&self) -> &ResponseMetadata { &self.meta }
//!     fn response_metadata_mut(&mut self) -> &mut ResponseMetadata { &mut self.meta }
//! }
//!
//! // A fake service with three pages.
//! let send = |input: Input| async move {
//!     let page = input.token.as_deref().map_or(0, |t| t.parse::<u32>().unwrap_or(0));
//!     Ok::<_, SdkError<std::io::Error>>(Output {
//!         next: (page < 2).then(|| (page + 1).to_string()),
//!         items: vec![page * 10, page * 10 + 1],
//!         meta: ResponseMetadata::default(),
//!     })
//! };
//! let stream = pages(
//!     Ok(Input { token: None }),
//!     send,
//!     |input: &mut Input, token| input.token = Some(token),
//!     |output: &Output| output.next.clone(),
//!     "NextToken",
//! );
//! let items = smithy_runtime::paginator::items(stream, |output: Output| output.items);
//! let all: Vec<u32> = items.try_collect().await.unwrap_or_default();
//! assert_eq!(all, [0, 1, 10, 11, 20, 21]);
//! # }
//! ```

use crate::error::{DeserializeError, ProvideResponseMetadata, ResponseError, SdkError};
use futures_util::stream::{self, StreamExt, TryStreamExt};
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::hash::BuildHasher;
use std::pin::Pin;
use std::task::{Context, Poll};

pub use futures_core::Stream;

/// A boxed, `Send` stream of pages or items, usable without any futures crate: call
/// [`next`](PaginationStream::next) in a loop, or collect everything at once. It also
/// implements [`Stream`] for use with stream combinators.
pub struct PaginationStream<T> {
    inner: Pin<Box<dyn Stream<Item = T> + Send>>,
}

impl<T> fmt::Debug for PaginationStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PaginationStream").finish_non_exhaustive()
    }
}

impl<T> PaginationStream<T> {
    /// Wraps any `Send` stream.
    pub fn new(stream: impl Stream<Item = T> + Send + 'static) -> PaginationStream<T> {
        PaginationStream {
            inner: Box::pin(stream),
        }
    }

    /// The next page or item; `None` once the stream has ended.
    pub async fn next(&mut self) -> Option<T> {
        self.inner.next().await
    }

    /// Everything left in the stream (after an error, the stream has ended).
    pub async fn collect(self) -> Vec<T> {
        self.inner.collect().await
    }
}

impl<T, E> PaginationStream<Result<T, E>> {
    /// Every value left, or the first error.
    pub async fn try_collect(self) -> Result<Vec<T>, E> {
        self.inner.try_collect().await
    }
}

impl<T> Stream for PaginationStream<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.inner.as_mut().poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

/// A continuation token: compared by value to spot a service repeating itself.
pub trait PaginationToken: Clone + PartialEq + fmt::Debug + Send + 'static {
    /// Whether the token means "no further page" (an empty string or map).
    fn is_end(&self) -> bool {
        false
    }
}

impl PaginationToken for String {
    fn is_end(&self) -> bool {
        self.is_empty()
    }
}

impl<V, S> PaginationToken for HashMap<String, V, S>
where
    V: Clone + PartialEq + fmt::Debug + Send + 'static,
    S: BuildHasher + Clone + Send + 'static,
{
    fn is_end(&self) -> bool {
        self.is_empty()
    }
}

impl<T: PaginationToken> PaginationToken for Box<T> {
    fn is_end(&self) -> bool {
        (**self).is_end()
    }
}

/// Where the paginator is between two pages.
enum State<I, T, E> {
    /// The next request to send, with every token handed out so far.
    Next { input: I, seen: Vec<T> },
    /// An error to yield before the stream ends.
    Failed(SdkError<E>),
    /// Nothing more to send.
    Done,
}

/// What one turn of the stream does.
enum Step<I, T, E, Fut> {
    Call(Fut, I, Vec<T>),
    Fail(SdkError<E>),
    End,
}

/// The stream of pages of a paginated operation.
///
/// `first` is the first input (or the error that building it produced, which becomes the one
/// item of the stream); `send` sends one input; `set_token` writes a continuation token into an
/// input; `next_token` reads it from an output (`None` or empty ends the stream);
/// `token_member` names the output member, for the error about a repeated token.
pub fn pages<I, O, T, E, F, Fut>(
    first: Result<I, SdkError<E>>,
    send: F,
    set_token: fn(&mut I, T),
    next_token: fn(&O) -> Option<T>,
    token_member: &'static str,
) -> PaginationStream<Result<O, SdkError<E>>>
where
    I: Clone + Send + 'static,
    T: PaginationToken,
    O: ProvideResponseMetadata + Send + 'static,
    E: Send + 'static,
    F: Fn(I) -> Fut + Send + 'static,
    Fut: Future<Output = Result<O, SdkError<E>>> + Send + 'static,
{
    let state = match first {
        Ok(input) => State::Next {
            input,
            seen: Vec::new(),
        },
        Err(error) => State::Failed(error),
    };
    let stream = stream::unfold(state, move |state| {
        let step = match state {
            State::Next { input, seen } => Step::Call(send(input.clone()), input, seen),
            State::Failed(error) => Step::Fail(error),
            State::Done => Step::End,
        };
        async move {
            let (call, mut input, mut seen) = match step {
                Step::Call(call, input, seen) => (call, input, seen),
                Step::Fail(error) => return Some((Err(error), State::Done)),
                Step::End => return None,
            };
            let output = match call.await {
                Ok(output) => output,
                Err(error) => return Some((Err(error), State::Done)),
            };
            let Some(token) = next_token(&output).filter(|token| !token.is_end()) else {
                return Some((Ok(output), State::Done));
            };
            // A linear scan: tokens need not be hashable (maps are not), and a stream
            // long enough for this to matter pays far more for its requests.
            if seen.contains(&token) {
                // The page itself is fine: yield it, then the error, then stop.
                let error = repeated_token(output.response_metadata(), &token, token_member);
                return Some((Ok(output), State::Failed(SdkError::Response(error))));
            }
            seen.push(token.clone());
            set_token(&mut input, token);
            Some((Ok(output), State::Next { input, seen }))
        }
    });
    PaginationStream::new(stream)
}

/// The error ending a stream whose service handed out the same token twice.
fn repeated_token<T: fmt::Debug>(
    meta: &crate::error::ResponseMetadata,
    token: &T,
    member: &'static str,
) -> ResponseError {
    ResponseError::new(
        meta.http_status().unwrap_or(200),
        meta.request_id().map(str::to_owned),
        DeserializeError::new(format!(
            "the service returned the pagination token {token:?} a second time; \
             stopping instead of requesting the same page again"
        ))
        .at_member(member),
    )
}

/// The stream of items of a paginated operation: every page's items in order (`extract` takes
/// them out of a page). An error is yielded as is and ends the stream.
pub fn items<O, T, E, X>(
    pages: PaginationStream<Result<O, SdkError<E>>>,
    extract: X,
) -> PaginationStream<Result<T, SdkError<E>>>
where
    O: 'static,
    T: Send + 'static,
    E: Send + 'static,
    X: Fn(O) -> Vec<T> + Send + 'static,
{
    let stream = pages
        .map_ok(move |page| stream::iter(extract(page).into_iter().map(Ok)))
        .try_flatten();
    PaginationStream::new(stream)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ResponseMetadata;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Debug)]
    struct Input {
        token: Option<String>,
    }

    struct Output {
        next: Option<String>,
        items: Vec<u32>,
        meta: ResponseMetadata,
    }

    impl ProvideResponseMetadata for Output {
        fn response_metadata(&self) -> &ResponseMetadata {
            &self.meta
        }
        fn response_metadata_mut(&mut self) -> &mut ResponseMetadata {
            &mut self.meta
        }
    }

    /// The tokens the fake service received, request by request.
    type SentTokens = Arc<Mutex<Vec<Option<String>>>>;
    /// Pages as the tests see them.
    type Pages = PaginationStream<Result<Output, SdkError<std::io::Error>>>;
    /// One answer of the fake service.
    type Answer = std::future::Ready<Result<Output, SdkError<std::io::Error>>>;

    /// A service answering from a fixed list of (next token, items); records the tokens sent.
    fn service(
        answers: Vec<(Option<&'static str>, Vec<u32>)>,
    ) -> (impl Fn(Input) -> Answer, SentTokens) {
        let sent = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&sent);
        let send = move |input: Input| {
            let mut log = log.lock().unwrap_or_else(|p| p.into_inner());
            let index = log.len();
            log.push(input.token.clone());
            let (next, items) = answers.get(index).cloned().unwrap_or((None, Vec::new()));
            std::future::ready(Ok(Output {
                next: next.map(str::to_owned),
                items,
                meta: ResponseMetadata::new(Some(format!("req-{index}")), Some(200)),
            }))
        };
        (send, sent)
    }

    fn run(answers: Vec<(Option<&'static str>, Vec<u32>)>) -> (Pages, SentTokens) {
        let (send, sent) = service(answers);
        let stream = pages(
            Ok(Input { token: None }),
            send,
            |input: &mut Input, token| input.token = Some(token),
            |output: &Output| output.next.clone(),
            "NextToken",
        );
        (stream, sent)
    }

    fn block_on<F: Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .map(|rt| rt.block_on(future))
            .unwrap_or_else(|e| panic!("no runtime: {e}"))
    }

    #[test]
    fn feeds_tokens_back_until_none() {
        let (stream, sent) = run(vec![
            (Some("a"), vec![1]),
            (Some("b"), vec![2]),
            (None, vec![3]),
        ]);
        let items = block_on(items(stream, |o: Output| o.items).try_collect());
        assert_eq!(items.ok(), Some(vec![1, 2, 3]));
        let sent = sent.lock().map(|s| s.clone()).unwrap_or_default();
        assert_eq!(sent, [None, Some("a".to_owned()), Some("b".to_owned())]);
    }

    #[test]
    fn empty_token_ends_the_stream() {
        let (stream, sent) = run(vec![(Some(""), vec![1]), (Some("x"), vec![2])]);
        let pages = block_on(stream.collect());
        assert_eq!(pages.len(), 1);
        assert_eq!(sent.lock().map(|s| s.len()).unwrap_or(0), 1);
    }

    #[test]
    fn repeated_token_ends_with_an_error() {
        let (stream, sent) = run(vec![
            (Some("a"), vec![1]),
            (Some("b"), vec![2]),
            (Some("a"), vec![3]),
            (Some("b"), vec![4]),
        ]);
        let pages = block_on(stream.collect());
        assert_eq!(pages.len(), 4, "three pages, then the error");
        assert!(pages[..3].iter().all(Result::is_ok));
        match &pages[3] {
            Err(SdkError::Response(error)) => {
                assert_eq!(error.request_id(), Some("req-2"));
                let message = error.to_string();
                assert!(message.contains("\"a\""), "{message}");
                assert!(message.contains("NextToken"), "{message}");
            }
            other => panic!("expected a response error, got {:?}", other.as_ref().err()),
        }
        assert_eq!(sent.lock().map(|s| s.len()).unwrap_or(0), 3);
    }

    #[test]
    fn map_tokens_are_compared_by_value() {
        type Key = HashMap<String, String>;
        let key = |pairs: &[(&str, &str)]| -> Key {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        };
        #[derive(Clone)]
        struct KeyInput {
            start: Option<Key>,
        }
        struct KeyOutput {
            last: Option<Key>,
            meta: ResponseMetadata,
        }
        impl ProvideResponseMetadata for KeyOutput {
            fn response_metadata(&self) -> &ResponseMetadata {
                &self.meta
            }
            fn response_metadata_mut(&mut self) -> &mut ResponseMetadata {
                &mut self.meta
            }
        }
        let answers = [
            Some(key(&[("pk", "1"), ("sk", "a")])),
            Some(key(&[("pk", "2"), ("sk", "b")])),
            // Equal to the first, built in another order.
            Some(key(&[("sk", "a"), ("pk", "1")])),
            None,
        ];
        let sent: Arc<Mutex<Vec<Option<Key>>>> = Arc::default();
        let log = Arc::clone(&sent);
        let send = move |input: KeyInput| {
            let mut log = log.lock().unwrap_or_else(|p| p.into_inner());
            let last = answers.get(log.len()).cloned().flatten();
            log.push(input.start);
            std::future::ready(Ok::<_, SdkError<std::io::Error>>(KeyOutput {
                last,
                meta: ResponseMetadata::default(),
            }))
        };
        let stream = pages(
            Ok(KeyInput { start: None }),
            send,
            |input: &mut KeyInput, token| input.start = Some(token),
            |output: &KeyOutput| output.last.clone(),
            "LastEvaluatedKey",
        );
        let pages = block_on(stream.collect());
        assert_eq!(pages.len(), 4, "three pages, then the error");
        assert!(matches!(pages[3], Err(SdkError::Response(_))));
        let sent = sent.lock().map(|s| s.clone()).unwrap_or_default();
        assert_eq!(sent.len(), 3);
        assert_eq!(sent[1], Some(key(&[("pk", "1"), ("sk", "a")])));
        // An empty map ends the stream like an empty string.
        assert!(Key::new().is_end());
        assert!(String::new().is_end());
        assert!(!key(&[("pk", "1")]).is_end());
    }

    #[test]
    fn a_build_error_is_the_only_item() {
        let (send, sent) = service(vec![(None, vec![1])]);
        let stream = pages(
            Err(SdkError::Construction("missing".into())),
            send,
            |input: &mut Input, token| input.token = Some(token),
            |output: &Output| output.next.clone(),
            "NextToken",
        );
        let pages = block_on(stream.collect());
        assert_eq!(pages.len(), 1);
        assert!(matches!(pages[0], Err(SdkError::Construction(_))));
        assert_eq!(sent.lock().map(|s| s.len()).unwrap_or(0), 0);
    }
}
