"""Document readers: attachment or mail body bytes in, a Document with logical-order text out.

Each reader fills pages with text in reading order, tables as rows of cells
and words with boxes; the signature evidence is left to the signature
reader. Containers (ZIP, Outlook .msg, winmail.dat) are opened before
reading (`unpack`), so that what they hold is read like any attachment.
"""

from __future__ import annotations

from extractors.model import Attachment, Document, UnreadableDocument
from extractors.readers.body import read_body
from extractors.readers.containers import unpack
from extractors.readers.image import read_image
from extractors.readers.office import office_to_pdf
from extractors.readers.pdf import read_pdf
from extractors.readers.sniff import OLE2_MAGIC, sniff
from extractors.readers.word import read_docx

__all__ = ["read_attachment", "read_body", "unpack"]

_DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".odt", ".rtf")
_UNSUPPORTED_SUFFIXES = (".pages", ".wpd", ".hwp", ".xps", ".oxps", ".djvu", ".7z", ".rar",
                         ".xls", ".xlsx", ".ppt", ".pptx", ".ods", ".odp")
"""Documents and archives people send that the bot does not read."""


def read_attachment(attachment: Attachment) -> Document | None:
    """Read one attachment by what its bytes are, not what the mail calls it.

    None for parts that cannot be letters (calendar files, logos, empty
    images); UnreadableDocument for files that claim to be documents but
    are encrypted, damaged or of a kind the bot does not read.
    """
    name = attachment.filename or "attachment"
    kind = sniff(attachment.data)
    if kind == "pdf":
        return read_pdf(name, attachment.data)
    if kind == "docx":
        return read_docx(name, attachment.data)
    if kind == "image":
        return read_image(name, attachment.data)
    if kind in ("doc", "odt", "rtf"):
        return read_pdf(name, office_to_pdf(kind, attachment.data))
    declared = f"{name.lower()} {attachment.content_type.lower()}"
    if name.lower().endswith(_DOCUMENT_SUFFIXES) or any(
            word in declared for word in ("pdf", "wordprocessingml", "msword", "opendocument")):
        raise UnreadableDocument("the file is damaged, or not the kind of document its name says")
    if attachment.data.startswith(OLE2_MAGIC):
        raise UnreadableDocument("the Office file is damaged, or of a kind that is not supported")
    if name.lower().endswith(_UNSUPPORTED_SUFFIXES):
        raise UnreadableDocument(f"the format ({name.rsplit('.', 1)[-1]}) is not supported")
    return None
