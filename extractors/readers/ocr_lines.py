"""Visual lines of an OCRed page rebuilt from Tesseract's word boxes.

Tesseract splits a page into blocks by white space, so a label and its
value set far apart on one line ("Prénom :      Kouassi") come out as two
blocks: first every label, then every value, and the parsers pair the
wrong things. Here the lines Tesseract found are joined again when they
share a height on the page, left to right (or right to left on an Arabic
page), as a text PDF's characters are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extractors.readers.bidi import is_rtl_char, rtl_share

_MIN_OVERLAP = 0.5
"""Share of the smaller line's height two pieces must share to be one visual line."""
_MAX_SIDE_OVERLAP = 0.2
"""Pieces that overlap more than this share across the page are stacked, not side by side."""


@dataclass
class _Piece:
    """One line as Tesseract grouped it: its words in reading order and its box in pixels."""

    indexes: list[int]
    left: int
    top: int
    right: int
    bottom: int


def tesseract_lines(data: dict[str, list[Any]]) -> list[list[int]]:
    """Word indexes of each line as Tesseract grouped them, in its reading order (empty words left out)."""
    grouped: dict[tuple[int, int, int], list[int]] = {}
    for i, text in enumerate(data["text"]):
        if text:
            grouped.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
    return list(grouped.values())


def _pieces(data: dict[str, list[Any]]) -> list[_Piece]:
    return [
        _Piece(
            indexes,
            min(data["left"][i] for i in indexes),
            min(data["top"][i] for i in indexes),
            max(data["left"][i] + data["width"][i] for i in indexes),
            max(data["top"][i] + data["height"][i] for i in indexes),
        )
        for indexes in tesseract_lines(data)
    ]


def _same_line(row: list[_Piece], piece: _Piece) -> bool:
    """Side by side at one height with every piece already in the row."""
    for other in row:
        shared = min(other.bottom, piece.bottom) - max(other.top, piece.top)
        if shared < _MIN_OVERLAP * min(other.bottom - other.top, piece.bottom - piece.top):
            return False
        across = min(other.right, piece.right) - max(other.left, piece.left)
        if across > _MAX_SIDE_OVERLAP * min(other.right - other.left, piece.right - piece.left):
            return False
    return True


def visual_lines(data: dict[str, list[Any]]) -> list[tuple[int, list[int]]]:
    """(top, word indexes in reading order) of every visual line, top to bottom.

    `data` is Tesseract's TSV as columns, with the words to leave out
    already emptied. Pieces of a line that holds right-to-left letters on a
    page mostly written right to left are taken from the right.
    """
    pieces = sorted(_pieces(data), key=lambda p: (p.top + p.bottom) / 2)
    rows: list[list[_Piece]] = []
    for piece in pieces:
        for row in reversed(rows[-3:]):
            if _same_line(row, piece):
                row.append(piece)
                break
        else:
            rows.append([piece])
    page_rtl = rtl_share(" ".join(data["text"])) >= 0.5
    lines: list[tuple[int, list[int]]] = []
    for row in rows:
        rtl = page_rtl and any(is_rtl_char(c) for p in row for i in p.indexes for c in data["text"][i])
        row.sort(key=lambda p: -p.right if rtl else p.left)
        lines.append((min(p.top for p in row), [i for p in row for i in p.indexes]))
    lines.sort(key=lambda line: line[0])
    return lines

