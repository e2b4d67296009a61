"""Ink no word of the page pass covers is found as lines of text, even beside a stamp or a signature.

A name printed close to a round stamp or under a signature's stroke is what the page pass most often
leaves out; the stamp's ring must not swallow it into one blob too tall to be a line.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extractors.readers.orientation import SCRIPT_LANGUAGES
from extractors.readers.page_lines import Piece, TextLine, page_text, place_recovered
from extractors.readers.ruled import missed_lines
from extractors.readers.scale import enlarged
from extractors.readers.tesseract import read_words
from tests.extractors.scan_letters import ARABIC_PROSE, _font, at_dpi, one_bit, prose_page

NO_WORDS: dict[str, list[object]] = {"text": [], "conf": [], "left": [], "top": [], "width": [], "height": []}


def _page(name: str, language: str, gap: int, mark: str) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """A page holding a name and, `gap` pixels to its left, a stamp's ring or a signature's stroke; the name's box."""
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    font = _font(language, 46)
    direction = "rtl" if language == "ar" else None
    box = draw.textbbox((1400, 600), name, font=font, direction=direction)
    draw.text((1400, 600), name, font=font, fill=0, direction=direction)
    right = box[0] - gap
    if mark == "stamp":
        draw.ellipse((right - 300, box[1] - 130, right, box[1] + 170), outline=0, width=8)
    else:
        draw.line([(right - 420, box[3] + 10), (right - 200, box[1] - 160), (right - 8, box[3] - 5)], fill=0, width=6)
    return np.asarray(page), box


@pytest.mark.parametrize(("name", "language"), [("فيصل الدوسري", "ar"), ("Amina Otieno", "en")])
@pytest.mark.parametrize("gap", [4, 12])
@pytest.mark.parametrize("mark", ["stamp", "stroke"])
def test_a_name_beside_a_stamp_or_a_stroke_is_a_missed_line(name: str, language: str, gap: int, mark: str) -> None:
    image, (x0, y0, x1, y1) = _page(name, language, gap, mark)
    boxes = missed_lines(image, NO_WORDS, [])
    assert any(b[0] <= x0 + 10 and b[2] >= x1 - 10 and b[1] <= y0 and b[3] >= y1 for b in boxes), boxes


def _lines(*rows: tuple[int, list[tuple[int, int, str]]]) -> list[TextLine]:
    """Lines 30 px high, from (top, [(left, right, text), ...]) in reading order."""
    return [TextLine(top, top + 30, [Piece(left, top, right, top + 30, text) for left, right, text in pieces])
            for top, pieces in rows]


CUT = _lines((100, [(40, 300, "Primary contact, e-mail:"), (310, 400, "ting.")]),
             (160, [(40, 260, "zhao@pbc.gov.cn."), (270, 600, "Alternate, e-mail:")]),
             (220, [(40, 300, "zhou@pbc.gov.cn.")]))


@pytest.mark.parametrize("padding", [0, 6, 12])
def test_a_line_recovered_between_two_lines_lands_between_them_by_its_box(padding: int) -> None:
    lines = list(CUT[:1]) + list(CUT[2:])
    place_recovered(lines, Piece(40 - padding, 160 - padding, 300 + padding, 190 + padding, "Wang Wei"))
    assert page_text(lines).splitlines() == ["Primary contact, e-mail: ting.", "Wang Wei", "zhou@pbc.gov.cn."]


@pytest.mark.parametrize(("left", "expected"), [(620, "zhao@pbc.gov.cn. Alternate, e-mail: Wang Wei"),
                                                (10, "Wang Wei zhao@pbc.gov.cn. Alternate, e-mail:")])
@pytest.mark.parametrize("padding", [0, 6])
def test_a_line_recovered_on_a_read_line_joins_it_where_it_is_printed(left: int, expected: str, padding: int) -> None:
    """Never between a line ending with an address's head and the line holding its rest."""
    lines = [TextLine(line.top, line.bottom, list(line.pieces)) for line in CUT]
    place_recovered(lines, Piece(left - padding, 158 - padding, left + 20 + padding, 186 + padding, "Wang Wei"))
    assert page_text(lines).splitlines() == ["Primary contact, e-mail: ting.", expected, "zhou@pbc.gov.cn."]


def test_on_a_right_to_left_line_a_recovered_word_is_read_in_its_place() -> None:
    lines = _lines((100, [(500, 600, "فيصل"), (100, 200, "الدوسري")]))
    place_recovered(lines, Piece(300, 100, 400, 130, "بن"))
    assert page_text(lines) == "فيصل بن الدوسري"


def test_ink_of_words_the_line_already_reads_is_not_read_twice() -> None:
    """At 150 dpi Tesseract's boxes of Chinese characters are narrower than their ink: the rest is found again."""
    lines = _lines((519, [(1015, 1032, "室"), (1046, 1062, "主"), (1078, 1094, "任"), (1107, 1122, "周"),
                          (1138, 1155, "海"), (1170, 1186, "涛")]))
    place_recovered(lines, Piece(1018, 517, 1151, 560, "周海"))
    assert page_text(lines) == "室主任周海涛"


PROSE = {
    "zh": ("Han", 6, ["数码发展及新闻部数字身份项目主管陈思雨女士担任代表，电子邮件：chensiyu@mddi.gov.sg。",
                      "中国人民银行数字货币研究所标准化研究室主任周海涛博士担任指定候补代表。",
                      "工业和信息化部信息化推进司副司长司马思雨女士担任主要联系人。"]),
    "ar": ("Arabic", 3, ARABIC_PROSE[:3]),
    "ru": ("Cyrillic", 3, ["Министерство цифрового развития, связи и массовых коммуникаций",
                           "назначает Иванову Анну Сергеевну, советника департамента, основным контактом."]),
}


def _between_words(box: tuple[int, int, int, int], data: dict[str, list[object]]) -> bool:
    """A word read on the box's row on either side of it: the box lies inside a read line."""
    x0, y0, x1, y1 = box
    middle = (x0 + x1) / 2
    sides = set()
    for i, text in enumerate(data["text"]):
        left, top, width, height = (int(data[key][i]) for key in ("left", "top", "width", "height"))  # type: ignore[call-overload]
        if text and top < (y0 + y1) / 2 < top + height:
            sides.add(left + width / 2 < middle)
    return sides == {True, False}


@pytest.mark.slow
@pytest.mark.parametrize(("language", "dpi", "colour"), [
    ("zh", 150, "grey"), ("zh", 200, "grey"), ("zh", 300, "grey"), ("zh", 200, "1-bit"), ("zh", 300, "1-bit"),
    ("ar", 200, "grey"), ("ru", 200, "1-bit")])
def test_ink_between_the_words_of_a_read_line_is_no_missed_line(language: str, dpi: int, colour: str) -> None:
    """Tesseract's boxes of Chinese characters are narrower than their strokes: the halves of characters left
    between two boxes were read again as a line and put into it ('数码发展' came out '数码发引发展及')."""
    script, psm, lines = PROSE[language]
    page = at_dpi(prose_page(language, lines), dpi)
    page = one_bit(page) if colour == "1-bit" else page
    pixels = enlarged(np.asarray(page.convert("L")))
    data = read_words(pixels, SCRIPT_LANGUAGES[script], psm)
    inside = [box for box in missed_lines(pixels, data, []) if _between_words(box, data)]
    assert inside == []
