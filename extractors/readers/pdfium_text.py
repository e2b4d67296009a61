"""Characters of a PDF page as PDFium reads them, for pages pdfminer reads as (nearly) empty.

Some producers set the font in one text object and draw with it in the next; the
font is graphics state and stays set, and PDFium reads such pages, but pdfminer
(under pdfplumber) finds no characters at all. Those pages must not be taken for
scans: their text layer is exact, OCR would only blur it.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.readers.layout import Char


def pdfium_char_count(page: pdfium.PdfPage) -> int:
    """How many visible characters PDFium finds on the page: cheap, no boxes."""
    return sum(not c.isspace() for c in page.get_textpage().get_text_range())


def pdfium_chars(page: pdfium.PdfPage) -> list[Char]:
    """The page's characters as pdfplumber-shaped dicts (top-left origin, in points)."""
    height = page.get_size()[1]
    textpage = page.get_textpage()
    chars: list[Char] = []
    for i in range(textpage.count_chars()):
        text = textpage.get_text_range(i, 1)
        if not text or text in "\r\n":
            continue
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        size = float(pdfium_c.FPDFText_GetFontSize(textpage, i)) or (top - bottom)
        chars.append({"text": text, "x0": left, "x1": right, "top": height - top, "bottom": height - bottom,
                      "size": size, "upright": True})
    return chars
