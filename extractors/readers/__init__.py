"""Document readers: attachment or mail body bytes in, a Document with logical-order text out.

Each reader fills pages with text in reading order, tables as rows of cells
and words with boxes; the signature evidence is left to the signature
reader.
"""

from __future__ import annotations

from extractors.model import Attachment, Document, UnreadableDocument
from extractors.readers.body import read_body
from extractors.readers.sniff import sniff

__all__ = ["read_attachment", "read_body"]

_DOCUMENT_SUFFIXES = (".pdf", ".docx")


def read_attachment(attachment: Attachment) -> Document | None:
    """Read one attachment by what its bytes are, not what the mail calls it.

    None for parts that cannot be letters (calendar files, logos, empty
    images); UnreadableDocument for files that claim to be documents but
    are encrypted, damaged or of an unreadable kind (a legacy .doc).
    The readers are imported when a letter needs them (OpenCV, Tesseract, pdfplumber are slow to load).
    """
    from extractors.readers.image import read_image
    from extractors.readers.pdf import read_pdf
    from extractors.readers.word import read_docx

    name = attachment.filename or "attachment"
    kind = sniff(attachment.data)
    if kind == "pdf":
        return read_pdf(name, attachment.data)
    if kind == "docx":
        return read_docx(name, attachment.data)
    if kind == "image":
        return read_image(name, attachment.data)
    declared = f"{name.lower()} {attachment.content_type.lower()}"
    if name.lower().endswith(_DOCUMENT_SUFFIXES) or "pdf" in declared or "wordprocessingml" in declared:
        raise UnreadableDocument(f"{name} is not a readable PDF or Word file")
    if name.lower().endswith((".doc", ".odt", ".rtf")) or "msword" in declared:
        raise UnreadableDocument(f"{name} is in a format the bot cannot read; please send a PDF")
    return None
