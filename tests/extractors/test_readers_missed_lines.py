"""Ink no word of the page pass covers is found as lines of text, even beside a stamp or a signature.

A name printed close to a round stamp or under a signature's stroke is what the page pass most often
leaves out; the stamp's ring must not swallow it into one blob too tall to be a line.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extractors.readers.ruled import missed_lines
from tests.extractors.scan_letters import _font

NO_WORDS: dict[str, list[object]] = {"text": [], "conf": [], "left": [], "top": [], "width": [], "height": []}


def _page(name: str, language: str, gap: int, mark: str) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """A page holding a name and, `gap` pixels to its left, a stamp's ring or a signature's stroke; the name's box."""
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    font = _font(language, 46)
    direction = "rtl" if language == "ar" else None
    box = draw.textbbox((1400, 600), name, font=font, direction=direction)
    draw.text((1400, 600), name, font=font, fill=0, direction=direction)
    right = box[0] - gap
    if mark == "stamp":
        draw.ellipse((right - 300, box[1] - 130, right, box[1] + 170), outline=0, width=8)
    else:
        draw.line([(right - 420, box[3] + 10), (right - 200, box[1] - 160), (right - 8, box[3] - 5)], fill=0, width=6)
    return np.asarray(page), box


@pytest.mark.parametrize(("name", "language"), [("فيصل الدوسري", "ar"), ("Amina Otieno", "en")])
@pytest.mark.parametrize("gap", [4, 12])
@pytest.mark.parametrize("mark", ["stamp", "stroke"])
def test_a_name_beside_a_stamp_or_a_stroke_is_a_missed_line(name: str, language: str, gap: int, mark: str) -> None:
    image, (x0, y0, x1, y1) = _page(name, language, gap, mark)
    boxes = missed_lines(image, NO_WORDS, [])
    assert any(b[0] <= x0 + 10 and b[2] >= x1 - 10 and b[1] <= y0 and b[3] >= y1 for b in boxes), boxes
