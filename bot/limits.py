"""What one mail may cost before a person has to look at it instead.

A public mailbox receives whatever the internet sends: decompression bombs,
thousands of attachments, PDFs of a thousand pages, letters that never finish
reading. `over_limit` measures a mail cheaply (headers of images, a PDF's page
count, the unpacked size of its compressed parts, never the whole decoding) and
names the first limit it breaks. (The time budget is kept by bot/reader.py,
which also runs these measurements, in the reader process: a file made to
make measuring slow is held to the budget too.)
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator

from bot.settings import LimitsSettings
from extractors.model import Attachment, Submission
from extractors.readers.containers import UnpackLimits, unpack

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_CHUNK = 1 << 20
_MOST_INFLATED = 1032
"""The most bytes one byte of Flate data unpacks to (a 258-byte repeat coded in two bits)."""


class LimitExceeded(Exception):
    """A mail breaks one of the [limits] settings; the message names the limit."""


class ReadingFailed(Exception):
    """Reading a letter raised or the reader process died; the message says how."""


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _pdf_pages(data: bytes) -> int | None:
    """The page count a PDF declares, or None when its structure cannot be read."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        count = resolve1(resolve1(document.catalog["Pages"])["Count"])
        return int(count)
    except Exception:  # broken PDFs are the readers' business, not a limit
        return None


def _flate_streams(data: bytes) -> Iterator[tuple[int, int]]:
    """Where each Flate stream of a PDF starts and where it ends ('endstream', else the file's end)."""
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - 4096):match.start()]
        if b"FlateDecode" in head[head.rfind(b"obj"):]:
            end = data.find(b"endstream", match.end())
            yield match.end(), end if end >= 0 else len(data)


def _pdf_unpacks_over(data: bytes, budget: int) -> bool:
    """Whether the Flate streams of a PDF unpack to more than `budget` bytes. Nothing is
    unpacked when even the most a stream's bytes can unpack to stays within it (any letter
    of a few hundred kilobytes); otherwise they are unpacked, up to just over `budget`."""
    streams = list(_flate_streams(data))
    if sum(end - start for start, end in streams) * _MOST_INFLATED + _MOST_INFLATED * len(streams) <= budget:
        return False
    total = 0
    for start, end in streams:
        pending = data[start:end]
        inflater = zlib.decompressobj()
        try:
            while pending and not inflater.eof and total <= budget:
                # (past the stream's end, zlib may leave the end of line before 'endstream' as
                # unconsumed_tail for ever: stop at eof, not when the input is used up)
                total += len(inflater.decompress(pending, _CHUNK))
                pending = inflater.unconsumed_tail
        except zlib.error:
            continue
        if total > budget:
            return True
    return False


def _zip_unpacked(data: bytes) -> int | None:
    """What a ZIP container (DOCX) declares its members unpack to (zipfile never reads
    more than declared), or None when it is not a readable ZIP."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _image_pixels(data: bytes) -> int | None:
    """Width x height from an image's header (nothing decoded), or None if not an image."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
        except Image.DecompressionBombError as exc:
            sizes = [int(n) for n in re.findall(r"\d+", str(exc))]
            return sizes[0] if sizes else 2**63
        except Exception:  # not an image, or a broken one: the readers decide
            return None
    return width * height


def _attachment_over(attachment: Attachment, limits: LimitsSettings) -> str | None:
    data, name = attachment.data, repr((attachment.filename or "an attachment")[:80])
    if b"%PDF-" in data[:1024]:
        pages = _pdf_pages(data)
        if pages is not None and pages > limits.max_pages:
            return f"{name} has {pages} pages (limit max_pages = {limits.max_pages})"
        over = _pdf_unpacks_over(data, limits.max_unpacked_bytes)
    elif data.startswith(b"PK\x03\x04"):
        over = (_zip_unpacked(data) or 0) > limits.max_unpacked_bytes
    else:
        pixels = _image_pixels(data)
        if pixels is not None and pixels > limits.max_image_pixels:
            return (f"{name} is an image of {pixels:,} pixels "
                    f"(limit max_image_pixels = {limits.max_image_pixels:,})")
        return None
    if over:
        return (f"{name} unpacks to more than {_megabytes(limits.max_unpacked_bytes)} "
                f"(limit max_unpacked_bytes = {limits.max_unpacked_bytes})")
    return None


def over_limit(raw: bytes, submission: Submission, limits: LimitsSettings) -> str | None:
    """The first limit this mail breaks, in words for the review queue; None if none."""
    if len(raw) > limits.max_message_bytes:
        return (f"the message has {_megabytes(len(raw))} "
                f"(limit max_message_bytes = {limits.max_message_bytes})")
    if len(submission.attachments) > limits.max_attachments:
        return (f"the message has {len(submission.attachments)} attachments "
                f"(limit max_attachments = {limits.max_attachments})")
    unpacked = unpack(submission.attachments,
                      UnpackLimits(limits.max_attachments, limits.max_unpacked_bytes))
    if unpacked.over_limit:
        return unpacked.over_limit
    for attachment in unpacked.files:
        reason = _attachment_over(attachment, limits)
        if reason:
            return reason
    return None


def apply_process_limits(limits: LimitsSettings) -> None:
    """Limits enforced by libraries for the whole process (Pillow refuses bigger images)."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = limits.max_image_pixels
