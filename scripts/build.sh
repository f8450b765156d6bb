#!/usr/bin/env bash
# Builds Shopkeeper: `scripts/build.sh [native|web|all|debug]` (default all), through the
# presets in CMakePresets.json:
#   native -> native-release: build/native/{shopkeeper,shopkeeper-desktop,shopkeeper_tests,...}
#   web    -> wasm-release:   build/wasm (objects, wasm tests) and build/web (the served app)
#   debug  -> native-debug:   build/native-debug
# Incremental: a second run only rebuilds what changed. A tree is configured again when its
# configure options changed (this script's or the preset's), without deleting build/.
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

# configure DIR PRESET [cmake args...]: (re)configures DIR when it has no build.ninja yet or
# when the options (the arguments and the presets file) differ from the last configure's.
configure() {
  local dir="$1" preset="$2"
  shift 2
  local want
  want="$preset $* $(sha1sum CMakePresets.json | cut -d' ' -f1)"
  if [ ! -f "$dir/build.ninja" ] || [ "$(cat "$dir/.sk-configure" 2>/dev/null)" != "$want" ]; then
    "${wrap[@]}" cmake --preset "$preset" "$@" >/dev/null
    echo "$want" > "$dir/.sk-configure"
  fi
}

# build DIR: ninja in DIR, printing all but its progress lines; fails when ninja fails. (The old
# `ninja | grep -v ... || true; test "${PIPESTATUS[0]}"` passed failed builds under pipefail:
# `|| true` reset PIPESTATUS.)
build() {
  local st=0
  ninja -C "$1" -j"$jobs" > "$1/.sk-build.log" 2>&1 || st=$?
  grep -v '^\[' "$1/.sk-build.log" || true
  return "$st"
}

if [ "$what" = native ] || [ "$what" = all ]; then
  wrap=()
  configure build/native native-release "${launcher[@]}"
  build build/native
fi
if [ "$what" = debug ]; then
  wrap=()
  configure build/native-debug native-debug "${launcher[@]}"
  build build/native-debug
fi
if [ "$what" = web ] || [ "$what" = all ]; then
  wrap=(emcmake)
  configure build/wasm wasm-release
  build build/wasm
fi
