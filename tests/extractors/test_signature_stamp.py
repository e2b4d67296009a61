"""Signatures written across a black round stamp, and stamps that sign nothing.

A black stamp is the hardest confounder: its rings, legend and emblem are as
dark as pen ink and, over the printed name, join into tall marks. Inside a
stamp ink therefore never proves a signature on its own; a signature is
certain only where it is also tall off the stamp, and a person looks at the rest.
"""

from __future__ import annotations

import io
import itertools

import pytest
from fpdf import FPDF

from extractors.signature import find_signature
from tests.extractors.signature_letters import (
    Mark,
    block_letter,
    read,
    signature_png,
    signed_over_stamp,
    stamp_image,
)
from tests.extractors.test_signature_scan import QUALITIES, scan

ACROSS = [(60, 60), (90, 40), (30, 90), (80, 0)]
"""Where a signature starts, in stamp pixels: its tall initial inside the ring, its low flourish out of it."""
BEYOND = [(100, 20), (120, 60), (80, 100)]
"""Where a signature of three tall strokes starts: its first stroke on the stamp, the others off it."""
STAMPED = list(itertools.product(range(-28, 29, 4), range(-16, 21, 4)))
"""Where an unsigned stamp lies, in mm off the block's corner: over the closing, the name, or nothing."""


def unsigned_stamp(dx: float, dy: float, colour: tuple[int, int, int] = (45, 45, 45)) -> Mark:
    """A round stamp (black unless told) dx, dy mm off the block's corner; nothing signed."""

    def mark(pdf: FPDF, x: float, y: float) -> None:
        buffer = io.BytesIO()
        stamp_image(colour).save(buffer, "PNG")
        pdf.image(io.BytesIO(buffer.getvalue()), x=x + dx, y=y + dy, w=24)

    return mark


@pytest.mark.parametrize("where", BEYOND, ids=str)
def test_a_signature_running_off_the_stamp_is_certain(where: tuple[int, int]) -> None:
    evidence = find_signature(read(block_letter(signed_over_stamp(*where, signature=signature_png()))), ())
    assert (evidence.kind, evidence.certain) == ("handwritten", True), evidence.detail


@pytest.mark.slow
@pytest.mark.parametrize("where", BEYOND, ids=str)
def test_a_scanned_signature_running_off_the_stamp_is_certain(where: tuple[int, int]) -> None:
    letter = block_letter(signed_over_stamp(*where, signature=signature_png()))
    evidence = find_signature(read(scan(letter, *QUALITIES[0]), "scan.jpg", "image/jpeg"), ())
    assert (evidence.kind, evidence.certain) == ("handwritten", True), evidence.detail


@pytest.mark.parametrize("where", ACROSS, ids=str)
def test_a_signature_tall_only_on_the_stamp_is_shown_to_a_person(where: tuple[int, int]) -> None:
    """Seen (never 'unsigned'), not certain: its tall part could as well be the stamp's legend."""
    evidence = find_signature(read(block_letter(signed_over_stamp(*where))), ())
    assert (evidence.kind, evidence.certain) == ("handwritten", False), evidence.detail


@pytest.mark.slow
@pytest.mark.parametrize("where", ACROSS[:2], ids=str)
def test_a_scanned_signature_tall_only_on_the_stamp_is_shown_to_a_person(where: tuple[int, int]) -> None:
    letter = block_letter(signed_over_stamp(*where))
    evidence = find_signature(read(scan(letter, *QUALITIES[0]), "scan.jpg", "image/jpeg"), ())
    assert (evidence.kind, evidence.certain) == ("handwritten", False), evidence.detail


@pytest.mark.parametrize("where", [(0, 0), (-10, 12), (-5, 16), (10, 10), (-20, -12)], ids=str)
def test_a_black_stamp_alone_or_over_the_printed_name_is_not_a_signature(where: tuple[float, float]) -> None:
    evidence = find_signature(read(block_letter(unsigned_stamp(*where))), ())
    assert evidence.kind == "none", evidence.detail


@pytest.mark.parametrize("where", STAMPED, ids=str)
def test_a_black_stamp_anywhere_in_the_block_is_never_a_certain_signature(where: tuple[float, float]) -> None:
    evidence = find_signature(read(block_letter(unsigned_stamp(*where))), ())
    assert evidence.kind == "none" or not evidence.certain, evidence.detail


@pytest.mark.slow
@pytest.mark.parametrize("quality", QUALITIES, ids=lambda quality: f"{quality[0]}dpi")
@pytest.mark.parametrize("where", STAMPED[::5], ids=str)
def test_a_scanned_black_stamp_anywhere_in_the_block_is_never_a_certain_signature(
    where: tuple[float, float], quality: tuple[int, float, int]
) -> None:
    """At worst a person looks ('unsure'); a stamp alone never confirms a letter."""
    document = read(scan(block_letter(unsigned_stamp(*where)), *quality), "scan.jpg", "image/jpeg")
    evidence = find_signature(document, ())
    assert evidence.kind == "none" or not evidence.certain, evidence.detail


COLOURED = [(where, (52, 58, 160), True) for where in STAMPED[2::10]] + [
    (where, (110, 60, 170), False) for where in STAMPED[3::10]] + [
    (where, (52, 58, 160), False) for where in STAMPED[4::30]
]
"""A blue stamp scanned in grey (faint, its rings join into long strokes unless the stamp is found), a
violet one scanned in colour (its ink set aside, but its blurred, greyish rims must not join into strokes),
and a blue one scanned in colour (as dark as a blue ballpoint: only its rings tell it from a signature)."""


@pytest.mark.slow
@pytest.mark.parametrize("quality", QUALITIES, ids=lambda quality: f"{quality[0]}dpi")
@pytest.mark.parametrize("where,colour,grey", COLOURED, ids=lambda case: str(case))
def test_a_coloured_stamp_however_scanned_is_never_a_certain_signature(
    where: tuple[float, float], colour: tuple[int, int, int], grey: bool, quality: tuple[int, float, int]
) -> None:
    letter = block_letter(unsigned_stamp(*where, colour=colour))
    evidence = find_signature(read(scan(letter, *quality, grey=grey), "scan.jpg", "image/jpeg"), ())
    assert evidence.kind == "none" or not evidence.certain, evidence.detail
