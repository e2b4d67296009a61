"""Numbers and letters before labels: a nominee's paragraph number, or a field's item marker.

'1. Title: Dr' opens the first nominee's paragraph; 'a) Title: Dr', 'b) First name: ...'
number the fields inside one. Both are written alike, so a run decides: label lines whose
markers count up one by one from line to line ('a)', 'b)', 'c)') are items of one list and
open nothing, while a marker that stands alone ('1.' ... a paragraph ... '2.') opens a
nominee. A line may carry both ('1. a) Title: Dr').
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_MARKER = re.compile(r"^[(\[]?\.?(?:(?P<digits>\d{1,2}|[\u0660-\u0669]{1,2})[).\]、:-]?|"
                     r"(?P<word>[一二三四五六七八九十]{1,3}|[ivx]{1,4}|[a-h])[).\]、])\s*(?=\S)")
"""A paragraph's number or an item's letter before a label ('1. ', '(2) ', '三、', '.1 ' as OCR
orders Arabic, 'b) ', 'iv. ')."""
_CHINESE = {c: n for n, c in enumerate("一二三四五六七八九十", start=1)}
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_NEAR = 2
"""Lines between two items of one list at most (a wrapped value)."""


@dataclass(frozen=True)
class Marked:
    """A line's markers (outermost first) as (kind, ordinal), and the text after them."""

    markers: tuple[tuple[str, int], ...]
    rest: str


def _ordinal(found: re.Match[str]) -> tuple[str, int]:
    """The marker's kind (digit, letter, roman, chinese) and its place in its list."""
    digits, word = found.group("digits"), found.group("word")
    if digits:
        return "digit", int(digits.translate(_ARABIC_DIGITS))
    if word in _ROMAN:
        return "roman", _ROMAN[word]
    if word[0] in _CHINESE:
        tens, _, units = word.rpartition("十")
        return "chinese", (10 * (_CHINESE.get(tens, 1)) if "十" in word else 0) + _CHINESE.get(units, 0)
    return "letter", ord(word) - ord("a") + 1


def peel(line: str) -> Marked:
    """The markers at the start of a line (two at most) and what follows them."""
    markers: list[tuple[str, int]] = []
    rest = line
    for _ in range(2):
        found = _MARKER.match(rest)
        if found is None:
            break
        markers.append(_ordinal(found))
        rest = rest[found.end():]
    return Marked(tuple(markers), rest)


def item_lines(lines: list[str], is_label: Callable[[str], bool]) -> list[bool]:
    """Which lines carry, as their innermost marker, an item of a list of labels: the marker
    of a label line next (within a few lines) to another label line whose marker of the same
    kind counts one up or one down from it."""
    marked = [peel(line) for line in lines]
    inner = [m.markers[-1] if m.markers and is_label(m.rest) else None for m in marked]
    items = [False] * len(lines)
    for index, marker in enumerate(inner):
        if marker is None:
            continue
        near = inner[max(0, index - _NEAR - 1):index] + inner[index + 1:index + _NEAR + 2]
        items[index] = any(other is not None and other[0] == marker[0] and abs(other[1] - marker[1]) == 1
                           for other in near)
    return items
