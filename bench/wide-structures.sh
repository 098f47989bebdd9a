#!/usr/bin/env bash
# Compile time and memory of generated code against structure width: one structure of
# 200, 500, 1000 and 2000 members, and ten structures of 200 members, each the input of an
# operation; every tenth member required, members alternate string / integer / list /
# constrained string. Prints `cargo check` wall time, CPU time and peak memory of each crate.
# Run on an idle machine from the repository root; results: bench/WIDE_STRUCTURES.md.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${WIDE_DIR:-target/wide-structures}"
mkdir -p "$work"

model() { # model <members> <structures>
  python3 - "$1" "$2" <<'PY'
import json, sys
n, count = int(sys.argv[1]), int(sys.argv[2])
kinds = ["smithy.api#String", "smithy.api#Integer", "example.wide#Names", "example.wide#Label"]
shapes, ops = {}, []
for s in range(count):
    name, op = f"Wide{s}", f"PutWide{s}"
    members = {}
    for i in range(n):
        member = {"target": kinds[i % 4]}
        if i % 10 == 0:
            member["traits"] = {"smithy.api#required": {}}
        members[f"Member{i}"] = member
    shapes[f"example.wide#{name}"] = {"type": "structure", "members": members}
    ops.append({"target": f"example.wide#{op}"})
    shapes[f"example.wide#{op}"] = {"type": "operation", "input": {"target": f"example.wide#{op}Input"}, "output": {"target": f"example.wide#{op}Output"}}
    item = {"Item": {"target": f"example.wide#{name}", "traits": {"smithy.api#required": {}}}}
    shapes[f"example.wide#{op}Input"] = {"type": "structure", "members": item, "traits": {"smithy.api#input": {}}}
    shapes[f"example.wide#{op}Output"] = {"type": "structure", "members": {"Item": {"target": f"example.wide#{name}"}}, "traits": {"smithy.api#output": {}}}
shapes["example.wide#Names"] = {"type": "list", "member": {"target": "smithy.api#String"}}
shapes["example.wide#Label"] = {"type": "string", "traits": {"smithy.api#length": {"min": 1, "max": 64}, "smithy.api#pattern": "^[a-z]+$"}}
shapes["example.wide#Wide"] = {"type": "service", "version": "2024-01-01", "operations": ops, "traits": {"aws.protocols#awsJson1_0": {}, "aws.api#service": {"sdkId": "Wide"}}}
print(json.dumps({"smithy": "2.0", "shapes": shapes}))
PY
}
for spec in "200 1" "500 1" "1000 1" "2000 1" "200 10"; do
  set -- $spec
  name="wide-$1x$2"
  model "$1" "$2" > "$work/$name.json"
  cargo run -q -p xtask -- codegen --model "$work/$name.json" --out "$work/$name" --package "$name" 2>&1 | tail -1
done
# Dependencies first, so the figures below are the generated crates alone.
(cd "$work/wide-200x1" && CARGO_TARGET_DIR=../target cargo check -q)
for spec in "200 1" "500 1" "1000 1" "2000 1" "200 10"; do
  set -- $spec
  name="wide-$1x$2"
  touch "$work/$name/src/lib.rs"
  (cd "$work/$name" && CARGO_TARGET_DIR=../target CARGO_INCREMENTAL=0 \
    /usr/bin/time -f "$name: cargo check %e s wall, %U s CPU, %M KiB peak" cargo check -q)
done
