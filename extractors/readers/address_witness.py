"""A second OCR engine's word on an address Tesseract's own readings dispute.

On a phone photo or a 150 dpi scan an address's print is a dozen pixels
high. Tesseract's passes over it (the page's, the cell's, the cell's ink read
again at several sizes) then disagree: one takes the 'l' of 'gulnara' for an
'i', another drops the dot of 'mdai.gov', and they agree with each other
because they are one engine. PP-OCR (RapidOCR, han_witness's engine, trained
apart) reads Latin print of that size well and errs elsewhere, so its reading
of the line may settle the dispute. But PP-OCR too misreads confidently, and
sometimes as Tesseract does ('1.kornilova' for 'l.kornilova' in a serif face,
'ahmed_all' for 'ahmed_al1' in a monospaced one, at a score of 0.99): alone
it would be one more voice, not a witness. So the doubt is lifted only when
- PP-OCR reads exactly the address and is sure of it (spaces are no characters
  of an address: a wrapped cell's lines set side by side may part by one; any
  other letter or mark that differs keeps the doubt, and the reviewer is told
  what it read), and
- each part of the address is given exactly by another reading as well: its
  local part by one of Tesseract's other readings or by the nominee's name
  (Carmen Julia Vargas Llosa makes 'cvargasllosa'), its domain by one of
  Tesseract's other readings or by a domain the letter vouches for (the
  sender's, authenticated by our own server, or one other nominees'
  addresses were read with beyond doubt: readers.domain_witness); and
- no reading of the same letters shows a mark more, or other look-alike
  glyphs (l/i/1/I, rn/m ...) unless in the local part the name makes
  (see rival_doubt): a witness cannot tell what both engines confuse.

The engine is loaded only when an address is disputed (a second or two, once
per process); its reading of a line takes a tenth of a second.
"""

from __future__ import annotations

import numpy as np
from anyascii import anyascii

from extractors.lookalike_names import folded, name_forms
from extractors.readers.address_rereads import NOT_ADDRESS, letters_of, same_reading
from extractors.readers.han_witness import witness_strips

_MARKS = ".-_"
"""The marks between an address's letters, which a reader loses at a small size."""
WITNESS_SURE = 0.95
"""PP-OCR's score (0..1) of its least sure word below which its reading of an address says nothing."""
_LINE_HEIGHT = 48.0
"""Pixels a taller strip is brought down to: PP-OCR's recogniser reads lines this high, so nothing
is lost, and a smaller address is read at its own size, not enlarged."""


def witness_reading(strip: np.ndarray) -> tuple[str, float]:
    """A grey strip holding one line of print as PP-OCR reads it: its words in reading order, specks
    at the ends left off, and the least sure word's score (0 when it reads nothing)."""
    glyphs = witness_strips(strip, [(0, 0, strip.shape[1], strip.shape[0])], height=_LINE_HEIGHT)
    if not glyphs:
        return "", 0.0
    ordered = sorted(glyphs, key=lambda glyph: (glyph.line, glyph.box[0]))
    return " ".join(glyph.text for glyph in ordered).strip(NOT_ADDRESS), min(glyph.score for glyph in ordered)


def same_address(reading: str, address: str) -> bool:
    """The reading is the address, but for spaces and letter case (address_rereads.same_reading)."""
    return same_reading("".join(reading.split()), address)


def settles(strip: np.ndarray, address: str, readings: list[str], names: frozenset[str],
            domains: frozenset[str] = frozenset()) -> str | None:
    """Why the witness does not settle a dispute over the address printed on the strip (see above);
    None when it does. `readings`: Tesseract's other readings of the line; `names`: the local parts
    the nominee's name makes; `domains`: the domains the letter vouches for."""
    return (witness_doubt(strip, address) or corroboration_doubt(address, readings, names, domains)
            or rival_doubt(address, readings, names))


def corroboration_doubt(address: str, readings: list[str], names: frozenset[str],
                        domains: frozenset[str] = frozenset()) -> str | None:
    """Why another reading (or the name, or a domain the letter vouches for) does not give each part
    of the address exactly (see above); None when both are."""
    local, _, domain = letters_of(address).partition("@")
    parts = [letters_of(reading.strip(NOT_ADDRESS)).partition("@") for reading in readings if "@" in reading]
    if local not in names and local not in {part[0] for part in parts}:
        return f"no other reading gives its local part '{local}'"
    if domain not in {part[2] for part in parts} | domains:
        return f"no other reading gives its domain '{domain}'"
    return None


def _marks(text: str) -> int:
    return sum(char in _MARKS for char in text)


def _bare(text: str) -> str:
    return "".join(char for char in text if char not in _MARKS)


def rival_doubt(address: str, readings: list[str], names: frozenset[str]) -> str | None:
    """Why another reading keeps the doubt whatever the witness reads: its local part is one the
    nominee's name makes where the address's is not; or, being the same letters, look-alikes and
    marks aside, it shows a mark more (a mark is lost by a reader far more often than made up by
    two), or other look-alike glyphs in the domain, or in the local part where the nominee's name
    does not make the address's (both engines take a serif 'l' for a '1' alike: only the name
    tells them apart)."""
    local, _, domain = letters_of(address).partition("@")
    for reading in readings:
        other, at, other_domain = letters_of(reading.strip(NOT_ADDRESS)).partition("@")
        if at and other in names and local not in names:
            return f"another reading gives '{other}', which the nominee's name makes"
        if not at or folded(_bare(other + "@" + other_domain)) != folded(_bare(local + "@" + domain)):
            continue
        if _marks(other + other_domain) > _marks(local + domain):
            return f"another reading, '{reading}', shows a mark more"
        if _bare(other_domain) != _bare(domain) or (_bare(other) != _bare(local) and local not in names):
            return f"another reading, '{reading}', differs from it only by look-alike glyphs"
    return None


def nominee_local_parts(first_name: str | None, last_name: str | None) -> frozenset[str]:
    """The local parts a nominee's name makes (lookalike_names.name_forms), also with the apostrophe
    a transliterated soft sign leaves taken out ('Гульнара' is 'gulnara' in an address, not 'gul.nara')."""
    def plain(name: str | None) -> str:
        return anyascii(name or "").replace("'", "")
    return frozenset(name_forms(first_name, last_name) | name_forms(plain(first_name), plain(last_name)))


def witness_doubt(strip: np.ndarray, address: str) -> str | None:
    """Why the witness does not vouch for the address printed on the strip; None when it reads exactly
    the address and is sure of it."""
    reading, score = witness_reading(strip)
    if not reading:
        return "a second OCR engine read nothing there"
    if not same_address(reading, address):
        return f"a second OCR engine reads '{reading}'"
    if score < WITNESS_SURE:
        return f"a second OCR engine reads it alike but is unsure ({score:.0%})"
    return None
