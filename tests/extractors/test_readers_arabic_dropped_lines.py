"""Arabic lines the page pass dropped whole are found in the ink and read again, one line at a time.

On photos and scans of Arabic letters Tesseract's page pass sometimes leaves out a whole line (a
numbered paragraph's first line '1. اللقب: السيد', a short right-aligned 'جنيف'), and a nominee
loses a field. The line's ink is found as one box however far its label and value stand apart,
and read alone it gives its words; a box of pen strokes gives nothing. Drawn in three Arabic
fonts, at several places and gaps, and read by real Tesseract at the size the page pass reads.
"""

from __future__ import annotations

from itertools import product
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz import fuzz

from extractors.fields.normalize import fold
from extractors.readers.ocr import _JOIN, _RECOVERED_CONFIDENCE
from extractors.readers.orientation import SCRIPT_LANGUAGES
from extractors.readers.page_lines import Piece, TextLine, page_text, place_recovered
from extractors.readers.ruled import CellWord, StackedLine, _unsplit, missed_lines, read_alone
from extractors.readers.scale import enlarged

NOTO = Path("/usr/share/fonts/truetype/noto")
FONTS = ("NotoNaskhArabic-Regular.ttf", "NotoSansArabic-Regular.ttf", "NotoKufiArabic-Regular.ttf")
NO_WORDS: dict[str, list[object]] = {"text": [], "conf": [], "left": [], "top": [], "width": [], "height": []}
ARABIC = SCRIPT_LANGUAGES["Arabic"]

LINES = [("1.", "اللقب:", "السيد"), ("", "الاسم الأول:", "خالد"), ("", "اسم العائلة:", "العبادي"),
         ("2.", "اللقب:", "الدكتورة")]


def _page(font: str, number: str, label: str, value: str, right: int, gap: int) -> np.ndarray:
    """An A4 page at 300 dpi holding one line: the paragraph's number at the right margin, the label, and
    `gap` pixels to the label's left its value; as the page pass gets it (enlarged to its reading size)."""
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    face = ImageFont.truetype(str(NOTO / font), 44)
    x = right
    for text, space in ((number, 40), (label, gap)):
        if text:
            width = draw.textlength(text, font=face, direction="rtl")
            draw.text((x - width, 1200), text, font=face, fill=0, direction="rtl")
            x -= int(width) + space
    width = draw.textlength(value, font=face, direction="rtl")
    draw.text((x - width, 1200), value, font=face, fill=0, direction="rtl")
    return enlarged(np.asarray(page))


PLACES = [(2230, 60), (2100, 140), (2300, 30)]
"""Where a line ends at the right margin and how far its value stands from its label, in pixels at 300 dpi."""


@pytest.mark.parametrize("font", FONTS)
def test_a_dropped_line_is_one_box_and_read_alone_gives_its_label_and_value(font: str) -> None:
    """Every variant's line is one box; nearly every one reads back with its value as printed and its label
    within a letter (OCR may misread one: 'اللقس'), and none reads as another value."""
    read = 0
    for (number, label, value), (right, gap) in product(LINES, PLACES):
        page = _page(font, number, label, value, right, gap)
        boxes = missed_lines(page, NO_WORDS, [], join=_JOIN)
        assert len(boxes) == 1, (label, right, gap, boxes)
        found = read_alone(page, boxes, [[]], ARABIC, _RECOVERED_CONFIDENCE)[0]
        if not found:
            continue  # nothing read: the field stays missing, and a person looks
        text = fold(" ".join(line.text for line in found))
        assert fold(value) in text.split(), (value, text)
        assert fuzz.partial_ratio(fold(label.rstrip(":")), text) >= 75, (label, text)
        read += 1
    assert read >= len(LINES) * len(PLACES) - 2


def test_a_line_the_stacked_read_found_is_kept_as_it_was() -> None:
    page = _page(FONTS[0], "", "الاسم الأول:", "خالد", 2230, 60)
    boxes = missed_lines(page, NO_WORDS, [], join=_JOIN)
    kept = [StackedLine("الاسم الأول: خالد", 0, 10, 10)]
    assert read_alone(page, boxes, [kept], ARABIC, _RECOVERED_CONFIDENCE) == [kept]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pen_strokes_read_alone_give_no_line(seed: int) -> None:
    """A signature's strokes (a wavy line as wide as a name) are no words, however Tesseract guesses."""
    rng = np.random.default_rng(seed)
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    xs = np.linspace(900, 1500, 60)
    ys = 1220 + 25 * np.sin(xs / rng.uniform(8, 20)) + rng.normal(0, 4, xs.size)
    draw.line(list(zip(xs.tolist(), ys.tolist())), fill=0, width=4)
    pixels = enlarged(np.asarray(page))
    boxes = [(0, int(pixels.shape[0] * 0.33), pixels.shape[1] - 1, int(pixels.shape[0] * 0.37))]
    assert read_alone(pixels, boxes, [[]], ARABIC, _RECOVERED_CONFIDENCE) == [[]]


def _cell(*words: tuple[str, float, int, int]) -> list[StackedLine]:
    """A cell's one line of (text, confidence, left, right) words, in reading order."""
    read = tuple(CellWord(text, sure, (left, 0, right, 30)) for text, sure, left, right in words)
    return [StackedLine(" ".join(w.text for w in read), min(w.box[0] for w in read), max(w.box[2] for w in read),
                        30, 0, 30, read)]


@pytest.mark.parametrize(("text", "lines", "page", "expected"), [
    # ink read twice ('ز' in both pieces), one piece doubted: the page pass's one word
    ("العنز زي", _cell(("العنز", 86, 49, 81), ("زي", 67, 32, 56)), ["العنزي"], "العنزي"),
    # a gap taken for a space, one piece doubted
    ("الرشي دي", _cell(("الرشي", 88, 40, 90), ("دي", 55, 10, 36)), ["الرشيدي"], "الرشيدي"),
    # two words read surely stay two words, whatever the page pass joined
    ("أبو زيد", _cell(("أبو", 91, 60, 90), ("زيد", 90, 10, 50)), ["أبوزيد"], "أبو زيد"),
    # a doubted word the page pass read as other letters is no split: the cell's reading stands
    ("نورة الصباح", _cell(("نورة", 60, 70, 100), ("الصباح", 92, 10, 60)), ["نوره"], "نورة الصباح"),
    # no page words in the cell: nothing to compare with
    ("العنز زي", _cell(("العنز", 86, 49, 81), ("زي", 67, 32, 56)), [], "العنز زي"),
])
def test_a_cell_split_or_read_twice_takes_the_page_pass_reading_only_when_it_doubts_a_word(
        text: str, lines: list[StackedLine], page: list[str], expected: str) -> None:
    assert _unsplit(text, lines, page) == expected


def test_a_short_value_dropped_alone_is_found_and_read() -> None:
    """The page pass read the label, not the value far to its left: the value's ink is a box of its own,
    read as one word, as printed in all but one of nine variants (OCR may take one letter's dots for
    another's: 'زيم'; the address check doubts such a name)."""
    read = []
    for font, value in product(FONTS, ["السيد", "ريم", "فهد"]):
        page = _page(font, "", "اللقب:", value, 2230, 700)
        right = max(box[2] for box in missed_lines(page, NO_WORDS, [], join=_JOIN))
        words: dict[str, list[Any]] = {  # the label, as the page pass read it (its box covers its ink)
            "text": ["اللقب:"], "conf": [92.0], "left": [right - 200], "top": [0], "width": [200], "height": [page.shape[0]]}
        boxes = missed_lines(page, words, [], join=_JOIN)
        found = read_alone(page, boxes, [[] for _ in boxes], ARABIC, _RECOVERED_CONFIDENCE)
        texts = [line.text for lines in found for line in lines]
        assert len(texts) == 1 and len(texts[0].split()) == 1, (font, value, texts)
        read.append(texts[0] == value)
    assert sum(read) >= len(read) - 1, read


@pytest.mark.parametrize(("pieces", "found", "expected"), [
    ([(1500, 1700, "اللقب:")], (600, 700, "السيد"), "اللقب: السيد"),
    ([(600, 700, "السيد")], (1500, 1700, "اللقب:"), "اللقب: السيد"),
    ([(100, 300, "Title:")], (600, 700, "Dr"), "Title: Dr"),
])
def test_a_piece_recovered_on_a_line_of_one_piece_takes_its_place_in_the_line_s_script(
        pieces: list[tuple[int, int, str]], found: tuple[int, int, str], expected: str) -> None:
    lines = [TextLine(100, 130, [Piece(left, 100, right, 130, text) for left, right, text in pieces])]
    place_recovered(lines, Piece(found[0], 100, found[1], 130, found[2]))
    assert page_text(lines) == expected
