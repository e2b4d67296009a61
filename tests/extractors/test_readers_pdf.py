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
