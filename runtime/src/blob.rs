//! TODO(blob): being written.
