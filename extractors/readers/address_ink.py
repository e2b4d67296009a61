"""Is every bit of ink of an OCRed e-mail address accounted for by a character read?

On scans and photos Tesseract confidently drops a small mark: the '.' of
'olivier.rousseau' goes and 'olivierrousseau' looks like a fine address, so
the meeting link would go to a stranger. The page's reading cannot say so,
the ink can: the address word is cut out of the page, read again character
by character, and every blob of ink in it must lie under a character read.
A blob no character covers (a dot between two letters, a hyphen, an
underscore) is a character the reading lost. An address that cannot be found
on the page at all is not accounted for either.
"""

from __future__ import annotations

import re

import cv2
import numpy as np

from extractors.model import Page, Word
from extractors.readers.tesseract import Symbol, read_symbols

_PAD = 0.35
"""Margin above and below the word box, in word heights: a lost mark may sit just outside the box."""
_SIDE_PAD = 1.2
"""Margin to either side, in word heights: a letter torn off the word ('k' 'benamar@...') is still seen."""
_SPECK = 0.0025
"""Blobs smaller than this share of the word height squared are scanner dust, not a dot."""
_MARKS = frozenset(".,-_:;")
"""Characters with one small mark low on the line."""
_LOCAL = re.compile(r"([\w.%+'-]+)@")
_ENLARGE_BELOW = 40
"""A crop lower than this many pixels is enlarged before it is read again."""


def _located(pages: list[Page], address: str) -> tuple[Page, Word] | None:
    """The page word that starts the address ('E-mail:' or a torn-off domain aside)."""
    local = address.split("@", 1)[0].casefold() + "@"
    for page in pages:
        for word in page.words:
            if page.image is not None and word.confidence is not None and local in word.text.casefold():
                return page, word
    return None


def _crop(page: Page, word: Word) -> tuple[np.ndarray, tuple[float, float]]:
    """The word's pixels in grey, with a margin, enlarged when small; and the word's own span across it."""
    assert page.image is not None
    image = page.image
    scale = image.shape[1] / page.width if page.width else 1.0
    x0, y0, x1, y1 = (v * scale for v in word.box)
    pad, side = _PAD * (y1 - y0), _SIDE_PAD * (y1 - y0)
    top, bottom = max(0, int(y0 - pad)), min(image.shape[0], int(y1 + pad) + 1)
    left, right = max(0, int(x0 - side)), min(image.shape[1], int(x1 + side) + 1)
    crop = image[top:bottom, left:right]
    gray = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY) if crop.ndim == 3 else crop
    factor = _ENLARGE_BELOW / gray.shape[0] if 0 < gray.shape[0] < _ENLARGE_BELOW else 1.0
    if factor != 1.0:
        gray = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    span = ((x0 - pad - left) * factor, (x1 + pad - left) * factor)
    return np.ascontiguousarray(gray), span


def _blobs(gray: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes of the ink blobs that lie inside the crop (a blob touching its edge belongs to a neighbour)."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    height, width = gray.shape
    boxes = []
    for x, y, w, h, area in stats[1:count]:
        inside = x > 0 and y > 0 and x + w < width and y + h < height
        if inside and area >= max(2.0, _SPECK * height * height):
            boxes.append((int(x), int(y), int(x + w), int(y + h)))
    return boxes


def _overlaps(blob: tuple[int, int, int, int], box: tuple[int, int, int, int]) -> bool:
    return blob[0] < box[2] + 1 and box[0] - 1 < blob[2] and blob[1] < box[3] + 1 and box[1] - 1 < blob[3]


def _marks(blobs: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Small blobs in the lower part of the line: a dot, comma, hyphen or underscore (an i's dot sits high)."""
    if not blobs:
        return []
    height = float(np.median([b[3] - b[1] for b in blobs]))
    baseline = float(np.median([b[3] for b in blobs]))
    return [b for b in blobs if b[3] - b[1] <= 0.4 * height and (b[1] + b[3]) / 2 > baseline - 0.6 * height]


def _sentence_dots(blobs: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Dots and commas with no letter close on one side: inside an address a dot stands between two
    letters, so one with a space or the line's end beside it is the sentence's punctuation (in a
    right-to-left line the full stop after an address stands at its left). A hyphen or an underscore
    is wider than tall and stays a mark wherever it is, and so does the low dot of a colon (the label's)."""
    marks = _marks(blobs)
    height = float(np.median([b[3] - b[1] for b in blobs])) if blobs else 0.0
    letters = [b for b in blobs if b[3] - b[1] > 0.4 * height]
    if not marks or not letters:
        return []
    gap = 0.4 * float(np.median([b[3] - b[1] for b in letters]))
    dots = [b for b in marks if b[2] - b[0] <= 1.5 * (b[3] - b[1])
            and not any(other[3] <= b[1] and other[0] < b[2] and b[0] < other[2] for other in blobs)]
    return [b for b in dots
            if not any(letter[0] + letter[2] < b[0] + b[2] and letter[2] > b[0] - gap for letter in letters)
            or not any(letter[0] + letter[2] > b[0] + b[2] and letter[0] < b[2] + gap for letter in letters)]


def lost_marks(gray: np.ndarray, read: str) -> bool:
    """The ink of a word shows more dots or dashes low on its line than its reading holds: a
    separator ('.', '-', '_') the reading lost, which a second reading may find."""
    return len(_marks(_blobs(gray))) > _marks_read(read)


def _between(blob: tuple[int, int, int, int], symbols: list[Symbol]) -> str:
    """Where a stray blob lies, named by the characters either side of it."""
    before = "".join(s.text for s in symbols if s.box[2] <= blob[0])[-3:]
    after = "".join(s.text for s in symbols if s.box[0] >= blob[2])[:3]
    return f"between '{before}' and '{after}'"


def _marks_read(text: str) -> int:
    return sum(1 for char in text if char in _MARKS)


def _unread(blobs: list[tuple[int, int, int, int]], symbols: list[Symbol], word: str,
            span: tuple[float, float]) -> str | None:
    """What ink no reading accounts for: a blob under no character read again, or more marks
    than either reading has within the word (a letter's box often stretches over the dot beside it).
    A mark counts as read where a character read is one on the ink of a mark."""
    stray = [b for b in blobs if not any(_overlaps(b, s.box) for s in symbols)]
    if stray:
        return f"ink {_between(stray[0], symbols)} was not read as any character"
    marks = [b for b in _marks(blobs) if span[0] <= b[0] and b[2] <= span[1]]
    inside = "".join(s.text for s in symbols if span[0] <= (s.box[0] + s.box[2]) / 2 <= span[1]
                     and s.text in _MARKS and any(_overlaps(mark, s.box) for mark in marks))
    read = max(_marks_read(inside), _marks_read(word.strip(".,;:")))
    if len(marks) > read:
        return f"its ink shows {len(marks)} dots or dashes on the line but {read} were read"
    return None


def _letters(text: str) -> str:
    return "".join(char for char in text.casefold() if char not in _MARKS)


def _disagreement(address: str, again: str) -> str | None:
    """The crop read again must give the same local part, with no mark the address lacks. Stray
    letters glued before it (a neighbour's ink read as Latin) are no part of it, unless a mark joins
    them to it: 'r.' before 'alsaud' is the initial the reading lost."""
    local = address.split("@", 1)[0].casefold()
    found = _LOCAL.search(again.casefold())
    if found is None:
        return f"its ink read again says '{again}'"
    prefix = found.group(1)[:-len(local)] if found.group(1).endswith(local) else None
    if prefix is None and (_letters(found.group(1)) != _letters(local)
                           or _marks_read(found.group(1)) > _marks_read(local)):
        return f"its ink read again says '{again}'"
    if prefix and prefix[-1] in _MARKS and prefix.strip("".join(_MARKS)):
        return f"its ink read again says '{again}'"
    return None


def ink_doubt(pages: list[Page], address: str) -> str | None:
    """Why the OCRed address is not accounted for by its ink; None when every blob was read."""
    found = _located(pages, address)
    if found is None:
        return f"{address} was not found among the words OCR read on the page, so its ink could not be checked"
    crop, span = _crop(*found)
    gray = crop.copy()  # the page's own pixels stay as they are
    blobs = _blobs(gray)
    punctuation = _sentence_dots(blobs)
    for x0, y0, x1, y1 in punctuation:  # the sentence's, no part of the address: Tesseract reads better without
        gray[y0:y1, x0:x1] = 255
    symbols = read_symbols(gray, "eng")
    again = "".join(s.text for s in symbols).strip()
    kept = [b for b in blobs if b not in punctuation]
    lost = _disagreement(address, again) or _unread(kept, symbols, found[1].text, span)
    return f"{address}: {lost}; a character may have been lost or misread" if lost else None
