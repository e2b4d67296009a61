"""A fresh text letter set by reportlab's platypus: DejaVu Sans, or the CID font STSong-Light in Chinese (no tests here)."""

from __future__ import annotations

import io
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # type: ignore[import-untyped]

from tests.extractors.fresh_text_forms import DEJAVU
from tests.extractors.fresh_text_letters import Block, Gap, Grid, Line, Pair, Sign, Stacked, TextLetter, blocks, footer
from tests.extractors.signature_letters import emblem_png, signature_png

_ALIGN = {"start": TA_LEFT, "centre": TA_CENTER, "end": TA_RIGHT}


@cache
def _fonts(language: str) -> tuple[str, str]:
    """(regular, bold) font names registered with reportlab."""
    if language == "zh":
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        return "STSong-Light", "STSong-Light"
    pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(DEJAVU / "DejaVuSans-Bold.ttf")))
    return "DejaVu", "DejaVu-Bold"


def _style(letter: TextLetter, bold: bool = False, size: float = 10, align: str = "start") -> ParagraphStyle:
    regular, strong = _fonts(letter.language)
    return ParagraphStyle("p", fontName=strong if bold else regular, fontSize=size, leading=size * 1.35,
                          alignment=_ALIGN[align], wordWrap="CJK" if letter.language == "zh" else None)


def reportlab_pdf(letter: TextLetter) -> bytes:
    out = io.BytesIO()
    regular, _ = _fonts(letter.language)

    def page_footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(regular, 7.5)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, footer(letter))
        canvas.restoreState()

    document = SimpleDocTemplate(out, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=15 * mm,
                                 bottomMargin=22 * mm, title="Nomination")
    story: list[Flowable] = [Image(io.BytesIO(emblem_png()), width=13 * mm, height=13 * mm,
                                   hAlign="CENTER" if letter.letterhead == "centre" else "LEFT")]
    for block in blocks(letter):
        story += _flowables(letter, block)
    document.build(story, onFirstPage=page_footer, onLaterPages=page_footer)
    return out.getvalue()


def _flowables(letter: TextLetter, block: Block) -> list[Flowable]:
    if isinstance(block, Gap):
        return [Spacer(1, 3 * mm)]
    if isinstance(block, Line):
        return [Paragraph(escape(block.text), _style(letter, block.bold, block.size - 0.5, block.align))]
    if isinstance(block, Pair) and not block.column:
        _, bold = _fonts(letter.language)
        text = f"<font name='{bold}'>{escape(block.label)}</font> {escape(block.value)}"
        return [Paragraph(text, _style(letter))]
    if isinstance(block, Pair):
        return [_table(letter, [[block.label, block.value]], [55 * mm, 111 * mm], ruled=False)]
    if isinstance(block, Stacked):
        return [Paragraph(escape(block.label), _style(letter, True)), Paragraph(escape(block.value), _style(letter))]
    if isinstance(block, Grid):
        columns = len(block.rows[0])
        first = 0.26 if block.labels == "column" else 1 / columns
        widths = [166 * mm * first] + [166 * mm * (1 - first) / (columns - 1)] * (columns - 1)
        return [_table(letter, [list(row) for row in block.rows], widths, ruled=True), Spacer(1, 3 * mm)]
    if isinstance(block, Sign):
        picture: list[Flowable] = [Spacer(1, 16 * mm)]
        if letter.signed:
            picture = [Image(io.BytesIO(signature_png(seed=3)), width=42 * mm, height=14 * mm, hAlign="LEFT")]
        return picture + [Paragraph(escape(text), _style(letter)) for text in (block.name, block.title, block.contact) if text]
    return []


def _table(letter: TextLetter, rows: list[list[str]], widths: list[float], ruled: bool) -> Table:
    size = 8.5 if len(widths) > 4 else 9.5
    cells = [[Paragraph(escape(text), _style(letter, size=size)) for text in row] for row in rows]
    table = Table(cells, colWidths=widths, hAlign="LEFT")
    style: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if ruled:
        style.append(("GRID", (0, 0), (-1, -1), 0.6, colors.black))
    table.setStyle(TableStyle(style))
    return table
