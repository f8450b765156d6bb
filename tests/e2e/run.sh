#!/usr/bin/env bash
# Browser tests: serves the built web app (default build/web, or WEB_DIR) on a free local port
# and runs tests/e2e/*.test.mjs with node's test runner against it, one file at a time.
# Usage: tests/e2e/run.sh [test files...] [extra node --test options]   (default: every file)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
web_dir="$(cd "${WEB_DIR:-$repo/build/web}" 2>/dev/null && pwd)" || {
  echo "e2e: no built web app at ${WEB_DIR:-$repo/build/web} (build the wasm-release preset first)" >&2
  exit 2
}
[ -f "$web_dir/app.js" ] || { echo "e2e: $web_dir/app.js missing (build the web target first)" >&2; exit 2; }

cache="${SHOPKEEPER_CACHE:-$HOME/.cache/shopkeeper}"
export NODE_PATH="$cache/node/node_modules${NODE_PATH:+:$NODE_PATH}"
export WEB_DIR="$web_dir"
export ARTIFACTS_DIR="${ARTIFACTS_DIR:-$repo/build/test-artifacts}"
mkdir -p "$ARTIFACTS_DIR"

log="$(mktemp)"
python3 "$repo/scripts/serve.py" "$web_dir" --port 0 --quiet >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 1 100); do
  grep -q 'http://' "$log" && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 2; }
  sleep 0.1
done
export BASE_URL="$(grep -o 'http://[^ ]*' "$log" | head -1)"
[ -n "$BASE_URL" ] || { echo "e2e: the server did not start" >&2; cat "$log" >&2; exit 2; }
echo "e2e: testing $web_dir at $BASE_URL (screenshots in $ARTIFACTS_DIR)"

files=() opts=()
for a in "$@"; do
  if [ -f "$a" ]; then files+=("$a"); else opts+=("$a"); fi
done
[ ${#files[@]} -gt 0 ] || files=("$repo"/tests/e2e/*.test.mjs)

status=0
node --test --test-concurrency=1 ${opts[@]+"${opts[@]}"} "${files[@]}" || status=$?
exit $status
