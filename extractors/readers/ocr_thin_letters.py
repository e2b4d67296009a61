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

import cv2
import numpy as np

from extractors.readers.tesseract import Symbol, read_symbols

_THIN = {"j": "below", "i": "dotted", "l": "tall", "I": "tall", "1": "tall", "|": "tall"}
"""Thin characters OCR takes for one another, by the shape of their ink."""
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
    """The address with each thin letter it shares with the strip's own reading, where the two disagree,
    taken from the ink; None when the readings differ in anything else, or the ink does not tell."""
    symbols = read_symbols(_larger(strip), "eng")
    read = "".join(symbol.text for symbol in symbols)
    if len(read) != len(address) or len(symbols) != len(read):
        return None
    disputed = [k for k, (mine, theirs) in enumerate(zip(address, read)) if mine.casefold() != theirs.casefold()]
    if not disputed or any(_THIN.get(address[k]) in (None, _THIN.get(read[k])) or read[k] not in _THIN
                           for k in disputed):
        return None
    band = _small_letters_band(symbols)
    if band is None or (band[1] - band[0]) * strip.shape[0] / _larger(strip).shape[0] < _MIN_PRINT / 2:
        return None
    ink = cv2.threshold(_larger(strip), 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    letters = list(address)
    for k in disputed:
        shape = _shape(ink, symbols[k].box, band)
        chosen = next((char for char in (address[k], read[k]) if _THIN[char] == shape), None)
        if chosen is None:
            return None
        letters[k] = chosen
    return "".join(letters)


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


def _shape(ink: np.ndarray, box: tuple[int, int, int, int], band: tuple[float, float]) -> str | None:
    """'below', 'tall' or 'dotted': the shape of the tallest stroke under a character's box, and of the
    ink above it; None when it is none of them plainly."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    under = [i for i in range(1, count) if _beneath(stats[i], box)]
    if not under:
        return None
    stem = max(under, key=lambda i: int(stats[i, cv2.CC_STAT_HEIGHT]))
    top, bottom = int(stats[stem, cv2.CC_STAT_TOP]), int(stats[stem, cv2.CC_STAT_TOP] + stats[stem, cv2.CC_STAT_HEIGHT])
    reach = _REACH * (band[1] - band[0])
    dot = any(i != stem and stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT] <= top for i in under)
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
