"""An e-mail address wrapped over the lines of a table cell, read again as the one line it is.

A narrow column cuts an address wherever its line is full, often just
before a dot ('damions@mset.gov' / '.jm'). Read as lines of their own, a
dot opening a line looks like a speck and is dropped, and the join cannot
tell 'gov' + 'jm' from 'gov' + '.jm'. Set back side by side on one
baseline, the pieces read as the address was printed, the dot between two
letters where Tesseract sees it. The new reading is taken only when it is
one whole address, holds no gap, and spells the same letters as the cell's
first reading: it may restore separators, never change a letter.
"""

from __future__ import annotations

import re

import cv2
import numpy as np

from extractors.readers.cells import EMAIL
from extractors.readers.tesseract import read_line

_PAD = 3
_SEPARATORS = re.compile(r"[^A-Za-z0-9]")


def ink_bands(ink: np.ndarray, line_height: int) -> list[tuple[int, int]]:
    """(top, bottom) of the lines of ink in a cell; the dot of an 'i' belongs to its line, a speck is no line."""
    reach = max(1, line_height // 6)
    rows = np.convolve(ink.any(axis=1).astype(int), np.ones(2 * reach + 1, int), mode="same") > 0
    bands: list[tuple[int, int]] = []
    start = None
    for index, filled in enumerate([*rows, False]):
        if filled and start is None:
            start = index
        elif not filled and start is not None:
            bands.append((start + reach, index - reach))
            start = None
    return [(top, bottom) for top, bottom in bands if bottom - top >= 0.4 * line_height]


def one_line(crop: np.ndarray, line_height: int) -> np.ndarray | None:
    """The cell's lines set side by side on a common baseline, each trimmed to its ink; None for one line."""
    ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1] > 0
    pieces: list[tuple[np.ndarray, int]] = []
    for top, bottom in ink_bands(ink, line_height):
        top, bottom = max(0, top - _PAD), min(crop.shape[0], bottom + _PAD)
        columns = np.flatnonzero(ink[top:bottom].any(axis=0))
        if columns.size == 0:
            continue
        band = ink[top:bottom, columns[0]:columns[-1] + 1]
        pieces.append((crop[top:bottom, columns[0]:columns[-1] + 1], _baseline(band)))
    if len(pieces) < 2:
        return None
    above = max(base for _, base in pieces)
    below = max(piece.shape[0] - base for piece, base in pieces)
    join = max(1, above // 16)
    """A letter's spacing: the wrap put no space into the address."""
    margin = above // 2
    strip = np.full((above + below + 2 * margin, sum(p.shape[1] + join for p, _ in pieces) + 2 * margin), 255, np.uint8)
    x = margin
    for piece, base in pieces:
        y = margin + above - base
        strip[y:y + piece.shape[0], x:x + piece.shape[1]] = piece
        x += piece.shape[1] + join
    return strip


def _baseline(ink: np.ndarray) -> int:
    """The lowest row of the line's letters: the last row as full of ink as the letters' bodies (descenders are sparse)."""
    counts = ink.sum(axis=1)
    return int(np.flatnonzero(counts >= 0.6 * counts.max())[-1]) + 1


def reread_wrapped(crop: np.ndarray, line_height: int, first: str) -> str | None:
    """The address of a cell holding one address over several lines, read as one line; None unless sure.

    `first` is the cell's reading line by line: the new one must hold the same letters and digits.
    """
    strip = one_line(crop, line_height)
    if strip is None:
        return None
    text, _ = read_line(cv2.resize(strip, None, fx=1.5, fy=1.5, interpolation=cv2.INTER_CUBIC), "eng")
    read = text.strip()
    if not EMAIL.fullmatch(read) or _SEPARATORS.sub("", read).casefold() != _SEPARATORS.sub("", first).casefold():
        return None
    return read
