"""A separator an address cell's reading lost is put back only when re-reads agree and the ink shows it.

On a phone photo or a 150 dpi scan a table cell's print is a dozen pixels
high: the dot of 'f.ibarra' smudges into the 'f' and the cell reads
'fibarra@...', another person's valid address; 'v.ru' reads 'viru'. The
cell's line read again in several variants (sizes, grey, black and white,
thinned) and a mark of ink where the separator stands restore it. Nothing
else may come of it: an address printed without a separator never gains
one, and a doubtful restoration leaves the cell as read (and in review).
Real Tesseract reads cells and whole table letters drawn in code, in
Latin and Cyrillic letters, scanned at 150/200/300 dpi, grey and 1-bit,
as a multi-page TIFF and as a phone photo with perspective.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.fields.table import parse_tables
from extractors.model import Attachment, Document
from extractors.readers import read_attachment
from extractors.readers.address_ink import cell_line, ink_doubt
from extractors.readers.address_separators import restored_address
from tests.extractors.scan_letters import at_dpi, jpeg, multipage_tiff, one_bit, photographed, prose_page, scanned_pdf
from tests.extractors.scan_tables import TABLE_LETTERS, TableLetter, table_letter_page

pytestmark = pytest.mark.slow

NOTO = Path("/usr/share/fonts/truetype/noto")
FONTS = {"sans": "NotoSans-Regular.ttf", "serif": "NotoSerif-Regular.ttf"}


def cell(text: str, font: str, size: int, bits: bool) -> np.ndarray:
    """A ruled cell holding `text` in print `size` pixels high (grey, or black and white as a fax makes it)."""
    face = ImageFont.truetype(str(NOTO / FONTS[font]), size)
    image = Image.new("L", (int(face.getlength(text)) + 24, int(size * 1.6) + 16), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, image.width - 1, image.height - 1), outline=0, width=2)
    draw.text((12, 8), text, font=face, fill=0)
    return np.asarray(one_bit(image).convert("L") if bits else image)


def restored(printed: str, read: str, font: str, size: int, bits: bool) -> str | None:
    found = cell_line(cell(printed, font, size, bits))
    assert found is not None, "the cell's ink was not found"
    return restored_address(*found, read)


LOST = [("f.ibarra@innovacion.gob.ar", "fibarra@innovacion.gob.ar", "serif", 11, False),
        ("f.ibarra@innovacion.gob.ar", "fibarra@innovacion.gob.ar", "sans", 11, True),
        ("f.ibarra@innovacion.gob.ar", "fibarra@innovacion.gob.ar", "serif", 18, True),
        ("e.volkova@digital.gov.ru", "evolkova@digital.gov.ru", "sans", 14, True),
        ("e.volkova@digital.gov.ru", "evolkova@digital. go viru", "serif", 14, False),
        ("j_tr.ilf@mail.gov.ru", "jtr.ilf@mail.gov.ru", "sans", 11, False),
        ("j_tr.ilf@mail.gov.ru", "jtr.ilf@mail.gov.ru", "serif", 18, False)]


@pytest.mark.parametrize(("printed", "read", "font", "size", "bits"), LOST,
                         ids=[f"{r}-{f}-{s}px-{'1bit' if b else 'grey'}" for _, r, f, s, b in LOST])
def test_a_separator_lost_beside_a_narrow_letter_is_put_back(printed: str, read: str, font: str,
                                                              size: int, bits: bool) -> None:
    assert restored(printed, read, font, size, bits) == printed


SURE = [("l-fitri@moi.gov.iq", "lfitri@moi.gov.iq"), ("anna.t-rif@gov.lt", "annat-rif@gov.lt"),
        ("anna.t-rif@gov.lt", "anna.trif@gov.lt"), ("j_tr.ilf@mail.gov.ru", "jtrilf@mail.gov.ru")]


@pytest.mark.parametrize(("printed", "read"), SURE, ids=[r for _, r in SURE])
@pytest.mark.parametrize(("font", "size", "bits"), [("sans", 11, True), ("serif", 14, False), ("sans", 18, True)])
def test_a_restoration_is_the_printed_address_or_nothing(printed: str, read: str, font: str,
                                                         size: int, bits: bool) -> None:
    assert restored(printed, read, font, size, bits) in (None, printed)


PLAIN = ["fibarra@innovacion.gob.ar", "lfitri@moi.gov.iq", "jtrilf@mail.gov.ru", "evolkova@digitalgov.ru",
         "annatirif@gov.lt"]


@pytest.mark.parametrize("printed", PLAIN)
@pytest.mark.parametrize(("font", "size", "bits"), [("serif", 11, True), ("sans", 14, False), ("serif", 18, False)])
def test_no_separator_is_put_where_none_was_printed(printed: str, font: str, size: int, bits: bool) -> None:
    assert restored(printed, printed, font, size, bits) is None


# End to end: whole table letters, their addresses beside narrow letters, sent as an office or a phone sends them.

SPANISH = TableLetter("es", "Los datos de los representantes figuran a continuación.",
                      ("Título", "Nombre", "Apellido", "Cargo", "Función", "Organismo", "Correo"),
                      (("D.ª", "Florencia", "Ibarra", "Coordinadora de Estándares", "Contacto principal",
                        "Secretaría de Innovación", "f.ibarra@innovacion.gob.ar"),
                       ("Lic.", "Julián", "Ruiz", "Consejero", "Suplente",
                        "Secretaría de Innovación", "j.ruiz_t@innovacion.gob.ar")))
LETTERS = {"es": SPANISH, "ru": TABLE_LETTERS["ru"]}
WIDTHS = (150, 200, 220, 300, 280, 330, 560)
"""Columns as a seven-column table on A4 at 300 dpi sets them, the addresses on one line."""


def _sent(page: Image.Image, sent_as: str) -> tuple[str, bytes]:
    """The file an office scanner, a fax or a phone makes of the page."""
    if sent_as == "tiff-150":
        return "scan.tif", multipage_tiff([at_dpi(page, 150), at_dpi(prose_page("en", ["Annex 2"]), 150)], 150)
    if sent_as == "scan-200-grey":
        return "scan.pdf", scanned_pdf(at_dpi(page, 200), 200)
    if sent_as == "scan-300-1bit":
        return "scan.pdf", scanned_pdf(one_bit(page), 300)
    return "IMG_0001.jpg", jpeg(photographed(page, width=1300, height=1750))


def _read(language: str, sent_as: str) -> tuple[TableLetter, Document]:
    letter = LETTERS[language]
    name, data = _sent(table_letter_page(letter, WIDTHS, family="serif", size=30), sent_as)
    document = read_attachment(Attachment(name, "application/octet-stream", data))
    assert document is not None and document.pages[0].image is not None
    return letter, document


SENT = [("ru", "tiff-150"), ("es", "tiff-150"), ("es", "photo"), ("ru", "photo"), ("ru", "scan-200-grey"),
        ("ru", "scan-300-1bit")]


@pytest.mark.parametrize(("language", "sent_as"), SENT, ids=[f"{l}-{s}" for l, s in SENT])
def test_an_address_read_otherwise_than_printed_is_never_accounted_for(language: str, sent_as: str) -> None:
    letter, document = _read(language, sent_as)
    nominees = parse_tables(document.tables)[0]
    assert nominees, "the table was not read"
    for nominee, row in zip(nominees, letter.rows):
        if nominee.email and nominee.email != row[6]:
            assert ink_doubt(document.pages, nominee.email), f"{nominee.email!r} (printed {row[6]!r}) would be acted on"


@pytest.mark.parametrize(("language", "sent_as"), [("es", "tiff-150"), ("es", "scan-200-grey")])
def test_the_addresses_of_a_small_scan_are_read_whole_and_accounted_for(language: str, sent_as: str) -> None:
    letter, document = _read(language, sent_as)
    nominees = parse_tables(document.tables)[0]
    assert [n.email for n in nominees] == [row[6] for row in letter.rows]
    assert [ink_doubt(document.pages, row[6]) for row in letter.rows] == [None] * len(letter.rows)
