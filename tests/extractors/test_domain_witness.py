"""A domain the letter vouches for backs an address whose readings dispute its domain, and nothing else.

The sender's domain, when our own server authenticated it, and a domain other
nominees' addresses were read with beyond doubt are witnesses: they may stand
for the Tesseract reading that must give a disputed address's domain, and a
page reading a letter or two off one may give way to a reading of the same
ink that gives it, when the second engine reads exactly that address. They
never make up a domain no reading gave, and never turn an address printed a
letter or two off them into them.

The properties, on lines drawn in code in three faces (sans, serif,
monospaced), at the sizes of a 150 dpi scan or a phone photo, in grey and in
one bit, read by real Tesseract and real PP-OCR:
- an address printed a letter or two off the vouched-for domain (l for i, a
  letter more or less) is never read as the vouched-for one, whichever way
  its page reading went, in a line; in a table cell, a reading of it as the
  vouched-for domain that Tesseract's readings left in doubt stays in doubt
  (where all of them read it so alike, nothing was in doubt to begin with:
  DejaVu Sans Mono's 'i' at 20 pixels in one bit is read 'l' by every pass,
  with or without a witness);
- an address printed with the vouched-for domain whose page reading is a letter
  off ('miatc' for 'mdtc', a lost dot) is read with it in the legible faces;
- any address a letter or two off the sender's domain goes to a person by rule.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractors.auth_results import authenticated_domain
from extractors.letter import _vouched_domains
from extractors.model import AuthResult, Document, Nomination, Nominee, Page, Word
from extractors.readers.address_ink import ink_doubt
from extractors.readers.address_witness import corroboration_doubt, nominee_local_parts
from extractors.readers.domain_witness import FIRM, backed_reading, firm_domain, vouched_domains
from rules.addresses_accounted import rule as addresses_accounted
from rules.base import RuleContext
from tests.extractors.test_address_witness import acted_on, cell_page, photographed_cell
from tests.rules.helpers import nomination, nominee, submission

FONTS = {"sans": Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
         "serif": Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
         "mono": Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")}
NEAR_MISSES = [("Erlan", "Nazarov", "erlan.nazarov", "mdai.gov.kz", "mdal.gov.kz"),
               ("Mohamed", "Masri", "mohamede", "mdtc.gov.sd", "mdtcc.gov.sd"),
               ("Camille", "Lemoine", "camille.lemoine", "numerique.gouv.fr", "numerlque.gouv.fr"),
               ("Lidia", "Kornilova", "l.kornilova", "digital.gov.ru", "digitai.gov.ru"),
               ("Ana", "Rios", "ana.rios", "mitic.gov.py", "mitc.gov.py")]
"""A nominee, the local part, the domain the letter vouches for and one printed a letter or two off it."""
MISREADINGS = [("Mohamed", "Masri", "mohamede", "mdtc.gov.sd", "miatc.gov.sd"),
               ("Erlan", "Nazarov", "erlan.nazarov", "mdai.gov.kz", "mdaigov.kz"),
               ("Camille", "Lemoine", "camille.lemoine", "numerique.gouv.fr", "numenque.gouv.fr"),
               ("Ana", "Rios", "ana.rios", "mitic.gov.py", "mltic.gov.py")]
"""A nominee, the local part, the domain printed (and vouched for) and a page reading a letter off it."""
_SCALE = 3
VARIANTS = [(face, pixels, one_bit) for face in FONTS for pixels, one_bit in ((13, False), (16, True), (20, False))]
IDS = [f"{f}-{p}px-{'1bit' if b else 'grey'}" for f, p, b in VARIANTS]


@cache
def scanned_line(address: str, face: str, pixels: int, one_bit: bool) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """'E-mail: <address>' as a 150 dpi scan or a photo gives it (drawn large, brought down, a little
    soft, in grey or cut to one bit), and the address's box (pixels = points)."""
    font = ImageFont.truetype(str(FONTS[face]), pixels * _SCALE)
    image = Image.new("L", (int(font.getlength("E-mail: " + address)) + 80 * _SCALE, pixels * 6 * _SCALE), 255)
    draw = ImageDraw.Draw(image)
    x = 40 * _SCALE + draw.textlength("E-mail: ", font=font)
    draw.text((40 * _SCALE, pixels * 2 * _SCALE), "E-mail:", font=font, fill=0)
    box = draw.textbbox((x, pixels * 2 * _SCALE), address, font=font)
    draw.text((x, pixels * 2 * _SCALE), address, font=font, fill=0)
    small = image.resize((image.width // _SCALE, image.height // _SCALE), Image.Resampling.LANCZOS)
    small = small.filter(ImageFilter.GaussianBlur(0.4))
    if one_bit:
        small = small.point(lambda v: 255 if v > 150 else 0)
    return np.asarray(small.convert("RGB")), tuple(v / _SCALE for v in box)  # type: ignore[return-value]


def line_page(picture: tuple[np.ndarray, tuple[float, float, float, float]], page_read: str) -> list[Page]:
    """The page as the bot holds it: the address's word read `page_read`, Tesseract unsure of it."""
    image, box = picture
    return [Page(number=1, text="", words=[Word(page_read, box, 0.4)], width=image.shape[1], height=image.shape[0],
                 image=image)]


# The witnesses: who vouches for a domain.

def test_only_a_sender_our_server_authenticated_vouches_for_its_domain() -> None:
    passed = (AuthResult("dkim", "pass", "mdai.gov.kz"), AuthResult("dmarc", "pass", "mdai.gov.kz"))
    assert authenticated_domain(passed, "mdai.gov.kz") == "mdai.gov.kz"
    assert authenticated_domain((AuthResult("spf", "pass", "mdai.gov.kz"),), "mdai.gov.kz") == "mdai.gov.kz"
    assert authenticated_domain(None, "mdai.gov.kz") is None
    assert authenticated_domain((AuthResult("dmarc", "fail", "mdai.gov.kz"),), "mdai.gov.kz") is None
    assert authenticated_domain((AuthResult("spf", "pass", "mail.example.org"),), "mdai.gov.kz") is None


def test_only_another_nominees_address_read_beyond_doubt_vouches_for_its_domain() -> None:
    firm = Nominee(email="a.b@mdtc.gov.sd", accounted={"email"}, confidence={"email": FIRM})
    unsure = Nominee(email="c.d@mdtc.gov.sd", accounted={"email"}, confidence={"email": FIRM - 0.01})
    doubted = Nominee(email="e.f@mdtc.gov.sd", doubts={"email": "its ink ..."})
    unchecked = Nominee(email="g.h@mdtc.gov.sd")
    assert [firm_domain(n) for n in (firm, unsure, doubted, unchecked)] == ["mdtc.gov.sd", "", "", ""]
    assert vouched_domains(["mdtc.gov.sd", "", "x.gov.sd"], 0, None) == {"x.gov.sd"}
    assert vouched_domains(["mdtc.gov.sd", ""], 1, "MFA.gov.sd") == {"mdtc.gov.sd", "mfa.gov.sd"}


# The rule: an address a letter or two off the sender's domain is a person's.

@pytest.mark.parametrize(("first", "last", "local", "vouched", "printed"), NEAR_MISSES)
def test_an_ocred_address_a_letter_or_two_off_the_senders_domain_goes_to_a_person(
        first: str, last: str, local: str, vouched: str, printed: str) -> None:
    mail = submission(sender=f"registry@{vouched}")
    for domain, doubted in ((printed, True), (vouched, False)):
        letter = nomination(nominee(first_name=first, last_name=last, email=f"{local}@{domain}"), read_by_ocr=True)
        issues = addresses_accounted.check(mail, letter, RuleContext())
        assert bool(issues) is doubted and all("the sender's" in i.message for i in issues), domain
    typed = nomination(nominee(first_name=first, last_name=last, email=f"{local}@{printed}"))
    assert addresses_accounted.check(mail, typed, RuleContext()) == []


def test_a_domain_two_other_letters_off_the_senders_is_another_body_and_look_alike_glyphs_a_slip() -> None:
    """A ministry of posts ('mpt.gov.by') nominated by the foreign ministry ('mfa.gov.by') is no misreading;
    'rnfa.gov.by' is (two edits, but 'rn' is what OCR makes of an 'm')."""
    mail = submission(sender="mission@mfa.gov.by")
    for domain, doubted in (("mpt.gov.by", False), ("mfa.gov.bg", True), ("rnfa.gov.by", True), ("mfa.gov.by", False)):
        letter = nomination(nominee(first_name="Olga", last_name="Volkova", email=f"ovolkova@{domain}"), read_by_ocr=True)
        assert bool(addresses_accounted.check(mail, letter, RuleContext())) is doubted, domain


# Real Tesseract and PP-OCR: a line of a letter.

@pytest.mark.slow
@pytest.mark.parametrize(("face", "pixels", "one_bit"), VARIANTS, ids=IDS)
def test_an_address_printed_a_letter_off_the_vouched_domain_is_never_read_as_it(
        face: str, pixels: int, one_bit: bool) -> None:
    for first, last, local, vouched, printed in NEAR_MISSES:
        address = f"{local}@{printed}"
        picture = scanned_line(address, face, pixels, one_bit)
        for page_read in (address, f"{local}@{printed.replace('.', '', 1)}"):
            backed = backed_reading(line_page(picture, page_read), page_read, vouched,
                                    nominee_local_parts(first, last))
            assert backed is None, f"{address!r} (page read {page_read!r}) read as {backed!r}"


@pytest.mark.slow
@pytest.mark.parametrize(("face", "pixels", "one_bit"), VARIANTS, ids=IDS)
def test_an_address_read_a_letter_off_the_vouched_domain_it_prints_is_read_with_it_or_left_alone(
        face: str, pixels: int, one_bit: bool) -> None:
    backed = []
    for first, last, local, printed, misread in MISREADINGS:
        picture = scanned_line(f"{local}@{printed}", face, pixels, one_bit)
        reading = backed_reading(line_page(picture, f"{local}@{misread}"), f"{local}@{misread}", printed,
                                 nominee_local_parts(first, last))
        assert reading in (None, f"{local}@{printed}"), reading
        backed.append(reading is not None)
    if face != "mono" and not one_bit:
        assert any(backed), "no misreading of a legible face was read with the domain it prints"


# Real Tesseract and PP-OCR: a table cell (the vouched domain stands for Tesseract's reading of the domain).

CELLS = [("sans", 12, False), ("sans", 13, False), ("sans", 16, True), ("serif", 16, False), ("mono", 20, True)]
_FACES = {"sans": "noto-sans", "serif": "dejavu-serif", "mono": "mono"}


@pytest.mark.slow
@pytest.mark.parametrize(("face", "pixels", "one_bit"), CELLS, ids=[f"{f}-{p}px" for f, p, _ in CELLS])
def test_a_cell_printed_a_letter_off_the_vouched_domain_is_never_acted_on_as_it(
        face: str, pixels: int, one_bit: bool) -> None:
    for first, last, local, vouched, printed in NEAR_MISSES:
        picture = photographed_cell(f"{local}@{printed}", _FACES[face], pixels, one_bit)
        misread = f"{local}@{vouched}"
        for page_read in (misread, f"{local}@{vouched.replace('.', '', 1)}", None):
            page, names = cell_page(picture, misread, page_read), nominee_local_parts(first, last)
            if acted_on(first, last, misread, ink_doubt(page, misread, names)):
                continue  # every Tesseract reading took it for the vouched domain: no doubt to lift (see module)
            doubt = ink_doubt(page, misread, names, frozenset({vouched}))
            assert not acted_on(first, last, misread, doubt), f"{misread!r} (printed {printed!r}) would be acted on"


def test_a_vouched_domain_stands_for_the_reading_that_must_give_a_disputed_domain_and_for_nothing_else() -> None:
    """(On a photo the page pass loses the dot of 'mdai.gov.kz' and the cell's re-readings give no whole
    domain, while PP-OCR reads the address exactly: the corpus's Kazakh letter.)"""
    names = nominee_local_parts("Erlan", "Nazarov")
    readings = ["erlan.nazarov@mdaigov.kz", "erlan.nazarov@mda igov.kz"]
    assert corroboration_doubt("erlan.nazarov@mdai.gov.kz", readings, names) is not None
    assert corroboration_doubt("erlan.nazarov@mdai.gov.kz", readings, names, frozenset({"mdai.gov.kz"})) is None
    for vouched in ("mdal.gov.kz", "mdai.gov.k", "mdai.gov.kz.", "gov.kz"):
        assert corroboration_doubt("erlan.nazarov@mdai.gov.kz", readings, names, frozenset({vouched})), vouched
    no_local = corroboration_doubt("e.nazarov@mdai.gov.kz", readings, frozenset(), frozenset({"mdai.gov.kz"}))
    assert no_local is not None and "local part" in no_local


# The letter: which nominees' addresses the vouched domains may touch.

@pytest.mark.slow
def test_only_an_unsure_reading_off_a_vouched_domain_takes_the_reading_that_gives_it() -> None:
    """(Sans at 13 pixels in grey: the page reads 'miatc' where 'mdtc' is printed, as on the Sudanese scan.)"""
    picture = scanned_line("mohamede@mdtc.gov.sd", "sans", 13, False)
    pages = line_page(picture, "mohamede@miatc.gov.sd")
    letter = Document(name="scan.pdf", kind="pdf", pages=pages)

    def read(confidence: float, sender: str | None) -> str | None:
        witnessed = Nominee(first_name="Mohamed", last_name="Masri", email="mohamede@miatc.gov.sd",
                            accounted={"email"}, confidence={"email": confidence})
        other = Nominee(first_name="Mariam", last_name="Najjar", email="mariame@mdtc.gov.sd",
                        accounted={"email"}, confidence={"email": 0.9})
        _vouched_domains(Nomination(nominees=[other, witnessed]), letter, sender)
        return witnessed.email

    assert read(0.38, None) == "mohamede@mdtc.gov.sd"  # another nominee's firm domain
    assert read(FIRM, None) == "mohamede@miatc.gov.sd"  # a firm reading against the witness: a person's
    assert read(0.38, "miatc.gov.sd") == "mohamede@miatc.gov.sd"  # the sender writes from the domain read
