"""A page's lines of text in reading order, with the lines recovered from ink the page pass missed put in their place.

A recovered line is placed by where its ink is, not by the top of the box
it was found in: between the line above it and the line below, or, when
it lies on a line the page pass read, inside that line at its place
along it. Put between a line and the next, it would cut whatever
runs on from one to the other (an address a line break cut in two).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from extractors.readers.bidi import is_rtl_char
from extractors.readers.ocr_text import join_words


class Piece(NamedTuple):
    """Some text of a line and where it is printed, in pixels."""

    left: int
    top: int
    right: int
    bottom: int
    text: str


class TextLine(NamedTuple):
    """One visual line: its top and bottom, and its pieces in reading order."""

    top: int
    bottom: int
    pieces: list[Piece]


def page_line(data: dict[str, list[Any]], indexes: list[int]) -> TextLine:
    """A line of Tesseract's words (indexes in reading order, as visual_lines gives them)."""
    pieces = [Piece(data["left"][i], data["top"][i], data["left"][i] + data["width"][i],
                    data["top"][i] + data["height"][i], data["text"][i]) for i in indexes]
    return TextLine(min(p.top for p in pieces), max(p.bottom for p in pieces), pieces)


def place_recovered(lines: list[TextLine], found: Piece) -> None:
    """Put a recovered line where its ink is; one the line it lies on already reads there is left out
    (Tesseract's word boxes can be narrower than the characters, and their ink is found again)."""
    middle = (found.top + found.bottom) / 2
    row = next((line for line in lines if line.top <= middle <= line.bottom), None)
    if row is None:
        above = [n for n, line in enumerate(lines) if line.bottom < middle]
        lines.insert(above[-1] + 1 if above else 0, TextLine(found.top, found.bottom, [found]))
        return
    beside = [p.text for p in row.pieces if p.left < found.right and p.right > found.left]
    if "".join(found.text.split()) in "".join("".join(beside).split()):
        return
    centre = (found.left + found.right) / 2
    rtl = (row.pieces[0].left > row.pieces[-1].left if len(row.pieces) > 1  # a line of one piece: its script
           else any(is_rtl_char(c) for c in row.pieces[0].text + found.text))
    before = sum(1 for p in row.pieces if ((p.left + p.right) / 2 > centre) == rtl)
    row.pieces.insert(before, found)


def page_text(lines: list[TextLine]) -> str:
    """The lines' text, one line of text a line."""
    return "\n".join(join_words([p.text for p in line.pieces]) for line in lines)
