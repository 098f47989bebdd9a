#!/usr/bin/env bash
# Everything CI runs, in order. Usage: scripts/test.sh
# Fails on the first failing step; each step says what it is.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

# Warnings are errors everywhere, generated crates included.
export RUSTFLAGS="${RUSTFLAGS:--D warnings}"
export RUSTDOCFLAGS="${RUSTDOCFLAGS:--D warnings}"

step "rustfmt"
cargo fmt --all -- --check

step "generated code is up to date"
cargo xtask codegen --check

step "clippy (all targets, warnings denied)"
cargo clippy --workspace --all-targets -- -D warnings

step "rustdoc of the generated crate and the runtime (warnings denied)"
cargo doc -p cognito-identity-provider -p smithy-runtime --no-deps

step "runtime tests on their own (the serde_json features a client ships with)"
# In the workspace the generator's features (serde_json's preserve_order) are unified into
# the runtime; selected alone, the runtime builds as generated crates use it.
cargo test -p smithy-runtime --quiet

step "tests"
# The log goes where cargo builds (CARGO_TARGET_DIR may point outside the repository).
target_dir="${CARGO_TARGET_DIR:-target}"
mkdir -p "$target_dir"
log="$target_dir/test-output.log"
cargo test --workspace --no-fail-fast -- --nocapture 2>&1 | tee "$log"
grep -E '^(endpoint cases|awsJson1_[01]|restJson1|aws models|diff cases|streaming|idl (valid|flattened|invalid|json round trip|protocol suites|proptest [a-z]+)):' "$log" || true
