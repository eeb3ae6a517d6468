#!/usr/bin/env bash
# Runs every fuzz target for a bounded time, starting from its seed corpus in fuzz/corpus/<name>.
# Usage: run-fuzzers.sh BUILD_DIR SECONDS. Fails on the first crash, leak or sanitizer report;
# the reproducer is left in BUILD_DIR/fuzz-artifacts/.
set -euo pipefail
build=$1
seconds=${2:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
shopt -s nullglob
targets=("$build"/fuzz/*_fuzz)
if ((${#targets[@]} == 0)); then
  echo "run-fuzzers: no fuzz targets built in $build" >&2
  exit 1
fi
for target in "${targets[@]}"; do
  name=$(basename "$target")
  work="$build/fuzz-corpus/$name"   # grows during the run; the seeds in git stay untouched
  mkdir -p "$work"
  seeds="$root/fuzz/corpus/${name%_fuzz}"
  dirs=("$work")
  [ -d "$seeds" ] && dirs+=("$seeds")
  echo "fuzz: $name for ${seconds}s"
  "$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=0 \
    -artifact_prefix="$artifacts/$name-" "${dirs[@]}" 2>"$build/$name.log" || {
      echo "fuzz: $name FAILED; last lines of $build/$name.log:" >&2
      tail -40 "$build/$name.log" >&2
      exit 1
    }
  grep -E "Done [0-9]+ runs" "$build/$name.log" | tail -1 || true
done
echo "fuzz: all targets clean"
