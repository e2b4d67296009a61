"""The Annex 2 vocabulary (labels, role phrases, headings, honorifics) loaded from labels.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz

from extractors.fields.normalize import fold, is_cjk

_DATA = Path(__file__).with_name("labels.toml")
_COLON = re.compile(r"^\s*(?:\(\s*(?:gcc|ссс|ccc)\s*\)\s*)?[:：;]\s*")


@dataclass(frozen=True)
class LabelHit:
    """A line that starts with an Annex 2 label."""

    field: str
    value: str
    colon: bool
    strong: bool
    """The label is unambiguous on its own (several words or a long CJK label)."""


@cache
def vocabulary() -> dict:
    with _DATA.open("rb") as handle:
        return tomllib.load(handle)


@cache
def _labels() -> list[tuple[str, str]]:
    """(folded label, field), longest first so 'nom de famille' wins over 'nom'."""
    pairs = {(fold(label), name) for name, labels in vocabulary()["fields"].items() for label in labels}
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def _is_strong(label: str) -> bool:
    if is_cjk(label):
        return len(label) >= 4
    return " " in label or len(label) >= 8


def match_label(line: str) -> LabelHit | None:
    """Read 'Label: value' (or 'Label value' for a strong label) at the start of a line.

    The raw line keeps its spelling for the value; the label is found on the folded
    key, which keeps the same length for all but a few characters, so the cut is
    located again on the raw text by counting words.
    """
    key = fold(line)
    for label, name in _labels():
        if not key.startswith(label):
            continue
        rest = key[len(label):]
        if rest and rest[0].isalnum() and not is_cjk(label):
            continue
        colon = _COLON.match(rest)
        strong = _is_strong(label)
        if not colon and not strong:
            continue
        return LabelHit(name, _raw_value(line, label, colon is not None), colon is not None, strong)
    return _fuzzy_label(line)


def _raw_value(line: str, label: str, colon: bool) -> str:
    """The part of the raw line after the label (and its colon)."""
    if colon:
        for mark in (":", "：", ";"):
            if mark in line:
                head, _, tail = line.partition(mark)
                if len(fold(head)) >= len(label) - 2:
                    return tail.strip()
    cut = len(label)
    while cut < len(line) and fold(line[:cut]) != label:
        cut += 1
    return _COLON.sub("", line[cut:]).strip()


def _fuzzy_label(line: str) -> LabelHit | None:
    """OCR tolerance: 'Tit1e or rank :' still names the title field when a colon is there."""
    head, sep, tail = line.partition(":")
    if not sep or not 4 <= len(head) <= 40:
        return None
    key = fold(head).strip("[|( ")
    best = max(_labels(), key=lambda pair: fuzz.ratio(key, pair[0]))
    if _is_strong(best[0]) and fuzz.ratio(key, best[0]) >= 85:
        return LabelHit(best[1], tail.strip(), True, True)
    return None


@cache
def _headings() -> re.Pattern[str]:
    words = "|".join(re.escape(fold(w)) for w in vocabulary()["headings"]["words"])
    return re.compile(
        rf"^(?:{words})\s*(?:n\s*[°o.]\s*|no\.?\s*|№\s*|#\s*)?(?:\d+|[一二三四五六七八九十]+|[ivx]+)\s*:?$"
    )


def is_heading(line: str) -> bool:
    """'Representative 2', 'Représentant n° 1', 'الممثل 1', '代表二' ..."""
    return bool(_headings().match(fold(line)))


_GCC_MARK = re.compile(r"[()\[\]]\s*(?:gcc|ссс|ccc)\s*[()\[\]]|[:：]\s*$")


def label_field(text: str) -> str | None:
    """The field a whole cell or short line names ('Nombre de la\\norganización' -> organization)."""
    key = fold(_GCC_MARK.sub("", fold(text.replace("\n", " ")))).strip(" |[]")
    if not key or len(key) > 60:
        return None
    exact = next((name for label, name in _labels() if key == label), None)
    if exact:
        return exact
    label, name = max(_labels(), key=lambda pair: fuzz.ratio(key, pair[0]))
    return name if len(key) >= 4 and fuzz.ratio(key, label) >= 85 else None
