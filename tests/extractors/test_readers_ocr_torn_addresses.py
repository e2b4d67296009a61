"""An address the page pass read short of its ink is read again: a lost dot found, a torn head joined.

Real Tesseract on one line drawn in code, in three fonts at two letter
sizes. The page pass's words are Tesseract's own; where a test needs the
page pass to have gone wrong the way it does on photos and scans (a dot
left out of 'olivier.rousseau', a gap after 'patrick.' wide enough to cut
the address in two), the reading or the drawing is made so. The strips read
again may restore what the ink shows, never a letter the ink does not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.readers.ocr import _read_again
from extractors.readers.ocr_lines import tesseract_lines
from extractors.readers.tesseract import read_words

pytestmark = pytest.mark.slow

FONTS = Path("/usr/share/fonts/truetype")
FACES = {"sans": FONTS / "dejavu/DejaVuSans.ttf", "serif": FONTS / "dejavu/DejaVuSerif.ttf",
         "noto": FONTS / "noto/NotoSans-Regular.ttf"}
SIZES = (36, 48)


def _line(pieces: list[tuple[str, float]], face: str, size: int) -> np.ndarray:
    """A grey strip of text drawn piece after piece, each followed by a gap in letter heights."""
    font = ImageFont.truetype(str(FACES[face]), size)
    image = Image.new("L", (60 * size, 3 * size), 255)
    draw = ImageDraw.Draw(image)
    x = float(size)
    for text, gap in pieces:
        draw.text((x, size), text, font=font, fill=0)
        x += draw.textlength(text, font=font) + gap * size
    return np.asarray(image)


def _page_words(gray: np.ndarray) -> dict[str, list[Any]]:
    data = read_words(gray, "eng", 6)
    data["text"] = [text.strip() for text in data["text"]]
    return data


def _words(data: dict[str, list[Any]]) -> list[str]:
    return [text for text in data["text"] if text]


def _address_word(data: dict[str, list[Any]], local: str) -> int:
    return next(i for i, text in enumerate(data["text"]) if local in text.casefold() and "@" in text)


def _torn(data: dict[str, list[Any]], at: int, x: int) -> None:
    """The page pass's word cut in two at `x`, as a photo's stretched gap after a dot makes Tesseract cut it."""
    for column, values in data.items():
        values.insert(at, values[at])
    data["width"][at] = x - data["left"][at] - 2
    data["text"][at], data["text"][at + 1] = data["text"][at].split(".", 1)[0] + ".", data["text"][at].split(".", 1)[1]
    data["width"][at + 1] -= x + 2 - data["left"][at + 1]
    data["left"][at + 1] = x + 2


SEPARATOR_LOST = [("olivier.rousseau@finances.gouv.fr", "olivierrousseau@finances.gouv.fr"),
                  ("karim.ben-ali@mtc.gov.tn", "karim.benali@mtc.gov.tn"),
                  ("jean_marc@numerique.gouv.sn", "jeanmarc@numerique.gouv.sn")]


@pytest.mark.parametrize("face", sorted(FACES))
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("address", "as_read"), SEPARATOR_LOST, ids=[a for a, _ in SEPARATOR_LOST])
def test_a_separator_the_page_lost_is_found_in_the_ink(face: str, size: int, address: str, as_read: str) -> None:
    gray = _line([("E-mail:", 0.3), (address, 0)], face, size)
    data = _page_words(gray)
    data["text"][_address_word(data, "@")] = as_read
    _read_again(gray, data, "Latin")
    assert address in [text.casefold() for text in _words(data)]


@pytest.mark.parametrize("face", sorted(FACES))
@pytest.mark.parametrize("size", SIZES)
def test_an_address_whose_ink_shows_no_lost_mark_is_left_as_the_page_read_it(face: str, size: int) -> None:
    gray = _line([("E-mail:", 0.3), ("oliviermartin@finances.gouv.fr", 0)], face, size)
    data = _page_words(gray)
    before = list(data["text"])
    _read_again(gray, data, "Latin")
    assert data["text"] == before


@pytest.mark.parametrize("face", sorted(FACES))
@pytest.mark.parametrize("size", SIZES)
def test_a_local_part_torn_at_its_dot_is_joined(face: str, size: int) -> None:
    gray = _line([("reached at", 0.3), ("patrick.mugisha@minict.gov.rw.", 0)], face, size)
    data = _page_words(gray)
    font = ImageFont.truetype(str(FACES[face]), size)
    dot = size + font.getlength("reached at") + 0.3 * size + font.getlength("patrick.")
    _torn(data, _address_word(data, "mugisha"), round(dot))
    assert "mugisha@minict.gov.rw." in _words(data)
    _read_again(gray, data, "Latin")
    assert "patrick.mugisha@minict.gov.rw." in _words(data)


@pytest.mark.parametrize("face", sorted(FACES))
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("head", ["Dr.", "Tel.", "patrick."])
@pytest.mark.parametrize("space", [0.35, 0.5])
def test_a_word_a_space_apart_is_never_joined_to_an_address(face: str, size: int, head: str, space: float) -> None:
    gray = _line([("write to", 0.3), (head, space), ("pmugisha@minict.gov.rw", 0)], face, size)
    data = _page_words(gray)
    _read_again(gray, data, "Latin")
    assert not any(text.casefold().startswith(head.casefold()) and "@" in text for text in _words(data))
