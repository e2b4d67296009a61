"""Group positioned PDF characters into lines and words in logical order.

pdfplumber's own line grouping compares the tops of characters, which
splits a line whenever two fonts with different ascents share it: an
e-mail address set in a Latin font inside Arabic text loses its dots to a
line of their own. Grouping by vertical overlap keeps such lines whole, and
the right-to-left repair runs on whole lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from extractors.model import Word
from extractors.readers.bidi import is_rtl_char, visual_to_logical

Char = Mapping[str, Any]
"""A pdfplumber character: text, x0, x1, top, bottom, size."""

_MIN_OVERLAP = 0.5
_SPACE_GAP = 0.25  # of the font size


@dataclass
class Line:
    """One visual line: its characters left to right and its logical text."""

    chars: list[Char]
    text: str
    words: list[Word]

    @property
    def top(self) -> float:
        top: float = min(c["top"] for c in self.chars)
        return top


def _overlap(a_top: float, a_bottom: float, b_top: float, b_bottom: float) -> float:
    shared = min(a_bottom, b_bottom) - max(a_top, b_top)
    smaller = min(a_bottom - a_top, b_bottom - b_top) or 1.0
    return shared / smaller


def _group_lines(chars: Iterable[Char]) -> list[list[Char]]:
    rows: list[tuple[float, float, list[Char]]] = []
    for char in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        for index in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            top, bottom, members = rows[index]
            if _overlap(top, bottom, char["top"], char["bottom"]) >= _MIN_OVERLAP:
                members.append(char)
                rows[index] = (min(top, char["top"]), max(bottom, char["bottom"]), members)
                break
        else:
            rows.append((char["top"], char["bottom"], [char]))
    return [sorted(members, key=lambda c: c["x0"]) for _, _, members in rows]


def _visual_words(chars: list[Char]) -> list[list[Char]]:
    """Split a left-to-right run of characters at spaces and at wide gaps."""
    words: list[list[Char]] = []
    current: list[Char] = []
    right_edge = float("-inf")
    for char in chars:
        if char["text"].isspace():
            if current:
                words.append(current)
            current = []
            continue
        gap = char["x0"] - right_edge
        if current and gap > _SPACE_GAP * float(char.get("size") or 10.0):
            words.append(current)
            current = []
        current.append(char)
        right_edge = char["x1"] if len(current) == 1 else max(right_edge, char["x1"])
    if current:
        words.append(current)
    return words


def _box(chars: list[Char]) -> tuple[float, float, float, float]:
    return (
        min(c["x0"] for c in chars),
        min(c["top"] for c in chars),
        max(c["x1"] for c in chars),
        max(c["bottom"] for c in chars),
    )


def _visual_text(char: Char) -> str:
    """A glyph's text as the line's visual order holds it: a ligature of right-to-left letters ('لا',
    'الله') maps to its letters in logical order inside the one glyph, which turning the line back
    into logical order would reverse: it is given reversed, to come out right."""
    text: str = char["text"]
    return text[::-1] if len(text) > 1 and all(is_rtl_char(c) for c in text) else text


def build_lines(chars: Iterable[Char], rtl_page: bool) -> list[Line]:
    """Lines top to bottom, each with logical text and its words (visual order, logical text)."""
    lines: list[Line] = []
    for row in _group_lines(chars):
        visual_words = _visual_words(row)
        if not visual_words:
            continue
        visual = " ".join("".join(map(_visual_text, word)) for word in visual_words)
        words = [
            Word(visual_to_logical("".join(map(_visual_text, word)), rtl_page), _box(word))
            for word in visual_words
        ]
        lines.append(Line(row, visual_to_logical(visual, rtl_page), words))
    lines.sort(key=lambda line: line.top)
    return lines
