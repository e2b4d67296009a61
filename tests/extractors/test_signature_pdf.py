"""Handwritten signatures in text PDFs: ink between the closing formula and the name."""

from __future__ import annotations

import pytest

from extractors.signature import find_signature
from tests.extractors.signature_letters import (
    block_letter,
    ink_image,
    ink_path,
    logo,
    read,
    split_block_letter,
    stamp,
)
from tests.letters import Letter, letter_pdf


@pytest.mark.parametrize("mark", [ink_image, ink_path], ids=["pasted picture", "vector pen strokes"])
def test_ink_in_the_signature_block_is_a_handwritten_signature(mark) -> None:
    evidence = find_signature(read(block_letter(mark)), ())
    assert (evidence.kind, evidence.valid, evidence.certain) == ("handwritten", True, True)
    assert evidence.page == 1 and evidence.box is not None
    assert evidence.crop_png and evidence.crop_png.startswith(b"\x89PNG")


def test_blank_signature_space_is_unsigned() -> None:
    evidence = find_signature(read(block_letter(None)), ())
    assert (evidence.kind, evidence.certain, evidence.placeholder) == ("none", True, False)


def test_a_stamp_alone_is_not_a_signature() -> None:
    assert find_signature(read(block_letter(stamp)), ()).kind == "none"


def test_a_coloured_emblem_beside_the_block_is_not_a_signature() -> None:
    assert find_signature(read(block_letter(logo)), ()).kind == "none"


def test_stamp_over_a_signature_still_shows_the_signature() -> None:
    def both(pdf, x, y):  # type: ignore[no-untyped-def]
        stamp(pdf, x - 8, y)
        ink_image(pdf, x, y)

    assert find_signature(read(block_letter(both)), ()).kind == "handwritten"


def test_letterhead_emblems_are_outside_the_block() -> None:
    unsigned = Letter(signed=False)
    assert find_signature(read(letter_pdf(unsigned)), ()).kind == "none"
    assert find_signature(read(letter_pdf(Letter())), ()).kind == "handwritten"


def test_placeholder_wins_over_anything_on_the_page() -> None:
    evidence = find_signature(read(letter_pdf(Letter(placeholder=True))), ())
    assert evidence.placeholder and evidence.kind == "none"


@pytest.mark.parametrize("mark", [ink_image, ink_path], ids=["pasted picture", "vector pen strokes"])
def test_a_signature_block_split_by_the_page_break_is_read_across_it(mark) -> None:
    """Closing formula at the foot of page 1, signature and name at the top of page 2."""
    evidence = find_signature(read(split_block_letter(mark)), ())
    assert (evidence.kind, evidence.certain, evidence.page) == ("handwritten", True, 2)


def test_a_split_signature_block_with_no_ink_is_unsigned() -> None:
    evidence = find_signature(read(split_block_letter(None)), ())
    assert (evidence.kind, evidence.certain) == ("none", True)
