"""Letters built in code for the signature tests: what sits between closing and name varies."""

from __future__ import annotations

import io
import math
import random
from typing import Callable

from fpdf import FPDF
from PIL import Image, ImageChops, ImageDraw, ImageFont

from extractors.model import Attachment, Document
from extractors.readers import read_attachment

Mark = Callable[[FPDF, float, float], None]
"""Draws something in the signature block whose top-left corner is (x, y), in mm."""

CLOSING = "Please accept, Sir, the assurances of my highest consideration."


def block_letter(mark: Mark | None, closing: str = CLOSING, split: bool = False) -> bytes:
    """A letter whose signature block holds `mark` (or nothing).

    split: the body runs long, the closing formula ends page 1 and the block goes on at the top of page 2.
    """
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 8, "REPUBLIC OF KENYA", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("Helvetica", "", 11)
    body = [
        "Ministry of Information, Communications and the Digital Economy", "",
        "Mr Seizo Onoe, Director, Telecommunication Standardization Bureau", "",
        "Dear Mr Onoe,",
        "With reference to TSB Circular 006, the Government of Kenya nominates the following "
        "representative: Ms Amina Otieno, Director, primary contact, a.otieno@ict.go.ke.",
    ]
    if split:
        body += ["The Ministry looks forward to the work of the committee and to its meetings."] * 28
    for line in [*body, "", closing]:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    if split:
        pdf.add_page()
    top = pdf.get_y() + 2
    if mark is not None:
        mark(pdf, 120.0, top)
    pdf.set_y(top + 22)
    pdf.set_x(120)
    pdf.multi_cell(70, 6, "John Kariuki\nPrincipal Secretary", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def split_block_letter(mark: Mark | None) -> bytes:
    """A two-page letter: closing formula at the foot of page 1, `mark` and name at the top of page 2."""
    return block_letter(mark, split=True)


def ink_path(pdf: FPDF, x: float, y: float) -> None:
    """A signature drawn as vector pen strokes (Bezier curves), as signing tools do."""
    rng = random.Random(3)
    pdf.set_draw_color(15, 20, 70)
    pdf.set_line_width(0.5)
    cx = x
    for _ in range(5):
        points = [(cx + i * 3.0, y + 10 + 8 * math.sin(i + rng.random() * 2)) for i in range(4)]
        pdf.bezier(points)
        cx += 8


def ink_image(pdf: FPDF, x: float, y: float) -> None:
    """A scanned signature pasted as a picture."""
    pdf.image(io.BytesIO(signature_png()), x=x, y=y, w=45)


def stamp(pdf: FPDF, x: float, y: float) -> None:
    """A round violet rubber stamp with a star, and no signature."""
    pdf.image(io.BytesIO(stamp_png()), x=x, y=y - 2, w=24)


def logo(pdf: FPDF, x: float, y: float) -> None:
    """A filled coloured emblem next to the block (some ministries print one there)."""
    image = Image.new("RGB", (200, 200), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 190, 190), fill=(0, 110, 60))
    draw.polygon([(100, 30), (150, 170), (50, 170)], fill=(200, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    pdf.image(io.BytesIO(buffer.getvalue()), x=x - 90, y=y, w=18)


def signature_png(seed: int = 11) -> bytes:
    rng = random.Random(seed)
    image = Image.new("RGB", (360, 120), "white")
    draw = ImageDraw.Draw(image)
    for start in (20, 150, 240):
        points = []
        x = float(start)
        while x < start + 100:
            points.append((x, 60 + 40 * math.sin(x / 11 + rng.random()) * rng.uniform(0.4, 1)))
            x += rng.uniform(2, 5)
        draw.line(points, fill=(25, 25, 60), width=3, joint="curve")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def light_signature_png(seed: int = 11) -> bytes:
    """A quick, thin signature whose upstrokes barely took ink: dark only where the pen pressed."""
    rng = random.Random(seed)
    image = Image.new("RGB", (360, 120), "white")
    draw = ImageDraw.Draw(image)
    for start in (20, 150, 240):
        x, y = float(start), 60.0
        while x < start + 100:
            nx = x + rng.uniform(2, 5)
            ny = 60 + 40 * math.sin(nx / 11 + rng.random()) * rng.uniform(0.4, 1)
            shade = 170 if ny < y else 40  # upstrokes light, downstrokes dark
            draw.line([(x, y), (nx, ny)], fill=(shade, shade, shade + 10), width=2)
            x, y = nx, ny
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def light_ink_image(pdf: FPDF, x: float, y: float) -> None:
    """A light, quick signature pasted as a picture."""
    pdf.image(io.BytesIO(light_signature_png()), x=x, y=y, w=45)


def stamp_png(colour: tuple[int, int, int] = (110, 60, 170)) -> bytes:
    buffer = io.BytesIO()
    stamp_image(colour).save(buffer, "PNG")
    return buffer.getvalue()


LEGEND = "MINISTRY OF INFORMATION * REPUBLIC OF KENYA * "
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def stamp_image(colour: tuple[int, int, int]) -> Image.Image:
    """A round rubber stamp: two rings, a star, and the ministry's name written around."""
    image = Image.new("RGB", (240, 240), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 232, 232), outline=colour, width=6)
    draw.ellipse((52, 52, 188, 188), outline=colour, width=3)
    draw.regular_polygon((120, 120, 30), 5, fill=colour)
    font = ImageFont.truetype(FONT, 17)
    for index, letter in enumerate(LEGEND):
        angle = 360 * index / len(LEGEND)
        glyph = Image.new("L", (24, 24), 0)
        ImageDraw.Draw(glyph).text((12, 12), letter, fill=255, font=font, anchor="mm")
        glyph = glyph.rotate(-angle, resample=Image.BICUBIC)
        rad = math.radians(angle - 90)
        x, y = 120 + 88 * math.cos(rad), 120 + 88 * math.sin(rad)
        image.paste(Image.new("RGB", (24, 24), colour), (int(x - 12), int(y - 12)), glyph)
    return image


def initial_and_tail_png() -> bytes:
    """A tall initial followed by a low flourish: only the initial is taller than print."""
    image = Image.new("RGB", (320, 130), "white")
    draw = ImageDraw.Draw(image)
    initial = [(10, 120), (30, 10), (45, 110), (62, 15), (78, 118)]
    tail = [(78 + x, 100 - 12 * abs(math.sin(x / 9))) for x in range(0, 240, 3)]
    draw.line(initial + tail, fill=(30, 30, 70), width=3, joint="curve")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def signed_over_stamp(
    dx: int, dy: int, colour: tuple[int, int, int] = (45, 45, 45), signature: bytes | None = None
) -> Mark:
    """A signature written across a round stamp, its top-left corner (dx, dy) stamp pixels off the stamp's.

    By default the signature's tall initial lies inside the stamp and its low flourish runs out of it.
    """

    def mark(pdf: FPDF, x: float, y: float) -> None:
        canvas = Image.new("RGB", (640, 280), "white")
        stamp_layer, ink_layer = canvas.copy(), canvas.copy()
        stamp_layer.paste(stamp_image(colour), (160, 20))
        ink_layer.paste(Image.open(io.BytesIO(signature or initial_and_tail_png())), (160 + dx, 20 + dy))
        buffer = io.BytesIO()
        ImageChops.multiply(stamp_layer, ink_layer).save(buffer, "PNG")
        pdf.image(io.BytesIO(buffer.getvalue()), x=x - 36, y=y - 4, w=64)

    return mark


def read(data: bytes, filename: str = "letter.pdf", content_type: str = "application/pdf") -> Document:
    document = read_attachment(Attachment(filename, content_type, data))
    assert document is not None
    return document
