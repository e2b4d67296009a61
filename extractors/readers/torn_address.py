"""Where an e-mail address lies cut by a line break: its head ends one line, its rest opens the next.

Running text wraps wherever the line is full; Chinese text, with no spaces
to wrap at, cuts an address anywhere: after a dot ('ting.' / 'zhao@...'),
inside a word ('Ch' / 'ensiyu@...'), at the '@'. The page's reading holds
the two parts as two words, the last of one line and the first of the next,
and each part's ink is checked where it is printed.
"""

from __future__ import annotations

from typing import NamedTuple

from extractors.model import Page, Word


class Part(NamedTuple):
    """One piece of a torn address: the page word holding it and the address's characters it holds."""

    page: Page
    word: Word
    text: str


def _breaks_line(before: Word, after: Word) -> bool:
    """The second word opens the line below the first: it starts further left and lower down."""
    return after.box[0] < before.box[0] and after.box[1] > (before.box[1] + before.box[3]) / 2


def _split(address: str, before: str, after: str) -> int | None:
    """Where the address is cut: the first word ends with its head, the second starts with the rest."""
    for cut in range(1, len(address)):
        if before.endswith(address[:cut]) and after.startswith(address[cut:]):
            return cut
    return None


def torn_parts(pages: list[Page], address: str) -> tuple[Part, Part] | None:
    """The two parts of an address the page's reading holds across a line break, head first; None if
    no line ends with the address's head where the next one starts with its rest."""
    key = address.casefold()
    for page in pages:
        if page.image is None:
            continue
        read = [word for word in page.words if word.confidence is not None]
        for before, after in zip(read, read[1:]):
            if not _breaks_line(before, after):
                continue
            cut = _split(key, before.text.casefold().rstrip(), after.text.casefold().lstrip())
            if cut is not None:
                return Part(page, before, address[:cut]), Part(page, after, address[cut:])
    return None
