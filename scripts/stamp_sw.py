#!/usr/bin/env python3
"""Stamps the service worker of a built web folder: usage `stamp_sw.py build/web`.

Rewrites <dir>/sw.js so that
  const CACHE_VERSION = '<first 12 hex digits of a SHA-256 over the built files>';
  const ASSETS = ["./", "index.html", "app.js", ...];   (every file to precache)
The hash covers every file that is precached (path and content), so any change to the app, its
data, the shell or the icons gives a new cache name. Works on an already stamped sw.js too (the
two lines are matched by their names, not only by the placeholders), so running it twice is safe.
"""
import hashlib
import json
import os
import re
import sys

# Files produced next to sw.js that must not be precached: the worker itself, source maps,
# build bookkeeping.
SKIP_SUFFIXES = (".map", ".symbols")
SKIP_NAMES = {"sw.js"}
# Files the app cannot start without: fail loudly if one is missing rather than ship a worker
# that caches a broken app.
REQUIRED = ("index.html", "app.js", "app.wasm")


def precache_list(root):
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or (name in SKIP_NAMES and dirpath == root):
                continue
            if name.endswith(SKIP_SUFFIXES):
                continue
            rel = os.path.relpath(os.path.join(dirpath, name), root)
            files.append(rel.replace(os.sep, "/"))
    return sorted(files)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: stamp_sw.py <built web dir>")
    root = sys.argv[1]
    sw_path = os.path.join(root, "sw.js")
    if not os.path.isfile(sw_path):
        sys.exit(f"stamp_sw: {sw_path} not found (copy web/ into the build folder first)")
    files = precache_list(root)
    missing = [f for f in REQUIRED if f not in files]
    if missing:
        sys.exit(f"stamp_sw: {', '.join(missing)} missing in {root}")

    digest = hashlib.sha256()
    for rel in files:
        digest.update(rel.encode() + b"\0")
        with open(os.path.join(root, rel), "rb") as f:
            digest.update(hashlib.sha256(f.read()).digest())
    version = digest.hexdigest()[:12]
    assets = ["./"] + files

    with open(sw_path, encoding="utf-8") as f:
        text = f.read()
    text, n_version = re.subn(r"^const CACHE_VERSION = .*;$",
                              lambda m: f"const CACHE_VERSION = '{version}';", text, flags=re.M)
    text, n_assets = re.subn(r"^const ASSETS = .*;$",
                             lambda m: "const ASSETS = " + json.dumps(assets) + ";", text, flags=re.M)
    if n_version != 1 or n_assets != 1:
        sys.exit(f"stamp_sw: {sw_path} lacks the CACHE_VERSION / ASSETS lines")
    with open(sw_path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"stamp_sw: cache version {version}, {len(assets)} files to precache")


if __name__ == "__main__":
    main()
