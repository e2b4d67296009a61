"""A separator of an address restored where the cell's reading lost it, when re-reads and ink agree.

On a small print the dot of 'f.ibarra' smudges into the 'f' and the cell
reads 'fibarra@...', a valid address of somebody else; or a 150 dpi scan
reads 'v.ru' as 'viru' and the cell as 'evolkova@digital. go viru'. The
cell's line is read again in several variants (address_rereads). The
letters are those most variants agree on, and the cell's reading must hold
the same (a separator may be missing from it, or read as a narrow letter
where it stands). A separator is put back only where at least two variants
read the same one, no variant reads another there, and the ink shows a small
mark low on the line at that place. Anything less leaves the cell as read,
and the address in doubt.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from extractors.readers.address_ink import ink_blobs, low_marks
from extractors.readers.address_rereads import Reading, rereadings, variants
from extractors.readers.cells import EMAIL

_SEPARATORS = ".-_"
_NARROW = "il1|!j"
"""Letters a separator squeezed between two letters is read as."""
_SHAPE = re.compile(r"[^\W_]+([._-][^\W_]+)*@[^\W_]+([.-][^\W_]+)*\.[^\W\d_]{2,}")
"""An address whose every separator stands between two letters or digits: the only kind restored."""
_REACH = 1.5
"""How many characters' widths from where it should stand a mark of ink may lie."""


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c not in _SEPARATORS and not c.isspace())


def _gaps(text: str) -> dict[int, str]:
    """The separators of an address, keyed by how many letters stand before each."""
    gaps: dict[int, str] = {}
    count = 0
    for char in text.casefold():
        if char in _SEPARATORS:
            gaps[count] = gaps.get(count, "") + char
        else:
            count += 1
    return gaps


def _agreed(readings: list[Reading], first: str) -> str | None:
    """The address most re-reads spell, each separator read by two of them at least and none read
    otherwise, with the cell's own separators kept; None when the re-reads disagree."""
    addresses = [r.text.casefold() for r in readings if EMAIL.fullmatch(r.text)]
    spellings = Counter(_letters(a) for a in addresses).most_common()
    if not spellings or (len(spellings) > 1 and spellings[1][1] >= spellings[0][1]):
        return None
    letters = spellings[0][0]
    seen: dict[int, Counter[str]] = {}
    for address in addresses:
        if _letters(address) == letters:
            for at, mark in _gaps(address).items():
                seen.setdefault(at, Counter())[mark] += 1
    own = _gaps(first) if _letters(first) == letters else {}
    gaps: dict[int, str] = dict(own)
    for at, marks in seen.items():
        if len(marks) > 1 or (own.get(at, next(iter(marks))) not in marks):
            return None
        mark, count = next(iter(marks.items()))
        if count < 2 and at not in own:
            return None
        gaps[at] = mark
    return "".join(gaps.get(at, "") + char for at, char in enumerate(letters)) + gaps.get(len(letters), "")


def _restorable(first: str, address: str, readings: list[Reading]) -> list[int] | None:
    """Where in `address` the separators stand that the cell's reading lacks (or read as a narrow
    letter); None unless the reading is the address but for those. A narrow letter is taken for a
    separator only when no re-read spells the cell's letters: then one reading saw a letter there."""
    if _letters(first) != _letters(address) and any(_letters(r.text) == _letters(first) for r in readings):
        return None
    pattern = "".join(f"({re.escape(c)}|[{re.escape(_NARROW)}])?" if c in _SEPARATORS else re.escape(c)
                      for c in address)
    found = re.fullmatch(pattern, "".join(first.casefold().split()))
    if found is None:
        return None
    separators = [at for at, c in enumerate(address) if c in _SEPARATORS]
    return [at for at, group in zip(separators, found.groups()) if group != address[at]]


def _mark_places(image: np.ndarray, length: int) -> list[float]:
    """Where the small marks of ink low on the line stand, counted in characters of a text `length` long."""
    blobs = ink_blobs(image)
    if not blobs:
        return []
    left, right = min(b[0] for b in blobs), max(b[2] for b in blobs)
    width = max(1.0, (right - left) / length)
    return [((b[0] + b[2]) / 2 - left) / width for b in low_marks(blobs)]


def _ink_shows(images: list[np.ndarray], address: str, at: int) -> bool:
    """A small mark of ink low on the line where the character at `at` stands, in one of the images."""
    return any(abs(place - at - 0.5) <= _REACH for image in images for place in _mark_places(image, len(address)))


def _stray_mark(strip: np.ndarray, height: int, read: str) -> bool:
    """A small mark of ink low on the line, in one of its variants, far from every separator read:
    what a lost one leaves (cheap: no reading), and all that makes the re-reads worth their time."""
    text = "".join(read.split())
    separators = [at for at, char in enumerate(text) if char in _SEPARATORS]
    return any(all(abs(place - at - 0.5) > _REACH for at in separators)
               for image in variants(strip, height) for place in _mark_places(image, len(text)))


def restored_address(strip: np.ndarray, height: int, first: str) -> str | None:
    """The address of a cell's line `strip` (print `height` pixels high) with the separators its
    reading `first` lost put back; None when nothing is to be put back or it is not sure."""
    if EMAIL.fullmatch(first) and not _stray_mark(strip, height, first):
        return None
    readings = list(rereadings(strip, height))
    address = _agreed(readings, first)
    if address is None or not EMAIL.fullmatch(address) or not _SHAPE.fullmatch(address):
        return None
    missing = _restorable(first, address, readings)
    if not missing:
        return None
    images = [r.image for r in readings]
    if max(len(low_marks(ink_blobs(image))) for image in images) > sum(c in _SEPARATORS for c in address):
        return None  # a mark of ink no separator accounts for: one still lost
    return address if all(_ink_shows(images, address, at) for at in missing) else None
