"""Word letters: paragraphs in order, tables in place and as rows of cells."""

from __future__ import annotations

import io

import docx
import pytest

from extractors.model import UnreadableDocument
from extractors.readers import read_attachment
from tests.extractors.test_readers_inputs import attachment


def _letter() -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "RZECZPOSPOLITA POLSKA"
    document.add_paragraph("Dear Mr Onoe,")
    table = document.add_table(rows=3, cols=2)
    for row, (label, value) in zip(table.rows, [("", "Representative 1"), ("First name", "Łukasz"),
                                                ("E-mail", "l.nowak@cyfra.gov.pl")]):
        row.cells[0].text, row.cells[1].text = label, value
    document.add_paragraph("Yours sincerely,")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_reads_header_paragraphs_and_table_in_order() -> None:
    document = read_attachment(attachment(_letter(), filename="letter.docx"))
    assert document is not None and document.kind == "docx"
    assert document.text.splitlines() == [
        "RZECZPOSPOLITA POLSKA",
        "Dear Mr Onoe,",
        "\tRepresentative 1",
        "First name\tŁukasz",
        "E-mail\tl.nowak@cyfra.gov.pl",
        "Yours sincerely,",
    ]
    assert document.tables == [[["", "Representative 1"], ["First name", "Łukasz"], ["E-mail", "l.nowak@cyfra.gov.pl"]]]


def test_broken_docx_is_unreadable() -> None:
    data = _letter()
    with pytest.raises(UnreadableDocument):
        read_attachment(attachment(data[:2000] + b"\0" * 100, filename="letter.docx"))
