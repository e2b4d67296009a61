"""Text normalisation shared by the field parsers.

Letters arrive from PDFs, DOCX, mail bodies and OCR; the same label can be
'E-mail :', 'E-mail：' or 'Ｅ－ｍａｉｌ:' and Arabic carries optional diacritics.
Matching is done on a folded key, while values keep the letter's own spelling.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_BIDI_MARKS = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f]+")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي"})
ARABIC_TEETH = "بتثنيئى"
"""Arabic letters written on the same short stroke, told apart only by their dots or hamza: the
letters OCR of a scan confuses most."""
_ONE_TOOTH = str.maketrans({char: "\u066e" for char in ARABIC_TEETH})
EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
OUR_DOMAINS = ("itu.int",)
"""Where the letters are sent: an address there is the addressee's, not a nominee's."""
_NOT_IN_ADDRESS = r"\s:;<>()\[\]{}\"«»“”\u060c\u061b\u061f\u06d4\u3000-\u303f\uff00-\uffef"
_PRINTED = re.compile(f"(?<![^{_NOT_IN_ADDRESS}])[^{_NOT_IN_ADDRESS}]*@[^{_NOT_IN_ADDRESS}]*")
"""An address as printed: everything around an '@' up to a space, a colon, a bracket or a full stop."""
_AROUND_ADDRESS = " \t<>()[]{}\"'«»“”‘’.,;:!?\u060c\u3002\uff0c\uff1b\uff1a\uff08\uff09\u3001"
_WIDE_SCRIPT = re.compile(r"[\u0600-\u06ff\u3400-\u9fff]")
"""Arabic and Chinese letters: an address may be written in them (an IDN domain), but text in
them glued to a Latin address ('li@x.cn为主要联系人') is not part of it."""


def clean_line(line: str) -> str:
    """Tidy a line for parsing without changing how its values are spelled."""
    line = _BIDI_MARKS.sub("", line)
    line = line.replace("\uff1a", ":")
    line = _SPACES.sub(" ", line)
    line = _CJK_GAP.sub("", line)
    return line.strip()


def fold(text: str) -> str:
    """A comparison key: case-folded, accents and Arabic marks removed, spaces squeezed.
    Lines and cells are folded again and again by the parsers: those are kept (a whole
    letter is not, so that what is kept stays a few megabytes)."""
    return _fold_line(text) if len(text) <= 200 else _fold(text)


@lru_cache(maxsize=8192)
def _fold_line(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", clean_line(text)).replace("\u2019", "'").replace("`", "'")
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    decomposed = unicodedata.normalize("NFD", text.casefold())
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    kept = _DASHES.sub("-", kept)
    return _SPACES.sub(" ", unicodedata.normalize("NFC", kept)).strip()


def dotless(text: str) -> str:
    """A folded text with every Arabic tooth letter made one dotless stroke: a key that OCR's dot
    confusions ('الرنيسي' for 'الرئيسي') do not change."""
    return fold(text).translate(_ONE_TOOTH)


def is_cjk(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def is_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


_LONE_STROKES = re.compile(r"^(?:[-_\u2010-\u2015|/]+ )+|(?: [-_\u2010-\u2015|/]+)+$")
"""Dashes and bars standing apart at a value's ends: a scanner's speck or a dangling separator, never a
part of a name or a title ('Al-Hilli' and 'Director - Digital' keep theirs)."""


def value(text: str | None) -> str | None:
    """A field value as printed, or None when nothing is left after trimming."""
    if text is None:
        return None
    text = _LONE_STROKES.sub("", clean_line(text)).strip(" ;|/")
    return text if text.strip(" .,:;-_\u2013\u2014") else None


def find_email(text: str) -> str | None:
    """The first address in a text that is not ours, lower-cased, exactly as printed.

    Tolerant of OCR spaces around '@'. A malformed address ('a.k@digital.gov,ru') is
    returned whole as printed, never cut down to a valid-looking part of it, so that
    the e-mail rule can name it.
    """
    compact = re.sub(r"(?<!\s)\s*@\s*", "@", text)  # (?<!\s): linear on long runs of spaces
    for match in _PRINTED.finditer(compact):
        address = printed_address(match.group(0))
        if address and not is_ours(address):
            return address
    return None


def printed_address(token: str) -> str | None:
    """A whitespace-free token holding '@' as an address: lower-cased, without the
    brackets, quotes or sentence punctuation around it."""
    token = token.strip(_AROUND_ADDRESS)
    local, at, domain = token.partition("@")
    local = _same_script_run(local[::-1])[::-1]
    labels: list[str] = []
    for label in domain.split("."):
        run = _same_script_run(label)
        labels.append(run)
        if run != label:
            break
    domain = ".".join(labels).rstrip(".-")
    return f"{local}@{domain}".lower() if at and local and domain else None


def _same_script_run(text: str) -> str:
    """The start of a text as long as its letters stay on the side of its first one (wide or not)."""
    wide = bool(_WIDE_SCRIPT.match(text[:1]))
    for index, char in enumerate(text):
        if char.isalpha() and bool(_WIDE_SCRIPT.match(char)) != wide:
            return text[:index]
    return text


def is_ours(address: str) -> bool:
    """The addressee's own addresses (the secretariat, any ITU address) are never a nominee's."""
    domain = address.rsplit("@", 1)[-1].lower().strip(".")
    return any(domain == ours or domain.endswith("." + ours) for ours in OUR_DOMAINS)
