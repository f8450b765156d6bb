#!/usr/bin/env bash
# Runs every test suite of an already built tree and prints one summary line
# ("N passed, N failed"). Artifacts (screenshots) go to build/test-artifacts/.
set -uo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs
mkdir -p build/test-artifacts
# Every suite gets its own temporary folder: the tests name their temporary files
# (sk-ui-import.csv, sk-io-readonly ...), and two trees running the suites at once on one
# machine must not share them. std::filesystem::temp_directory_path() reads TMPDIR.
TMPDIR="$(mktemp -d "${TMPDIR:-/tmp}/sk-tests.XXXXXX")"
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT
passed=0
failed=0
failures=()

suite() {
  local name="$1"; shift
  echo "=== $name"
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
  fi
}

suite "core unit tests (native)" build/native/shopkeeper_tests
suite "core unit tests (wasm under node)" node --no-experimental-fetch build/wasm/shopkeeper_tests.js
if [ -x build/native/shopkeeper_ui_tests ]; then
  suite "ui tests (native, headless)" build/native/shopkeeper_ui_tests
fi
if ls tests/oracle/*_check.py >/dev/null 2>&1; then
  suite "oracle checks (scipy, statsmodels, scikit-learn, R)" bash tests/oracle/run.sh
fi
suite "desktop app draws a frame under Xvfb" bash tests/desktop/run.sh
if [ -f tests/e2e/run.sh ]; then
  suite "browser end-to-end (Chromium, Firefox ESR, WebKitGTK)" bash tests/e2e/run.sh
fi

echo
if [ ${#failures[@]} -gt 0 ]; then
  echo "failed suites: ${failures[*]}"
fi
echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
