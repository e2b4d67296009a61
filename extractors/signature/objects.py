"""Signatures in a PDF page's own objects: pen strokes drawn as paths, or a picture of strokes.

A text PDF says what is drawn where: a signature made with a signing tool
is a handful of long open Bezier paths (or many short slanted segments), a
scanned signature is a picture of a few thin strokes. Ruled lines,
underlines and table borders are straight and never count; letterhead
logos lie outside the block. When the block holds something the objects
cannot settle (a stamp, a closed or filled vector shape, an odd picture),
the answer is None and the rendered page decides, so a stamp alone is
never taken for a signature.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw

from extractors.model import Document, Graphic, Page, SignatureEvidence
from extractors.signature.block import Block, Box
from extractors.signature.pictures import Picture, block_pictures

PAGE_PICTURE = 0.5
"""A picture covering this share of the page makes it an image page (a scan): pixels decide there."""
MIN_SEGMENTS = 8
"""Short slanted straight segments that together draw a stroke (some tools export ink so)."""
MIN_HEIGHT = 0.5
MIN_WIDTH = 1.5
"""Pen ink spans at least this many print-line heights down and across (a tick or a bullet does not)."""
SKETCH_SCALE = 3.0
"""Pixels per point of the reviewer's sketch of vector strokes."""


def is_drawn_page(page: Page) -> bool:
    """A PDF page whose objects can be read: it has a structure and no page-sized picture (a scan)."""
    if not page.width or not page.height:
        return False
    area = page.width * page.height
    return not any(g.kind == "image" and _area(g.box) > PAGE_PICTURE * area for g in page.graphics)


def object_evidence(document: Document, block: Block) -> SignatureEvidence | None:
    """handwritten (certain) for pen strokes or a signature picture in the block; none when it holds nothing
    ink-like; None when something there needs the rendered page to tell a stamp from ink."""
    page, height = block.page, block.text_height or 10.0
    top, bottom = block.box[1], block.box[3]
    inside = [g for g in page.graphics if top <= (g.box[1] + g.box[3]) / 2 <= bottom]
    shapes = [g for g in inside if g.kind == "curve" and (g.filled or g.closed)]
    strokes = [g for g in inside if g.kind == "curve" and not (g.filled or g.closed) and _bends(g)]
    segments = [g for g in inside if g.kind == "line" and _slanted(g) and _length(g) < 3 * height]
    if len(segments) >= MIN_SEGMENTS:
        strokes += segments
    strokes = [g for g in strokes if not any(_within(g.box, s.box) for s in shapes)]
    pictures: list[Picture] = []
    if any(g.kind == "image" and not _repeated(g, document, page) for g in inside):
        region = (-page.width, top, 2 * page.width, bottom)
        repeated = [g.box for g in inside if g.kind == "image" and _repeated(g, document, page)]
        pictures = [p for p in block_pictures(document.data, page.number - 1, region)
                    if not any(_same_box(p.box, box) for box in repeated)]
    where = _where(block)
    pen = _union([g.box for g in strokes]) if strokes else None
    if pen is not None and pen[3] - pen[1] >= MIN_HEIGHT * height and pen[2] - pen[0] >= MIN_WIDTH * height:
        return SignatureEvidence(
            kind="handwritten", valid=True, certain=True, page=page.number, box=pen,
            detail=f"page {page.number}, block {where}: {len(strokes)} pen stroke path(s) drawn in the PDF",
            crop_png=_sketch(strokes, pen),
        )
    signed = [p for p in pictures if p.kind == "strokes"]
    if signed:
        return SignatureEvidence(
            kind="handwritten", valid=True, certain=True, page=page.number, box=signed[0].box,
            detail=f"page {page.number}, block {where}: a picture of handwritten strokes",
            crop_png=_png(signed[0].on_white()),
        )
    if shapes or any(p.kind in ("stamp", "unknown") for p in pictures):
        return None
    return SignatureEvidence(
        kind="none", certain=block.anchored, page=page.number,
        detail=f"page {page.number}, block {where}: no picture and no pen strokes in the PDF",
    )


def _where(block: Block) -> str:
    if block.continued:
        return "continued over the page break"
    return "under the closing formula" if block.anchored else "in the lower part of the last page"


def _repeated(picture: Graphic, document: Document, page: Page) -> bool:
    """A picture drawn at the same place on another page is letterhead or footer, not a signature."""
    return any(
        other is not page and g.kind == "image" and _same_box(g.box, picture.box)
        for other in document.pages for g in other.graphics
    )


def _same_box(first: Box, second: Box) -> bool:
    return all(abs(a - b) < 2.0 for a, b in zip(first, second))


def _area(box: Box) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _bends(curve: Graphic) -> bool:
    """An open path that is not a straight rule: it spans both across and down (or has many points)."""
    return len(curve.path) >= 4 or _slanted(curve)


def _slanted(line: Graphic) -> bool:
    return line.box[2] - line.box[0] > 0.3 and line.box[3] - line.box[1] > 0.3


def _length(line: Graphic) -> float:
    return float(np.hypot(line.box[2] - line.box[0], line.box[3] - line.box[1]))


def _within(inner: Box, outer: Box) -> bool:
    return inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def _union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _sketch(strokes: list[Graphic], box: Box) -> bytes:
    """The vector strokes drawn as they are, for the reviewer (no page is rendered)."""
    margin = 4.0
    width = int((box[2] - box[0] + 2 * margin) * SKETCH_SCALE)
    height = int((box[3] - box[1] + 2 * margin) * SKETCH_SCALE)
    image = Image.new("RGB", (max(1, width), max(1, height)), "white")
    draw = ImageDraw.Draw(image)
    for stroke in strokes:
        points = [((x - box[0] + margin) * SKETCH_SCALE, (y - box[1] + margin) * SKETCH_SCALE) for x, y in stroke.path]
        draw.line(points, fill=(20, 20, 80), width=2)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _png(rgb: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, "PNG", compress_level=1)  # a reviewer's crop: fast over small
    return buffer.getvalue()
