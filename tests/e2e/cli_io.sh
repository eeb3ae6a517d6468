#!/usr/bin/env bash
# The CLI's reading path end to end: inspect and convert on the shipped GB18030 sample, every
# count reconciled, and errors with the right exit codes and source positions.
set -euo pipefail
xf=$1
root=$2
source "$root/tests/e2e/lib.bash"
sample="$root/examples/data/power_users_gb18030.csv"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run "$xf" version
check "version exits 0" exit_is 0
check "version names the engine" has "xfactor "

run "$xf" inspect "$sample"
check "inspect exits 0" exit_is 0
check "GB18030 detected" has "encoding: gb18030"
check "truncated row rejected, others loaded" has "120 read = 119 loaded + 1 rejected"
check "reject names the line and the field count" has "expected 9 fields, found 7"
check "Chinese column names decoded" has "统一社会信用代码"

run "$xf" inspect "$sample" --fullwidth --type 日用电量kWh=float64 --json
check "inspect --json exits 0" exit_is 0
check "forced type rejects the unreadable reading" has '"rows_rejected": 2'
check "full-width digits fold so capacity is an integer" \
  python3 -c "import json,sys; d=json.loads(sys.argv[1]); t={c['name']:c['type'] for c in d['schema']}; sys.exit(0 if t['合同容量kVA']=='int64' and t['日用电量kWh']=='float64' else 1)" "$out"
check "the bad reading is kept with its reason" has "cannot parse '读数缺失' as float64"

run "$xf" convert "$sample" "$tmp/users.xfc" --fullwidth --type 日用电量kWh=float64
check "convert exits 0" exit_is 0
check "convert reconciles" has "120 read = 118 written + 2 rejected"
check "rejects written beside the output" test -s "$tmp/users.xfc.rejects.csv"

run "$xf" convert "$tmp/users.xfc" "$tmp/users.jsonl"
check "native → jsonl" has "118 read = 118 written + 0 rejected"
run "$xf" convert "$tmp/users.jsonl" "$tmp/users.csv"
check "jsonl → csv" has "118 read = 118 written + 0 rejected"
run "$xf" convert "$tmp/users.csv" "$tmp/users2.xfc" --type 统一社会信用代码=string
run "$xf" convert "$tmp/users2.xfc" "$tmp/users2.csv"
check "csv → native → csv round trip is byte-identical" cmp -s "$tmp/users.csv" "$tmp/users2.csv"

run "$xf" inspect "$tmp/users.xfc" --where "合同容量kVA >= 15 AND 用户类型 <> '居民' AND 日用电量kWh < 6"
check "where filters" has "rows"
check "where exits 0" exit_is 0

run "$xf" inspect "$tmp/users.xfc" --where "合同容量kVA < 'abc'"
check "a bad expression is a data/spec error (exit 1)" exit_is 1
check "the error shows the expression with a caret" has "^"

run "$xf" inspect "$tmp/missing.csv"
check "a missing file exits 1" exit_is 1
check "a missing file is named" has "missing.csv"

run "$xf" inspect "$sample" --type kwh
check "a malformed option exits 2" exit_is 2

run "$xf" frobnicate
check "an unknown subcommand exits 2" exit_is 2

printf 'a,b\n1,2\n' >"$tmp/data.unknown"
run "$xf" inspect "$tmp/data.unknown"
check "an unknown extension is a usage error" exit_is 2

printf '\x1f\x8b\x08\x00\x00\x00\x00\x00' >"$tmp/broken.csv.gz"
run "$xf" inspect "$tmp/broken.csv.gz"
check "a truncated gzip is a clear error" exit_is 1
check "the gzip error says truncated" has "truncated"

head -c 200 "$tmp/users.xfc" >"$tmp/cut.xfc"
run "$xf" inspect "$tmp/cut.xfc"
check "a truncated native file is a clear error" exit_is 1

printf 'a\tb\n1\t2\n' >"$tmp/UPPER.TSV"
run "$xf" inspect "$tmp/UPPER.TSV" --json
check "an upper-case .TSV reads with TAB" has '"rows_loaded": 1'
check "--json keeps column order" python3 -c "import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if list(d['head'][0])==['a','b'] else 1)" "$out"

run "$xf" inspect "$sample" --type 日用电量kWh=null
check "--type NAME=null is refused" exit_is 2

run "$xf" inspect "$tmp/users.xfc" --where "用户类 = '居民'"
check "a misspelt Chinese column gets a suggestion" has "did you mean '用户类型'"

finish
