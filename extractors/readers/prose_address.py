"""An address in a line of running text read again on its own strip, when its ink says it was misread.

In an Arabic sentence an address has the sentence's full stop at its left
('.r.alsaud@tdra.gov.ae' as printed right to left) and every reading of the
line drops the initial and its dot ('alsaud@...'): a valid address of nobody.
The address's own strip (its neighbours' ink and the sentence's stop blanked)
is read once; when a blob of its ink lies under no character read, or the
reading is not the address, or Tesseract doubted it, the strip is read again
in several variants (address_rereads). A reading is taken only when at least
two variants give exactly the same whole address, more than give any other,
every blob of ink is read in each of them, and it is the first reading or
extends it (an initial and its separator before it, none of its letters
changed). Anything less leaves the first reading, and the address in doubt.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from extractors.readers.address_ink import ink_blobs, sentence_dots, unread
from extractors.readers.address_rereads import NOT_ADDRESS, Reading, rereadings
from extractors.readers.cells import EMAIL
from extractors.readers.tesseract import read_symbols

_HEAD = re.compile(r"(?:[a-z0-9]+[._-])*")
"""What may stand before the first reading in a longer one: initials or words, each with its separator."""
_SURE = 50.0
"""A first reading Tesseract gave less than this is read again even when its ink is all read."""


def without_stops(strip: np.ndarray) -> np.ndarray:
    """The strip with the sentence's dots blanked: a full stop with no letter close on one side is
    punctuation (in a right-to-left line it stands at the address's left), never the address's."""
    clean = strip.copy()
    for x0, y0, x1, y1 in sentence_dots(ink_blobs(strip)):
        clean[y0:y1, x0:x1] = 255
    return clean


def _all_read(reading: Reading) -> bool:
    return unread(ink_blobs(reading.image), reading.symbols, reading.text,
                  (0.0, float(reading.image.shape[1]))) is None


def _in_doubt(strip: np.ndarray, first: str, sure: float) -> bool:
    """The first reading is unsure, or the strip read once is not it, or shows ink not read."""
    symbols = read_symbols(strip, "eng")
    once = Reading("".join(s.text for s in symbols).strip(NOT_ADDRESS), strip, symbols)
    return sure < _SURE or once.text.casefold() != first.casefold() or not _all_read(once)


def witnessed(readings: list[Reading], first: str) -> tuple[str, float] | None:
    """The address most variants give exactly (two at least, more than any other), every blob of ink
    read in each, when it is `first` or `first` with a head before it; with the share of variants
    giving it as its confidence (0..100). None otherwise."""
    whole = [r for r in readings if EMAIL.fullmatch(r.text)]
    counts = Counter(r.text.casefold() for r in whole).most_common(2)
    if not counts or counts[0][1] < 2 or (len(counts) > 1 and counts[1][1] == counts[0][1]):
        return None
    address = counts[0][0]
    head = address[:len(address) - len(first)]
    if not address.endswith(first.casefold()) or not _HEAD.fullmatch(head):
        return None
    agreeing = [r for r in whole if r.text.casefold() == address]
    if not all(_all_read(r) for r in agreeing):
        return None
    return head + first, 100.0 * len(agreeing) / len(readings)


def reread_address(strip: np.ndarray, height: int, first: str, sure: float) -> tuple[str, float] | None:
    """The address of a line's strip (print `height` pixels high, its neighbours blanked) whose first
    reading `first` (Tesseract `sure` of it, 0..100) is in doubt, as its re-reads witness it, with
    their confidence; None when it is not in doubt or they do not witness it."""
    clean = without_stops(strip)
    if not _in_doubt(clean, first, sure):
        return None
    return witnessed(list(rereadings(clean, height)), first)
