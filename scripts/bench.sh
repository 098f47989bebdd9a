#!/usr/bin/env bash
# Benchmarks against aws-sdk-rust (aws-sdk-cognitoidentityprovider, latest 1.x) on this machine,
# in one run: codegen wall time, clean debug build time, per-call overhead (criterion), stripped
# release binary size. Writes bench/RESULTS.md. Not part of scripts/test.sh or CI: a full run
# builds aws-sdk-rust three times (debug, release, bench) and takes tens of minutes on 2 cores.
#
# Usage: scripts/bench.sh [--quick] [--only a,b,c,d] [--build-runs N] [--help]
# Scratch space: $BENCH_WORK_DIR (default bench/target/work); the runner builds in
# $CARGO_TARGET_DIR (default bench/target).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
    echo "error: cargo is not on PATH; install Rust (https://rustup.rs) and retry" >&2
    exit 1
fi
echo "==> building the bench runner (release)" >&2
exec cargo run --release --quiet --manifest-path bench/Cargo.toml -- "$@"
