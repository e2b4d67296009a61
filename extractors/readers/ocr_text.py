"""Tesseract's words back into text: spacing of Chinese, invisible direction marks, direction marks."""

from __future__ import annotations

import unicodedata

BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
"""Direction marks Tesseract wraps around Latin runs in Arabic lines; the text is logical already."""


def is_cjk(char: str) -> bool:
    return "CJK" in unicodedata.name(char, "") or unicodedata.east_asian_width(char) == "W"


def join_words(words: list[str]) -> str:
    """Words of one line; Chinese is written without spaces next to its characters."""
    text = ""
    for word in words:
        if text and not (is_cjk(text[-1]) or is_cjk(word[0])):
            text += " "
        text += word
    return text


SCRIPT_LETTERS = {"Arabic": "ARABIC", "Han": "CJK", "Cyrillic": "CYRILLIC"}
"""The word every letter of a script has in its Unicode name, for the scripts read with their own pack."""


def letter_counts(text: str, script: str | None = None) -> tuple[int, int]:
    """(letters of the script, Latin letters and digits): which script a reading is in.

    With no script named, the first count is of every letter outside ASCII
    (a page's own script, whichever it is). Digits are letters of no script:
    '١' in an Arabic word is a stroke read, '010' in a Chinese line is Latin.
    """
    def own(char: str) -> bool:
        return not char.isascii() if script is None else SCRIPT_LETTERS[script] in unicodedata.name(char, "")
    return (sum(1 for c in text if c.isalpha() and own(c)),
            sum(1 for c in text if c.isascii() and c.isalnum()))
