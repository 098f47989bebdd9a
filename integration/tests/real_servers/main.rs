//! The generated client and the harness against real local servers (cognito-local, moto),
//! and the example program; all share one server harness (`integration_tests::servers`).

mod client_cognito_local;
mod client_moto;
mod client_tracing;
mod cognito_local;
mod common;
mod example_update_email;
mod moto;
mod moto_rest_json;
