"""Signatures written across a black round stamp, and stamps that sign nothing."""

from __future__ import annotations

import io

import pytest
from fpdf import FPDF

from extractors.signature import find_signature
from tests.extractors.signature_letters import Mark, block_letter, read, signed_over_stamp, stamp_image
from tests.extractors.test_signature_scan import scan

ACROSS = [(60, 60), (90, 40), (30, 90), (80, 0)]
"""Where the signature starts, in stamp pixels: its tall initial inside the ring, its flourish out of it."""


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


@pytest.mark.slow
@pytest.mark.parametrize("where", ACROSS[:3], ids=str)
def test_a_scanned_signature_across_a_stamp_is_not_cut_at_the_ring(where: tuple[int, int]) -> None:
    document = read(scan(block_letter(signed_over_stamp(*where)), 200, 0.6, 80), "scan.jpg", "image/jpeg")
    evidence = find_signature(document, ())
    assert (evidence.kind, evidence.certain) == ("handwritten", True), evidence.detail


@pytest.mark.parametrize("where", [(0, 0), (-10, 12), (-5, 16), (10, 10), (-20, -12)], ids=str)
def test_a_black_stamp_alone_or_over_the_printed_name_is_not_a_signature(where: tuple[float, float]) -> None:
    evidence = find_signature(read(block_letter(black_stamp(*where))), ())
    assert evidence.kind == "none", evidence.detail


@pytest.mark.slow
@pytest.mark.xfail(reason="known weakness: on scans, print touching the ring joins the stamp's legend", strict=False)
@pytest.mark.parametrize("where", [(0, 0), (-10, 12), (10, 10)], ids=str)
def test_a_scanned_black_stamp_over_the_printed_name_is_not_a_signature(where: tuple[float, float]) -> None:
    document = read(scan(block_letter(black_stamp(*where)), 200, 0.6, 80), "scan.jpg", "image/jpeg")
    assert find_signature(document, ()).kind == "none"
