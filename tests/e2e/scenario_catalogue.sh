#!/usr/bin/env bash
# The scenario catalogue: every folder under scenarios/ names its guideline field, ships a
# bilingual README and tests of its own, and all nine industries have a flagship.
set -euo pipefail
XF=$1
ROOT=$2
source "$ROOT/tests/e2e/lib.bash"

dirs=$(cd "$ROOT/scenarios" && ls -d */*/ | sed 's#/$##' | sort)
n=$(wc -l <<<"$dirs")
run "$XF" scenarios "$ROOT/scenarios"
check "scenarios succeeds" exit_is 0
check "scenarios lists every scenario folder ($n)" bash -c '[ "$(grep -c . <<<"$0")" -eq "$1" ]' "$out" "$n"
for d in $dirs; do
  check "$d is listed with its guideline field" bash -c 'grep -qE "^$1 +[1-9]-[0-9]+ +[^ ]" <<<"$0"' "$out" "$d"
  check "$d has a README in English and 简体中文" \
    bash -c 'grep -q "^## English" "$0" && grep -q "^## 简体中文" "$0"' "$ROOT/scenarios/$d/README.md"
  check "$d has tests of its own" bash -c 'ls "$0"/tests/*_test.cc >/dev/null 2>&1' "$ROOT/scenarios/$d"
done
run "$XF" scenarios "$ROOT/scenarios" --json
check "the flagships cover all nine industries" \
  bash -c '[ "$(grep -o "\"industry\": [1-9]" <<<"$0" | sort -u | wc -l)" -eq 9 ]' "$out"
finish
