"""Signatures written across a black round stamp, and stamps that sign nothing."""

from __future__ import annotations

import io

import pytest
from fpdf import FPDF

from extractors.signature import find_signature
from tests.extractors.signature_letters import Mark, block_letter, read, signed_over_stamp, stamp_image
from tests.extractors.test_signature_scan import scan

ACROSS = [(60, 60), (90, 40)]
"""Where the signature starts, in stamp pixels: its tall initial inside the ring, its flourish out of it."""
SHALLOW = [(30, 90), (80, 0)]
"""Starts whose flourish leaves the ring almost along it: the stroke is not re-joined there."""


def black_stamp(dx: float, dy: float) -> Mark:
    """A black round stamp dx, dy mm off the block's corner; nothing signed."""

    def mark(pdf: FPDF, x: float, y: float) -> None:
        buffer = io.BytesIO()
        stamp_image((45, 45, 45)).save(buffer, "PNG")
        pdf.image(io.BytesIO(buffer.getvalue()), x=x + dx, y=y + dy, w=24)

    return mark


@pytest.mark.parametrize("where", ACROSS, ids=str)
def test_a_signature_across_a_stamp_is_not_cut_at_the_ring(where: tuple[int, int]) -> None:
    evidence = find_signature(read(block_letter(signed_over_stamp(*where))), ())
    assert (evidence.kind, evidence.certain) == ("handwritten", True), evidence.detail


@pytest.mark.parametrize("where", SHALLOW, ids=str)
def test_a_signature_leaving_the_stamp_along_its_ring_is_seen_if_not_certain(where: tuple[int, int]) -> None:
    """Tall only where it meets the ring, like print on a stamp: a person looks, it is never 'unsigned'."""
    evidence = find_signature(read(block_letter(signed_over_stamp(*where))), ())
    assert evidence.kind == "handwritten", evidence.detail


@pytest.mark.slow
@pytest.mark.parametrize("where", ACROSS + SHALLOW[:1], ids=str)
def test_a_scanned_signature_across_a_stamp_is_not_cut_at_the_ring(where: tuple[int, int]) -> None:
    document = read(scan(block_letter(signed_over_stamp(*where)), 200, 0.6, 80), "scan.jpg", "image/jpeg")
    evidence = find_signature(document, ())
    assert (evidence.kind, evidence.certain) == ("handwritten", True), evidence.detail


@pytest.mark.parametrize("where", [(0, 0), (-10, 12), (-5, 16), (10, 10), (-20, -12)], ids=str)
def test_a_black_stamp_alone_or_over_the_printed_name_is_not_a_signature(where: tuple[float, float]) -> None:
    evidence = find_signature(read(block_letter(black_stamp(*where))), ())
    assert evidence.kind == "none", evidence.detail


OVER_PRINT = [(0, 0), (-20, -12), (-20, 0), (-20, 16), (-10, 0), (-10, 12), (0, 12), (10, 10), (10, 12), (30, -12)]
"""Stamp positions where, on a scan, the ring, its legend and the print it covers join into tall marks."""


@pytest.mark.slow
@pytest.mark.parametrize("where", OVER_PRINT, ids=str)
def test_a_scanned_black_stamp_over_the_printed_name_is_never_a_certain_signature(where: tuple[float, float]) -> None:
    """At worst a person looks ('unsure'); a stamp alone never confirms a letter."""
    document = read(scan(block_letter(black_stamp(*where)), 200, 0.6, 80), "scan.jpg", "image/jpeg")
    evidence = find_signature(document, ())
    assert evidence.kind == "none" or not evidence.certain, evidence.detail


@pytest.mark.slow
def test_a_scanned_black_stamp_centred_on_the_name_is_never_a_certain_signature() -> None:
    """Print crossing the inner ring touches the legend: cut at the ring, neither reaches deep into the disc."""
    document = read(scan(block_letter(black_stamp(-10, 16)), 200, 0.6, 80), "scan.jpg", "image/jpeg")
    evidence = find_signature(document, ())
    assert evidence.kind == "none" or not evidence.certain, evidence.detail
