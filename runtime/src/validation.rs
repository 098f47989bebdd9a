//! TODO(validation): being written.
