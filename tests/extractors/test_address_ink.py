"""A scanned address is acted on only when it was read exactly, or else it goes to a person.

Real Tesseract on letters drawn in code: addresses with dots, hyphens and
underscores between letters and local parts full of l and i (what OCR
loses and confuses), in a few fonts, scanned at 150, 200 and 300 dpi, in
grey and in one bit. The property: an address read differently from the
one printed is always doubted (addresses_accounted or confident raise a
low_confidence issue on it, which sends the letter to review); an address
read right keeps being acted on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.letter import read_nomination
from extractors.model import Nomination
from rules.addresses_accounted import rule as addresses_accounted
from rules.base import Issue, RuleContext
from rules.confident import rule as confident
from tests.extractors.scan_letters import A4_300DPI, at_dpi, one_bit
from tests.extractors.test_readers_inputs import attachment, image_bytes
from tests.rules.helpers import submission

pytestmark = pytest.mark.slow

FONTS = Path("/usr/share/fonts/truetype")
SANS = FONTS / "dejavu/DejaVuSans.ttf"
SERIF = FONTS / "dejavu/DejaVuSerif.ttf"
NOTO = FONTS / "noto/NotoSans-Regular.ttf"

PEOPLE = {
    "dot": ("Olivier", "Rousseau", "olivier.rousseau@finances.gouv.fr"),
    "initial-dot": ("Florencia", "Ibarra", "f.ibarra@innovacion.gob.ar"),
    "hyphen": ("Ali", "Al-Hilli", "a.al-hilli@moi.gov.iq"),
    "underscore": ("Lili", "Illich", "lili_illich@digital.gov.ie"),
    "l-rich": ("Rémi", "Lefèvre", "rlefevre@francophonie.org"),
    "i-l-dots": ("Emilie", "Villiers", "emilie.villiers@culture.gouv.fr"),
}


def letter_image(first: str, last: str, email: str, font: Path, dpi: int, bits: int) -> Image.Image:
    """An English Annex 2 letter with one nominee, drawn at 300 dpi, then scanned."""
    page = Image.new("L", A4_300DPI, 255)
    draw = ImageDraw.Draw(page)
    face = ImageFont.truetype(str(font), 44)
    lines = ("We have the honour to nominate the following representative to the GCC",
             "of the OpenWallet Forum (TSB Circular 006).", "",
             "Title or rank: Dr", f"First name: {first}", f"Last name: {last}",
             "Job title: Director", "Role in GCC: Primary contact",
             "Organization name: Ministry of Digital Affairs", f"E-mail: {email}")
    for n, line in enumerate(lines):
        draw.text((250, 500 + 100 * n), line, font=face, fill=0)
    scanned = at_dpi(page, dpi) if dpi != 300 else page
    return one_bit(scanned).convert("L") if bits == 1 else scanned


def _read(image: Image.Image) -> Nomination:
    mail = submission(subject="GCC nomination", attachments=(attachment(image_bytes(image, "PNG"), "letter.png"),))
    return read_nomination(mail)


def _email_doubts(nomination: Nomination) -> list[Issue]:
    mail, context = submission(), RuleContext()
    issues = addresses_accounted.check(mail, nomination, context) + confident.check(mail, nomination, context)
    return [issue for issue in issues if issue.code == "low_confidence" and issue.field == "email"]


VARIANTS = [
    ("dot", SANS, 200, 8), ("dot", SERIF, 150, 1), ("initial-dot", NOTO, 150, 8),
    ("initial-dot", SERIF, 200, 1), ("hyphen", SANS, 150, 1), ("underscore", NOTO, 200, 1),
    ("l-rich", SERIF, 150, 8), ("l-rich", SANS, 200, 1), ("i-l-dots", NOTO, 150, 1),
    ("i-l-dots", SERIF, 300, 8),
]


@pytest.mark.parametrize(("who", "font", "dpi", "bits"), VARIANTS,
                         ids=[f"{w}-{f.stem}-{d}dpi-{b}bit" for w, f, d, b in VARIANTS])
def test_a_misread_address_is_never_acted_on(who: str, font: Path, dpi: int, bits: int) -> None:
    first, last, email = PEOPLE[who]
    nomination = _read(letter_image(first, last, email, font, dpi, bits))
    assert nomination.read_by_ocr and nomination.nominees, "the scan was not read as a letter"
    read = nomination.nominees[0].email
    if read != email:
        assert _email_doubts(nomination), f"{read!r} (printed {email!r}) would have been acted on"


@pytest.mark.parametrize("who", ["dot", "hyphen", "underscore"])
def test_a_clean_scan_read_right_is_acted_on(who: str) -> None:
    first, last, email = PEOPLE[who]
    nomination = _read(letter_image(first, last, email, SANS, 300, 8))
    assert [n.email for n in nomination.nominees] == [email]
    assert addresses_accounted.check(submission(), nomination, RuleContext()) == []
