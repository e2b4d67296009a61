"""A Chinese name read from an image doubted when its pinyin contradicts the e-mail address.

OCR takes one Chinese character for another of like shape ('起' for '赵',
'娆' for '晓') and is sometimes sure of it. Chinese addresses usually spell
the name in pinyin ('zhao_ji', 'xiaoming.huang'): when the rest of the name
is found in the address and what is left of the address is a pinyin
syllable no reading of the character spells, the character was probably
misread. This only ever adds a doubt: it never picks or confirms a reading,
and an address that does not spell the name (an office box, a Malaysian
'chong.kokwai' for 张国威, 'ong' for 王) contradicts nothing.
"""

from __future__ import annotations

import re

from extractors.names import address_fit, pinyin_readings
from extractors.readers.ocr_text import is_cjk

_INITIALS = "zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw]"
_FINALS = ("iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|"
           "ua|uo|ui|un|ue|ve|a|o|e|i|u|v")
_SYLLABLES = re.compile(rf"(?:(?:{_INITIALS})(?:{_FINALS})|a|o|e|ai|ei|ao|ou|an|en|ang|eng|er)+")
"""One or more whole pinyin syllables ('zhao', 'xiao'; not 'ong', 'lim' or an initial 'zh')."""
_REST_FIT = 0.15
"""How much of the address the rest of the name must spell for the address to be a pinyin name."""
PINYIN_DOUBT = 0.3
"""The confidence left to a name field whose pinyin the address contradicts: read, but doubted."""


def _leftovers(local: str, readings: set[str]) -> list[str]:
    """The address's letters no whole reading of the other characters accounts for."""
    text = re.sub(r"[^a-z]+", " ", local.lower())
    for reading in sorted((r for r in readings if len(r) >= 2), key=len, reverse=True):
        text = text.replace(reading, " ")
    return [chunk for chunk in text.split() if chunk]


def _explains(readings: set[str], chunk: str) -> bool:
    """A reading spells the chunk or is in it, or the chunk is its start ('ji' for 'jia')."""
    return any(reading.startswith(chunk) or (len(reading) >= 2 and reading in chunk) for reading in readings)


def contradicted(email: str | None, first_name: str | None, last_name: str | None) -> set[str]:
    """The Han characters of the name whose pinyin the address contradicts (see the module)."""
    if not email or "@" not in email or not any(is_cjk(char) for char in f"{first_name or ''}{last_name or ''}"):
        return set()
    local = email.rsplit("@", 1)[0]
    first, last = first_name or "", last_name or ""
    doubted: set[str] = set()
    for field, other, is_first in ((first, last, True), (last, first, False)):
        for i, char in enumerate(field):
            if not is_cjk(char):
                continue
            rest = field[:i] + field[i + 1:]
            rest_first, rest_last = (rest, other) if is_first else (other, rest)
            if address_fit(email, rest_first, rest_last) < _REST_FIT:
                continue
            others = {r for c in rest + other if is_cjk(c) for r in pinyin_readings(c)}
            own = pinyin_readings(char)
            if any(_SYLLABLES.fullmatch(chunk) and not _explains(others | own, chunk)
                   for chunk in _leftovers(local, others)):
                doubted.add(char)
    return doubted
