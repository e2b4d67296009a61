"""Signature evidence for one letter: placeholder, digital, or handwritten ink.

The order matters: a template placeholder means unsigned whatever else is
on the page; a PDF with an embedded signature is judged by it; otherwise
the signature block is searched for ink or a signature picture, in the way
the document's kind allows.
"""

from __future__ import annotations

import re

from extractors.model import Attachment, Document, SignatureEvidence
from extractors.signature.html_image import html_signature
from extractors.signature.placeholder import find_placeholder
from extractors.signature.signed_bytes import may_hold_signature

__all__ = ["find_signature"]

HTML = re.compile(r"<\s*(html|body|p|div|img|br|table)\b", re.IGNORECASE)


def find_signature(document: Document, attachments: tuple[Attachment, ...]) -> SignatureEvidence:
    """What signs this letter, if anything; attachments resolve cid: images of a body letter.
    (pyHanko, OpenCV and python-docx are imported here, when a letter needs them: pyHanko
    only for a PDF whose bytes may hold a signature.)"""
    from extractors.signature.docx_image import docx_signature
    from extractors.signature.handwritten import handwritten_signature

    placeholder = find_placeholder(document.text)
    if placeholder:
        return SignatureEvidence(
            kind="none", placeholder=True, detail=f"the template placeholder is still there: {placeholder}"
        )
    if document.kind in ("pdf", "scan"):
        digital = _digital_signature(document.data)
        if digital is not None and digital.kind == "digital":
            return digital
        handwritten = handwritten_signature(document)
        if digital is not None and handwritten.kind == "none":
            # a signature field with nothing usable in it, and no ink: a person decides
            return SignatureEvidence(kind="none", certain=False,
                                     detail=f"{digital.detail}; {handwritten.detail}")
        return handwritten
    if document.kind == "image":
        return handwritten_signature(document)
    if document.kind == "docx":
        return docx_signature(document.data)
    body = document.data.decode("utf-8", errors="replace")
    if HTML.search(body):
        return html_signature(body, attachments)
    return SignatureEvidence(kind="none", detail="a plain-text mail body cannot carry a handwritten signature")


def _digital_signature(data: bytes) -> SignatureEvidence | None:
    """pyHanko's evidence of the PDF's embedded signatures; None when it has none."""
    if not may_hold_signature(data):
        return None
    from extractors.signature.digital import digital_signature

    return digital_signature(data)
