"""Table cell text: a narrow column wraps words and e-mail addresses, which must be whole again."""

from __future__ import annotations

import re

from extractors.readers.bidi import is_rtl_char
from extractors.readers.layout import Line

_ADDRESS_MARKS = "@._-'’"
_LINKS = frozenset("and of the for et de des du la le les en y del los las и в по для".split())
"""Short words that often open a wrapped line; a line starting with one was wrapped at a space."""
_SLACK = 0.5
"""Points of tolerance on where the last character that fitted ends."""
_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def _continues(previous: str, piece: str) -> bool:
    """A wrapped piece of a domain: it carries a dot or hyphen, or follows one."""
    return "@" not in piece and (previous[-1] in ".-" or any(c in piece for c in ".-"))


def tidy_cell(text: str) -> str:
    """The cell's text; an e-mail address broken over lines is joined back."""
    pieces = text.split()
    if len(pieces) < 2 or "@" not in pieces[0]:
        return text
    if all(_continues(a, b) for a, b in zip(pieces, pieces[1:])) and _EMAIL.fullmatch("".join(pieces)):
        return "".join(pieces)
    return text


def cell_text(lines: list[Line], box: tuple[float, float, float, float]) -> str:
    """The text of a ruled cell whose lines were wrapped to its width.

    A word longer than the column is cut wherever the line is full ('Ndiay' / 'e',
    'n.uwimana@digital.gov.m' / 'w'); such a cut is joined back without a space, a
    wrap at a space keeps its space, so that an address printed with a space in it
    ('liu_ha@pbc. gov.cn') stays as printed and is never repaired into another one.
    """
    if not lines:
        return ""
    left = min(word.box[0] for line in lines for word in line.words)
    inner_right = box[2] - max(0.0, left - box[0])
    text = lines[0].text
    for before, after in zip(lines, lines[1:]):
        text += ("" if _cut_word(before, after, inner_right, inner_right - left) else " ") + after.text
    return text


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef"


def _cut_word(before: Line, after: Line, inner_right: float, inner_width: float) -> bool:
    """A line break inside a word: the line is full up to the last character that fitted,
    the piece below goes on in lower case (or an address), and the two pieces together
    are wider than the column, so the writer's program had to cut the word."""
    if not before.words or not after.words or any(is_rtl_char(c) for c in before.text + after.text):
        return False
    if _is_han(before.text[-1]) and _is_han(after.text[0]):
        return True  # Chinese has no spaces between words
    last, first = before.words[-1], after.words[0]
    if not (first.text[:1].islower() or first.text[:1].isdigit() or first.text[:1] in _ADDRESS_MARKS):
        return False
    if last.text[-1:] in ",;:)" or first.text.casefold() in _LINKS:
        return False
    first_char = (first.box[2] - first.box[0]) / max(1, len(first.text))
    full = inner_right - last.box[2] < first_char + _SLACK
    wide = (last.box[2] - last.box[0]) + (first.box[2] - first.box[0]) > inner_width
    return full and wide
