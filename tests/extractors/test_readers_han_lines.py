"""Chinese label/value lines outside tables, witnessed by a second OCR engine (PP-OCR).

Tesseract's page pass reads '姓：' as 'ak', drops a one-character name as a
speck and takes '王' for '主'. Each of its words is weighed against the
characters PP-OCR read inside its box: what both read is sure, what they
read differently is doubted, a label the witness reads is Annex 2's closed
list's, and a name the witness reads is settled by the pinyin of the
nominee's address, never by the witness alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pytest

from bot.judge import judge
from bot.settings import Settings
from extractors.model import Nominee
from extractors.readers import han_lines
from extractors.readers.han_cells import DISPUTED
from extractors.readers.han_witness import AGREED, Glyph
from rules.confident import FIELD_THRESHOLD
from tests.extractors.fresh_letters import (MINISTRIES, Form, FreshLetter, LabelStyle, Layout, Ministry, image_forms,
                                           letter_pdf)
from tests.letters import mail

Line = list[tuple[str, float, int]]
"""A line of the page pass: each word, Tesseract's confidence and its left edge (pixels)."""


def _tsv(lines: list[Line]) -> dict[str, list[Any]]:
    """Tesseract's TSV columns for lines 40 pixels apart, each word 30 pixels wide per character."""
    data: dict[str, list[Any]] = {key: [] for key in ("level", "page_num", "block_num", "par_num", "line_num",
                                                      "word_num", "left", "top", "width", "height", "conf", "text")}
    for number, line in enumerate(lines):
        for word_number, (text, conf, left) in enumerate(line):
            row = {"level": 5, "page_num": 1, "block_num": number + 1, "par_num": 1, "line_num": 1,
                   "word_num": word_number + 1, "left": left, "top": 40 * number + 10,
                   "width": 30 * len(text), "height": 28, "conf": conf, "text": text}
            for key, values in data.items():
                values.append(row[key])
    return data


def _glyphs(lines: list[list[tuple[str, int]]], score: float) -> list[Glyph]:
    """The witness's reading: each line's characters (text, left edge), 30 pixels wide each."""
    return [Glyph(text, score, (left, 40 * number + 12, left + 30, 40 * number + 36), number)
            for number, line in enumerate(lines) for text, left in line]


def _chars(text: str, left: int) -> list[tuple[str, int]]:
    return [(char, left + 30 * n) for n, char in enumerate(text)]


def _witnessed(monkeypatch: pytest.MonkeyPatch, page: list[Line], seen: list[list[tuple[str, int]]],
               score: float = 0.98) -> dict[str, list[Any]]:
    data = _tsv(page)
    monkeypatch.setattr(han_lines, "witness_strips", lambda image, strips: _glyphs(seen, score))
    han_lines.witness_lines(np.full((400, 1200), 255, np.uint8), data, [])
    return data


def _read(data: dict[str, list[Any]]) -> dict[str, float]:
    return {text: float(conf) for text, conf in zip(data["text"], data["conf"]) if text}


NOMINEE = [[("称谓或职衔：", 91.0, 100), ("先生", 93.0, 400)],
           [("名：", 90.0, 100), ("国强", 88.0, 400)],
           [("姓：", 90.0, 100), ("赵", 72.0, 400)],
           [("电子邮件：", 92.0, 100), ("zhaoguoqiang@cac.gov.cn", 90.0, 400)]]
"""A nominee's label/value lines as the page pass read them right."""
SEEN = [_chars("称谓或职衔：", 100) + _chars("先生", 400), _chars("名：", 100) + _chars("国强", 400),
        _chars("姓：", 100) + _chars("赵", 400), _chars("电子邮件：", 100)]
"""The witness's reading of the same lines (its addresses left out: they have witnesses of their own)."""


def test_what_both_engines_read_is_sure(monkeypatch: pytest.MonkeyPatch) -> None:
    read = _read(_witnessed(monkeypatch, NOMINEE, SEEN))
    assert read["赵"] == AGREED and read["国强"] == AGREED
    assert read["zhaoguoqiang@cac.gov.cn"] == 90.0  # an address is not the witness's to judge


@pytest.mark.parametrize(("misread", "kept", "confidence"), [
    ("ak", "姓:", DISPUTED),  # a label Tesseract took for Latin: the witness's reading, doubted
    ("姓：", "姓：", AGREED),  # read alike: Tesseract's, sure
    ("YE:", "姓:", DISPUTED),
])
def test_a_short_label_read_as_latin_is_the_witnesses(monkeypatch: pytest.MonkeyPatch, misread: str, kept: str,
                                                     confidence: float) -> None:
    page = [list(line) for line in NOMINEE]
    page[2][0] = (misread, 41.0, 100)
    read = _read(_witnessed(monkeypatch, page, SEEN))
    assert kept in read and read.get(kept) == confidence
    assert misread not in read or misread == kept


def _with_surname(read: str, email: str) -> list[Line]:
    page = [list(line) for line in NOMINEE]
    page[2][1] = (read, 90.0, 400)
    page[3][1] = (email, 90.0, 400)
    page[2] = [word for word in page[2] if word[0]]
    return page


@pytest.mark.parametrize(("read", "email", "kept", "confidence"), [
    ("主", "zhaoguoqiang@cac.gov.cn", "赵", AGREED),  # the address spells the witness's '赵', not '主'
    ("起", "guoqiang.zhao@cac.gov.cn", "赵", AGREED),
    ("主", "office@cac.gov.cn", "主", DISPUTED),  # an office box settles nothing
    ("主", "zhuguoqiang@cac.gov.cn", "主", DISPUTED),  # nor an address that spells Tesseract's reading
    ("", "zhaoguoqiang@cac.gov.cn", "赵", AGREED),  # a name Tesseract dropped, found by the witness
    ("", "office@cac.gov.cn", "赵", DISPUTED),
])
def test_a_name_the_engines_disagree_on_is_doubted_unless_its_address_spells_it(
        monkeypatch: pytest.MonkeyPatch, read: str, email: str, kept: str, confidence: float) -> None:
    found = _read(_witnessed(monkeypatch, _with_surname(read, email), SEEN))
    assert found[kept] == confidence
    assert found["国强"] == AGREED


def test_an_unsure_witness_says_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    page = _with_surname("主", "zhaoguoqiang@cac.gov.cn")
    assert _read(_witnessed(monkeypatch, page, SEEN, score=0.6)) == _read(_tsv(page))


def test_the_witness_never_makes_its_own_reading_of_a_name_sure_without_an_address(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for read in ("主", "ak", "", "王", "YE"):
        page = _with_surname(read, "office@cac.gov.cn")
        found = _read(_witnessed(monkeypatch, page, SEEN))
        assert all(conf < FIELD_THRESHOLD * 100 for text, conf in found.items() if "赵" in text or text in "主王")


def test_characters_the_witness_places_half_a_character_off_are_read_in_their_words(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """PP-OCR estimates where each character of a line stands; its text, aligned with the words', says
    which word read which character."""
    page = [[("职务：", 88.0, 100), ("国际", 82.0, 190), ("合作", 97.0, 250), ("局处长", 96.0, 310)]]
    seen = [[(char, 100 + 30 * n + 15) for n, char in enumerate("职务：国际合作局处长")]]
    read = _read(_witnessed(monkeypatch, page, seen))
    assert read == {"职务：": AGREED, "国际": AGREED, "合作": 97.0, "局处长": 96.0}


def test_a_paragraphs_number_read_as_chinese_is_the_witnesses_digits(monkeypatch: pytest.MonkeyPatch) -> None:
    page = [[("工.", 56.0, 100), ("称谓或职衔", 90.0, 160), ("先生", 95.0, 400)]]
    seen = [_chars("1.", 100) + _chars("称谓或职衔", 160) + _chars("先生", 400)]
    assert "1." in _read(_witnessed(monkeypatch, page, seen))
    page[0][0] = ("1，，", 51.0, 100)  # and a number read with other signs
    assert "1." in _read(_witnessed(monkeypatch, page, seen))
    page[0][0] = ("工", 91.0, 100)  # a sure character stays
    assert "工" in _read(_witnessed(monkeypatch, page, seen))


def test_a_sign_read_for_a_chinese_character_is_doubted(monkeypatch: pytest.MonkeyPatch) -> None:
    """'一' read as a dash: the value's other characters agree, the reading is still wrong."""
    page = [[("职务：", 95.0, 100), ("-级调研员", 88.0, 190)]]
    seen = [_chars("职务：一级调研员", 100)]
    assert _read(_witnessed(monkeypatch, page, seen))["-级调研员"] == DISPUTED


@pytest.mark.parametrize("speck", ["”", "“", "|"])
def test_a_colon_read_as_a_speck_is_the_witnesses_colon(monkeypatch: pytest.MonkeyPatch, speck: str) -> None:
    """A bold '：' comes out of Tesseract as '”' glued to the value: '”先生' would be the title."""
    page = [[("称谓或职衔", 95.0, 100), (f"{speck}先生", 93.0, 250)]]
    seen = [_chars("称谓或职衔", 100) + _chars("：先生", 250)]
    read = _read(_witnessed(monkeypatch, page, seen))
    assert read == {"称谓或职衔": 95.0, ":先生": 93.0}


def test_a_latin_letter_the_witness_reads_nothing_for_is_a_speck(monkeypatch: pytest.MonkeyPatch) -> None:
    """'刘' 'x': a speck beside a surname, read as a letter, would be part of the name."""
    page = [[("姓：", 95.0, 100), ("刘", 92.0, 400), ("x", 71.0, 432)], [("名：", 95.0, 100), ("晓燕", 93.0, 400)]]
    seen = [_chars("姓：", 100) + _chars("刘", 400) + [("。", 470)], _chars("名：", 100) + _chars("晓燕", 400)]
    assert "x" not in _read(_witnessed(monkeypatch, page, seen))
    assert "x" in _read(_witnessed(monkeypatch, page, seen, score=0.6))  # an unsure witness says nothing


def _page_with_ink(boxes: list[tuple[int, int, int, int]]) -> np.ndarray:
    page = np.full((400, 1200), 255, np.uint8)
    for x0, y0, x1, y1 in boxes:
        page[y0:y1, x0:x1] = 0
    return page


def test_only_the_lines_in_question_are_read_again() -> None:
    """A line Tesseract read sure and whole is not read again; one with a doubtful word, a Latin guess,
    or ink no word covers (a value dropped as a speck, a line dropped whole) is, across the text column."""
    lines = [[("称谓或职衔：", 95.0, 100), ("先生", 93.0, 400)],  # sure and whole
             [("名：", 95.0, 100), ("国强", 72.0, 400)],  # a doubtful word
             [("ak", 95.0, 100), ("赵", 95.0, 400)],  # a Latin guess
             [("职务：", 95.0, 100)]]  # and ink after it that no word covers
    data = _tsv(lines)
    ink = [(left + 4, 40 * n + 14, left + 30 * len(text) - 4, 40 * n + 34)
           for n, line in enumerate(lines) for text, _, left in line] + [(400, 134, 428, 154)]
    strips = han_lines._strips(_page_with_ink(ink), data, [])
    assert [(top + bottom) // 2 // 40 for _, top, _, bottom in strips] == [1, 2, 3]
    assert all((x0, x1) == (100, 460) for x0, _, x1, _ in strips)
    dropped = _page_with_ink([*ink, (100, 214, 128, 234), (400, 214, 428, 234)])  # a line no word covers
    assert [(top + bottom) // 2 // 40 for _, top, _, bottom in han_lines._strips(dropped, data, [])] == [1, 2, 3, 5]


@dataclass(frozen=True)
class ChineseLetter(FreshLetter):
    """A fresh Chinese letter naming other people (names of one and two characters, pinyin addresses)."""

    people: tuple[tuple[str, str, str, str, str], ...] = MINISTRIES["zh"].people

    @property
    def ministry(self) -> Ministry:
        return replace(MINISTRIES["zh"], people=self.people)


PEOPLE = (
    (("女士", "晓燕", "刘", "一级调研员", "liuxiaoyan"), ("先生", "国强", "赵", "信息化推进司副司长", "zhao.guoqiang"),
     ("博士", "明", "黄", "数字身份项目主管", "huangming")),
    (("先生", "海", "周", "网络安全协调局处长", "zhouhai"), ("女士", "静", "陈", "国际合作局副处长", "chenjing"),
     ("先生", "建军", "孙", "高级工程师", "sunjianjun")),
)
"""Nominees of the variants: given names and surnames of one character beside labels of one character."""


def _judged(letter: FreshLetter, form: Form, seed: int) -> tuple[str, list[Nominee]]:
    m = letter.ministry
    raw = mail(sender=f"registry@{m.domain}", subject=m.subject, body="Please find our letter attached.\n",
               attachments=image_forms(letter_pdf(letter), form, seed))
    judgement = judge(raw, Settings())
    return judgement.decision.kind, judgement.nomination.nominees


def _as_printed(nominees: list[Nominee]) -> list[tuple[str | None, ...]]:
    return [(n.title, n.first_name, n.last_name, n.job_title, n.role, n.organization, (n.email or "").lower())
            for n in nominees]


_SETTINGS: list[tuple[Layout, LabelStyle, tuple[tuple[str, str, str, str, str], ...], Form]] = [
    ("kv", "colon", PEOPLE[0], "scan150-grey"), ("numbered", "plain", PEOPLE[1], "scan200-1bit"),
    ("kv", "bold", PEOPLE[1], "photo-exif"), ("numbered", "colon", PEOPLE[0], "tiff200-1bit")]
VARIANTS = [(ChineseLetter("zh", 3, layout, style, "above", people=people), form, seed)
            for seed, (layout, style, people, form) in enumerate(_SETTINGS)]
"""Label/value lines (a label column, numbered paragraphs; labels with and without colons, bold) on scans,
a fax and a photo, naming people of one-character names."""


@pytest.mark.slow
@pytest.mark.parametrize(("letter", "form", "seed"), VARIANTS, ids=lambda v: getattr(v, "layout", str(v)))
def test_chinese_label_lines_on_images_are_read_as_printed_or_doubted_and_never_confirmed_otherwise(
        letter: ChineseLetter, form: Form, seed: int) -> None:
    """Every nominee is found, and each name and title is read as printed or held below what a field is
    confirmed on; a letter is confirmed only as printed."""
    decision, nominees = _judged(letter, form, seed)
    printed = letter.expected_nominees()
    assert decision != "confirmed" or _as_printed(nominees) == _as_printed(printed), f"confirmed with {nominees}"
    assert len(nominees) == len(printed)
    for read, wanted in zip(nominees, printed):
        for key in ("title", "first_name", "last_name"):
            right = getattr(read, key) == getattr(wanted, key)
            assert right or read.confidence.get(key, 1.0) < FIELD_THRESHOLD, f"{key}: {read}"
