"""The signatory's lines read again where a stamp over them hid them from the page pass.

A stamp set over the signatory's printed name and title, with the signature's
strokes across them, joins into one large mark that Tesseract's layout
analysis takes for a picture: the page pass reads no word there, and a signed
letter names no signatory. Print is black; a stamp's ink is coloured or,
scanned in grey, lighter than print's core. So the signature block is read
again from the pixels as dark as the core of the print read for sure around
it in their brightest colour channel (where a red or blue stamp is light), as
one block of text (page segmentation 6 does not set text under graphics
aside). Only lines whose every word Tesseract is sure of are kept, and the
signatory parser judges them as it judges the page's lines.

This runs only for an OCRed letter whose block holds ink and whose page pass
named no signatory.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

from extractors.fields.signatory import find_signatory
from extractors.model import Document, Page, SignatureEvidence, Signatory
from extractors.readers.orientation import SCRIPT_LANGUAGES
from extractors.readers.tesseract import read_words
from extractors.seniority import seniority
from extractors.signature.block import Block, locate_blocks
from extractors.signature.ink import DARK, paper_ratio
from extractors.signature.read_print import read_print

LINE_PX = 30.0
"""Print-line height, in pixels, the block is read at (Tesseract reads letters of this size well)."""
SURE = 85.0
"""Tesseract's confidence (0..100) every word of a kept line must reach: stamp legends and strokes read as
words come out doubtful."""
BLOCK_MODE = 6
"""Page segmentation as one uniform block: the layout analysis that drops text under a picture is skipped."""
_SCRIPTS = {"ar": "Arabic", "zh": "Han", "ru": "Cyrillic"}
"""The script of a letter's language (Tesseract's packs per script: SCRIPT_LANGUAGES); Latin otherwise."""


def reread_signatory(document: Document, evidence: SignatureEvidence, language: str | None) -> Signatory:
    """The signatory read again from the print of the block where the ink was found; empty when none is read.
    The print is kept at each of READINGS in turn until one names the signatory or its title."""
    block = next((b for b in locate_blocks(document.pages) if b.anchored and b.page.number == evidence.page), None)
    if block is None or block.page.image is None or not block.text_height:
        return Signatory()
    found = _dark_tones(block.page.image, block)
    if found is None:
        return Signatory()
    ratio, core = found
    packs = SCRIPT_LANGUAGES[_SCRIPTS.get(language or "", "Latin")]
    for blur, lighter in READINGS:
        tones = cv2.GaussianBlur(ratio, (0, 0), blur * LINE_PX) if blur else ratio
        print_only = np.where(tones <= core * lighter, 0, 255).astype(np.uint8)
        read = find_signatory("\n".join(_sure_lines(read_words(print_only, packs, BLOCK_MODE))), language)
        if read.name or read.title:
            return Signatory(read.name, read.title, seniority(read.title, language))
    return Signatory()


READINGS = ((1 / 30, 1.0), (0.0, 1.0), (0.0, 1.3))
"""(smoothing in print-line heights, cut as a share of print's core tone) of each reading: smoothed first, so
that a photo's or a coarse scan's thin print stays whole where only its core is kept; then the pixels as they
are; then a little lighter ones, for print lighter in the block than around it."""


def _dark_tones(image: np.ndarray, block: Block) -> tuple[np.ndarray, float] | None:
    """The block enlarged to LINE_PX lines: each pixel's tone against the paper in its brightest channel, and
    print's core tone; None when no print was read for sure in the block.

    Black print is dark in every channel; a red seal is bright in red, a blue stamp in blue, so in its
    brightest channel coloured ink is nearly paper (and print over it stays black)."""
    scale = image.shape[1] / block.page.width
    x0, y0, x1, y1 = (int(round(v * scale)) for v in block.box)
    factor = LINE_PX / (block.text_height * scale)
    crop = np.ascontiguousarray(image[y0:y1, x0:x1])
    if crop.size == 0:
        return None
    rgb = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    brightest = rgb.max(axis=2) if rgb.ndim == 3 else rgb
    ratio, _ = paper_ratio(cv2.cvtColor(brightest, cv2.COLOR_GRAY2RGB), LINE_PX)
    core = _print_core(ratio, block.page, block, scale * factor)
    return None if core is None else (ratio, core)


def _print_core(ratio: np.ndarray, page: Page, block: Block, per_point: float) -> float | None:
    """The median tone (against the paper) of the ink of the words read for sure in the block: print's core."""
    bx0, by0 = block.box[0], block.box[1]
    tones: list[np.ndarray] = []
    for wx0, wy0, wx1, wy1 in read_print(page, block.text_height):
        if wy0 < by0 or wy1 > block.box[3]:
            continue
        x0, y0 = int((wx0 - bx0) * per_point), int((wy0 - by0) * per_point)
        x1, y1 = int((wx1 - bx0) * per_point), int((wy1 - by0) * per_point)
        inside = ratio[max(0, y0):max(0, y1), max(0, x0):max(0, x1)]
        tones.append(inside[inside < DARK])
    ink = np.concatenate(tones) if tones else np.empty(0)
    return float(np.median(ink)) if ink.size else None


def _sure_lines(data: dict[str, list[Any]]) -> list[str]:
    """The lines of a block reading whose every word Tesseract is sure of, top to bottom."""
    lines: dict[tuple[int, int, int], list[tuple[str, float]]] = {}
    for at, text in enumerate(data["text"]):
        if text.strip():
            key = (data["block_num"][at], data["par_num"][at], data["line_num"][at])
            lines.setdefault(key, []).append((text.strip(), float(data["conf"][at])))
    return [" ".join(text for text, _ in words) for words in lines.values()
            if all(sure >= SURE for _, sure in words)]
