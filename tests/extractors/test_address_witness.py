"""A second OCR engine settles what Tesseract's readings of a small address dispute, and nothing else.

On a phone photo an address's print is a dozen pixels high and Tesseract's
passes over its cell disagree ('gulnara' / 'guinara', 'mdai.gov' / 'mdaigov').
PP-OCR reads the cell's line as a witness. Because it too misreads
confidently, and sometimes as Tesseract does, its reading lifts the doubt
only when it is exactly the address and each part of the address is given
by another reading too (its local part by Tesseract or the nominee's name,
its domain by Tesseract), and no other reading's local part is the name
where the address's is not.

The properties, on cells drawn in code in four faces (sans, serif, a
serif with a '1' like an 'l', monospaced), at photo sizes (13 to 20
pixels), in grey and in one bit, read by real Tesseract and real PP-OCR:
- an address the cell's reading got one glyph off the print (l/i/1, rn/m,
  a dot or an underscore lost) is never acted on (its ink or the nominee's
  name doubts it), whether the page's own pass read the print or nothing
  (the witness is asked in both);
- an address read right in its cell, where the page pass read it one glyph
  off, is accounted for in the sans and serif faces (the dispute is settled);
- the witness never outvotes a page pass that read legible print, nor
  print too small for any reading.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractors.model import Page, Word
from extractors.readers.address_ink import ink_doubt
from extractors.model import Nominee
from extractors.readers.address_witness import (corroboration_doubt, nominee_local_parts, rival_doubt, same_address,
                                                witness_reading)
from rules.addresses_accounted import rule as addresses_accounted
from rules.base import RuleContext
from tests.rules.helpers import nomination, submission

FONTS = {"noto-sans": Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
         "noto-serif": Path("/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf"),
         "dejavu-serif": Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
         "mono": Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")}
PEOPLE = [("Lidia", "Kornilova", "l.kornilova@digital.gov.ru"),
          ("Camille", "Lemoine", "camille.lemoine@numerique.gouv.fr"),
          ("Maite", "Illarramendi", "m.illarramendi@mitic.gov.py"),
          ("Gulnara", "Nazarova", "nazarova.gulnara@mdai.gov.kz"),
          ("Ahmed", "Al Amin", "ahmed_al1@mdtc.gov.sd")]
"""Addresses full of what OCR confuses: l, i and 1, rn and m, dots and an underscore."""
CONFUSIONS = (("l", "i"), ("l", "1"), ("rn", "m"), ("m", "rn"), (".", ""), ("_", ""), ("1", "l"), ("i", "l"))
_SCALE = 3
"""Cells are drawn this many times larger, then brought down as a phone's camera does."""


def one_glyph_off(address: str) -> list[str]:
    """The address as readings that took one glyph of it for a look-alike or lost one mark."""
    local, domain = address.split("@")
    misread = [local.replace(old, new, 1) + "@" + domain for old, new in CONFUSIONS if old in local]
    return [*misread, local + "@" + domain.replace(".", "", 1)]


@cache
def photographed_cell(address: str, face: str, pixels: int, one_bit: bool) -> tuple[np.ndarray, Word, Word]:
    """A ruled cell holding the address in print `pixels` high, as a phone photo gives it (drawn large,
    brought down, a little soft, in grey or cut to one bit): the picture, the cell's box and the
    box of the page pass's word (pixels = points)."""
    font = ImageFont.truetype(str(FONTS[face]), pixels * _SCALE)
    width = int(font.getlength(address)) + 20 * _SCALE
    image = Image.new("L", (width + 140 * _SCALE, pixels * 6 * _SCALE), 255)
    draw = ImageDraw.Draw(image)
    x0, y0, x1, y1 = 70 * _SCALE, pixels * 2 * _SCALE, 70 * _SCALE + width, pixels * 4 * _SCALE
    draw.rectangle((x0, y0, x1, y1), outline=0, width=2 * _SCALE)
    draw.text((x0 + 10 * _SCALE, y0 + pixels * _SCALE // 2), address, font=font, fill=0)
    small = image.resize((image.width // _SCALE, image.height // _SCALE), Image.Resampling.LANCZOS)
    small = small.filter(ImageFilter.GaussianBlur(0.4))
    if one_bit:
        small = small.point(lambda v: 255 if v > 150 else 0)
    box = (x0 / _SCALE + 3, y0 / _SCALE + 3, x1 / _SCALE - 3, y1 / _SCALE - 3)
    word = (x0 / _SCALE + 10, y0 / _SCALE + pixels / 2, x1 / _SCALE - 10, y0 / _SCALE + pixels * 1.6)
    return np.asarray(small.convert("RGB")), Word("", box), Word("", word, 0.9)


def cell_page(picture: tuple[np.ndarray, Word, Word], cell_read: str, page_read: str | None) -> list[Page]:
    """The page as the bot holds it: the cell read `cell_read`, the page pass's word over it `page_read`."""
    image, cell, word = picture
    words = [Word(page_read, word.box, 0.9)] if page_read else []
    page = Page(number=1, text="", words=words, width=image.shape[1], height=image.shape[0], image=image)
    page.cells.append(Word(cell_read, cell.box))
    return [page]


def _names(first: str, last: str) -> frozenset[str]:
    return nominee_local_parts(first, last)


def acted_on(first: str, last: str, address: str, doubt: str | None) -> bool:
    """Whether the bot would send a meeting link to the address: no doubt from its ink, and none from
    the rule that weighs it against the nominee's name (addresses_accounted)."""
    nominee = Nominee(first_name=first, last_name=last, email=address, doubts={"email": doubt} if doubt else {})
    return not addresses_accounted.check(submission(), nomination(nominee, read_by_ocr=True), RuleContext())


# Settled only with each part given by another reading as well.

def test_a_local_part_another_reading_or_the_name_gives_and_a_domain_another_reading_gives_are_corroborated() -> None:
    names = _names("Carmen Julia", "Vargas Llosa")
    assert corroboration_doubt("cvargasllosa@mitic.gov.py", ["cvargasilosa@mitic.gov.py"], names) is None
    assert corroboration_doubt("sevila@mdai.gov.kz", ["vila@mdaigov.kz", "sevila@mdai.gov.kz"], frozenset()) is None


def test_a_part_no_other_reading_gives_is_not_corroborated() -> None:
    names = _names("Erlan", "Nazarov")
    doubt = corroboration_doubt("erlan.nazarov@mdai.gov.kz", ["erlan.nazarov@mdaigov.kz"], names)
    assert doubt is not None and "domain 'mdai.gov.kz'" in doubt
    doubt = corroboration_doubt("cvargasllosa@mitic.gov.py", ["cvargasilosa@mitic.gov.py"], frozenset())
    assert doubt is not None and "local part 'cvargasllosa'" in doubt


def test_another_reading_that_is_the_name_where_the_address_is_not_keeps_the_doubt() -> None:
    names = _names("Maite", "Illarramendi")
    readings = ["m.ilarramendi@mitic.gov.py", "m.illarramendi@mitic.gov.py"]
    doubt = rival_doubt("m.ilarramendi@mitic.gov.py", readings, names)
    assert doubt is not None and "'m.illarramendi'" in doubt


def test_a_reading_of_the_same_letters_with_a_mark_more_or_other_lookalikes_keeps_the_doubt() -> None:
    assert rival_doubt("olivierrousseau@finances.gouv.fr", ["olivier.rousseau@finances.gouv.fr"], frozenset())
    assert rival_doubt("ahmed_all@mdtc.gov.sd", ["ahmed_al1@mdtc.gov.sd"], _names("Ahmed", "Al Amin"))
    assert rival_doubt("i.kornilova@digital.gov.ru", ["I.kornilova@digital.gov.ru"], _names("Lidia", "Kornilova"))
    assert rival_doubt("erlan.nazarov@mdaigov.kz", ["erlan.nazarov@rndaigov.kz"], _names("Erlan", "Nazarov"))


def test_lookalikes_in_a_local_part_the_name_makes_and_lost_marks_do_not() -> None:
    names = _names("Гульнара Кайратовна", "Назарова")
    readings = ["nazarova.guinara@mdai.gov.kz", "nazarovagulnara@mdai.govkz", "hazarovaguinara@mdaigov.kz"]
    assert rival_doubt("nazarova.gulnara@mdai.gov.kz", readings, names) is None
    assert rival_doubt("zhao_ji@nda.gov.cn", ["zhaoji@nda.gov.cn"], _names("佳琪", "赵")) is None


def test_spaces_are_no_characters_of_an_address_but_every_other_mark_is() -> None:
    assert same_address("nazarova.gulnara@ mdai.gov.kz", "nazarova.gulnara@mdai.gov.kz")
    assert not same_address("nazarova.guinara@mdai.gov.kz", "nazarova.gulnara@mdai.gov.kz")
    assert not same_address("nazarova.gulnara@mdaigov.kz", "nazarova.gulnara@mdai.gov.kz")


# Real Tesseract and PP-OCR on photographed cells.

SMALL = [("noto-sans", 13, False), ("noto-serif", 16, True), ("dejavu-serif", 13, False), ("dejavu-serif", 16, True),
         ("mono", 13, False), ("mono", 20, True)]


@pytest.mark.slow
@pytest.mark.parametrize(("face", "pixels", "one_bit"), SMALL, ids=[f"{f}-{p}px-{'1bit' if b else 'grey'}" for f, p, b in SMALL])
def test_an_address_its_cell_read_one_glyph_off_is_never_accounted_for(face: str, pixels: int, one_bit: bool) -> None:
    for first, last, printed in PEOPLE:
        picture = photographed_cell(printed, face, pixels, one_bit)
        for number, misread in enumerate(one_glyph_off(printed)):
            for page_read in (printed, None) if number == 0 else (printed,):
                doubt = ink_doubt(cell_page(picture, misread, page_read), misread, _names(first, last))
                assert not acted_on(first, last, misread, doubt), \
                    f"{misread!r} (printed {printed!r}, page pass {page_read!r}) would be acted on"


READABLE = [(face, pixels, bit) for face in ("noto-sans", "noto-serif") for pixels, bit in ((13, False), (16, False), (20, True))]


@pytest.mark.slow
@pytest.mark.parametrize(("face", "pixels", "one_bit"), READABLE,
                         ids=[f"{f}-{p}px-{'1bit' if b else 'grey'}" for f, p, b in READABLE])
def test_an_address_read_right_in_its_cell_is_accounted_for_though_the_page_pass_misread_it(
        face: str, pixels: int, one_bit: bool) -> None:
    for first, last, printed in PEOPLE[1:4]:
        picture = photographed_cell(printed, face, pixels, one_bit)
        for misread in one_glyph_off(printed)[:2]:
            doubt = ink_doubt(cell_page(picture, printed, misread), printed, _names(first, last))
            assert doubt is None, doubt


@pytest.mark.slow
def test_the_witness_never_outvotes_a_page_pass_that_read_legible_print() -> None:
    first, last, printed = PEOPLE[1]
    picture = photographed_cell(printed, "noto-sans", 30, False)
    assert same_address(witness_reading(_strip(picture))[0], printed)
    doubt = ink_doubt(cell_page(picture, printed, printed.replace("l", "i", 1)), printed, _names(first, last))
    assert doubt is not None and "page's own reading" in doubt


@pytest.mark.slow
def test_print_too_small_for_any_reading_stays_doubted() -> None:
    first, last, printed = PEOPLE[3]
    picture = photographed_cell(printed, "noto-sans", 9, False)
    doubt = ink_doubt(cell_page(picture, printed, None), printed, _names(first, last))
    assert doubt is not None and "too small" in doubt


def _strip(picture: tuple[np.ndarray, Word, Word]) -> np.ndarray:
    """The cell's pixels in grey."""
    image, cell, _ = picture
    x0, y0, x1, y1 = (int(v) for v in cell.box)
    return np.ascontiguousarray(image[y0:y1, x0:x1, 0])
