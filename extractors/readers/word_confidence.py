"""How sure OCR was of a field's value: as sure as the least sure word it is made of.

A page's mean confidence hides the one doubtful word that matters: a name
read at 40% in a letter read at 90% overall. The value's words are looked
up among the page's words (the best reading of each, as a word may occur
more than once) and the weakest decides. Chinese has no spaces to split a
value into words: there each character counts, as sure as the best of the
character runs inside the value that hold it ('思' read at 88 and '两' at 0
make '思两' a guess, not a reading at 88). Tesseract cuts a Chinese line into
words where it likes: neighbours on one line that spell the value together
('国家' '数据' '局' in a table cell) are a reading of it whole, as sure as the
least sure of them, and one more such reading elsewhere (a letterhead read at
30%) does not make it less sure than its best. A word the value holds twice is two readings: the
second is as sure as the second best reading of it ('o o internationale', the second 'o' read at 0 in the
same cell as the first at 80, is not a reading at 80).
"""

from __future__ import annotations

from extractors.model import Page, Word
from extractors.readers.ocr_text import is_cjk

_EDGES = " .,;:()[]<>\"'«»“”"


def _key(text: str) -> str:
    return text.strip(_EDGES).casefold()


def _is_run_in(word: str, token: str) -> bool:
    """A run inside the token that holds Chinese: its signs count too ('-级' in '-级调研员', where the
    stroke '一' may have been read as a dash: a sign no run holds would pass unweighed)."""
    return bool(word) and any(is_cjk(c) for c in word) and word in token


def _token_confidence(words: list[tuple[str, float]], token: str, nth: int = 0) -> float | None:
    """The token's best reading as a whole word (its `nth` best for the token's nth repeat in the value,
    the least sure when fewer), else its least sure character (each at its best run)."""
    whole = sorted((sure for word, sure in words if word == token), reverse=True)
    if whole:
        return whole[min(nth, len(whole) - 1)]
    runs = [(word, sure) for word, sure in words if _is_run_in(word, token)]
    per_char = [max((sure for word, sure in runs if char in word), default=None) for char in token]
    found = [sure for sure in per_char if sure is not None]
    return min(found) if found else None


def _same_line(one: Word, other: Word) -> bool:
    """The two words' boxes share most of their height: they stand on one line."""
    overlap = min(one.box[3], other.box[3]) - max(one.box[1], other.box[1])
    return overlap > 0.5 * min(one.box[3] - one.box[1], other.box[3] - other.box[1])


def _joined(words: list[Word], token: str) -> list[tuple[str, float]]:
    """The Chinese token spelled by words read one after another on one line, each as sure as the least
    sure of its words (see above)."""
    if not all(is_cjk(char) for char in token):
        return []
    found = []
    for start, first in enumerate(words):
        text, sure, last = _key(first.text), first.confidence or 0.0, first
        for word in words[start + 1:]:
            if not (text and token.startswith(text) and text != token and _same_line(last, word)):
                break
            text, sure, last = text + _key(word.text), min(sure, word.confidence or 0.0), word
        if text == token and last is not first:
            found.append((token, sure))
    return found


def token_confidences(pages: list[Page], value: str) -> list[tuple[str, float | None]]:
    """Each word of the value (split at spaces) with how sure OCR was of it; None when it was not OCRed."""
    read = [[word for word in page.words if word.confidence is not None] for page in pages]
    words = [(_key(word.text), word.confidence or 0.0) for page in read for word in page]
    found: list[tuple[str, float | None]] = []
    seen: dict[str, int] = {}
    for part in value.split():
        token = _key(part)
        nth = seen.get(token, 0)
        seen[token] = nth + 1
        joined = [reading for page in read for reading in _joined(page, token)] if token else []
        found.append((part, _token_confidence(words + joined, token, nth) if token else None))
    return found


def value_confidence(pages: list[Page], value: str) -> float | None:
    """0..1 for a value found among the OCRed words; None when none of its words were OCRed."""
    scores = [score for _, score in token_confidences(pages, value) if score is not None]
    return min(scores) if scores else None
