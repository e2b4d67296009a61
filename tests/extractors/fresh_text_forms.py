"""The forms a text letter of fresh_text_letters.py is sent in: each draws the same blocks its own way (no tests here).

fpdf2 (Noto Serif, Noto Naskh Arabic, Noto Sans CJK; Arabic shaped right to
left), reportlab (DejaVu Sans, Noto Sans Arabic set by fpdf2 since reportlab
has no right-to-left layout here, Chinese in the Adobe CID font STSong-Light
that is not embedded), python-docx (letterhead and emblem in the page
header, footer in the page footer, label columns on a tab stop, ruled tables,
the signature an inline picture), and the mail body as plain text (tables
as tab-separated lines) or HTML (tables, the signature a cid: picture).
"""

from __future__ import annotations

import html
import io
from pathlib import Path
from typing import Literal

from tests.extractors.fresh_letters import CJK, NOTO, _Page
from tests.extractors.fresh_text_letters import (Block, Gap, Grid, Line, Pair, Sign, Stacked, TextLetter, blocks,
                                                 footer)
from tests.extractors.signature_letters import emblem_png, signature_png

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def _fpdf_fonts(language: str, kufi: bool) -> tuple[Path, Path]:
    if language == "zh":
        return CJK / "NotoSansCJK-Regular.ttc", CJK / "NotoSansCJK-Bold.ttc"
    if language == "ar":
        face = "NotoSansArabic" if kufi else "NotoNaskhArabic"
        return NOTO / f"{face}-Regular.ttf", NOTO / f"{face}-Bold.ttf"
    return NOTO / "NotoSerif-Regular.ttf", NOTO / "NotoSerif-Bold.ttf"


def fpdf_letter(letter: TextLetter, kufi: bool = False) -> bytes:
    """The letter as fpdf2 prints it (in whole points, and Arabic table labels not bold: fpdf2 draws
    shaped Arabic at 8.5 or 10.5 pt, and bold in table cells, with glyphs that are not the text's,
    which no word processor does)."""
    pdf = _Page(format="A4")
    pdf.footer_text = footer(letter)
    pdf.rtl = letter.language == "ar"
    regular, bold = _fpdf_fonts(letter.language, kufi)
    pdf.add_font("body", fname=str(regular))
    pdf.add_font("body", style="B", fname=str(bold))
    pdf.add_font("latin", fname=str(NOTO / "NotoSans-Regular.ttf"))
    pdf.add_font("latin", style="B", fname=str(NOTO / "NotoSans-Bold.ttf"))
    if letter.language in ("ar", "zh"):
        pdf.set_fallback_fonts(["latin"])
    if pdf.rtl:
        pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="ara")
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_page()
    pdf.image(io.BytesIO(emblem_png()), x=pdf.w / 2 - 7 if letter.letterhead == "centre" else pdf.l_margin, y=8, w=14)
    pdf.set_y(25)
    for block in blocks(letter):
        _fpdf_block(pdf, letter, block)
    return bytes(pdf.output())


def _fpdf_align(pdf: _Page, align: str) -> Literal["L", "R", "C"]:
    if align == "centre":
        return "C"
    return "R" if (align == "end") != pdf.rtl else "L"


def _fpdf_block(pdf: _Page, letter: TextLetter, block: Block) -> None:
    if isinstance(block, Gap):
        pdf.ln(3)
    elif isinstance(block, Line):
        pdf.set_font("body", style="B" if block.bold else "", size=round(block.size))  # see fpdf_letter
        pdf.multi_cell(0, block.size * 0.5, block.text, align=_fpdf_align(pdf, block.align),
                       new_x="LMARGIN", new_y="NEXT")
    elif isinstance(block, Pair):
        _fpdf_pair(pdf, block)
    elif isinstance(block, Stacked):
        for text, style in ((block.label, "B"), (block.value, "")):
            pdf.set_font("body", style=style, size=11)
            pdf.multi_cell(0, 5.5, text, align=_fpdf_align(pdf, "start"), new_x="LMARGIN", new_y="NEXT")
    elif isinstance(block, Grid):
        _fpdf_grid(pdf, block)
    elif isinstance(block, Sign):
        _fpdf_sign(pdf, letter, block)


def _fpdf_pair(pdf: _Page, pair: Pair) -> None:
    """'Label: value' on one line; in a label column the value starts 60 mm in (mirrored in Arabic)."""
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font("body", size=11)
    if not pair.column:
        pdf.multi_cell(0, 5.5, f"{pair.label} {pair.value}", align=_fpdf_align(pdf, "start"),
                       new_x="LMARGIN", new_y="NEXT")
        return
    y = pdf.get_y()
    label_x = pdf.w - pdf.r_margin - 60 if pdf.rtl else pdf.l_margin
    pdf.set_xy(label_x, y)
    pdf.cell(58, 5.5, pair.label, align="R" if pdf.rtl else "L")
    pdf.set_xy(pdf.l_margin if pdf.rtl else pdf.l_margin + 60, y)
    pdf.multi_cell(width - 60, 5.5, pair.value, align=_fpdf_align(pdf, "start"), new_x="LMARGIN", new_y="NEXT")


def _fpdf_grid(pdf: _Page, grid: Grid) -> None:
    """A ruled table, cells wrapped at their width, mirrored in Arabic."""
    width = pdf.w - pdf.l_margin - pdf.r_margin
    columns = len(grid.rows[0])
    first = 0.26 if grid.labels == "column" else 1 / columns
    widths = [width * first] + [width * (1 - first) / (columns - 1)] * (columns - 1)
    size = 9 if columns > 4 else 10
    for r, row in enumerate(grid.rows):
        cells = list(zip(row, widths, range(columns)))
        if pdf.rtl:
            cells.reverse()
        height = max(_cell_lines(pdf, grid, r, c, text, w, size) for text, w, c in cells) * 4.6 + 2
        if pdf.will_page_break(height):
            pdf.add_page()
        x, y = pdf.l_margin, pdf.get_y()
        for text, w, c in cells:
            _cell_font(pdf, grid, r, c, size)
            pdf.rect(x, y, w, height)
            pdf.set_xy(x + 0.75, y + 1)
            pdf.multi_cell(w - 1.5, 4.6, text, align=_fpdf_align(pdf, "start"))
            x += w
        pdf.set_xy(pdf.l_margin, y + height)
    pdf.ln(3)


def _cell_font(pdf: _Page, grid: Grid, row: int, column: int, size: float) -> None:
    """Labels bold (not in Arabic: see fpdf_letter)."""
    label = row == 0 if grid.labels == "row" else column == 0
    pdf.set_font("body", style="B" if label and not pdf.rtl else "", size=size)


def _cell_lines(pdf: _Page, grid: Grid, row: int, column: int, text: str, width: float, size: float) -> int:
    """How many lines a cell wraps to in its own font."""
    _cell_font(pdf, grid, row, column, size)
    return len(pdf.multi_cell(width - 1.5, 4.6, text or " ", dry_run=True, output="LINES"))  # type: ignore[arg-type]


def _fpdf_sign(pdf: _Page, letter: TextLetter, sign: Sign) -> None:
    if pdf.will_page_break(45):
        pdf.add_page()
    x = pdf.w - pdf.r_margin - 60 if pdf.rtl else pdf.l_margin
    top = pdf.get_y() + 2
    if letter.signed:
        pdf.image(io.BytesIO(signature_png(seed=7)), x=x, y=top, w=42)
    pdf.set_xy(pdf.l_margin, top + 17)
    pdf.set_font("body", size=11)
    for text in filter(None, (sign.name, sign.title, sign.contact)):
        pdf.multi_cell(0, 5.5, text, align=_fpdf_align(pdf, "start"), new_x="LMARGIN", new_y="NEXT")


def reportlab_letter(letter: TextLetter) -> bytes:
    """The letter as reportlab's platypus sets it (Arabic: fpdf2 with another font, see the module)."""
    if letter.language == "ar":
        return fpdf_letter(letter, kufi=True)
    from tests.extractors.fresh_text_reportlab import reportlab_pdf

    return reportlab_pdf(letter)


def docx_letter(letter: TextLetter) -> bytes:
    """The letter as a Word file."""
    from tests.extractors.fresh_text_word import word_file

    return word_file(letter)


def body_plain(letter: TextLetter) -> str:
    """The letter typed into a plain-text mail: tables as tab-separated lines."""
    lines: list[str] = []
    for block in blocks(letter):
        if isinstance(block, Line):
            lines.append(block.text)
        elif isinstance(block, Pair):
            lines.append(f"{block.label}\t{block.value}" if block.column else f"{block.label} {block.value}")
        elif isinstance(block, Stacked):
            lines += [block.label, block.value]
        elif isinstance(block, Grid):
            lines += ["\t".join(row) for row in block.rows]
        elif isinstance(block, Sign):
            lines += ["", block.name, block.title] + [block.contact] * bool(block.contact)
        else:
            lines.append("")
    return "\n".join(lines + ["", "--", footer(letter)]) + "\n"


def body_html(letter: TextLetter) -> tuple[str, list[tuple[str, bytes]]]:
    """The letter as an HTML mail body, and the pictures it shows (cid, PNG bytes)."""
    direction = ' dir="rtl"' if letter.language == "ar" else ""
    parts = [f"<html><body{direction}>"]
    images: list[tuple[str, bytes]] = []
    for block in blocks(letter):
        parts.append(_html_block(letter, block, images))
    parts.append(f"<hr><p style='font-size:8pt'>{html.escape(footer(letter))}</p></body></html>")
    return "\n".join(parts), images


def _html_block(letter: TextLetter, block: Block, images: list[tuple[str, bytes]]) -> str:
    e = html.escape
    if isinstance(block, Line):
        text = f"<b>{e(block.text)}</b>" if block.bold else e(block.text)
        return f"<p style='text-align:{ {'start': 'start', 'centre': 'center', 'end': 'end'}[block.align]}'>{text}</p>"
    if isinstance(block, Pair):
        return f"<div><b>{e(block.label)}</b> {e(block.value)}</div>"
    if isinstance(block, Stacked):
        return f"<div><b>{e(block.label)}</b></div><div>{e(block.value)}</div>"
    if isinstance(block, Grid):
        rows = "".join("<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>" for row in block.rows)
        return f"<table border='1' cellpadding='4'>{rows}</table>"
    if isinstance(block, Sign):
        picture = ""
        if letter.signed:
            images.append(("signature.1@registry", signature_png(seed=9)))
            picture = "<img src='cid:signature.1@registry' alt='signature' width='180'><br>"
        contact = f"<br>{e(block.contact)}" if block.contact else ""
        return f"<p>{picture}{e(block.name)}<br>{e(block.title)}{contact}</p>"
    return "<br>"
