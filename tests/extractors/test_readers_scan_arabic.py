"""An Arabic prose letter as scanners and faxes send it: the nominees and their roles read; an address read
as printed is accounted for by its ink (the sentence's full stop at its left is no lost character), and
one misread ('.r.alsaud' read 'ralsaud') is doubted.

Real Tesseract on a letter drawn in code (tests/extractors/scan_letters.py), at the resolutions and bit
depths offices scan at.
"""

from __future__ import annotations

import pytest
from PIL import Image

from extractors.letter import read_nomination
from rules.addresses_accounted import rule as addresses_accounted
from rules.base import RuleContext
from tests.extractors.scan_letters import ARABIC_PROSE, at_dpi, one_bit, prose_page, scanned_pdf
from tests.extractors.test_readers_inputs import attachment
from tests.rules.helpers import submission

pytestmark = pytest.mark.slow

EXPECTED = [("الدكتور", "عبد الرحمن", "أبو زيد", "primary", "abdelrahman.abuzeid@modee.gov.jo"),
            ("السيدة", "ريم", "آل سعود", "alternate", "r.alsaud@modee.gov.jo")]


def _scanned(dpi: int, bits: int) -> bytes:
    page = prose_page("ar", ARABIC_PROSE)
    page = at_dpi(page, dpi) if dpi != 300 else page
    image: Image.Image = one_bit(page).convert("L") if bits == 1 else page
    return scanned_pdf(image, dpi)


@pytest.mark.parametrize(("dpi", "bits"), [(300, 8), (200, 1), (200, 8)])
def test_an_arabic_prose_scan_reads_its_nominees_and_accounts_for_their_addresses(dpi: int, bits: int) -> None:
    mail = submission(subject="GCC", attachments=(attachment(_scanned(dpi, bits), "scan.pdf"),))
    nomination = read_nomination(mail)
    found = [(n.title, n.first_name, n.last_name, n.role) for n in nomination.nominees]
    assert found == [expected[:4] for expected in EXPECTED]
    doubted = {issue.nominee for issue in addresses_accounted.check(submission(), nomination, RuleContext())}
    for number, (nominee, expected) in enumerate(zip(nomination.nominees, EXPECTED), start=1):
        assert (nominee.email == expected[4]) == (number not in doubted), (
            f"{nominee.email!r} (printed {expected[4]!r}) is {'doubted' if number in doubted else 'acted on'}")
