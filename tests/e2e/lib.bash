# Shared helpers for the end-to-end scripts: run a command, check its exit code and output.
# Each check prints one line; the script ends with "N passed, N failed" and fails if any failed.
passed=0
failed=0
out=""
rc=0

run() {  # run CMD...: captures stdout+stderr in $out and the exit code in $rc
  set +e
  out=$("$@" 2>&1)
  rc=$?
  set -e
}

check() {  # check DESCRIPTION CONDITION...
  local what=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok   $what"
  else
    failed=$((failed + 1))
    echo "FAIL $what"
    echo "---- output (exit $rc):"
    echo "$out" | head -40
    echo "----"
  fi
}

has() { grep -qF -- "$1" <<<"$out"; }
exit_is() { [ "$rc" -eq "$1" ]; }

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
