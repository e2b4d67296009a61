"""Which words OCR read on a page are print for sure: their boxes hold no signature ink.

OCR also "reads" signatures, stamps and dust as words, so its boxes are not
all print. A word is print when Tesseract is sure of it, it spells letters
(or Han characters), and its box is no taller than a line of print: a
signature read as a word comes out doubtful, as signs, or as tall as the
strokes it covers. Blanking these boxes removes print that could join into
tall marks (close lines, dense Chinese), while a stroke across a word keeps
its parts above and below the line.
"""

from __future__ import annotations

import unicodedata

from extractors.model import Page, Word
from extractors.readers.ocr_text import is_cjk

Box = tuple[float, float, float, float]

SURE = 0.9
"""Tesseract's confidence (0..1) from which a word is taken as read."""
LINE_HEIGHTS = 1.8
"""A word box taller than this many print-line heights (a signature's, ink.TALL) holds more than print:
words with both ascenders and descenders ('faithfully,') stand about 1.5 tall."""
MIN_LETTERS = 2
"""Letters a sure Latin, Cyrillic or Arabic word spells at least (a Han character is a word on its own)."""


def read_print(page: Page, text_height: float) -> list[Box]:
    """The boxes of the page's OCR words that are surely print (none for a text layer's page)."""
    if page.ocr_confidence is None:
        return []
    return [word.box for word in page.words if _is_print(word, text_height)]


def _is_print(word: Word, text_height: float) -> bool:
    x0, y0, x1, y1 = word.box
    if word.confidence is None or word.confidence < SURE or not 0 < y1 - y0 <= LINE_HEIGHTS * text_height:
        return False
    letters = [c for c in word.text if unicodedata.category(c).startswith("L")]
    return any(is_cjk(c) for c in letters) or len(letters) >= MIN_LETTERS
