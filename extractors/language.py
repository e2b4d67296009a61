"""Which of ITU's six languages a letter is written in.

The script decides first (Arabic, Chinese, Cyrillic), because OCR noise and Latin fragments
(e-mail addresses, 'OpenWallet Forum', the ITU address) do not change a letter's script. Latin
letters are told apart by words only English, French or Spanish use, with langdetect (seeded, so
the answer never changes between runs) as the tie-breaker. Letterheads are often bilingual, so
the first lines weigh less than the body.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import Any


LANGUAGES: tuple[str, ...] = ("ar", "en", "es", "fr", "ru", "zh")

_NOISE = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses (begun only at a run's start: linear)
    r"|(?:https?://|www\.)\S+"  # links
    r"|\b(?:OpenWallet|Forum|GCC|TSB|ITU|CH-\d+|Place des Nations|Geneva)\b",
    re.IGNORECASE,
)

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the and of to is are we our with for this that be by have has honour i you your "
        "please which would following as from representatives nominate dear sincerely".split()
    ),
    "fr": frozenset(
        "le les des du et au aux une est pour nous vous je sur dans qui avec ce cette "
        "monsieur madame veuillez représentant représentants suivants l d j ai".split()
    ),
    "es": frozenset(
        "el los las del y una es para por con su se al como señor representantes "
        "siguientes estimado atentamente usted le".split()
    ),
}
"""Words frequent in one of the three Latin-script languages and rare in the other two."""

_LETTERHEAD_LINES = 5
_LETTERHEAD_WEIGHT = 0.3
_READ_CHARS = 40_000
_LINE_CHARS = 2_000
"""Ten pages of a letter tell its language; a mail of a million characters (or one line of
them) is looked at only that far, so that detection stays quick whatever is sent."""


@lru_cache(maxsize=8192)
def _script(char: str) -> str | None:
    """A letter's script (kept per character: a letter repeats few, and naming one is slow)."""
    code = ord(char)
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return "ar"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF:
        return "zh"
    if 0x0400 <= code <= 0x04FF:
        return "ru"
    if char.isalpha() and unicodedata.name(char, "").startswith("LATIN"):
        return "latin"
    return None


_CHAR_WEIGHT = {"ar": 1.0, "zh": 2.5, "ru": 1.0, "latin": 1.0}
"""A Chinese character carries about as much text as two or three Latin letters."""


def _weighted_lines(text: str) -> list[tuple[str, float]]:
    lines = [_NOISE.sub(" ", line[:_LINE_CHARS]) for line in text[:_READ_CHARS].splitlines() if line.strip()]
    return [(line, _LETTERHEAD_WEIGHT if i < _LETTERHEAD_LINES and len(lines) > 12 else 1.0)
            for i, line in enumerate(lines)]


def _script_scores(lines: list[tuple[str, float]]) -> dict[str, float]:
    scores: dict[str, float] = {}
    for line, weight in lines:
        for char in line:
            script = _script(char)
            if script:
                scores[script] = scores.get(script, 0.0) + weight * _CHAR_WEIGHT[script]
    return scores


def _latin_language(lines: list[tuple[str, float]]) -> str:
    scores = dict.fromkeys(_STOPWORDS, 0.0)
    for line, weight in lines:
        for word in re.findall(r"[^\W\d_]+", line.casefold()):
            for lang, words in _STOPWORDS.items():
                if word in words:
                    scores[lang] += weight
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if ranked[0][1] >= 3 and ranked[0][1] >= 1.5 * ranked[1][1]:
        return ranked[0][0]
    return _langdetect(" ".join(line for line, _ in lines)) or ranked[0][0]


def _langdetect(text: str) -> str | None:
    """langdetect's best guess among en/fr/es, or None when it has no opinion."""
    from langdetect import LangDetectException

    detector = _detector_factory().create()
    try:
        detector.append(text)
        guesses = detector.get_probabilities()
    except LangDetectException:
        return None
    return next((g.lang for g in guesses if g.lang in _LATIN), None)


_LATIN = ("en", "fr", "es")


@cache
def _detector_factory() -> Any:
    """langdetect with the profiles of the three Latin-script languages only, seeded so that
    the answer never changes between runs. Built on first use (most letters are told apart
    by their words): all 55 profiles took most of a second, these three a twentieth."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_json_profile([Path(PROFILES_DIRECTORY, code).read_text(encoding="utf-8")
                               for code in _LATIN])
    factory.seed = 0
    return factory


@lru_cache(maxsize=16)
def detect_language(text: str) -> str | None:
    """One of 'ar','en','es','fr','ru','zh' (the letter's language), None when no text. (Kept
    for the few texts last asked about: a letter's is asked for when it is chosen and again
    when it is read.)"""
    lines = _weighted_lines(text or "")
    scores = _script_scores(lines)
    if not scores:
        return None
    script = max(scores, key=lambda s: scores[s])
    if script != "latin":
        return script
    return _latin_language(lines)
