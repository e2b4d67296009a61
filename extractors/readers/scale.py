"""Page images enlarged until their letters are as tall as Tesseract reads best.

A phone photo or a 150 dpi fax holds letters about ten pixels tall, where
Tesseract loses colons, dots in e-mail addresses and small italic labels;
at about twenty pixels (a 250 dpi scan) it reads them. The size of the
letters is measured on the page itself, so a photo, a fax and a scan are
each enlarged as much as they need, and a fine scan not at all.
"""

from __future__ import annotations

import cv2
import numpy as np

_TARGET_LETTER = 22.0
"""Median height in pixels of the page's letter-sized ink blobs after enlarging."""
_MAX_FACTOR = 2.5
_MAX_HEIGHT = 3300
"""Beyond this Tesseract's time grows with no better reading (an A4 page at about 280 dpi)."""
_MIN_GAIN = 1.15


def letter_height(gray: np.ndarray) -> float:
    """Median height of the ink blobs shaped like letters (not rules, dots or pictures); 0 when none."""
    ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink)
    widths, heights, areas = stats[1:count, 2], stats[1:count, 3], stats[1:count, 4]
    letters = (heights >= 4) & (heights <= 120) & (widths <= 3 * heights) & (areas >= 8)
    return float(np.median(heights[letters])) if letters.any() else 0.0


def enlarged(gray: np.ndarray) -> np.ndarray:
    """The page scaled so that its letters are about _TARGET_LETTER pixels tall (never shrunk)."""
    height = letter_height(gray)
    if not height:
        return gray
    factor = min(_TARGET_LETTER / height, _MAX_FACTOR, _MAX_HEIGHT / gray.shape[0])
    if factor < _MIN_GAIN:
        return gray
    if _is_bilevel(gray):
        gray = cv2.GaussianBlur(gray, (3, 3), 0)
    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)


def _is_bilevel(gray: np.ndarray) -> bool:
    """Black and white only (a fax, a 1-bit scan): hardly any of its marks are grey at their edges.

    Enlarged as it is, its staircase edges make Tesseract misread whole
    lines (Arabic worst); softened first, the letters come out smooth.
    """
    sample = gray[::3, ::3]
    marked = int((sample < 235).sum())
    between = int(((sample > 20) & (sample < 235)).sum())
    return marked > 0 and between < 0.05 * marked
