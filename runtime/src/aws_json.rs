//! TODO(aws_json): being written.
