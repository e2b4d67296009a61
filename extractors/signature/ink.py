"""Is there handwriting in this crop? Pixels only, no model weights.

A signature is dark ink drawn in strokes that are taller than a line of
print and thin for their size. Everything else in a signature block is
removed or ruled out first: coloured stamp ink, round stamp rings, ruled
lines, printed words (by their boxes when the text layer is trustworthy,
else by their size), dust, and solid shapes such as emblems.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

import cv2
import numpy as np

from extractors.signature.stamp import drop_stamp_rings

PixelBox = tuple[int, int, int, int]

TALL = 1.8
"""A stroke at least this many print-line heights tall is handwriting."""
MAYBE_TALL = 1.3
"""Between MAYBE_TALL and TALL the stroke could be large print: unsure."""
CORROBORATING = 2
"""Marks slightly taller than print, off a stamp's ring, that confirm a stroke group tall only across it."""
MAX_FILL = 0.35
"""Strokes cover little of their bounding box; emblems and blots cover much."""
MAX_SOLID = 0.4
"""Share of a mark that may survive an erosion thicker than a pen stroke (solid areas do)."""


@dataclass(frozen=True)
class InkVerdict:
    """present / absent / unsure, where the strokes are, and why."""

    verdict: Literal["present", "absent", "unsure"]
    box: PixelBox | None
    detail: str


def ink_mask(rgb: np.ndarray, line_px: float) -> np.ndarray:
    """Dark pixels against the local paper tone, coloured stamp ink left out.

    Pen ink may be dark blue: saturated pixels count as ink only when they
    are about as dark as pen ink, which stamp pads and printed emblems rarely are.
    """
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    size = max(15, int(line_px * 3) | 1)
    paper = cv2.dilate(gray, cv2.getStructuringElement(cv2.MORPH_RECT, (size, size)))
    paper = np.maximum(cv2.GaussianBlur(paper, (0, 0), line_px).astype(np.float32), 1.0)
    ratio = gray.astype(np.float32) / paper
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    saturated = hsv[..., 1] > 70
    pen_dark = hsv[..., 2].astype(np.float32) / paper < 0.42
    # solid coloured areas (emblems, logos) with their anti-aliased rims: never pen strokes
    width = max(3, int(line_px * 0.5))
    colour = (saturated & (ratio < 0.9)).astype(np.uint8)
    solid = cv2.erode(colour, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (width, width)))
    emblem = cv2.dilate(solid, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (width + 6, width + 6))) > 0
    return ((ratio < 0.6) & (~saturated | pen_dark) & ~emblem).astype(np.uint8)


def drop_ruled_lines(mask: np.ndarray, line_px: float) -> np.ndarray:
    """Remove long straight horizontal and vertical rules (underlines, table borders)."""
    length = max(25, int(line_px * 6))
    horizontal = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
    vertical = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8))
    return mask & ~(horizontal | vertical)


def judge_ink(rgb: np.ndarray, line_px: float, printed: Sequence[PixelBox] | None) -> InkVerdict:
    """Look for handwriting in an RGB crop whose print lines are line_px tall.

    printed: boxes of the words of a text layer, blanked as print. None for
    OCRed pages, whose word boxes are not trusted (OCR reads signatures as
    words): there print is told apart by its size alone, and fragments are
    joined less eagerly so that lines of print do not merge.
    """
    line_px = max(line_px, 6.0)
    mask = ink_mask(rgb, line_px)
    for x0, y0, x1, y1 in printed or ():
        mask[max(0, y0 - 1) : y1 + 2, max(0, x0 - 1) : x1 + 2] = 0
    mask = drop_ruled_lines(mask, line_px)
    mask, ring_zone, stamps = drop_stamp_rings(mask, line_px)
    reach = max(3, int(line_px * (0.6 if printed is not None else 0.3)))
    strong, weak = _stroke_groups(mask, line_px, reach, wide_is_strong=printed is not None)
    stamp_note = f", {stamps} round stamp(s) set aside" if stamps else ""
    if strong:
        # tall only with the stamp's ring zone (legend, outlines, re-joined crossings): could be print on the stamp
        # (the shapes were judged on the whole groups: a stroke joined to the stamp's emblem stays one)
        off_ring, off_ring_weak = _stroke_groups(
            mask & ~ring_zone, line_px, reach, wide_is_strong=printed is not None, shapes=False
        )
        if off_ring or len(off_ring_weak) >= CORROBORATING:
            return InkVerdict(
                "present", _union(strong + weak),
                f"{len(strong)} handwritten stroke group(s) taller than print{stamp_note}",
            )
        return InkVerdict(
            "unsure", _union(strong + weak),
            f"{len(strong)} mark(s) taller than print only where they meet a stamp's ring{stamp_note}",
        )
    if weak:
        return InkVerdict(
            "unsure", _union(weak), f"{len(weak)} mark(s) only slightly taller than print{stamp_note}"
        )
    return InkVerdict("absent", None, f"no ink strokes in the signature block{stamp_note}")


def _stroke_groups(
    mask: np.ndarray, line_px: float, reach: int, wide_is_strong: bool, shapes: bool = True
) -> tuple[list[PixelBox], list[PixelBox]]:
    """Boxes of the stroke groups taller than print (strong) and slightly taller (weak).

    Fragments closer than reach are one group; dust, blots and solid shapes are no strokes.
    wide_is_strong: a long low stroke counts too (only where print was blanked by its word boxes).
    shapes: rule out blots and solid shapes (False when the groups' shapes were already judged).
    """
    groups = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (reach, reach)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(groups, connectivity=8)
    ink_per_group = np.bincount(labels[mask > 0], minlength=count)
    core = max(3, int(line_px * 0.35))
    solid = cv2.erode(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (core, core)))
    solid_per_group = np.bincount(labels[solid > 0], minlength=count)
    strong: list[PixelBox] = []
    weak: list[PixelBox] = []
    margin = reach // 2
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        w, h = max(1, w - 2 * margin), max(1, h - 2 * margin)
        area = int(ink_per_group[label])
        if area < line_px * 2:
            continue
        if shapes and (area / float(w * h) > MAX_FILL or solid_per_group[label] > area * MAX_SOLID):
            continue
        box = (int(x + margin), int(y + margin), int(x + margin + w), int(y + margin + h))
        wide = wide_is_strong and w >= 4 * line_px and h >= 1.1 * line_px
        if h >= TALL * line_px or wide:
            strong.append(box)
        elif h >= MAYBE_TALL * line_px:
            weak.append(box)
    return strong, weak


def _union(boxes: list[PixelBox]) -> PixelBox:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
