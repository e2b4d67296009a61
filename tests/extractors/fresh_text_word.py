"""A fresh text letter as a Word file written with python-docx (no tests here)."""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from tests.extractors.fresh_text_letters import Block, Gap, Grid, Line, Pair, Sign, Stacked, TextLetter, blocks, footer
from tests.extractors.signature_letters import emblem_png, signature_png

_ALIGN = {"start": WD_ALIGN_PARAGRAPH.LEFT, "centre": WD_ALIGN_PARAGRAPH.CENTER, "end": WD_ALIGN_PARAGRAPH.RIGHT}


def word_file(letter: TextLetter) -> bytes:
    """Letterhead lines and the emblem in the page header, the rest in the body, the footer in the page footer."""
    document = docx.Document()
    section = document.sections[0]
    items = blocks(letter)
    head = next(n for n, block in enumerate(items) if isinstance(block, Gap))
    header = section.header.paragraphs[0]
    header.alignment = _ALIGN[letter.letterhead]
    header.add_run().add_picture(io.BytesIO(emblem_png()), width=Cm(1.3))
    for block in items[:head]:
        assert isinstance(block, Line)
        _line(section.header.add_paragraph(), letter, block)
    section.footer.paragraphs[0].text = footer(letter)
    for block in items[head + 1:]:
        _block(document, letter, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _line(paragraph: Paragraph, letter: TextLetter, line: Line) -> None:
    run = paragraph.add_run(line.text)
    run.bold = line.bold
    run.font.size = Pt(line.size)
    rtl_end = {"start": "end", "end": "start", "centre": "centre"}[line.align] if letter.language == "ar" else line.align
    paragraph.alignment = _ALIGN[rtl_end]


def _block(document: docx.document.Document, letter: TextLetter, block: Block) -> None:
    if isinstance(block, Gap):
        document.add_paragraph()
    elif isinstance(block, Line):
        _line(document.add_paragraph(), letter, block)
    elif isinstance(block, Pair):
        paragraph = document.add_paragraph()
        paragraph.add_run(block.label).bold = True
        if block.column:
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(6))
        paragraph.add_run(("\t" if block.column else " ") + block.value)
        if letter.language == "ar":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif isinstance(block, Stacked):
        document.add_paragraph().add_run(block.label).bold = True
        document.add_paragraph(block.value)
    elif isinstance(block, Grid):
        _grid(document, block)
    elif isinstance(block, Sign):
        paragraph = document.add_paragraph()
        if letter.signed:
            paragraph.add_run().add_picture(io.BytesIO(signature_png(seed=4)), width=Cm(4.2))
        for text in filter(None, (block.name, block.title, block.contact)):
            document.add_paragraph(text)


def _grid(document: docx.document.Document, grid: Grid) -> None:
    table = document.add_table(rows=len(grid.rows), cols=len(grid.rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(grid.rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            run = cell.paragraphs[0].add_run(text)
            run.bold = (r == 0) if grid.labels == "row" else (c == 0)
    document.add_paragraph()
