"""The Annex 2 vocabulary (labels, role phrases, headings, honorifics) loaded from labels.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from extractors.fields.enumerators import peel
from extractors.fields.normalize import fold, is_cjk

_DATA = Path(__file__).with_name("labels.toml")
_COLON = re.compile(r"^\s*(?:\(\s*(?:gcc|ссс|ccc)\s*\)\s*)?(?:[:：;]\s*|\.\s*$)")
"""The colon after a label; a full stop ending the line is a colon OCR misread ('E-mail.')."""


@dataclass(frozen=True)
class LabelHit:
    """A line that starts with an Annex 2 label."""

    field: str
    value: str
    colon: bool
    strong: bool
    """The label is unambiguous on its own (several words or a long CJK label)."""


@cache
def vocabulary() -> dict[str, Any]:
    with _DATA.open("rb") as handle:
        return tomllib.load(handle)


@cache
def _labels() -> list[tuple[str, str]]:
    """(folded label, field), longest first so 'nom de famille' wins over 'nom'."""
    pairs = {(fold(label), name) for name, labels in vocabulary()["fields"].items() for label in labels}
    return sorted(pairs, key=lambda pair: -len(pair[0]))


@cache
def _labels_by_initial() -> dict[str, tuple[tuple[str, str], ...]]:
    """_labels() by their first character, each in the same order: a line is tried only
    against the labels it can start with (a few dozen of a thousand)."""
    index: dict[str, list[tuple[str, str]]] = {}
    for label, name in _labels():
        index.setdefault(label[0], []).append((label, name))
    return {initial: tuple(pairs) for initial, pairs in index.items()}


def _is_strong(label: str) -> bool:
    if is_cjk(label):
        return len(label) >= 4
    return " " in label or len(label) >= 8


def match_label(line: str, weak: bool = False) -> LabelHit | None:
    """Read 'Label: value' (or 'Label value' for a strong label, or for any label when
    `weak`, which the caller allows between two label lines) at the start of a line.

    The raw line keeps its spelling for the value; the label is found on the folded
    key, which keeps the same length for all but a few characters, so the cut is
    located again on the raw text by counting words.
    """
    key = fold(line)
    for label, name in _labels_by_initial().get(key[:1], ()):
        if not key.startswith(label):
            continue
        label = _with_alternative(key, label)
        rest = key[len(label):]
        if rest and rest[0].isalnum() and not is_cjk(label):
            continue
        colon = _COLON.match(rest)
        strong = _is_strong(label)
        if not colon and not strong and rest.strip() and not weak:
            continue  # a short label stands alone on its line (a stacked form) or before a colon
        return LabelHit(name, _raw_value(line, label, colon is not None), colon is not None, strong)
    return _fuzzy_label(line)


_COLON_ANYWHERE = re.compile(r"[:：].*\S.*[:：]")
_SLASH = re.compile(r"\s*[/|]\s*|\s+")
_ASIDE = re.compile(r"\s*\([^():：]{1,30}\)(?=\s*[:：])")
"""A parenthesis between a label and its colon ('E-mail (official):')."""


@cache
def _fields_by_label() -> dict[str, str]:
    return dict(_labels())


def _with_alternative(key: str, label: str) -> str:
    """A label with a second wording after a slash ('اللقب/الرتبة', 'Title / Rank') is one label, and
    so is a second wording of the same field whose slash OCR lost ('Job title Position: ...',
    'Job title Position Deputy Director'), or an aside
    in brackets ('E-mail (official):') or in a word or two ('Correo electrónico oficial:')."""
    slash = _SLASH.match(key, len(label))
    if slash:
        rest = key[slash.end():]
        spaced = not slash.group(0).strip()
        field = _fields_by_label().get(label)
        second = next((other for other, name in _labels() if rest.startswith(other)
                       and not rest[len(other):len(other) + 1].isalnum()
                       and (not spaced or name == field)), None)
        if second:
            label = key[:slash.end() + len(second)]
    aside = _ASIDE.match(key, len(label)) or _qualifier(key, label)
    return key[:aside.end()] if aside else label


_QUALIFIER = re.compile(r"\s+[^\W\d_]{3,}(?:\s+[^\W\d_]{3,})?(?=\s*[:：])")
"""One or two words between a label and its colon ('Adresse de courriel officielle:', 'Nom de famille usuel :')."""


def _qualifier(key: str, label: str) -> re.Match[str] | None:
    """Words that qualify a label of several words before its colon, unless they name another field
    ('Prénom Nom:' is two fields side by side)."""
    found = _QUALIFIER.match(key, len(label)) if " " in label else None
    if found is None or any(word in _fields_by_label() for word in found.group(0).split()):
        return None
    return found


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


_ENUMERATOR = re.compile(r"^[(\[]?(?:n\s*[°o.]\s*|no\.?\s*|№\s*|#\s*)?(?:\d{1,2}|[一二三四五六七八九十]+|[ivx]{1,4})[).\]、:]?$")
_CJK_HEADING = re.compile(r"^(?:第?[一二三四五六七八九十\d]+[、.]?)?(\w{2,4}?)(?:第?[一二三四五六七八九十\d]+)?[:：]?$")


@cache
def _heading_words() -> tuple[frozenset[str], frozenset[str]]:
    """(heading words, ordinal words) folded."""
    table = vocabulary()["headings"]
    return frozenset(fold(w) for w in table["words"]), frozenset(fold(w) for w in table["ordinals"])


def is_heading(line: str) -> bool:
    """A line that opens a nominee: 'Representative 2', 'Représentant n° 1', '1. Кандидатура',
    '(2) بيانات المرشح', 'الممثل الثاني', '代表二', or a bare '(3)' / '(三)'."""
    key = fold(line).rstrip(":： ")
    if not key or len(key) > 40:
        return False
    tokens = re.findall(r"[(\[]?[^\s]+", key.replace("n° ", "n°"))
    if len(tokens) == 1 and _ENUMERATOR.match(tokens[0]):
        return True
    words, ordinals = _heading_words()
    numbered = any(_ENUMERATOR.match(t) or t in ordinals for t in tokens)
    if is_cjk(key) and " " not in key:
        match = _CJK_HEADING.match(key)
        return bool(match and match.group(1) in words and match.group(0) != match.group(1))
    return numbered and len(tokens) <= 5 and any(t.strip("()[]:") in words for t in tokens)


_GCC_MARK = re.compile(r"[()\[\]]\s*(?:gcc|ссс|ccc)\s*[()\[\]]|[:：]\s*$")


@cache
def _cell_labels() -> list[tuple[str, str]]:
    """Column headings that name a field only as a whole table cell ('Administration', 'Ministry')."""
    return _labels() + [(fold(label), name) for name, labels in vocabulary()["cell_labels"].items() for label in labels]


@cache
def _later_label() -> re.Pattern[str]:
    labels = "|".join(re.escape(label) for label, _ in _labels() if len(label) >= 3)
    return re.compile(rf"(?<=\S)\s(?=(?:{labels})(?:\s*/\s*(?:{labels}))?\s*[:：])")


def split_pairs(line: str) -> list[str]:
    """A form line with two or more 'Label: value' pairs side by side ('Title: Mr   First name:
    John') as one line per pair; only where the folded line keeps the raw line's positions."""
    key = fold(line)
    if len(key) != len(line) or not _COLON_ANYWHERE.search(line):
        return [line]
    first_colon = min(i for i in (key.find(":"), key.find("：")) if i >= 0)
    cuts = [m.start() for m in _later_label().finditer(key, first_colon + 1) if match_label(line[m.end():].lstrip())]
    pieces: list[str] = []
    for start, end in zip([0, *cuts], [*cuts, len(line)]):
        piece = line[start:end].strip()
        if pieces and not _COLON_ANYWHERE.search(f"{pieces[-1]}:"):
            pieces[-1] = f"{pieces[-1]} {piece}"  # a cut inside a longer label ('Занимаемая | должность:')
        elif piece:
            pieces.append(piece)
    return pieces


def _exact_label(key: str) -> str | None:
    """The field a folded cell names exactly, also with a word cut at the cell's edge ('Ti tle')."""
    return _squeezed_cell_labels().get(key.replace(" ", ""))


@cache
def _squeezed_cell_labels() -> dict[str, str]:
    """Each cell label without its spaces, to the field it names first in _cell_labels()."""
    fields: dict[str, str] = {}
    for label, name in _cell_labels():
        fields.setdefault(label.replace(" ", ""), name)
    return fields


def label_field(text: str) -> str | None:
    """The field a whole cell or short line names ('Nombre de la\\norganización' -> organization)."""
    key = fold(_GCC_MARK.sub("", fold(text.replace("\n", " ")))).strip(" |[]")
    if not key or len(key) > 60:
        return None
    unmarked = peel(key).rest
    if unmarked != key and not _exact_label(key):
        key = unmarked  # an item's marker before the label ('a) Title', '3. E-mail')
    exact = _exact_label(key)
    if exact:
        return exact
    parts = [part.strip() for part in key.split("/")]
    if len(parts) > 1:
        named = [field for field in map(_exact_label, parts) if field]
        if named:
            return named[0]  # 'Position/Title' names the job, as the line 'Position/Title: ...' does
    if len(key) < 4:
        return None
    best = process.extractOne(key, _label_keys(), scorer=fuzz.ratio, score_cutoff=85)
    return _labels()[best[2]][1] if best else None


@cache
def _label_keys() -> list[str]:
    """The folded labels alone, for the fuzzy look-up of whole cells (table rows are read line by line)."""
    return [label for label, _ in _labels()]


_RESEMBLANCE = 75
"""Similarity (rapidfuzz ratio) a misread label needs to one of its field's labels, where the form's
order already says which field stands there."""


def resembles_label(text: str, field: str) -> bool:
    """The text reads like one of the field's labels with a letter or two misread ('اسم اامنظحة' for
    'اسم المنظمة'): only for a place where the labels around it name the field already."""
    key = fold(text).strip(" |[]")
    return len(key) >= 4 and any(fuzz.ratio(key, label) >= _RESEMBLANCE for label, name in _labels() if name == field)
