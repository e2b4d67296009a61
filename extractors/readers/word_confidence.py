"""How sure OCR was of a field's value: as sure as the least sure word it is made of.

A page's mean confidence hides the one doubtful word that matters: a name
read at 40% in a letter read at 90% overall. The value's words are looked
up among the page's words (the best reading of each, as a word may occur
more than once) and the weakest decides.
"""

from __future__ import annotations

from extractors.model import Page
from extractors.readers.ocr_text import is_cjk

_EDGES = " .,;:()[]<>\"'«»“”"


def _key(text: str) -> str:
    return text.strip(_EDGES).casefold()


def _matches(word: str, token: str) -> bool:
    """The same word, or for Chinese a run of characters inside the token (no spaces to split on)."""
    if word == token:
        return True
    return bool(word) and all(is_cjk(c) for c in word) and word in token


def value_confidence(pages: list[Page], value: str) -> float | None:
    """0..1 for a value found among the OCRed words; None when none of its words were OCRed."""
    scores: list[float] = []
    for token in filter(None, (_key(part) for part in value.split())):
        found = [word.confidence for page in pages for word in page.words
                 if word.confidence is not None and _matches(_key(word.text), token)]
        if found:
            scores.append(max(found))
    return min(scores) if scores else None
