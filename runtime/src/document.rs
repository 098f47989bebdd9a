//! TODO(document): being written.
