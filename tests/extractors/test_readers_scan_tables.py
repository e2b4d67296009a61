"""Ruled Annex 2 tables on scans and photos are read cell by cell, wrapped cells whole, by real Tesseract.

Each variant is the same kind of table set differently (column widths that
cut an e-mail address before a dot or inside a word, sans or serif type)
and sent as an office scanner or a phone sends it (150-300 dpi, grey or one
bit, photographed at an angle so that the rules run slanted).
"""

from __future__ import annotations

import pytest

from extractors.fields.roles import normalise_role
from extractors.fields.table import parse_tables
from extractors.model import Attachment, Nominee
from extractors.readers import read_attachment
from extractors.readers.word_confidence import value_confidence
from rules.confident import FIELD_THRESHOLD
from tests.extractors.scan_letters import at_dpi, jpeg, one_bit, pale, photographed, scanned_pdf
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



_CHINESE_WIDTHS = (190, 150, 190, 420, 380, 380, 420)
"""A title, a one-character surname and a given name in narrow columns: cells of one or two characters."""


def _chinese_table_read(data: bytes, filename: str, letter: TableLetter, exact: bool) -> None:
    """Every name and title read as printed (`exact`), or else missing (asked about) or doubted: OCR's
    confidence in it below what is acted on. A wrong value read with confidence fails."""
    document = read_attachment(Attachment(filename, "application/octet-stream", data))
    assert document is not None
    nominees = parse_tables(document.tables)[0]
    assert [n.email for n in nominees] == [row[6] for row in letter.rows]
    for nominee, row in zip(nominees, letter.rows):
        assert nominee.role in (normalise_role(row[4]), None)  # a role not made out is asked about, never guessed
        for key, printed in (("title", row[0]), ("last_name", row[1]), ("first_name", row[2])):
            read = getattr(nominee, key)
            sure = value_confidence(document.pages, read) if read else None
            doubted = read is None or sure is not None and sure < FIELD_THRESHOLD
            assert read == printed or not exact and doubted, f"{key}: {read!r} ({sure})"


@pytest.mark.parametrize(("family", "dpi", "bits", "exact"), [
    ("serif", 150, 1, False), ("serif", 200, 8, True), ("sans", 200, 1, False), ("serif", 300, 1, True)])
def test_chinese_cells_of_one_or_two_characters_are_read_on_scans(family: str, dpi: int, bits: int,
                                                                   exact: bool) -> None:
    """Song type thresholded to one bit loses its thin strokes: OSD then turns the page upside
    down and takes it for Latin, and with English loaded short cells come out as Latin guesses."""
    letter = TABLE_LETTERS["zh"]
    page = at_dpi(table_letter_page(letter, _CHINESE_WIDTHS, family), dpi)
    page = one_bit(page) if bits == 1 else page
    _chinese_table_read(scanned_pdf(page, dpi), "SKM_C300.pdf", letter, exact)


@pytest.mark.parametrize("ink", [0, 120])
def test_chinese_cells_of_one_or_two_characters_are_read_on_a_photo(ink: int) -> None:
    """A phone photo of Song type, black or pale: '雨' comes out as '两' at times, and is then doubted."""
    letter = TABLE_LETTERS["zh"]
    photo = photographed(pale(table_letter_page(letter, _CHINESE_WIDTHS, "serif"), ink), width=1700, height=2300)
    _chinese_table_read(jpeg(photo), "IMG_0001.jpg", letter, exact=False)
