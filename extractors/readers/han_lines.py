"""The Chinese lines of a page image outside its ruled tables, witnessed by a second OCR engine.

With English loaded beside Chinese, Tesseract's page pass reads a label of
one or two characters ('姓：', '名') as Latin guesses ('ak', 'YE:'), drops a
value of one character ('王') as a speck, and takes characters for others
of like shape, sometimes sure of it. PP-OCR (han_witness) reads the page
once more, its tables left out (their cells are witnessed one by one), and
each word of the page pass is weighed against the characters PP-OCR read
inside its box by the rule the cells follow (han_witness.judge): what both
engines read is sure; where they differ the word is doubted; what Tesseract
took for Latin or left out is the witness's reading, doubted. Annex 2's
closed list settles a label, a role or an honorific, and the pinyin of the
nominee's address (the first address after the name) settles a name.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from typing import Any, NamedTuple

import cv2
import numpy as np

from extractors.readers.han_cells import DISPUTED
from extractors.readers.han_witness import (AGREED, WITNESS_SURE, Glyph, in_closed_list, judge, spelled_by_address,
                                            witness_strips)
from extractors.readers.ruled import missed_lines
from extractors.readers.table_grid import Table
from extractors.readers.ocr_lines import visual_lines
from extractors.readers.ocr_text import is_cjk

Box = tuple[int, int, int, int]

_ADDRESS = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_NAME = 3
"""Characters a Chinese given name or surname has at most (a value the address may settle)."""
_SPECK = re.compile(r"[^\w@]*[A-Za-z]{1,2}[^\w@]*")
"""A Latin letter or two, with signs: on a Chinese line where the witness reads nothing, a speck ('刘' 'x')."""
_NUMBER = re.compile(r"[(（]?\d{1,2}[.)）、]")
"""A paragraph's number ('2.', '(3)'), which opens a nominee: Tesseract drops it beside Chinese now and then."""


class Contest(NamedTuple):
    """A word of the page pass the witness read otherwise: Tesseract's reading and the witness's."""

    word: int
    kept: str
    seen: str


def _key(text: str) -> str:
    """A reading as the two engines are compared: full-width signs as their ASCII forms, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _has_han(text: str) -> bool:
    return any(is_cjk(char) for char in text)


def _worth_witnessing(text: str) -> bool:
    """Any word but an address (addresses have witnesses of their own): a Latin word on a Chinese page
    may be Chinese Tesseract took for Latin, and the witness says so only when it reads Chinese there."""
    return "@" not in text and not _ADDRESS.search(text)


def _inside(box: Box, tables: list[Box]) -> bool:
    middle = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    return any(x0 <= middle[0] < x1 and y0 <= middle[1] < y1 for x0, y0, x1, y1 in tables)


def _within(box: Box, strips: list[Box]) -> bool:
    """Whether a strip already read holds most of the box: read twice, its characters would be
    aligned twice, once as text no word covers."""
    return any(_across(box, strip) > _OWNED and min(box[3], strip[3]) - max(box[1], strip[1]) > (box[3] - box[1]) / 2
               for strip in strips)


def _word_box(data: dict[str, list[Any]], i: int) -> Box:
    return (data["left"][i], data["top"][i], data["left"][i] + data["width"][i], data["top"][i] + data["height"][i])


_OWNED = 0.5
"""Share of a box's width another must cover for the first to be read in it (a word in a line, a character in a word)."""


def _across(glyph: Box, box: Box) -> float:
    """Share of the glyph's width under the box, when they share half the height of the smaller."""
    high = min(glyph[3], box[3]) - max(glyph[1], box[1])
    if high < 0.5 * min(glyph[3] - glyph[1], box[3] - box[1]):
        return 0.0
    return max(0, min(glyph[2], box[2]) - max(glyph[0], box[0])) / max(1, glyph[2] - glyph[0])


def witness_lines(gray: np.ndarray, data: dict[str, list[Any]], grid: list[Table]) -> None:
    """The words of the page pass outside the ruled tables of `grid` weighed against PP-OCR's reading of
    their lines, and the Chinese text it alone found added, doubted (see the module). Only the lines in
    question are read again (see _in_question). `data` is Tesseract's TSV as columns, changed in place."""
    tables = [_extent(table) for table in grid]
    strips = _strips(gray, data, tables)
    strips += [box for box in missed_lines(gray, data, grid) if not _inside(box, tables) and not _within(box, strips)]
    glyphs = _distinct([glyph for glyph in witness_strips(gray, strips) if not _inside(glyph.box, tables)])
    lines: dict[int, list[Glyph]] = {}
    for glyph in glyphs:
        lines.setdefault(glyph.line, []).append(glyph)
    under = _words_under(data, lines, tables)
    contests: list[Contest] = []
    for number, line in lines.items():
        words = sorted((i for i, at in under.items() if at == number), key=lambda i: data["left"][i])
        readings, missed = _aligned(data, words, sorted(line, key=lambda glyph: glyph.box[0]))
        for i, reading in readings.items():
            if _worth_witnessing(data["text"][i]) and (contest := _weighed(data, i, reading)) is not None:
                contests.append(contest)
        sure = float(np.mean([glyph.score for glyph in line])) >= WITNESS_SURE
        for i in words:
            if sure and i not in readings and _SPECK.fullmatch(data["text"][i]):
                data["text"][i] = ""  # a speck: the witness read the line around it and nothing there
        for text, box in missed:
            contests.append(Contest(_add_word(data, text, box), "", text))
    _settle_names(data, contests)


def _words_under(data: dict[str, list[Any]], lines: dict[int, list[Glyph]], tables: list[Box]) -> dict[int, int]:
    """The witness's line each word of the page pass lies in (outside the tables): the line whose box
    holds the word's middle height and most of its width."""
    boxes = {number: (min(g.box[0] for g in line), min(g.box[1] for g in line),
                      max(g.box[2] for g in line), max(g.box[3] for g in line)) for number, line in lines.items()}
    under: dict[int, int] = {}
    for i, text in enumerate(data["text"]):
        box = _word_box(data, i)
        if not text or _inside(box, tables):
            continue
        middle = (box[1] + box[3]) / 2
        best = max(((_across(box, line), number) for number, line in boxes.items() if line[1] <= middle <= line[3]),
                   default=(0.0, -1))
        if best[0] >= _OWNED:
            under[i] = best[1]
    return under


Missed = tuple[str, Box]
"""Chinese text only the witness read, and its box."""


def _aligned(data: dict[str, list[Any]], words: list[int], line: list[Glyph]
             ) -> tuple[dict[int, tuple[str, float]], list[Missed]]:
    """The witness's reading (text, least score) of each word of its line, found by aligning the words'
    text with the line's (PP-OCR places characters by estimate, half a character off at times); and
    the runs of Chinese it read where no word lies."""
    kept = [_key(data["text"][i]) for i in words]
    owner = [n for n, text in enumerate(kept) for _ in text]
    chars = [(char, glyph) for glyph in line for char in _key(glyph.text)]
    seen = "".join(char for char, _ in chars)
    parts: list[list[int]] = [[] for _ in words]
    loose: list[int] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, "".join(kept), seen, autojunk=False).get_opcodes():
        if tag in ("equal", "replace"):
            for k in range(j1, j2):
                parts[owner[i1 + (k - j1) * (i2 - i1) // (j2 - j1)]].append(k)
        elif tag == "insert":
            loose.extend(range(j1, j2))
    outside: list[int] = []
    for k in loose:
        share, n = max(((_across(chars[k][1].box, _word_box(data, i)), n) for n, i in enumerate(words)),
                       default=(0.0, -1))
        if share >= _OWNED:
            parts[n].append(k)
        elif share == 0:
            outside.append(k)
    readings = {words[n]: ("".join(chars[k][0] for k in sorted(ks)), min(chars[k][1].score for k in ks))
                for n, ks in enumerate(parts) if ks}
    return readings, _runs(chars, outside)


def _runs(chars: list[tuple[str, Glyph]], outside: list[int]) -> list[Missed]:
    """Consecutive characters read where no word lies, as runs of Chinese (or a paragraph's number) the
    witness was sure of."""
    groups: list[list[int]] = []
    for k in outside:
        if groups and groups[-1][-1] == k - 1:
            groups[-1].append(k)
        else:
            groups.append([k])
    runs = []
    for group in groups:
        text = "".join(chars[k][0] for k in group)
        glyphs = [chars[k][1] for k in group]
        if (_has_han(text) or _NUMBER.fullmatch(text)) and min(glyph.score for glyph in glyphs) >= WITNESS_SURE:
            runs.append((text, (min(g.box[0] for g in glyphs), min(g.box[1] for g in glyphs),
                                max(g.box[2] for g in glyphs), max(g.box[3] for g in glyphs))))
    return runs


def _extent(table: Table) -> Box:
    """The box around a table's cells."""
    cells = [cell for row in table for cell in row]
    return (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))


def _distinct(glyphs: list[Glyph]) -> list[Glyph]:
    """Each glyph once: two strips that overlap show the same character twice."""
    kept: list[Glyph] = []
    for glyph in glyphs:
        if not any(other.text == glyph.text and _across(glyph.box, other.box) > _OWNED for other in kept):
            kept.append(glyph)
    return kept


def _strips(gray: np.ndarray, data: dict[str, list[Any]], tables: list[Box]) -> list[Box]:
    """The text column's width at the height of each line in question, and of each band of print no
    word covers (a line Tesseract dropped whole), outside the tables."""
    words = [i for i, text in enumerate(data["text"]) if text and not _inside(_word_box(data, i), tables)]
    if not words:
        return []
    left = min(data["left"][i] for i in words)
    right = max(data["left"][i] + data["width"][i] for i in words)
    ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1] > 0
    strips, heights = [], []
    for _, line in visual_lines(data):
        line = [i for i in line if i in set(words)]
        if not line:
            continue
        top = int(np.median([data["top"][i] for i in line]))
        bottom = int(np.median([data["top"][i] + data["height"][i] for i in line]))
        heights.append(bottom - top)
        pad = max(2, (bottom - top) // 4)
        if _in_question(data, line) or _uncovered(ink[top:bottom, left:right], data, line, left):
            strips.append((left, max(0, top - pad), right, min(gray.shape[0], bottom + pad)))
    height = int(np.median(heights)) if heights else 0
    for top, bottom in _dropped(ink, data, tables, height):
        if not any(min(bottom, y1) - max(top, y0) > (bottom - top) // 2 for _, y0, _, y1 in strips):
            strips.append((left, max(0, top - height // 4), right, min(gray.shape[0], bottom + height // 4)))
    return strips


def _dropped(ink: np.ndarray, data: dict[str, list[Any]], tables: list[Box], height: int) -> list[tuple[int, int]]:
    """Bands of rows (top, bottom) about a line of print high whose ink no word of the page pass covers."""
    if height < 4:
        return []
    bare = ink.copy()
    for i, text in enumerate(data["text"]):
        if text:
            x0, y0, x1, y1 = _word_box(data, i)
            bare[max(0, y0 - height // 4): y1 + height // 4, max(0, x0 - height // 2): x1 + height // 2] = False
    for x0, y0, x1, y1 in tables:
        bare[y0:y1, x0:x1] = False
    rows = bare.sum(axis=1) >= max(4, height // 2)
    bands, start = [], None
    for y, inked in enumerate([*rows, False]):
        if inked and start is None:
            start = y
        elif not inked and start is not None:
            if 0.6 * height <= y - start <= 1.6 * height:
                bands.append((start, y))
            start = None
    return bands


_SURE = 90.0
"""Tesseract's confidence at and above which a Chinese word is not read again when its line holds nothing else in question."""


def _in_question(data: dict[str, list[Any]], line: list[int]) -> bool:
    """A line with a word Tesseract doubted, with Latin letters outside an address, or with a word of a
    sign or two and no Chinese ('4:' for '名：'): on a Chinese page, Chinese may have been taken for them."""
    return any(float(data["conf"][i]) < _SURE or (_worth_witnessing(text := data["text"][i]) and (
        bool(re.search("[A-Za-z]", text)) or not _has_han(text) and len(text) <= 2)) for i in line)


def _uncovered(band: np.ndarray, data: dict[str, list[Any]], line: list[int], left: int) -> bool:
    """Ink in the line's band that none of its words covers, as wide as a character: something Tesseract
    dropped (a one-character value read as a speck)."""
    height = band.shape[0]
    if not height:
        return False
    inked = band.sum(axis=0) >= max(2, height // 8)
    for i in line:
        inked[max(0, data["left"][i] - left - height // 3): data["left"][i] + data["width"][i] - left + height // 3] = False
    run = longest = 0
    for column in inked:
        run = run + 1 if column else 0
        longest = max(longest, run)
    return bool(longest >= 0.4 * height)


def _weighed(data: dict[str, list[Any]], i: int, witness: tuple[str, float]) -> Contest | None:
    """One word weighed against the witness's reading of it (han_witness.judge); the contest left when
    they differ. The closed list settles only a reading as long as the word: the engines cut a line
    into words differently, and '组' read beside '织' is no misread label '组织'."""
    kept = _key(data["text"][i])
    if _latin_misread(kept, float(data["conf"][i]), witness):
        data["text"][i], data["conf"][i] = witness[0], DISPUTED
        return None
    if _other_edge_signs(kept, witness):
        data["text"][i] = kept = witness[0]
    verdict = judge(kept, [], witness, lambda seen: len(seen) == len(kept) and in_closed_list(seen))
    if verdict.text is not None:
        data["text"][i], data["conf"][i] = verdict.text, verdict.confidence or DISPUTED
        return Contest(i, kept, verdict.text) if verdict.confidence == DISPUTED else None
    if verdict.confidence is not None:
        data["conf"][i] = max(float(data["conf"][i]), verdict.confidence)
    elif verdict.doubted or _sign_for_han(kept, witness):
        data["conf"][i] = min(float(data["conf"][i]), DISPUTED)
        return Contest(i, kept, witness[0])
    return None


def _sign_for_han(kept: str, witness: tuple[str, float]) -> bool:
    """Whether Tesseract read a sign or a Latin letter where the witness surely reads Chinese ('-级调研员'
    for '一级调研员'): judge doubts only the Chinese characters the witness does not hold."""
    seen, score = witness
    if score < WITNESS_SURE:
        return False
    return any(tag == "replace" and not _has_han(kept[i1:i2]) and _has_han(seen[j1:j2])
               for tag, i1, i2, j1, j2 in SequenceMatcher(None, kept, seen, autojunk=False).get_opcodes())


_SIGNS = "\"'“”‘’|•·:;,.、，。：；"
"""Signs OCR reads at a word's edge for one another, or for a speck: a bold '：' comes out as '”'."""


def _other_edge_signs(kept: str, witness: tuple[str, float]) -> bool:
    """Whether the witness surely reads the word's characters alike and only other signs at its edges
    ('：先生' where Tesseract has '”先生', '1.' for '1，，'): its signs are the page's then."""
    seen, score = witness
    core = seen.strip(_SIGNS)
    return score >= WITNESS_SURE and seen != kept and bool(core) and core == kept.strip(_SIGNS)


_HAN_GUESS = 60.0
"""Below this confidence a character or two of Chinese where the witness reads Latin or digits is Tesseract's guess."""


def _latin_misread(kept: str, confidence: float, witness: tuple[str, float]) -> bool:
    """A character or two Tesseract doubtfully read as Chinese ('工.' for '1.', a paragraph's number) where
    the witness surely reads Latin letters or digits and no Chinese."""
    seen, score = witness
    return (score >= WITNESS_SURE and confidence < _HAN_GUESS and not _has_han(seen) and bool(re.search("[A-Za-z0-9]", seen))
            and 0 < sum(is_cjk(char) for char in kept) <= 2)


def _add_word(data: dict[str, list[Any]], text: str, box: Box) -> int:
    """A word appended to the TSV columns as a line of its own (visual_lines puts it beside its
    neighbours at its height), doubted; its index."""
    block = max(data["block_num"], default=0) + 1
    row = {"level": 5, "page_num": 1, "block_num": block, "par_num": 1, "line_num": 1, "word_num": 1,
           "left": box[0], "top": box[1], "width": box[2] - box[0], "height": box[3] - box[1],
           "conf": DISPUTED, "text": text}
    for column, values in data.items():
        values.append(row.get(column, 0))
    return len(data["text"]) - 1


def _value(text: str) -> str:
    """The part of a word after its label's colon ('姓:王' -> '王')."""
    return text.rsplit(":", 1)[-1]


def _settle_names(data: dict[str, list[Any]], contests: list[Contest]) -> None:
    """Contested names of one to three characters the witness read and the pinyin of the nominee's
    address spells (han_witness.spelled_by_address) take the witness's reading, sure. The address is
    the first one after the name in reading order; the other short Chinese words since the address
    before it are the rest of the name."""
    order = [i for _, line in visual_lines(data) for i in line]
    position = {i: n for n, i in enumerate(order)}
    addresses = [n for n, i in enumerate(order) if _ADDRESS.search(data["text"][i])]
    for contest in contests:
        seen = _value(contest.seen)
        if not 0 < len(seen) <= _NAME or not all(is_cjk(char) for char in seen) or contest.word not in position:
            continue
        at = position[contest.word]
        after = [n for n in addresses if n > at]
        if not after:
            continue
        start = max([n for n in addresses if n < at], default=-1)
        partners = [_value(_key(data["text"][i])) for i in order[start + 1:after[0]] if i != contest.word]
        partners = [p for p in partners if 0 < len(p) <= _NAME and all(is_cjk(char) for char in p)]
        address = _ADDRESS.search(data["text"][order[after[0]]])
        assert address is not None
        if spelled_by_address(_value(contest.kept), seen, partners, address.group(0)):
            data["text"][contest.word] = contest.seen
            data["conf"][contest.word] = AGREED
