"""Text PDFs: lines, tables and words in reading order, right-to-left letters put back in logical order."""

from __future__ import annotations

import pytest

from extractors.model import UnreadableDocument
from extractors.readers import read_attachment
from tests.extractors.test_readers_inputs import NOMINEE_LINES, arabic_pdf, attachment, text_pdf


def test_text_pdf_keeps_label_lines_words_and_page_size() -> None:
    document = read_attachment(attachment(text_pdf()))
    assert document is not None and document.kind == "pdf"
    page = document.pages[0]
    assert page.text.splitlines() == list(NOMINEE_LINES)
    assert round(page.width) == 595 and round(page.height) == 842
    email = next(word for word in page.words if "@" in word.text)
    assert email.text == "a.otieno@ict.go.ke"
    x0, top, x1, bottom = email.box
    assert 0 < x0 < x1 < page.width and 0 < top < bottom < page.height
    assert page.ocr_confidence is None and document.data.startswith(b"%PDF-")


def test_ruled_table_comes_out_as_rows_of_cells() -> None:
    table = [["", "Representative 1"], ["First name", "Amina"], ["E-mail", "a.otieno@ict.go.ke"]]
    document = read_attachment(attachment(text_pdf(lines=("Annex 2",), table=table)))
    assert document is not None
    assert document.tables == [table]


def test_declared_type_is_ignored_the_bytes_decide() -> None:
    document = read_attachment(attachment(text_pdf(), filename="scan.jpg", content_type="image/jpeg"))
    assert document is not None and document.kind == "pdf"


ARABIC_LINES = (
    "اللقب أو الرتبة: المهندس",
    "الاسم الأول: أحمد",
    "البريد الإلكتروني: a.albalushi@mtcit.gov.om",
    "الموضوع: ترشيح ممثلين في اللجنة الحكومية (GCC)",
)


def test_arabic_text_is_returned_in_logical_order_with_whole_email() -> None:
    document = read_attachment(attachment(arabic_pdf(ARABIC_LINES)))
    assert document is not None
    assert document.text.splitlines() == list(ARABIC_LINES)


def test_arabic_table_reads_label_column_first() -> None:
    table = [["البيان", "الممثل 1"], ["الاسم الأول", "حمد"], ["البريد الإلكتروني", "hmarri@mcit.gov.qa"]]
    document = read_attachment(attachment(arabic_pdf(("الجدول",), table=table)))
    assert document is not None
    assert document.tables == [table]


def test_password_protected_pdf_is_unreadable_and_says_so() -> None:
    with pytest.raises(UnreadableDocument, match="password"):
        read_attachment(attachment(text_pdf(password="secret")))


def test_truncated_pdf_is_unreadable() -> None:
    data = text_pdf()
    with pytest.raises(UnreadableDocument, match="damaged"):
        read_attachment(attachment(data[: len(data) // 3]))


def test_file_named_pdf_that_is_not_one_is_unreadable() -> None:
    with pytest.raises(UnreadableDocument):
        read_attachment(attachment(b"<html>not a pdf</html>", filename="letter.pdf"))


def test_calendar_file_is_not_a_document() -> None:
    ics = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    assert read_attachment(attachment(ics, filename="invite.ics", content_type="text/calendar")) is None


def narrow_table_pdf(values: list[str], width: float, size: float, body: str) -> bytes:
    """A letter paragraph, then a two-column table whose value column is `width` mm wide."""
    from fpdf import FPDF

    from tests.extractors.test_readers_inputs import LATIN_FONT

    pdf = FPDF(format="A4")
    pdf.add_font("Noto", fname=str(LATIN_FONT))
    pdf.add_page()
    pdf.set_font("Noto", size=size)
    pdf.multi_cell(0, 6, body)
    with pdf.table(col_widths=(40, width), width=40 + width, first_row_as_headings=False) as grid:
        for number, value in enumerate(values):
            row = grid.row()
            row.cell(f"Field {number}")
            row.cell(value)
    return bytes(pdf.output())


CELL_VALUES = ["n.uwimana@digital.gov.mw", "phiri.neema@digital.gov.mw", "Kouadio-Mensah",
               "Ministère de la Transition numérique et de la Digitalisation", "Directrice des systèmes d'information"]
LETTER_BODY = ("The Ministère de la Transition numérique et de la Digitalisation nominates Mrs Kouadio-Mensah, "
               "Directrice des systèmes d'information.")


@pytest.mark.parametrize("size", [9, 10, 11])
@pytest.mark.parametrize("width", [22, 26, 30, 36])
def test_words_and_addresses_cut_at_a_full_cell_line_are_whole_again(width: float, size: float) -> None:
    document = read_attachment(attachment(narrow_table_pdf(CELL_VALUES, width, size, LETTER_BODY)))
    assert document is not None
    assert [row[1] for row in document.tables[0]] == CELL_VALUES


@pytest.mark.parametrize("size", [10, 11])
@pytest.mark.parametrize("width", [30, 40])
def test_an_address_printed_with_a_space_keeps_it_and_is_not_repaired(width: float, size: float) -> None:
    values = ["liu_ha@pbc. gov.cn", "a.kuznetsova@digital.gov,ru"]
    document = read_attachment(attachment(narrow_table_pdf(values, width, size, "Annex 2")))
    assert document is not None
    assert [row[1] for row in document.tables[0]] == values


def hand_written_pdf(lines: list[str], plain: int = 0) -> bytes:
    """A PDF whose text objects set the font in one BT/ET block and draw in the next (valid:
    the font is graphics state), which pdfminer reads as an empty page; the first `plain`
    lines set their font in their own block, so pdfminer sees only them."""
    content = "".join(f"BT /F1 11 Tf ET BT 72 {760 - 16 * i} Td ({line}) Tj ET\n" if i >= plain else
                      f"BT /F1 11 Tf 72 {760 - 16 * i} Td ({line}) Tj ET\n" for i, line in enumerate(lines))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}endstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    return pdf_of_objects(objects)


def pdf_of_objects(objects: list[str]) -> bytes:
    """A PDF file of these objects (numbered from 1, the first the catalog), with its cross-reference table."""
    out, offsets = "%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


@pytest.mark.parametrize("plain", [0, 1])
def test_a_text_layer_pdfminer_cannot_read_is_read_by_pdfium_not_by_ocr(plain: int) -> None:
    """Wholly or nearly: a letterhead word pdfminer does see must not hide the rest."""
    document = read_attachment(attachment(hand_written_pdf(["China"] * plain + list(NOMINEE_LINES), plain)))
    assert document is not None and document.kind == "pdf"
    assert document.text.splitlines() == ["China"] * plain + list(NOMINEE_LINES)
    assert any(word.text == "a.otieno@ict.go.ke" for word in document.pages[0].words)


ZH_LINES = ["称谓或职衔: 先生", "名: 伟明", "姓: 王", "职务: 信息化推进司副司长", "在GCC中的角色: 主要联系人",
            "组织名称: 中国人民银行数字货币研究所", "电子邮件: wang.weiming@pbc.gov.cn"]


@pytest.mark.parametrize("letterhead", [[], ["China"], ["People's Republic of China"]])
def test_a_cjk_text_layer_pdfminer_misses_is_read_by_pdfium_even_beside_a_few_words_it_sees(
        letterhead: list[str]) -> None:
    """fpdf2 (and other producers) set a TrueType font in a BT block of its own: pdfminer then
    reads none of those characters, though it may read a letterhead set in a core font."""
    from fpdf import FPDF

    from tests.extractors.test_readers_inputs import CJK_FONT

    pdf = FPDF(format="A4")
    pdf.add_font("CJK", fname=str(CJK_FONT), collection_font_number=2)
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in letterhead:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("CJK", size=11)
    for line in ZH_LINES:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    document = read_attachment(attachment(bytes(pdf.output())))
    assert document is not None and document.kind == "pdf"
    assert [line.replace(" ", "") for line in document.text.splitlines()] == [
        line.replace(" ", "") for line in letterhead + ZH_LINES]


@pytest.mark.parametrize("width", [18, 22, 30])
def test_chinese_cells_wrapped_over_lines_join_without_spaces(width: float) -> None:
    from fpdf import FPDF

    from tests.extractors.test_readers_inputs import CJK_FONT

    values = ["中国人民银行数字货币研究所", "常驻日内瓦代表团参赞", "信息化推进司副司长"]
    pdf = FPDF(format="A4")
    pdf.add_font("CJK", fname=str(CJK_FONT), collection_font_number=2)
    pdf.add_page()
    pdf.set_font("CJK", size=10)
    with pdf.table(col_widths=(30, width), width=30 + width, first_row_as_headings=False) as grid:
        for value in values:
            row = grid.row()
            row.cell("单位")
            row.cell(value)
    document = read_attachment(attachment(bytes(pdf.output())))
    assert document is not None
    assert [row[1] for row in document.tables[0]] == values
