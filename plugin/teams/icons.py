"""The Teams app icons, drawn with a tiny PNG writer: two linked rings, for a second round.

`python -m plugin.teams.icons` rewrites manifests/teams/color.png and outline.png.
"""

from __future__ import annotations

import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

COLOR_SIZE = 192
OUTLINE_SIZE = 32
ACCENT = (0x3B, 0x5B, 0xDB)
WHITE = (0xFF, 0xFF, 0xFF)
SAMPLES = 4
RINGS = ((0.40, 0.5), (0.60, 0.5))
RADIUS = 0.22
THICKNESS = 0.065

Pixel = tuple[int, int, int, int]


def png(width: int, height: int, pixel: Callable[[int, int], Pixel]) -> bytes:
    """An 8-bit RGBA PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def png_size(data: bytes) -> tuple[int, int]:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return struct.unpack(">II", data[16:24])


def ring_coverage(x: int, y: int, size: int) -> float:
    """How much of pixel (x, y) the rings cover, 0 to 1, by supersampling."""
    hits = 0
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            u = (x + (sx + 0.5) / SAMPLES) / size
            v = (y + (sy + 0.5) / SAMPLES) / size
            for cx, cy in RINGS:
                distance = ((u - cx) ** 2 + (v - cy) ** 2) ** 0.5
                if abs(distance - RADIUS) <= THICKNESS / 2:
                    hits += 1
                    break
    return hits / (SAMPLES * SAMPLES)


def color_icon() -> bytes:
    """192×192: white rings on the accent colour, fully opaque."""

    def pixel(x: int, y: int) -> Pixel:
        cover = ring_coverage(x, y, COLOR_SIZE)
        r, g, b = (round(a + (w - a) * cover) for a, w in zip(ACCENT, WHITE, strict=True))
        return (r, g, b, 255)

    return png(COLOR_SIZE, COLOR_SIZE, pixel)


def outline_icon() -> bytes:
    """32×32: white rings on transparency, as Teams requires of the outline icon."""

    def pixel(x: int, y: int) -> Pixel:
        return (*WHITE, round(255 * ring_coverage(x, y, OUTLINE_SIZE)))

    return png(OUTLINE_SIZE, OUTLINE_SIZE, pixel)


def write_icons(directory: Path) -> None:
    (directory / "color.png").write_bytes(color_icon())
    (directory / "outline.png").write_bytes(outline_icon())


if __name__ == "__main__":
    from plugin.teams.package import MANIFEST_DIR

    write_icons(Path(sys.argv[1]) if len(sys.argv) > 1 else MANIFEST_DIR)
