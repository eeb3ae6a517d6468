#!/usr/bin/env bash
# Reproduces the engine-core numbers of docs/performance.md on this machine:
#   bash bench/run-core.sh [BUILD_DIR] [SIZE_MB]
# Builds the benchmarks in Release, generates a SIZE_MB (default 1000) mixed-type CSV in UTF-8
# and in GB18030, ingests each three times, then runs the Google Benchmark micro benchmarks.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/bench}
size=${2:-1000}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DXF_BENCH=ON -DXF_TESTS=OFF >/dev/null
ninja -C "$build" >/dev/null
data="$build/data"
mkdir -p "$data"
[ -s "$data/mixed_${size}mb.csv" ] || "$build/bench/xf_gen_csv" "$data/mixed_${size}mb.csv" "$size"
[ -s "$data/mixed_${size}mb_gb18030.csv" ] || "$build/bench/xf_gen_csv" "$data/mixed_${size}mb_gb18030.csv" "$size" gb18030
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
for f in "$data/mixed_${size}mb.csv" "$data/mixed_${size}mb_gb18030.csv"; do
  for i in 1 2 3; do "$build/bench/xf_ingest" "$f"; done
done
for b in "$build"/bench/*_bench; do
  echo "== $(basename "$b")"
  "$b" --benchmark_min_time=0.5
done
