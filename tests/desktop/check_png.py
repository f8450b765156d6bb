#!/usr/bin/env python3
"""Checks screenshots are real frames: each PNG decodes, has many distinct colours (not a blank
or single-colour frame), and the two differ. Standard library only (zlib PNG decoder)."""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    pos, idat, w, h, ctype = 8, b"", 0, 0, 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8, f"{path}: bit depth {depth}"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    bpp = {2: 3, 6: 4}[ctype]
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def main():
    frames = []
    for path in sys.argv[1:]:
        w, h, bpp, rows = decode(path)
        colours = set()
        for y in range(0, h, 4):
            r = rows[y]
            for x in range(0, w, 4):
                colours.add(r[x * bpp:x * bpp + 3])
        print(f"{path}: {w}x{h}, {len(colours)} distinct colours (sampled)")
        if len(colours) < 20:
            sys.exit(f"{path}: looks blank ({len(colours)} colours)")
        frames.append(b"".join(rows))
    if len(frames) == 2 and frames[0] == frames[1]:
        sys.exit("the two screenshots are identical")


if __name__ == "__main__":
    main()
