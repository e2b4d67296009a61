"""Text layers of PDFs read ahead by another process, for the reader that reads their letter.

`gcc-bot check` on many files spends its first seconds loading what its readers share, on
one core, while a child process reads the files' PDFs on the other (bot/read_ahead.py).
A reader given those pages takes them instead of parsing the PDF again; they are what
`read_pdf` would have read (only PDFs none of whose pages needs OCR are read ahead), keyed
by the PDF's bytes, so that nothing but the time changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from extractors.model import Page

_given: dict[bytes, list[Page]] = {}
"""The pages read ahead for the letter being read, by the SHA-256 of their PDF."""


def key(data: bytes) -> bytes:
    """What a PDF's pages are kept under."""
    return hashlib.sha256(data).digest()


@contextmanager
def pages_read_ahead(given: Mapping[bytes, list[Page]]) -> Iterator[None]:
    """`given` is what `read_pdf` finds while reading one letter, and nothing after it."""
    _given.update(given)
    try:
        yield
    finally:
        _given.clear()


def taken(data: bytes) -> list[Page] | None:
    """The pages read ahead for this PDF, or None (it was not: the reader parses it)."""
    return _given.get(key(data)) if _given else None
