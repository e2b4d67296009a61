"""Annex 2 tables (one row per representative) drawn as a ministry's word processor sets them (no tests here).

Columns are as narrow as a seven-column table on A4 makes them: long
values wrap at spaces, and a word or an e-mail address longer than its
column is cut wherever the line is full, often just before a dot
('damions@mset.gov' / '.jm'). The page is drawn at 300 dpi; the variants
come from scan_letters (scanner resolutions, one bit, phone photos).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tests.extractors.scan_letters import A4_300DPI, CJK, NOTO

_PAD = 14
FONTS = {"sans": "NotoSans-Regular.ttf", "serif": "NotoSerif-Regular.ttf"}
CJK_FONTS = {"sans": CJK, "serif": CJK.with_name("NotoSerifCJK-Regular.ttc")}


@dataclass(frozen=True)
class TableLetter:
    """An opening sentence, the header row and one row per representative, in reading order."""

    language: str
    opening: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


TABLE_LETTERS: dict[str, TableLetter] = {
    "en": TableLetter("en", "The details of the representatives are given below.",
                      ("Title", "First name", "Last name", "Job title", "Role in GCC", "Organization", "E-mail"),
                      (("Mrs", "Natalie", "McKenzie", "Senior Policy Adviser, Digital Trust", "Primary contact",
                        "Ministry of Science, Energy and Technology", "natalie.mckenzie@mset.gov.jm"),
                       ("Dr", "Damion", "St. Hill", "Principal ICT Officer", "Designated alternate",
                        "Ministry of Science, Energy and Technology", "damions@mset.gov.jm"))),
    "fr": TableLetter("fr", "Les coordonnées des représentants figurent ci-dessous.",
                      ("Titre", "Prénom", "Nom", "Fonction", "Rôle au sein du GCC", "Organisation", "Courriel"),
                      (("M.", "Kouassi", "Ndiaye", "Directeur de l'économie numérique", "Contact principal",
                        "Ministère de l'Économie numérique", "k.ndiaye@numerique.gouv.sn"),
                       ("Mme", "Aminata", "Diallo", "Cheffe de division", "Suppléante",
                        "Ministère de l'Économie numérique", "aminata.diallo@numerique.gouv.sn"))),
    "ru": TableLetter("ru", "Сведения о назначенных представителях приведены ниже.",
                      ("Обращение", "Имя", "Фамилия", "Должность", "Роль в GCC", "Организация", "E-mail"),
                      (("г-жа", "Екатерина", "Волкова", "Начальник отдела стандартизации", "Основное контактное лицо",
                        "Министерство цифрового развития", "e.volkova@digital.gov.ru"),
                       ("г-н", "Иван", "Петров", "Советник", "Заместитель",
                        "Министерство цифрового развития", "ivan.petrov@digital.gov.ru"))),
    "ar": TableLetter("ar", "فيما يلي بيانات الممثلين المرشحين.",
                      ("اللقب", "الاسم الأول", "اسم العائلة", "الوظيفة", "الدور في اللجنة", "الجهة", "البريد الإلكتروني"),
                      (("الدكتور", "أحمد", "المصري", "مدير التحول الرقمي", "جهة الاتصال الرئيسية",
                        "وزارة الاتصالات", "a.masri@mdtc.gov.sd"),
                       ("السيدة", "مريم", "النجار", "مستشار", "المناوب المعين",
                        "وزارة الاتصالات", "mariam.najjar@mdtc.gov.sd"))),
    "zh": TableLetter("zh", "现将代表信息列示如下：",
                      ("职衔", "姓", "名", "现任职务", "在委员会中的角色", "工作单位", "邮箱"),
                      (("博士", "张", "伟", "信息化推进司副司长", "主要联系人", "数码发展及新闻部", "zhang_we@mddi.gov.sg"),
                       ("女士", "李", "思雨", "常驻日内瓦代表团参赞", "指定候补代表", "数码发展及新闻部",
                        "lisiyu@mddi.gov.sg"))),
}
"""Chinese cells are short: a surname is one character, a given name or a title two."""


def transposed(letter: TableLetter) -> TableLetter:
    """The same table with the labels down its first column and a column per representative."""
    columns = ("", *(str(n) for n in range(1, len(letter.rows) + 1)))
    rows = tuple((label, *(row[n] for row in letter.rows)) for n, label in enumerate(letter.header))
    return TableLetter(letter.language, letter.opening, columns, rows)


def _font(language: str, family: str, size: int) -> ImageFont.FreeTypeFont:
    if language == "zh":  # the Simplified Chinese face of the CJK collections (Song type for serif)
        return ImageFont.truetype(str(CJK_FONTS[family]), size, index=2)
    name = "NotoNaskhArabic-Regular.ttf" if language == "ar" else FONTS[family]
    return ImageFont.truetype(str(Path(NOTO) / name), size)


def wrap(text: str, width: float, measure: ImageFont.FreeTypeFont, rtl: bool) -> list[str]:
    """Lines no wider than `width`: broken at spaces, and inside a word only when the word alone is too wide."""
    def fits(line: str) -> bool:
        return measure.getlength(line, direction="rtl" if rtl else None) <= width

    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and fits(candidate):
            lines[-1] = candidate
            continue
        while not fits(word):
            cut = max(n for n in range(1, len(word) + 1) if fits(word[:n]))
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    return lines


def column_cutting(text: str, before: str, family: str = "sans", size: int = 34) -> int:
    """A column width (pixels, with the cell's padding) that cuts `text` just before the last `before` in it."""
    head = text[:text.rindex(before)]
    return int(_font("en", family, size).getlength(head)) + 2 * _PAD + 4


def table_letter_page(letter: TableLetter, widths: tuple[int, ...], family: str = "sans",
                      size: int = 34, ruled: bool = True, end_pad: int = 0) -> Image.Image:
    """An A4 page at 300 dpi: the opening sentence, then the table (ruled, or set with white space only),
    columns `widths` pixels wide (from the right in Arabic); `end_pad`: pixels more of the cell's padding
    on the side the lines end (a word processor's cell margins are not always even)."""
    page = Image.new("L", A4_300DPI, 255)
    draw = ImageDraw.Draw(page)
    rtl = letter.language == "ar"
    font, latin = _font(letter.language, family, size), _font("en", family, size)
    margin, pad, line_height = 200, _PAD, int(size * 1.45)
    opening = draw.textlength(letter.opening, font=font, direction="rtl") if rtl else 0
    draw.text((A4_300DPI[0] - margin - opening if rtl else margin, 500), letter.opening, font=font, fill=0,
              direction="rtl" if rtl else None)
    top = 640
    for row in (letter.header, *letter.rows):
        cells = []
        for text, width in zip(row, widths):
            cell_rtl = rtl and "@" not in text
            cells.append((wrap(text, width - 2 * pad - end_pad, latin if "@" in text else font, cell_rtl),
                          latin if "@" in text else font, cell_rtl))
        height = max(len(lines) for lines, _, _ in cells) * line_height + 2 * pad
        x = A4_300DPI[0] - margin if rtl else margin
        for (lines, cell_font, cell_rtl), width in zip(cells, widths):
            x0 = x - width if rtl else x
            if ruled:
                draw.rectangle((x0, top, x0 + width, top + height), outline=0, width=3)
            for number, line in enumerate(lines):
                y = top + pad + number * line_height
                if cell_rtl:
                    length = draw.textlength(line, font=cell_font, direction="rtl")
                    draw.text((x0 + width - pad - length, y), line, font=cell_font, fill=0, direction="rtl")
                else:
                    draw.text((x0 + pad, y), line, font=cell_font, fill=0)
            x = x0 if rtl else x0 + width
        top += height
    return page
