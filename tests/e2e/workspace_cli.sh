#!/usr/bin/env bash
# The workspace from the CLI: datasets saved (through the hidden test-only `_save-dataset`, until
# `xfactor run` writes datasets), versioned and deduplicated by content, then found by
# `inspect NAME[@vN]` with their provenance, and the runs listed by `xfactor runs`.
set -euo pipefail
xf=$1
root=$2
source "$root/tests/e2e/lib.bash"
sample="$root/examples/data/power_users_gb18030.csv"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ws="$tmp/ws"
cd "$tmp"

run "$xf" runs --workspace "$ws"
check "runs on a missing workspace exits 0" exit_is 0
check "and says there are none" has "no runs in workspace"
check "listing does not create a workspace" test ! -e "$ws"

run "$xf" _save-dataset "$sample" users --workspace "$ws"
check "first save is v1" has "users@v1"
run "$xf" _save-dataset "$sample" users --workspace "$ws"
check "same content again reuses v1" has "users@v1 (unchanged)"
check "no second file for unchanged content" test "$(ls "$ws/data/users" | wc -l)" -eq 1
"$xf" convert "$sample" "$tmp/users.csv" >/dev/null
head -21 "$tmp/users.csv" >"$tmp/head.csv"
run "$xf" _save-dataset "$tmp/head.csv" users --workspace "$ws"
check "changed content is v2" has "users@v2"
run "$xf" _save-dataset "$tmp/head.csv" daily --input users@v1 --workspace "$ws"
check "a derived dataset" has "daily@v1"

run "$xf" inspect users --workspace "$ws"
check "inspect NAME exits 0" exit_is 0
check "inspect NAME shows the latest version" has "dataset:  users@v2"
check "with its row count" has "20 read = 20 loaded + 0 rejected"
check "and its content hash" has "hash:     xxh128:"
run "$xf" inspect users@v1 --workspace "$ws" --json
check "inspect NAME@vN --json exits 0" exit_is 0
check "version 1 has every loaded row" \
  python3 -c "import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d['dataset']['version']==1 and d['rows_loaded']==119 else 1)" "$out"
run "$xf" inspect daily --workspace "$ws"
check "lineage names the input version" has "inputs:   users@v1"
check "and the producing step" has "step 'save'"

run "$xf" inspect users@v9 --workspace "$ws"
check "a missing version is a usage error (exit 2)" exit_is 2
check "that names the latest version" has "the latest version of 'users' is v2"
run "$xf" inspect user --workspace "$ws"
check "a typo gets a suggestion" has "did you mean 'users'?"
run "$xf" inspect users
check "no workspace in the current directory (exit 2)" exit_is 2
check "says so" has "no workspace at 'workspace'"
run "$xf" inspect "$tmp/missing.csv" --workspace "$ws"
check "a missing file is still reported as a file error" exit_is 1

run "$xf" runs --workspace "$ws"
check "runs lists every run" test "$(grep -c ' complete ' <<<"$out")" -eq 4
run "$xf" runs --workspace "$ws" --json
check "runs --json is a JSON array of 4 runs with their status" \
  python3 -c "import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if len(d)==4 and all(r['status']=='complete' for r in d) else 1)" "$out"

finish
