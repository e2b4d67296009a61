"""The second engine's word on every OCRed address Tesseract's readings accounted for.

Tesseract's passes over an address are one engine read several ways: where
they agree they may all be wrong alike. DejaVu Sans Mono's 'i' at 20 pixels
in one bit is an 'l' to Tesseract, so 'digitai.gov.ru' is read
'digital.gov.ru' and every blob of its ink is under a character read: the
meeting link would go to a stranger. PP-OCR (address_witness's engine,
trained apart) reads 'digitai'. So every address its ink accounted for is
read by PP-OCR too (a tenth of a second a line, once the engine is loaded),
and it goes to a person when
- PP-OCR reads the same letters but for look-alike glyphs (l/i/1, rn/m,
  cl/d, 0/o, vv/w ..., lookalike_names.folded), however unsure of its
  reading: the two engines part exactly where a glyph is taken for another;
- or PP-OCR, sure of its reading (address_witness.WITNESS_SURE), reads other
  letters.
A line of print (not a table cell, whose readings address_ink weighed) is
read again at several sizes too: a reading there with other glyphs where
look-alikes are printed sends it to a person as well.
The marks between letters ('.', '-', '_') are the ink's to count
(address_ink), and a witness that reads nothing says nothing. One parting
the nominee's name settles: PP-OCR reads a serif or small 'l' as a bare
stroke ('1.kornilova', 'I.kornilova' for Lidia Kornilova); where the address
has the 'l' in a local part the name makes, the name tells them apart (as
address_witness.rival_doubt lets it). What both engines take alike for a
look-alike no witness can tell (DejaVu Sans Mono's '1' at 20 pixels in one
bit is an 'l' to both).

Where the two engines part only at look-alike glyphs and PP-OCR's reading
is a form of the nominee's name (Tesseract's 'riefevre' where PP-OCR reads
'rlefevre' for Rémi Lefèvre), the two engines and the name make a case for
the name's form: it is taken when PP-OCR settles it by address_witness's
bar (exactly that address, sure of it, its domain given by a Tesseract
reading too, no reading with a mark more or look-alikes in the domain).
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

from extractors.lookalike_names import folded
from extractors.model import Page
from extractors.readers.address_ink import address_strips, read_in_cell
from extractors.readers.address_rereads import bare_letters, letters_of, lookalike_reading, rereadings
from extractors.readers.address_witness import WITNESS_SURE, settles, witness_reading
from extractors.readers.ocr_thin_letters import ink_settles


_RUN = re.compile(r"[\w.%+'|-]+@[\w.|-]+")
"""What a reading of a line holds of an address (a label or a bracket read beside it left out)."""


class CrossCheck(NamedTuple):
    """What the second engine makes of an accounted address: why it goes to a person (None: nothing
    against it), and the form of the nominee's name to take instead (None: keep the address)."""

    doubt: str | None = None
    name_form: str | None = None


def _stroke_for_name(seen: str, own: str, address: str, names: frozenset[str]) -> bool:
    """The witness reads a bare stroke ('I', '1') where the address has an 'l', in a local part the
    nominee's name makes, and differs nowhere else: PP-OCR reads a serif or a small 'l' so ('1.kornilova'
    for Lidia Kornilova), and the name tells them apart (as address_witness.rival_doubt lets it)."""
    local = letters_of(address).partition("@")[0]
    if local not in names or len(seen) != len(own):
        return False
    parted = [(n, a, b) for n, (a, b) in enumerate(zip(own, seen)) if a != b]
    return all(a == "l" and b in "|1" and n < len(bare_letters(local)) for n, a, b in parted)


def conflict(reading: str, score: float, address: str, names: frozenset[str] = frozenset()) -> str | None:
    """Why the witness's reading of the address's print contradicts it; None when it holds the same
    letters (label or specks beside them aside), reads nothing, reads other letters unsure, or reads a
    bare stroke for an 'l' of a local part the name makes. `names`: the local parts the nominee's name makes."""
    seen, own = bare_letters(reading), bare_letters(address)
    if not seen or own in seen or _stroke_for_name(seen, own, address, names):
        return None
    if folded(own) in folded(seen):
        return f"a second OCR engine reads '{reading}', other glyphs where look-alikes are printed"
    if score >= WITNESS_SURE:
        return f"a second OCR engine reads '{reading}' and is sure of it ({score:.0%})"
    return None


def line_dissent(strip: np.ndarray, address: str, names: frozenset[str]) -> str | None:
    """A reading of a line's strip at another size or threshold (address_rereads) with other glyphs
    where look-alikes are printed; None when there is none. The page pass read a line once, at its
    size: 'vvang' in a small sans is a 'w' to it and to PP-OCR, and a 'vv' to Tesseract enlarged. (A
    table cell's readings were weighed so already: address_ink.) Thin letters the ink's shape settles
    as the address has them ('gouv.mi' for 'gouv.ml': ocr_thin_letters) are no dissent, as in a cell."""
    for reading in rereadings(strip, strip.shape[0]):
        for run in _RUN.findall(reading.text):
            if (lookalike_reading(run, address) and not ink_settles(strip, run, address)
                    and not _stroke_for_name(bare_letters(run), bare_letters(address), address, names)):
                return f"its line read again says '{run}', other glyphs where look-alikes are printed"
    return None


def _name_form(reading: str, address: str, names: frozenset[str]) -> str | None:
    """The address the witness read, with the address's domain, when its local part is a form of the
    nominee's name; None otherwise."""
    local = letters_of("".join(reading.split())).rpartition("@")[0]
    domain = address.rpartition("@")[2]
    return f"{local}@{domain}" if local in names and letters_of(local) != letters_of(address.rpartition("@")[0]) else None


def cross_check(pages: list[Page], address: str, names: frozenset[str]) -> CrossCheck:
    """The second engine's word on the address where its ink was found (see above); `names`: the local
    parts the nominee's name makes."""
    strips = address_strips(pages, address)
    readings = [witness_reading(strip) for strip in strips]
    reading = " ".join(text for text, _ in readings)
    score = min((value for _, value in readings), default=0.0)
    against = conflict(reading, score, address, names)
    if against is None and len(strips) == 1 and not read_in_cell(pages, address):
        against = line_dissent(strips[0], address, names)
    if against is None:
        return CrossCheck()
    candidate = _name_form(reading, address, names) if len(strips) == 1 and folded(bare_letters(reading)) == folded(
        bare_letters(address)) else None
    if candidate is not None and _settled(strips[0], candidate, address, names):
        return CrossCheck(name_form=candidate)
    return CrossCheck(doubt=f"{address}: {against}; a character may have been misread")


def _settled(strip: np.ndarray, candidate: str, address: str, names: frozenset[str]) -> bool:
    """The witness settles the name's form by its bar, Tesseract's readings of the strip (the address
    and the strip read again) the other readings."""
    texts = [address, *(reading.text for reading in rereadings(strip, strip.shape[0]))]
    return settles(strip, candidate, texts, names) is None
