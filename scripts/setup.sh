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
  chromium xvfb xauth fonts-wqy-microhei python3-fonttools python3-brotli
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
need_src=0
for d in imgui libsdl2 sqlite3; do
  ls -d "$CACHE/src/$d"-*/ >/dev/null 2>&1 || need_src=1
done
if [ $need_src = 1 ]; then
  if [ ! -f "$src_list" ] && [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | $SUDO tee "$src_list" >/dev/null
    $SUDO apt-get update -qq
  fi
  mkdir -p "$CACHE/src"
  for d in imgui libsdl2 sqlite3; do
    if ! ls -d "$CACHE/src/$d"-*/ >/dev/null 2>&1; then
      echo "setup: fetching Debian source of $d"
      (cd "$CACHE/src" && apt-get source -qq "$d" >/dev/null)
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

# npm: playwright-core for browser tests (never downloads a browser).
if [ ! -d "$CACHE/node/node_modules/playwright-core" ]; then
  echo "setup: installing playwright-core"
  mkdir -p "$CACHE/node"
  (cd "$CACHE/node" && { [ -f package.json ] || echo '{"name":"shopkeeper-test-deps","private":true}' > package.json; } \
     && npm install --silent --no-audit --no-fund playwright-core@1 >/dev/null)
fi

echo "setup: ok (cache $CACHE)"
