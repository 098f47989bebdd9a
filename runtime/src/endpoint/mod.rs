//! TODO(endpoint): being written.
