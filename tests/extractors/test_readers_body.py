"""Letters typed into the mail body: HTML keeps lines and tables, plain text stays as it is."""

from __future__ import annotations

from extractors.readers import read_body

HTML = (
    "<html><head><style>p {color: red}</style></head><body>"
    "<p><b>Department of Internal Affairs</b><br>Wellington</p>"
    "<table><tr><td><b>First name:</b></td><td>Aroha</td></tr>"
    "<tr><td>E-mail:</td><td>aroha.ngata@dia.govt.nz</td></tr></table>"
    "<ul><li>one</li><li>two &amp; three</li></ul><p>Yours sincerely,</p></body></html>"
)


def test_html_body_keeps_line_structure_and_tables() -> None:
    document = read_body("", HTML, ())
    assert document is not None and document.kind == "body" and document.name == "mail body"
    assert document.text.splitlines() == [
        "Department of Internal Affairs",
        "Wellington",
        "First name:\tAroha",
        "E-mail:\taroha.ngata@dia.govt.nz",
        "one",
        "two & three",
        "Yours sincerely,",
    ]
    assert document.tables == [[["First name:", "Aroha"], ["E-mail:", "aroha.ngata@dia.govt.nz"]]]


def test_plain_text_body_is_used_when_there_is_no_html() -> None:
    document = read_body("Имя: Арам\r\nФамилия: Саргсян\r\n", "", ())
    assert document is not None
    assert document.text == "Имя: Арам\nФамилия: Саргсян"


def test_empty_body_is_no_document() -> None:
    assert read_body("  \n", "<html><body><p> </p></body></html>", ()) is None
