#!/usr/bin/env bash
# What the side-by-side benchmarks need besides xfactor's own dependencies, installed here only
# (never a runtime dependency): Debian's python3-pandas for the pandas side, and DuckDB from npm
# (@duckdb/node-api, which ships libduckdb) for the DuckDB side, pinned by package-lock.json.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if ! /usr/bin/python3 -c "import pandas" 2>/dev/null; then
  echo "bench: installing python3-pandas"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends python3-pandas
fi
if [ ! -d "$here/node_modules/@duckdb/node-api" ] || [ "$here/package-lock.json" -nt "$here/node_modules" ]; then
  echo "bench: installing @duckdb/node-api (npm ci in bench/compare/)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
