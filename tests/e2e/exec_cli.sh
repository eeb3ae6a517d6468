#!/usr/bin/env bash
# `xfactor exec`: a pipeline (a scenario.yaml that may omit `guideline:`) runs in memory on your
# files and writes its outputs as CSV, recording nothing; `run` still wants the guideline field.
set -euo pipefail
XF=$1
ROOT=$2
source "$ROOT/tests/e2e/lib.bash"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

mkdir -p "$T/data" "$T/p"
printf 'k,v\na,1\nb,2\na,3.5\n' >"$T/data/in.csv"
cat >"$T/p/pipeline.yaml" <<'YAML'
name: totals
data:
  sources:
    readings: {path: in.csv, types: {v: float64}}
steps:
  - {id: sums, kind: aggregate, in: readings, out: sums_raw, by: [k], aggregates: {n: "count(*)", total: "sum(v)"}}
  - {id: ordered, kind: sort, in: sums_raw, out: sums, by: [k]}
outputs: [sums]
YAML

cd "$T"
run "$XF" exec "$T/p/pipeline.yaml" --data "$T/data" --out "$T/out"
check "exec succeeds" exit_is 0
check "exec prints the output file" has "$T/out/sums.csv"
check "exec writes the totals" diff <(printf 'k,n,total\na,2,4.5\nb,1,2.0\n') "$T/out/sums.csv"
check "exec records nothing: no workspace appears" test ! -e "$T/workspace"
run "$XF" exec "$T/p/pipeline.yaml" --data "$T/data" --out "$T/out2" -q
check "exec -q prints nothing" bash -c '[ -z "$0" ]' "$out"
check "same input: byte-identical output" cmp "$T/out/sums.csv" "$T/out2/sums.csv"

run "$XF" exec "$T/p/pipeline.yaml" --data "$T/missing" --out "$T/out3"
check "a missing data folder is a usage error" bash -c '[ "$0" -ne 0 ] && grep -q "missing" <<<"$1"' "$rc" "$out"
sed -i 's/kind: aggregate/kind: agregate/' "$T/p/pipeline.yaml"
run "$XF" exec "$T/p/pipeline.yaml" --data "$T/data" --out "$T/out4"
check "a spec error names file:line and suggests the kind" \
  bash -c '[ "$0" -ne 0 ] && grep -q "pipeline.yaml:6" <<<"$1" && grep -q "did you mean .aggregate." <<<"$1"' "$rc" "$out"
sed -i 's/kind: agregate/kind: aggregate/' "$T/p/pipeline.yaml"
printf 'scales: {large: -1}\n' >>"$T/p/pipeline.yaml"
run "$XF" exec "$T/p/pipeline.yaml" --data "$T/data" --out "$T/out5"
check "a named scale out of range is a spec error at its line" \
  bash -c '[ "$0" -ne 0 ] && grep -q "pipeline.yaml:9:.*a scale is greater than 0" <<<"$1"' "$rc" "$out"
sed -i '$d' "$T/p/pipeline.yaml"
cp "$T/p/pipeline.yaml" "$T/p/scenario.yaml"
run "$XF" run "$T/p" --data "$T/data" --workspace "$T/ws" -q
check "run wants the guideline field" bash -c '[ "$0" -ne 0 ] && grep -q "guideline" <<<"$1"' "$rc" "$out"
finish
