"""A doubtful organisation or job title taken from the firm reading of the same value elsewhere in the letter.

Three nominees of one ministry carry its name three times, and the letterhead a fourth:
when OCR doubts one copy ('азрокосмической' read at 11 %), the others read firmly are
witnesses of what it says. The doubtful value takes a firm one only when the two have
the same words but at the words OCR doubted, and those differ by no more than a
glyph or two OCR takes for one another (lookalike_glyphs): a ministry differing by a
real word, a word more or less, a doubtful word unlike the firm one, or two firm
values that would both fit, leave it in doubt for a person. Names and addresses are
never mended so: a colleague's name is no witness of another's. Nor is Chinese: its
characters are its words, two ranks differ by one ('一级' '二级'), and where OCR doubts
one the two engines' readings decide (han_witness).
"""

from __future__ import annotations

from extractors.model import Nomination, Nominee, Page
from extractors.readers.lookalike_glyphs import lookalike_swaps
from extractors.readers.ocr_text import is_cjk
from extractors.readers.word_confidence import token_confidences, value_confidence

MENDED_FIELDS = ("organization", "job_title")
DOUBTFUL = 0.5
"""A field (and a word of it) OCR was less sure of than this is doubtful (rules.confident's threshold)."""
FIRM = 0.85
"""A value every word of which OCR read at least this sure is a firm reading (good print reads 0.85+)."""


def mend_doubtful_fields(nomination: Nomination, pages: list[Page]) -> list[str]:
    """Each doubtful organisation or job title that a firm value of the same field in the letter mends (see
    above) replaced by it, as sure as it; what was mended, for the notes."""
    notes: list[str] = []
    for key in MENDED_FIELDS:
        firm = _firm_values(nomination, key, pages)
        for number, nominee in enumerate(nomination.nominees, 1):
            value = getattr(nominee, key)
            if not value or nominee.confidence.get(key, 1.0) >= DOUBTFUL or any(map(is_cjk, value)):
                continue
            read = token_confidences(pages, value)
            twins = {text: sure for text, sure in firm if _mends(read, text)}
            if len(twins) == 1:
                (text, sure), = twins.items()
                setattr(nominee, key, text)
                nominee.confidence[key] = sure
                notes.append(f"nominee {number}: {key} {value!r} read as {text!r}, "
                             "as the letter reads it firmly elsewhere")
    return notes


def _firm_values(nomination: Nomination, key: str, pages: list[Page]) -> list[tuple[str, float]]:
    """The values of the field read firmly in the letter (and for an organisation, the letterhead's ministry),
    each with how sure OCR was of it."""
    values = [getattr(nominee, key) for nominee in nomination.nominees if _firm_in(nominee, key)]
    if key == "organization" and nomination.ministry:
        values.append(nomination.ministry)
    found = [(value, value_confidence(pages, value)) for value in values if value]
    return [(value, sure) for value, sure in found if sure is not None and sure >= FIRM]


def _firm_in(nominee: Nominee, key: str) -> bool:
    return nominee.confidence.get(key, 0.0) >= FIRM


def _mends(read: list[tuple[str, float | None]], firm: str) -> bool:
    """Whether the firm value has the read value's words, but for look-alike glyphs at words OCR doubted."""
    words = firm.split()
    return len(words) == len(read) and all(
        word.casefold() == seen.casefold()
        or (sure is not None and sure < DOUBTFUL and lookalike_swaps(seen, word) is not None)
        for (seen, sure), word in zip(read, words))
