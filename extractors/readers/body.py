"""The mail body as a document: letters are sometimes typed straight into the mail.

HTML keeps its line structure (paragraphs, line breaks, list items and
table rows each start a line) and its tables become rows of cells, so the
field parser sees the same shapes as in a PDF letter.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from extractors.model import Attachment, Document, Page

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody thead tfoot tr ul".split()
)
_SKIPPED_TAGS = frozenset({"script", "style", "head", "title", "template"})
_CELL_TAGS = frozenset({"td", "th"})
CELL_SEPARATOR = "\t"
"""Between the cells of a table row in the page text."""


class _BodyParser(HTMLParser):
    """Collects text lines and tables from HTML, ignoring styling."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.tables: list[list[list[str]]] = []
        self._open_tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self._skipping = 0
        self._pre = 0

    def _break(self) -> None:
        if self.lines[-1].strip():
            self.lines.append("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag == "pre":
            self._pre += 1
        if tag == "table":
            self._open_tables.append([])
        elif tag == "tr" and self._open_tables:
            self._open_tables[-1].append([])
        elif tag in _CELL_TAGS and self._open_tables:
            if not self._open_tables[-1]:
                self._open_tables[-1].append([])
            self._cell = []
            if self._open_tables[-1][-1]:
                self.lines[-1] += CELL_SEPARATOR
        if tag in _BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in _CELL_TAGS and self._cell is not None and self._open_tables:
            self._open_tables[-1][-1].append(" ".join(" ".join(self._cell).split()))
            self._cell = None
        elif tag == "table" and self._open_tables:
            rows = [row for row in self._open_tables.pop() if any(cell for cell in row)]
            if rows:
                self.tables.append(rows)
        if tag in _BLOCK_TAGS and tag != "br":
            self._break()

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        if self._cell is not None:
            self._cell.append(data)
        if self._pre:
            parts = data.split("\n")
            self.lines[-1] += parts[0]
            self.lines.extend(parts[1:])
        else:
            self.lines[-1] += re.sub(r"\s+", " ", data)


def html_to_page(html: str) -> Page:
    """One page holding the HTML's text lines and tables."""
    parser = _BodyParser()
    parser.feed(html)
    parser.close()
    lines = [line.strip(" ") for line in parser.lines]
    return Page(number=1, text="\n".join(line for line in lines if line.strip()), tables=parser.tables)


def text_to_page(text: str) -> Page:
    """A plain body's lines, and the tables its writer pasted as tab-separated rows."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [line.rstrip() for line in raw]
    return Page(number=1, text="\n".join(lines).strip("\n"), tables=tab_tables([line.rstrip(" ") for line in raw]))


def tab_tables(lines: list[str]) -> list[list[list[str]]]:
    """Runs of two or more lines split by tabs into the same number (two or more) of cells: a table
    copied out of a word processor or a spreadsheet into a plain-text mail. A label/value pair
    split by one tab ('Title:\tDr') is a two-cell row like any other; the field parser decides
    what a table holds."""
    tables: list[list[list[str]]] = []
    run: list[list[str]] = []
    for line in [*lines, ""]:
        cells = [cell.strip() for cell in line.split(CELL_SEPARATOR)] if CELL_SEPARATOR in line else []
        if cells and (not run or len(cells) == len(run[0])):
            run.append(cells)
            continue
        if len(run) >= 2:
            tables.append(run)
        run = [cells] if cells else []
    return tables


def read_body(text_body: str, html_body: str, attachments: tuple[Attachment, ...]) -> Document | None:
    """The body as a 'body' document (HTML preferred: it keeps the tables); None when empty.

    `attachments` is part of the shared signature for readers that look at
    the inline images a body refers to; the text reader itself needs none.
    """
    page = html_to_page(html_body) if html_body.strip() else None
    if page is None or not page.text.strip():
        page = text_to_page(text_body) if text_body.strip() else None
    if page is None or not page.text.strip():
        return None
    return Document(name="mail body", kind="body", pages=[page], data=(html_body or text_body).encode())
