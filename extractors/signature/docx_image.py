"""Signature pictures in Word letters: an inline drawing in the signature block.

Letterhead emblems live in the header part, not in the body, and a picture
above the closing formula (a logo in the body) does not sign anything, so
only drawings in the paragraphs after the closing formula count.
"""

from __future__ import annotations

import io
import zipfile

from docx import Document as open_docx
from docx.oxml.ns import qn

from extractors.model import SignatureEvidence
from extractors.signature.block import CLOSING_PATTERN
from extractors.signature.placeholder import fold

BLOCK_PARAGRAPHS = 8
"""How many paragraphs after the closing formula make up the signature block."""

PICTURE_TAGS = (qn("w:drawing"), qn("w:pict"))


def docx_signature(data: bytes) -> SignatureEvidence:
    """A picture in the block after the closing formula: handwritten; none otherwise."""
    try:
        body = open_docx(io.BytesIO(data)).element.body
    except (ValueError, KeyError, zipfile.BadZipFile) as error:
        return SignatureEvidence(certain=False, detail=f"the Word file cannot be opened: {error}")
    paragraphs = list(body.iter(qn("w:p")))
    texts = [fold("".join(t.text or "" for t in p.iter(qn("w:t")))) for p in paragraphs]
    closing = max((i for i, text in enumerate(texts) if CLOSING_PATTERN.search(text)), default=None)
    start = closing if closing is not None else max(0, len(paragraphs) - BLOCK_PARAGRAPHS)
    for index in range(start, min(len(paragraphs), start + BLOCK_PARAGRAPHS + 1)):
        if any(next(paragraphs[index].iter(tag), None) is not None for tag in PICTURE_TAGS):
            where = "after the closing formula" if closing is not None else "near the end of the letter"
            return SignatureEvidence(
                kind="handwritten",
                valid=True,
                certain=closing is not None,
                detail=f"signature picture in paragraph {index + 1}, {where}",
            )
    return SignatureEvidence(
        kind="none",
        certain=closing is not None,
        detail="no picture in the signature block" if closing is not None else "no closing formula and no picture near the end",
    )
