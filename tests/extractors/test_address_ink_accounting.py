"""Every blob of an OCRed address's ink must be a character read: a dot the reading lost is found.

The page's reading is given here (a Word with its box), the ink is drawn:
a reading that leaves out a dot, a hyphen or an underscore the image shows
is doubted, and the reading that has them all is not. Real Tesseract reads
the address's crop again character by character.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.model import Page, Word
from extractors.readers.address_ink import ink_doubt

FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
         Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
         Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")]
PRINTED = ["olivier.rousseau@finances.gouv.fr", "a.al-hilli@moi.gov.iq", "lili_illich@digital.gov.ie"]


def page_showing(printed: str, font: Path, size: int) -> tuple[Page, tuple[float, float, float, float]]:
    """A strip of page with the address drawn at 'E-mail:', and the address's box (pixels = points)."""
    image = Image.new("RGB", (1400, 200), "white")
    draw = ImageDraw.Draw(image)
    face = ImageFont.truetype(str(font), size)
    draw.text((40, 80), "E-mail:", font=face, fill="black")
    x = 40 + draw.textlength("E-mail: ", font=face)
    x0, y0, x1, y1 = draw.textbbox((x, 80), printed, font=face)
    draw.text((x, 80), printed, font=face, fill="black")
    return Page(number=1, text="", width=1400, height=200, image=np.asarray(image)), (x0, y0, x1, y1)


@pytest.mark.parametrize("font", FONTS, ids=[f.stem for f in FONTS])
@pytest.mark.parametrize("printed", PRINTED)
def test_a_reading_that_lost_a_mark_is_doubted(printed: str, font: Path) -> None:
    page, box = page_showing(printed, font, 30)
    local, domain = printed.split("@")
    misread = local.replace(".", "").replace("-", "").replace("_", "") + "@" + domain
    page.words.append(Word(misread, box, 0.93))
    doubt = ink_doubt([page], misread)
    assert doubt is not None and misread in doubt


@pytest.mark.parametrize("font", FONTS, ids=[f.stem for f in FONTS])
@pytest.mark.parametrize("printed", PRINTED)
def test_a_reading_with_all_its_marks_is_accounted_for(printed: str, font: Path) -> None:
    page, box = page_showing(printed, font, 30)
    page.words.append(Word(printed, box, 0.93))
    assert ink_doubt([page], printed) is None


def test_an_address_not_among_the_words_read_is_not_accounted_for() -> None:
    page, _ = page_showing(PRINTED[0], FONTS[0], 30)
    doubt = ink_doubt([page], PRINTED[0])
    assert doubt is not None and "not found" in doubt


ARABIC = Path("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf")


def sentence_showing(printed: str, font: Path, size: int, rtl: bool) -> tuple[Page, tuple[float, float, float, float]]:
    """An address ending a sentence, its full stop after it: at its right in an English line, at its left
    in an Arabic one (where the label stands at the right); and the address's own box."""
    image = Image.new("RGB", (1400, 200), "white")
    draw = ImageDraw.Draw(image)
    face, label = ImageFont.truetype(str(font), size), ImageFont.truetype(str(ARABIC), size)
    stop = draw.textlength(".", font=face)
    if rtl:
        x = 1360 - draw.textlength("البريد الإلكتروني:", font=label, direction="rtl")
        draw.text((x, 80), "البريد الإلكتروني:", font=label, fill="black", direction="rtl")
        x -= draw.textlength(" " + printed, font=face)
        draw.text((x - stop, 80), "." + printed, font=face, fill="black")
    else:
        x = 40 + draw.textlength("E-mail: ", font=face)
        draw.text((40, 80), "E-mail: " + printed + ".", font=face, fill="black")
    box = draw.textbbox((x, 80), printed, font=face)
    return Page(number=1, text="", width=1400, height=200, image=np.asarray(image)), box


@pytest.mark.parametrize("rtl", [False, True], ids=["ltr", "rtl"])
@pytest.mark.parametrize("font", FONTS, ids=[f.stem for f in FONTS])
@pytest.mark.parametrize("printed", PRINTED)
def test_the_sentences_full_stop_beside_an_address_is_no_part_of_it(printed: str, font: Path, rtl: bool) -> None:
    page, box = sentence_showing(printed, font, 30, rtl)
    page.words.append(Word(printed, box, 0.93))
    assert ink_doubt([page], printed) is None


@pytest.mark.parametrize("rtl", [False, True], ids=["ltr", "rtl"])
@pytest.mark.parametrize("font", FONTS, ids=[f.stem for f in FONTS])
def test_a_lost_initial_and_its_dot_are_doubted_beside_the_sentences_full_stop(font: Path, rtl: bool) -> None:
    page, box = sentence_showing("r.alsaud@tdra.gov.ae", font, 30, rtl)
    left = box[0] + ImageDraw.Draw(Image.new("L", (1, 1))).textlength("r.", font=ImageFont.truetype(str(font), 30))
    page.words.append(Word("alsaud@tdra.gov.ae", (left, *box[1:]), 0.93))
    doubt = ink_doubt([page], "alsaud@tdra.gov.ae")
    assert doubt is not None
