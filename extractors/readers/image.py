"""Pictures of letters (flatbed scans, phone photos), and the pictures that are not letters.

Mails carry logos and signature images too; they are small or hold almost
no text, and are not documents.
"""

from __future__ import annotations

import io

from PIL import Image, ImageSequence, UnidentifiedImageError
from pillow_heif import register_heif_opener

from extractors.model import Document, Page, UnreadableDocument
from extractors.readers.ocr import ocr_page

register_heif_opener()  # phones send HEIC photos; Pillow opens them from here on

MIN_PAGE_PIXELS = 500 * 700
"""Below this an image is a logo, an icon or a signature, not a page (a poor fax still passes)."""
MIN_SIDE = 450
MIN_LETTERS = 40
A4_WIDTH_POINTS = 595.0


def _page_size(image: Image.Image) -> tuple[float, float]:
    """The picture's size in points: from its DPI, else as if it were A4 wide."""
    dpi = image.info.get("dpi")
    if dpi and dpi[0] and float(dpi[0]) > 1:
        return image.width * 72 / float(dpi[0]), image.height * 72 / float(dpi[1] or dpi[0])
    scale = A4_WIDTH_POINTS / image.width
    return A4_WIDTH_POINTS, image.height * scale


def read_image(name: str, data: bytes) -> Document | None:
    """OCR every frame that is page-sized; None when nothing in it reads as a letter."""
    try:
        image = Image.open(io.BytesIO(data))
        frames = [frame.copy() for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise UnreadableDocument(f"the image cannot be decoded ({error})") from error
    pages: list[Page] = []
    for frame in frames:
        if frame.width * frame.height < MIN_PAGE_PIXELS or min(frame.size) < MIN_SIDE:
            continue
        frame.info.setdefault("dpi", image.info.get("dpi"))
        page = ocr_page(frame, len(pages) + 1, *_page_size(frame))
        if sum(c.isalpha() for c in page.text) >= MIN_LETTERS:
            pages.append(page)
    if not pages:
        return None
    return Document(name=name, kind="image", pages=pages, data=data)
