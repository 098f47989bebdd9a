//! The checked-in client without a network: exact wire format, hostile responses, secrets,
//! and its dependency graph.

mod dependency_graph;
mod hostile_responses;
mod reqwest_adapter;
mod secrets;
mod wire;
