#!/usr/bin/env python3
"""Gives every UI string key its section's prefix (docs/DESIGN.md, "Strings"): a key in
ui/i18n/strings_<section>.h that is neither nav_<section>, about_<section> nor already
<section>_... is renamed to <section>_<key>, in that file and as S::<key> in every C++ source of
ui/, wasm/, native/ and tests/. Idempotent: run it again after merging a branch that added keys
the old way. Prints each rename; exits non-zero if a new name would collide."""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
i18n = root / "ui" / "i18n"
renames = {}
all_keys = set()
files = {}
for f in sorted(i18n.glob("strings_*.h")):
    section = f.stem[len("strings_"):]
    if section == "table":
        continue
    text = f.read_text(encoding="utf-8")
    files[f] = (section, text)
    all_keys.update(re.findall(r"^SK_STR\((\w+),", text, re.M))
for f, (section, text) in files.items():
    if section == "common":
        continue
    for key in re.findall(r"^SK_STR\((\w+),", text, re.M):
        if key in (f"nav_{section}", f"about_{section}") or key.startswith(section + "_"):
            continue
        renames[key] = f"{section}_{key}"
clash = [n for n in renames.values() if n in all_keys and n not in renames]
if clash:
    sys.exit("new names already taken: " + ", ".join(clash))
if not renames:
    print("every key carries its section's prefix")
    sys.exit(0)
pattern = re.compile(r"\b(S::|SK_STR\()(" + "|".join(sorted(renames, key=len, reverse=True)) + r")\b")
sources = [p for d in ("ui", "wasm", "native", "tests") for p in (root / d).rglob("*") if p.suffix in (".h", ".cpp")]
changed = 0
for p in sources:
    text = p.read_text(encoding="utf-8")
    if p.parent == i18n and p.name.startswith("strings_") and p.name != "strings_table.h":
        section = p.stem[len("strings_"):]
        # A definition is renamed only in its own section's file.
        new = pattern.sub(lambda m: m.group(1) + renames[m.group(2)]
                          if m.group(1) == "S::" or renames[m.group(2)].startswith(section + "_") else m.group(0), text)
    else:
        new = pattern.sub(lambda m: m.group(1) + renames[m.group(2)] if m.group(1) == "S::" else m.group(0), text)
    if new != text:
        p.write_text(new, encoding="utf-8")
        changed += 1
for old, new in sorted(renames.items()):
    print(f"{old} -> {new}")
print(f"{len(renames)} keys renamed in {changed} files")
