"""Which thin letter an address holds where two readings of it disagree: i, j or l, told by its ink.

Tesseract reads the thin letters of small print for one another: the page
pass gives 'micastillo@...' where 'mjcastillo@...' is printed, while the
address's strip read alone gives 'mj'. Two readings that differ only there
leave the address in doubt, and the letter with a person, although the ink
says plainly which letter it is: a j's stem reaches below the line, an l's
rises above the small letters in one stroke, an i's stays among them under
a dot of its own. That shape settles the dispute; nothing else does.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import cv2
import numpy as np

from extractors.readers.tesseract import Symbol, read_symbols

_THIN = {"j": "below", "i": "dotted", "l": "tall", "I": "tall", "1": "tall", "|": "tall"}
"""Thin characters OCR takes for one another, by the shape of their ink."""
_NO_LETTER = frozenset("!|")
"""Thin signs no address holds: where a reading of one has them ('gouv.m!'), its ink tells the letter."""
_ONE_LETTER_END = re.compile(r"\.[A-Za-z]\)$")
"""A bracket closing an address whose last label has one letter ('gouv.m)'): no domain ends so, the
bracket is that label's second letter misread."""
_LETTER = {"below": "j", "dotted": "i", "tall": "l"}
_SMALL = frozenset("acemnorsuvwxz")
"""Letters that neither rise above nor reach below the small letters: they give the line's band."""
_REACH = 0.3
"""Share of the small letters' height a stem must rise above or reach below them to do so."""
_MIN_PRINT = 12
"""Pixels of small letters' height in the picture below which a dot and its stem run together (an i
then looks like an l): such print settles nothing."""
_READ_HEIGHT = 48
"""Pixels the strip's small letters are brought to before it is read character by character."""


def settled_thin_letters(strip: np.ndarray, address: str) -> str | None:
    """The address with each thin letter where it and the strip's own reading disagree taken from the ink
    (a thin letter one reading has and the other lacks kept only when it has a stroke of its own); None when
    the readings differ in anything else, or the ink does not tell."""
    larger = _larger(strip)
    symbols = read_symbols(larger, "eng")
    read = "".join(symbol.text for symbol in symbols)
    band = _small_letters_band(symbols)
    if len(symbols) != len(read) or band is None or _too_small(strip, larger, band):
        return None
    ink = cv2.threshold(larger, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    blobs = [stats[i] for i in range(1, count)]
    mended: list[str] = []
    signs = _misread_signs(address)
    matcher = SequenceMatcher(None, address.casefold(), read.casefold(), autojunk=False)
    for op, a0, a1, r0, r1 in matcher.get_opcodes():
        if op == "equal":
            letters = [_LETTER.get(_shape(blobs, symbols[r0 + k].box, band) or "") if a0 + k in signs else char
                       for k, char in enumerate(address[a0:a1])]
            if None in letters:
                return None
            mended += [char for char in letters if char]
        elif op == "replace" and a1 - a0 == r1 - r0 \
                and all(_disputed(address[a0 + k], read[r0 + k], a0 + k in signs) for k in range(a1 - a0)):
            chosen = [_chosen(address[a0 + k], read[r0 + k], _shape(blobs, symbols[r0 + k].box, band), a0 + k in signs)
                      for k in range(a1 - a0)]
            if None in chosen:
                return None
            mended += [char for char in chosen if char]
        elif op == "delete" and address[a0:a1] == "i" and 0 < r0 < len(symbols) and read[r0] in "ij" \
                and read[r0 - 1].isalnum() and _one_letter_each(blobs, symbols[r0 - 1].box, symbols[r0].box, band):
            continue  # an i only the address has, before a dotted letter, with no stroke of its own: that letter's dot
        elif op == "insert" and r1 - r0 == 1 and _own_letter(blobs, symbols, r0, read, band):
            mended.append(read[r0])  # the thin letter only the strip reads has a stroke of its own, of its shape
        else:
            return None
    settled = "".join(mended)
    return settled if settled != address else None


def _misread_signs(address: str) -> set[int]:
    """Where the address holds a sign that must be a thin letter misread: one no address holds, or a
    bracket that ends it after a label of one letter."""
    signs = {k for k, char in enumerate(address) if char in _NO_LETTER}
    return signs | ({len(address) - 1} if _ONE_LETTER_END.search(address) else set())


def _disputed(mine: str, theirs: str, sign: bool) -> bool:
    """Two thin letters of different shapes, or a sign misread for a thin letter: the ink can tell which
    one is printed."""
    return theirs in _THIN and (sign or mine in _THIN and _THIN[mine] != _THIN[theirs])


def _chosen(mine: str, theirs: str, shape: str | None, sign: bool) -> str | None:
    """The letter of the ink's shape: of the two read, or for a sign misread, the one letter of that shape."""
    if sign:
        return _LETTER.get(shape or "")
    return next((char for char in (mine, theirs) if _THIN.get(char) == shape and char in _LETTER.values()), None)


def _own_letter(blobs: list[np.ndarray], symbols: list[Symbol], at: int, read: str, band: tuple[float, float]) -> bool:
    """The thin letter read at `at` has a stroke of its own beside its neighbour's, shaped as that letter is."""
    if read[at] not in _LETTER.values() or len(symbols) < 2 or _shape(blobs, symbols[at].box, band) != _THIN[read[at]]:
        return False
    pair = (at - 1, at) if at > 0 else (at, at + 1)
    if not all(read[j].isalnum() for j in pair):
        return False
    return _one_letter_each(blobs, symbols[pair[0]].box, symbols[pair[1]].box, band)


def _too_small(strip: np.ndarray, larger: np.ndarray, band: tuple[float, float]) -> bool:
    """Small letters too low in the strip as cut from the page for a dot to stand apart from its stem."""
    return bool((band[1] - band[0]) * strip.shape[0] / larger.shape[0] < _MIN_PRINT / 2)


def _one_letter_each(blobs: list[np.ndarray], before: tuple[int, int, int, int], after: tuple[int, int, int, int],
                     band: tuple[float, float]) -> bool:
    """Two strokes among the small letters from one character's box to the next one's: the two letters
    read there, and no third between them."""
    middle = (band[0] + band[1]) / 2
    strokes = [blob for blob in blobs if blob[cv2.CC_STAT_TOP] <= middle <= blob[cv2.CC_STAT_TOP] + blob[cv2.CC_STAT_HEIGHT]
               and before[0] <= blob[cv2.CC_STAT_LEFT] + blob[cv2.CC_STAT_WIDTH] / 2 <= after[2]]
    return len(strokes) == 2


def _larger(strip: np.ndarray) -> np.ndarray:
    """The strip enlarged so that a line of it is about _READ_HEIGHT pixels tall (never shrunk)."""
    factor = max(1.0, _READ_HEIGHT / max(strip.shape[0], 1))
    return cv2.resize(strip, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)


def _small_letters_band(symbols: list[Symbol]) -> tuple[float, float] | None:
    """Top and bottom of the small letters (x-height and baseline), by their median boxes."""
    small = [symbol.box for symbol in symbols if symbol.text in _SMALL]
    if len(small) < 3:
        return None
    return float(np.median([box[1] for box in small])), float(np.median([box[3] for box in small]))


def _shape(blobs: list[np.ndarray], box: tuple[int, int, int, int], band: tuple[float, float]) -> str | None:
    """'below', 'tall' or 'dotted': the shape of the tallest stroke under a character's box, and of the
    ink above it; None when it is none of them plainly."""
    under = [blob for blob in blobs if _beneath(blob, box)]
    if not under:
        return None
    stem = max(under, key=lambda blob: int(blob[cv2.CC_STAT_HEIGHT]))
    top, bottom = int(stem[cv2.CC_STAT_TOP]), int(stem[cv2.CC_STAT_TOP] + stem[cv2.CC_STAT_HEIGHT])
    reach = _REACH * (band[1] - band[0])
    dot = any(blob is not stem and blob[cv2.CC_STAT_TOP] + blob[cv2.CC_STAT_HEIGHT] <= top for blob in under)
    if bottom > band[1] + reach and top > band[0] - reach:
        return "below" if dot else None
    if bottom <= band[1] + reach and top < band[0] - reach:
        return None if dot else "tall"
    if bottom <= band[1] + reach and top >= band[0] - reach:
        return "dotted" if dot else None
    return None


def _beneath(blob: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """A blob of ink lies under the box when most of the narrower of the two spans the other's columns."""
    left, width = int(blob[cv2.CC_STAT_LEFT]), int(blob[cv2.CC_STAT_WIDTH])
    shared = min(left + width, box[2]) - max(left, box[0])
    return shared > 0.5 * min(width, box[2] - box[0])
