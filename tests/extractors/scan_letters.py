"""Annex 2 letters in the six languages made into what scanners, faxes and phones send (no tests here).

A letter is drawn once at 300 dpi with its labels in one column and the
values far to their right (to their left in Arabic), the layout where
Tesseract splits a line in two; the variants are made from it the way
the devices do: resampled to a scanner's resolution, thresholded to one
bit, tilted, photographed at an angle on a desk under uneven light,
stored sideways with an EXIF orientation tag, or turned by hand.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFilter, ImageFont

NOTO = Path("/usr/share/fonts/truetype/noto")
CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
A4_300DPI = (2480, 3508)


@dataclass(frozen=True)
class Letter:
    """What a letter says: an opening sentence and its Annex 2 label/value pairs."""

    language: str
    opening: str
    fields: tuple[tuple[str, str], ...]

    @property
    def email(self) -> str:
        return self.fields[-1][1]


LETTERS: dict[str, Letter] = {
    "en": Letter("en", "We have the honour to nominate the following representative to the GCC.", (
        ("Title or rank:", "Dr"), ("First name:", "Amina"), ("Last name:", "Otieno"),
        ("Role in GCC:", "Primary contact"), ("E-mail:", "a.otieno@ict.go.ke"))),
    "fr": Letter("fr", "Nous avons l'honneur de désigner le représentant suivant au GCC.", (
        ("Titre ou rang :", "M."), ("Prénom :", "Kouassi"), ("Nom de famille :", "Ndiaye"),
        ("Rôle au sein du GCC :", "Point de contact principal"), ("Courriel :", "k.ndiaye@numerique.gouv.sn"))),
    "es": Letter("es", "Tenemos el honor de designar al siguiente representante ante el GCC.", (
        ("Título:", "Dra."), ("Nombre:", "Lucía"), ("Apellido:", "Fernández"),
        ("Función en el GCC:", "Contacto principal"), ("Correo electrónico:", "l.fernandez@mintic.gob.co"))),
    "ru": Letter("ru", "Имеем честь назначить следующего представителя в GCC.", (
        ("Обращение:", "г-н"), ("Имя:", "Иван"), ("Фамилия:", "Петров"),
        ("Роль в GCC:", "Основное контактное лицо"), ("Электронная почта:", "i.petrov@digital.gov.ru"))),
    "ar": Letter("ar", "نتشرف بترشيح الممثل التالي في اللجنة الحكومية.", (
        ("اللقب:", "الدكتور"), ("الاسم الأول:", "أحمد"), ("اسم العائلة:", "المصري"),
        ("الدور في اللجنة:", "جهة الاتصال الرئيسية"), ("البريد الإلكتروني:", "a.masri@mdtc.gov.sd"))),
    "zh": Letter("zh", "我们荣幸地提名以下代表参加政府委员会。", (
        ("称谓：", "博士"), ("名：", "伟明"), ("姓：", "陈"),
        ("在GCC中的角色：", "主要联系人"), ("电子邮件：", "chen_weiming@mddi.gov.sg"))),
}


def _font(language: str, size: int) -> ImageFont.FreeTypeFont:
    if language == "zh":
        return ImageFont.truetype(str(CJK), size, index=2)
    if language == "ar":
        return ImageFont.truetype(str(NOTO / "NotoNaskhArabic-Regular.ttf"), size)
    return ImageFont.truetype(str(NOTO / "NotoSans-Regular.ttf"), size)


def letter_page(letter: Letter, fields: tuple[tuple[str, str], ...] | None = None) -> Image.Image:
    """A white A4 page at 300 dpi: the opening sentence, then label and value a wide gap apart."""
    page = Image.new("L", A4_300DPI, 255)
    draw = ImageDraw.Draw(page)
    font = _font(letter.language, 46)
    latin = _font("en", 46)
    rtl = letter.language == "ar"
    y = 500
    for text in (letter.opening, letter.opening):
        _text(draw, text, y, 2230 if rtl else 250, rtl, font)
        y += 110
    y += 120
    for label, value in fields or letter.fields:
        _text(draw, label, y, 2230 if rtl else 250, rtl, font)
        value_font = latin if "@" in value else font
        _text(draw, value, y, 1280 if rtl else 1250, rtl and "@" not in value, value_font)
        y += 110
    return page


def _text(draw: ImageDraw.ImageDraw, text: str, y: int, x: int, rtl: bool,
          font: ImageFont.FreeTypeFont) -> None:
    """Left-aligned at x, or right-aligned at x for right-to-left text (shaped by Raqm)."""
    if rtl:
        width = draw.textlength(text, font=font, direction="rtl")
        draw.text((x - width, y), text, font=font, fill=0, direction="rtl")
    else:
        draw.text((x, y), text, font=font, fill=0)


def at_dpi(page: Image.Image, dpi: int) -> Image.Image:
    """The 300 dpi page as a scanner at `dpi` gives it: resampled and a little soft."""
    scale = dpi / 300
    size = (round(page.width * scale), round(page.height * scale))
    return page.resize(size, Image.Resampling.LANCZOS).filter(ImageFilter.GaussianBlur(0.4))


def one_bit(page: Image.Image) -> Image.Image:
    """Black and white as a fax or an office scanner's default makes it."""
    return page.point(lambda v: 255 if v > 150 else 0).convert("1")


def pale(page: Image.Image, ink: int = 120) -> Image.Image:
    """Print gone grey, as a tired toner or a phone photo's soft focus leaves it: black becomes `ink`."""
    return page.point(lambda v: ink + v * (255 - ink) // 255)


def tilted(page: Image.Image, degrees: float) -> Image.Image:
    return page.rotate(degrees, resample=Image.Resampling.BICUBIC, fillcolor=255)


def photographed(page: Image.Image, width: int = 1046, height: int = 1415) -> Image.Image:
    """A phone photo: the sheet at an angle on a brown desk, lit from one side, JPEG-soft."""
    rng = np.random.default_rng(7)
    desk = np.clip(rng.normal((96, 78, 60), 10, (height, width, 3)), 0, 255).astype(np.uint8)
    corners = [(0.07 * width, 0.05 * height), (0.93 * width, 0.08 * height),
               (0.95 * width, 0.95 * height), (0.05 * width, 0.93 * height)]
    sheet = page.convert("RGB")
    coefficients = _perspective(corners, sheet.size)
    warped = sheet.transform((width, height), Image.Transform.PERSPECTIVE, coefficients,
                             Image.Resampling.BICUBIC, fillcolor=(0, 0, 0))
    mask = Image.new("L", sheet.size, 255).transform((width, height), Image.Transform.PERSPECTIVE,
                                                       coefficients, Image.Resampling.BILINEAR, fillcolor=0)
    photo = Image.composite(warped, Image.fromarray(desk), mask)
    light = np.linspace(1.0, 0.72, width)[None, :, None] * np.linspace(1.0, 0.9, height)[:, None, None]
    shaded = np.clip(np.asarray(photo).astype(np.float32) * light * (0.97, 0.95, 0.88), 0, 255)
    return Image.fromarray(shaded.astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.5))


def _perspective(corners: list[tuple[float, float]], size: tuple[int, int]) -> list[float]:
    """Pillow's coefficients mapping the photo's pixels back to the sheet's (corners clockwise from top-left)."""
    width, height = size
    sheet = [(0, 0), (width, 0), (width, height), (0, height)]
    rows = []
    for (x, y), (u, v) in zip(corners, sheet):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    targets = [value for point in sheet for value in point]
    return list(np.linalg.solve(np.array(rows, dtype=float), np.array(targets, dtype=float)))


def jpeg(image: Image.Image, dpi: int | None = None, orientation: int | None = None) -> bytes:
    """JPEG bytes; `orientation` is written as the EXIF tag a phone sets for a picture taken sideways."""
    buffer = io.BytesIO()
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    extra = {"dpi": (dpi, dpi)} if dpi else {}
    image.convert("RGB").save(buffer, "JPEG", quality=88, exif=exif, **extra)
    return buffer.getvalue()


def stored_sideways(image: Image.Image) -> bytes:
    """What a phone held on its side stores: pixels a quarter turn off, EXIF orientation 6 to undo it."""
    return jpeg(image.rotate(90, expand=True), orientation=6)


def multipage_tiff(pages: list[Image.Image], dpi: int) -> bytes:
    """An office scanner's or a fax's file: every page a frame, 1-bit, CCITT Group 4."""
    buffer = io.BytesIO()
    first, *rest = [one_bit(page) for page in pages]
    first.save(buffer, "TIFF", save_all=True, append_images=rest, compression="group4", dpi=(dpi, dpi))
    return buffer.getvalue()


def scanned_pdf(image: Image.Image, dpi: int) -> bytes:
    """An image-only A4 PDF holding the picture, as a scanner makes it."""
    buffer = io.BytesIO()
    image.convert("L").save(buffer, "PNG", dpi=(dpi, dpi))
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def prose_page(language: str, lines: list[str]) -> Image.Image:
    """A white A4 page at 300 dpi holding running text, line by line as given (a letter's wrapping)."""
    page = Image.new("L", A4_300DPI, 255)
    draw = ImageDraw.Draw(page)
    font = _font(language, 46)
    rtl = language == "ar"
    for number, line in enumerate(lines):
        if rtl and line.isascii():  # an address on its own line: Latin, set right-aligned in the Arabic text
            latin = _font("en", 46)
            draw.text((2230 - draw.textlength(line, font=latin), 500 + 90 * number), line, font=latin, fill=0)
            continue
        _text(draw, line, 500 + 90 * number, 2230 if rtl else 250, rtl, font)
    return page


ARABIC_PROSE = [
    "بالإشارة إلى تعميم مكتب تقييس الاتصالات رقم 006، يسر الوزارة أن تؤكد مشاركتها في اللجنة الحكومية (GCC).",
    "ترشيح الدكتور عبد الرحمن أبو زيد، خبير أمن المعلومات، وزارة الاقتصاد الرقمي، بصفته الممثل الرئيسي",
    "(جهة الاتصال)، البريد الإلكتروني:",
    ".abdelrahman.abuzeid@modee.gov.jo",
    "ترشيح السيدة ريم آل سعود، مستشار التحول الرقمي، وزارة الاقتصاد الرقمي، بصفتها المناوب، البريد الإلكتروني:",
    ".r.alsaud@modee.gov.jo",
    "وتفضلوا بقبول فائق الاحترام والتقدير،",
]
"""An Arabic prose letter as ministries write it: the role after 'بصفته', often across a line break, and each
address ending its sentence on a line of its own, the full stop at the address's left (right to left)."""
