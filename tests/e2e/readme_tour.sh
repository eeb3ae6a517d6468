#!/usr/bin/env bash
# The README's five-minute tour, run exactly as written (with the built binary): a new user's
# first commands must work.
set -euo pipefail
xf=$(realpath "$1")
root=$2
source "$root/tests/e2e/lib.bash"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/examples" "$tmp/"

for readme in README.md README.zh-CN.md; do
  sed -n '/^xf=build\/release\/xfactor/,/--json/p' "$root/$readme" |
    sed "s|^xf=build/release/xfactor|xf=$xf|" >"$tmp/tour.sh"
  check "$readme has a tour" test "$(grep -c '^\$xf' "$tmp/tour.sh")" -ge 5
  run bash -euo pipefail -c "cd '$tmp' && source ./tour.sh"
  check "$readme tour runs" exit_is 0
  check "$readme tour reconciles rows" has "120 read = 118 written + 2 rejected"
  check "$readme tour filters" has "→ 35 rows"
  rm -f "$tmp"/out.xfc*
done

finish
