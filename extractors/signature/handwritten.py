"""Handwritten signatures in the signature block: from a PDF's objects, else from the rendered page.

A PDF page that is not a scan is judged from what it draws (objects.py):
no rendering and no stamp search unless something in the block needs
pixels to tell a stamp from ink. Scans, photos and those undecided blocks
are rendered and their ink judged (ink.py, stamp.py).
"""

from __future__ import annotations

import io

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageOps

from extractors.model import Document, Page, SignatureEvidence
from extractors.readers.orientation import skew_angle
from extractors.signature.block import Block, Box, locate_blocks
from extractors.signature.clear_block import clearly_read
from extractors.signature.ink import PixelBox, judge_ink
from extractors.signature.objects import is_drawn_page, object_evidence
from extractors.signature.read_print import read_print

RENDER_SCALE = 1.5
"""108 dpi: print lines about 16 px tall, enough to tell strokes from letters."""
STAMP_CONTEXT = 7
"""Print-line heights looked at around the block: the largest stamp's radius."""


def page_raster(document: Document, page: Page) -> np.ndarray | None:
    """The page as an RGB array, or None when the bytes cannot be drawn.

    A picture's page is the one OCR read (a photo's sheet flattened, a TIFF's
    own frame, turned upright): its word boxes, which place the block, are
    in that frame and not in the file's. A scanned PDF's page is drawn again
    at the rendering's resolution, which the thresholds expect (OCR read it
    in grey, larger and straightened: its word boxes are moved back by the tilt, _into_rendering).
    """
    if page.image is not None and document.kind == "image":
        return page.image
    try:
        if document.kind in ("pdf", "scan"):
            pdf = pdfium.PdfDocument(document.data)
            try:
                image = pdf[document.pages.index(page)].render(scale=RENDER_SCALE).to_pil()
            finally:
                pdf.close()
        elif document.kind == "image":
            image = ImageOps.exif_transpose(Image.open(io.BytesIO(document.data)))
        else:
            return None
    except Exception:  # noqa: BLE001 - an undrawable page simply shows no signature
        return None
    return np.asarray(image.convert("RGB"))


def handwritten_signature(document: Document) -> SignatureEvidence:
    """Ink in the signature block: handwritten, none, or handwritten but uncertain.

    A block split by a page break is judged in both parts; the strongest evidence speaks.
    """
    blocks = locate_blocks(document.pages)
    if not blocks:
        return SignatureEvidence(certain=False, detail="no text to locate a signature block by")
    return max((_judge_block(document, block) for block in blocks), key=_strength)


def _strength(evidence: SignatureEvidence) -> int:
    """Certain ink first, then unsure ink, then doubt, then a certain absence."""
    if evidence.kind == "handwritten":
        return 3 if evidence.certain else 2
    return 0 if evidence.certain else 1


def _judge_block(document: Document, block: Block) -> SignatureEvidence:
    """Ink in one block (or one part of a block split by a page break): from the PDF's objects when they
    settle it, else from the rendered page.

    No ink on a phone photo is a certain absence only when its block was clearly read
    (clear_block.py): glare and uneven light wash out a thin pen stroke, and then a person
    looks rather than a signed letter being told it is unsigned."""
    if document.kind in ("pdf", "scan") and is_drawn_page(block.page):
        evidence = object_evidence(document, block)
        if evidence is not None:
            return evidence
    raster = page_raster(document, block.page)
    if raster is None:
        return SignatureEvidence(certain=False, detail="the page could not be rendered")
    scale = raster.shape[1] / block.page.width
    line_px = block.text_height * scale
    inner = _to_pixels(block.box, scale, raster.shape)
    if inner[2] <= inner[0] or inner[3] <= inner[1]:
        return SignatureEvidence(certain=False, detail="the signature block lies outside the page image")
    # a stamp may stick out of the block: look at it whole
    pad = int(STAMP_CONTEXT * line_px)
    x0, y0 = max(0, inner[0] - pad), max(0, inner[1] - pad)
    x1, y1 = min(raster.shape[1], inner[2] + pad), min(raster.shape[0], inner[3] + pad)
    around = raster[y0:y1, x0:x1]
    crop = raster[inner[1] : inner[3], inner[0] : inner[2]]
    printed = _printed(block.page, scale, raster.shape, (x0, y0, x1, y1))
    tilt = _tilt(document, block.page, raster)
    read = _in_area(_into_rendering(read_print(block.page, block.text_height), tilt, block.page), scale,
                    raster.shape, (x0, y0, x1, y1))
    in_crop = (inner[0] - x0, inner[1] - y0, inner[2] - x0, inner[3] - y0)
    verdict = judge_ink(around, line_px, printed, in_crop, read, tilt)
    detail = f"page {block.page.number}, block {_where(block)}: {verdict.detail}"
    if verdict.verdict in ("absent", "unclear"):
        return _no_ink(block, verdict.verdict == "absent" and (
            not block.page.photographed or clearly_read(around, line_px, in_crop, read)), detail, crop)
    assert verdict.box is not None
    bx0, by0, bx1, by1 = verdict.box
    found: Box = ((bx0 + x0) / scale, (by0 + y0) / scale, (bx1 + x0) / scale, (by1 + y0) / scale)
    margin = int(line_px)
    shown = around[max(0, by0 - margin) : by1 + margin, max(0, bx0 - margin) : bx1 + margin]
    return SignatureEvidence(
        kind="handwritten",
        valid=True,
        certain=verdict.verdict == "present",
        page=block.page.number,
        box=found,
        detail=detail,
        crop_png=_png(shown),
    )


def _no_ink(block: Block, clear: bool, detail: str, crop: np.ndarray) -> SignatureEvidence:
    """No ink strokes in the block: unsigned when the block was found by its closing and is clearly empty."""
    if not clear and block.page.photographed and "marks taller" not in detail:
        detail = f"{detail}; but the photo's block is not clearly read"
    return SignatureEvidence(kind="none", certain=block.anchored and clear, page=block.page.number, detail=detail,
                             crop_png=_png(crop))


def _tilt(document: Document, page: Page, raster: np.ndarray) -> float:
    """Degrees OCR turned a scanned PDF's page by to straighten it (measured again on the rendering, the same
    way); 0 for a page whose raster is the one OCR read, or that was not OCRed."""
    if page.ocr_confidence is None or (page.image is not None and document.kind == "image"):
        return 0.0
    return skew_angle(cv2.cvtColor(raster, cv2.COLOR_RGB2GRAY))


def _into_rendering(boxes: list[Box], tilt: float, page: Page) -> list[Box]:
    """Boxes of the straightened page OCR read, moved to where their words lie on the page as drawn (turned
    back by the tilt about the page's centre). The rendering itself is not turned: resampling would
    blur thin pen strokes. Boxes a tilt off would blank half a line of print and leave the rest to
    pass for strokes."""
    if abs(tilt) < 0.1:
        return boxes
    back = cv2.getRotationMatrix2D((page.width / 2, page.height / 2), -tilt, 1.0)
    moved = []
    for x0, y0, x1, y1 in boxes:
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        dx, dy = back @ np.array([cx, cy, 1.0]) - (cx, cy)
        moved.append((x0 + dx, y0 + dy, x1 + dx, y1 + dy))
    return moved


def _printed(page: Page, scale: float, shape: tuple[int, ...], area: PixelBox) -> list[PixelBox] | None:
    """The boxes of a text layer's words inside `area`, in its pixels: they are print, not ink.
    None for an OCRed page, whose word boxes are not trusted (OCR reads signatures as words)."""
    if page.ocr_confidence is not None:
        return None
    return _in_area([word.box for word in page.words], scale, shape, area)


def _in_area(boxes: list[Box], scale: float, shape: tuple[int, ...], area: PixelBox) -> list[PixelBox]:
    """The boxes (page units) that reach into `area`, in its pixels."""
    x0, y0, x1, y1 = area
    inside = []
    for box in boxes:
        wx0, wy0, wx1, wy1 = _to_pixels(box, scale, shape)
        if wx1 > x0 and wx0 < x1 and wy1 > y0 and wy0 < y1:
            inside.append((max(0, wx0 - x0), max(0, wy0 - y0), wx1 - x0, wy1 - y0))
    return inside


def _where(block: Block) -> str:
    return ("continued over the page break" if block.continued
            else "under the closing formula" if block.anchored
            else "in the lower part of the last page")


def _to_pixels(box: Box, scale: float, shape: tuple[int, ...]) -> PixelBox:
    height, width = shape[0], shape[1]
    return (
        max(0, int(box[0] * scale)),
        max(0, int(box[1] * scale)),
        min(width, int(round(box[2] * scale))),
        min(height, int(round(box[3] * scale))),
    )


def _png(rgb: np.ndarray) -> bytes | None:
    if rgb.size == 0:
        return None
    ok, encoded = cv2.imencode(".png", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    return encoded.tobytes() if ok else None
