"""Small pure helpers of the readers: what bytes are, which text layers to trust, cell repair."""

from __future__ import annotations

import io
import zipfile

import pytest

from extractors.readers.cells import tidy_cell
from extractors.readers.pdf import text_layer_is_usable
from extractors.readers.sniff import sniff


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\r\n%PDF-1.4 after junk", "pdf"),
        (_zip(["[Content_Types].xml", "word/document.xml"]), "docx"),
        (_zip(["content.xml", "mimetype"]), None),
        (_zip(["letter.pdf"]), "zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "__substg1.0_0037001F".encode("utf-16-le"), "msg"),
        (b"\x78\x9f\x3e\x22\x00\x00", "tnef"),
        (b"{\\rtf1\\ansi letter}", "rtf"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image"),
        (b"\x89PNG\r\n\x1a\n....", "image"),
        (b"II*\x00....", "image"),
        (b"GIF89a....", "image"),
        (b"BEGIN:VCALENDAR", None),
        (b"", None),
    ],
)
def test_sniff_trusts_the_bytes(data: bytes, kind: str | None) -> None:
    assert sniff(data) == kind


def test_text_layer_needs_real_letters() -> None:
    assert text_layer_is_usable("Title or rank: Dr\nFirst name: Amina\nLast name: Otieno")
    assert not text_layer_is_usable("")
    assert not text_layer_is_usable("1/2\n")
    assert not text_layer_is_usable("(cid:12)(cid:44)(cid:3)(cid:87)" * 20)
    assert not text_layer_is_usable("\ue000\ue001\ue002 abc " * 30)


def test_e_mail_wrapped_in_a_narrow_cell_is_joined() -> None:
    assert tidy_cell("herve.mbarga@minpostel.go v.cm") == "herve.mbarga@minpostel.gov.cm"
    assert tidy_cell("Ministère des Postes et Télécommunications") == "Ministère des Postes et Télécommunications"
    assert tidy_cell("write to a.b@c.org or call") == "write to a.b@c.org or call"


def test_address_followed_by_words_is_left_alone() -> None:
    assert tidy_cell("a.b@c.org or call") == "a.b@c.org or call"
    assert tidy_cell("solange.ngobayiha@minpost el.gov.cm") == "solange.ngobayiha@minpostel.gov.cm"
