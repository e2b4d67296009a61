"""Ruled tables and overlooked lines on a page image, each read whole in one stacked pass.

Tesseract reads a page's layout well until rules, multi-line cells or a
signature next to a name get in the way; the boxes found here are cut out
and read stacked one under the other.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import cv2
import numpy as np

from extractors.readers.address_ink import cell_line
from extractors.readers.address_separators import restored_address
from extractors.readers.bidi import rtl_share
from extractors.readers.cells import EMAIL, one_script, tidy_cell
from extractors.readers.cut_words import FIRM, Breaks, cell_breaks, cut_key, joined_word
from extractors.readers.han_cells import (DISPUTED, Reading, disputed, doubtful, enlarged_crops, enlargement,
                                          line_height, surer)
from extractors.readers.han_settle import settled, settled_field
from extractors.readers.han_witness import (AGREED, HAN_PACKS, Verdict, in_closed_list, judge, spelled_by_address,
                                            witness_cells)
from extractors.readers.ocr_text import BIDI_MARKS, is_cjk, join_words, letter_counts
from extractors.readers.ocr_thin_letters import settled_thin_letters
from extractors.readers.table_grid import Box
from extractors.readers.tesseract import read_words
from extractors.readers.wrapped_address import reread_wrapped

_ADDRESS_CELL = re.compile(r"[\w.'+-][\w.' +-]*@[\w.' +-]+")
"""A cell holding only an e-mail address, maybe wrapped over lines (read with spaces at the wraps)."""


def find_rules(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Masks of the long horizontal and vertical lines (table rules, underlines)."""
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    height, width = gray.shape
    across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (width // 20, 1)))
    down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, height // 40)))
    return across, down


def without_rules(gray: np.ndarray, across: np.ndarray, down: np.ndarray) -> np.ndarray:
    """The page with its rules painted white: Tesseract reads ruled tables badly otherwise."""
    mask = cv2.dilate(cv2.bitwise_or(across, down), np.ones((5, 5), np.uint8))
    clean = gray.copy()
    clean[mask > 0] = 255
    return clean


class CellWord(NamedTuple):
    """A word read in a box, with Tesseract's confidence (0..100): a field is as sure as its words."""

    text: str
    confidence: float
    box: Box


class StackedLine(NamedTuple):
    """A line read in a box: its text, where it starts and ends (pixels from the box's left), its height,
    and its top and bottom (pixels from the box's top)."""

    text: str
    left: int
    right: int
    height: int
    top: int = 0
    bottom: int = 0
    words: tuple[CellWord, ...] = ()
    """The line's words, their boxes in pixels from the box's top left."""


def read_stacked(image: np.ndarray, boxes: list[Box], lang: str,
                 min_confidence: float = -1.0) -> list[list[StackedLine]]:
    """The lines of text in each box, read in one Tesseract call on the boxes stacked with gaps.

    Read in place, the lines of side-by-side boxes (multi-line table cells,
    a name beside a signature) get mixed up or lost; stacked one under the
    other each box is a paragraph of its own. The stack is read as one
    uniform block: left to its own layout analysis Tesseract drops short
    lone words ('Mrs') and cells shaded grey.
    """
    return read_stacked_crops([image[y0:y1, x0:x1] for x0, y0, x1, y1 in boxes], lang, min_confidence)


def read_stacked_crops(crops: list[np.ndarray], lang: str, min_confidence: float = -1.0) -> list[list[StackedLine]]:
    """The lines of text in each crop, read stacked (see read_stacked); boxes in pixels of the crop."""
    gap = 40
    found: list[dict[int, list[int]]] = [{} for _ in crops]
    if not crops:
        return []
    montage = np.full((sum(c.shape[0] + gap for c in crops) + gap, max(c.shape[1] for c in crops) + 2 * gap),
                      255, np.uint8)
    spans: list[tuple[int, int]] = []
    cursor = gap
    for crop in crops:
        montage[cursor: cursor + crop.shape[0], gap: gap + crop.shape[1]] = crop
        spans.append((cursor - gap // 2, cursor + crop.shape[0] + gap // 2))
        cursor += crop.shape[0] + gap
    data = read_words(montage, lang, 6)
    for i, raw in enumerate(data["text"]):
        word = raw.translate(BIDI_MARKS).strip()
        centre = data["top"][i] + data["height"][i] / 2
        index = next((n for n, (top, bottom) in enumerate(spans) if top <= centre < bottom), None)
        if word and index is not None and float(data["conf"][i]) >= min_confidence:
            line = data["line_num"][i] + 1000 * data["par_num"][i] + 100000 * data["block_num"][i]
            data["text"][i] = word
            found[index].setdefault(line, []).append(i)
    return [[_stacked_line(data, indexes, gap, span[0] + gap // 2) for indexes in lines.values()]
            for lines, span in zip(found, spans)]


_SINGLE_LINE = 7
_RAW_LINE = 13
_ARABIC_PACK = "ara"
_ALONE_CONFIDENCE = 60.0
"""Mean confidence a table cell read alone needs (a line recovered from the page needs as much)."""


def read_alone(image: np.ndarray, boxes: list[Box], found: list[list[StackedLine]], lang: str,
               min_confidence: float) -> list[list[StackedLine]]:
    """`found` (the stacked reading of `boxes`) with each box it left empty read on its own, as one
    line, when its words are as sure as `min_confidence` on average and hold Arabic letters.

    Read stacked as one block, Arabic strips come back empty now and then: a line the page pass
    dropped (a short right-aligned line, an addressee's first line, a numbered paragraph's first
    label), a header cell. Measured on one photo, a strip read at 91 alone as a single line gave
    nothing in a block, and one strip Tesseract could not read emptied the whole block. Read with a
    white margin around it, such a strip gives nothing either: it is read as cut.
    """
    return [lines or _line_alone(image, box, lang, min_confidence) for box, lines in zip(boxes, found)]


def _line_alone(image: np.ndarray, box: Box, lang: str, min_confidence: float) -> list[StackedLine]:
    """The box read as one line with each pack and size of _ALONE_READS in turn until a reading holds
    no Latin guess; the reading with the fewest guesses, then the surest, when it passes."""
    x0, y0, x1, y1 = box
    crop = np.ascontiguousarray(image[y0:y1, x0:x1])
    best: tuple[int, float, StackedLine] | None = None
    for pack, size, mode in _ALONE_READS:
        found = _one_line(crop, pack or lang, size, mode)
        if found is None:
            continue
        line, sure = found
        guesses = sum(1 for word in line.text.split() if _LATIN_GUESS.search(word) and "@" not in word)
        if best is None or (-guesses, sure) > (-best[0], best[1]):
            best = (guesses, sure, line)
        if not guesses:
            break
    if best is None or best[1] < min_confidence or letter_counts(best[2].text, "Arabic")[0] < 2:
        return []
    return [best[2]]


_ALONE_READS: tuple[tuple[str | None, float, int], ...] = (
    (None, 1.0, _SINGLE_LINE), (_ARABIC_PACK, 1.0, _SINGLE_LINE), (None, 0.6, _SINGLE_LINE), (None, 1.0, _RAW_LINE))
"""Packs (None: the page's own), sizes and modes a box is read alone with, in turn: with English loaded
a label in a Kufi face can come out as Latin guesses ('Quail'); a strip Tesseract reads as nothing at
the page's size it may read smaller, or as a raw line (no layout analysis at all)."""
_LATIN_GUESS = re.compile("[A-Za-z]")


def _one_line(crop: np.ndarray, lang: str, size: float, mode: int) -> tuple[StackedLine, float] | None:
    """The crop read as a single line at `size`, its boxes brought back to the crop's scale, and its words'
    mean confidence; None when it reads as nothing."""
    pixels = crop if size == 1.0 else cv2.resize(crop, None, fx=size, fy=size, interpolation=cv2.INTER_AREA)
    data = read_words(np.ascontiguousarray(pixels), lang, mode)
    kept = [i for i, text in enumerate(data["text"]) if text.translate(BIDI_MARKS).strip()]
    if not kept:
        return None
    for i in kept:
        data["text"][i] = data["text"][i].translate(BIDI_MARKS).strip()
        for column in ("left", "top", "width", "height"):
            data[column][i] = round(data[column][i] / size)
    return _stacked_line(data, kept, 0, 0), sum(float(data["conf"][i]) for i in kept) / len(kept)


def _stacked_line(data: dict[str, list[Any]], indexes: list[int], left: int, top: int) -> StackedLine:
    words = tuple(CellWord(data["text"][i], float(data["conf"][i]),
                           (data["left"][i] - left, data["top"][i] - top,
                            data["left"][i] + data["width"][i] - left, data["top"][i] + data["height"][i] - top))
                  for i in indexes)
    return StackedLine(
        join_words([data["text"][i] for i in indexes]),
        min(data["left"][i] for i in indexes) - left,
        max(data["left"][i] + data["width"][i] for i in indexes) - left,
        max(data["height"][i] for i in indexes),
        min(data["top"][i] for i in indexes) - top,
        max(data["top"][i] + data["height"][i] for i in indexes) - top,
        words,
    )


def join_wrapped(lines: list[StackedLine], width: int, breaks: Breaks = Breaks()) -> str:
    """A cell's lines as one text; a word broken at the cell's edge ('McKenz' + 'ie') is one word again.

    A word too long for the cell is cut: it fills its line alone, up
    to the cell's right edge (less the padding the text keeps from the left
    one), and the line after it goes on with a small letter. E-mail
    addresses are left to tidy_cell: a dot lost at the cut must not make
    another valid-looking address. `breaks`: the breaks the page's own
    readings show to be cuts or spaces (see cut_words).
    """
    padding = min((line.left for line in lines), default=0)
    text = ""
    for n, (previous, line) in enumerate(zip([None, *lines], lines)):
        cut = (previous is not None and previous.right > width - padding - 0.6 * previous.height
               and n - 1 not in breaks.spaces and previous.text[-1:].isalpha() and line.text[:1].islower()
               and " " not in previous.text and "@" not in previous.text) or n - 1 in breaks.cuts
        glue = "" if cut or previous is None or (is_cjk(text[-1]) and is_cjk(line.text[0])) else " "
        text += glue + line.text
    return text


def _cell_witnesses(boxes: list[Box], read: list[list[StackedLine]]) -> list[tuple[str, Box]]:
    """The cells' words read firmly, with their boxes on the page: witnesses of words other cells cut."""
    return [(word.text, (box[0] + word.box[0], box[1] + word.box[1], box[0] + word.box[2], box[1] + word.box[3]))
            for box, lines in zip(boxes, read) for line in lines for word in line.words if word.confidence >= FIRM]


def _on_page(box: Box, words: list[CellWord]) -> list[CellWord]:
    """A cell's words with their boxes on the page, spelled as the cell's text is (one_script)."""
    return [word._replace(text=one_script(word.text), box=(box[0] + word.box[0], box[1] + word.box[1],
                                                             box[0] + word.box[2], box[1] + word.box[3]))
            for word in words]


def _joined_words(lines: list[StackedLine], cuts: frozenset[int]) -> list[CellWord]:
    """The words whole again at the cuts found (see cut_words), for the field to be weighed by."""
    return [joined_word(lines[n].words[-1], lines[n + 1].words[0]) for n in sorted(cuts)]


class ReadTables(NamedTuple):
    """The cell texts of a page's ruled tables, each cell read with its box (pixels, inside the
    rules), and the words they were read from (page pixels)."""

    tables: list[list[list[str]]]
    cells: list[tuple[str, Box]]
    words: list[CellWord]
    doubted: list[tuple[frozenset[str], Box]] = []
    """The characters the two OCR engines disagree on in a cell, and its box: the page pass's reading
    of them there is no surer (see han_witness)."""


def _ink_level(clean: np.ndarray) -> float:
    """Grey level below which a pixel is ink: a pale photo's print is lighter than a scan's."""
    return max(128.0, float(cv2.threshold(clean, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[0]))


def _inked_cells(clean: np.ndarray, tables: list[list[list[Box]]]) -> dict[tuple[int, int, int], Box]:
    """The boxes, inset from the rules, of the cells holding ink, keyed by (table, row, column)."""
    inset, level = 4, _ink_level(clean)
    cells: dict[tuple[int, int, int], Box] = {}
    for t, table in enumerate(tables):
        for r, row in enumerate(table):
            for c, (x0, y0, x1, y1) in enumerate(row):
                crop = clean[y0 + inset: y1 - inset, x0 + inset: x1 - inset]
                if crop.size and int((crop < level).sum()) > 30:
                    cells[(t, r, c)] = (x0 + inset, y0 + inset, x1 - inset, y1 - inset)
    return cells


def _better_reading(mixed: list[StackedLine], alone: list[StackedLine]) -> list[StackedLine]:
    """A cell read with the script's pack alone wins when it reads more of the script, and mostly it.

    With English loaded beside Chinese, Tesseract takes a short cell it
    doubts ('晓燕', '博士') for Latin letters ('Beak', 'f+') or drops it;
    the Chinese pack alone reads it. Addresses stay with the mixed reading.
    """
    own, latin = letter_counts(" ".join(line.text for line in alone))
    return alone if own > letter_counts(" ".join(line.text for line in mixed))[0] and own >= latin else mixed


class Dispute(NamedTuple):
    """A cell the two engines left in doubt: the witness's reading, the characters doubted, and the
    witness's reading when it differs only where Tesseract doubted (han_settle), else None."""

    seen: str
    doubted: frozenset[str]
    settled: str | None


Disputes = dict[int, Dispute]
"""The cells (by index) the two engines left in doubt."""


def _cell_lines(clean: np.ndarray, boxes: list[Box], lang: str, own: str | None,
                page_words: list[tuple[str, Box]]) -> tuple[list[list[StackedLine]], Disputes]:
    """Each box's lines, read with the page's packs; with `own`, the cells read as no letters of the
    script ('=' for '李', Latin guesses, nothing) read again with it alone. Chinese cells are
    witnessed (see _witnessed): the second engine's reading of each cell the two disagree on."""
    read = read_stacked(clean, boxes, lang)
    if lang.split("+")[0] == _ARABIC_PACK:  # a cell the block left empty ('المسمى الوظيفي'), or read
        read = read_alone(clean, boxes, read, lang, _ALONE_CONFIDENCE)  # as Latin ('وزارة Mol gall')
        _again_alone(clean, boxes, read, _ARABIC_PACK)
    if own is None:
        return read, {}
    _again_alone(clean, boxes, read, own)
    enlarged = _reread_enlarged(clean, boxes, read, own)
    if own not in HAN_PACKS:
        return read, {}
    others = [[text for text in (enlarged.get(n), _page_reading(page_words, box)) if text]
              for n, box in enumerate(boxes)]
    return read, _witnessed(clean, boxes, read, others)


_SURE_WORD = 80.0
"""A cell's word read less sure than this is one the page pass may correct (see _unsplit)."""


def _unsplit(text: str, lines: list[StackedLine], page: list[str]) -> str:
    """An Arabic cell as the page pass read it, in fewer words, when the cell's reading doubts a word
    and either differs from the page's only by spaces ('العنز زي' for 'العنزي': a letter that does not
    join the next leaves a gap the cell's reading, short of context, takes for a space) or read some
    ink twice (two of its words overlap: 'العنز' + 'زي')."""
    words = [word for line in lines for word in line.words]
    doubted = any(word.confidence < _SURE_WORD for word in words)
    whole = " ".join(page)
    if not (doubted and page and len(page) < len(text.split())):
        return text
    return whole if whole.replace(" ", "") == text.replace(" ", "") or _read_twice(lines) else text


def _read_twice(lines: list[StackedLine]) -> bool:
    """Two words of a line whose boxes share more than a quarter of the narrower one's width."""
    for line in lines:
        for a, b in zip(line.words, line.words[1:]):
            shared = min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])
            if shared > min(a.box[2] - a.box[0], b.box[2] - b.box[0]) / 4:
                return True
    return False


def _again_alone(clean: np.ndarray, boxes: list[Box], read: list[list[StackedLine]], own: str) -> None:
    """The cells read as no letters of the script, or with Latin letters (no address), read again with
    the script's pack `own` alone; the better reading of each kept (see _better_reading)."""
    texts = [" ".join(line.text for line in lines) for lines in read]
    again = [n for n, text in enumerate(texts)
             if "@" not in text and ((counts := letter_counts(text))[1] > 0 or counts[0] == 0)]
    for n, lines in zip(again, read_stacked(clean, [boxes[n] for n in again], own)):
        read[n] = _better_reading(read[n], lines)


def _page_words(page_words: list[tuple[str, Box]], box: Box) -> list[str]:
    """The page pass's words inside a cell's box, in its reading order."""
    x0, y0, x1, y1 = box
    return [text for text, (left, top, right, bottom) in page_words
            if x0 <= (left + right) / 2 < x1 and y0 <= (top + bottom) / 2 < y1]


def _page_reading(page_words: list[tuple[str, Box]], box: Box) -> str:
    """What the page pass read inside a cell's box, in its reading order: Tesseract's other reading
    of the cell (read with the page around it, not alone)."""
    return "".join(_page_words(page_words, box))


def _reading(lines: list[StackedLine]) -> Reading:
    return Reading([(word.text, word.confidence) for line in lines for word in line.words])


def _reread_enlarged(clean: np.ndarray, boxes: list[Box], read: list[list[StackedLine]],
                     own: str) -> dict[int, str]:
    """Doubtful Chinese cells read again enlarged and in black and white (see han_cells); the surer
    reading of each is kept, its boxes brought back to the page's scale, and where the two disagree
    the kept words are doubted. Returns the reading not kept of each cell read again."""
    readings = [_reading(lines) for lines in read]
    again = [n for n, reading in enumerate(readings) if doubtful(reading)]
    if not again:
        return {}
    factor = enlargement([line_height(clean[y0:y1, x0:x1]) for x0, y0, x1, y1 in (boxes[n] for n in again)])
    if factor == 1.0:
        return {}
    crops = enlarged_crops(clean, [boxes[n] for n in again], factor)
    others: dict[int, str] = {}
    for n, lines in zip(again, read_stacked_crops(crops, own)):
        if surer(readings[n], _reading(lines)):
            read[n] = [_shrunk(line, factor) for line in lines]
            others[n] = readings[n].text
            continue
        others[n] = _reading(lines).text
        if chars := disputed(readings[n], _reading(lines)):
            read[n] = [line._replace(words=tuple(_doubted(word, chars) for word in line.words)) for line in read[n]]
    return others


def _doubted(word: CellWord, chars: set[str] | frozenset[str]) -> CellWord:
    """A word holding a character two readings disagree on, no surer than DISPUTED."""
    return word._replace(confidence=min(word.confidence, DISPUTED)) if chars & set(word.text) else word


def _witnessed(clean: np.ndarray, boxes: list[Box], read: list[list[StackedLine]],
               others: list[list[str]]) -> Disputes:
    """Every Chinese cell read again by the second engine and weighed against Tesseract's readings
    (see han_witness): agreed readings made sure, disagreements doubted, a doubtful honorific settled.
    Returns the witness's reading of each cell left in doubt and the characters doubted."""
    cells = [n for n, lines in enumerate(read) if _worth_witnessing(_reading(lines).text)]
    disputes: Disputes = {}
    for n, witness in zip(cells, witness_cells(clean, [boxes[n] for n in cells])):
        tesseract = _reading(read[n])
        verdict = judge(tesseract.text, others[n], witness, in_closed_list)
        read[n] = _judged(read[n], boxes[n], verdict)
        if verdict.doubted or verdict.confidence == DISPUTED:  # the witness's alone, or the two differ
            disputes[n] = Dispute(witness[0], verdict.doubted, settled(tesseract.words, witness))
    return disputes


def _judged(lines: list[StackedLine], box: Box, verdict: Verdict) -> list[StackedLine]:
    """A cell's lines as the witness's verdict leaves them (see han_witness.judge)."""
    if verdict.text is not None:
        width, height = box[2] - box[0], box[3] - box[1]
        return [StackedLine(verdict.text, 0, width, height, 0, height,
                            (CellWord(verdict.text, verdict.confidence or DISPUTED, (0, 0, width, height)),))]
    if verdict.confidence is not None:
        sure = verdict.confidence
        return [line._replace(words=tuple(word._replace(confidence=max(word.confidence, sure))
                                          for word in line.words)) for line in lines]
    return [line._replace(words=tuple(_doubted(word, verdict.doubted) for word in line.words)) for line in lines]


def _spelled_in_line(texts: dict[tuple[int, int, int], str], key: tuple[int, int, int], seen: str) -> bool:
    """Whether the one address in the cell's row or column spells the witness's reading of the cell
    and not Tesseract's (see han_witness.spelled_by_address); the row's or column's other short
    Chinese cells are the rest of the name."""
    table, row, column = key
    line = [text for (t, r, c), text in texts.items() if t == table and (r == row) != (c == column)]
    addresses = [text for text in line if EMAIL.fullmatch(text)]
    partners = [text for text in line if 0 < len(text) <= 3 and all(is_cjk(char) for char in text)]
    return len(addresses) == 1 and spelled_by_address(texts[key], seen, partners, addresses[0])


def _worth_witnessing(text: str) -> bool:
    """A cell with Chinese in it, or one read as a few Latin letters or nothing (a short Chinese cell
    Tesseract took for Latin or lost); addresses have their own witnesses (address_ink)."""
    return "@" not in text and (any(is_cjk(char) for char in text) or len(text.strip()) <= 4)


def _shrunk(line: StackedLine, factor: float) -> StackedLine:
    """A line read on an enlarged crop, in the crop's own pixels again."""
    def back(value: int) -> int:
        return round(value / factor)
    words = tuple(word._replace(box=(back(word.box[0]), back(word.box[1]), back(word.box[2]), back(word.box[3])))
                  for word in line.words)
    return StackedLine(line.text, back(line.left), back(line.right), back(line.height), back(line.top),
                       back(line.bottom), words)


def read_cells(clean: np.ndarray, tables: list[list[list[Box]]], lang: str, own: str | None = None,
               page_words: list[tuple[str, Box]] | None = None,
               firm: list[tuple[str, Box]] | None = None) -> ReadTables:
    """Cell texts of ruled tables, each cell read whole (see read_stacked); `own` is the pack of the
    page's script alone, for the cells the packs together take for Latin (see _better_reading);
    `page_words` (text, box in pixels) are the page pass's, a reading the witness may confirm; `firm`
    the page pass's firm words (cut_words.firm_words), witnesses of a word a cell cut."""
    cells = _inked_cells(clean, tables)
    boxes = list(cells.values())
    texts: dict[tuple[int, int, int], str] = {}
    words: dict[tuple[int, int, int], list[CellWord]] = {}
    read, disputes = _cell_lines(clean, boxes, lang, own, page_words or [])
    arabic = lang.split("+")[0] == _ARABIC_PACK
    witnesses = [(cut_key(text), box) for text, box in _cell_witnesses(boxes, read)] + list(firm or [])
    for key, box, lines in zip(cells, boxes, read):
        breaks = cell_breaks(lines, box, witnesses)
        texts[key] = tidy_cell(one_script(join_wrapped(lines, box[2] - box[0], breaks)))
        if arabic:
            texts[key] = _unsplit(texts[key], lines, _page_words(page_words or [], box))
        if arabic and "@" in texts[key] and not texts[key].isascii():
            texts[key] = _latin_address(clean, box) or texts[key]
        if lines and _ADDRESS_CELL.fullmatch(texts[key]):
            crop = clean[box[1]:box[3], box[0]:box[2]]
            height = max(line.height for line in lines)
            texts[key] = reread_wrapped(crop, height, texts[key]) or texts[key]
        if "@" in texts[key] and not EMAIL.fullmatch(texts[key]):
            texts[key] = _reread_address(clean, box) or texts[key]
        if "@" in texts[key]:
            texts[key] = _with_thin_letters(clean, box, _with_separators(clean, box, texts[key]))
        if "@" not in texts[key]:  # an address has its own witnesses (address_ink)
            words[key] = _on_page(box, [word for line in lines for word in line.words]
                                  + _joined_words(lines, breaks.cuts))
    doubted = _settle(texts, words, dict(zip(list(cells), boxes)), disputes)
    result: list[list[list[str]]] = []
    for t, table in enumerate(tables):
        rows = [[texts.get((t, r, c), "") for c in range(len(row))] for r, row in enumerate(table)]
        rows = [row for row in rows if any(row)]
        if rows and rtl_share(" ".join(" ".join(row) for row in rows)) >= 0.5:
            rows = [row[::-1] for row in rows]
        if rows:
            result.append(rows)
    return ReadTables(result, [(texts[key], box) for key, box in cells.items() if texts[key]],
                      [word for found in words.values() for word in found], doubted)


def _settle(texts: dict[tuple[int, int, int], str], words: dict[tuple[int, int, int], list[CellWord]],
            boxes: dict[tuple[int, int, int], Box], disputes: Disputes) -> list[tuple[frozenset[str], Box]]:
    """The disputed cells the address in their line settles (a name), or the witness (a job title or an
    organization, see han_settle), made the witness's reading, sure; the others' doubted characters and
    boxes, returned. `texts` and `words` are changed in place."""
    keys = list(boxes)
    doubted = []
    for n, dispute in disputes.items():
        key = keys[n]
        if _spelled_in_line(texts, key, dispute.seen):
            texts[key], words[key] = dispute.seen, [CellWord(dispute.seen, AGREED, boxes[key])]
        elif dispute.settled and settled_field(_heads(texts, key)):
            texts[key], words[key] = dispute.settled, [CellWord(dispute.settled, AGREED, boxes[key])]
        else:
            doubted.append((dispute.doubted, boxes[key]))
    return doubted


def _heads(texts: dict[tuple[int, int, int], str], key: tuple[int, int, int]) -> list[str]:
    """The texts at the head of a cell's column and of its row (the cell itself left out): where a table's
    labels stand."""
    table, row, column = key
    return [texts.get(head, "") for head in ((table, 0, column), (table, row, 0)) if head != key]


def _with_separators(clean: np.ndarray, box: Box, text: str) -> str:
    """An address cell's reading with the separators it lost put back, when its ink and re-reads agree."""
    x0, y0, x1, y1 = box
    found = cell_line(clean[y0:y1, x0:x1])
    return (restored_address(*found, text) if found else None) or text


def _with_thin_letters(clean: np.ndarray, box: Box, text: str) -> str:
    """An address cell's reading with the thin letters (i, j, l) its one-line strip reads otherwise as its ink shows them."""
    x0, y0, x1, y1 = box
    found = cell_line(clean[y0:y1, x0:x1])
    settled = settled_thin_letters(found[0], "".join(text.split())) if found else None
    return settled if settled and EMAIL.fullmatch(settled) else text


def _reread_address(clean: np.ndarray, box: Box) -> str | None:
    """An e-mail cell read again, enlarged, with the English model alone; None unless it is one address.

    A dot at the end of a wrapped line is the first thing the page reading loses.
    """
    x0, y0, x1, y1 = box
    crop = cv2.resize(clean[y0:y1, x0:x1], None, fx=1.5, fy=1.5, interpolation=cv2.INTER_CUBIC)
    padded = cv2.copyMakeBorder(crop, 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)
    words = [word for word in read_words(padded, "eng", 6)["text"] if word.strip()]
    address = tidy_cell(" ".join(words))
    return address if EMAIL.fullmatch(address) else None


def _latin_address(clean: np.ndarray, box: Box) -> str | None:
    """An address cell part of which the page's packs read in their own script ('...gov.k' / 'w' read
    'الا'), read with the English model alone as printed: its pieces, for the wrapped-address reading."""
    x0, y0, x1, y1 = box
    read = tidy_cell(" ".join(word for word in read_words(clean[y0:y1, x0:x1], "eng", 6)["text"] if word.strip()))
    return read if read.isascii() and _ADDRESS_CELL.fullmatch(read) else None


def _without_large_marks(ink: np.ndarray, tallest: float) -> None:
    """Ink taller than a line of text taken out: a stamp's ring or a signature's stroke beside a name
    would join it into one blob too tall to be a line, and the name would be lost with it."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    large = [i for i in range(1, count) if stats[i, cv2.CC_STAT_HEIGHT] > tallest]
    if large:
        ink[np.isin(labels, large)] = 0


def missed_lines(clean: np.ndarray, data: dict[str, list[Any]], tables: list[list[list[Box]]],
                 join: float = 0.0) -> list[Box]:
    """Boxes of text-like ink that no word covers: a name under a signature, text under a stamp.

    With `join`, pieces of ink side by side on one row less than so many of their heights apart
    are one line (a label, its value and the paragraph's number: a line the page pass dropped whole),
    and a line may be as short as one short word ('السيد', a value the page pass dropped alone).
    """
    ink = cv2.threshold(clean, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    for x0, y0, x1, y1 in _read_ink(data):
        ink[max(0, y0 - 4): y1 + 4, max(0, x0 - 4): x1 + 4] = 0
    for table in tables:
        ink[table[0][0][1]: table[-1][-1][3], table[0][0][0]: table[-1][-1][2]] = 0
    height = clean.shape[0]
    _without_large_marks(ink, 0.04 * height)
    blobs = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (25, 3)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(blobs)
    found: list[Box] = [(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h, _ in stats[1:count]]
    if join:
        found = joined_along_rows([box for box in found if box[3] - box[1] >= 0.008 * height], join)
    boxes = []
    for x0, y0, x1, y1 in found:
        w, h = x1 - x0, y1 - y0
        filled = int((ink[y0:y1, x0:x1] > 0).sum())
        short = w < 3 * h and bool(join) and w >= _SHORT_WORD * h and _apart(data, (x0, y0, x1, y1))
        if 0.008 * height <= h <= 0.04 * height and (w >= 3 * h or short) and 0.05 <= filled / (w * h) <= 0.5:
            boxes.append((max(0, x0 - 6), max(0, y0 - 6), x1 + 6, y1 + 6))
    return boxes


def _read_ink(data: dict[str, list[Any]]) -> list[Box]:
    """Where the page pass read ink: each word's box, and the gap between two words side by side on one
    row less than the left word's height apart.

    Tesseract's boxes of Chinese characters are often narrower than their
    strokes; the ink between two such boxes is the halves of characters
    already read, not a line of its own ('数码发展' read again as '数码发引发展及').
    A gap that narrow holds no word a missed line could be made of.
    """
    boxes = sorted((data["left"][i], data["top"][i], data["left"][i] + data["width"][i],
                    data["top"][i] + data["height"][i]) for i, text in enumerate(data["text"]) if text)
    covered: list[Box] = list(boxes)
    for at, (x0, y0, x1, y1) in enumerate(boxes):
        for left, top, _, bottom in boxes[at + 1:]:
            if left - x1 >= y1 - y0:
                break
            if left > x1 and min(y1, bottom) - max(y0, top) > 0.5 * min(y1 - y0, bottom - top):
                covered.append((x1, min(y0, top), left, max(y1, bottom)))
                break
    return covered


def _apart(data: dict[str, list[Any]], box: Box) -> bool:
    """No word the page pass read on the box's row within two of its heights: a short box beside a word is
    the edge of that word's ink its box left out, not a word of its own."""
    x0, y0, x1, y1 = box
    reach = 2 * (y1 - y0)
    for i, text in enumerate(data["text"]):
        left, top, right, bottom = (data["left"][i], data["top"][i], data["left"][i] + data["width"][i],
                                    data["top"][i] + data["height"][i])
        shared = min(bottom, y1) - max(top, y0)
        if text and shared > 0.5 * min(bottom - top, y1 - y0) and left - reach < x1 and right + reach > x0:
            return False
    return True


_SHORT_WORD = 1.5
"""Widths of its height a box of ink standing apart from every word read must reach to be read as a line
where lines are joined (any other box: 3)."""


def joined_along_rows(boxes: list[Box], gap: float) -> list[Box]:
    """Boxes that share most of their height and lie less than `gap` of their heights apart (and the
    boxes joined to them so, in turn) made one."""
    group = list(range(len(boxes)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            b = boxes[j]
            shared = min(a[3], b[3]) - max(a[1], b[1])
            apart = max(a[0], b[0]) - min(a[2], b[2])
            if shared >= 0.5 * min(a[3] - a[1], b[3] - b[1]) and apart <= gap * max(a[3] - a[1], b[3] - b[1]):
                group[root(j)] = root(i)
    merged: dict[int, Box] = {}
    for i, box in enumerate(boxes):
        was = merged.get(root(i), box)
        merged[root(i)] = (min(was[0], box[0]), min(was[1], box[1]), max(was[2], box[2]), max(was[3], box[3]))
    return list(merged.values())
