"""An address's line of print read again several ways: enlarged to a few heights, in grey, cut to black
and white, and with its ink thinned.

On a photo or a 150 dpi scan an address's line is a dozen pixels high; a dot
between two letters is then a pixel or two that smudges into the letter beside
it ('f.ibarra' read 'fibarra') and one reading cannot be trusted with it.
Thinned ink parts a dot from its letter; grey keeps what a threshold loses.
Several readings that agree are a witness one reading is not.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import cv2
import numpy as np

from extractors.lookalike_names import folded
from extractors.readers.tesseract import Symbol, read_symbols

LINE_HEIGHTS = (40, 50, 60, 80)
"""Pixels a line of print is brought to before it is read again (a photo's cells are small)."""
NOT_ADDRESS = "‘’“”\"`|\\()[]<>,;: "
"""What a speck or a rule beside an address reads as; no address begins or ends with one."""


def letters_of(text: str) -> str:
    """A reading's characters as they route mail: letter case aside, but a capital 'I' kept apart from
    'i' (it is the look-alike of 'l': 'I.kornilova' is no reading of 'i.kornilova')."""
    return text.replace("I", "|").casefold()


def same_reading(reading: str, address: str) -> bool:
    """The reading is the address, letter case aside (see letters_of)."""
    return letters_of(reading) == letters_of(address)


def bare_letters(text: str) -> str:
    """A reading's letters as they route mail (letters_of), spaces and the marks between letters aside
    (a comma too: a reader's dot at a small size): those are the ink's to count (address_ink)."""
    return "".join(char for char in letters_of(text) if not char.isspace() and char not in ".,-_")


def lookalike_reading(reading: str, address: str) -> bool:
    """The reading has other glyphs than the address where look-alikes are printed (l/i/1, rn/m ...:
    lookalike_names.folded) and differs from it nowhere else (spaces and marks aside)."""
    seen, own = bare_letters(reading), bare_letters(address)
    return seen != own and folded(seen) == folded(own)


class Reading(NamedTuple):
    """One reading of the line: its text (specks at its ends left off), the image read and its characters."""

    text: str
    image: np.ndarray
    symbols: list[Symbol]


def variants(strip: np.ndarray, height: int) -> Iterator[np.ndarray]:
    """The line enlarged to each of LINE_HEIGHTS in grey; then in black and white, and thinned."""
    sized = []
    for target in LINE_HEIGHTS:
        factor = max(1.0, target / max(height, 1))
        sized.append((cv2.resize(strip, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
                      if factor > 1 else strip, factor))
    yield from (image for image, _ in sized)
    for image, factor in sized:
        binary = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]
        reach = max(2, round(factor / 2))
        yield binary
        yield cv2.dilate(binary, np.ones((reach, reach), np.uint8))


def rereadings(strip: np.ndarray, height: int) -> Iterator[Reading]:
    """The line read in each of its variants, one at a time, with the English model alone (an address is Latin)."""
    for image in variants(strip, height):
        symbols = read_symbols(image, "eng")
        yield Reading("".join(s.text for s in symbols).strip(NOT_ADDRESS), image, symbols)
