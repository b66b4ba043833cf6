#!/usr/bin/env python3
"""Draws the Teams app icons of AnBien.Bot (a dev tool; the PNGs are committed).

color.png   192x192, full colour: a white speech bubble with a check mark on a red rounded square.
outline.png 32x32, white (255,255,255) on transparent, no padding: the same bubble and check as an outline
            (msteams-docs apps-package.md, docs/protocols/botframework.md section 6).
Standard library only: shapes are tested per sub-pixel (4x4 supersampling) and written as RGBA PNG.
"""
import math
import struct
import sys
import zlib
from pathlib import Path

SS = 4  # sub-samples per axis


def rounded_rect(x, y, x0, y0, x1, y1, r):
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return x0 <= x <= x1 and y0 <= y <= y1 and (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def triangle(x, y, a, b, c):
    def side(p, q):
        return (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0])
    d1, d2, d3 = side(a, b), side(b, c), side(c, a)
    return not ((d1 < 0 or d2 < 0 or d3 < 0) and (d1 > 0 or d2 > 0 or d3 > 0))


def near_polyline(x, y, points, half_width):
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        if math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= half_width:
            return True
    return False


def bubble(x, y, s, grow=0.0):
    """The speech bubble in a 192-unit design space, scaled by s; grow widens it (for outlines)."""
    u, v = x / s, y / s
    g = grow / s
    return rounded_rect(u, v, 34 - g, 40 - g, 158 + g, 130 + g, 24 + g) or triangle(u, v, (58 - g, 118), (96 + g, 118), (50 - g, 162 + g))


CHECK = [(66, 86), (88, 108), (128, 66)]


def render(size, layers):
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            acc = [0.0, 0.0, 0.0, 0.0]
            for sy in range(SS):
                for sx in range(SS):
                    x, y = px + (sx + 0.5) / SS, py + (sy + 0.5) / SS
                    colour = (0, 0, 0, 0)
                    for test, rgba in layers:
                        if test(x, y):
                            colour = rgba
                    a = colour[3] / 255.0
                    for i in range(3):
                        acc[i] += colour[i] * a
                    acc[3] += a
            alpha = acc[3] / (SS * SS)
            rgb = [round(acc[i] / acc[3]) if acc[3] else 0 for i in range(3)]
            row += bytes(rgb + [round(alpha * 255)])
        rows.append(bytes(row))
    return b"".join(rows)


def png(path, size, raw):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    Path(path).write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main(folder):
    red, white, gold = (179, 38, 30, 255), (255, 255, 255, 255), (255, 196, 0, 255)
    s = 1.0
    colour = render(192, [
        (lambda x, y: rounded_rect(x, y, 0, 0, 192, 192, 36), red),
        (lambda x, y: bubble(x, y, s), white),
        (lambda x, y: near_polyline(x, y, CHECK, 9), red),
        (lambda x, y: math.hypot(x - 150, y - 44) <= 18, gold),
    ])
    png(Path(folder) / "color.png", 192, colour)

    k = 32 / 192 * 1.12  # the bubble fills the 32 px box: no padding
    shift = lambda f: (lambda x, y: f(x + 1.6, y + 1.4))
    ring = lambda x, y: bubble(x, y, k, grow=1.0) and not bubble(x, y, k, grow=-1.0)
    tick = lambda x, y: near_polyline(x / k, y / k, CHECK, 1.35 / k)
    outline = render(32, [(shift(ring), white), (shift(tick), white)])
    png(Path(folder) / "outline.png", 32, outline)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent)
