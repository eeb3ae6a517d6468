#!/usr/bin/env bash
# The workspace from the CLI: scenario runs store every table as a dataset version, deduplicated
# by content; `inspect NAME[@vN]` finds them with their provenance; `runs` lists the runs.
set -euo pipefail
xf=$1
root=$2
source "$root/tests/e2e/lib.bash"
S="$root/scenarios/green/power-production-status"
P=power-production-status
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ws="$tmp/ws"
cd "$tmp"

run "$xf" runs --workspace "$ws"
check "runs on a missing workspace exits 0" exit_is 0
check "and says there are none" has "no runs in workspace"
check "listing does not create a workspace" test ! -e "$ws"

run "$xf" run "$S" --workspace "$ws" --seed 1 -q
check "first run stores datasets as v1" test -s "$ws/data/$P.users/v1.xfc"
run "$xf" run "$S" --workspace "$ws" --seed 1 -q
check "same data again reuses v1: no second file" test "$(ls "$ws/data/$P.users" | wc -l)" -eq 1
run "$xf" run "$S" --workspace "$ws" --seed 2 -q
check "other data is v2" test -s "$ws/data/$P.users/v2.xfc"

run "$xf" inspect "$P.users" --workspace "$ws"
check "inspect NAME exits 0" exit_is 0
check "inspect NAME shows the latest version" has "dataset:  $P.users@v2"
check "and its content hash" has "hash:     xxh128:"
run "$xf" inspect "$P.users@v1" --workspace "$ws" --json
check "inspect NAME@vN --json exits 0" exit_is 0
run "$xf" inspect "$P.daily_status" --workspace "$ws"
check "lineage names the input version" has "$P.daily_forecast@v"
check "and the producing step" has "step 'deviation'"

run "$xf" inspect "$P.users@v9" --workspace "$ws"
check "a missing version is a usage error (exit 2)" exit_is 2
check "that names the latest version" has "the latest version of '$P.users' is v2"
run "$xf" inspect "$P.user" --workspace "$ws"
check "a typo gets a suggestion" has "did you mean '$P.users'?"
run "$xf" inspect "$P.users"
check "no workspace in the current directory (exit 2)" exit_is 2
check "says so" has "no workspace at 'workspace'"
run "$xf" inspect "$tmp/missing.csv" --workspace "$ws"
check "a missing file is still reported as a file error" exit_is 1

run "$xf" runs --workspace "$ws"
check "runs lists every run as complete" test "$(grep -c ' complete ' <<<"$out")" -eq 3
run "$xf" runs --workspace "$ws" --json
check "runs --json lists 3 runs with their status" test "$(grep -o '"status": *"complete"' <<<"$out" | wc -l)" -eq 3

finish
