"""A field OCR read empty counts as truly empty only when the scanned page shows it empty.

Real Tesseract on Annex 2 letters drawn in code (tests/extractors/scan_letters.py),
scanned at 150 to 300 dpi, in grey and one bit, and photographed, in the
Latin and Cyrillic scripts. A label printed with nothing beside it is blank;
a value printed so pale, or so scrawled, that OCR cannot read it is ink all
the same, and the field stays doubtful (a one-bit scanner drops pale ink
altogether: that page is blank, so pale values are tested in grey and photos).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PIL import Image, ImageDraw

from extractors.model import Document
from extractors.readers import read_attachment
from extractors.readers.blank_fields import blank_fields
from tests.extractors.scan_letters import (LETTERS, _font, at_dpi, jpeg, letter_page, one_bit, photographed,
                                           scanned_pdf)
from tests.extractors.test_readers_inputs import attachment

pytestmark = pytest.mark.slow

Device = Callable[[Image.Image], tuple[bytes, str]]
DEVICES: dict[str, Device] = {
    "150dpi-grey": lambda page: (scanned_pdf(at_dpi(page, 150), 150), "scan.pdf"),
    "200dpi-1bit": lambda page: (scanned_pdf(one_bit(at_dpi(page, 200)).convert("L"), 200), "scan.pdf"),
    "300dpi-grey": lambda page: (scanned_pdf(page, 300), "scan.pdf"),
    "photo": lambda page: (jpeg(photographed(page)), "photo.jpg"),
}
EMPTIED = {"en": ("Last name:", "last_name"), "fr": ("Prénom :", "first_name"),
           "es": ("Apellido:", "last_name"), "ru": ("Фамилия:", "last_name")}
CASES = [("en", "150dpi-grey"), ("fr", "200dpi-1bit"), ("es", "photo"), ("ru", "300dpi-grey"),
         ("ru", "photo"), ("en", "200dpi-1bit")]


def _read(page: Image.Image, device: str) -> Document:
    data, name = DEVICES[device](page)
    document = read_attachment(attachment(data, filename=name))
    assert document is not None
    return document


def _page_with(language: str, value: str) -> Image.Image:
    """The language's letter with one field's value replaced ('' leaves the label alone)."""
    letter = LETTERS[language]
    label, _ = EMPTIED[language]
    return letter_page(letter, tuple((lab, value if lab == label else val) for lab, val in letter.fields))


@pytest.mark.parametrize(("language", "device"), CASES)
def test_a_label_printed_alone_is_a_blank_field(language: str, device: str) -> None:
    field = EMPTIED[language][1]
    document = _read(_page_with(language, ""), device)
    assert blank_fields(document.pages, [{field}]) == [{field}]


@pytest.mark.parametrize(("language", "device"), [case for case in CASES if "1bit" not in case[1]])
def test_a_pale_value_is_ink_though_ocr_cannot_read_it(language: str, device: str) -> None:
    page = _page_with(language, "")
    label, field = EMPTIED[language]
    row = [lab for lab, _ in LETTERS[language].fields].index(label)
    ImageDraw.Draw(page).text((1250, 500 + 2 * 110 + 120 + 110 * row), "Okonkwo-Baptiste", fill=205,
                              font=_font("en", 46))
    document = _read(page, device)
    assert blank_fields(document.pages, [{field}]) == [set()]


def test_a_scrawled_value_is_ink_though_it_is_no_text() -> None:
    page = _page_with("en", "")
    draw = ImageDraw.Draw(page)
    y = 500 + 2 * 110 + 120 + 110 * 2 + 25
    draw.line([(1250, y), (1320, y - 30), (1390, y + 10), (1470, y - 25), (1540, y)], fill=30, width=5)
    document = _read(page, "300dpi-grey")
    assert blank_fields(document.pages, [{"last_name"}]) == [set()]


def test_a_field_is_judged_only_when_each_nominee_has_its_label() -> None:
    document = _read(_page_with("en", ""), "300dpi-grey")
    assert blank_fields(document.pages, [{"last_name"}, {"last_name"}]) == [set(), set()]

