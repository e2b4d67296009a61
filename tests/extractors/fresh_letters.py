"""Nomination letters written apart from the corpora, the way other ministries set them (no tests here).

A letter is what it says (`FreshLetter`: language, nominees, layout, label
style, signature) and is drawn as a text PDF with a letterhead (emblem,
address block, reference and date), the nominees in one of four layouts,
the closing, a signature block, a "CC:" line and a footer with telephone
numbers and the registry's own e-mail address (never a nominee's). The
image forms are made from the rendered pages with the scanner and phone
transforms of `scan_letters`: what the letter says is known, so whatever
the bot reads can be judged.

Layouts: `numbered` (1., 2. paragraphs of label/value lines), `kv` (labels
in one column and values in another, no rules, a heading per nominee),
`cols` (one column per nominee, the labels in the first), `rows` (one row
per nominee under a header row of labels). Label styles: `colon`, `plain`,
`caps`, `bold`.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from fpdf import FPDF
from PIL import Image

from extractors.model import Nominee
from tests.extractors.scan_letters import jpeg, one_bit, photographed, stored_sideways, tilted
from tests.extractors.signature_letters import (
    cursive_png, emblem_png, initials_png, paraph_png, signature_png, square_stamp_image, stamp_png,
)

NOTO = Path("/usr/share/fonts/truetype/noto")
CJK = Path("/usr/share/fonts/opentype/noto")

Layout = Literal["numbered", "kv", "cols", "rows"]
LabelStyle = Literal["colon", "plain", "caps", "bold"]
Signature = Literal["above", "over", "stamp", "none", "beside", "square", "seal", "nextpage", "faint",
                    "stamped", "sealed", "initials", "paraph"]
"""Where the ink is: above or over the name, above it with a round violet stamp beside, none; beside the name
(a cursive hand), above it with a square blue stamp over the name, over the name and a red seal, at the top of
the next page (the closing ends the page), a faint pale-blue ballpoint; and two unsigned letters that carry
only a stamp: the square blue one, or the red seal; a small, low hand above the name: initials, or a paraph."""
SIGNATURES: tuple[Signature, ...] = ("above", "over", "stamp", "none", "beside", "square", "seal", "nextpage",
                                     "faint", "stamped", "sealed", "initials", "paraph")
UNSIGNED: tuple[Signature, ...] = ("none", "stamped", "sealed")
LAYOUTS: tuple[Layout, ...] = ("numbered", "kv", "cols", "rows")
STYLES: tuple[LabelStyle, ...] = ("colon", "plain", "caps", "bold")
FIELDS = ("title", "first_name", "last_name", "job_title", "role", "organization", "email")


@dataclass(frozen=True)
class Ministry:
    """One language's sender: who writes, from where, with which words."""

    language: str
    country: str
    ministry: str
    address: tuple[str, ...]
    reference: str
    date: str
    addressee: tuple[str, ...]
    subject: str
    intro: str
    heading: str
    """The word that heads each nominee ('Representative'), followed by its number."""
    labels: tuple[str, ...]
    """Annex 2 order: title, first name, last name, job title, role, organization, e-mail."""
    roles: tuple[str, str, str]
    """The words for primary, alternate, advisor."""
    closing: str
    signatory: str
    signatory_title: str
    cc: str
    footer: str
    domain: str
    people: tuple[tuple[str, str, str, str, str], ...]
    """Title, first name, last name, job title, e-mail local part."""


MINISTRIES: dict[str, Ministry] = {m.language: m for m in (
    Ministry(
        "en", "REPUBLIC OF NAMIBIA", "Ministry of Information and Communication Technology",
        ("Government Office Park, Luther Street", "Private Bag 13344, Windhoek"),
        "Ref.: MICT/GCC/2024/117", "21 November 2024",
        ("The Director", "Telecommunication Standardization Bureau", "International Telecommunication Union",
         "Geneva, Switzerland"),
        "RE: NOMINATION OF REPRESENTATIVES TO THE GOVERNMENT COMMITTEE (GCC) OF THE OPENWALLET FORUM",
        "In response to TSB Circular 006, the Ministry of Information and Communication Technology of the "
        "Republic of Namibia is pleased to nominate the following officials to the GCC:",
        "Nominee",
        ("Title or rank", "First name", "Last name (family name)", "Job title / Position", "Role in GCC",
         "Organization name", "E-mail"),
        ("Primary contact", "Designated alternate", "Designated advisor"),
        "Yours faithfully,", "Audrin Mathe", "Executive Director",
        "CC: Permanent Mission of the Republic of Namibia, Geneva",
        "Tel: +264 61 283 9111  |  Fax: +264 61 222 343  |  registry@mict.gov.na  |  www.mict.gov.na",
        "mict.gov.na",
        (("Dr", "Tangeni", "Shikongo", "Deputy Director, Digital Government", "t.shikongo"),
         ("Ms", "Selma", "Nangolo", "Chief Systems Analyst", "selma.nangolo"),
         ("Mr", "Petrus", "Amutenya", "Legal Adviser", "pamutenya"))),
    Ministry(
        "fr", "RÉPUBLIQUE DU MALI", "Ministère de la Communication, de l'Économie numérique et de la "
        "Modernisation de l'Administration",
        ("Cité administrative, Bâtiment 7", "BP 116, Bamako"),
        "N° 0482/MCENMA-SG", "Bamako, le 20 novembre 2024",
        ("Monsieur le Directeur", "Bureau de la normalisation des télécommunications", "Union internationale "
         "des télécommunications", "Genève"),
        "Objet : Désignation des représentants du Mali au Comité gouvernemental (GCC)",
        "Suite à la Circulaire TSB 006, j'ai l'honneur de vous communiquer ci-après les représentants du "
        "Mali au GCC de l'OpenWallet Forum :",
        "Représentant",
        ("Titre ou rang", "Prénom", "Nom de famille", "Fonction", "Rôle au sein du GCC",
         "Nom de l'organisation", "Courriel"),
        ("Contact principal", "Suppléant désigné", "Conseiller désigné"),
        "Veuillez agréer, Monsieur le Directeur, l'expression de ma haute considération.",
        "Hamidou Sangaré", "Secrétaire général",
        "Copie : Mission permanente du Mali à Genève",
        "Tél. : +223 20 22 26 47  -  Courriel : secretariat@numerique.gouv.ml  -  www.numerique.gouv.ml",
        "numerique.gouv.ml",
        (("M.", "Boubacar", "Traoré", "Directeur des systèmes d'information", "b.traore"),
         ("Mme", "Fatoumata", "Keïta", "Cheffe de division Normalisation", "fatoumata.keita"),
         ("Dr", "Ibrahim", "Coulibaly", "Conseiller technique", "icoulibaly"))),
    Ministry(
        "es", "REPÚBLICA DE GUATEMALA", "Ministerio de Comunicaciones, Infraestructura y Vivienda",
        ("8a. Avenida 15-15, Zona 13", "Ciudad de Guatemala"),
        "Oficio No. MCIV-DS-0931-2024", "Guatemala, 19 de noviembre de 2024",
        ("Señor Director", "Oficina de Normalización de las Telecomunicaciones", "Unión Internacional de "
         "Telecomunicaciones", "Ginebra, Suiza"),
        "Asunto: Designación de representantes ante el Comité Gubernamental (GCC)",
        "En atención a la Circular TSB 006, me permito designar a los siguientes funcionarios como "
        "representantes de Guatemala ante el GCC:",
        "Representante",
        ("Título o rango", "Nombre", "Apellidos", "Cargo", "Función en el GCC",
         "Nombre de la organización", "Correo electrónico"),
        ("Contacto principal", "Suplente designado", "Asesor designado"),
        "Atentamente,", "Rodrigo Estrada", "Viceministro de Comunicaciones",
        "c.c.: Misión Permanente de Guatemala en Ginebra",
        "PBX: (502) 2223-4000  ·  info@civ.gob.gt  ·  www.civ.gob.gt",
        "civ.gob.gt",
        (("Lic.", "María José", "Castillo", "Directora de Gobierno Digital", "mjcastillo"),
         ("Sr.", "Jorge", "Alvarado Pérez", "Jefe de Ciberseguridad", "jalvarado"),
         ("Ing.", "Ana Lucía", "Morales", "Asesora Técnica", "amorales"))),
    Ministry(
        "ru", "АЗЕРБАЙДЖАНСКАЯ РЕСПУБЛИКА", "Министерство цифрового развития и транспорта",
        ("ул. Измир, 1", "Баку, AZ1065"),
        "Исх. № 14/2-887", "22.11.2024",
        ("Директору Бюро стандартизации электросвязи", "Международного союза электросвязи", "г. Женева"),
        "О назначении представителей в Правительственный комитет (GCC)",
        "В ответ на Циркуляр БСЭ 006 Министерство цифрового развития и транспорта Азербайджанской "
        "Республики назначает следующих представителей в GCC:",
        "Представитель",
        ("Обращение", "Имя", "Фамилия", "Должность", "Роль в GCC", "Название организации",
         "Адрес электронной почты"),
        ("Основное контактное лицо", "Назначенный заместитель", "Назначенный советник"),
        "С уважением,", "Рашад Набиев", "Министр",
        "Копия: Постоянное представительство в Женеве",
        "Тел.: +994 12 598 58 58  |  Факс: +994 12 498 79 12  |  office@mincom.gov.az",
        "mincom.gov.az",
        (("г-н", "Эльдар", "Мамедов", "Начальник отдела электронного правительства", "e.mamedov"),
         ("г-жа", "Лейла", "Алиева", "Главный специалист", "leyla.aliyeva"),
         ("д-р", "Рашад", "Гусейнов", "Советник министра", "r.huseynov"))),
    Ministry(
        "ar", "دولة الكويت", "وزارة المواصلات",
        ("مجمع الوزارات، الكويت", "ص.ب. 15، الصفاة 13001"),
        "الرقم: و م/2024/553", "التاريخ: 2024/11/21",
        ("السيد مدير مكتب تقييس الاتصالات", "الاتحاد الدولي للاتصالات", "جنيف"),
        "الموضوع: ترشيح ممثلي دولة الكويت في اللجنة الحكومية (GCC)",
        "إشارة إلى التعميم 006 لمكتب تقييس الاتصالات، تتشرف وزارة المواصلات بدولة الكويت بترشيح ما يلي:",
        "المرشح",
        ("اللقب", "الاسم الأول", "اسم العائلة", "المسمى الوظيفي", "الدور في اللجنة", "اسم المنظمة",
         "البريد الإلكتروني"),
        ("جهة الاتصال الرئيسية", "مناوب معين", "مستشار معين"),
        "وتفضلوا بقبول فائق الاحترام والتقدير،", "عبدالله الشمري", "وكيل الوزارة",
        "نسخة إلى: البعثة الدائمة لدولة الكويت في جنيف",
        "هاتف: 22432000 965+   info@moc.gov.kw   www.moc.gov.kw",
        "moc.gov.kw",
        (("السيد", "خالد", "العنزي", "مدير إدارة التحول الرقمي", "k.alenezi"),
         ("الدكتورة", "نورة", "الصباح", "رئيسة قسم المعايير", "n.alsabah"),
         ("المهندس", "فهد", "الرشيدي", "مستشار تقني", "f.alrashidi"))),
    Ministry(
        "zh", "中华人民共和国", "国家互联网信息办公室",
        ("北京市西城区车公庄大街11号", "邮编：100044"),
        "网信函〔2024〕117号", "2024年11月21日",
        ("国际电信联盟", "电信标准化局主任"),
        "关于提名OpenWallet论坛政府委员会（GCC）代表的函",
        "根据电信标准化局第006号通函，我办现提名以下人员担任GCC代表：",
        "代表",
        ("称谓或职衔", "名", "姓", "职务", "在GCC中的角色", "组织名称", "电子邮件"),
        ("主要联系人", "指定候补代表", "指定顾问"),
        "顺致崇高敬意。", "刘明", "副主任",
        "抄送：中国常驻日内瓦代表团",
        "电话：010-55627000   传真：010-55627111   电子邮件：bgs@cac.gov.cn",
        "cac.gov.cn",
        (("先生", "建国", "王", "信息化发展局副局长", "wangjianguo"),
         ("女士", "娜", "李", "国际合作局处长", "lina"),
         ("博士", "伟", "张", "高级工程师", "zhangwei"))),
)}

ROLES = ("primary", "alternate", "advisor")


@dataclass(frozen=True)
class FreshLetter:
    """What one letter says and how it is set."""

    language: str
    nominees: int = 2
    layout: Layout = "kv"
    style: LabelStyle = "colon"
    signature: Signature = "above"

    @property
    def ministry(self) -> Ministry:
        return MINISTRIES[self.language]

    def expected_nominees(self) -> list[Nominee]:
        """Exactly what the letter prints for each nominee, in letter order."""
        m = self.ministry
        return [Nominee(title=title, first_name=first, last_name=last, job_title=job,
                        role=ROLES[n], organization=m.ministry, email=f"{local}@{m.domain}")  # type: ignore[arg-type]
                for n, (title, first, last, job, local) in enumerate(m.people[: self.nominees])]


class _Page(FPDF):
    """A ministry's paper: the footer line on every page."""

    footer_text = ""
    rtl = False

    def footer(self) -> None:
        self.set_y(-16)
        self.set_font("body", size=8)
        self.cell(0, 5, self.footer_text, align="C")


def _pdf(letter: FreshLetter) -> _Page:
    pdf = _Page(format="A4")
    pdf.footer_text = letter.ministry.footer
    pdf.rtl = letter.language == "ar"
    pdf.set_auto_page_break(True, margin=22)
    regular, bold = _fonts(letter.language)
    pdf.add_font("body", fname=str(regular))
    pdf.add_font("body", style="B", fname=str(bold))
    pdf.add_font("latin", fname=str(NOTO / "NotoSans-Regular.ttf"))
    pdf.add_font("latin", style="B", fname=str(NOTO / "NotoSans-Bold.ttf"))
    if letter.language in ("ar", "zh"):
        pdf.set_fallback_fonts(["latin"])
    if pdf.rtl:
        pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="ara")
    pdf.set_font("body", size=10.5)
    pdf.add_page()
    return pdf


def _fonts(language: str) -> tuple[Path, Path]:
    if language == "zh":
        return CJK / "NotoSansCJK-Regular.ttc", CJK / "NotoSansCJK-Bold.ttc"
    if language == "ar":
        return NOTO / "NotoNaskhArabic-Regular.ttf", NOTO / "NotoNaskhArabic-Bold.ttf"
    return NOTO / "NotoSans-Regular.ttf", NOTO / "NotoSans-Bold.ttf"


def letter_pdf(letter: FreshLetter) -> bytes:
    """The letter as a ministry's word processor prints it (a text PDF, signed as `signature` says)."""
    pdf = _pdf(letter)
    _letterhead(pdf, letter.ministry)
    _opening(pdf, letter.ministry)
    {"numbered": _numbered, "kv": _kv, "cols": _cols, "rows": _rows}[letter.layout](pdf, letter)
    _signature_block(pdf, letter)
    return bytes(pdf.output())


def _align(pdf: _Page) -> Literal["R", "L"]:
    return "R" if pdf.rtl else "L"


def _line(pdf: _Page, text: str, height: float = 5.5, style: str = "", size: float = 10.5,
          align: str | None = None) -> None:
    pdf.set_font("body", style=style, size=size)
    pdf.multi_cell(0, height, text or " ", new_x="LMARGIN", new_y="NEXT", align=align or _align(pdf))


def _letterhead(pdf: _Page, m: Ministry) -> None:
    """Emblem in the middle, country and ministry under it, the address block, reference and date."""
    pdf.image(io.BytesIO(emblem_png()), x=pdf.w / 2 - 8, y=10, w=16)
    pdf.set_y(28)
    _line(pdf, m.country, 6, "B", 12, "C")
    _line(pdf, m.ministry, 5.5, "", 10.5, "C")
    for line in m.address:
        _line(pdf, line, 4.5, "", 8.5, "C")
    pdf.ln(4)
    y = pdf.get_y()
    pdf.set_font("body", size=10)
    pdf.cell(0, 5.5, m.reference, align="R" if pdf.rtl else "L")
    pdf.set_xy(pdf.l_margin, y)
    pdf.cell(0, 5.5, m.date, align="L" if pdf.rtl else "R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _opening(pdf: _Page, m: Ministry) -> None:
    for line in m.addressee:
        _line(pdf, line, 5)
    pdf.ln(3)
    _line(pdf, m.subject, 5.5, "B")
    pdf.ln(2)
    _line(pdf, m.intro)
    pdf.ln(3)


def _label(letter: FreshLetter, n: int) -> str:
    text = letter.ministry.labels[n]
    if letter.style == "caps":
        text = text.upper()
    if letter.style in ("colon", "bold", "caps"):
        text += "：" if letter.language == "zh" else ":"
    return text


def _values(letter: FreshLetter, nominee: Nominee) -> list[str]:
    m = letter.ministry
    role = m.roles[ROLES.index(nominee.role or "primary")]
    return [nominee.title or "", nominee.first_name or "", nominee.last_name or "", nominee.job_title or "",
            role, nominee.organization or "", nominee.email or ""]


def _label_style(letter: FreshLetter) -> str:
    return "B" if letter.style == "bold" else ""


def _pair(pdf: _Page, letter: FreshLetter, label: str, value: str, indent: float, gap: float) -> None:
    """A label and its value on one line, the value in its own column `gap` mm further (mirrored in Arabic)."""
    width = pdf.w - pdf.l_margin - pdf.r_margin
    y = pdf.get_y()
    pdf.set_font("body", style=_label_style(letter), size=10.5)
    if pdf.rtl:
        pdf.set_xy(pdf.w - pdf.r_margin - indent - gap, y)
        pdf.cell(gap, 6, label, align="R")
        pdf.set_xy(pdf.l_margin, y)
        pdf.set_font("body", size=10.5)
        pdf.multi_cell(width - indent - gap - 2, 6, value, align="R", new_x="LMARGIN", new_y="NEXT")
        _font_afresh(pdf)
        return
    pdf.set_xy(pdf.l_margin + indent, y)
    pdf.cell(gap, 6, label)
    pdf.set_font("body", size=10.5)
    pdf.multi_cell(width - indent - gap, 6, value, new_x="LMARGIN", new_y="NEXT")


def _font_afresh(pdf: _Page, style: str = "", size: float = 10.5) -> None:
    """The body font set anew: fpdf2 (2.8.9) shaping Arabic draws every later line with wrong glyphs
    (boxes, other letters) after a bold label and a value in the fallback font (an address), unless
    the font is set again; a letter no one could read would measure nothing."""
    pdf.set_font("latin")
    pdf.set_font("body", style=style, size=size)


def _numbered(pdf: _Page, letter: FreshLetter) -> None:
    """1., 2., 3.: each nominee a numbered paragraph of label/value lines, the value after its label."""
    for number, nominee in enumerate(letter.expected_nominees(), start=1):
        y = pdf.get_y()
        pdf.set_font("body", size=10.5)
        pdf.set_xy(pdf.w - pdf.r_margin - 8 if pdf.rtl else pdf.l_margin, y)
        pdf.cell(8, 6, f"{number}.")
        pdf.set_y(y)
        for n, value in enumerate(_values(letter, nominee)):
            label = _label(letter, n)
            pdf.set_font("body", style=_label_style(letter), size=10.5)
            pdf.set_x(pdf.l_margin)
            gap = pdf.get_string_width(label) + 3
            _pair(pdf, letter, label, value, 10, gap)
        pdf.ln(3)


def _kv(pdf: _Page, letter: FreshLetter) -> None:
    """A heading per nominee, then labels in one column and values in another, no rules."""
    m = letter.ministry
    for number, nominee in enumerate(letter.expected_nominees(), start=1):
        _line(pdf, f"{m.heading} {number}", 6, "B")
        for n, value in enumerate(_values(letter, nominee)):
            _pair(pdf, letter, _label(letter, n), value, 0, 62)
        pdf.ln(3)


def _table(pdf: _Page, letter: FreshLetter, rows: list[list[str]], widths: list[float],
           header_column: bool) -> None:
    """A ruled table, cells wrapped at their width, mirrored in Arabic; the first row (or column) labels."""
    size = 9 if len(widths) > 4 else 10
    for r, row in enumerate(rows):
        cells = list(zip(row, widths))
        if pdf.rtl:
            cells.reverse()
        heights = [len(pdf.multi_cell(w - 1, 5, text, dry_run=True, output="LINES")) * 5 + 2  # type: ignore[arg-type]
                   for text, w in cells]
        height = max(heights)
        if pdf.will_page_break(height):
            pdf.add_page()
        x, y = pdf.l_margin, pdf.get_y()
        for c, (text, w) in enumerate(cells):
            labelled = r == 0 or (header_column and (c == len(cells) - 1 if pdf.rtl else c == 0))
            _font_afresh(pdf, _label_style(letter) if labelled else "", size)
            pdf.rect(x, y, w, height)
            pdf.set_xy(x + 0.5, y + 1)
            pdf.multi_cell(w - 1, 5, text, align=_align(pdf))
            x += w
        pdf.set_xy(pdf.l_margin, y + height)
    pdf.ln(4)


def _cols(pdf: _Page, letter: FreshLetter) -> None:
    """One column per nominee, the Annex 2 labels down the first column, numbered headings on top."""
    nominees = letter.expected_nominees()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    header = ["", *(f"{letter.ministry.heading} {n}" for n in range(1, len(nominees) + 1))]
    values = [_values(letter, nominee) for nominee in nominees]
    rows = [header] + [[_label(letter, n), *(v[n] for v in values)] for n in range(len(FIELDS))]
    first = 42.0
    _table(pdf, letter, rows, [first] + [(width - first) / len(nominees)] * len(nominees), True)


def _rows(pdf: _Page, letter: FreshLetter) -> None:
    """A header row of the Annex 2 labels, then one row per nominee."""
    width = pdf.w - pdf.l_margin - pdf.r_margin
    shares = [0.09, 0.12, 0.13, 0.17, 0.14, 0.16, 0.19]
    rows = [[_label(letter, n) for n in range(len(FIELDS))]]
    rows += [_values(letter, nominee) for nominee in letter.expected_nominees()]
    _table(pdf, letter, rows, [width * s for s in shares], False)


def _signature_block(pdf: _Page, letter: FreshLetter) -> None:
    """Closing, the ink above, over or beside the signatory's name (with a stamp or a seal, or nothing), the
    CC line; `nextpage` puts the closing at the foot of the page and the ink and name at the top of the next."""
    m, kind = letter.ministry, letter.signature
    if kind == "nextpage":
        pdf.set_y(max(pdf.get_y(), pdf.page_break_trigger - 14))
        _line(pdf, m.closing)
        pdf.add_page()
    else:
        if pdf.will_page_break(62):
            pdf.add_page()
        _line(pdf, m.closing)
    x = pdf.l_margin + 10 if pdf.rtl else pdf.w - pdf.r_margin - 70
    top = pdf.get_y() + 2
    name_y = top + (10 if kind in ("over", "seal", "sealed") else 20)
    _ink(pdf, kind, x, top, name_y)
    pdf.set_xy(x, name_y)
    pdf.set_font("body", size=10.5)
    pdf.multi_cell(70, 5.5, f"{m.signatory}\n{m.signatory_title}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    _line(pdf, m.cc, 5, "", 9)


def _ink(pdf: _Page, kind: Signature, x: float, top: float, name_y: float) -> None:
    """What `kind` puts around the name block whose left edge is x. The new kinds' pictures are ink on clear
    ground, so a signature over a stamp shows both as paper would (the first kinds keep their white ground)."""
    def put(png: bytes, left: float, y: float, width: float) -> None:
        pdf.image(io.BytesIO(png if kind in ("above", "over", "stamp") else _clear(png)), x=left, y=y, w=width)

    if kind in ("square", "stamped"):
        put(_png(square_stamp_image((40, 50, 140))), x + 28, name_y - 9, 30)
    if kind in ("seal", "sealed"):
        put(stamp_png((205, 35, 35)), x + 18, top - 4, 28)
    if kind in ("above", "over", "stamp", "square", "seal", "nextpage"):
        put(signature_png(seed=5), x + 4, top, 45)
    elif kind == "beside":
        put(cursive_png(seed=8), x + 72 if pdf.rtl else x - 48, name_y - 6, 45)
    elif kind == "initials":
        put(initials_png(), x + 24, top + 3, 16)
    elif kind == "paraph":
        put(paraph_png(), x + 20, top + 3, 22)
    elif kind == "faint":
        put(cursive_png(seed=4, colour=(110, 140, 215), width=2), x + 8, top, 48)
    if kind == "stamp":
        put(stamp_png(), x + 30, top - 2, 26)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _clear(png: bytes) -> bytes:
    """The picture's white ground made transparent, its ink as opaque as it is dark."""
    rgb = Image.open(io.BytesIO(png)).convert("RGB")
    alpha = Image.eval(rgb.convert("L"), lambda v: 255 - v).point(lambda v: min(255, v * 3))
    rgba = rgb.copy()
    rgba.putalpha(alpha)
    return _png(rgba)


Form = Literal["scan150-grey", "scan200-1bit", "scan300-grey", "tiff200-1bit", "photo", "photo-exif", "photo-shadow",
               "photo-colour"]
FORMS: tuple[Form, ...] = ("scan150-grey", "scan200-1bit", "scan300-grey", "tiff200-1bit", "photo", "photo-exif")
FORM_TAGS: dict[str, str] = {"scan150-grey": "pdf-scan", "scan200-1bit": "pdf-scan-1bit",
                             "scan300-grey": "pdf-scan", "tiff200-1bit": "tiff-multipage",
                             "photo": "photo-jpeg", "photo-exif": "photo-jpeg-exif-rotated",
                             "photo-shadow": "photo-jpeg", "photo-colour": "photo-jpeg"}
"""`photo-shadow` (a phone's or a hand's soft shadow across the lower half) and `photo-colour` (the page in its
colours: a red seal, a blue stamp over black print) are asked for by name: FORMS rotate."""


def rendered(pdf: bytes, dpi: int, colour: bool = False) -> list[Image.Image]:
    """The PDF's pages as grey images (or in colour), as the paper leaves the printer."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "letter.pdf"
        source.write_bytes(pdf)
        tone = [] if colour else ["-gray"]
        subprocess.run(["pdftoppm", "-r", str(dpi), *tone, "-png", str(source), f"{folder}/page"], check=True)
        return [Image.open(p).convert("RGB" if colour else "L") for p in sorted(Path(folder).glob("page*.png"))]


def noisy(page: Image.Image, seed: int, sigma: float = 14.0) -> Image.Image:
    """Scanner grain and dust: Gaussian noise on every pixel."""
    rng = np.random.default_rng(seed)
    pixels = np.asarray(page, dtype=np.float32) + rng.normal(0, sigma, (page.height, page.width))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def _pdf_of(pages: list[Image.Image], dpi: int) -> bytes:
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return out.getvalue()


def image_forms(pdf: bytes, form: Form, seed: int = 1) -> list[tuple[str, str, bytes]]:
    """The letter as a device sends it: (file name, MIME type, bytes) of each attachment."""
    skew = (1.0 + seed % 3) * (-1 if seed % 2 else 1)
    if form.startswith("scan") or form.startswith("tiff"):
        dpi = int(form[4:7])
        pages = [noisy(tilted(p, skew), seed + n) for n, p in enumerate(rendered(pdf, dpi))]
        if form.endswith("1bit"):
            pages = [one_bit(p) for p in pages]
        if form.startswith("tiff"):
            out = io.BytesIO()
            pages[0].save(out, "TIFF", save_all=True, append_images=pages[1:], compression="group4", dpi=(dpi, dpi))
            return [("scan.tif", "image/tiff", out.getvalue())]
        return [("scan.pdf", "application/pdf", _pdf_of(pages, dpi))]
    photos = [photographed(p, 1500, 2030) for p in rendered(pdf, 200, colour=form == "photo-colour")]
    if form == "photo-shadow":
        photos = [shadowed(p, seed + n) for n, p in enumerate(photos)]
    data = [stored_sideways(p) if form == "photo-exif" else jpeg(p) for p in photos]
    return [(f"IMG_{4100 + n}.jpg", "image/jpeg", d) for n, d in enumerate(data)]


def shadowed(photo: Image.Image, seed: int) -> Image.Image:
    """A soft shadow (the phone's, a hand's) over part of the lower half: paper there up to 40% darker."""
    rng = np.random.default_rng(seed)
    height, width = photo.height, photo.width
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    cx, cy = rng.uniform(0.2, 0.8) * width, rng.uniform(0.55, 0.85) * height
    rx, ry = rng.uniform(0.25, 0.45) * width, rng.uniform(0.12, 0.25) * height
    distance = np.sqrt(((xs - cx) / rx) ** 2 + ((ys - cy) / ry) ** 2)
    shade = 1.0 - 0.4 * np.clip(1.6 - distance, 0.0, 1.0)
    pixels = np.asarray(photo.convert("RGB"), dtype=np.float32) * shade[..., None]
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
