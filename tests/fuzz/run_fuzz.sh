#!/usr/bin/env bash
# Builds the libFuzzer target for the CSV reader and the import presets and runs it.
#   tests/fuzz/run_fuzz.sh [SECONDS]    (default 60)
# Corpus: build-fuzz/corpus (seeded from tests/data/import and the regressions). Crashes are
# written to build-fuzz/artifacts; copy each one, once fixed, to tests/data/fuzz-regressions/.
set -euo pipefail
seconds="${1:-60}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/build-fuzz"
cache="${SHOPKEEPER_CACHE:-$HOME/.cache/shopkeeper}"
mkdir -p "$out/obj" "$out/corpus" "$out/artifacts"
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
       -DFMT_HEADER_ONLY=1 -I"$root" -I"$cache/sqlite-amalgamation")
# SQLite once, without the fuzzer's coverage instrumentation (it is not what we fuzz).
if [ ! -f "$out/obj/sqlite3.o" ]; then
  clang -O2 -c "$cache/sqlite-amalgamation/sqlite3.c" -o "$out/obj/sqlite3.o" \
    -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_DQS=0
fi
objs=()
for src in "$root"/core/base/*.cpp "$root"/core/model/*.cpp "$root"/core/store/*.cpp "$root"/core/io/*.cpp \
           "$root"/tests/fuzz/fuzz_import.cpp; do
  obj="$out/obj/$(echo "${src#$root/}" | tr / _).o"
  if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find "$root/core" -name '*.h' -newer "$obj" | head -1)" ]; then
    clang++ "${flags[@]}" -c "$src" -o "$obj"
  fi
  objs+=("$obj")
done
clang++ -fsanitize=fuzzer,address,undefined "${objs[@]}" "$out/obj/sqlite3.o" -lpthread -ldl -o "$out/fuzz_import"
cp -n "$root"/tests/data/import/*.csv "$root"/tests/data/import/bad/*.csv "$out/corpus/" 2>/dev/null || true
find "$root/tests/data/fuzz-regressions" -type f ! -name README.md -exec cp -n {} "$out/corpus/" \; 2>/dev/null || true
"$out/fuzz_import" "$out/corpus" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$out/artifacts/" -print_final_stats=1
