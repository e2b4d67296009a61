"""Arabic letters as scanners, faxes and phones send them: each variant gives its nominees, or doubts them.

Two Arabic letters drawn in code with an Arabic font (tests/extractors/scan_letters.py), one in prose and
one with its label and value pairs, are made into every kind of picture offices send: grey and one-bit
scans at 150/200/300 dpi, a phone photo at an angle under uneven light, the same photo stored sideways
with an EXIF orientation tag, a two-page one-bit fax TIFF. Real Tesseract reads each one.

Whatever the variant, each nominee must be read as printed (title, names, role, address), or the reading
checks (fields_agree, confident, addresses_accounted, legible_fields) must doubt that nominee or the whole
letter, so that a person looks before a meeting link goes anywhere; a nominee lost must be doubted too.
A nominee that would be confirmed with a wrong field fails.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PIL import Image

from extractors.letter import read_nomination
from extractors.model import Nomination
from rules.addresses_accounted import rule as addresses_accounted
from rules.base import RuleContext
from rules.confident import rule as confident
from rules.decide import REVIEW_CODES
from rules.fields_agree import rule as fields_agree
from rules.legible_fields import rule as legible_fields
from tests.extractors.scan_letters import (
    ARABIC_PROSE,
    LETTERS,
    at_dpi,
    jpeg,
    letter_page,
    multipage_tiff,
    one_bit,
    photographed,
    prose_page,
    scanned_pdf,
    stored_sideways,
)
from tests.extractors.test_readers_inputs import attachment
from tests.rules.helpers import submission

pytestmark = pytest.mark.slow

Printed = tuple[str, str, str, str, str]
"""A nominee as the letter prints it: title, first name, last name, role, e-mail address."""

PROSE_NOMINEES: list[Printed] = [
    ("الدكتور", "عبد الرحمن", "أبو زيد", "primary", "abdelrahman.abuzeid@modee.gov.jo"),
    ("السيدة", "ريم", "آل سعود", "alternate", "r.alsaud@modee.gov.jo")]

KV_NOMINEES: list[Printed] = [
    ("الدكتور", "أحمد", "المصري", "primary", "a.masri@mdtc.gov.sd"),
    ("السيدة", "رنا", "أبو زيد", "alternate", "rana.abuzeid@mdtc.gov.sd")]
_ROLES = {"primary": "جهة الاتصال الرئيسية", "alternate": "المناوب"}


def _kv_fields(nominee: Printed) -> tuple[tuple[str, str], ...]:
    """One nominee's label and value pairs, with the labels of the Arabic Annex 2 letter."""
    labels = [label for label, _ in LETTERS["ar"].fields]
    title, first, last, role, email = nominee
    return tuple(zip(labels, (title, first, last, _ROLES[role], email)))


def _kv_pages() -> list[Image.Image]:
    """The key-value letter on two 300 dpi pages, one nominee on each (a fax sends them so)."""
    return [letter_page(LETTERS["ar"], _kv_fields(nominee)) for nominee in KV_NOMINEES]


def _prose_pages() -> list[Image.Image]:
    """The prose letter on two 300 dpi pages, broken after the first nominee's address."""
    return [prose_page("ar", ARABIC_PROSE[:4]), prose_page("ar", ARABIC_PROSE[4:])]


def _one_page(pages: list[Image.Image]) -> Image.Image:
    """Both pages' text on one sheet: the upper half of each page's printed part, one under the other."""
    sheet = Image.new("L", pages[0].size, 255)
    sheet.paste(pages[0].crop((0, 450, pages[0].width, 1650)), (0, 450))
    sheet.paste(pages[1].crop((0, 450, pages[1].width, 1650)), (0, 1700))
    return sheet


def _grey_scan(dpi: int) -> Callable[[list[Image.Image]], tuple[bytes, str]]:
    return lambda pages: (scanned_pdf(at_dpi(_one_page(pages), dpi), dpi), "scan0001.pdf")


def _one_bit_scan(dpi: int) -> Callable[[list[Image.Image]], tuple[bytes, str]]:
    return lambda pages: (scanned_pdf(one_bit(at_dpi(_one_page(pages), dpi)).convert("L"), dpi), "SKM_C300.pdf")


def _photo(pages: list[Image.Image]) -> tuple[bytes, str]:
    return jpeg(photographed(_one_page(pages))), "IMG_0001.jpg"


def _photo_sideways(pages: list[Image.Image]) -> tuple[bytes, str]:
    return stored_sideways(photographed(_one_page(pages))), "IMG_0002.jpg"


def _fax_tiff(pages: list[Image.Image]) -> tuple[bytes, str]:
    return multipage_tiff([at_dpi(page, 200) for page in pages], 200), "fax.tif"


VARIANTS: dict[str, Callable[[list[Image.Image]], tuple[bytes, str]]] = {
    "grey-150dpi": _grey_scan(150),
    "grey-200dpi": _grey_scan(200),
    "grey-300dpi": _grey_scan(300),
    "one-bit-200dpi": _one_bit_scan(200),
    "one-bit-300dpi": _one_bit_scan(300),
    "phone-photo": _photo,
    "photo-sideways-exif": _photo_sideways,
    "fax-tiff-two-pages": _fax_tiff,
}
LETTER_KINDS: dict[str, tuple[Callable[[], list[Image.Image]], list[Printed]]] = {
    "prose": (_prose_pages, PROSE_NOMINEES),
    "key-value": (_kv_pages, KV_NOMINEES),
}


def _doubted(nomination: Nomination) -> set[int | None]:
    """Nominees the reading checks send to a person (None: the whole letter)."""
    checks = (fields_agree, confident, addresses_accounted, legible_fields)
    return {issue.nominee for check in checks for issue in check.check(submission(), nomination, RuleContext())
            if issue.code in REVIEW_CODES}


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("kind", list(LETTER_KINDS))
def test_an_arabic_image_letter_gives_its_nominees_or_doubts_them(kind: str, variant: str) -> None:
    pages, printed = LETTER_KINDS[kind]
    data, filename = VARIANTS[variant](pages())
    nomination = read_nomination(submission(subject="GCC", attachments=(attachment(data, filename),)))
    assert nomination.language == "ar"
    doubted = _doubted(nomination)
    assert len(nomination.nominees) == len(printed) or None in doubted, (
        f"{len(nomination.nominees)} of {len(printed)} nominees read, and nothing doubted")
    for number, (nominee, expected) in enumerate(zip(nomination.nominees, printed), start=1):
        read = (nominee.title, nominee.first_name, nominee.last_name, nominee.role, nominee.email)
        assert read == expected or {number, None} & doubted, f"nominee {number} would be confirmed as {read}"
