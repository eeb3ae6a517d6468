#!/usr/bin/env bash
# The evidence ledger from the CLI: every run is anchored (report.json "ledger"), `ledger verify`
# passes on an intact workspace and names what changed when a stored entry, an exported output
# file or a checkpoint is altered; proofs check offline with only the public key; lineage prints
# the chain back to the sources.
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

sql() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()' "$ws/catalog.sqlite" "$1"; }

run "$xf" run "$S" --workspace "$ws" --seed 1 -q
check "run exits 0" exit_is 0
run "$xf" run "$S" --workspace "$ws" --seed 2 -q
report=$(ls -d "$ws"/runs/*/ | tail -1)report.json
check "report.json has a ledger section" grep -q '"ledger": {' "$report"
check "with the entry indices" grep -q '"first_index"' "$report"
check "and the signed checkpoint" grep -q '— xfactor.ledger/' "$report"
check "the private key is mode 0600" test "$(stat -c %a "$ws/keys/ledger.key")" = 600

run "$xf" ledger show --workspace "$ws" --entries -1
check "show exits 0" exit_is 0
check "show lists run entries" has "run_start"
check "and export entries" has "export"
run "$xf" ledger show --workspace "$ws" --json
check "show --json exits 0" exit_is 0
check "both runs are anchored (two run_end entries)" test "$(grep -c '"type": "run_end"' <<<"$out")" -eq 2

run "$xf" ledger verify --workspace "$ws"
check "verify on an intact workspace exits 0" exit_is 0
check "and says ok" has "ok:"

run "$xf" ledger proof 3 --workspace "$ws" --out "$tmp/proof.json"
check "proof exits 0" exit_is 0
run "$xf" ledger export --workspace "$ws" --out "$tmp/export"
check "export writes entries, checkpoints and the key" test -s "$tmp/export/entries.jsonl" -a -s "$tmp/export/ledger.pub" -a -s "$tmp/export/checkpoints/1.note"
mv "$ws" "$tmp/ws-away"  # offline: no workspace at all
run "$xf" ledger check-proof "$tmp/proof.json" --key "$tmp/export/ledger.pub"
check "check-proof holds offline with only the public key" exit_is 0
check "and prints the entry" has '"type":"'
python3 - "$tmp/proof.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
p["entry"] = p["entry"].replace('"run"', '"rum"')
json.dump(p, open(sys.argv[1] + ".bad", "w"))
PY
run "$xf" ledger check-proof "$tmp/proof.json.bad" --key "$tmp/export/ledger.pub"
check "a changed entry in a proof fails (exit 1)" exit_is 1
check "naming the entry" has "entry 3"
mv "$tmp/ws-away" "$ws"

# 1. One byte of a stored entry.
sql "UPDATE ledger_entries SET data = replace(data, '\"seed\":1', '\"seed\":7') WHERE idx = 0"
run "$xf" ledger verify --workspace "$ws"
check "a changed ledger entry fails verify (exit 1)" exit_is 1
check "naming the entry" has "ledger entry 0 (type run_start"
sql "UPDATE ledger_entries SET data = replace(data, '\"seed\":7', '\"seed\":1') WHERE idx = 0"
run "$xf" ledger verify --workspace "$ws"
check "restored: verify passes again" exit_is 0

# 2. One byte of an exported output file.
f=$(ls "$ws"/runs/*/outputs/*.csv | head -1)
cp "$f" "$tmp/saved.csv"
printf 'X' | dd of="$f" bs=1 seek=5 count=1 conv=notrunc status=none
run "$xf" ledger verify --workspace "$ws"
check "a changed exported file fails verify (exit 1)" exit_is 1
check "naming the file" has "exported file runs/"
check "and its hash" has "differs from the recorded sha256:"
cp "$tmp/saved.csv" "$f"

# 3. One byte of a dataset file.
d=$(ls "$ws"/data/$P.users/v1.xfc)
cp "$d" "$tmp/saved.xfc"
printf 'Z' | dd of="$d" bs=1 seek=100 count=1 conv=notrunc status=none
run "$xf" ledger verify --workspace "$ws"
check "a changed dataset file fails verify" exit_is 1
check "naming the dataset file" has "dataset file data/$P.users/v1.xfc"
cp "$tmp/saved.xfc" "$d"

# 4. One byte of a checkpoint.
sql "UPDATE ledger_checkpoints SET note = replace(note, 'xfactor.ledger/', 'xfactor.ledgeR/') WHERE seq = 1"
run "$xf" ledger verify --workspace "$ws"
check "a changed checkpoint fails verify (exit 1)" exit_is 1
check "naming the checkpoint" has "checkpoint #1"
sql "UPDATE ledger_checkpoints SET note = replace(note, 'xfactor.ledgeR/', 'xfactor.ledger/') WHERE seq = 1"
run "$xf" ledger verify --workspace "$ws"
check "everything restored: verify passes" exit_is 0

check "without --key it says which key was used" has "workspace's own key"

# --size is checked against the index before any checkpoint is signed or stored.
ncp() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM ledger_checkpoints").fetchone()[0])' "$ws/catalog.sqlite"; }
before=$(ncp)
run "$xf" ledger proof 5 --size 3 --workspace "$ws" --out "$tmp/p.json"
check "proof of an entry outside --size is a usage error" exit_is 2
check "and signs no checkpoint" test "$(ncp)" = "$before"

# 5. Relabelling a row: the type column is not hashed, so an output must not escape its file check.
oi=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT MIN(idx) FROM ledger_entries WHERE type = ?", ("output",)).fetchone()[0])' "$ws/catalog.sqlite")
of=$(python3 -c 'import sqlite3,sys,json; print(json.loads(sqlite3.connect(sys.argv[1]).execute("SELECT data FROM ledger_entries WHERE idx = ?", (int(sys.argv[2]),)).fetchone()[0])["fields"]["file"])' "$ws/catalog.sqlite" "$oi")
cp "$ws/$of" "$tmp/saved_out"
printf 'Z' | dd of="$ws/$of" bs=1 seek=100 count=1 conv=notrunc status=none
sql "UPDATE ledger_entries SET type = 'quality' WHERE idx = $oi"
run "$xf" ledger verify --workspace "$ws"
check "a relabelled row fails verify (exit 1)" exit_is 1
check "naming the entry" has "ledger entry $oi (type quality"
check "and its file is still checked" has "dataset file $of"
sql "UPDATE ledger_entries SET type = 'output' WHERE idx = $oi"
cp "$tmp/saved_out" "$ws/$of"

# 6. Rollback: cut the second run's entries, nodes and checkpoints together. The workspace is
# consistent on its own; a checkpoint note kept from before exposes it.
kept=$(ls "$tmp/export/checkpoints/" | sort -n | tail -1)
n1=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT tree_size FROM ledger_checkpoints WHERE seq = 1").fetchone()[0])' "$ws/catalog.sqlite")
run "$xf" ledger verify --workspace "$ws" --checkpoint "$tmp/export/checkpoints/$kept" --key "$tmp/export/ledger.pub"
check "an intact log extends the kept checkpoint" exit_is 0
sql "DELETE FROM ledger_entries WHERE idx >= $n1"
sql "DELETE FROM ledger_nodes WHERE (idx + 1) * (1 << level) > $n1"
sql "DELETE FROM ledger_checkpoints WHERE seq > 1"
run "$xf" ledger verify --workspace "$ws" --key "$tmp/export/ledger.pub"
check "the rolled-back workspace verifies on its own" exit_is 0
run "$xf" ledger verify --workspace "$ws" --checkpoint "$tmp/export/checkpoints/$kept" --key "$tmp/export/ledger.pub"
check "but not against the kept checkpoint (exit 1)" exit_is 1
check "naming it" has "kept checkpoint (tree size"
check "and the truncation" has "rolled back or truncated"

run "$xf" lineage "$P.daily_status" --workspace "$ws"
check "lineage exits 0" exit_is 0
check "lineage reaches the sources" has "$P.users@v"
check "with hashes" has "xxh128:"
check "and the producing step" has "step "
run "$xf" lineage "$P.daily_status@v1" --workspace "$ws" --json
check "lineage --json exits 0" exit_is 0
check "nests inputs" has '"inputs": ['
run "$xf" lineage "$P.nothing" --workspace "$ws"
check "an unknown dataset is a usage error" exit_is 2

finish
