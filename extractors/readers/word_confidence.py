"""How sure OCR was of a field's value: as sure as the least sure word it is made of.

A page's mean confidence hides the one doubtful word that matters: a name
read at 40% in a letter read at 90% overall. The value's words are looked
up among the page's words (the best reading of each, as a word may occur
more than once) and the weakest decides. Chinese has no spaces to split a
value into words: there each character counts, as sure as the best of the
character runs inside the value that hold it ('思' read at 88 and '两' at 0
make '思两' a guess, not a reading at 88).
"""

from __future__ import annotations

from extractors.model import Page
from extractors.readers.ocr_text import is_cjk

_EDGES = " .,;:()[]<>\"'«»“”"


def _key(text: str) -> str:
    return text.strip(_EDGES).casefold()


def _is_run_in(word: str, token: str) -> bool:
    """A run of Chinese characters inside the token."""
    return bool(word) and all(is_cjk(c) for c in word) and word in token


def _token_confidence(words: list[tuple[str, float]], token: str) -> float | None:
    """The token's best reading as a whole word, else its least sure character (each at its best run)."""
    whole = [sure for word, sure in words if word == token]
    if whole:
        return max(whole)
    runs = [(word, sure) for word, sure in words if _is_run_in(word, token)]
    per_char = [max((sure for word, sure in runs if char in word), default=None) for char in token]
    found = [sure for sure in per_char if sure is not None]
    return min(found) if found else None


def value_confidence(pages: list[Page], value: str) -> float | None:
    """0..1 for a value found among the OCRed words; None when none of its words were OCRed."""
    words = [(_key(word.text), word.confidence) for page in pages for word in page.words
             if word.confidence is not None]
    scores = [score for token in filter(None, (_key(part) for part in value.split()))
              if (score := _token_confidence(words, token)) is not None]
    return min(scores) if scores else None
