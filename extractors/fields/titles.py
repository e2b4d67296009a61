"""Honorifics and name splitting for names written in running text ('Dr. Ramon Dela Cruz', '李俊杰先生')."""

from __future__ import annotations

import re
from functools import cache

from extractors.fields.labels import vocabulary
from extractors.fields.normalize import fold, is_cjk

_COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
    "司徒", "夏侯", "端木", "南宫", "轩辕", "呼延", "独孤", "万俟", "闻人", "澹台", "申屠",
)
_INITIAL = re.compile(r"^(?:\w\.)+-?(?:\w\.)*$")


@cache
def _prefixes() -> frozenset[str]:
    return frozenset(fold(t).rstrip(".") for t in vocabulary()["titles"]["prefix"])


@cache
def suffixes() -> tuple[str, ...]:
    return tuple(vocabulary()["titles"]["suffix"])


def is_title(token: str) -> bool:
    """'Dr', 'Dr.', 'Engr.', 'г-н', 'السيد' ... (case-insensitive, dot optional)."""
    return fold(token).rstrip(".") in _prefixes()


def split_person(text: str) -> tuple[str | None, str | None, str | None]:
    """(title, first name, last name) of a name as written, title optional.

    Western and Cyrillic names: the first word is the first name (with any middle
    initials), the rest is the family name, which keeps Spanish double surnames and
    particles ('Dela Cruz', 'bin Ammar') whole. Chinese: surname first, honorific last.
    """
    text = text.strip(" ,;:")
    if is_cjk(text):
        return _split_chinese(text)
    words = text.split()
    titles: list[str] = []
    while len(words) > 1 and is_title(words[0]):
        titles.append(words.pop(0))
    title = " ".join(titles) or None
    if not words:
        return title, None, None
    if len(words) == 1:
        return title, None, words[0]
    cut = 1
    while cut < len(words) - 1 and _INITIAL.match(words[cut]):
        cut += 1
    return title, " ".join(words[:cut]), " ".join(words[cut:])


def _split_chinese(text: str) -> tuple[str | None, str | None, str | None]:
    text = text.replace(" ", "")
    title = next((s for s in suffixes() if text.endswith(s) and len(text) > len(s)), None)
    name = text[: -len(title)] if title else text
    surname_length = 2 if name.startswith(_COMPOUND_SURNAMES) and len(name) > 2 else 1
    if len(name) <= 1:
        return title, None, name or None
    return title, name[surname_length:], name[:surname_length]
