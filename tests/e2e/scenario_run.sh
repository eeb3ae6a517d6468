#!/usr/bin/env bash
# Scenarios end to end through the CLI: list, run, determinism, gen → run --data, the workspace
# record, spec errors with positions, and Ctrl-C leaving the run marked aborted.
set -euo pipefail
XF=$1
ROOT=$2
source "$ROOT/tests/e2e/lib.bash"
S="$ROOT/scenarios/green/power-production-status"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

run "$XF" scenarios "$ROOT/scenarios"
check "scenarios lists power-production-status with its guideline field" \
  bash -c 'grep -q "green/power-production-status *9-3 *水环境污染防治" <<<"$0"' "$out"
run "$XF" scenarios "$ROOT/scenarios" --json
check "scenarios --json names industry 9 field 3" has '"field": 3'

run "$XF" run "$S" --workspace "$T/a" --seed 7
check "run succeeds" exit_is 0
check "run prints where the report is" has "report: $T/a/runs/"
run "$XF" run "$S" --workspace "$T/b" --seed 7 -q
check "second run succeeds" exit_is 0
A=$(ls -d "$T"/a/runs/*/)
B=$(ls -d "$T"/b/runs/*/)
check "run folder has report.json and report.html" test -s "$A/report.json" -a -s "$A/report.html"
check "outputs exported" test -s "$A/outputs/daily_status.csv" -a -s "$A/outputs/abnormal_use_alerts.csv"
check "same seed: byte-identical outputs" diff -r "$A/outputs" "$B/outputs"
check "same seed: byte-identical ground truth" diff -r "$A/truth" "$B/truth"

run "$XF" run "$S" --workspace "$T/c" --seed 8 -q
C=$(ls -d "$T"/c/runs/*/)
check "another seed: other data" bash -c '! cmp -s "$0" "$1"' "$A/outputs/daily_status.csv" "$C/outputs/daily_status.csv"

run "$XF" gen "$S" --out "$T/scaled" --scale default
check "a named scale: default" exit_is 0
run "$XF" gen "$S" --out "$T/scaled" --scale huge
check "an unknown named scale is a usage error listing the scenario's scales" \
  bash -c '[ "$0" -eq 2 ] && grep -q "no such scale; its scales: default (1), large (20)" <<<"$1"' "$rc" "$out"
run "$XF" gen "$S" --out "$T/scaled" --scale -1
check "a negative scale is refused" has "--scale must be greater than 0"

run "$XF" gen "$S" --out "$T/data" --seed 7
check "gen writes the sources and ground truth" test -s "$T/data/daily_kwh.csv" -a -s "$T/data/daily_kwh__truth.csv"
run "$XF" run "$S" --data "$T/data" --workspace "$T/d" -q
check "run --data on generated files succeeds" exit_is 0
D=$(ls -d "$T"/d/runs/*/)
check "run --data gives the same outputs as the synthetic run" diff -r "$A/outputs" "$D/outputs"

run "$XF" runs --workspace "$T/a"
check "runs lists the run as complete" has "complete"
run "$XF" inspect power-production-status.daily_status --workspace "$T/a"
check "inspect reads a dataset from the workspace" has "producing"

run "$XF" run "$T/nowhere" --workspace "$T/e"
check "missing scenario is a usage error" exit_is 2
cp -r "$S" "$T/bad"  # the whole folder: the spec refers to synthetic.yaml and standards/
sed 's/    radius_km: 3/    radius_kn: 3/' "$S/scenario.yaml" >"$T/bad/scenario.yaml"
run "$XF" run "$T/bad" --workspace "$T/e"
line=$(grep -n "radius_kn" "$T/bad/scenario.yaml" | cut -d: -f1)
check "spec error exits 1" exit_is 1
check "spec error names file:line, step and the closest option" \
  bash -c 'grep -qF "scenario.yaml:$1" <<<"$0" && grep -qF "step '"'"'nearby_polluters'"'"'" <<<"$0" && grep -qF "did you mean '"'"'radius_km'"'"'" <<<"$0"' "$out" "$line"

# Ctrl-C during a run: the run stops after its current step and is recorded as aborted.
set +e
"$XF" run "$S" --workspace "$T/f" --scale 6 -q >"$T/int.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  [ -d "$T/f/runs" ] && [ -n "$(ls "$T/f/runs" 2>/dev/null)" ] && break
  sleep 0.1
done
sleep 0.5
kill -INT "$pid"
wait "$pid"
rc=$?
set -e
out=$(cat "$T/int.log")
check "interrupted run exits 1" exit_is 1
run "$XF" runs --workspace "$T/f"
check "interrupted run is marked aborted" has "aborted"

finish
