"""Is an Annex 2 field truly empty on a scanned page, or did OCR only miss its value?

Asking a government to fill in a field its letter does contain is a wrong
answer, so a field OCR found empty is doubted (rules/legible_fields) unless
the page itself shows it empty: the field's label was read on a line of its
own, one such line for each nominee in order, and no ink stands on that line
beside the label (to its right, or its left in Arabic), nor between it and
the line below. Faint ink, an underline to write on, a value OCR could not
read: any of them leaves the field doubtful, and a person looks.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractors.fields.labels import match_label
from extractors.fields.normalize import clean_line
from extractors.model import Page, Word

_MARK = 0.3
"""A blob at least this share of the label's height is writing; smaller is dust."""
_FAINT = 40
"""Grey levels below the paper that count as ink: a pale value OCR could not read is ink all the same."""
_PAD = 0.25
"""Margin around the label's words, in its heights, that its own ink may reach into."""

_Line = tuple[Page, list[Word]]


def _lines(page: Page) -> list[list[Word]]:
    """The page's words in lines, top to bottom, each left to right: a word joins the line whose
    first word's height spans its middle."""
    lines: list[list[Word]] = []
    for word in sorted((w for w in page.words if w.text.strip()), key=lambda w: (w.box[1] + w.box[3]) / 2):
        middle = (word.box[1] + word.box[3]) / 2
        if lines and lines[-1][0].box[1] <= middle <= lines[-1][0].box[3]:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.box[0]) for line in lines]


def _label_lines(pages: list[Page], field: str) -> list[tuple[_Line, float, bool]]:
    """Every line that opens with the field's label, in reading order: the line, where the next line
    below it begins (the page's foot when none), and whether the label stands alone on it."""
    found: list[tuple[_Line, float, bool]] = []
    for page in pages:
        lines = _lines(page)
        for index, line in enumerate(lines):
            hit = match_label(clean_line(" ".join(word.text for word in line)))
            if hit is not None and hit.field == field:
                below = lines[index + 1][0].box[1] if index + 1 < len(lines) else page.height
                found.append(((page, line), below, not hit.value.strip(" :")))
    return found


def _no_ink_beside(page: Page, label: list[Word], below: float) -> bool:
    """No writing on the label's line outside the label, across the page's text column, down to the next line."""
    if page.image is None or not page.width:
        return False
    scale = page.image.shape[1] / page.width
    height = max(word.box[3] - word.box[1] for word in label)
    left = min(word.box[0] for word in page.words)
    right = max(word.box[2] for word in page.words)
    top = min(word.box[1] for word in label) - _PAD * height
    bottom = max(top + height, below - _PAD * height)
    band = page.image[max(0, int(top * scale)):int(bottom * scale), max(0, int(left * scale)):int(right * scale)]
    gray = cv2.cvtColor(band, cv2.COLOR_RGB2GRAY) if band.ndim == 3 else band
    ink = (gray < float(np.median(gray)) - _FAINT).astype(np.uint8)  # paper's own shade, not a split of the ink
    x0 = int((min(w.box[0] for w in label) - _PAD * height - left) * scale)
    x1 = int((max(w.box[2] for w in label) + _PAD * height - left) * scale)
    ink[:, max(0, x0):max(0, x1)] = 0
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    return not any(int(h) >= _MARK * height * scale for h in stats[1:count, cv2.CC_STAT_HEIGHT])


def blank_fields(pages: list[Page], missing: list[set[str]]) -> list[set[str]]:
    """Of each nominee's missing fields, those the page shows empty (see the module's docstring).

    `missing` holds, per nominee in order, the fields read empty; a field is judged only when
    its label was read once per nominee, so that the n-th label line is the n-th nominee's.
    """
    blank: list[set[str]] = [set() for _ in missing]
    for field in set().union(*missing) if missing else set():
        labels = _label_lines(pages, field)
        if len(labels) != len(missing):
            continue
        for number, ((page, line), below, alone) in enumerate(labels):
            if field in missing[number] and alone and _no_ink_beside(page, line, below):
                blank[number].add(field)
    return blank
