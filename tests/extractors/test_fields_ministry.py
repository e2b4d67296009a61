"""The sending ministry from the letterhead, also when its columns were merged into one text row."""

from extractors.fields.ministry import find_ministry
from extractors.model import Document, Page, Word


def words_of(rows: list[tuple[float, float, float, str]]) -> list[Word]:
    """Words laid out left to right from (x, top, height, text) rows, 6 points a letter."""
    out = []
    for x, top, height, text in rows:
        for token in text.split():
            out.append(Word(token, (x, top, x + 6 * len(token), top + height)))
            x += 6 * len(token) + 4
    return out


def test_a_two_column_letterhead_is_read_column_by_column() -> None:
    rows = [
        (150, 31, 10, "REPUBLIC OF EXAMPLE"), (420, 33, 8, "Government Building, Main Road"),
        (150, 45, 12, "Ministry of Digital Development, Innovation"), (500, 44, 8, "talbai 3"),
        (420, 54, 8, "Capital City 15160"),
        (150, 61, 12, "and Communications"),
        (150, 77, 9, "Department of Policy Planning"),
    ]
    text = ("REPUBLIC OF EXAMPLE Government Building, Main Road\nMinistry of Digital Development, Innovation talbai 3\n"
            "Capital City 15160\nand Communications\nDepartment of Policy Planning\n")
    page = Page(number=1, text=text, words=words_of(rows), width=595, height=842)
    document = Document(name="letter.pdf", kind="pdf", pages=[page])
    assert find_ministry(document, "en") == "Ministry of Digital Development, Innovation and Communications"


def test_a_merged_bilingual_row_keeps_the_letters_own_script() -> None:
    text = "سلطنة عمان Sultanate of Oman\nMinistry of Transport, Communications\nوزارة النقل والاتصالات وتقنية المعلومات and Information Technology\n"
    document = Document(name="letter.docx", kind="docx", pages=[Page(number=1, text=text)])
    assert find_ministry(document, "ar") == "وزارة النقل والاتصالات وتقنية المعلومات"
    assert find_ministry(document, "en") == "Ministry of Transport, Communications and Information Technology"


def test_a_department_is_preferred_to_one_of_its_offices() -> None:
    text = "SWISS CONFEDERATION\nFederal Office of Communications\nFederal Department of the Environment and Transport\n"
    document = Document(name="letter.docx", kind="docx", pages=[Page(number=1, text=text)])
    assert find_ministry(document, "en") == "Federal Department of the Environment and Transport"
