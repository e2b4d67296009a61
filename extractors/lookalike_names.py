"""An OCRed address that is the nominee's name but for a look-alike glyph is a misreading.

Tesseract reads 'rlefevre' as 'riefevre' with high confidence: the two
differ only in glyphs that look alike on a scan (l/i/1/I, j/i/ij, rn/m, cl/d ...).
An address the ministry built from the person's name (initial and surname,
first.last ...) then looks plausible to a name check, while the link would
go nowhere or to a stranger. When the read local part differs from such a
form of the name only by look-alike glyphs, the reading is doubted.
"""

from __future__ import annotations

import re

from anyascii import anyascii

_LOOKALIKES = (("rn", "m"), ("cl", "d"), ("vv", "w"), ("ij", "j"), ("j", "i"), ("1", "l"), ("i", "l"), ("|", "l"),
               ("0", "o"), ("5", "s"), ("u", "v"), ("e", "c"))
"""Glyphs OCR takes for one another, each folded to one spelling (lower case: addresses are)."""
_SEPARATORS = ("", ".", "_", "-")


def folded(text: str) -> str:
    """The text with each group of look-alike glyphs spelled one way (lower case)."""
    for old, new in _LOOKALIKES:
        text = text.replace(old, new)
    return text


def _words(name: str | None) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", anyascii(name or "").lower()) if w]


def name_forms(first_name: str | None, last_name: str | None) -> set[str]:
    """The local parts a ministry builds from a name: first.last, f.last, last_first, flast ..."""
    firsts, lasts = _words(first_name), _words(last_name)
    if not firsts or not lasts:
        return set()
    families = {sep.join(lasts) for sep in _SEPARATORS} | {lasts[-1]}
    givens = ({sep.join(firsts) for sep in _SEPARATORS}
              | {firsts[0], firsts[0][0], "".join(w[0] for w in firsts)})
    forms = set(families)
    for sep in _SEPARATORS:
        forms |= {f"{given}{sep}{family}" for given in givens for family in families}
        forms |= {f"{family}{sep}{given}" for given in givens for family in families}
    return forms


def lookalike_of_name(local_part: str, first_name: str | None, last_name: str | None) -> str | None:
    """The form of the name the local part would be but for look-alike glyphs; None when it is
    a form of the name exactly, or not one even with look-alikes folded."""
    local = local_part.lower()
    forms = name_forms(first_name, last_name)
    if local in forms:
        return None
    key = folded(local)
    return next((form for form in sorted(forms) if folded(form) == key), None)
