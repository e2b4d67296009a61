"""A word a narrow cell cut at its edge is one word again when the page reads it whole elsewhere, by real Tesseract.

Each table's organisation column is narrower than the ministry's longest words, so
they are cut wherever the line is full ('аэрокосмичес' / 'кой', 'Télécommunicatio' / 'ns');
the opening sentence names the ministry whole, as a letterhead or a letter's first line
does. Variants: sans and serif faces at several sizes, Cyrillic and accented Latin,
phone photos (slanted cells, lines starting further right the lower they are) and scans.
The geometry and the witness are checked on their own below, on lines as Tesseract gives them.
"""

from __future__ import annotations

import pytest

from extractors.fields.table import parse_tables
from extractors.model import Attachment
from extractors.readers import read_attachment
from extractors.readers.cut_words import Breaks, cell_breaks
from extractors.readers.lookalike_glyphs import lookalike_swaps
from extractors.readers.ruled import CellWord, StackedLine
from extractors.readers.word_confidence import value_confidence
from rules.confident import FIELD_THRESHOLD
from tests.extractors.scan_letters import at_dpi, jpeg, photographed, scanned_pdf
from tests.extractors.scan_tables import TableLetter, column_cutting, table_letter_page

_MINISTRIES = {
    "ru": "Министерство цифрового развития, инноваций и аэрокосмической промышленности",
    "fr": "Ministère de la Transformation numérique et des Télécommunications",
    "en": "Ministry of Telecommunications and Infrastructure Development",
}
_ROWS = {
    "ru": (("г-жа", "Гульнара", "Назарова", "Заместитель директора", "Основное контактное лицо",
            "n.gulnara@mdai.gov.kz"),
           ("г-н", "Ерлан", "Назаров", "Советник", "Заместитель", "erlan.nazarov@mdai.gov.kz")),
    "fr": (("M.", "Kouassi", "Ndiaye", "Directeur général", "Contact principal", "k.ndiaye@numerique.gouv.sn"),
           ("Mme", "Aminata", "Diallo", "Cheffe de division", "Suppléante", "aminata.diallo@numerique.gouv.sn")),
    "en": (("Mrs", "Natalie", "McKenzie", "Senior Adviser", "Primary contact", "natalie.mckenzie@mset.gov.jm"),
           ("Dr", "Damion", "Hill", "Principal Officer", "Designated alternate", "damion.hill@mset.gov.jm")),
}
_HEADERS = {
    "ru": ("Обращение", "Имя", "Фамилия", "Должность", "Роль в GCC", "Организация", "E-mail"),
    "fr": ("Titre", "Prénom", "Nom", "Fonction", "Rôle au sein du GCC", "Organisation", "Courriel"),
    "en": ("Title", "First name", "Last name", "Job title", "Role in GCC", "Organization", "E-mail"),
}
_OPENINGS = {"ru": "{} назначает представителей.", "fr": "Le {} désigne ses représentants.",
             "en": "The {} nominates its representatives."}


def _letter(language: str) -> TableLetter:
    ministry = _MINISTRIES[language]
    opening = _OPENINGS[language].format(ministry if language != "fr" else ministry.replace("Ministère", "ministère"))
    rows = tuple((*row[:5], ministry, row[5]) for row in _ROWS[language])
    return TableLetter(language, opening, _HEADERS[language], rows)


_END_PAD = 30
"""Pixels more padding on the right than on the left: a line full to the wrap ends well short of the rule."""


def _cutting_width(language: str, family: str, size: int) -> int:
    """An organisation column (pixels, padding included) that cuts the ministry's longest word after four fifths
    of its letters (and any word as long as that)."""
    longest = max(_MINISTRIES[language].split(), key=len)
    return column_cutting(longest, longest[len(longest) * 4 // 5:], family, size) + _END_PAD


@pytest.mark.slow
@pytest.mark.parametrize(("language", "family", "size", "sent"), [
    ("ru", "sans", 34, "photo"), ("ru", "serif", 30, "scan"), ("fr", "serif", 34, "photo"),
    ("fr", "sans", 28, "scan"), ("en", "sans", 38, "photo"),
])
def test_a_word_cut_at_the_cell_edge_is_read_whole(language: str, family: str, size: int, sent: str) -> None:
    letter = _letter(language)
    widths = (170, 230, 250, 300, 300, _cutting_width(language, family, size), 560)
    page = table_letter_page(letter, widths, family, size, end_pad=_END_PAD)
    if sent == "photo":
        data, name = jpeg(photographed(page, width=1700, height=2300)), "IMG_0001.jpg"
    else:
        data, name = scanned_pdf(at_dpi(page, 200), 200), "scan.pdf"
    document = read_attachment(Attachment(name, "application/octet-stream", data))
    assert document is not None
    nominees = parse_tables(document.tables)[0]
    assert len(nominees) == 2
    for nominee in nominees:  # its words whole (OCR's look-alikes aside), or doubted: never a cut taken as sure
        sure = value_confidence(document.pages, nominee.organization or "")
        words = (nominee.organization or "").split()
        whole = len(words) == len(printed := _MINISTRIES[language].split()) and all(
            lookalike_swaps(read, word) is not None for read, word in zip(words, printed))
        assert whole or sure is not None and sure < FIELD_THRESHOLD, (nominee.organization, sure)


def _line(left: int, *words: tuple[str, float, int]) -> StackedLine:
    """A cell's line as Tesseract gives it: its words (text, confidence, width in pixels) side by side."""
    placed, x = [], left
    for text, sure, width in words:
        placed.append(CellWord(text, sure, (x, 0, x + width, 30)))
        x += width + 10
    return StackedLine(" ".join(w.text for w in placed), left, x - 10, 30, 0, 30, tuple(placed))


_CELL = (500, 600, 720, 900)
_ELSEWHERE = [("министерство", (100, 80, 220, 95)), ("аэрокосмической", (240, 80, 390, 95))]


def test_a_break_at_the_widest_line_is_a_cut_when_the_word_is_read_whole_elsewhere() -> None:
    lines = [_line(0, ("Министерств", 96, 179)), _line(2, ("о", 95, 13), ("цифрового", 96, 150)),
             _line(4, ("аэрокосмичес", 91, 184)), _line(6, ("кой", 95, 48))]
    assert cell_breaks(lines, _CELL, _ELSEWHERE).cuts == {0, 2}


def test_a_line_ending_short_of_the_edge_was_wrapped_at_a_space() -> None:
    """'о' would have fitted after 'Министерств' on a line this short: the break is a space, whatever the page reads."""
    lines = [_line(0, ("Министерств", 96, 150)), _line(0, ("о", 95, 13), ("цифрового", 96, 190))]
    assert cell_breaks(lines, _CELL, _ELSEWHERE).cuts == set()


def test_a_join_the_page_does_not_read_elsewhere_is_no_cut() -> None:
    lines = [_line(0, ("Министерств", 96, 190)), _line(0, ("о", 95, 13), ("цифрового", 96, 150))]
    assert cell_breaks(lines, _CELL, [("аэрокосмической", (240, 80, 390, 95))]).cuts == set()
    inside = [("министерство", (_CELL[0] + 10, _CELL[1] + 10, _CELL[0] + 120, _CELL[1] + 25))]
    assert cell_breaks(lines, _CELL, inside).cuts == set()  # the cell's own words witness nothing


def test_a_capital_a_hyphen_or_an_address_is_no_cut() -> None:
    witness = [("министерствоо", (0, 0, 10, 10)), ("министерство-о", (0, 0, 10, 10)), ("a.b@c", (0, 0, 10, 10))]
    for last, first in (("Министерство", "О"), ("Министерство-", "о"), ("a.b@", "c")):
        lines = [_line(0, (last, 96, 190)), _line(0, (first, 95, 13), ("цифрового", 96, 150))]
        assert cell_breaks(lines, _CELL, witness).cuts == set(), (last, first)


def test_a_word_filling_its_line_is_not_joined_to_the_next_when_the_page_reads_both_apart() -> None:
    """'Transformation' ending at the edge, 'numérique' after it: the page reads both words elsewhere, not
    their join."""
    lines = [_line(0, ("Transformation", 96, 190)), _line(0, ("numérique", 95, 120), ("et", 96, 20))]
    witnesses = [("transformation", (0, 0, 10, 10)), ("numérique", (20, 0, 30, 10))]
    assert cell_breaks(lines, _CELL, witnesses) == Breaks(spaces=frozenset({0}))


def test_a_lookalike_of_a_firm_word_joins_only_a_doubtful_piece() -> None:
    """'азрокосмичес' read at 11 joins 'кой' (the word stays as doubtful as that piece); read at 91 it does not."""
    for sure, cut in ((11, {0}), (91, set())):
        lines = [_line(0, ("азрокосмичес", sure, 188)), _line(0, ("кой", 95, 48))]
        assert cell_breaks(lines, _CELL, _ELSEWHERE).cuts == cut
