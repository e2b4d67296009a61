"""PDF letters: the text layer where it is good, OCR where it is empty or garbage.

pypdfium2 opens the file first because it tells an encrypted file from a
damaged one cleanly, and stays open for what it does cheaply (counting a
page's characters, rendering); pdfplumber then parses each page once for its
characters with positions, its pictures and strokes, and its ruled tables
(pdf_pages). Pages whose text layer cannot be trusted (a scan, or a font
without a usable Unicode map) are rendered and read by Tesseract, two at a
time.
"""

from __future__ import annotations

import io
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
from PIL import Image

from extractors.model import Document, Graphic, GraphicKind, Page, UnreadableDocument
from extractors.readers.ahead import taken
from extractors.readers.bidi import rtl_share
from extractors.readers.cells import cell_text
from extractors.readers.layout import Char, build_lines
from extractors.readers.pdf_pages import lean_pages
from extractors.readers.pdfium_text import pdfium_char_count, pdfium_chars
from extractors.readers.running_lines import without_running_lines

_MIN_LETTERS = 20
_MAX_BAD_SHARE = 0.2
_GARBLED_GLYPHS = 2
"""Unmapped glyphs ('(cid:57)') that make a line unreadable (one may be a bullet or a symbol)."""
_GARBLED_LINES = 2
_OCR_DPI = (200.0, 250.0)
_OCR_WORKERS = 2
_SCAN_WITH_TEXT_LETTERS = 300
"""A page-sized picture with fewer typed letters than this is a scan with a stamp or footer typed on."""


def _open_checked(data: bytes) -> pdfium.PdfDocument:
    """The document opened by PDFium, or UnreadableDocument saying why the file cannot be opened."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise UnreadableDocument("the PDF is password-protected (encrypted)") from error
        raise UnreadableDocument(f"the PDF is damaged or incomplete ({error})") from error
    if len(document) == 0:
        document.close()
        raise UnreadableDocument("the PDF has no pages")
    return document


def _is_bad(char: str) -> bool:
    category = unicodedata.category(char)
    return char == "\ufffd" or category in ("Co", "Cn", "Cc")


def text_layer_is_usable(text: str) -> bool:
    """A text layer worth trusting: enough letters, little private-use or unmapped noise, and no
    lines garbled by glyphs without a Unicode value: a font may lose its map for some glyphs
    only (a shaped Arabic run, a second page), leaving a name or the signatory unreadable
    among good lines."""
    visible = [c for c in text if not c.isspace()]
    letters = sum(1 for c in visible if c.isalpha())
    bad = sum(1 for c in visible if _is_bad(c)) + 5 * text.count("(cid:")
    garbled = sum(line.count("(cid:") >= _GARBLED_GLYPHS for line in text.splitlines())
    return letters >= _MIN_LETTERS and bad <= _MAX_BAD_SHARE * len(visible) and garbled < _GARBLED_LINES


def _inside(char: Char, box: tuple[float, float, float, float]) -> bool:
    x: float = (char["x0"] + char["x1"]) / 2
    y: float = (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _tables(page: Any, chars: list[Char], rtl_page: bool, page_text: str) -> list[list[list[str]]]:
    """Ruled tables as rows of cells, label column first even when drawn right to left."""
    tables: list[list[list[str]]] = []
    for table in page.find_tables():
        rows: list[list[str]] = []
        in_table = [c for c in chars if _inside(c, table.bbox)]  # cells look among these only
        for row in table.rows:
            cells = []
            for box in row.cells:
                inside = [c for c in in_table if box is not None and _inside(c, box)]
                cells.append(cell_text(build_lines(inside, rtl_page), box, page_text) if box is not None else "")
            rows.append(cells)
        if rtl_share(" ".join(cell for row in rows for cell in row)) >= 0.5:
            rows = [row[::-1] for row in rows]
        tables.append(rows)
    return tables


def _graphics(page: Any) -> list[Graphic]:
    """The page's pictures, curves and straight strokes, for the signature finder (rectangles are never ink)."""
    found: list[Graphic] = []
    kinds: tuple[tuple[GraphicKind, str], ...] = (("image", "images"), ("curve", "curves"), ("line", "lines"))
    for kind, attribute in kinds:
        for item in getattr(page, attribute):
            path = tuple((float(x), float(y)) for x, y in item.get("pts") or ()) if kind != "image" else ()
            box = (float(item["x0"]), float(item["top"]), float(item["x1"]), float(item["bottom"]))
            found.append(Graphic(kind=kind, box=box, path=path, filled=bool(item.get("fill"))))
    return found


def _text_page(page: Any, pdfium_page: pdfium.PdfPage) -> Page:
    chars: list[Char] = [c for c in page.chars if c["upright"]]
    if pdfium_char_count(pdfium_page) > 1.5 * len(chars) + _MIN_LETTERS:
        chars = pdfium_chars(pdfium_page)  # what pdfminer missed (see pdfium_text)
    rtl_page = rtl_share("".join(c["text"] for c in chars)) >= 0.5
    lines = build_lines(chars, rtl_page)
    text = "\n".join(line.text for line in lines)
    return Page(
        number=page.page_number,
        text=text,
        tables=_tables(page, chars, rtl_page, text),
        words=[word for line in lines for word in line.words],
        width=float(page.width),
        height=float(page.height),
        graphics=_graphics(page),
    )


def _page_images(page: Any) -> list[dict[str, Any]]:
    """Pictures covering most of the page: a scan, possibly under a thin text layer."""
    area = float(page.width * page.height)
    return [
        image for image in page.images
        if (image["x1"] - image["x0"]) * (image["bottom"] - image["top"]) > 0.5 * area
    ]


def _needs_ocr(page: Any, text: str) -> bool:
    """An unusable text layer, or a page-sized picture with only a few typed words on it."""
    if not text_layer_is_usable(text):
        return True
    return bool(_page_images(page)) and sum(c.isalpha() for c in text) < _SCAN_WITH_TEXT_LETTERS


def _render_dpi(page: Any) -> float:
    """The resolution of the page's scan image (no point rendering finer), within bounds."""
    resolutions = [
        image["srcsize"][0] * 72.0 / max(1.0, float(image["x1"] - image["x0"]))
        for image in _page_images(page)
    ]
    low, high = _OCR_DPI
    return min(high, max(low, max(resolutions))) if resolutions else high


def _render(document: pdfium.PdfDocument, wanted: dict[int, float]) -> list[tuple[Image.Image, int, float, float]]:
    """Page images to OCR (pdfium is not thread-safe, so this stays on one thread)."""
    rendered = []
    for index, dpi in wanted.items():
        page = document[index]
        width, height = page.get_size()
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        rendered.append((image, index + 1, float(width), float(height)))
    return rendered


def _read_pages(data: bytes, document: pdfium.PdfDocument) -> tuple[list[Page], dict[int, float]]:
    """The text layer of every page, and the pages to OCR with the resolution to render them at."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            plumbed = lean_pages(pdf)
            pages = [_text_page(page, document[page.page_number - 1]) for page in plumbed]
            to_ocr = {
                page.number - 1: _render_dpi(plumbed[page.number - 1])
                for page in pages
                if _needs_ocr(plumbed[page.number - 1], page.text)
            }
    except UnreadableDocument:
        raise
    except Exception as error:  # pdfminer raises many kinds of errors on broken files
        raise UnreadableDocument(f"the PDF cannot be read ({type(error).__name__}: {error})") from error
    return pages, to_ocr


def text_layer(data: bytes) -> list[Page] | None:
    """Every page of a PDF as `read_pdf` reads it when none needs OCR; None when one does
    (what a process that reads PDFs ahead of their reader hands over)."""
    document = _open_checked(data)
    try:
        pages, to_ocr = _read_pages(data, document)
    finally:
        document.close()
    return None if to_ocr else without_running_lines(pages)


def read_pdf(name: str, data: bytes) -> Document:
    """Every page of a PDF in reading order; kind 'scan' when any page needed OCR. Pages
    read ahead by another process (extractors.readers.ahead) are taken as they are."""
    ahead = taken(data)
    if ahead is not None:
        return Document(name=name, kind="pdf", pages=ahead, data=data)
    document = _open_checked(data)
    try:
        pages, to_ocr = _read_pages(data, document)
        rendered = _render(document, to_ocr)
    finally:
        document.close()
    if to_ocr:
        from extractors.readers.ocr import ocr_page  # OpenCV and Tesseract: for a scan only

        with ThreadPoolExecutor(max_workers=_OCR_WORKERS) as pool:
            for page in pool.map(lambda job: ocr_page(*job), rendered):
                page.graphics = pages[page.number - 1].graphics
                pages[page.number - 1] = page
    return Document(name=name, kind="scan" if to_ocr else "pdf", pages=without_running_lines(pages), data=data)
