"""Where two readings of an address disagree only on a thin letter (i, j, l), its ink says which it is.

Addresses are drawn in code in two fonts at 10-12 pt, as scanners make them
(150, 200 and 300 dpi, grey and one bit), and read by real Tesseract. A
reading that took a printed j, i or l for another thin letter is mended to
the printed address; a reading that differs in any other letter is left
alone, and so is one the ink agrees with.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.readers.ocr_thin_letters import settled_thin_letters
from extractors.readers.scale import enlarged
from tests.extractors.scan_letters import NOTO, at_dpi, one_bit

pytestmark = pytest.mark.slow

FONTS = {"sans": "NotoSans-Regular.ttf", "serif": "NotoSerif-Regular.ttf"}

# (printed, misread): a descender lost (j read i), a j's dot read as an i of its own, a broken l read as
# a '!' no address holds, an l lost, an l read as a bracket after a one-letter label, a dot taken for an ascender's top (i read l), an l read i
MISREAD = [("mjcastillo@civ.gob.gt", "micastillo@civ.gob.gt"),
           ("mjcastillo@civ.gob.gt", "mijcastillo@civ.gob.gt"),
           ("fatoumata.keita@numerique.gouv.ml", "fatoumata.keita@numerique.gouv.m!"),
           ("fatoumata.keita@numerique.gouv.ml", "fatoumata.keita@numerique.gouv.m"),
           ("b.traore@numerique.gouv.ml", "b.traore@numerique.gouv.m)"),
           ("jalvarado@civ.gob.gt", "ialvarado@civ.gob.gt"),
           ("k.ndiaye@numerique.gouv.sn", "k.ndlaye@numerique.gouv.sn"),
           ("rlefevre@francophonie.org", "riefevre@francophonie.org"),
           ("e.mamedov@mincom.gov.az", "e.mamedov@mincom.gov.az")]

SCANS = [(150, "grey"), (200, "1-bit"), (300, "grey")]


@cache
def strip(address: str, font: str, size: int, dpi: int, colour: str) -> np.ndarray:
    """The address alone on a strip of page, as the bot cuts it out of a scan at `dpi`, enlarged as it reads it."""
    face = ImageFont.truetype(str(NOTO / FONTS[font]), size)
    page = Image.new("L", (1600, 200), 255)
    ImageDraw.Draw(page).text((60, 60), address, font=face, fill=0)
    scanned = at_dpi(page, dpi)
    scanned = one_bit(scanned).convert("L") if colour == "1-bit" else scanned
    pixels = np.asarray(scanned)
    rows, columns = np.nonzero(pixels < 128)
    pad = max(4, (rows.max() - rows.min()) // 3)
    return enlarged(np.ascontiguousarray(pixels[rows.min() - pad: rows.max() + pad, columns.min() - pad: columns.max() + pad]))


@pytest.mark.parametrize(("dpi", "colour"), SCANS)
@pytest.mark.parametrize("font", list(FONTS))
def test_a_thin_letter_read_for_another_is_put_back_as_the_ink_shows_it(dpi: int, colour: str, font: str) -> None:
    mended = []
    for printed, misread in MISREAD:
        for size in (42, 50):
            settled = settled_thin_letters(strip(printed, font, size, dpi, colour), misread)
            assert settled in (None, printed), (printed, misread, settled)
            mended.append(settled == printed or printed == misread)
    assert sum(mended) >= 0.75 * len(mended), mended


@pytest.mark.parametrize(("dpi", "colour"), SCANS)
def test_a_reading_that_differs_in_another_letter_is_left_alone(dpi: int, colour: str) -> None:
    """A thin letter the ink settles does not carry a reading that differs elsewhere too."""
    for printed, misread in [("mjcastillo@civ.gob.gt", "micastillo@civ.gob.gf"),
                             ("jalvarado@civ.gob.gt", "jalvarado@civ.gob.gl"),
                             ("k.ndiaye@numerique.gouv.sn", "k.ndiaye@numerique.gouv.sm")]:
        assert settled_thin_letters(strip(printed, "sans", 46, dpi, colour), misread) is None


@pytest.mark.parametrize(("dpi", "colour"), SCANS)
@pytest.mark.parametrize("font", list(FONTS))
def test_a_reading_the_ink_agrees_with_stays_as_it_is(dpi: int, colour: str, font: str) -> None:
    """Also thin letters printed side by side ('mijares', 'illich'): no letter with ink of its own is dropped;
    and a bracket closing a whole address stays a bracket."""
    for printed in [printed for printed, _ in MISREAD] + ["mijares@mintic.gob.co", "lilia.ijiri@meti.go.jp",
                                                           "jalvarado@civ.gob.gt)", "jill.illich@mil.gov.il",
                                                           "li.lili@jilin.gov.cn", "ijl@ijl.gov.ml"]:
        for size in (42, 50):
            assert settled_thin_letters(strip(printed, font, size, dpi, colour), printed) in (None, printed), printed
