"""What a line under the courtesy formula is: a person's name, a title, an address, or OCR debris.

A scanned signature is often read as a few stray letters ('yp Mean', 'Are', '4'), the
letterhead footer follows the title, and the first letters of a line may be cut off
by the scanner ('drés Felipe Rojas Peña'). Each test here looks at one line only.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from extractors.fields.labels import vocabulary
from extractors.fields.normalize import fold
from extractors.fields.titles import is_title as is_honorific
from extractors.seniority import seniority

Script = Literal["latin", "cyrillic", "arabic", "han"]
Kind = Literal["name", "cut_name", "title", "footer", "junk", "other"]

_FOOTER = re.compile(
    r"@|www\.|https?:|\||\bp\.?\s?o\.?\s*box\b|\bb\.?p\.?\s*\d|\bpo box\b|private bag|\bapartado\b|"
    r"^(?:tel|t[eé]l|phone|fax|pbx|mobile|tel[eé]fono|тел|факс|هاتف|الهاتف|فاكس|电话|传真)\b|"
    r"^(?:c\.\s?c\.|cc\b|copie\b|copia\b|copy\b|копия\b|نسخة|抄送)|"
    r"(?<!\w)(?:ul|ул|пр-т)\.\s|\b(?:street|avenue|road|boulevard|rue|calle|carrera|avenida|улица|проспект)\b|"
    r"(?:شارع|ص\.ب|الرمز البريدي)|邮区|邮编|\d+\s*号|^\d+\s*/\s*\d+$|\d{4,}",
    re.IGNORECASE,
)
_DATE = re.compile(r"\d{4}\s*年|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}\s+\w+\s+\d{4}")
_INITIALS = re.compile(r"^(?:[^\W\d_]\.){1,3}-?(?:[^\W\d_]\.)?$")
_HONORIFIC_IN_BRACKETS = re.compile(r"^\((?:mr|mrs|ms|miss|dr|prof|m|mme|sr|sra|г-н|г-жа)\.?\)$", re.I)
_PARTICLES = frozenset({
    "de", "da", "del", "della", "di", "do", "dos", "das", "du", "la", "le", "van", "von", "der", "den",
    "ten", "ter", "bin", "binti", "ben", "al", "el", "y", "e", "mac", "st", "ibn",
})
_VOWELS = set("aeiouyаеёиоуыэюя")
_ARABIC_NAME_PARTS = ("بن", "بنت", "عبد", "ابو", "أبو", "آل")
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{1,4})?$")


def script_of(text: str) -> Script:
    """The main script of a text, from its letters."""
    counts: dict[Script, int] = {"latin": 0, "cyrillic": 0, "arabic": 0, "han": 0}
    for char in text:
        if "\u4e00" <= char <= "\u9fff":
            counts["han"] += 1
        elif "\u0600" <= char <= "\u06ff":
            counts["arabic"] += 1
        elif "\u0400" <= char <= "\u04ff":
            counts["cyrillic"] += 1
        elif char.isalpha():
            counts["latin"] += 1
    return max(counts, key=lambda key: counts[key] * (3 if key == "han" else 1))


def language_script(language: str | None, text: str) -> Script:
    """The script a letter's people are written in: from its language, else from its text."""
    known: dict[str, Script] = {"ar": "arabic", "zh": "han", "ru": "cyrillic", "en": "latin", "fr": "latin", "es": "latin"}
    return known.get(language or "", script_of(text))


@cache
def _office_words() -> tuple[str, ...]:
    return tuple(fold(w) for w in vocabulary()["office_words"]["words"])


@cache
def _institution_words() -> tuple[str, ...]:
    words = vocabulary()["ministry_words"]
    return tuple(fold(w) for w in words["strong"] + words["weak"])


def is_footer(line: str) -> bool:
    """Address, telephone, web or page-number lines of the letterhead footer."""
    return bool(_FOOTER.search(line))


def is_date(line: str) -> bool:
    return bool(_DATE.search(line))


def is_title(line: str) -> bool:
    """A line naming an office: seniority vocabulary or an office word, in any of the six languages."""
    key = fold(line)
    if seniority(line, None) != "unknown":
        return True
    return any(re.search(rf"(?<!\w){re.escape(word)}", key) or (not word.isascii() and word in key)
               for word in _office_words())


def _letters(text: str) -> int:
    return sum(char.isalpha() for char in text)


def is_junk(line: str, script: Script) -> bool:
    """OCR debris: too short, mostly punctuation or digits, or letters of another script."""
    visible = line.replace(" ", "")
    letters = _letters(visible)
    if letters < 2 or letters < 0.6 * len(visible):
        return True
    found = script_of(line)
    if found != script and not (script == "cyrillic" and found == "latin"):  # Russian letters may sign in Latin
        return True
    if script in ("latin", "cyrillic"):
        words = [w for w in re.findall(r"[^\W\d_]+", fold(line)) if len(w) >= 2]
        return not any(set(w) & _VOWELS for w in words) and not _INITIALS.match(line.split()[0])
    return False


def _name_token(token: str) -> Literal["word", "initial", "minor", "bad"]:
    if _INITIALS.match(token) or re.fullmatch(r"[^\W\d_]\.?", token) and token[:1].isupper():
        return "initial"
    if token.lower() in _PARTICLES or _HONORIFIC_IN_BRACKETS.match(token):
        return "minor"
    if is_honorific(token):
        return "minor"
    core = token.strip("()")
    if not re.fullmatch(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?", core):
        return "bad"
    letters = fold(core).strip(".")
    if not core[:1].isupper() or len(letters) > 3 and not set(letters) & _VOWELS:
        return "bad"
    return "word"


def line_kind(line: str, script: Script) -> Kind:
    """Classify one line of the closing block."""
    if is_footer(line):
        return "footer"
    if is_junk(line, script):
        return "junk"
    key = fold(line)
    if script == "han":
        if _HAN_NAME.match(line) and not is_title(line):
            return "name"
        return "title" if is_title(line) else "other"
    if script == "arabic":
        tokens = line.split()
        has_part = any(w in _ARABIC_NAME_PARTS for w in tokens)
        if 2 <= len(tokens) <= 6 and not re.search(r"[\d,،:]", line) and (has_part or not is_title(line)):
            return "name" if has_part or not any(w in key for w in _institution_words()) else "other"
        return "title" if is_title(line) else "other"
    if is_title(line):
        return "title"
    if "," in line or any(re.search(rf"(?<!\w){re.escape(w)}", key) for w in _institution_words()):
        return "other"
    tokens = line.split()
    kinds = [_name_token(token) for token in tokens]
    words = kinds.count("word")
    if 2 <= len(tokens) <= 6 and words >= 1 and words + kinds.count("initial") >= 2:
        if "bad" not in kinds:
            return "name"
        cut = tokens[0][:1].islower() or tokens[0][:1] in "-'’" and tokens[0][1:2].isupper()
        if kinds[0] == "bad" and cut and "bad" not in kinds[1:] and words >= 2:
            return "cut_name"
    return "other"
