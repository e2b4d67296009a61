"""A second OCR engine (PP-OCR) witnesses the Chinese cells of tables on images, read by real engines.

Tesseract's small Chinese model takes '晓' for '娆', '赵' for '起', '博士'
for '寺士' on scans and photos, sometimes sure of it. PP-OCR reads every
Chinese cell again: what both engines read is trusted, a difference leaves
the cell doubtful (asked about), and only Annex 2's closed list of
honorifics settles a difference in the witness's favour. The engine's
models are the wheel's own files: it reads with no network at all.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractors.readers import han_witness, ruled
from extractors.readers.han_cells import DISPUTED
from extractors.readers.han_witness import AGREED, WITNESS_SURE, Verdict, judge, spelled_by_address, witness_cells
from extractors.readers.ruled import read_cells
from tests.extractors.scan_letters import CJK, at_dpi, jpeg, one_bit, pale, photographed, scanned_pdf, stored_sideways
from tests.extractors.scan_tables import TableLetter, table_letter_page
from tests.extractors.test_readers_scan_tables import _CHINESE_WIDTHS, _chinese_table_read


def _closed_list(text: str) -> bool:
    """A few of Annex 2's Chinese words: honorifics, labels, roles."""
    return text in ("博士", "女士", "先生", "电子邮件", "职务", "主要联系人", "指定候补代表", "指定顾问")


@pytest.mark.parametrize(("kept", "others", "witness", "verdict"), [
    ("张", [], ("张", 0.99), Verdict(confidence=AGREED)),  # both engines read it: sure
    ("常驻 日内瓦", [], ("常驻日内瓦", 0.98), Verdict(confidence=AGREED)),  # spaces are no difference
    ("起", ["赵"], ("赵", 0.97), Verdict(text="赵", confidence=AGREED)),  # Tesseract's other reading, witnessed
    ("寺士", [], ("博士", 0.99), Verdict(text="博士", confidence=AGREED)),  # the closed list settles it
    ("电池由作", [], ("电子邮件", 0.99), Verdict(text="电子邮件", confidence=AGREED)),  # a label too
    ("主此上联系人", [], ("主要联系人", 0.99), Verdict(text="主要联系人", confidence=AGREED)),  # and a role
    ("指定磊问", [], ("指定候补代表", 0.99), Verdict(doubted=frozenset("磊问"))),  # not another role's length
    ("", [], ("先生", 0.99), Verdict(text="先生", confidence=DISPUTED)),  # nor a cell Tesseract read nothing in
    ("娆明", [], ("晓明", 0.99), Verdict(doubted=frozenset("娆"))),  # one engine against the other: doubted
    ("博士", [], ("博土", 0.95), Verdict(doubted=frozenset("士"))),  # a sure honorific is not given up either
    ("Beak", [], ("晓燕", 0.99), Verdict(text="晓燕", confidence=DISPUTED)),  # read by the witness alone: doubted
    ("起", ["赵"], ("超", 0.5), Verdict()),  # an unsure witness says nothing
    ("寺士", ["博士"], ("士", 0.8), Verdict(text="博士", confidence=AGREED)),  # but Tesseract's other reading,
    ("寺士", ["博士", "専士"], ("", 0.0), Verdict(text="博士", confidence=AGREED)),  # in the closed list, settles it
    ("博士", ["寺士"], ("", 0.0), Verdict()),  # never against a listed reading
    ("指定磊问", ["先生"], ("", 0.0), Verdict()),  # nor a word of another length
    ("起", [], ("", 0.0), Verdict()),  # nor one that found nothing
    ("GCC", [], ("GCC", 0.99), Verdict()),  # nor one that reads no Chinese
])
def test_two_engines_confirm_what_both_read_and_doubt_where_they_differ(
        kept: str, others: list[str], witness: tuple[str, float], verdict: Verdict) -> None:
    assert judge(kept, others, witness, _closed_list) == verdict


def test_a_witness_never_makes_a_reading_sure_that_only_it_gives_outside_the_closed_list() -> None:
    for kept in ("起", "Beak", "", "寺士"):
        found = judge(kept, [], ("赵晓", 0.999), _closed_list)
        assert found.confidence in (None, DISPUTED)


def test_a_dash_tesseract_reads_where_the_witness_reads_the_han_stroke_is_doubted() -> None:
    """'一' is one horizontal stroke: Tesseract's Chinese model takes it for a dash ('-级调研员'). The witness
    alone does not make the stroke sure, and the dash is not kept sure either: the cell is doubted."""
    for dash in "-—－":
        assert judge(f"{dash}级调研员", [], ("一级调研员", 0.99), _closed_list) == Verdict(doubted=frozenset(dash))
        assert judge(f"第{dash}副司长", [], ("第一副司长", 0.95), _closed_list) == Verdict(doubted=frozenset(dash))
    assert judge("-级调研员", [], ("一级调研员", 0.5), _closed_list) == Verdict()  # an unsure witness says nothing
    assert judge("-级调研贝", [], ("一级调研员", 0.99), _closed_list) == Verdict(doubted=frozenset("-贝"))
    assert judge("一级调研员", [], ("-级调研员", 0.99), _closed_list) == Verdict(doubted=frozenset("一"))


def _cells(texts: list[str], size: int) -> tuple[np.ndarray, list[list[list[tuple[int, int, int, int]]]]]:
    page = Image.new("L", (360, 60 * len(texts) + 40), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(CJK.with_name("NotoSerifCJK-Regular.ttc")), size, index=2)
    rows = []
    for number, text in enumerate(texts):
        draw.text((40, 30 + number * 60), text, font=font, fill=0)
        rows.append([(24, 22 + number * 60, 330, 22 + number * 60 + 52)])
    return np.asarray(page), [rows]


def _no_network(*_: Any, **__: Any) -> None:
    raise AssertionError("the witness tried to reach the network")


@pytest.mark.slow
def test_the_witness_reads_with_its_bundled_models_and_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)
    han_witness._engine.cache_clear()
    page, tables = _cells(["晓燕", "赵", "博士"], 30)
    read = witness_cells(page, [row[0] for row in tables[0]])
    assert [text for text, _ in read] == ["晓燕", "赵", "博士"]
    assert all(score >= WITNESS_SURE for _, score in read)
    assert han_witness._engine() is han_witness._engine()  # loaded once, kept for the next letter


@pytest.mark.slow
def test_cells_the_witness_disagrees_with_are_left_in_doubt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real Tesseract reads the cells right and sure; a witness reading other characters (as PP-OCR
    might on a worse page) puts the cells' words below what a field is confirmed on."""
    page, tables = _cells(["黄", "晓明"], 32)
    monkeypatch.setattr(ruled, "witness_cells", lambda image, boxes: [("萧", 0.99), ("娆明", 0.99)])
    read = read_cells(page, tables, "chi_sim+eng", "chi_sim")
    assert read.tables == [[["黄"], ["晓明"]]]
    for char in ("黄", "晓"):  # the characters the witness read otherwise; '明' it read too
        assert max(word.confidence for word in read.words if char in word.text) <= DISPUTED


HARD_NAMES = TableLetter("zh", "现将代表信息列示如下：",
                         ("职衔", "姓", "名", "现任职务", "在委员会中的角色", "工作单位", "邮箱"),
                         (("女士", "刘", "晓燕", "一级调研员", "主要联系人", "工业和信息化部",
                           "liuxiaoyan@miit.gov.cn"),
                          ("博士", "赵", "佳琪", "信息化推进司副司长", "指定候补代表", "国家数据局",
                           "zhao_jq@nda.gov.cn"),
                          ("先生", "黄", "晓明", "数字身份项目主管", "指定顾问", "国家数据局",
                           "xiaoming.huang@nda.gov.cn")))
"""Names and honorifics the small Chinese model misreads on scans and photos ('娆' for '晓', '起' for '赵')."""


@pytest.mark.slow
@pytest.mark.parametrize(("dpi", "bits"), [(150, 8), (200, 8), (300, 1), (300, 8)])
def test_hard_chinese_names_on_scans_are_read_right(dpi: int, bits: int) -> None:
    """Tesseract alone reads only the 150 dpi grey variant of these whole; the others lose '晓燕' or
    '先生' (read as Latin or nothing) or misread a name, and with the witness all of them read right."""
    page = at_dpi(table_letter_page(HARD_NAMES, _CHINESE_WIDTHS, "serif"), dpi)
    page = one_bit(page) if bits == 1 else page
    _chinese_table_read(scanned_pdf(page, dpi), "SKM_C300.pdf", HARD_NAMES, exact=True)


@pytest.mark.slow
@pytest.mark.parametrize("sideways", [False, True])
def test_hard_chinese_names_on_a_photo_are_read_right_or_doubted(sideways: bool) -> None:
    """A pale photo: a speck before '晓明' read as '了' by Tesseract and not by the witness leaves the
    name doubted, never confirmed as '了晓明'."""
    photo = photographed(pale(table_letter_page(HARD_NAMES, _CHINESE_WIDTHS, "serif"), 90), width=1700, height=2300)
    data = stored_sideways(photo) if sideways else jpeg(photo)
    _chinese_table_read(data, "IMG_0001.jpg", HARD_NAMES, exact=False)


@pytest.mark.parametrize(("kept", "seen", "partners", "email", "settled"), [
    ("娆明", "晓明", ["黄", "博士"], "xiaoming.huang@nda.gov.cn", True),  # the address spells the witness's
    ("起", "赵", ["佳琪"], "zhao_ji@nda.gov.cn", True),  # a surname settled with the given name
    ("晓明", "娆明", ["黄"], "xiaoming.huang@nda.gov.cn", False),  # and never the other way round
    ("娆明", "晓明", ["黄"], "office@nda.gov.cn", False),  # an office box spells no name
    ("晓燕", "晓赞", ["刘"], "liuxiaoyan@miit.gov.cn", False),
    ("张", "弓长", [], "zhang_we@mddi.gov.sg", False),
])
def test_an_address_that_spells_one_engines_reading_settles_their_difference(
        kept: str, seen: str, partners: list[str], email: str, settled: bool) -> None:
    assert spelled_by_address(kept, seen, partners, email) is settled


_READ_IN_A_FRESH_PROCESS = """
import sys
from extractors.model import Attachment
from extractors.readers import read_attachment
from tests.extractors.scan_letters import scanned_pdf
from tests.extractors.scan_tables import TABLE_LETTERS, table_letter_page
page = table_letter_page(TABLE_LETTERS[sys.argv[1]], (190, 250, 260, 330, 330, 420, 600))
read_attachment(Attachment("scan.pdf", "application/pdf", scanned_pdf(page, 300)))
print("rapidocr" in sys.modules, "onnxruntime" in sys.modules)
"""


@pytest.mark.slow
@pytest.mark.parametrize(("language", "loaded"), [("en", "False False"), ("zh", "True True")])
def test_the_witness_is_loaded_only_for_a_chinese_table(language: str, loaded: str) -> None:
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", _READ_IN_A_FRESH_PROCESS, language], cwd=root, check=True,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(root)})
    assert done.stdout.split("\n")[-2] == loaded


STROKE_CELLS = ["一级调研员", "第一副司长", "一等秘书"]
"""Chinese cells holding the one-stroke '一', which Tesseract's Chinese model may read as a dash."""
STROKE_VARIANTS = [(face, size, blur) for face in ("NotoSansCJK-Regular.ttc", "NotoSerifCJK-Regular.ttc",
                                                  "NotoSerifCJK-Bold.ttc") for size, blur in ((11, 0.6), (13, 1.0))]
"""Faces, sizes (pixels) and the blur of a phone's photo: the bold serif at 11 pixels is read '-级调研册'."""


@pytest.mark.slow
@pytest.mark.parametrize(("face", "size", "blur"), STROKE_VARIANTS,
                         ids=[f"{f.split('.')[0]}-{s}px-blur{b}" for f, s, b in STROKE_VARIANTS])
def test_a_han_stroke_is_never_kept_as_a_sure_dash(face: str, size: int, blur: float) -> None:
    """Real Tesseract and PP-OCR on cells photographed small: each cell is read as printed, or what is
    read otherwise (a dash for the stroke among it) is below what a field is confirmed on."""
    scale = 3
    page = Image.new("L", (360 * scale, (60 * len(STROKE_CELLS) + 40) * scale), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(CJK.with_name(face)), size * scale, index=2)
    for number, text in enumerate(STROKE_CELLS):
        draw.text((40 * scale, (30 + number * 60) * scale), text, font=font, fill=0)
    page = page.resize((360, 60 * len(STROKE_CELLS) + 40), Image.Resampling.LANCZOS).filter(ImageFilter.GaussianBlur(blur))
    tables = [[[(24, 22 + number * 60, 330, 22 + number * 60 + 52)] for number in range(len(STROKE_CELLS))]]
    read = read_cells(np.asarray(page), tables, "chi_sim+eng", "chi_sim")
    cells = [row[0] if row else "" for row in (read.tables[0] if read.tables else [])]
    for printed, cell in zip(STROKE_CELLS, cells):
        if cell != printed:
            unsure = [word for word in read.words if set(word.text) & (set(cell) - set(printed))]
            assert all(word.confidence <= DISPUTED for word in unsure), f"{printed!r} read {cell!r}"
