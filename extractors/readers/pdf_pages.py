"""pdfplumber pages whose characters cost no more than pdfminer's parse of them.

pdfplumber turns every object pdfminer lays out into a dict of all its
attributes, each resolved through the PDF's object references, with its
colours and colour spaces decoded: for a page of text this costs about as
much as pdfminer's parse itself, and the readers use a character's text,
box and size only. These pages record exactly that for characters and
leave every other object (pictures, curves, lines and rectangles, hence
ruled tables) to pdfplumber as it is. A page is parsed once: its
characters, graphics and tables all come from the same parse.
"""

from __future__ import annotations

from typing import Any

import pdfplumber
from pdfplumber.pdf import PDF
from pdfminer.layout import LTChar, LTItem
from pdfminer.pdfpage import PDFPage


class LeanCharPage(pdfplumber.page.Page):
    """A pdfplumber page whose characters carry their text, box, size, font and orientation only."""

    def process_object(self, obj: LTItem) -> dict[str, Any]:
        if not isinstance(obj, LTChar):
            record: dict[str, Any] = super().process_object(obj)
            return record
        left, top = float(self.mediabox[0]), float(self.mediabox[1])  # pdfminer's boxes start at the mediabox
        return {
            "object_type": "char",
            "page_number": self.page_number,
            "text": obj.get_text(),
            "fontname": obj.fontname,
            "size": obj.size,
            "upright": obj.upright,
            "x0": obj.x0 + left,
            "x1": obj.x1 + left,
            "y0": obj.y0,
            "y1": obj.y1,
            "width": obj.width,
            "height": obj.height,
            "top": self.height - obj.y1 + top,
            "bottom": self.height - obj.y0 + top,
            "doctop": self.initial_doctop + self.height - obj.y1 + top,
        }


def lean_pages(pdf: PDF) -> list[LeanCharPage]:
    """The document's pages, in order, as LeanCharPage."""
    pages: list[LeanCharPage] = []
    doctop = 0.0
    for number, page in enumerate(PDFPage.create_pages(pdf.doc), start=1):
        pages.append(LeanCharPage(pdf, page, page_number=number, initial_doctop=doctop))
        doctop += float(pages[-1].height)
    return pages
