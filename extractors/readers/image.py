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
from extractors.readers.ocr_text import is_cjk

register_heif_opener()  # phones send HEIC photos; Pillow opens them from here on

MIN_PAGE_PIXELS = 500 * 700
"""Below this an image is a logo, an icon or a signature, not a page (a poor fax still passes)."""
MIN_SIDE = 450
MIN_LETTERS = 40
HAN_LETTERS = 3
"""A Han character says about as much as this many letters of an alphabet (a word is one or two of them):
a Chinese letter's last page, its signatory's name and title and a copy line, is a page too."""
A4_WIDTH_POINTS = 595.0


def _page_size(image: Image.Image) -> tuple[float, float]:
    """The picture's size in points: from its DPI, else as if it were A4 wide."""
    dpi = image.info.get("dpi")
    if dpi and dpi[0] and float(dpi[0]) > 1:
        return image.width * 72 / float(dpi[0]), image.height * 72 / float(dpi[1] or dpi[0])
    scale = A4_WIDTH_POINTS / image.width
    return A4_WIDTH_POINTS, image.height * scale


def _letters(text: str) -> int:
    return sum(HAN_LETTERS if is_cjk(char) else 1 for char in text if char.isalpha())


def read_image(name: str, data: bytes) -> Document | None:
    """OCR every frame that is page-sized (a TIFF's pages, a fax); None when nothing in it reads as a letter.

    A last page holding only the signature and the signatory's name has few
    letters, but it belongs to the letter: the test is on the whole file.
    """
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
        pages.append(ocr_page(frame, len(pages) + 1, *_page_size(frame)))
    if sum(_letters(page.text) for page in pages) < MIN_LETTERS:
        return None
    return Document(name=name, kind="image", pages=pages, data=data)
