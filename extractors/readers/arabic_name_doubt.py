"""An Arabic name read from an image is doubted when its e-mail address spells the rest of the name but not this word.

OCR reads Arabic letters that differ only by their dots as one another ('الحوراتي' for
'الحوراني'), or takes a word for Latin letters ('wiljgall'), and is sometimes sure of it.
Arabic addresses usually spell the name in Latin letters ('omar.hourani'), and names and
address pieces can be compared as consonant skeletons (extractors.names). When the rest
of the name spells one piece of the address whole, and another piece is not even half
spelled by the whole name, the word was probably misread.
This only ever adds a doubt: it never picks or confirms a reading, and an address that
spells nothing of the name (an office box, a nickname) contradicts nothing.
"""

from __future__ import annotations

import re

from extractors.names import address_fit

ARABIC_DOUBT = 0.3
"""The confidence left to a name field the address contradicts: read, but doubted."""
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]")
_PIECES = re.compile(r"[^A-Za-z]+")
_SPELLED = 0.99
"""How much of an address piece a name must spell for the piece to be that name's."""
_UNSPELLED = 0.5
"""Below this share spelled by the rest of the name, a piece is left for the word to spell."""


def _fit(piece: str, name: str) -> float:
    """How much of one address piece the name spells (address_fit on that piece alone)."""
    return address_fit(f"{piece}@x.org", name, None)


def contradicted_fields(email: str | None, first_name: str | None, last_name: str | None) -> set[str]:
    """'first_name' and/or 'last_name': the fields holding a word of an Arabic name that the address
    contradicts (see the module)."""
    if not email or "@" not in email or not _ARABIC.search(f"{first_name or ''} {last_name or ''}"):
        return set()
    pieces = [piece for piece in _PIECES.split(email.rsplit("@", 1)[0]) if len(piece) >= 3]
    words = [(field, word) for field, text in (("first_name", first_name), ("last_name", last_name))
             for word in (text or "").split()]
    doubted: set[str] = set()
    for n, (field, word) in enumerate(words):
        rest = " ".join(other for m, (_, other) in enumerate(words) if m != n)
        if not rest:
            continue
        fits = [(_fit(piece, rest), piece) for piece in pieces]
        left = [piece for fit, piece in fits if fit < _UNSPELLED]
        whole = f"{word} {rest}"  # a piece may spell two words at once ('abdelfattah', 'abuzeid')
        if any(fit >= _SPELLED for fit, _ in fits) and left and all(_fit(piece, whole) < _UNSPELLED for piece in left):
            doubted.add(field)
    return doubted
