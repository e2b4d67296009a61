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


def png_bytes(image: Image.Image) -> bytes:
    """A drawn picture as the PNG a letter embeds."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


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


def blue_ballpoint_image(pdf: FPDF, x: float, y: float) -> None:
    """A signature in a blue ballpoint's thin line, about half as bright as the paper."""
    pdf.image(io.BytesIO(signature_png(colour=(30, 55, 140), width=2)), x=x, y=y, w=45)


def pale_ballpoint_image(pdf: FPDF, x: float, y: float) -> None:
    """A signature in a pale blue pen, as light as a stamp pad's ink."""
    pdf.image(io.BytesIO(signature_png(colour=(60, 95, 215), width=2)), x=x, y=y, w=45)


def stamp(pdf: FPDF, x: float, y: float) -> None:
    """A round violet rubber stamp with a star, and no signature."""
    pdf.image(io.BytesIO(stamp_png()), x=x, y=y - 2, w=24)


def logo(pdf: FPDF, x: float, y: float) -> None:
    """A filled coloured emblem next to the block (some ministries print one there)."""
    pdf.image(io.BytesIO(emblem_png()), x=x - 90, y=y, w=18)


def emblem_png() -> bytes:
    """A filled coloured emblem: a green disc with a red triangle."""
    image = Image.new("RGB", (200, 200), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 190, 190), fill=(0, 110, 60))
    draw.polygon([(100, 30), (150, 170), (50, 170)], fill=(200, 30, 30))
    return png_bytes(image)


def signature_png(seed: int = 11, colour: tuple[int, int, int] = (25, 25, 60), width: int = 3) -> bytes:
    rng = random.Random(seed)
    image = Image.new("RGB", (360, 120), "white")
    draw = ImageDraw.Draw(image)
    for start in (20, 150, 240):
        points = []
        x = float(start)
        while x < start + 100:
            points.append((x, 60 + 40 * math.sin(x / 11 + rng.random()) * rng.uniform(0.4, 1)))
            x += rng.uniform(2, 5)
        draw.line(points, fill=colour, width=width, joint="curve")
    return png_bytes(image)


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
    return png_bytes(image)


def light_ink_image(pdf: FPDF, x: float, y: float) -> None:
    """A light, quick signature pasted as a picture."""
    pdf.image(io.BytesIO(light_signature_png()), x=x, y=y, w=45)


def stamp_png(colour: tuple[int, int, int] = (110, 60, 170)) -> bytes:
    buffer = io.BytesIO()
    stamp_image(colour).save(buffer, "PNG")
    return buffer.getvalue()


LEGEND = "MINISTRY OF INFORMATION * REPUBLIC OF KENYA * "
SQUARE_LEGEND = ("MINISTRY OF", "INFORMATION", "REGISTRY")
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


def square_stamp_image(colour: tuple[int, int, int], lines: tuple[str, ...] = SQUARE_LEGEND) -> Image.Image:
    """A square office stamp: a double frame and the office's name in lines of capitals (no circle to find)."""
    image = Image.new("RGB", (300, 200), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((6, 6, 294, 194), outline=colour, width=6)
    draw.rectangle((18, 18, 282, 182), outline=colour, width=2)
    font = ImageFont.truetype(FONT, 22)
    for row, text in enumerate(lines):
        draw.text((150, 55 + row * 45), text, fill=colour, font=font, anchor="mm")
    return image


def cursive_png(seed: int = 3, colour: tuple[int, int, int] = (20, 30, 80), width: int = 3,
                size: tuple[int, int] = (420, 150)) -> bytes:
    """A cursive signature: a tall initial, a run of loops that drift as a hand's do, and an underline flourish."""
    rng = random.Random(seed)
    w, h = size
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    base = h * 0.62
    draw.line([(18, base + 20), (34, h * 0.08), (44, base), (60, h * 0.15), (70, base + 6)], fill=colour,
              width=width, joint="curve")
    points = []
    t = 0.0
    loops = rng.randint(5, 8)
    while t < loops * 2 * math.pi:
        radius = h * rng.uniform(0.10, 0.16)
        x = 75 + t * (w - 130) / (loops * 2 * math.pi) - radius * math.sin(t) * 0.8
        y = base - radius * (1 - math.cos(t)) * rng.uniform(0.9, 1.4)
        points.append((x, y))
        t += 0.25
    draw.line(points, fill=colour, width=width, joint="curve")
    tail = [(40 + x, base + 30 - 14 * math.sin(x / (w / 3))) for x in range(0, w - 60, 4)]
    draw.line(tail, fill=colour, width=max(1, width - 1), joint="curve")
    return png_bytes(image)


def initial_and_tail_png() -> bytes:
    """A tall initial followed by a low flourish: only the initial is taller than print."""
    image = Image.new("RGB", (320, 130), "white")
    draw = ImageDraw.Draw(image)
    initial = [(10, 120), (30, 10), (45, 110), (62, 15), (78, 118)]
    tail = [(78 + x, 100 - 12 * abs(math.sin(x / 9))) for x in range(0, 240, 3)]
    draw.line(initial + tail, fill=(30, 30, 70), width=3, joint="curve")
    return png_bytes(image)


def initials_png(seed: int = 1) -> bytes:
    """Two capitals and a full stop written quickly as pen strokes: a small, low hand, each letter drawn
    a little differently (the seed)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (240, 100), "white")
    draw = ImageDraw.Draw(image)

    def j(x: float, y: float) -> tuple[float, float]:
        return x + rng.uniform(-4, 4), y + rng.uniform(-4, 4)

    first = [j(12, 88), j(40, 12), j(66, 86), j(52, 58), j(26, 56)]  # an A
    second = [j(110, 14), j(104, 88), j(108, 52), j(150, 14), j(118, 50), j(160, 90)]  # a K
    draw.line(first, fill=(25, 25, 60), width=6, joint="curve")
    draw.line(second, fill=(25, 25, 60), width=6, joint="curve")
    draw.ellipse((178, 78, 188, 88), fill=(25, 25, 60))
    return png_bytes(image)


def paraph_png(seed: int = 1) -> bytes:
    """A short, flat paraph: one loop and a tail that runs off low, as initialling a page does."""
    rng = random.Random(seed)
    image = Image.new("RGB", (300, 90), "white")
    draw = ImageDraw.Draw(image)
    points = []
    t = 0.0
    radius = rng.uniform(30, 36)
    while t < 2 * math.pi:
        points.append((60 + radius * 1.3 * math.sin(t) + t * 6, 48 - radius * math.cos(t) * 0.9 + 6))
        t += 0.2
    points += [(100 + x, 70 - 10 * math.sin(x / rng.uniform(20, 30))) for x in range(0, 180, 4)]
    draw.line(points, fill=(25, 25, 60), width=6, joint="curve")
    return png_bytes(image)


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


# ------------------------------------------------- letters in six languages, two producers

NOTO = "/usr/share/fonts/truetype/noto/"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

CLOSINGS: dict[str, tuple[str, str, str, str]] = {
    # language: (a body line, the closing formula, the signatory's name, the title)
    "en": ("The Government nominates the representatives listed in Annex 2.",
           "Please accept, Sir, the assurances of my highest consideration.", "John Kariuki", "Principal Secretary"),
    "fr": ("Le Gouvernement désigne les représentants indiqués à l'annexe 2.",
           "Je vous prie de croire, Monsieur le Directeur, à l'assurance de mes sentiments les meilleurs.",
           "Hery Rakotomalala", "Le Secrétaire Général"),
    "es": ("El Gobierno designa a los representantes indicados en el anexo 2.",
           "Aprovecho la oportunidad para reiterarle las seguridades de mi más alta consideración.",
           "Lucía Fernández Ortega", "Viceministra de Telecomunicaciones"),
    "ru": ("Правительство назначает представителей, указанных в приложении 2.",
           "С уважением,", "А.В. Ковальчук", "Заместитель Министра"),
    "ar": ("تتشرف الوزارة بترشيح الممثلين المذكورين في الملحق 2.",
           "وتفضلوا بقبول فائق الاحترام والتقدير،", "راشد الكعبي", "المدير العام"),
    "zh": ("我部谨提名附件2所列代表参加委员会工作。", "此致 敬礼", "王晓明", "部长"),
}
LANGUAGES = tuple(CLOSINGS)
PLACEMENTS = ("above", "beside", "over", "next page")
"""Where the signature sits relative to the signatory's name."""

Draw = Callable[["Canvas", float, float], None]
"""Draws a mark whose top-left corner is (x, y), in mm from the page's top-left corner."""


class Canvas:
    """The few drawing operations a letter needs, in mm from the top-left corner, for either producer."""

    def text(self, x: float, y: float, line: str, size: float = 11) -> None: ...
    def image(self, png: bytes, x: float, y: float, width: float) -> None: ...
    def stroke(self, points: list[tuple[float, float]]) -> None: ...
    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None: ...
    def new_page(self) -> None: ...
    def output(self) -> bytes: ...


class FpdfCanvas(Canvas):
    def __init__(self, language: str) -> None:
        self.pdf = FPDF(format="A4")
        self.pdf.add_font("Noto", fname=NOTO + "NotoSans-Regular.ttf")
        self.pdf.add_font("Naskh", fname=NOTO + "NotoNaskhArabic-Regular.ttf")
        self.pdf.set_font("Naskh" if language == "ar" else "Noto", size=11)
        if language == "ar":
            self.pdf.set_text_shaping(True)
        self.pdf.add_page()

    def text(self, x: float, y: float, line: str, size: float = 11) -> None:
        self.pdf.set_font_size(size)
        self.pdf.set_xy(x, y)
        self.pdf.cell(text=line)

    def image(self, png: bytes, x: float, y: float, width: float) -> None:
        self.pdf.image(io.BytesIO(png), x=x, y=y, w=width)

    def stroke(self, points: list[tuple[float, float]]) -> None:
        self.pdf.set_draw_color(15, 20, 70)
        self.pdf.set_line_width(0.45)
        for start in range(0, len(points) - 3, 3):
            self.pdf.bezier(points[start : start + 4])

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.pdf.set_draw_color(0, 0, 0)
        self.pdf.set_line_width(0.3)
        self.pdf.line(x0, y0, x1, y1)

    def new_page(self) -> None:
        self.pdf.add_page()

    def output(self) -> bytes:
        return bytes(self.pdf.output())


class ReportlabCanvas(Canvas):
    MM = 72 / 25.4

    def __init__(self, language: str) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.pdfgen.canvas import Canvas as PdfCanvas

        if language == "zh":
            pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
            self.font = "STSong-Light"
        else:
            pdfmetrics.registerFont(TTFont("DejaVu", DEJAVU))
            self.font = "DejaVu"
        self.buffer = io.BytesIO()
        self.height = A4[1]
        self.canvas = PdfCanvas(self.buffer, pagesize=A4)

    def _y(self, y: float) -> float:
        return self.height - y * self.MM

    def text(self, x: float, y: float, line: str, size: float = 11) -> None:
        self.canvas.setFont(self.font, size)
        self.canvas.drawString(x * self.MM, self._y(y) - size, line)

    def image(self, png: bytes, x: float, y: float, width: float) -> None:
        from reportlab.lib.utils import ImageReader

        picture = ImageReader(io.BytesIO(png))
        w, h = picture.getSize()
        height = width * h / w
        self.canvas.drawImage(picture, x * self.MM, self._y(y + height), width * self.MM, height * self.MM,
                              mask="auto")

    def stroke(self, points: list[tuple[float, float]]) -> None:
        self.canvas.setStrokeColorRGB(0.06, 0.08, 0.3)
        self.canvas.setLineWidth(1.2)
        path = self.canvas.beginPath()
        path.moveTo(points[0][0] * self.MM, self._y(points[0][1]))
        for index in range(1, len(points) - 2, 3):
            (ax, ay), (bx, by), (cx, cy) = points[index : index + 3]
            path.curveTo(ax * self.MM, self._y(ay), bx * self.MM, self._y(by), cx * self.MM, self._y(cy))
        self.canvas.drawPath(path, stroke=1, fill=0)

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.canvas.setStrokeColorRGB(0, 0, 0)
        self.canvas.setLineWidth(0.8)
        self.canvas.line(x0 * self.MM, self._y(y0), x1 * self.MM, self._y(y1))

    def new_page(self) -> None:
        self.canvas.showPage()

    def output(self) -> bytes:
        self.canvas.save()
        return self.buffer.getvalue()


PRODUCERS: dict[str, Callable[[str], Canvas]] = {"fpdf2": FpdfCanvas, "reportlab": ReportlabCanvas}


def pen_strokes(canvas: Canvas, x: float, y: float) -> None:
    """A signature drawn as vector pen strokes: a tall initial and a flourish, Bezier paths as signing tools save."""
    rng = random.Random(7)
    canvas.stroke([(x, y + 14), (x + 2, y - 2), (x + 7, y + 2), (x + 5, y + 12)])
    for start in (x + 8, x + 22):
        points = [(start, y + 10)]
        for step in range(1, 7):
            points.append((start + step * 2.2, y + 6 + 6 * math.sin(step + rng.random())))
        canvas.stroke(points)


def signature_picture(canvas: Canvas, x: float, y: float) -> None:
    """A scanned signature pasted as a picture."""
    canvas.image(signature_png(), x, y, 42)


def round_stamp(canvas: Canvas, x: float, y: float) -> None:
    """A round violet rubber stamp (a picture), signing nothing."""
    canvas.image(stamp_png(), x, y, 26)


def emblem(canvas: Canvas, x: float, y: float) -> None:
    """A filled coloured emblem (some ministries print one by the name)."""
    canvas.image(emblem_png(), x, y, 20)


def signature_line(canvas: Canvas, x: float, y: float) -> None:
    """A ruled line to sign on, left blank."""
    canvas.rule(x, y + 14, x + 60, y + 14)


def table_rules(canvas: Canvas, x: float, y: float) -> None:
    """A ruled grid beside the block (a contact table drawn late in the letter)."""
    for row in range(4):
        canvas.rule(x - 100, y + row * 5, x + 70, y + row * 5)
    for column in (x - 100, x - 15, x + 70):
        canvas.rule(column, y, column, y + 15)


def six_language_letter(
    language: str, producer: str = "fpdf2", signature: Draw | None = None, placement: str = "above",
    extra: Draw | None = None,
) -> bytes:
    """A letter ending in `language`'s closing, the signature (if any) placed relative to the name.

    extra: something else drawn in the block (a stamp, an emblem, a signing line, table rules).
    """
    body, closing, name, title = CLOSINGS[language]
    canvas = PRODUCERS[producer](language)
    canvas.image(_letterhead_png(), 95, 10, 20)
    canvas.text(20, 40, "GCC / TSB Circular 006")
    canvas.text(20, 50, body)
    last = 50.0
    if placement == "next page":
        for row in range(1, 28):
            canvas.text(20, 50 + row * 7, body)
        last = 50 + 27 * 7
    canvas.text(20, last + 12, closing)
    top = last + 22
    if placement == "next page":
        canvas.new_page()
        top = 25.0
    name_y = top + 22 if placement in ("above", "next page") else top
    canvas.text(25, name_y, name)
    canvas.text(25, name_y + 6, title)
    if extra is not None:
        extra(canvas, 120, top)
    if signature is not None:
        x, y = {"above": (25, top), "next page": (25, top), "beside": (110, name_y - 6), "over": (22, name_y - 8)}[placement]
        signature(canvas, x, y)
    return canvas.output()


def _letterhead_png() -> bytes:
    image = Image.new("RGB", (120, 120), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((5, 5, 115, 115), fill=(20, 60, 140))
    draw.rectangle((40, 30, 80, 90), fill=(230, 190, 40))
    return png_bytes(image)
