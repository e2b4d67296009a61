"""What a file is, from its first bytes: mail declares types carelessly."""

from __future__ import annotations

import io
import zipfile
from typing import Literal

Format = Literal["pdf", "docx", "image", "zip", "msg", "tnef", "doc", "odt", "rtf"]
"""Documents (pdf, docx, image), containers of files (zip, msg, tnef) and the office
formats that are read through a converter (doc, odt, rtf)."""

_IMAGE_MAGIC: tuple[bytes, ...] = (
    b"\xff\xd8\xff",  # JPEG
    b"\x89PNG\r\n\x1a\n",
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
    b"GIF87a",
    b"GIF89a",
    b"BM",
)
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif")
"""ISO base media 'ftyp' brands of HEIF/HEIC and AVIF pictures (phone photos)."""
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TNEF_MAGIC = b"\x78\x9f\x3e\x22"
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"


def _zip_kind(data: bytes) -> Format | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "[Content_Types].xml" in names:
                return None  # a spreadsheet or a slide deck, not a letter nor an archive
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                mimetype = archive.read("mimetype").strip()
                return "odt" if mimetype.startswith(_ODF_TEXT) else None
            return "zip"
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError,
            NotImplementedError):
        return "docx" if b"word/" in data[:4096] else "zip"


def _ole_kind(data: bytes) -> Format | None:
    """An OLE2 compound file: an Outlook message or a legacy Word document."""
    head = data[:1 << 20]
    if "__substg1.0_".encode("utf-16-le") in head or b"_\x00_\x00s\x00u\x00b\x00" in head:
        return "msg"
    if "WordDocument".encode("utf-16-le") in head:
        return "doc"
    return None


def sniff(data: bytes) -> Format | None:
    """The file's format by magic bytes, None for anything else.

    Containers first: a ZIP or winmail.dat holding a PDF shows '%PDF-' early too."""
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    if data.startswith(OLE2_MAGIC):
        return _ole_kind(data)
    if data.startswith(TNEF_MAGIC):
        return "tnef"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.lstrip()[:5] == b"{\\rtf":
        return "rtf"
    if data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "image"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "image"
    return None
