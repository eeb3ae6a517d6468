#!/usr/bin/env bash
# The README's five-minute tour, run exactly as written (with the built binary): a new user's
# first commands must work. README.md's tour runs in full; README.zh-CN.md must list the very same
# commands (comments aside), so every command of both tours is run.
set -euo pipefail
xf=$(realpath "$1")
root=$2
source "$root/tests/e2e/lib.bash"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/examples" "$root/scenarios" "$tmp/"

# The shell lines of a README's tour section: `xf=...` and `$xf ...`, up to the next heading.
tour_lines() {
  awk '/^## (Five-minute tour|五分钟导览)/ {on = 1; next} /^## / {on = 0}
       on && /^(xf=|\$xf )/' "$1"
}
# The same without trailing comments and spacing, to compare the two languages' commands.
tour_commands() { tour_lines "$1" | sed -E 's/[[:space:]]+#.*$//; s/[[:space:]]+/ /g'; }

tour_lines "$root/README.md" | sed "s|^xf=build/release/xfactor|xf=$xf|" >"$tmp/tour.sh"
check "README.md has a tour" test "$(grep -c '^\$xf' "$tmp/tour.sh")" -ge 11
check "README.md tour starts with the binary" grep -q "^xf=$xf\$" "$tmp/tour.sh"
for cmd in scenarios runs "run scenarios/" inspect gen "--data" convert; do
  check "README.md tour uses '$cmd'" grep -qF -- "$cmd" "$tmp/tour.sh"
done

run bash -euo pipefail -c "cd '$tmp' && source ./tour.sh"
check "README.md tour runs" exit_is 0
check "tour lists the scenario" has "green/power-production-status"
check "tour run says where the report is" has "/report.html"
check "tour run writes the report" test -n "$(find "$tmp/workspace/runs" -name report.html)"
check "tour lists the first run as complete" has " complete "
check "tour made two runs" test "$(find "$tmp/workspace/runs" -name report.html | wc -l)" -eq 2
check "tour inspects a dataset" has "power-production-status.daily_status@v"
check "tour gen writes the sources" test -f "$tmp/mydata/daily_kwh.csv"
check "tour reconciles rows" has "120 read = 118 written + 2 rejected"
check "tour filters" has "→ 35 rows"
check "tour traces lineage back to a source" has "power-production-status.daily_kwh"
check "tour verifies the ledger" has "every recorded file verify"

run diff <(tour_commands "$root/README.md") <(tour_commands "$root/README.zh-CN.md")
check "README.zh-CN.md tour has the same commands as README.md" exit_is 0

finish
