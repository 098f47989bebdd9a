//! TODO(client): being written.
