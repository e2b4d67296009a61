"""Table cell text: a narrow column wraps words and e-mail addresses, which must be whole again."""

from __future__ import annotations

import re

from extractors.readers.bidi import is_rtl_char
from extractors.readers.layout import Line

_ADDRESS_PIECE = re.compile(r"[\w.,@'+-]+")
_SLACK = 1.0
"""Points of tolerance on where the last character that fitted ends."""
EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


_LATIN_LOOKALIKES = str.maketrans("AaBCcEeHKkMOoPpTXxy", "АаВСсЕеНКкМОоРрТХху")
"""Latin letters drawn like Cyrillic ones: OCR with both packs loaded reads the one for the other."""
_WORD = re.compile(r"\w+")
_SPECK_MARKS = re.compile(r"(?:^|(?<=\s))[‘’`´'\"]+(?=\s|$)")
"""A word made of quote marks alone: a speck of dust, read as nothing a cell says."""


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def one_script(text: str) -> str:
    """The cell's text with every word that mixes Cyrillic and Latin letters made Cyrillic ('ОбращeHHe'
    -> 'ОбращеННе': no Russian or Kazakh word holds a Latin letter), and lone quote-mark specks left out."""
    def mended(found: re.Match[str]) -> str:
        word = found.group(0)
        latin = any("a" <= c.lower() <= "z" for c in word)
        return word.translate(_LATIN_LOOKALIKES) if latin and any(_is_cyrillic(c) for c in word) else word
    return _SPECK_MARKS.sub("", _WORD.sub(mended, text)).strip()


def _continues(previous: str, piece: str) -> bool:
    """A wrapped piece of a domain: it carries a dot or hyphen, or follows one."""
    return "@" not in piece and (previous[-1] in ".-" or any(c in piece for c in ".-"))


def tidy_cell(text: str) -> str:
    """The cell's text; an e-mail address broken over lines is joined back."""
    pieces = text.split()
    if len(pieces) < 2 or "@" not in pieces[0]:
        return text
    if all(_continues(a, b) for a, b in zip(pieces, pieces[1:])) and EMAIL.fullmatch("".join(pieces)):
        return "".join(pieces)
    return text


def cell_text(lines: list[Line], box: tuple[float, float, float, float], page_text: str = "") -> str:
    """The text of a ruled cell whose lines were wrapped to its width.

    A line full to the cell's edge may end inside a word: an e-mail address or a word
    longer than the column is cut wherever the line is full ('n.uwimana@digital.gov.m'
    / 'w', 'Ndiay' / 'e'). Geometry alone cannot tell such a cut from a wrap at a
    space, so a cut is joined back only with evidence: the pieces belong to an address,
    the page spells the whole word elsewhere ('mariam.ndiaye@...'), or a hyphen ends the
    line. Anything else keeps its space, and an address printed with a space in it
    ('liu_ha@pbc. gov.cn', not full to the edge) stays as printed, never repaired.
    """
    if not lines:
        return ""
    left = min(word.box[0] for line in lines for word in line.words)
    inner_right = box[2] - max(0.0, left - box[0])
    known = page_text.casefold()
    text = lines[0].text
    for before, after in zip(lines, lines[1:]):
        text += ("" if _cut_word(text, before, after, inner_right, known) else " ") + after.text
    return text


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef"


def _cut_word(text: str, before: Line, after: Line, inner_right: float, known: str) -> bool:
    """Whether the break between two lines of a cell falls inside a word."""
    if not before.words or not after.words or any(is_rtl_char(c) for c in before.text + after.text):
        return False
    if _is_han(before.text[-1]) and _is_han(after.text[0]):
        return True  # Chinese has no spaces between words
    last, first = before.words[-1], after.words[0]
    first_char = after.chars[0]["x1"] - after.chars[0]["x0"]
    if inner_right - last.box[2] >= first_char + _SLACK:
        return False  # the next character would have fitted: the line was wrapped at a space
    if len(last.text) > 1 and last.text.endswith("-") and first.text[:1].isalpha() or first.text[:1] == "-":
        return True
    piece = text.rsplit(" ", 1)[-1]
    joined = (piece + first.text).casefold().strip(".,;:()")
    if "@" in piece + first.text and _ADDRESS_PIECE.fullmatch(first.text):
        return True
    if not (first.text[:1].islower() or first.text[:1].isdigit()):
        return False
    return len(joined) > 3 and joined in known and f"{piece} {first.text}".casefold() not in known
