#!/usr/bin/env bash
# Installs what Shopkeeper needs on a Debian 12 machine and prepares third-party sources and
# builds in a cache folder outside the checkout (SHOPKEEPER_CACHE, default ~/.cache/shopkeeper),
# so a fresh clone reuses them while a fresh machine builds them from scratch.
# Idempotent: every step checks before it acts.
set -euo pipefail

CACHE="${SHOPKEEPER_CACHE:-$HOME/.cache/shopkeeper}"
mkdir -p "$CACHE"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config dpkg-dev
  emscripten binaryen
  libsdl2-dev libgl-dev
  doctest-dev nlohmann-json3-dev libfmt-dev libfast-float-dev libeigen3-dev
  libhowardhinnant-date-dev libutfcpp-dev libboost-math-dev libcli11-dev libbenchmark-dev
  libsqlite3-dev sqlite3 tcl libstb-dev
  # spreadsheets (core/io xlsx/xls): .xlsx read with minizip + pugixml, written with libxlsxwriter,
  # legacy .xls read with freexl; the web build compiles the same Debian sources (below)
  libminizip-dev libpugixml-dev libxlsxwriter-dev libfreexl-dev zlib1g-dev
  chromium xvfb xauth fonts-wqy-microhei python3-fonttools python3-brotli
  # the other browsers of the end-to-end suite: Firefox ESR (WebDriver BiDi) and the WebKit engine
  # (WebKitGTK's MiniBrowser, from libwebkit2gtk-4.1-0, through WebKitWebDriver)
  firefox-esr webkit2gtk-driver
  ccache
  # oracles for the statistics checks (tests/oracle): the standard implementations of each field
  python3-scipy python3-statsmodels python3-sklearn python3-jieba python3-pandas python3-openpyxl r-base-core r-cran-forecast
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    > "$CACHE/apt-install.log" 2>&1 || { tail -20 "$CACHE/apt-install.log"; exit 1; }
fi

# Debian source packages: deb-src entry derived from the machine's own binary entry.
src_list=/etc/apt/sources.list.d/debian-src.sources
SRC_PACKAGES="imgui libsdl2 sqlite3 zlib minizip pugixml libxlsxwriter freexl"
need_src=0
for d in $SRC_PACKAGES; do
  ls -d "$CACHE/src/$d"-*/ >/dev/null 2>&1 || need_src=1
done
if [ $need_src = 1 ]; then
  if [ ! -f "$src_list" ] && [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | $SUDO tee "$src_list" >/dev/null
    $SUDO apt-get update -qq
  fi
  mkdir -p "$CACHE/src"
  for d in $SRC_PACKAGES; do
    if ! ls -d "$CACHE/src/$d"-*/ >/dev/null 2>&1; then
      echo "setup: fetching Debian source of $d"
      # The newest version first, then each older one the index lists: a mirror can list a
      # version whose files it no longer serves (seen 2026-12-02: zlib's +deb12u1 on
      # debian-security answered 404 while bookworm's own 1.2.13.dfsg-1 was there).
      if ! (cd "$CACHE/src" && apt-get source -qq "$d" >/dev/null 2>"$CACHE/apt-source.log"); then
        got=0
        for v in $(apt-cache showsrc "$d" 2>/dev/null | awk -v p="$d" '$1=="Package:"{ok=($2==p)} ok && $1=="Version:"{print $2}' | sort -ruV); do
          echo "setup: $d: newest source not served; trying $v"
          if (cd "$CACHE/src" && apt-get source -qq "$d=$v" >/dev/null 2>>"$CACHE/apt-source.log"); then got=1; break; fi
        done
        [ $got = 1 ] || { echo "setup: cannot fetch the Debian source of $d"; tail -5 "$CACHE/apt-source.log"; exit 1; }
      fi
    fi
  done
fi

# SQLite amalgamation (one sqlite3.c compiled into both targets).
if [ ! -f "$CACHE/sqlite-amalgamation/sqlite3.c" ]; then
  echo "setup: building the SQLite amalgamation"
  srcdir=$(ls -d "$CACHE"/src/sqlite3-*/ | head -1)
  work="$CACHE/sqlite-build"
  rm -rf "$work" && mkdir -p "$work"
  (cd "$work" && "$srcdir/configure" >/dev/null && make -s sqlite3.c >/dev/null)
  mkdir -p "$CACHE/sqlite-amalgamation"
  cp "$work/sqlite3.c" "$work/sqlite3.h" "$CACHE/sqlite-amalgamation/"
  rm -rf "$work"
fi

# SDL2 built for the web from Debian's source (emscripten's own SDL port cannot be fetched:
# its cache is frozen). Unused subsystems are off to shorten the build.
SDL_WEB="$CACHE/sdl2-web"
if [ ! -f "$SDL_WEB/lib/libSDL2.a" ]; then
  echo "setup: building SDL2 for the web (a few minutes, once per machine)"
  export NODE_PATH=/usr/share/nodejs
  srcdir=$(ls -d "$CACHE"/src/libsdl2-*/ | head -1)
  work="$CACHE/sdl2-web-build"
  rm -rf "$work" && mkdir -p "$work"
  (cd "$work" && emcmake cmake "$srcdir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$SDL_WEB" \
      -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DSDL_AUDIO=OFF -DSDL_JOYSTICK=OFF -DSDL_HAPTIC=OFF \
      -DSDL_SENSOR=OFF -DSDL_HIDAPI=OFF -DSDL_POWER=OFF -DSDL_FILESYSTEM=ON -DSDL_LOCALE=OFF -DSDL_MISC=OFF \
      -DSDL_THREADS=OFF -DSDL_ATOMIC=OFF -DSDL_CPUINFO=OFF -DSDL_PTHREADS=OFF > "$CACHE/sdl2-web.log" 2>&1 \
    && ninja >> "$CACHE/sdl2-web.log" 2>&1 && ninja install >> "$CACHE/sdl2-web.log" 2>&1) \
    || { tail -30 "$CACHE/sdl2-web.log"; exit 1; }
  rm -rf "$work"
fi

# Spreadsheet libraries for the web: Debian's sources of zlib, minizip, pugixml, libxlsxwriter
# and freexl compiled with emcc into static libraries, one folder per source version
# ($CACHE/web/<source>-<version>/{include,lib}), so a new Debian version builds beside the old.
# No configure step: each library's few C/C++ files are compiled directly (about a minute).
build_web_lib() {  # name, then the compile: runs in $out/obj with $src set
  local name=$1; shift
  src=$(ls -d "$CACHE/src/$name"-*/ | head -1); src=${src%/}
  out="$CACHE/web/$(basename "$src")"
  [ -f "$out/lib/lib$name.a" ] && return 0
  echo "setup: building $(basename "$src") for the web"
  rm -rf "$out" && mkdir -p "$out/obj" "$out/lib" "$out/include"
  (cd "$out/obj" && "$@") > "$CACHE/web-$name.log" 2>&1 || { tail -20 "$CACHE/web-$name.log"; exit 1; }
  rm -rf "$out/obj"
}
web_dir() { local d; d=$(ls -d "$CACHE/web/$1"-*/ | head -1); echo "${d%/}"; }
WEB_CFLAGS="-O2 -w"
web_zlib() {
  for f in adler32 compress crc32 deflate gzclose gzlib gzread gzwrite infback inffast inflate inftrees trees uncompr zutil; do
    emcc $WEB_CFLAGS -DHAVE_UNISTD_H -c "$src/$f.c" -o $f.o || return 1
  done
  emar rcs "$out/lib/libzlib.a" ./*.o && cp "$src/zlib.h" "$src/zconf.h" "$out/include/"
}
web_minizip() {
  local z; z=$(web_dir zlib)
  for f in ioapi unzip zip; do
    emcc $WEB_CFLAGS -I"$z/include" -DUSE_FILE32API -c "$src/$f.c" -o $f.o || return 1
  done
  emar rcs "$out/lib/libminizip.a" ./*.o && mkdir -p "$out/include/minizip" \
    && cp "$src/ioapi.h" "$src/unzip.h" "$src/zip.h" "$src/crypt.h" "$out/include/minizip/"
}
web_pugixml() {
  em++ -O2 -w -std=c++17 -c "$src/src/pugixml.cpp" -o pugixml.o \
    && emar rcs "$out/lib/libpugixml.a" pugixml.o && cp "$src/src/pugixml.hpp" "$src/src/pugiconfig.hpp" "$out/include/"
}
web_libxlsxwriter() {
  local z m; z=$(web_dir zlib); m=$(web_dir minizip)
  for f in "$src"/src/*.c "$src/third_party/md5/md5.c" "$src/third_party/tmpfileplus/tmpfileplus.c"; do
    emcc $WEB_CFLAGS -DUSE_SYSTEM_MINIZIP -DUSE_STANDARD_TMPFILE -I"$src/include" -I"$z/include" -I"$m/include" \
      -I"$src/third_party" -c "$f" -o "$(basename "$f" .c).o" || return 1
  done
  emar rcs "$out/lib/liblibxlsxwriter.a" ./*.o && cp -r "$src/include/." "$out/include/"
}
web_freexl() {
  printf '#define HAVE_ICONV_H 1\n#define HAVE_STDINT_H 1\n#define HAVE_STDLIB_H 1\n#define HAVE_STRING_H 1\n#define HAVE_MATH_H 1\n#define VERSION "%s"\n' "${src##*-}" > config.h
  emcc $WEB_CFLAGS -I. -I"$src/headers" -c "$src/src/freexl.c" -o freexl.o \
    && emar rcs "$out/lib/libfreexl.a" freexl.o && cp "$src/headers/freexl.h" "$out/include/"
}
export NODE_PATH=/usr/share/nodejs
for lib in zlib minizip pugixml libxlsxwriter freexl; do build_web_lib "$lib" "web_$lib"; done

# npm: the browser drivers of tests/e2e, exactly as pinned in tests/e2e/package-lock.json
# (playwright-core for Chromium, puppeteer-core for Firefox, selenium-webdriver for WebKit); none
# of them downloads a browser. Reinstalled only when the lock file changes.
E2E_DEPS="$(cd "$(dirname "$0")/.." && pwd)/tests/e2e"
if ! cmp -s "$E2E_DEPS/package-lock.json" "$CACHE/node/package-lock.json" \
   || [ ! -d "$CACHE/node/node_modules/selenium-webdriver" ]; then
  echo "setup: installing the browser drivers (npm ci)"
  mkdir -p "$CACHE/node"
  cp "$E2E_DEPS/package.json" "$E2E_DEPS/package-lock.json" "$CACHE/node/"
  (cd "$CACHE/node" && npm ci --silent --no-audit --no-fund >/dev/null)
fi

echo "setup: ok (cache $CACHE)"
