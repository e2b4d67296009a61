"""Is there handwriting in this crop? Pixels only, no model weights.

A signature is dark ink drawn in strokes that are taller than a line of
print and thin for their size. Everything else in a signature block is
removed or ruled out first: coloured stamp ink, ruled lines, printed words
(by their boxes when the text layer is trustworthy, else by their size),
dust, and solid shapes such as emblems; ink on a black round stamp proves
nothing (see stamp.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

import cv2
import numpy as np

from extractors.signature.frame import find_frames, frame_areas
from extractors.signature.stamp import Stamp, find_stamps, leaves_stamp, territory, within_rings

PixelBox = tuple[int, int, int, int]

DARK = 0.6
"""Ink is at most this share of the local paper tone."""
FAINT = 0.8
"""Fainter pixels are ink only where they join dark ink: a thin, light pen stroke is not cut into dots."""
FAINTEST = 0.85
"""The faintest tone (of the paper's) looked at before a block is called empty: a pale pen line on a grey scan."""
TINT = 40
"""Saturation (of 255) above which a faint pixel is coloured ink's rim, not a grey pen line."""
PEN_BRIGHTNESS = 0.65
"""Coloured ink at most this bright (its strongest channel against the paper) may be a pen's: a blue
ballpoint in a phone photo is about half as bright as the paper. A stamp of that colour is told by
its rings (stamp.py), and its pad's lighter tints stay out."""

TALL = 1.8
"""A stroke at least this many print-line heights tall is handwriting."""
MAYBE_TALL = 1.3
"""Between MAYBE_TALL and TALL the stroke could be large print: unsure."""
WOBBLE = 0.1
"""How far (in print-line heights) a ruled line may bend off straight along a stretch of six lines' length."""
MAX_FILL = 0.35
"""Strokes cover little of their bounding box; emblems and blots cover much."""
MAX_SOLID = 0.4
"""Share of a mark that may survive an erosion thicker than a pen stroke (solid areas do)."""


@dataclass(frozen=True)
class InkVerdict:
    """present / absent / unsure, where the strokes are, and why."""

    verdict: Literal["present", "absent", "unsure", "unclear"]
    """unsure: marks that may be handwriting; unclear: none, but the block is not clearly empty."""
    box: PixelBox | None
    detail: str


def ink_mask(rgb: np.ndarray, line_px: float) -> tuple[np.ndarray, np.ndarray]:
    """Dark pixels against the local paper tone, and fainter ones joined to them, coloured stamp ink left out;
    and all ink, coloured included (where stamps are looked for).

    The faint pixels keep a thin, light pen stroke whole, and a grey stamp's
    rings unbroken (print gets a little bolder).

    Pen ink may be blue: saturated pixels count as ink when they are about as
    dark as a ballpoint's line (PEN_BRIGHTNESS); solid coloured shapes never do.
    """
    ratio, paper = paper_ratio(rgb, line_px)
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    saturated = hsv[..., 1] > 70
    pen_dark = hsv[..., 2].astype(np.float32) / paper < PEN_BRIGHTNESS
    # solid coloured areas (emblems, logos) with their anti-aliased rims: never pen strokes
    width = max(3, int(line_px * 0.5))
    colour = (saturated & (ratio < 0.9)).astype(np.uint8)
    solid = cv2.erode(colour, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (width, width)))
    emblem = cv2.dilate(solid, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (width + 6, width + 6))) > 0
    allowed = (~saturated | pen_dark) & ~emblem
    dark = (ratio < DARK) & allowed
    # faint stretches of a pen line count where they join dark ink (hysteresis, as edge detectors do);
    # never tinted ones, nor next to colour: the blurred rims of coloured stamps would join up
    tinted = cv2.dilate(((hsv[..., 1] > TINT) & (ratio < 0.9)).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    light = (((ratio < FAINT) & allowed & ~tinted) | dark).astype(np.uint8)
    _, labels = cv2.connectedComponents(light, connectivity=8)
    mask = (np.isin(labels, np.unique(labels[dark])) & (light > 0)).astype(np.uint8)
    stamp_pad = ((hsv[..., 1] > TINT) & (ratio < 0.95)).astype(np.uint8)  # even light, worn stamp ink
    return mask, mask | stamp_pad


def paper_ratio(rgb: np.ndarray, line_px: float) -> tuple[np.ndarray, np.ndarray]:
    """Each pixel's tone against the local paper's (1 on paper, near 0 on black ink), and that paper tone:
    shading, a shadow or a grey scan's background do not make paper look like ink."""
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    size = max(15, int(line_px * 3) | 1)
    paper = cv2.dilate(gray, cv2.getStructuringElement(cv2.MORPH_RECT, (size, size)))
    paper = np.maximum(cv2.GaussianBlur(paper, (0, 0), line_px).astype(np.float32), 1.0)
    return gray.astype(np.float32) / paper, paper


def drop_ruled_lines(mask: np.ndarray, line_px: float, tilt: float = 0.0) -> np.ndarray:
    """Remove long straight horizontal and vertical rules (underlines, table borders), those of a
    photographed page too, which bend a little: a rule may wander up to WOBBLE print-line heights.

    tilt: degrees the page leans (a sheet fed askew into a scanner, skew_angle's measure): its rules lean
    as much, level and upright ones too (a level underline drawn on it). Only that slope: a signature's
    flourish leans as the hand drew it."""
    length = max(25, int(line_px * 6))
    band = 2 * max(1, int(line_px * WOBBLE)) + 1
    across: np.ndarray = cv2.dilate(mask, np.ones((band, 1), np.uint8))
    down: np.ndarray = cv2.dilate(mask, np.ones((1, band), np.uint8))
    rules = np.zeros_like(mask)
    for slope in {0.0, float(np.tan(np.radians(tilt)))}:
        rules |= cv2.morphologyEx(across, cv2.MORPH_OPEN, _rule(length, slope))
        rules |= cv2.morphologyEx(down, cv2.MORPH_OPEN, _rule(length, -slope).T)
    kept: np.ndarray = mask & ~rules
    return kept


def _rule(length: int, slope: float) -> np.ndarray:
    """A straight line `length` long of that slope (pixels down per pixel right), as a kernel."""
    dy = int(round(slope * (length - 1)))
    kernel = np.zeros((abs(dy) + 1, length), np.uint8)
    cv2.line(kernel, (0, max(0, -dy)), (length - 1, max(0, dy)), 1)
    return kernel


def judge_ink(
    rgb: np.ndarray, line_px: float, printed: Sequence[PixelBox] | None, block: PixelBox,
    read: Sequence[PixelBox] = (), tilt: float = 0.0,
) -> InkVerdict:
    """Look for handwriting in the block of an RGB crop whose print lines are line_px tall.

    The crop reaches beyond the block so that a stamp sticking out of it is
    seen whole; only ink inside the block is judged.
    printed: boxes of the words of a text layer, blanked as print. None for
    OCRed pages, whose word boxes are not all trusted (OCR reads signatures as
    words): there print is told apart by its size, and fragments are
    joined less eagerly so that lines of print do not merge.
    read: boxes of an OCRed page's words that are surely print (read_print.py), blanked too;
    the print OCR did not read is still told by its size.
    tilt: degrees the page's lines lean (a scan fed askew, drawn as it is): its rules lean as much.
    """
    line_px = max(line_px, 6.0)
    mask, all_ink = ink_mask(rgb, line_px)
    set_aside = all_ink & ~mask  # coloured ink too light for a pen's, most often a stamp pad's
    stamps = find_stamps(all_ink, line_px)  # a coloured stamp's rims and the print on it can pass for strokes too
    blanks = [*(printed or ()), *read]
    _blank(mask, blanks)
    mask = drop_ruled_lines(mask, line_px, tilt)
    x0, y0, x1, y1 = block
    in_block = np.zeros(mask.shape, bool)
    in_block[y0:y1, x0:x1] = True
    mask &= in_block
    # on a stamp, its legend and the print it covers can join into tall marks: only ink off it proves a signature
    on_stamp, within, stamp_note = _stamped(all_ink, stamps, line_px)
    reach = max(3, int(line_px * (0.6 if printed is not None else 0.3)))
    strong, weak = _stroke_groups(mask & ~on_stamp, line_px, reach, wide_is_strong=printed is not None)
    if strong:
        return InkVerdict(
            "present", _union(strong + weak), f"{len(strong)} handwritten stroke group(s) taller than print{stamp_note}"
        )
    if weak:
        return InkVerdict(
            "unsure", _union(weak), f"{len(weak)} mark(s) only slightly taller than print{stamp_note}"
        )
    if leaves_stamp(mask, within, on_stamp, reach):
        return InkVerdict("unsure", _box(mask), f"ink runs out of a stamp, as a signature across it would{stamp_note}")
    pale = drop_ruled_lines(set_aside, line_px, tilt) & in_block & ~on_stamp
    coloured, _ = _stroke_groups(pale, line_px, reach, False)
    if coloured:
        return InkVerdict("unsure", _union(coloured),
                          f"light coloured strokes taller than print: a pale pen's, or a stamp's{stamp_note}")
    return _empty_or_not(_faint_ink(rgb, line_px, blanks, in_block & ~on_stamp, tilt), line_px, reach, stamp_note)


def _empty_or_not(faint: np.ndarray, line_px: float, reach: int, note: str) -> InkVerdict:
    """No ink strokes were found: the block is empty only when even its faint ink holds nothing taller than print."""
    strokes = sum(_stroke_groups(faint, line_px, reach, wide_is_strong=False), [])
    if strokes:
        return InkVerdict("unsure", _union(strokes), f"faint strokes taller than print: a light pen's, or a "
                                                     f"shadow's{note}")
    marks = _tall_marks(faint, line_px, reach)
    if marks:
        return InkVerdict("unclear", _union(marks), f"no ink strokes, but marks taller than print that are no "
                                                    f"strokes (a thick pen's, a blot, an emblem){note}")
    return InkVerdict("absent", None, f"no ink strokes in the signature block, not even faint ones{note}")


def _stamped(all_ink: np.ndarray, stamps: list[Stamp], line_px: float) -> tuple[np.ndarray, np.ndarray, str]:
    """Where round and framed stamps' ink may lie, what their outlines close, and a note of them."""
    frames = find_frames(all_ink, line_px)
    framed, within_frames = frame_areas(all_ink.shape, frames, line_px)
    note = (f", {len(stamps)} round stamp(s) set aside" if stamps else "") + (
        f", {len(frames)} framed stamp(s) set aside" if frames else "")
    return (territory(all_ink.shape, stamps, line_px) | framed, within_rings(all_ink.shape, stamps) | within_frames,
            note)


def _blank(mask: np.ndarray, boxes: Sequence[PixelBox]) -> None:
    """Print's boxes (a pixel beyond them: anti-aliasing, a scan's blur) set to no ink."""
    for x0, y0, x1, y1 in boxes:
        mask[max(0, y0 - 1) : y1 + 2, max(0, x0 - 1) : x1 + 2] = 0


def _faint_ink(rgb: np.ndarray, line_px: float, blanks: Sequence[PixelBox], where: np.ndarray,
               tilt: float) -> np.ndarray:
    """Ink down to FAINTEST, print and rules left out: what a block must lack to be clearly empty (a light
    ballpoint on a grey scan, a stroke a photo's light washed out). Smoothed first, so that a scanner's grain
    does not pass for ink."""
    ratio, _ = paper_ratio(rgb, line_px)
    faint = (cv2.GaussianBlur(ratio, (0, 0), 0.8) < FAINTEST).astype(np.uint8)
    _blank(faint, blanks)
    kept: np.ndarray = drop_ruled_lines(faint, line_px, tilt) & where
    return kept


def _tall_marks(mask: np.ndarray, line_px: float, reach: int) -> list[PixelBox]:
    """Boxes of the marks taller than print whatever their shape: a thick pen's strokes look solid at a
    scan's resolution, so a mark that is no stroke still keeps a block from being clearly empty."""
    groups = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (reach, reach)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(groups, connectivity=8)
    margin = reach // 2
    return [(int(x + margin), int(y + margin), int(x + w - margin), int(y + h - margin))
            for x, y, w, h, area in stats[1:] if h - 2 * margin >= MAYBE_TALL * line_px and area >= line_px * 2]


def _stroke_groups(
    mask: np.ndarray, line_px: float, reach: int, wide_is_strong: bool
) -> tuple[list[PixelBox], list[PixelBox]]:
    """Boxes of the stroke groups taller than print (strong) and slightly taller (weak).

    Fragments closer than reach are one group; dust, blots and solid shapes are no strokes.
    wide_is_strong: a long low stroke counts too (only where print was blanked by its word boxes).
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
        if (area / float(w * h) > MAX_FILL or solid_per_group[label] > area * MAX_SOLID):
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


def _box(mask: np.ndarray) -> PixelBox:
    """The bounding box of all ink in the mask."""
    x, y, w, h = cv2.boundingRect(mask)
    return (x, y, x + w, y + h)
