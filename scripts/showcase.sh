#!/usr/bin/env bash
# The showcase `make run` ends with: what the engine does today, on a real-looking export.
# Usage: showcase.sh PATH_TO_XFACTOR
set -euo pipefail
xf=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
sample="$root/examples/data/power_users_gb18030.csv"
out="$root/workspace/showcase"
mkdir -p "$out"

# Prints the command as one could paste it (arguments with spaces quoted), then runs it.
step() {
  printf '\n\033[1m== %s\033[0m\n$' "$1"
  for arg in "${@:2}"; do
    case $arg in *[[:space:]]*) printf " \"%s\"" "$arg" ;; *) printf ' %s' "$arg" ;; esac
  done
  printf '\n'
  "${@:2}"
}

step "A GB18030 export from a billing system: detected, converted, typed; broken rows kept as rejects" \
  "$xf" inspect "$sample" --rows 5
step "Full-width digits typed by hand (１２５) folded, readings forced to numbers: a bad reading is rejected, not lost" \
  "$xf" inspect "$sample" --fullwidth --type 日用电量kWh=float64 --rows 3
step "Into the native columnar format (zstd, checksummed) and back out as UTF-8 CSV" \
  "$xf" convert "$sample" "$out/power_users.xfc" --fullwidth --type 日用电量kWh=float64
"$xf" convert "$out/power_users.xfc" "$out/power_users.csv"
step "Filter with an expression on the native file" \
  "$xf" inspect "$out/power_users.xfc" --where "合同容量kVA >= 15 AND 用户类型 <> '居民' AND 日用电量kWh < 6" --rows 5
printf '\nOutputs are in %s\n' "$out"
