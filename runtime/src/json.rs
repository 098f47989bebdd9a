//! TODO(json): being written.
