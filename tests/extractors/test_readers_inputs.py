"""Letters built in code for the reader tests (no tests here): text PDFs, scans, photos."""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from extractors.model import Attachment

NOTO = Path("/usr/share/fonts/truetype/noto")
LATIN_FONT = NOTO / "NotoSans-Regular.ttf"
ARABIC_FONT = NOTO / "NotoNaskhArabic-Regular.ttf"

NOMINEE_LINES = (
    "Representative 1",
    "Title or rank: Dr",
    "First name: Amina",
    "Last name: Otieno",
    "Job title: Director, Digital Economy",
    "Role in GCC: Primary contact",
    "Organization name: Ministry of ICT",
    "E-mail: a.otieno@ict.go.ke",
)


def attachment(data: bytes, filename: str = "letter.pdf", content_type: str = "application/octet-stream") -> Attachment:
    return Attachment(filename=filename, content_type=content_type, data=data)


def _pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.add_font("Noto", fname=str(LATIN_FONT))
    pdf.add_font("Naskh", fname=str(ARABIC_FONT))
    pdf.add_font("NotoLatin", fname=str(LATIN_FONT))
    return pdf


def text_pdf(lines: tuple[str, ...] = NOMINEE_LINES, table: list[list[str]] | None = None,
             password: str | None = None) -> bytes:
    """An English letter with a text layer, optionally with an Annex 2 table or a password."""
    pdf = _pdf()
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.add_page()
    pdf.set_font("Noto", size=11)
    for line in lines:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    if table:
        with pdf.table(first_row_as_headings=False) as grid:
            for row in table:
                cells = grid.row()
                for cell in row:
                    cells.cell(cell)
    return bytes(pdf.output())


def arabic_pdf(lines: tuple[str, ...], table: list[list[str]] | None = None) -> bytes:
    """A right-to-left letter shaped by HarfBuzz, Latin e-mail addresses set in a Latin font."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("Naskh", size=12)
    pdf.set_fallback_fonts(["NotoLatin"])
    pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="ara")
    for line in lines:
        pdf.cell(0, 9, line, align="R", new_x="LMARGIN", new_y="NEXT")
    if table:
        with pdf.table(text_align="RIGHT", first_row_as_headings=False) as grid:
            for row in table:
                cells = grid.row()
                for cell in row[::-1]:
                    cells.cell(cell)
    return bytes(pdf.output())


def page_image(lines: tuple[str, ...] = NOMINEE_LINES, angle: float = 0.0, size: int = 34) -> Image.Image:
    """A white A4 page at 200 dpi with the lines drawn in Noto, optionally tilted."""
    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(LATIN_FONT), size)
    for index, line in enumerate(lines):
        draw.text((160, 250 + index * int(size * 1.8)), line, font=font, fill=0)
    if angle:
        image = image.rotate(angle, expand=False, fillcolor=255, resample=Image.Resampling.BICUBIC)
    return image


CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def cjk_page_image(lines: tuple[str, ...], size: int = 40) -> Image.Image:
    """A white A4 page at 200 dpi with Simplified Chinese lines (Noto Sans CJK SC)."""
    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(CJK_FONT), size, index=2)
    for index, line in enumerate(lines):
        draw.text((160, 250 + index * int(size * 1.8)), line, font=font, fill=0)
    return image


def table_page_image(rows: list[list[str]], size: int = 32) -> Image.Image:
    """A page with a ruled two-column table; '\n' in a cell wraps it onto several lines."""
    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(LATIN_FONT), size)
    left, split, right, top = 150, 600, 1500, 300
    line_height = int(size * 1.5)
    draw.text((left, top - 3 * line_height), "The details are given in the table below.", font=font, fill=0)
    for row in rows:
        height = max(cell.count("\n") + 1 for cell in row) * line_height + 30
        draw.rectangle((left, top, right, top + height), outline=0, width=3)
        draw.line((split, top, split, top + height), fill=0, width=3)
        for x, cell in zip((left, split), row):
            for number, text in enumerate(cell.split("\n")):
                draw.text((x + 15, top + 15 + number * line_height), text, font=font, fill=0)
        top += height
    return image


def signed_page_image(name: str, title: str) -> Image.Image:
    """A letter page whose signature block has a thick ink scribble just above the signatory's name."""
    image = page_image()
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(LATIN_FONT), 34)
    draw.text((160, 900), "Please accept, Sir, the assurances of my highest consideration.", font=font, fill=0)
    pen = [(200 + x * 6, 1030 + int(40 * ((x * 7919) % 13) / 13)) for x in range(70)]
    draw.line(pen, fill=0, width=7, joint="curve")
    draw.text((220, 1075), name, font=font, fill=0)
    draw.text((220, 1130), title, font=font, fill=0)
    return image


def image_bytes(image: Image.Image, fmt: str = "JPEG") -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, dpi=(200, 200))
    return buffer.getvalue()


def scanned_pdf(image: Image.Image) -> bytes:
    """An image-only PDF, like a scanner makes: one page-sized picture and no text."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(io.BytesIO(image_bytes(image)), x=0, y=0, w=210, h=297)
    return bytes(pdf.output())
