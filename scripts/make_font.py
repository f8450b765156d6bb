#!/usr/bin/python3
"""Cuts Debian's WenQuanYi Micro Hei down to the characters Shopkeeper shows.

Coverage: printable ASCII and Latin-1, GB2312 (all 7,445 characters: 6,763 hanzi plus symbols),
CJK punctuation, full-width forms, the symbols of assets/font/symbols.txt, and every non-ASCII
character in the given source files (the i18n tables). Writes the TTF and a UTF-8 list of the
covered characters, which the app hands to ImGui's glyph range builder. Source and licence of
the font: assets/font/README.md.
"""
import argparse
import os
import subprocess
import sys

FONTS = ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"]


def gb2312_chars():
    out = []
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--chars-out", required=True)
    ap.add_argument("sources", nargs="*")
    a = ap.parse_args()
    chars = set(chr(c) for c in range(0x20, 0x7F))
    chars |= set(chr(c) for c in range(0xA0, 0x100))
    chars |= set(gb2312_chars())
    chars |= set(chr(c) for c in range(0x3000, 0x3040))  # CJK punctuation
    chars |= set(chr(c) for c in range(0xFF00, 0xFFF0))  # full-width forms
    symbols = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "font", "symbols.txt")
    with open(symbols, encoding="utf-8") as f:
        chars |= set(ch for ch in f.read() if ord(ch) > 0x7F)
    for path in a.sources:
        with open(path, encoding="utf-8") as f:
            chars |= set(ch for ch in f.read() if ord(ch) > 0x7F)
    font = next((f for f in FONTS if os.path.exists(f)), None)
    if font is None:
        sys.exit("make_font: no CJK font found (install fonts-wqy-microhei)")
    text = "".join(sorted(chars))
    with open(a.chars_out, "w", encoding="utf-8") as f:
        f.write(text)
    unicodes = ",".join("U+%04X" % ord(c) for c in sorted(chars))
    subprocess.run(
        ["/usr/bin/python3", "-m", "fontTools.subset", font, "--font-number=0", "--unicodes=" + unicodes, "--output-file=" + a.out,
         "--no-hinting", "--desubroutinize", "--layout-features=", "--name-IDs=*", "--notdef-outline"],
        check=True)


if __name__ == "__main__":
    main()
