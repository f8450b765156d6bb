#!/usr/bin/env bash
# Builds a libFuzzer target and runs it:
#   tests/fuzz/run_fuzz.sh [SECONDS] [import|xlsx]   (default 60 import)
# import: the CSV reader and the import presets (fuzz_import.cpp); corpus build-fuzz/corpus,
# seeded from tests/data/import and the regressions.
# xlsx: the .xlsx/.xls readers (fuzz_xlsx.cpp); corpus build-fuzz/corpus-xlsx, seeded with a
# few sheets below and the .xls files of tests/data/xls.
# Crashes are written to build-fuzz/artifacts; copy each one, once fixed, to
# tests/data/fuzz-regressions/ (CSV) or tests/data/fuzz-regressions/xlsx/.
set -euo pipefail
seconds="${1:-60}"
target="${2:-import}"
case "$target" in import|xlsx) ;; *) echo "run_fuzz.sh: target import or xlsx" >&2; exit 2 ;; esac
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
           "$root/tests/fuzz/fuzz_$target.cpp"; do
  obj="$out/obj/$(echo "${src#$root/}" | tr / _).o"
  if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find "$root/core" -name '*.h' -newer "$obj" | head -1)" ]; then
    clang++ "${flags[@]}" -c "$src" -o "$obj"
  fi
  objs+=("$obj")
done
clang++ -fsanitize=fuzzer,address,undefined "${objs[@]}" "$out/obj/sqlite3.o" -lpthread -ldl \
  $(pkg-config --libs minizip xlsxwriter freexl zlib) -lpugixml -o "$out/fuzz_$target"
if [ "$target" = xlsx ]; then
  c="$out/corpus-xlsx"
  mkdir -p "$c"
  cp -n "$root"/tests/data/xls/*.xls "$c/" 2>/dev/null || true
  printf '\001<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2" hidden="1"><c r="A2" t="inlineStr"><is><t>X1</t></is></c><c r="B2"><v>2</v></c><c r="C2"><v>1.5</v></c></row></sheetData><mergeCells><mergeCell ref="A1:A2"/></mergeCells></worksheet>' > "$c/seed-sheet"
  printf '\001<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>t</t></is></c></row><row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c></row><row r="4"><c r="A4" s="2"><v>45356.5</v></c><c r="B4"><f>A4</f></c></row></sheetData></worksheet>' > "$c/seed-dates"
  find "$root/tests/data/fuzz-regressions/xlsx" -type f -exec cp -n {} "$c/" \; 2>/dev/null || true
  "$out/fuzz_xlsx" "$c" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$out/artifacts/" -print_final_stats=1
  exit
fi
cp -n "$root"/tests/data/import/*.csv "$root"/tests/data/import/bad/*.csv "$out/corpus/" 2>/dev/null || true
find "$root/tests/data/fuzz-regressions" -type f ! -name README.md -exec cp -n {} "$out/corpus/" \; 2>/dev/null || true
"$out/fuzz_import" "$out/corpus" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$out/artifacts/" -print_final_stats=1
