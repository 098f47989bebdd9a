//! A generated crate pays only for what its operations need: runtime features in its
//! `Cargo.toml` (SigV4, gzip, paginators) and JSON code by role (serializers for inputs,
//! parsers for outputs and errors).

mod json_roles;
mod runtime_features;
