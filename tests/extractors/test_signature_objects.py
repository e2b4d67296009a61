"""Signatures in text PDFs read from the page's own objects, in six languages and from two producers.

A signature drawn as vector pen strokes or pasted as a picture above, beside
or over the signatory's name, or pushed with the name to the next page, is
found without rendering the page; a logo, a stamp, a signing line or table
rules never make an unsigned letter certainly signed.
"""

from __future__ import annotations

import io
import itertools

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extractors.signature import find_signature, handwritten
from extractors.signature.pictures import Picture, judge_picture
from tests.extractors.signature_letters import (
    LANGUAGES,
    PLACEMENTS,
    PRODUCERS,
    Draw,
    emblem,
    emblem_png,
    pen_strokes,
    read,
    round_stamp,
    signature_line,
    signature_picture,
    signature_png,
    six_language_letter,
    stamp_png,
    table_rules,
)

VARIANTS = [
    (producer, language)
    for producer, language in itertools.product(PRODUCERS, LANGUAGES)
    if (producer, language) != ("fpdf2", "zh")  # fpdf2 embeds no CJK font here; reportlab's CID font covers Chinese
]
CONFOUNDERS: list[Draw | None] = [None, round_stamp, emblem, signature_line, table_rules]


@pytest.fixture
def no_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a page is rendered: the objects must decide on their own."""

    def refuse(*_: object) -> None:
        raise AssertionError("a text PDF page was rendered")

    monkeypatch.setattr(handwritten, "page_raster", refuse)


@pytest.mark.parametrize(("producer", "language"), VARIANTS)
@pytest.mark.parametrize("signature", [pen_strokes, signature_picture], ids=["vector ink", "picture"])
def test_a_signature_anywhere_by_the_name_is_certain_without_rendering(
    producer: str, language: str, signature: Draw, no_rendering: None
) -> None:
    for index, placement in enumerate(PLACEMENTS):
        extra = round_stamp if index % 2 else None  # a stamp beside the signature changes nothing
        evidence = find_signature(read(six_language_letter(language, producer, signature, placement, extra)), ())
        assert (evidence.kind, evidence.certain) == ("handwritten", True), (placement, evidence.detail)
        assert evidence.page == (2 if placement == "next page" else 1)
        assert evidence.crop_png and evidence.crop_png.startswith(b"\x89PNG")


@pytest.mark.parametrize(("producer", "language"), VARIANTS)
def test_an_unsigned_letter_is_never_certainly_signed(producer: str, language: str) -> None:
    """Whatever else is in the block (a logo, a stamp, a line to sign on, table rules), on either page."""
    for extra, placement in itertools.product(CONFOUNDERS, ("above", "next page")):
        evidence = find_signature(read(six_language_letter(language, producer, None, placement, extra)), ())
        assert not (evidence.kind == "handwritten" and evidence.certain), (extra, placement, evidence.detail)


@pytest.mark.parametrize(("producer", "language"), VARIANTS)
def test_a_blank_block_with_print_only_is_certainly_unsigned_without_rendering(
    producer: str, language: str, no_rendering: None
) -> None:
    """Underlines, signing lines and table rules are print: the objects settle it."""
    for extra in (None, signature_line, table_rules, emblem):
        evidence = find_signature(read(six_language_letter(language, producer, None, "above", extra)), ())
        assert (evidence.kind, evidence.certain) == ("none", True), (extra, evidence.detail)


def test_pictures_are_told_apart_by_their_pixels() -> None:
    """Strokes sign; a ringed or framed stamp and a filled emblem do not."""

    def rgba(png: bytes) -> np.ndarray:
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))

    framed = Image.new("RGBA", (550, 300), (0, 0, 0, 0))
    draw = ImageDraw.Draw(framed)
    draw.rectangle((10, 10, 540, 290), outline=(30, 60, 170, 255), width=8)
    for x in range(40, 500, 40):
        draw.rectangle((x, 130, x + 25, 170), outline=(30, 60, 170, 255), width=3)

    assert judge_picture(rgba(signature_png())) == "strokes"
    assert judge_picture(rgba(stamp_png())) == "stamp"
    assert judge_picture(np.asarray(framed)) == "stamp"
    assert judge_picture(rgba(emblem_png())) == "emblem"


def test_the_reviewers_crop_of_a_picture_lies_on_white_paper() -> None:
    """Clear pixels show the paper, opaque ones the ink as drawn, half-clear ones (a stroke's
    edge) the ink blended into the paper by their opacity; the picture itself is untouched."""
    rgba = np.array([[[200, 10, 40, 0], [20, 40, 160, 255], [0, 0, 0, 128], [100, 50, 0, 51]]],
                    np.uint8)
    before = rgba.copy()

    crop = Picture((0, 0, 4, 1), "strokes", rgba).on_white()

    assert crop[0, :2].tolist() == [[255, 255, 255], [20, 40, 160]]
    assert np.abs(crop[0, 2:].astype(int) - [[127, 127, 127], [224, 214, 204]]).max() <= 1
    assert crop.dtype == np.uint8 and crop.flags.c_contiguous
    assert (rgba == before).all()
