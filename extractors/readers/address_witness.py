"""A second OCR engine's word on an address Tesseract's own readings dispute.

On a phone photo or a 150 dpi scan an address's print is a dozen pixels
high. Tesseract's passes over it (the page's, the cell's, the cell's ink read
again at several sizes) then disagree: one takes the 'l' of 'gulnara' for an
'i', another drops the dot of 'mdai.gov', and they agree with each other
because they are one engine. PP-OCR (RapidOCR, han_witness's engine, trained
apart) reads Latin print of that size well and errs elsewhere, so its reading
of the line may settle the dispute. But PP-OCR too misreads confidently, and
sometimes as Tesseract does ('1.kornilova' for 'l.kornilova' in a serif face,
'ahmed_all' for 'ahmed_al1' in a monospaced one, at a score of 0.99): alone
it would be one more voice, not a witness. So the doubt is lifted only when
- PP-OCR reads exactly the address and is sure of it (spaces are no characters
  of an address: a wrapped cell's lines set side by side may part by one; any
  other letter or mark that differs keeps the doubt, and the reviewer is told
  what it read), and
- each part of the address is given exactly by another reading as well: its
  local part by one of Tesseract's other readings or by the nominee's name
  (Carmen Julia Vargas Llosa makes 'cvargasllosa'), its domain by one of
  Tesseract's other readings; and
- no other reading's local part is the nominee's name where the address's is not.

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


def settles(strip: np.ndarray, address: str, readings: list[str], names: frozenset[str]) -> str | None:
    """Why the witness does not settle a dispute over the address printed on the strip (see above);
    None when it does. `readings`: Tesseract's other readings of the line; `names`: the local parts
    the nominee's name makes."""
    return witness_doubt(strip, address) or corroboration_doubt(address, readings, names)


def corroboration_doubt(address: str, readings: list[str], names: frozenset[str]) -> str | None:
    """Why another reading does not give each part of the address exactly (see above); None when both are."""
    local, _, domain = address.casefold().partition("@")
    parts = [reading.casefold().strip(NOT_ADDRESS).partition("@") for reading in readings if "@" in reading]
    if local not in names and local not in {part[0] for part in parts}:
        return f"no other reading gives its local part '{local}'"
    if domain not in {part[2] for part in parts}:
        return f"no other reading gives its domain '{domain}'"
    rival = next((part[0] for part in parts if part[0] != local and part[0] in names), None)
    if rival is not None and local not in names:
        return f"another reading gives '{rival}', which the nominee's name makes"
    return None


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
