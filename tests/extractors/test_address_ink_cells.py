"""An address read from a ruled table cell is checked in that cell, however its column wrapped it.

A narrow column cuts an address wherever its line is full: before a dot,
before the '@', inside a word. No single word of the page then holds it,
yet its cell does. The address is acted on only when three readings give
it whole: the cell's, the page pass's words over the cell, and the cell's
lines set side by side and read again, with every blob of ink read. A
reading that lost a dot or changed a letter is doubted; so is an address
its cell does not show. Real Tesseract reads
cells drawn in code (several fonts, sizes and cuts, the rules drawn round).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.fields.table import parse_tables
from extractors.model import Attachment, Document, Page, Word
from extractors.readers import read_attachment
from extractors.readers.address_ink import ink_doubt
from tests.extractors.scan_letters import at_dpi, jpeg, one_bit, photographed, scanned_pdf, stored_sideways
from rules.addresses_accounted import rule as addresses_accounted
from rules.base import RuleContext
from rules.valid_emails import is_valid_address
from tests.rules.helpers import nomination, submission
from tests.extractors.scan_tables import TABLE_LETTERS, TableLetter, column_cutting, table_letter_page, wrap

pytestmark = pytest.mark.slow

NOTO = Path("/usr/share/fonts/truetype/noto")
FONTS = {"sans": NOTO / "NotoSans-Regular.ttf", "serif": NOTO / "NotoSerif-Regular.ttf",
         "dejavu": Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")}
ADDRESSES = {
    "before-dot": ("natalie.mckenzie@mset.gov.jm", ".jm"),
    "before-at": ("grace.nshimiyimana@africa-union.org", "a@"),
    "in-domain": ("akinyib@africa-union.org", "n.org"),
    "in-local": ("sanchezruiz.jordi@segib.org", "egib"),
    "hyphen": ("a.al-hilli@moi.gov.iq", "@"),
}
_PAD = 12


def cell_page(address: str, cut_before: str, font: str, size: int) -> tuple[Page, Word]:
    """A page strip holding one ruled cell as wide as cuts `address` just before `cut_before`
    (the rules drawn, a neighbour's text beyond them), its lines read right by the page's OCR pass;
    and the cell's box (pixels = points)."""
    face = ImageFont.truetype(str(FONTS[font]), size)
    width = int(face.getlength(address[:address.rindex(cut_before)])) + 2 * _PAD + 2
    lines = wrap(address, width - 2 * _PAD, face, False)
    line_height = int(size * 1.45)
    image = Image.new("RGB", (width + 400, len(lines) * line_height + 2 * _PAD + 160), "white")
    draw = ImageDraw.Draw(image)
    x0, y0 = 200, 80
    x1, y1 = x0 + width, y0 + len(lines) * line_height + 2 * _PAD
    draw.rectangle((x0, y0, x1, y1), outline="black", width=3)
    draw.text((20, y0 + _PAD), "E-mail", font=face, fill="black")
    words = []
    for number, line in enumerate(lines):
        origin = (x0 + _PAD, y0 + _PAD + number * line_height)
        draw.text(origin, line, font=face, fill="black")
        left, top, right, bottom = draw.textbbox(origin, line, font=face)
        words.append(Word(line, (left, top, right, bottom), 0.9))
    page = Page(number=1, text="", words=words, width=image.width, height=image.height, image=np.asarray(image))
    return page, Word(address, (x0 + 4, y0 + 4, x1 - 4, y1 - 4))


VARIANTS = [("before-dot", "sans", 34), ("before-at", "serif", 30), ("in-domain", "dejavu", 28),
            ("in-local", "sans", 24), ("hyphen", "serif", 34), ("before-dot", "serif", 40)]


@pytest.mark.parametrize(("who", "font", "size"), VARIANTS, ids=[f"{w}-{f}-{s}px" for w, f, s in VARIANTS])
def test_an_address_wrapped_in_its_cell_and_read_right_is_accounted_for(who: str, font: str, size: int) -> None:
    address, cut = ADDRESSES[who]
    page, cell = cell_page(address, cut, font, size)
    page.cells.append(cell)
    assert ink_doubt([page], address) is None


def _misread(address: str) -> str:
    """The address as a reading that lost its first dot or hyphen, or took an 'l' for an 'i'."""
    local, domain = address.split("@")
    for mark in ".-":
        if mark in local:
            return local.replace(mark, "", 1) + "@" + domain
    return address.replace("l", "i", 1) if "l" in address else address.replace("i", "l", 1)


@pytest.mark.parametrize(("who", "font", "size"), VARIANTS, ids=[f"{w}-{f}-{s}px" for w, f, s in VARIANTS])
def test_a_cell_read_wrong_is_doubted(who: str, font: str, size: int) -> None:
    address, cut = ADDRESSES[who]
    page, cell = cell_page(address, cut, font, size)
    misread = _misread(address)
    page.cells.append(Word(misread, cell.box))
    doubt = ink_doubt([page], misread)
    assert doubt is not None and misread in doubt


def test_an_address_the_page_pass_read_otherwise_is_doubted() -> None:
    address, cut = ADDRESSES["before-at"]
    page, cell = cell_page(address, cut, "sans", 34)
    page.words[0] = Word(page.words[0].text.replace(".", ""), page.words[0].box, 0.9)
    page.cells.append(cell)
    doubt = ink_doubt([page], address)
    assert doubt is not None and "page's own reading" in doubt


def test_a_letter_changed_in_the_domain_is_doubted() -> None:
    address, cut = ADDRESSES["before-dot"]
    page, cell = cell_page(address, cut, "sans", 34)
    misread = address.replace("gov.jm", "gov.im")
    page.cells.append(Word(misread, cell.box))
    assert ink_doubt([page], misread) is not None


def test_an_address_in_no_cell_and_no_word_is_not_accounted_for() -> None:
    address, cut = ADDRESSES["before-at"]
    page, cell = cell_page(address, cut, "sans", 34)
    page.cells.append(Word("someone.else@africa-union.org", cell.box))
    doubt = ink_doubt([page], address)
    assert doubt is not None and "not found" in doubt


# End to end: a whole table letter scanned or photographed, its addresses wrapped by a narrow column.

_BASE = (190, 250, 260, 330, 330, 420)
"""Widths of the six columns before the e-mail column (see test_readers_scan_tables)."""


def _sent(page: Image.Image, sent_as: str) -> tuple[str, bytes]:
    """The file an office scanner or a phone makes of the page."""
    if sent_as == "scan-300":
        return "scan.pdf", scanned_pdf(page, 300)
    if sent_as == "scan-200-1bit":
        return "scan.pdf", scanned_pdf(one_bit(at_dpi(page, 200)), 200)
    if sent_as.startswith("photo-small"):  # about 125 dpi, like a phone photo sent at low resolution
        return _turned(photographed(page), sent_as)
    if sent_as.startswith("photo-100dpi"):
        return _turned(photographed(page, width=850, height=1150), sent_as)
    photo = photographed(page, width=1700, height=2300)
    return ("IMG_0002.jpg", stored_sideways(photo)) if sent_as == "photo-sideways" else ("IMG_0001.jpg", jpeg(photo))


_EXIF_TURNS = {"rot180": (180, 3), "rot270": (270, 8), "rot90": (90, 6)}
"""How a phone stores a photo taken turned (degrees the pixels are turned), and the EXIF orientation that undoes it."""


def _turned(photo: Image.Image, sent_as: str) -> tuple[str, bytes]:
    turn = next((value for key, value in _EXIF_TURNS.items() if sent_as.endswith(key)), None)
    if turn is None:
        return "IMG_0004.jpg", jpeg(photo)
    return "IMG_0005.jpg", jpeg(photo.rotate(turn[0], expand=True), orientation=turn[1])


def _table_document(language: str, cut_before: str, sent_as: str) -> tuple[TableLetter, Document]:
    letter = TABLE_LETTERS[language]
    page = table_letter_page(letter, (*_BASE, column_cutting(letter.rows[0][6], cut_before)))
    name, data = _sent(page, sent_as)
    document = read_attachment(Attachment(name, "application/octet-stream", data))
    assert document is not None and document.pages[0].image is not None
    return letter, document


SENT = [("en", "@", "scan-300"), ("ru", ".", "scan-300"), ("en", ".", "scan-200-1bit"),
        ("fr", "@", "photo"), ("ru", "@", "photo-sideways"), ("en", ".", "photo-sideways")]


@pytest.mark.parametrize(("language", "cut", "sent_as"), SENT, ids=[f"{l}-cut{c}-{s}" for l, c, s in SENT])
def test_a_wrapped_address_read_otherwise_than_printed_is_never_accounted_for(
        language: str, cut: str, sent_as: str) -> None:
    letter, document = _table_document(language, cut, sent_as)
    nominees = parse_tables(document.tables)[0]
    assert nominees, "the table was not read"
    for nominee, row in zip(nominees, letter.rows):
        if nominee.email and nominee.email != row[6]:
            assert ink_doubt(document.pages, nominee.email), f"{nominee.email!r} (printed {row[6]!r}) would be acted on"


LOW_RESOLUTION = [("ru", ".", "photo-small"), ("en", "@", "photo-small-rot180"), ("ru", "@", "photo-100dpi-rot270"),
                  ("fr", ".", "photo-100dpi-rot90"), ("en", ".", "photo-100dpi")]


@pytest.mark.parametrize(("language", "cut", "sent_as"), LOW_RESOLUTION,
                         ids=[f"{l}-cut{c}-{s}" for l, c, s in LOW_RESOLUTION])
def test_a_low_resolution_photo_never_sends_a_link_to_an_address_read_otherwise(
        language: str, cut: str, sent_as: str) -> None:
    """At 100 to 125 dpi the ink alone no longer tells an 'i' from an 'l' ('k.ndlaye' for 'k.ndiaye' is
    read alike by every witness) nor a dot from a space: the nominee's name (addresses_accounted) and
    the address's form (valid_emails) must then hold it back. Turned by EXIF 90, 180 or 270 degrees."""
    letter, document = _table_document(language, cut, sent_as)
    nominees = parse_tables(document.tables)[0]
    assert nominees, "the table was not read"
    for nominee, row in zip(nominees, letter.rows):
        if nominee.email and nominee.email != row[6]:
            doubt = ink_doubt(document.pages, nominee.email)
            nominee.doubts = {"email": doubt} if doubt else {}
            held = (addresses_accounted.check(submission(), nomination(nominee, read_by_ocr=True), RuleContext())
                    or not is_valid_address(nominee.email))
            assert held, f"{nominee.email!r} (printed {row[6]!r}) would be acted on"


@pytest.mark.parametrize(("language", "cut"), [("en", "@"), ("ru", "@"), ("ru", "."), ("en", ".")])
def test_wrapped_addresses_of_a_clean_scan_are_read_and_accounted_for(language: str, cut: str) -> None:
    letter, document = _table_document(language, cut, "scan-300")
    nominees = parse_tables(document.tables)[0]
    assert [n.email for n in nominees] == [row[6] for row in letter.rows]
    assert [ink_doubt(document.pages, row[6]) for row in letter.rows] == [None] * len(letter.rows)


# An address printed with no domain ('gabrielav@') is a defect to ask for, once its ink shows nothing lost.

def test_an_address_printed_without_a_domain_is_accounted_for_in_its_cell() -> None:
    page, cell = cell_page("gabrielav@", "", "sans", 30)
    page.cells.append(cell)
    assert ink_doubt([page], "gabrielav@") is None


def test_a_domain_the_reading_lost_is_never_taken_for_no_domain() -> None:
    for address, cut in (ADDRESSES["before-at"], ADDRESSES["before-dot"], ("gabrielav@mitic.gov.py", "")):
        page, cell = cell_page(address, cut, "serif", 30)
        local = address.split("@")[0] + "@"
        page.cells.append(Word(local, cell.box))
        assert ink_doubt([page], local) is not None, address
        page.cells.clear()  # read in a line, not a cell: the domain after the '@' is still ink
        page.words[:] = [Word(local, page.words[0].box, 0.9)]
        assert ink_doubt([page], local) is not None, address


def test_an_address_with_no_local_part_is_never_taken_for_another_address_on_the_page() -> None:
    """'@mitic.gov.py' read where no cell holds it: every address's word holds an '@', none is its own."""
    page, _ = cell_page("n.huaman@mitic.gov.py", "", "sans", 30)
    doubt = ink_doubt([page], "@mitic.gov.py")
    assert doubt is not None and "not found" in doubt


NO_DOMAIN = [("en", "photo"), ("ru", "photo-sideways"), ("fr", "photo-rot180"), ("es", "scan-200-1bit")]


@pytest.mark.parametrize(("language", "sent_as"), NO_DOMAIN, ids=[f"{l}-{s}" for l, s in NO_DOMAIN])
def test_an_address_printed_without_a_domain_is_read_and_accounted_for(language: str, sent_as: str) -> None:
    """Photographed (turned by EXIF 90 or 180 degrees) or scanned in one bit, 'damions@' is read as
    printed and its ink accounted for: the letter can ask for the address without a person
    (rules.legible_fields). (Photographed at about 125 dpi its print is under address_ink's floor.)"""
    letter = TABLE_LETTERS["fr" if language == "es" else language]
    rows = (letter.rows[0], (*letter.rows[1][:6], "damions@"))
    page = table_letter_page(TableLetter(letter.language, letter.opening, letter.header, rows), (*_BASE, 420))
    turned = photographed(page, width=1700, height=2300).rotate(180)
    name, data = ("IMG_0003.jpg", jpeg(turned, orientation=3)) if sent_as == "photo-rot180" else _sent(page, sent_as)
    document = read_attachment(Attachment(name, "application/octet-stream", data))
    assert document is not None
    nominees = parse_tables(document.tables)[0]
    assert [n.email for n in nominees] == [rows[0][6], "damions@"]
    assert ink_doubt(document.pages, "damions@") is None
