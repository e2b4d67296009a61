"""Chinese table cells read again at the size and contrast the Chinese model reads best.

A cell's characters on a 150 dpi scan or a phone photo are 13 to 20 pixels
tall and often pale grey; there the Chinese model guesses ('窑下' for '女士',
'贡' for '黄') with low confidence. Enlarged until a character is about 36
pixels tall and made black on white (Otsu), the same cell reads right and
sure. The page pass keeps its reading unless the enlarged one is surer.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractors.readers.ocr_text import is_cjk
from extractors.readers.table_grid import Box

HAN_HEIGHT = 36.0
"""Pixels a Chinese character is brought to (measured: 30-40 read best, 20 and less poorly)."""
_MIN_GAIN = 1.25
_MAX_FACTOR = 3.0
SURE = 85.0
"""A cell whose every word is this sure is not read again; a second reading must be this sure to replace the first."""


class Reading:
    """A cell's words and their confidences (0..100), and what they say."""

    def __init__(self, words: list[tuple[str, float]]) -> None:
        self.words = words
        self.text = "".join(text for text, _ in words)

    @property
    def confidence(self) -> float:
        """The mean of the words' confidences, weighted by their lengths (a long sure word and a short
        doubtful speck are not equals)."""
        length = sum(len(text) for text, _ in self.words)
        return sum(len(text) * max(conf, 0.0) for text, conf in self.words) / length if length else 0.0


def doubtful(reading: Reading) -> bool:
    """A Chinese cell with a word the model was not sure of: worth a second look. A cell read as
    nothing is left so: enlarged, a speck or a rule's remnant must not become a character in a field
    the letter left blank."""
    if "@" in reading.text or not any(is_cjk(char) for char in reading.text):
        return False
    return min(conf for _, conf in reading.words) < SURE


def line_height(crop: np.ndarray) -> int:
    """Pixels of the tallest run of inked rows in a cell: one line of Chinese characters (their
    boxes from Tesseract run taller than the ink, by a margin that varies)."""
    ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    inked = (ink > 0).sum(axis=1) >= 2
    tallest = run = 0
    for row in inked:
        run = run + 1 if row else 0
        tallest = max(tallest, run)
    return tallest


def enlargement(heights: list[int]) -> float:
    """How much the cells are enlarged: their lines' median height brought to HAN_HEIGHT; 1 when
    they are tall enough already or unmeasured."""
    heights = [height for height in heights if height >= 6]
    if not heights:
        return 1.0
    factor = min(HAN_HEIGHT / float(np.median(heights)), _MAX_FACTOR)
    return factor if factor >= _MIN_GAIN else 1.0


def enlarged_crops(image: np.ndarray, boxes: list[Box], factor: float) -> list[np.ndarray]:
    """Each box's pixels enlarged by `factor` and made black on white."""
    crops = []
    for x0, y0, x1, y1 in boxes:
        crop = cv2.resize(image[y0:y1, x0:x1], None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
        crops.append(cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1])
    return crops


def surer(first: Reading, second: Reading) -> bool:
    """Whether the second reading of a cell replaces the first: it reads Chinese, about as many
    characters, every word of it sure, and surer than the first. A guess for a guess ('呐' for
    '贡', printed '黄') changes nothing but the confidence a wrong value would then carry."""
    return (any(is_cjk(char) for char in second.text) and len(second.text) >= len(first.text) - 1
            and min(conf for _, conf in second.words) >= SURE and second.confidence > first.confidence)


DISPUTED = 30.0
"""The confidence left to a character two readings of a cell disagree on: below what a field needs."""


def disputed(first: Reading, second: Reading) -> set[str]:
    """The Chinese characters of the first reading the second, not surer, does not hold ('起' read
    again as '赵'): whichever is right, the kept reading is a guess there. A second reading with no
    Chinese at all says nothing."""
    if not any(is_cjk(char) for char in second.text):
        return set()
    return {char for char in first.text if is_cjk(char) and char not in second.text}
