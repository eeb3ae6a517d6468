#!/usr/bin/env bash
# ctest: renders tests/data/report_sample.json with `xfactor report` and checks the page in
# headless Chromium. Missing tools fail the test (they never skip it): CI must have them.
# usage: report_sample.sh XFACTOR SOURCE_DIR OUT_DIR
set -euo pipefail
xfactor=$1 src=$2 out=$3
if ! command -v node >/dev/null 2>&1; then
  echo "report_sample: node is missing: run scripts/install-deps.sh" >&2
  exit 1
fi
mkdir -p "$out"
rm -f "$out/report.html" "$out/report.png"
"$xfactor" report "$src/tests/data/report_sample.json" --out "$out/report.html"
node "$src/tests/browser/report_check.mjs" "$out/report.html" --screenshot "$out/report.png"

# The check must also see a broken page: an unsupported panel type, a fetch from the network and
# a script error. It has to fail (exit 1) naming each of them.
node -e '
  const fs = require("fs");
  const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  r.panels.push({id: "bad", type: "pie", title_en: "Unsupported"});
  fs.writeFileSync(process.argv[2], JSON.stringify(r));
' "$src/tests/data/report_sample.json" "$out/broken.json"
"$xfactor" report "$out/broken.json" --out "$out/broken.html" >/dev/null
sed -i 's#<div id="xf-root"></div>#&<img src="http://127.0.0.1:9/x.png"><script>noSuchFunction()</script>#' \
  "$out/broken.html"
set +e
node "$src/tests/browser/report_check.mjs" "$out/broken.html" --screenshot "$out/broken.png" \
  2>"$out/broken.log"
rc=$?
set -e
for expect in 'unknown type "pie"' 'network request to http://127.0.0.1:9/x.png' \
              'noSuchFunction is not defined'; do
  if ! grep -qF "$expect" "$out/broken.log"; then
    cat "$out/broken.log" >&2
    echo "report_sample: the check missed: $expect" >&2
    exit 1
  fi
done
[ "$rc" -eq 1 ] || { echo "report_sample: the check exited $rc on a broken page, not 1" >&2; exit 1; }
echo "report_sample: the check also rejects a broken page"
