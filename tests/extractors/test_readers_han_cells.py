"""Chinese table cells too small or pale for the Chinese model are read again enlarged, by real Tesseract.

The characters of a 150 dpi scan's cell are 12 to 15 pixels tall; the
model then reads '女士' with a confidence of about 60, below what a letter is
confirmed on, or guesses another character. Enlarged to about 36 pixels
and made black on white, the cell reads right and sure; a second guess
never replaces a first one.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractors.readers.han_cells import HAN_HEIGHT, Reading, disputed, doubtful, enlargement, line_height, surer
from extractors.readers.ruled import read_cells
from tests.extractors.scan_letters import CJK

_CELL = (220, 34)


def _cells_page(texts: list[str], size: int, ink: int) -> tuple[np.ndarray, list[list[list[tuple[int, int, int, int]]]]]:
    """One column of cells holding `texts`, in Song-like CJK type `size` pixels, grey `ink`, a scanner's blur."""
    width, height = _CELL
    page = Image.new("L", (width + 40, height * len(texts) + 40), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(CJK), size, index=2)
    rows = []
    for number, text in enumerate(texts):
        top = 20 + number * height
        draw.text((30, top + (height - size) // 2), text, font=font, fill=ink)
        rows.append([(24, top + 2, 20 + width - 4, top + height - 2)])
    return np.asarray(page.filter(ImageFilter.GaussianBlur(0.7))), [rows]


@pytest.mark.slow
@pytest.mark.parametrize(("size", "ink"), [(12, 110), (12, 140), (13, 110), (13, 140)])
def test_small_pale_chinese_cells_are_read_right_and_sure(size: int, ink: int) -> None:
    """Read as they are, these come out as '妈上上' for '女士', or right with a confidence of 75-83."""
    texts = ["女士", "博士", "黄"]
    page, tables = _cells_page(texts, size, ink)
    read = read_cells(page, tables, "chi_sim+eng", "chi_sim")
    assert read.tables == [[[text] for text in texts]]
    assert all(word.confidence >= 85 for word in read.words if word.text in ("女士", "博士"))


def test_the_enlargement_brings_a_line_of_characters_to_the_height_chinese_reads_best() -> None:
    page, _ = _cells_page(["女士"], 14, 0)
    height = line_height(page)
    assert 10 <= height <= 16
    assert enlargement([height]) == pytest.approx(HAN_HEIGHT / height)
    assert enlargement([34, 36, 40]) == 1.0  # tall enough already
    assert enlargement([]) == 1.0


@pytest.mark.parametrize(("first", "second", "replaced"), [
    ([("窑", 0.0), ("下", 0.0)], [("女士", 95.0)], True),
    ([("贡", 0.0)], [("呐", 58.0)], False),  # a guess for a guess
    ([("了", 65.0), ("晓", 76.0), ("磁", 0.0)], [("晓", 71.0), ("燕", 0.0)], False),
    ([("女士", 90.0)], [("女士", 88.0)], False),  # no surer
    ([("指定", 92.0), ("顾问", 90.0)], [("指", 95.0)], False),  # reads less
    ([("称谓", 20.0)], [(")", 95.0)], False),  # no Chinese
])
def test_a_second_reading_replaces_the_first_only_when_it_is_sure_and_surer(
        first: list[tuple[str, float]], second: list[tuple[str, float]], replaced: bool) -> None:
    assert surer(Reading(first), Reading(second)) is replaced


@pytest.mark.parametrize(("words", "again"), [
    ([("女", 0.0), ("士", 60.0)], True),
    ([("女士", 96.0)], False),  # sure already
    ([], False),  # read as nothing: a blank field stays blank
    ([("zhang_we@mddi.gov.sg", 40.0)], False),  # addresses have their own second readings
    ([("BRR", 40.0)], False),
])
def test_only_chinese_cells_read_with_doubt_are_read_again(words: list[tuple[str, float]], again: bool) -> None:
    assert doubtful(Reading(words)) is again


@pytest.mark.parametrize("first, second, doubted", [
    ([("佳", 90.0), ("琪", 59.0)], [("佳", 81.0), ("形", 0.0)], {"琪"}),
    ([("起", 80.0)], [("赵", 60.0)], {"起"}),
    ([("娆", 36.0), ("明", 90.0)], [("史", 0.0), ("明", 0.0)], {"娆"}),
    ([("晓", 73.0), ("燕", 0.0)], [("晓", 0.0)], {"燕"}),
    ([("黄", 77.0)], [("黄", 8.0)], set()),
    ([("常驻", 85.0), ("参", 92.0)], [("常", 42.0), ("驻", 79.0), ("参", 92.0)], set()),
    ([("黄", 77.0)], [("Beak", 40.0)], set()),
])
def test_the_characters_two_readings_of_a_cell_disagree_on_are_disputed(
        first: list[tuple[str, float]], second: list[tuple[str, float]], doubted: set[str]) -> None:
    assert disputed(Reading(first), Reading(second)) == doubted
