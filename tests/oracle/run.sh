#!/usr/bin/env bash
# Oracle checks: each tests/oracle/*_check.py runs the built `shopkeeper` CLI on data it makes
# itself and compares the figures with the standard implementation of the field (Debian's
# scipy, statsmodels, scikit-learn, R), printing what it compared. Exit 0 only if all agree.
# Debian's interpreter is called explicitly: the python3 first on PATH may lack those packages.
set -uo pipefail
cd "$(dirname "$0")/../.."
py=/usr/bin/python3
cli="$PWD/build/native/shopkeeper"
passed=0; failed=0
for f in tests/oracle/*_check.py; do
  [ -e "$f" ] || continue
  echo "--- $f"
  if SHOPKEEPER_CLI="$cli" "$py" "$f"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $f"; fi
done
echo "oracle: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
