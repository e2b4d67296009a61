"""What a picture in a text PDF's signature block shows: pen strokes, a stamp, an emblem, or cannot say.

Only the pictures inside the block are decoded (pdfium draws each image
object alone, with its transparency mask), never the page. A signature is
a few thin strokes; a stamp or a seal has a frame (ring or rectangle)
enclosing its legend; an emblem or a photograph is mostly filled. Anything
else (lines of small marks such as a typed stamp, a blank picture) is left
for the rendered judge to decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

Box = tuple[float, float, float, float]
PictureKind = Literal["strokes", "stamp", "emblem", "blank", "unknown"]

SIDE = 320
"""Pictures are judged at most this many pixels wide or tall: enough for strokes and frames."""
EMPTY = 0.002
"""Share of inked pixels under which a picture shows nothing."""
FRAME = 0.12
"""A hole enclosed by ink covering this share of the ink's box is a stamp's or a seal's frame."""
FILLED = 0.35
"""Share of the ink's box covered by ink above which the picture is an emblem or a photograph."""
MAX_PIECES = 6
"""A handwritten signature is a few connected strokes ..."""
MAX_LETTERS = 40
WRITTEN_LINE = 1.5
THIN = 0.2
"""... or one written line of at most MAX_LETTERS thin pieces (ink below THIN of its box), at least
WRITTEN_LINE times as wide as tall; more pieces, or blocks of them, look like typed text."""


def _on_white_table() -> np.ndarray:
    """Every colour value over white paper at every opacity (row: opacity, column: value), as
    blending in floats makes it: a look-up per pixel instead of the arithmetic."""
    alpha = (np.arange(256, dtype=np.float32) / 255)[:, None]
    return (np.arange(256, dtype=np.float32)[None, :] * alpha + 255 * (1 - alpha)).astype(np.uint8).ravel()


_ON_WHITE = _on_white_table()


@dataclass(frozen=True)
class Picture:
    """A picture of the page, its box in page points (top-left origin), what it shows, and its pixels."""

    box: Box
    kind: PictureKind
    rgba: np.ndarray

    def on_white(self) -> np.ndarray:
        """The picture as RGB on white paper (transparent parts white), for the reviewer's crop:
        made only for the picture shown, each value looked up by its opacity in _ON_WHITE."""
        rgb: np.ndarray = _ON_WHITE[self.rgba[..., 3:4].astype(np.intp) * 256 + self.rgba[..., :3]]
        return rgb


def block_pictures(data: bytes, page_index: int, inside: Box) -> list[Picture]:
    """The pictures whose middle lies in `inside` on one page, each judged; [] when the file cannot say."""
    found: list[Picture] = []
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return found
    try:
        page = document[page_index]
        height = page.get_height()
        for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4):
            left, bottom, right, top = image.get_bounds()
            box = (left, height - top, right, height - bottom)
            middle = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
            if not (inside[0] <= middle[0] <= inside[2] and inside[1] <= middle[1] <= inside[3]):
                continue
            try:
                rgba = np.asarray(image.get_bitmap(render=True).to_pil().convert("RGBA"))
            except (pdfium.PdfiumError, OSError, ValueError):
                rgba = None
            if rgba is None or rgba.size == 0:
                found.append(Picture(box, "unknown", np.full((1, 1, 4), 255, np.uint8)))
                continue
            found.append(Picture(box, judge_picture(rgba), rgba))
    finally:
        document.close()
    return found


def judge_picture(rgba: np.ndarray) -> PictureKind:
    """strokes, stamp, emblem, blank or unknown, from the picture's own pixels."""
    ink = _ink(_shrink(rgba))
    if ink.mean() < EMPTY:
        return "blank"
    points = cv2.findNonZero(ink.astype(np.uint8))
    x, y, w, h = cv2.boundingRect(points)
    area = float(w * h)
    if ink[y : y + h, x : x + w].mean() > FILLED:
        return "emblem"
    closed = cv2.morphologyEx(ink.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    contours, hierarchy = cv2.findContours(closed, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is not None:
        holes = [cv2.contourArea(c) for c, link in zip(contours, hierarchy[0]) if link[3] >= 0]
        if holes and max(holes) >= FRAME * area:
            return "stamp"
    count, _, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(closed, np.ones((5, 5), np.uint8)))
    pieces = sum(1 for i in range(1, count) if stats[i, cv2.CC_STAT_AREA] >= 0.002 * area)
    if pieces <= MAX_PIECES:
        return "strokes"
    # a name signed letter by letter (or in a script font): one line of thin marks, wider than tall
    thin = ink[y : y + h, x : x + w].mean() < THIN
    return "strokes" if pieces <= MAX_LETTERS and w >= WRITTEN_LINE * h and thin else "unknown"


def _shrink(rgba: np.ndarray) -> np.ndarray:
    scale = SIDE / max(rgba.shape[0], rgba.shape[1])
    if scale >= 1:
        return rgba
    size = (max(1, int(rgba.shape[1] * scale)), max(1, int(rgba.shape[0] * scale)))
    return cv2.resize(rgba, size, interpolation=cv2.INTER_AREA)


def _ink(rgba: np.ndarray) -> np.ndarray:
    """Opaque pixels clearly darker or more coloured than the paper (the picture's own, or white under a mask)."""
    rgb = np.ascontiguousarray(rgba[..., :3])
    opaque = rgba[..., 3] > 128
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.int16)
    saturation = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)[..., 1]
    masked = not opaque.all()
    paper = 255 if masked or not opaque.any() else float(np.percentile(gray, 90))
    return opaque & ((gray < paper - 60) | (saturation > 90) & (gray < paper - 25))
