"""Signature pictures in Word letters: a picture in the signature block.

Letterhead emblems live in the header part, not in the body, and a picture
above the closing formula (a logo in the body) does not sign anything, so
only pictures (inline or floating) after the closing formula count, or,
when no closing formula is recognised, those beside the signatory's name.
A picture that is only a stamp, a seal or an emblem does not sign alone.
"""

from __future__ import annotations

import io
import zipfile

import numpy as np
from docx import Document as open_docx
from docx.oxml.ns import qn
from PIL import Image, UnidentifiedImageError

from extractors.model import SignatureEvidence
from extractors.signature.closing import is_closing
from extractors.signature.pictures import PictureKind, judge_picture

BLOCK_PARAGRAPHS = 8
"""How many paragraphs after the closing formula make up the signature block."""
NAME_REACH = 3
"""Paragraphs above and below the signatory's name where a signature picture may sit."""

PICTURE_TAGS = (qn("w:drawing"), qn("w:pict"))
REFERENCES = ((qn("a:blip"), qn("r:embed")), ("{urn:schemas-microsoft-com:vml}imagedata", qn("r:id")))
"""Where a drawing (DrawingML or legacy VML) names its image part."""


def docx_signature(data: bytes) -> SignatureEvidence:
    """A signature picture in the block after the closing (or beside the name): handwritten; none otherwise."""
    try:
        word = open_docx(io.BytesIO(data))
    except (ValueError, KeyError, zipfile.BadZipFile) as error:
        return SignatureEvidence(certain=False, detail=f"the Word file cannot be opened: {error}")
    paragraphs = list(word.element.body.iter(qn("w:p")))
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paragraphs]
    closing = max((i for i, text in enumerate(texts) if is_closing(text)), default=None)
    name = _name_paragraph(texts) if closing is None else None
    if closing is not None:
        window, where = range(closing, closing + BLOCK_PARAGRAPHS + 1), "after the closing formula"
    elif name is not None:
        window, where = range(name - NAME_REACH, name + NAME_REACH + 1), "beside the signatory's name"
    else:
        start = max(0, len(paragraphs) - BLOCK_PARAGRAPHS)
        window, where = range(start, len(paragraphs)), "near the end of the letter"
    anchored = closing is not None or name is not None
    seen: list[PictureKind] = []
    for index in window:
        if not 0 <= index < len(paragraphs) or not _has_picture(paragraphs[index]):
            continue
        kinds = [_picture_kind(blob) for blob in _pictures(word, paragraphs[index])] or ["unknown"]
        seen += kinds
        if any(kind in ("strokes", "unknown") for kind in kinds):
            return SignatureEvidence(
                kind="handwritten", valid=True, certain=anchored,
                detail=f"signature picture in paragraph {index + 1}, {where}",
            )
    if seen:
        return SignatureEvidence(
            kind="none", certain=False,
            detail=f"only a stamp or an emblem in the signature block ({', '.join(seen)}), {where}",
        )
    return SignatureEvidence(
        kind="none",
        certain=anchored,
        detail="no picture in the signature block" if anchored else "no closing formula and no picture near the end",
    )


def _name_paragraph(texts: list[str]) -> int | None:
    """The last paragraph holding the signatory's name, read from the letter's text."""
    from extractors.fields.signatory import find_signatory  # the fields package imports this one's helpers

    name = find_signatory("\n".join(texts)).name
    if not name:
        return None
    return max((i for i, text in enumerate(texts) if name in text), default=None)


def _has_picture(paragraph: object) -> bool:
    return any(next(paragraph.iter(tag), None) is not None for tag in PICTURE_TAGS)  # type: ignore[attr-defined]


def _pictures(word: object, paragraph: object) -> list[bytes]:
    """The image bytes a paragraph's drawings refer to."""
    related = word.part.related_parts  # type: ignore[attr-defined]
    blobs = []
    for tag, attribute in REFERENCES:
        for element in paragraph.iter(tag):  # type: ignore[attr-defined]
            part = related.get(element.get(attribute))
            if part is not None:
                blobs.append(part.blob)
    return blobs


def _picture_kind(blob: bytes) -> PictureKind:
    """What the picture shows; unknown when it cannot be decoded (EMF, WMF ...)."""
    try:
        image = Image.open(io.BytesIO(blob)).convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError):
        return "unknown"
    return judge_picture(np.asarray(image))
