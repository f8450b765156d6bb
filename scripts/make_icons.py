#!/usr/bin/env python3
"""Draws the Shopkeeper app icons (a shop front with a striped awning) with the standard library
only: a tiny rasteriser with 4x4 supersampling and a zlib+struct PNG writer.

The drawing (colours and shapes) is read from assets/icons/shop_front.json.
Writes into web/icons/ (or the folder given): icon-192.png, icon-512.png, icon-maskable-512.png
(full-bleed background, artwork inside the central 80% safe zone) and icon.svg (same drawing).
The PNGs are committed; re-run this script only when the drawing changes.
"""
import json
import os
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
# The drawing itself is data: assets/icons/shop_front.json (colours, shapes in paint order).
with open(os.path.join(HERE, "..", "assets", "icons", "shop_front.json"), encoding="utf-8") as _f:
    ICON = json.load(_f)


def rgb(h):
    return tuple(int(h[i:i + 2], 16) for i in (1, 3, 5))


BG = rgb(ICON["background"])  # deep teal (also the manifest theme colour)


def shapes():
    """The drawing in a 100x100 box: list of (kind, colour, params). Order = paint order."""
    return [(s["kind"], rgb(s["colour"]), tuple(s["params"])) for s in ICON["shapes"]]


def inside(kind, params, x, y):
    if kind == "rect":
        x0, y0, x1, y1 = params
        return x0 <= x < x1 and y0 <= y < y1
    cx, cy, r = params
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r and y >= cy


def rounded_bg(x, y, radius):
    """Rounded square covering the whole 100x100 box."""
    cx = min(max(x, radius), 100 - radius)
    cy = min(max(y, radius), 100 - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius


def render(size, maskable):
    """RGBA rows. Maskable: opaque full-bleed background, artwork scaled into the safe zone."""
    items = shapes()
    scale = ICON["maskable_scale"] if maskable else 1.0   # keep the artwork inside the 80% safe circle
    offset = (1 - scale) * 50
    ss = 4
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(ss):
                for sx in range(ss):
                    x = (px + (sx + 0.5) / ss) * 100 / size
                    y = (py + (sy + 0.5) / ss) * 100 / size
                    if not maskable and not rounded_bg(x, y, ICON["corner_radius"]):
                        continue
                    colour = BG
                    ax = (x - offset) / scale
                    ay = (y - offset) / scale
                    for kind, col, params in items:
                        if inside(kind, params, ax, ay):
                            colour = col
                    acc[0] += colour[0]
                    acc[1] += colour[1]
                    acc[2] += colour[2]
                    acc[3] += 255
            n = ss * ss
            if acc[3]:
                cover = acc[3] // 255
                row += bytes((acc[0] // cover, acc[1] // cover, acc[2] // cover, acc[3] // n))
            else:
                row += b"\0\0\0\0"
        rows.append(bytes(row))
    return rows


def write_png(path, size, rows):
    def chunk(tag, data):
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\0" + r for r in rows)  # filter type 0 on every row
    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9))
    png += chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def svg():
    def hexc(c):
        return "#%02x%02x%02x" % c

    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">',
             f'<rect width="100" height="100" rx="{ICON["corner_radius"]:g}" fill="{hexc(BG)}"/>']
    for kind, col, p in shapes():
        if kind == "rect":
            x0, y0, x1, y1 = p
            parts.append(f'<rect x="{x0:g}" y="{y0:g}" width="{x1 - x0:g}" height="{y1 - y0:g}" '
                         f'fill="{hexc(col)}"/>')
        else:
            cx, cy, r = p
            parts.append(f'<path d="M{cx - r:g} {cy:g}A{r:g} {r:g} 0 0 0 {cx + r:g} {cy:g}Z" '
                         f'fill="{hexc(col)}"/>')
    parts.append("</svg>\n")
    return "\n".join(parts)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "web", "icons")
    os.makedirs(out, exist_ok=True)
    for name, size, maskable in (("icon-192.png", 192, False), ("icon-512.png", 512, False),
                                 ("icon-maskable-512.png", 512, True)):
        write_png(os.path.join(out, name), size, render(size, maskable))
    with open(os.path.join(out, "icon.svg"), "w") as f:
        f.write(svg())
    print("icons written to", os.path.normpath(out))


if __name__ == "__main__":
    main()
