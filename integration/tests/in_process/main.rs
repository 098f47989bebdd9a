//! The checked-in client without a network: exact wire format, hostile responses, secrets.

mod hostile_responses;
mod secrets;
mod wire;
