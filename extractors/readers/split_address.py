"""Where an address read with a space in it lies: in words side by side on one line.

On a photo a dot the size of a pixel or two is read as a space as often as
it is lost ('zhang_si@mddi.gov 5g' for 'zhang_si@mddi.gov.sg'), and the page's
reading then holds the address as two words. Such a reading is no address,
but its ink is still the address's: the words are found side by side, and
taken together as one word whose box spans them all, so that the print can
be read again where it is.
"""

from __future__ import annotations

from extractors.model import Page, Word


def _beside(before: Word, after: Word) -> bool:
    """The second word follows the first on its line: it starts right of the first's middle, and its
    middle lies within the first's height."""
    middle = (after.box[1] + after.box[3]) / 2
    return after.box[0] > (before.box[0] + before.box[2]) / 2 and before.box[1] <= middle <= before.box[3]


def _joined(words: list[Word]) -> Word:
    """Words side by side as one: their texts with a space, a box over all of them, the least sure confidence."""
    box = (min(w.box[0] for w in words), min(w.box[1] for w in words),
           max(w.box[2] for w in words), max(w.box[3] for w in words))
    return Word(" ".join(w.text for w in words), box, min(w.confidence or 0.0 for w in words))


def split_word(pages: list[Page], address: str) -> tuple[Page, Word] | None:
    """The words of an image page that hold an address read with spaces in it, one word per piece, side
    by side on one line, as one word (the first may hold a label before the address, the last a mark
    after it); None when the address has no space or no such run of words holds it."""
    pieces = address.casefold().split()
    if len(pieces) < 2:
        return None
    for page in pages:
        read = [word for word in page.words if word.confidence is not None]
        for start in range(len(read) - len(pieces) + 1 if page.image is not None else 0):
            run = read[start:start + len(pieces)]
            texts = [word.text.casefold() for word in run]
            if (texts[0].endswith(pieces[0]) and texts[-1].startswith(pieces[-1]) and texts[1:-1] == pieces[1:-1]
                    and all(_beside(a, b) for a, b in zip(run, run[1:]))):
                return page, _joined(run)
    return None
