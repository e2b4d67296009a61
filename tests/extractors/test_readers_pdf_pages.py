"""Lean pdfplumber pages: characters where pdfplumber puts them, every other object exactly as pdfplumber has it."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
import pytest

from extractors.readers.pdf_pages import lean_pages
from tests.extractors.test_readers_pdf import pdf_of_objects

KEPT = ("text", "fontname", "size", "upright", "x0", "x1", "y0", "y1", "width", "height", "top", "bottom", "doctop")


def drawn_pdf(origin: tuple[int, int], size: int, turn: tuple[int, int, int, int]) -> bytes:
    """Two pages with a MediaBox starting at `origin`: typed lines (one turned by the matrix `turn`),
    a ruled line, a rectangle and a curve, so that every kind of object is laid out."""
    x, y = origin
    a, b, c, d = turn
    content = (f"BT /F1 {size} Tf {x + 72} {y + 760} Td (Mrs Amina Otieno) Tj ET\n"
               f"BT /F2 {size + 2} Tf {x + 72} {y + 730} Td (a.otieno@ict.go.ke) Tj ET\n"
               f"BT /F1 {size} Tf {a} {b} {c} {d} {x + 300} {y + 500} Tm (Turned) Tj ET\n"
               f"{x + 72} {y + 700} m {x + 400} {y + 700} l S\n"
               f"{x + 72} {y + 600} 200 50 re S\n"
               f"{x + 100} {y + 400} m {x + 120} {y + 450} {x + 160} {y + 380} {x + 200} {y + 430} c S\n")
    box = f"[{x} {y} {x + 595} {y + 842}]"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox {box} /Contents 5 0 R /Resources 6 0 R >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox {box} /Contents 5 0 R /Resources 6 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n{content}endstream",
        "<< /Font << /F1 7 0 R /F2 8 0 R >> >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
    ]
    return pdf_of_objects(objects)


def _kept(char: dict[str, Any]) -> dict[str, Any]:
    return {key: char[key] for key in KEPT}


@pytest.mark.parametrize("origin", [(0, 0), (30, 40), (-20, 15)])
@pytest.mark.parametrize("size", [9, 12])
@pytest.mark.parametrize("turn", [(1, 0, 0, 1), (0, 1, -1, 0), (0, -1, 1, 0)])
def test_lean_pages_place_every_character_where_pdfplumber_does(
        origin: tuple[int, int], size: int, turn: tuple[int, int, int, int]) -> None:
    data = drawn_pdf(origin, size, turn)
    with pdfplumber.open(io.BytesIO(data)) as full, pdfplumber.open(io.BytesIO(data)) as lean:
        for plain, slim in zip(full.pages, lean_pages(lean), strict=True):
            assert [_kept(c) for c in slim.chars] == [_kept(c) for c in plain.chars]
            assert "".join(c["text"] for c in slim.chars) == "Mrs Amina Otienoa.otieno@ict.go.keTurned"
            assert sum(not c["upright"] for c in slim.chars) == (0 if turn == (1, 0, 0, 1) else 6)


def test_lean_pages_leave_lines_curves_rectangles_and_tables_to_pdfplumber() -> None:
    data = drawn_pdf((30, 40), 11, (1, 0, 0, 1))
    with pdfplumber.open(io.BytesIO(data)) as full, pdfplumber.open(io.BytesIO(data)) as lean:
        for plain, slim in zip(full.pages, lean_pages(lean), strict=True):
            assert slim.page_number == plain.page_number and slim.initial_doctop == plain.initial_doctop
            for kind in ("line", "rect", "curve"):
                assert slim.objects[kind] == plain.objects[kind] and slim.objects[kind]
            assert [t.bbox for t in slim.find_tables()] == [t.bbox for t in plain.find_tables()]
