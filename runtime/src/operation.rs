//! TODO(operation): being written.
