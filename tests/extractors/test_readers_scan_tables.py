"""Ruled Annex 2 tables on scans and photos are read cell by cell, wrapped cells whole, by real Tesseract.

Each variant is the same kind of table set differently (column widths that
cut an e-mail address before a dot or inside a word, sans or serif type)
and sent as an office scanner or a phone sends it (150-300 dpi, grey or one
bit, photographed at an angle so that the rules run slanted).
"""

from __future__ import annotations

import pytest

from extractors.fields.table import parse_tables
from extractors.model import Attachment, Nominee
from extractors.readers import read_attachment
from tests.extractors.scan_letters import at_dpi, jpeg, one_bit, photographed, scanned_pdf
from tests.extractors.scan_tables import TABLE_LETTERS, TableLetter, column_cutting, table_letter_page

pytestmark = pytest.mark.slow

_BASE = (190, 250, 260, 330, 330, 420)
"""Widths of the six columns before the e-mail column: long titles and organisations wrap."""


def _nominees(data: bytes, filename: str) -> list[Nominee]:
    document = read_attachment(Attachment(filename, "application/octet-stream", data))
    assert document is not None
    return parse_tables(document.tables)[0]


def _as_printed(letter: TableLetter) -> list[tuple[str, str, str]]:
    return [(row[1], row[2], row[6]) for row in letter.rows]


def _read(nominees: list[Nominee]) -> list[tuple[str | None, str | None, str | None]]:
    return [(n.first_name, n.last_name, n.email) for n in nominees]


@pytest.mark.parametrize(("language", "family", "dpi", "bits"), [
    ("en", "sans", 300, 8), ("en", "serif", 200, 1), ("fr", "serif", 200, 8),
    ("ru", "sans", 150, 8), ("ar", "sans", 300, 8),
])
def test_address_cut_before_a_dot_is_read_whole(language: str, family: str, dpi: int, bits: int) -> None:
    letter = TABLE_LETTERS[language]
    widths = (*_BASE, column_cutting(letter.rows[0][6], ".", family))
    page = at_dpi(table_letter_page(letter, widths, family), dpi)
    page = one_bit(page) if bits == 1 else page
    assert _read(_nominees(scanned_pdf(page, dpi), "scan.pdf")) == _as_printed(letter)


@pytest.mark.parametrize(("language", "cut_before"), [("en", "@"), ("ru", "."), ("fr", "@")])
def test_photographed_table_with_slanted_rules_keeps_its_columns(language: str, cut_before: str) -> None:
    letter = TABLE_LETTERS[language]
    widths = (*_BASE, column_cutting(letter.rows[0][6], cut_before))
    photo = photographed(table_letter_page(letter, widths), width=1700, height=2300)
    nominees = _nominees(jpeg(photo), "IMG_0001.jpg")
    assert _read(nominees) == _as_printed(letter)
    assert [n.role for n in nominees] == ["primary", "alternate"]

