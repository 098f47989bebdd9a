//! Test support for running generated clients against real servers on this machine.
//!
//! The [`servers`] module installs (once, into a cache under the workspace `target/`
//! directory), starts, and always stops two local emulations of Amazon Cognito's user
//! pool API:
//!
//! * [`servers::CognitoLocal`], the npm package `cognito-local`;
//! * [`servers::Moto`], the Python package `moto` in server mode.
//!
//! It also offers a small hand-rolled awsJson 1.1 caller ([`servers::aws_json_call`])
//! and setup helpers ([`servers::create_pool_client_and_user`]) so that tests can
//! prepare a user pool before the generated client takes over.

#![warn(missing_docs)]

pub mod generated_crate;
pub mod servers;

/// The code blocks of the README, compiled by `cargo test --doc` so its examples cannot rot
/// (blocks in other languages are marked `sh`, `text`, `json`, `smithy` and left alone).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// The code blocks of the pages under `docs/`, compiled like the README's.
#[cfg(doctest)]
pub mod docs_doctests {
    #[doc = include_str!("../../docs/adding-a-protocol.md")]
    pub struct AddingAProtocol;
    #[doc = include_str!("../../docs/diagnostics.md")]
    pub struct Diagnostics;
    #[doc = include_str!("../../docs/model-diff.md")]
    pub struct ModelDiff;
}
