#!/usr/bin/env bash
# Builds Shopkeeper: `scripts/build.sh [native|web|all]` (default all).
#   native -> build/native/{shopkeeper,shopkeeper-desktop,shopkeeper_tests,...}
#   web    -> build/wasm (objects, wasm tests) and build/web (the served app)
# Incremental: a second run only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
export NODE_PATH=/usr/share/nodejs
jobs=$(nproc)
# ccache (native only) shares objects between checkouts of this repository: paths are made
# relative to the checkout, so a fresh clone or a second work tree reuses the same objects.
launcher=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi

if [ "$what" = native ] || [ "$what" = all ]; then
  [ -f build/native/build.ninja ] || cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
  ninja -C build/native -j"$jobs" | grep -v '^\[' || true
  test "${PIPESTATUS[0]}" -eq 0
fi
if [ "$what" = web ] || [ "$what" = all ]; then
  [ -f build/wasm/build.ninja ] || emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DSK_WEB_OUT="$PWD/build/web" >/dev/null
  ninja -C build/wasm -j"$jobs" | grep -v '^\[' || true
  test "${PIPESTATUS[0]}" -eq 0
fi
