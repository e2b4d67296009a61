"""Word letters: paragraphs and tables in the order the writer put them.

python-docx lists paragraphs and tables separately; walking the body's
children keeps a table in its place between the paragraphs around it.
The letterhead often lives in the page header, so headers come first and
footers last.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.document import Document as WordDocument
from docx.table import Table
from docx.text.paragraph import Paragraph

from extractors.model import Document, Page, UnreadableDocument
from extractors.readers.body import CELL_SEPARATOR


def _rows(table: Table) -> list[list[str]]:
    """Rows of cell texts; a merged cell counts once."""
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        seen: list[object] = []
        for cell in row.cells:
            if any(cell._tc is other for other in seen):
                continue
            seen.append(cell._tc)
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        rows.append(cells)
    return rows


def _blocks(parent: object) -> tuple[list[str], list[list[list[str]]]]:
    """Lines and tables of a body, header or footer, in document order."""
    lines: list[str] = []
    tables: list[list[list[str]]] = []
    for block in parent.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(block, Paragraph):
            lines.extend(block.text.split("\n"))
        elif isinstance(block, Table):
            rows = _rows(block)
            tables.append(rows)
            lines.extend(CELL_SEPARATOR.join(row) for row in rows)
    return lines, tables


def _sections(document: WordDocument, part: str) -> list[object]:
    unique: list[object] = []
    for section in document.sections:
        item = getattr(section, part)
        if not item.is_linked_to_previous and all(item._element is not u._element for u in unique):  # type: ignore[attr-defined]
            unique.append(item)
    return unique


def read_docx(name: str, data: bytes) -> Document:
    """A DOCX as one page of text lines and tables (Word has no fixed pages)."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableDocument(f"the Word document is damaged ({error})") from error
    lines: list[str] = []
    tables: list[list[list[str]]] = []
    for part in [*_sections(document, "header"), document, *_sections(document, "footer")]:
        part_lines, part_tables = _blocks(part)
        lines.extend(part_lines)
        tables.extend(part_tables)
    text = "\n".join(line.rstrip() for line in lines if line.strip())
    return Document(name=name, kind="docx", pages=[Page(number=1, text=text, tables=tables)], data=data)
