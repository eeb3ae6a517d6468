#!/usr/bin/env bash
# ctest: runs every scenario in scenarios/ at its default scale and opens each report.html in
# headless Chromium: the charts render and the console stays clean.
# usage: scenario_reports.sh XFACTOR SOURCE_DIR OUT_DIR
set -euo pipefail
xfactor=$1 src=$2 out=$3
if ! command -v node >/dev/null 2>&1; then
  echo "scenario_reports: node is missing: run scripts/install-deps.sh" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out"
"$xfactor" run "$src/scenarios" --workspace "$out/workspace" -q | tee "$out/run.log"
n=0
for html in "$out"/workspace/runs/*/report.html; do
  node "$src/tests/browser/report_check.mjs" "$html" --screenshot "${html%.html}.png"
  n=$((n + 1))
done
expected=$(grep -c '^  report: ' "$out/run.log")
[ "$n" -eq "$expected" ] && [ "$n" -gt 0 ] || { echo "scenario_reports: $n reports for $expected runs" >&2; exit 1; }
# Every run was anchored in the workspace's evidence ledger, and the whole ledger verifies.
"$xfactor" ledger verify --workspace "$out/workspace" >"$out/verify.log" 2>&1 ||
  { cat "$out/verify.log" >&2; echo "scenario_reports: ledger verify failed" >&2; exit 1; }
echo "scenario_reports: $n reports checked, ledger verified"
