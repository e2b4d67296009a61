"""The template's "[to be signed by ...]" line, in the six languages.

A letter still carrying it was never signed, whatever marks are on the page,
so it is looked for first. OCR garbles accents, brackets and single letters,
hence the matching on a folded form of the text and a fuzzy comparison.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

PHRASES: tuple[str, ...] = (
    # the circular's template, in the six languages
    "To be signed by a senior official of the relevant ministry",
    "À signer par un haut fonctionnaire du ministère concerné",
    "Debe ser firmado por un alto funcionario del ministerio competente",
    "Подписывается старшим должностным лицом соответствующего министерства",
    "يوقع من قبل مسؤول رفيع المستوى في الوزارة المعنية",
    "须由相关部委高级官员签署",
    # usual rewordings of the same instruction
    "To be signed by the competent authority",
    "Signature of a senior official",
    "Doit être signé par un haut fonctionnaire",
    "Signature d'un haut fonctionnaire du ministère",
    "Para firma de un alto funcionario del ministerio",
    "Firma de un alto funcionario",
    "Подлежит подписанию старшим должностным лицом",
    "Подпись старшего должностного лица",
    "توقيع مسؤول رفيع المستوى",
    "由相关部委高级官员签署",
    "由高级官员签署",
)

SHORT_MARKERS = re.compile(
    r"\[\s*(signature|signed|sign here|to be signed|signer ici|firma|подпись|التوقيع|توقيع|签名|签字|签署)\s*\]",
    re.IGNORECASE,
)
"""Bare bracketed markers such as "[Signature]" left where the ink should be."""

THRESHOLD = 86.0


def fold(text: str) -> str:
    """Case-, accent- and punctuation-blind form; CJK keeps its characters."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    kept = kept.replace("ـ", "")  # Arabic tatweel
    return re.sub(r"[\W_]+", " ", kept.casefold()).strip()


FOLDED_PHRASES: tuple[str, ...] = tuple(fold(p) for p in PHRASES)


def find_placeholder(text: str) -> str | None:
    """The placeholder phrase the text carries (as the template words it), else None."""
    if not text.strip():
        return None
    marker = SHORT_MARKERS.search(text)
    if marker:
        return marker.group(0)
    folded = fold(text)
    cjk_compact = folded.replace(" ", "")
    for phrase, folded_phrase in zip(PHRASES, FOLDED_PHRASES):
        haystack = cjk_compact if _is_cjk(phrase) else folded
        if len(haystack) < len(folded_phrase) * 0.8:
            continue
        if fuzz.partial_ratio(folded_phrase, haystack) >= THRESHOLD:
            return phrase
    return None


def _is_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
