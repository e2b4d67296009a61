"""A small bar chart as PNG (Pillow), for the digest: mail clients show PNG, not SVG."""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = (Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
         Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
SCALE = 2
"""Drawn at twice the shown size, so it stays sharp on phone screens."""

INK, MUTED, BAR, GRID = "#1f2933", "#616e7c", "#1d6fb8", "#e4e7eb"


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONTS:
        if path.is_file():
            return ImageFont.truetype(str(path), size * SCALE)
    return ImageFont.load_default(size * SCALE)


def bar_chart(labels: Sequence[str], values: Sequence[int], *, width: int = 560,
              height: int = 200, every: int = 7) -> bytes:
    """One bar per value; a label under the last bar and every `every`-th before it.
    Returns PNG bytes of width x height CSS pixels (drawn at SCALE)."""
    w, h, s = width * SCALE, height * SCALE, SCALE
    image = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(image)
    small = _font(11)
    top, bottom, left, right = 14 * s, h - 24 * s, 34 * s, w - 20 * s
    peak = max([*values, 1])
    for fraction in (0.0, 0.5, 1.0):
        y = bottom - (bottom - top) * fraction
        draw.line([(left, y), (right, y)], fill=GRID, width=s)
        draw.text((left - 6 * s, y), f"{round(peak * fraction)}", fill=MUTED, font=small,
                  anchor="rm")
    slot = (right - left) / max(len(values), 1)
    for index, value in enumerate(values):
        x0 = left + index * slot + slot * 0.15
        x1 = left + (index + 1) * slot - slot * 0.15
        y = bottom - (bottom - top) * value / peak
        if value:
            draw.rectangle([(x0, y), (x1, bottom)], fill=BAR)
        if (len(values) - 1 - index) % every == 0:
            draw.text(((x0 + x1) / 2, bottom + 6 * s), labels[index], fill=MUTED, font=small,
                      anchor="ma")
    draw.line([(left, bottom), (right, bottom)], fill=INK, width=s)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
