"""Safe file names for attachments written into a review folder.

An attachment's name comes from the sender and is untrusted: it may hold path
separators, '..', control characters, or be thousands of characters long.
"""

from __future__ import annotations

import mimetypes
import re
import unicodedata
from collections.abc import Iterable

MAX_NAME = 100
"""Characters kept of a name (the extension included); well below any file system's limit."""

_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|]+')


def safe_filename(name: str | None, content_type: str, number: int,
                  taken: Iterable[str] = ()) -> str:
    """A plain, bounded, unique file name: no directory part, no control characters,
    no leading dot; `attachment-<number>` with an extension from the type when nothing is left."""
    text = unicodedata.normalize("NFC", name or "")
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = _UNSAFE.sub("_", text)
    text = " ".join(text.split()).strip(" ._")
    if not text:
        extension = mimetypes.guess_extension(content_type.split(";")[0].strip()) or ".bin"
        text = f"attachment-{number}{extension}"
    stem, dot, extension = text.rpartition(".")
    if not dot or len(extension) > 10:
        stem, extension = text, ""
    suffix = f".{extension}" if extension else ""
    stem = stem[: MAX_NAME - len(suffix)].rstrip(" ._") or f"attachment-{number}"
    candidate, used, n = stem + suffix, {t.lower() for t in taken}, 2
    while candidate.lower() in used:
        candidate = f"{stem[: MAX_NAME - len(suffix) - 4]}-{n}{suffix}"
        n += 1
    return candidate
