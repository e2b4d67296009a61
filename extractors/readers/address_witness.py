"""A second OCR engine's word on an address Tesseract's own readings dispute.

On a phone photo or a 150 dpi scan an address's print is a dozen pixels
high. Tesseract's passes over it (the page's, the cell's, the cell's ink read
again at several sizes) then disagree: one takes the 'l' of 'gulnara' for an
'i', another drops the dot of 'mdai.gov', and they agree with each other
because they are one engine. PP-OCR (RapidOCR, han_witness's engine, trained
apart) reads Latin print of that size well and errs elsewhere, so its reading
of the line settles the dispute, under one rule: only a sure reading that is
exactly the address lifts the doubt. Spaces are no characters of an address
(a wrapped cell's lines set side by side may part by one); any other letter
or mark that differs keeps the doubt, and the reviewer is told what it read.

The engine is loaded only when an address is disputed (a second or two, once
per process); its reading of a line takes a tenth of a second.
"""

from __future__ import annotations

import numpy as np

from extractors.readers.address_rereads import NOT_ADDRESS
from extractors.readers.han_witness import witness_strips

WITNESS_SURE = 0.95
"""PP-OCR's score (0..1) of its least sure word below which its reading of an address says nothing."""
_LINE_HEIGHT = 48.0
"""Pixels a taller strip is brought down to: PP-OCR's recogniser reads lines this high, so nothing
is lost, and a smaller address is read at its own size, not enlarged."""


def witness_reading(strip: np.ndarray) -> tuple[str, float]:
    """A grey strip holding one line of print as PP-OCR reads it: its words in reading order, specks
    at the ends left off, and the least sure word's score (0 when it reads nothing)."""
    glyphs = witness_strips(strip, [(0, 0, strip.shape[1], strip.shape[0])], height=_LINE_HEIGHT)
    if not glyphs:
        return "", 0.0
    ordered = sorted(glyphs, key=lambda glyph: (glyph.line, glyph.box[0]))
    return " ".join(glyph.text for glyph in ordered).strip(NOT_ADDRESS), min(glyph.score for glyph in ordered)


def same_address(reading: str, address: str) -> bool:
    """The reading is the address, but for spaces and letter case (an address's case does not route it)."""
    return "".join(reading.split()).casefold() == address.casefold()


def witness_doubt(strip: np.ndarray, address: str) -> str | None:
    """Why the witness does not vouch for the address printed on the strip; None when it reads exactly
    the address and is sure of it."""
    reading, score = witness_reading(strip)
    if not reading:
        return "a second OCR engine read nothing there"
    if not same_address(reading, address):
        return f"a second OCR engine reads '{reading}'"
    if score < WITNESS_SURE:
        return f"a second OCR engine reads it alike but is unsure ({score:.0%})"
    return None
