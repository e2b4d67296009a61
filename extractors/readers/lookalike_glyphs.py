"""Whether two readings of a word differ only by glyphs OCR takes for one another, and by few of them.

A word Tesseract doubts on a photo is most often a letter read as its look-alike
('азрокосмической' for 'аэрокосмической', 'rn' for 'm', 'é' read without its accent).
Such a reading may be set right by a firm reading of the same word elsewhere in the
letter; a reading further off (a letter that looks like nothing it was taken for, a
word more or less) may be another word, and is not.
"""

from __future__ import annotations

from functools import lru_cache

_PAIRS = (
    # Cyrillic
    ("з", "э"), ("ш", "щ"), ("и", "н"), ("и", "й"), ("п", "н"), ("п", "л"), ("ь", "ъ"), ("е", "ё"),
    ("ы", "ьі"), ("ы", "ъі"), ("ш", "ъи"), ("ш", "ьи"), ("ш", "ии"), ("щ", "ъи"),
    # Latin
    ("rn", "m"), ("cl", "d"), ("vv", "w"), ("ii", "u"), ("ri", "n"), ("i", "l"), ("1", "l"), ("1", "i"),
    ("|", "l"), ("!", "l"), ("0", "o"), ("5", "s"), ("e", "c"), ("u", "v"),
    # accents a photo loses or mistakes
    ("é", "e"), ("è", "e"), ("ê", "e"), ("ë", "e"), ("é", "è"), ("é", "ê"), ("à", "a"), ("â", "a"),
    ("ç", "c"), ("î", "i"), ("ï", "i"), ("ô", "o"), ("û", "u"), ("ù", "u"), ("ü", "u"), ("ñ", "n"),
    ("á", "a"), ("í", "i"), ("ó", "o"), ("ú", "u"),
    # a Latin letter read for the Cyrillic one it is drawn like
    ("a", "а"), ("e", "е"), ("o", "о"), ("p", "р"), ("c", "с"), ("x", "х"), ("y", "у"), ("k", "к"),
    ("h", "н"), ("b", "в"), ("m", "м"), ("t", "т"), ("u", "и"), ("n", "п"), ("r", "г"),
)
"""Glyphs OCR takes for one another (lower case), either way round."""
_SWAPS = tuple(set(_PAIRS) | {(b, a) for a, b in _PAIRS})

MAX_SWAPS = 2
"""Look-alike glyphs one word may differ by: a third is a word of its own more likely than a misreading."""


def lookalike_swaps(read: str, firm: str) -> int | None:
    """How many look-alike glyphs (at most MAX_SWAPS) turn `read` into `firm`, case aside; None when
    more, or when they differ otherwise. 0 for the same word."""
    return _swaps(read.casefold(), firm.casefold(), 0, 0)


@lru_cache(maxsize=4096)
def _swaps(read: str, firm: str, at: int, on: int) -> int | None:
    """The fewest swaps from read[at:] to firm[on:] (see lookalike_swaps)."""
    if at == len(read) or on == len(firm):
        return 0 if at == len(read) and on == len(firm) else None
    found = _swaps(read, firm, at + 1, on + 1) if read[at] == firm[on] else None
    for seen, meant in _SWAPS:
        if read.startswith(seen, at) and firm.startswith(meant, on):
            rest = _swaps(read, firm, at + len(seen), on + len(meant))
            if rest is not None and rest < MAX_SWAPS and (found is None or rest + 1 < found):
                found = rest + 1
    return found
