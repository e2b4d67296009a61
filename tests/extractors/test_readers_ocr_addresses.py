"""An OCRed address is chosen among its readings (the page's, a strip's): never one letter astray unseen."""

from __future__ import annotations

import pytest

from extractors.readers.ocr import _best_reading
from tests.extractors.scan_letters import LETTERS, at_dpi, letter_page, one_bit, scanned_pdf
from extractors.readers import read_attachment
from extractors.model import Attachment


def test_two_readings_alike_win_surer_than_each_alone() -> None:
    readings = [("a.ahmed@mdtc.gov.sd", 60.0), ("a.ahmed@mdatc.gov.sd", 46.0), ("A.Ahmed@mdtc.gov.sd", 50.0)]
    assert _best_reading(readings, "") == ("a.ahmed@mdtc.gov.sd", 80.0)


def test_the_reading_whose_domain_the_letterhead_prints_wins() -> None:
    readings = [("mariame@mdtc.gov.sd", 44.0), ("mariame@madtc.gov.sd", 34.0)]
    assert _best_reading(readings, "www.mdtc.gov.sd وزارة التحول الرقمي") == ("mariame@mdtc.gov.sd", 44.0)


def test_readings_that_disagree_with_nothing_to_decide_stay_doubtful() -> None:
    readings = [("mohamede@miatc.gov.sd", 48.0), ("mohamede@miadtc.gov.sd", 45.0), ("mohamede@matc.gov.sd", 38.0)]
    text, sure = _best_reading(readings, "www.mdtc.gov.sd")
    assert text == "mohamede@miatc.gov.sd" and sure == 38.0  # below the field threshold: a person looks


@pytest.mark.slow
@pytest.mark.parametrize("language", ["ar", "zh", "ru"])
@pytest.mark.parametrize("dpi, bits", [(150, "grey"), (200, "1-bit"), (300, "grey")])
def test_an_address_in_a_letter_of_another_script_is_read_whole(language: str, dpi: int, bits: str) -> None:
    letter = LETTERS[language]
    page = at_dpi(letter_page(letter), dpi)
    page = one_bit(page) if bits == "1-bit" else page
    document = read_attachment(Attachment("scan.pdf", "application/pdf", scanned_pdf(page, dpi)))
    assert document is not None
    words = [word for p in document.pages for word in p.words if "@" in word.text]
    assert [word.text.strip("()<>.,;:") for word in words] == [letter.email]
    assert words[0].confidence is not None
