"""Tables without rules are rebuilt from where the words stand: header labels, gutters, rows, wrapped cells."""

from __future__ import annotations

import pytest
from PIL import Image

from extractors.fields.normalize import EMAIL, fold
from extractors.fields.table import parse_tables
from extractors.fields.word_table import word_tables
from extractors.model import Attachment, Page, Word
from extractors.readers import read_attachment
from tests.extractors.scan_letters import at_dpi, one_bit, scanned_pdf
from tests.extractors.scan_tables import TABLE_LETTERS, TableLetter, column_cutting, table_letter_page, transposed

_CHAR = 5.0
_LINE = 14.0


def _page(cells: list[tuple[float, float, str]]) -> Page:
    """A page whose words stand where (x, line number, text) says, each word as wide as its letters."""
    words = []
    for x, line, text in cells:
        for word in text.split():
            top = 100 + line * _LINE
            words.append(Word(word, (x, top, x + _CHAR * len(word), top + 10)))
            x += _CHAR * (len(word) + 1)
    return Page(number=1, text="", words=words, width=595, height=842)


_COLUMNS = (40, 110, 190, 270, 370, 460)


def _row_page(rows: list[list[str]], lines: list[int]) -> Page:
    """Cells of each row at the column starts; '|' in a cell wraps it onto the next lines."""
    cells: list[tuple[float, float, str]] = []
    for row, first in zip(rows, lines):
        for x, cell in zip(_COLUMNS, row):
            for offset, piece in enumerate(cell.split("|")):
                if piece:
                    cells.append((x, first + offset, piece))
    return _page(cells)


_HEADER = ["Title", "First name", "Last name", "Job title", "Organization", "E-mail"]


def test_rows_with_wrapped_cells_set_at_the_top() -> None:
    page = _row_page([_HEADER,
                      ["Dr", "Amina", "Otieno", "Director,|Digital|Economy", "Ministry of|ICT", "a.otieno@ict.go.ke"],
                      ["Mr", "John", "Kamau", "Adviser", "Ministry of|ICT", "j.kamau@ict.go.ke"]], [0, 1, 4])
    assert word_tables([page]) == [[
        _HEADER,
        ["Dr", "Amina", "Otieno", "Director,\nDigital\nEconomy", "Ministry of\nICT", "a.otieno@ict.go.ke"],
        ["Mr", "John", "Kamau", "Adviser", "Ministry of\nICT", "j.kamau@ict.go.ke"],
    ]]


def test_rows_with_cells_centred_in_their_row() -> None:
    page = _row_page([_HEADER,
                      ["", "", "", "Senior|Policy|Adviser", "", ""],
                      ["Mrs", "Natalie", "McKenzie", "", "Ministry", "n.mckenzie@mset.gov.jm"],
                      ["", "", "", "Principal|ICT|Officer", "", ""],
                      ["Dr", "Damion", "St. Hill", "", "Ministry", "damions@mset.gov.jm"]], [0, 1, 2, 5, 6])
    nominees, _ = parse_tables(word_tables([page]))
    assert [(n.last_name, n.job_title) for n in nominees] == [("McKenzie", "Senior Policy Adviser"),
                                                              ("St. Hill", "Principal ICT Officer")]


def test_prose_under_the_table_ends_it() -> None:
    page = _row_page([_HEADER, ["Dr", "Amina", "Otieno", "Director", "Ministry", "a.otieno@ict.go.ke"]], [0, 1])
    page.words += _page([(40, 3, "Please accept, Sir, the assurances of my highest consideration and my respect.")]).words
    assert word_tables([page])[0][-1][0] == "Dr"
    assert len(word_tables([page])[0]) == 2


def test_a_column_whose_label_was_lost_keeps_its_cells_to_itself() -> None:
    """The title column's label was not read: its cells belong to no field, never to the first name."""
    page = _row_page([["", *_HEADER[1:]], ["Dr", "Amina", "Otieno", "Director", "Ministry", "a.otieno@ict.go.ke"]], [0, 1])
    nominees, _ = parse_tables(word_tables([page]))
    assert [(n.title, n.first_name) for n in nominees] == [(None, "Amina")]


def test_an_address_whose_wrapped_end_was_misread_is_never_cut_to_a_valid_one() -> None:
    page = _row_page([_HEADER, ["Dr", "Amina", "Otieno", "Director", "Ministry", "a.otieno@ict.go|„ке"]], [0, 1])
    nominees, _ = parse_tables(word_tables([page]))
    assert nominees[0].email == "a.otieno@ict.go„ке"


def test_a_wrapped_address_is_joined_only_from_pieces_ocr_was_sure_of() -> None:
    sure = _row_page([_HEADER, ["Dr", "Amina", "Otieno", "Director", "Ministry", "a.otieno@ict.go|.ke"]], [0, 1])
    doubted = _row_page([_HEADER, ["Dr", "Amina", "Otieno", "Director", "Ministry", "a.otieno@ict.go|.ke"]], [0, 1])
    doubted.words = [Word(w.text, w.box, 0.4 if w.text == ".ke" else 0.95) for w in doubted.words]
    assert parse_tables(word_tables([sure]))[0][0].email == "a.otieno@ict.go.ke"
    assert parse_tables(word_tables([doubted]))[0][0].email == "a.otieno@ict.go .ke"


def test_labels_down_the_first_column_and_a_column_per_representative() -> None:
    page = _page([(40, 0, "Title"), (200, 0, "Dr"), (380, 0, "Mr"),
                  (40, 1, "First name"), (200, 1, "Amina"), (380, 1, "John"),
                  (40, 2, "Last name"), (200, 2, "Otieno"), (380, 2, "Kamau"),
                  (40, 3, "Job title"), (200, 3, "Director, Digital"), (380, 3, "Adviser"),
                  (200, 4, "Economy"),
                  (40, 5, "E-mail"), (200, 5, "a.otieno@ict.go.ke"), (380, 5, "j.kamau@ict.go.ke"),
                  (40, 7, "Please accept, Sir, the assurances of my highest consideration and respect.")])
    nominees, _ = parse_tables(word_tables([page]))
    assert [(n.title, n.last_name, n.job_title, n.email) for n in nominees] == [
        ("Dr", "Otieno", "Director, Digital Economy", "a.otieno@ict.go.ke"),
        ("Mr", "Kamau", "Adviser", "j.kamau@ict.go.ke")]


def test_label_value_lines_are_no_table() -> None:
    page = _page([(40, 0, "Title:"), (200, 0, "Dr"), (40, 1, "First name:"), (200, 1, "Amina"),
                  (40, 2, "Last name:"), (200, 2, "Otieno"), (40, 3, "E-mail:"), (200, 3, "a.otieno@ict.go.ke")])
    assert word_tables([page]) == []


def test_a_page_with_a_ruled_table_is_left_to_it() -> None:
    page = _row_page([_HEADER, ["Dr", "Amina", "Otieno", "Director", "Ministry", "a.otieno@ict.go.ke"]], [0, 1])
    page.tables = [[["First name", "Amina"]]]
    assert word_tables([page]) == []


_BASE = (190, 250, 260, 330, 330, 420)


def _assert_read_as_printed(page: Image.Image, dpi: int, letter: TableLetter) -> None:
    """Each representative's names and role as printed; an address as printed or visibly broken, never another one."""
    document = read_attachment(Attachment("scan.pdf", "application/pdf", scanned_pdf(page, dpi)))
    assert document is not None
    nominees, _ = parse_tables(word_tables(document.pages))
    assert [(fold(n.first_name or ""), fold(n.last_name or ""), n.role) for n in nominees] == [
        (fold(row[1]), fold(row[2]), role) for row, role in zip(letter.rows, ("primary", "alternate"))]
    for nominee, row in zip(nominees, letter.rows):
        assert nominee.email == row[6] or not EMAIL.fullmatch(nominee.email or "")


@pytest.mark.slow
@pytest.mark.parametrize(("language", "family", "dpi", "bits"), [
    ("en", "serif", 300, 8), ("fr", "sans", 200, 8), ("ru", "sans", 200, 8), ("ar", "sans", 300, 8),
    ("en", "sans", 200, 1),
])
def test_unruled_table_on_a_scan_gives_each_representative_whole(language: str, family: str, dpi: int,
                                                                  bits: int) -> None:
    letter = TABLE_LETTERS[language]
    widths = (*_BASE, column_cutting(letter.rows[0][6], "@", family))
    page = at_dpi(table_letter_page(letter, widths, family, ruled=False), dpi)
    _assert_read_as_printed(one_bit(page) if bits == 1 else page, dpi, letter)


@pytest.mark.slow
@pytest.mark.parametrize(("language", "dpi"), [("en", 300), ("ru", 200), ("fr", 150)])
def test_unruled_table_with_labels_down_a_column_on_a_scan(language: str, dpi: int) -> None:
    letter = TABLE_LETTERS[language]
    _assert_read_as_printed(at_dpi(table_letter_page(transposed(letter), (520, 700, 700), ruled=False), dpi), dpi, letter)
