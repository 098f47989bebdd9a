//! TODO(sensitive): being written.
