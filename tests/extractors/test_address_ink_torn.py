"""An address a line break cuts in two is checked against its ink in both parts before anyone trusts it.

Running text wraps wherever its line is full: Chinese anywhere (after a
dot, inside a word, at the '@'), Latin at a dot or the '@'. Prose letters
are drawn in code with a CJK or a Latin font, scanned at an office's
resolutions in grey and in one bit, and read by real Tesseract. Each part
of every cut address must be accounted for by its ink; where the page's
reading of a part loses a mark or a letter the ink shows, the address is
doubted, and so the letter stays with a person.
"""

from __future__ import annotations

import dataclasses
from functools import cache

import numpy as np
import pytest

from extractors.fields import parse_letter
from extractors.model import Document, Page, Word
from extractors.readers import read_attachment
from extractors.readers.address_ink import ink_doubt
from extractors.readers.torn_address import torn_parts
from tests.extractors.scan_letters import at_dpi, one_bit, prose_page, scanned_pdf
from tests.extractors.test_readers_inputs import attachment

pytestmark = pytest.mark.slow

CHINESE = [
    "中华人民共和国中国人民银行数字货币研究所谨复电信标准化局第006号通函，正式确认参加",
    "OpenWallet论坛政府咨询委员会（GCC）。",
    "兹提名：中国人民银行数字货币研究所高级工程师赵婷女士担任主要联系人，电子邮件：ting.",
    "zhao@pbc.gov.cn。中国人民银行数字货币研究所标准化研究室主任周海涛博士担任指定候补代",
    "表，电子邮件：zhou_ha",
    "@pbc.gov.cn。数码发展及新闻部数字身份项目主管陈思雨女士担任代表，电子邮件：Ch",
    "ensiyu@mddi.gov.sg。",
    "特此函告。",
]
"""A Chinese prose letter whose three addresses the wrapping cuts after a dot, at the '@' and inside a word."""

LATIN = [
    "We have the honour to nominate Dr Amina Otieno, Senior Engineer, Ministry of ICT, as primary",
    "contact for the GCC, e-mail: amina.",
    "otieno@ict.go.ke, and Mr Kofi Mensah, Director, as alternate, e-mail: kofi_mensah",
    "@moc.gov.gh. Please also copy Ms Lucia Fernandez, e-mail: fernan",
    "dez@mintic.gob.co.",
]
"""A Latin prose letter with its addresses cut the same three ways."""

PRINTED = {"zh": ["ting.zhao@pbc.gov.cn", "zhou_ha@pbc.gov.cn", "chensiyu@mddi.gov.sg"],
           "en": ["amina.otieno@ict.go.ke", "kofi_mensah@moc.gov.gh", "fernandez@mintic.gob.co"]}

SCANS = [("zh", 150, "grey"), ("zh", 200, "grey"), ("zh", 300, "grey"), ("zh", 150, "1-bit"),
         ("zh", 300, "1-bit"), ("en", 200, "grey"), ("en", 300, "1-bit")]


@cache
def scanned(language: str, dpi: int, colour: str) -> Document:
    """The prose letter as a scanner at `dpi` makes it, read as the bot reads a scanned PDF."""
    page = at_dpi(prose_page(language, CHINESE if language == "zh" else LATIN), dpi)
    page = one_bit(page) if colour == "1-bit" else page
    document = read_attachment(attachment(scanned_pdf(page, dpi), filename="scan0001.pdf"))
    assert document is not None and document.kind == "scan"
    return document


def misread(document: Document, starts: str, printed: str, lost: str) -> list[Page]:
    """The pages as if OCR had read `printed` as `lost` (a mark or a letter gone) in the word starting with `starts`."""
    pages = []
    for page in document.pages:
        words = [dataclasses.replace(w, text=w.text.replace(printed, lost)) if w.text.startswith(starts) else w
                 for w in page.words]
        pages.append(dataclasses.replace(page, words=words))
    return pages


def _ids(scan: tuple[str, int, str]) -> str:
    return "-".join(map(str, scan))


@pytest.mark.parametrize("scan", SCANS, ids=_ids)
def test_an_address_cut_by_a_line_break_is_accounted_for_by_its_ink_in_both_parts(
        scan: tuple[str, int, str]) -> None:
    document = scanned(*scan)
    assert [ink_doubt(document.pages, address) for address in PRINTED[scan[0]]] == [None, None, None]


@pytest.mark.parametrize("scan", [scan for scan in SCANS if scan[0] == "zh"], ids=_ids)
def test_every_nominee_of_the_chinese_prose_letter_gets_the_address_cut_by_a_line_break(scan: tuple[str, int, str]) -> None:
    """The page's text keeps the two parts on lines that follow each other: a line recovered from ink the
    page pass missed (a 150 dpi grey scan's '周海') is put where it is printed, not between them."""
    language = scan[0]
    nominees = parse_letter(scanned(*scan), language).nominees
    assert [n.email for n in nominees] == PRINTED[language]


LOST = {"zh": [("ting.", "ting.", "ting", "tingzhao@pbc.gov.cn"),  # the dot ending the line, where the cut is
               ("@pbc", "c.gov", "cgov", "zhou_ha@pbcgov.cn"),  # a dot inside the rest
               ("Ch", "Ch", "Cb", "cbensiyu@mddi.gov.sg")],  # a letter of the head
        "en": [("amina.", "amina.", "amina", "aminaotieno@ict.go.ke"),
               ("@moc", "c.gov", "cgov", "kofi_mensah@mocgov.gh"),
               ("dez@", "gob.co", "gobco", "fernandez@mintic.gobco")]}


@pytest.mark.parametrize("scan", SCANS, ids=_ids)
@pytest.mark.parametrize("which", [0, 1, 2], ids=["dot-at-the-cut", "dot-in-the-rest", "letter-of-the-head"])
def test_a_part_read_without_what_its_ink_shows_is_doubted(scan: tuple[str, int, str], which: int) -> None:
    starts, printed, lost, address = LOST[scan[0]][which]
    pages = misread(scanned(*scan), starts, printed, lost)
    assert any(lost in w.text for page in pages for w in page.words), "the misreading was not made"
    doubt = ink_doubt(pages, address)
    assert doubt is not None and f"{address}, cut by a line break" in doubt  # found in its parts, and doubted


def test_an_address_is_cut_only_where_one_line_ends_and_the_next_begins() -> None:
    line = [Word("E-mail:", (60, 100, 100, 112), 0.95), Word("ting.", (104, 100, 130, 112), 0.95),
            Word("zhao@pbc.gov.cn", (134, 100, 220, 112), 0.95)]
    assert torn_parts([Page(number=1, text="", words=line, width=600, height=800,
                            image=np.full((800, 600), 255, np.uint8))], "ting.zhao@pbc.gov.cn") is None


def test_a_cut_address_on_a_page_with_no_pixels_is_not_accounted_for() -> None:
    words = [Word("E-mail: ting.", (60, 100, 200, 112), 0.95), Word("zhao@pbc.gov.cn", (20, 118, 140, 130), 0.95)]
    doubt = ink_doubt([Page(number=1, text="", words=words, width=600, height=800)], "ting.zhao@pbc.gov.cn")
    assert doubt is not None and "not found" in doubt
