"""Doubtful Arabic words read again alone, at two sizes: letters that differ only by their dots.

Arabic letters part by their dots alone (ب ت ث ن ي, ر ز, ح ج خ): on a 1-bit
fax or a soft photo, Tesseract reading the page with English beside Arabic
now and then takes a dot for a letter of its own ('زيد' read 'زبيد') and
doubts the word. Such a word's strip is read again with the Arabic pack
alone at the page's size and a little smaller, two witnesses that do not
share the page pass's context. When they agree, their reading is the word,
as sure as the less sure of them; when they disagree, the page's reading
stays as doubtful as it was, and a person decides (never a guess).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import cv2
import numpy as np

from extractors.readers.ocr_text import BIDI_MARKS
from extractors.readers.tesseract import read_line

_DOUBTFUL = 60.0
"""Words Tesseract gave less than this are read again (a sure word, 80 and more, is left alone)."""
_SIZES = (1.0, 0.75)
"""The strip at the page's size (letters about 22 pixels tall, scale.py) and a little smaller:
measured on faxes and photos, larger sizes read dot-stroke letters worse, not better."""
_PACK = "ara"
_LATIN = re.compile("[A-Za-z]")


def arabic_letters(text: str) -> int:
    """How many Arabic letters a text holds (Arabic-Indic digits are no letters)."""
    return sum(1 for c in text if c.isalpha() and "ARABIC" in unicodedata.name(c, ""))


def reread_doubtful_words(gray: np.ndarray, data: dict[str, list[Any]]) -> None:
    """Each doubtful Arabic word of a page's reading (Tesseract's word columns) read again in place."""
    for index, text in enumerate(data["text"]):
        if arabic_letters(text) < 2 or not 0 <= float(data["conf"][index]) < _DOUBTFUL:
            continue
        strip = _word_strip(gray, data, index)
        readings = [_reading(strip, size) for size in _SIZES]
        words = {read for read, _ in readings}
        if len(words) != 1 or (agreed := words.pop()) is None:
            continue  # the witnesses disagree, or one is no Arabic: the page's doubt stands
        sure = min(sure for _, sure in readings)
        data["text"][index] = agreed
        data["conf"][index] = max(float(data["conf"][index]), sure) if agreed == text else sure


def _word_strip(gray: np.ndarray, data: dict[str, list[Any]], index: int) -> np.ndarray:
    """The word's box of the page with a margin of a third of its height (Tesseract needs white around it)."""
    left, top = data["left"][index], data["top"][index]
    width, height = data["width"][index], data["height"][index]
    pad = max(2, height // 3)
    return gray[max(0, top - pad): top + height + pad, max(0, left - pad): left + width + pad]


def _reading(strip: np.ndarray, size: float) -> tuple[str | None, float]:
    """The strip read with the Arabic pack alone at `size`: its Arabic words (signs at either end are
    the neighbours' ink) and Tesseract's confidence, the text None when it is not Arabic."""
    if not strip.size:
        return None, 0.0
    pixels = strip if size == 1.0 else cv2.resize(strip, None, fx=size, fy=size, interpolation=cv2.INTER_AREA)
    read, sure = read_line(np.ascontiguousarray(pixels), _PACK)
    words = read.translate(BIDI_MARKS).split()
    own = [n for n, word in enumerate(words) if arabic_letters(word)]
    if not own or _LATIN.search(read):
        return None, sure
    return " ".join(words[own[0]: own[-1] + 1]), sure
