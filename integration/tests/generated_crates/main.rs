//! Crates generated at test time and built, linted and tested with cargo: the naming obstacle
//! course, recursive shapes, the `serde` feature, validation, paginators, the whole service, and
//! every official AWS model of the shared data folder.

mod aws_models;
mod obstacle_course;
mod paginators;
mod recursive_shapes;
mod sensitive_keys;
mod serde_feature;
mod validation;
mod whole_service;
