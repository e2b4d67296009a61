"""Whether a PDF's bytes can hold an embedded signature, told without parsing it.

pyHanko costs a second or so to import and parses the whole file again; most letters are
not signed. A signature field hangs from the catalog's /AcroForm, and a signature that
cannot be read still leaves its /ByteRange. Outside object streams, every name is in the
file's bytes as written: a PDF with neither name (in any '#xx' spelling) and no object
stream has no signature pyHanko could find, and nothing for it to report.
"""

from __future__ import annotations

import re

__all__ = ["may_hold_signature", "shows_signature_dictionary"]


def _name(name: str) -> str:
    """A regex for a PDF name however its characters are written ('/AcroForm', '/Acro#46orm')."""
    return "/" + "".join(f"(?:{char}|#{ord(char):02x})" for char in name)


_SIGNED = re.compile("|".join(_name(name) for name in ("ByteRange", "AcroForm", "ObjStm")).encode(),
                     re.IGNORECASE)
"""/ObjStm: an object stream is compressed, so the names inside it cannot be seen. (Any case:
a few needless parses, rather than a hex digit's case to get wrong.)"""


_BYTE_RANGE = re.compile(_name("ByteRange").encode(), re.IGNORECASE)


def shows_signature_dictionary(data: bytes) -> bool:
    """Whether a /ByteRange is written in the bytes: a signature was made, even when the PDF
    or its CMS can no longer be read (a bare /AcroForm only offers a field to sign)."""
    return _BYTE_RANGE.search(data) is not None


def may_hold_signature(data: bytes) -> bool:
    """False only when `data` certainly holds no signature field and no signature dictionary."""
    return _SIGNED.search(data) is not None
