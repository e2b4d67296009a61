"""Words a narrow table cell cut at its right edge ('Министерств' / 'о цифрового'), told by the cell's geometry
and the page's own firm readings.

A cell's lines are wrapped to its width: a word too long for what is left of a line
goes to the next, or, where the letter's writer broke words by characters, is cut
where the line is full. Geometry alone cannot tell the two apart when the word the
next line starts with is one letter long, but it rules a cut out when the next
line's first letter would have fitted after the last word: no line of the cell
reaches further right than the wrap width. Where geometry allows a cut, the
pieces are one word only if the page reads the joined word firmly elsewhere (in
another cell, the letterhead, the text), or up to look-alike glyphs when a piece
was itself a guess (the joined word then stays as doubtful as that piece). A cut
is never guessed across a hyphen, a sign, a capital or an address, nor in right-to-left script
(nor in Chinese, which a cell's lines join without a space whatever).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from extractors.readers.bidi import is_rtl_char
from extractors.readers.cells import one_script
from extractors.readers.lookalike_glyphs import lookalike_swaps
from extractors.readers.ocr_text import is_cjk

if TYPE_CHECKING:
    from extractors.readers.ruled import CellWord, StackedLine

Box = tuple[int, int, int, int]
FIRM = 85.0
"""Tesseract's confidence (0..100) a reading needs to witness a cut: good print reads 85 and more."""
DOUBTFUL = 50.0
"""A piece read less sure than this is a guess: a joined word may differ from the witness by look-alikes there."""
_SLACK = 0.25
"""Of a line's height: how far an inked box may fall short of where the glyph's advance ends."""


def firm_words(data: dict[str, Any]) -> list[tuple[str, Box]]:
    """The words of a Tesseract reading (image_to_data's columns) read firmly, with their boxes."""
    return [(cut_key(text), (data["left"][i], data["top"][i], data["left"][i] + data["width"][i],
                          data["top"][i] + data["height"][i]))
            for i, text in enumerate(data["text"]) if text and float(data["conf"][i]) >= FIRM]


def cut_key(text: str) -> str:
    """A word as it is compared: case and the signs around it aside."""
    return text.strip(" .,;:()[]«»\"'").casefold()


class Breaks(NamedTuple):
    """What the page's own readings say of a cell's line breaks (indexes i: the break after line i)."""

    cuts: frozenset[int] = frozenset()
    """Breaks inside a word (see above)."""
    spaces: frozenset[int] = frozenset()
    """Breaks at a space: both pieces are words the page reads firmly elsewhere, and their join is not. A word
    that merely fills its line ('Transformation' / 'numérique') is not cut, however near the edge it ends."""


def cell_breaks(lines: list[StackedLine], cell: Box, firm: list[tuple[str, Box]]) -> Breaks:
    """The breaks of a cell's lines the page's firm words (see firm_words) show to be cuts or spaces.
    `cell`: the cell's box on the page; the firm words inside it witness nothing."""
    witnesses = {text for text, box in firm if not _inside(box, cell)}
    edge = max((line.right - line.left for line in lines), default=0)
    pairs = [(n, before.words[-1], after.words[0]) for n, (before, after) in enumerate(zip(lines, lines[1:]))
             if before.words and after.words]
    cuts = {n for n, last, first in pairs if _may_be_cut(lines[n], lines[n + 1], edge)
            and _witnessed(last, first, witnesses)}
    spaces = {n for n, last, first in pairs if cut_key(last.text + first.text) not in witnesses
              and {cut_key(last.text), cut_key(first.text)} <= witnesses}
    return Breaks(frozenset(cuts), frozenset(spaces - cuts))


def _inside(box: Box, cell: Box) -> bool:
    middle_x, middle_y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return cell[0] <= middle_x < cell[2] and cell[1] <= middle_y < cell[3]


def _may_be_cut(before: StackedLine, after: StackedLine, edge: int) -> bool:
    """The next line's first letter would not have fitted after the line's last word, and the two pieces
    are letters on both sides of the break (no hyphen, sign or address), the second not a capital, in a
    script written left to right. Lines are measured from their own left end: a photographed cell leans,
    and its lines start and end further right the lower they are."""
    last, first = before.words[-1].text, after.words[0]
    letter = (first.box[2] - first.box[0]) / max(len(first.text), 1)
    fits = before.right - before.left + letter + _SLACK * before.height <= edge
    cased = first.text[:1].isupper() and not last.isupper()
    letters = last[-1:].isalpha() and first.text[:1].isalpha() and not any(
        is_rtl_char(char) or is_cjk(char) for char in last[-1] + first.text[0])  # Chinese cells are glued anyway
    return not fits and letters and not cased and "@" not in last + first.text


def _witnessed(last: CellWord, first: CellWord, witnesses: set[str]) -> bool:
    """The joined word is a firm word of the page; or, when a piece is a guess, one but for look-alikes
    (Latin letters drawn like Cyrillic ones read as those: 'промышленн' + 'ocTu')."""
    joined = cut_key(one_script(last.text + first.text))
    if joined in witnesses:
        return True
    return _guessed(last, first) and any(lookalike_swaps(joined, word) is not None
                                         for word in witnesses if abs(len(word) - len(joined)) <= 2)


def _guessed(last: CellWord, first: CellWord) -> bool:
    """A piece Tesseract doubted, or read in another script than the other: no word changes script in its middle."""
    return min(last.confidence, first.confidence) < DOUBTFUL or _scripts(last.text) ^ _scripts(first.text) == {
        "Latin", "Cyrillic"}


def _scripts(text: str) -> set[str]:
    return {"Cyrillic" if "\u0400" <= char <= "\u04ff" else "Latin" for char in text if char.isalpha() and (
        char.isascii() or "\u0400" <= char <= "\u04ff")}


def joined_word(last: CellWord, first: CellWord) -> CellWord:
    """The cut word whole: as sure as its least sure piece (a guess when its pieces are in two scripts), its
    box the two pieces' together."""
    box = (min(last.box[0], first.box[0]), min(last.box[1], first.box[1]),
           max(last.box[2], first.box[2]), max(last.box[3], first.box[3]))
    sure = min(last.confidence, first.confidence, DOUBTFUL - 1 if _guessed(last, first) else 100.0)
    return last._replace(text=last.text + first.text, confidence=sure, box=box)
