"""Is every bit of ink of an OCRed e-mail address accounted for by a character read?

On scans and photos Tesseract confidently drops a small mark: the '.' of
'olivier.rousseau' goes and 'olivierrousseau' looks like a fine address, so
the meeting link would go to a stranger. The page's reading cannot say so,
the ink can: the address word is cut out of the page, read again character
by character, and every blob of ink in it must lie under a character read.
A blob no character covers (a dot between two letters, a hyphen, an
underscore) is a character the reading lost. An address that cannot be found
on the page at all is not accounted for either.
"""

from __future__ import annotations

import itertools
import re

import cv2
import numpy as np

from extractors.model import Page, Word
from extractors.readers.address_rereads import NOT_ADDRESS, letters_of, lookalike_reading, rereadings, same_reading
from extractors.readers.cells import EMAIL
from extractors.readers.ocr_thin_letters import ink_settles
from extractors.readers.split_address import split_word
from extractors.readers.tesseract import Symbol, read_symbols
from extractors.readers.torn_address import Part, torn_parts
from extractors.readers.wrapped_address import ink_bands, one_line

_PAD = 0.35
"""Margin above and below the word box, in word heights: a lost mark may sit just outside the box."""
_SIDE_PAD = 1.2
"""Margin to either side, in word heights: a letter torn off the word ('k' 'benamar@...') is still seen."""
_SPECK = 0.0025
"""Blobs smaller than this share of the word height squared are scanner dust, not a dot."""
_MARKS = frozenset(".,-_:;")
"""Characters with one small mark low on the line."""
_LOCAL = re.compile(r"([\w.%+'-]+)@")
_ENLARGE_BELOW = 40
"""A crop lower than this many pixels is enlarged before it is read again."""
_LEGIBLE = 24
"""Pixels of a line of print on the page below which the page pass misreads it (a photo's, a 150 dpi
scan's table cells): its reading there is no witness, for or against."""
_MIN_PRINT = 12
"""Pixels from ascender to descender below which no reading of an address is sure: in a photo of about
100 dpi every witness reads 'k.ndlaye' for 'k.ndiaye' alike, and the ink's blobs no longer tell i from l."""
_WORD_SIDE = 0.15
"""Margin to either side of a word read on its own, in word heights: its first and last letters whole."""
_CYRILLIC_LOOKALIKES = str.maketrans("аеорсхукгиАВЕКМНОРСТХ", "aeopcxykruABEKMHOPCTX")
"""Cyrillic letters a page pass with Russian loaded reads for the Latin ones of an address ('.ги' for '.ru')."""
_PART_SIZES = (1.0, 1.5, 2.0)
"""The sizes a torn address's part is read again at, until one reading accounts for it."""
_RUN = re.compile(r"[\w.%+'@,;:-]+")
"""A run of what an address is made of, with the marks that may join it to its neighbours."""


def _located(pages: list[Page], address: str) -> tuple[Page, Word] | None:
    """The page word that starts the address ('E-mail:' or a torn-off domain aside); an address with
    no local part has nothing to tell its word from another address's."""
    local = address.split("@", 1)[0].casefold() + "@"
    if local == "@":
        return None
    for page in pages:
        for word in page.words:
            if page.image is not None and word.confidence is not None and local in word.text.casefold():
                return page, word
    return None


def _crop(page: Page, word: Word, side_pad: float = _SIDE_PAD) -> tuple[np.ndarray, tuple[float, float]]:
    """The word's pixels in grey, with a margin (`side_pad` word heights to either side), enlarged when
    small; and the word's own span across it."""
    assert page.image is not None
    image = page.image
    scale = image.shape[1] / page.width if page.width else 1.0
    x0, y0, x1, y1 = (v * scale for v in word.box)
    pad, side = _PAD * (y1 - y0), side_pad * (y1 - y0)
    top, bottom = max(0, int(y0 - pad)), min(image.shape[0], int(y1 + pad) + 1)
    left, right = max(0, int(x0 - side)), min(image.shape[1], int(x1 + side) + 1)
    crop = image[top:bottom, left:right]
    gray = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY) if crop.ndim == 3 else crop
    factor = _ENLARGE_BELOW / gray.shape[0] if 0 < gray.shape[0] < _ENLARGE_BELOW else 1.0
    if factor != 1.0:
        gray = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    span = ((x0 - pad - left) * factor, (x1 + pad - left) * factor)
    return np.ascontiguousarray(gray), span


def _word_of(pages: list[Page], address: str) -> tuple[Page, Word] | None:
    """The page word that starts the address, or the words side by side that hold it read with a space
    in it (split_address)."""
    return split_word(pages, address) or _located(pages, address)


def word_strip(pages: list[Page], address: str) -> tuple[np.ndarray, str] | None:
    """The grey strip of the page word that starts the address (enlarged when small, with a margin
    above and below, to the sides only _WORD_SIDE: a label's colon beside it is no part of it), and
    the word as the page pass read it; None when no page word starts it."""
    found = _word_of(pages, address)
    return None if found is None else (_crop(*found, side_pad=_WORD_SIDE)[0], found[1].text)


def ink_blobs(gray: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes of the ink blobs that lie inside the crop (a blob touching its edge belongs to a neighbour)."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    height, width = gray.shape
    boxes = []
    for x, y, w, h, area in stats[1:count]:
        inside = x > 0 and y > 0 and x + w < width and y + h < height
        if inside and area >= max(2.0, _SPECK * height * height):
            boxes.append((int(x), int(y), int(x + w), int(y + h)))
    return boxes


def _overlaps(blob: tuple[int, int, int, int], box: tuple[int, int, int, int]) -> bool:
    return blob[0] < box[2] + 1 and box[0] - 1 < blob[2] and blob[1] < box[3] + 1 and box[1] - 1 < blob[3]


def low_marks(blobs: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Small blobs in the lower part of the line: a dot, comma, hyphen or underscore (an i's dot sits high)."""
    if not blobs:
        return []
    height = float(np.median([b[3] - b[1] for b in blobs]))
    baseline = float(np.median([b[3] for b in blobs]))
    return [b for b in blobs if b[3] - b[1] <= 0.4 * height and (b[1] + b[3]) / 2 > baseline - 0.6 * height]


def sentence_dots(blobs: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Dots and commas with no letter close on one side: inside an address a dot stands between two
    letters, so one with a space or the line's end beside it is the sentence's punctuation (in a
    right-to-left line the full stop after an address stands at its left). A hyphen or an underscore
    is wider than tall and stays a mark wherever it is, and so does the low dot of a colon (the label's)."""
    marks = low_marks(blobs)
    height = float(np.median([b[3] - b[1] for b in blobs])) if blobs else 0.0
    letters = [b for b in blobs if b[3] - b[1] > 0.4 * height]
    if not marks or not letters:
        return []
    gap = 0.4 * float(np.median([b[3] - b[1] for b in letters]))
    dots = [b for b in marks if b[2] - b[0] <= 1.5 * (b[3] - b[1])
            and not any(other[3] <= b[1] and other[0] < b[2] and b[0] < other[2] for other in blobs)]
    return [b for b in dots
            if not any(letter[0] + letter[2] < b[0] + b[2] and letter[2] > b[0] - gap for letter in letters)
            or not any(letter[0] + letter[2] > b[0] + b[2] and letter[0] < b[2] + gap for letter in letters)]


def lost_marks(gray: np.ndarray, read: str) -> bool:
    """The ink of a word shows more dots or dashes low on its line than its reading holds: a
    separator ('.', '-', '_') the reading lost, which a second reading may find."""
    return len(low_marks(ink_blobs(gray))) > _marks_read(read)


def _between(blob: tuple[int, int, int, int], symbols: list[Symbol]) -> str:
    """Where a stray blob lies, named by the characters either side of it."""
    before = "".join(s.text for s in symbols if s.box[2] <= blob[0])[-3:]
    after = "".join(s.text for s in symbols if s.box[0] >= blob[2])[:3]
    return f"between '{before}' and '{after}'"


def _marks_read(text: str) -> int:
    return sum(1 for char in text if char in _MARKS)


def unread(blobs: list[tuple[int, int, int, int]], symbols: list[Symbol], word: str,
            span: tuple[float, float]) -> str | None:
    """What ink no reading accounts for: a blob under no character read again, or more marks
    than either reading has within the word (a letter's box often stretches over the dot beside it).
    A mark counts as read where a character read is one on the ink of a mark."""
    stray = [b for b in blobs if not any(_overlaps(b, s.box) for s in symbols)]
    if stray:
        return f"ink {_between(stray[0], symbols)} was not read as any character"
    marks = [b for b in low_marks(blobs) if span[0] <= b[0] and b[2] <= span[1]]
    inside = "".join(s.text for s in symbols if span[0] <= (s.box[0] + s.box[2]) / 2 <= span[1]
                     and s.text in _MARKS and any(_overlaps(mark, s.box) for mark in marks))
    read = max(_marks_read(inside), _marks_read(word.strip(".,;:")))
    if len(marks) > read:
        return f"its ink shows {len(marks)} dots or dashes on the line but {read} were read"
    return None


def _letters(text: str) -> str:
    return "".join(char for char in text.casefold() if char not in _MARKS)


def _disagreement(address: str, again: str) -> str | None:
    """The crop read again must give the same local part, with no mark the address lacks. Stray
    letters glued before it (a neighbour's ink read as Latin) are no part of it, unless a mark joins
    them to it: 'r.' before 'alsaud' is the initial the reading lost. An address read with no domain
    must show none after its '@' either."""
    local = address.split("@", 1)[0].casefold()
    found = _LOCAL.search(again.casefold())
    if found is None:
        return f"its ink read again says '{again}'"
    prefix = found.group(1)[:-len(local)] if found.group(1).endswith(local) else None
    if prefix is None and (_letters(found.group(1)) != _letters(local)
                           or _marks_read(found.group(1)) > _marks_read(local)):
        return f"its ink read again says '{again}'"
    if prefix and prefix[-1] in _MARKS and prefix.strip("".join(_MARKS)):
        return f"its ink read again says '{again}'"
    if address.endswith("@") and any(char.isalnum() for char in again[found.end():]):
        return f"its ink read again says '{again}', a domain after the '@'"
    return None


def _in_cell(pages: list[Page], address: str) -> tuple[Page, Word] | None:
    """The ruled table cell the address was read from, whole (wrapped over its lines or not, a space
    read in it or not)."""
    key = "".join(address.split()).casefold()
    for page in pages:
        for cell in page.cells:
            if page.image is not None and "".join(cell.text.split()).casefold() == key:
                return page, cell
    return None


_RULE_SHARE = 0.3
"""A column (row) at a cell's edge with ink over this share of its length is a rule, or a piece of one."""


def _edge_run(filled: np.ndarray) -> int:
    """How many of the first entries are all filled, counted from the start."""
    empty = np.flatnonzero(~filled)
    return int(empty[0]) if empty.size else int(filled.size)


def _without_rules(gray: np.ndarray) -> np.ndarray:
    """The cell on white paper, trimmed of the rules along its edges: the columns and rows, from each
    edge inward, that are much ink (text keeps its padding from the rules, so it is never reached)."""
    level, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ink = binary > 0
    paper = float(np.median(gray[~ink])) if (~ink).any() else 255.0
    gray = np.clip(gray.astype(np.float32) * (255.0 / max(paper, 1.0)), 0, 255).astype(np.uint8)
    gray[gray > 255 - (255 - paper) // 2] = 255  # the paper white: its shading would read as marks
    columns, rows = ink.mean(axis=0) >= _RULE_SHARE, ink.mean(axis=1) >= _RULE_SHARE
    left, right = _edge_run(columns), len(columns) - _edge_run(columns[::-1])
    top, bottom = _edge_run(rows), len(rows) - _edge_run(rows[::-1])
    return _without_long_strokes(gray[top:max(top, bottom), left:max(left, right)])


def _without_long_strokes(gray: np.ndarray) -> np.ndarray:
    """The rest of a slanted rule painted white: a thin stroke three times as tall as the cell's usual
    mark (twice at its edge), a flat one half as wide as the cell, or flat dashes wholly above the
    top of every other mark (a rule a photo's tilt broke up); no character of an address is any of these
    (its underscore lies low, and stays)."""
    if gray.size == 0:
        return gray
    ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count < 2:
        return gray
    usual = float(np.median(stats[1:count, 3]))
    flat = [h * 3 <= w and h <= 0.25 * usual <= w for _, _, w, h, _ in stats[1:count]]
    top = min((y for (_, y, _, _, _), thin in zip(stats[1:count], flat) if not thin), default=0)
    clean = gray.copy()
    for number, (x, y, w, h, _) in enumerate(stats[1:count], start=1):
        tall = 2 * usual if x == 0 or x + w >= gray.shape[1] else 3 * usual
        if (h >= tall and w * 4 <= h) or (w >= 0.5 * gray.shape[1] and h * 10 <= w) or (flat[number - 1] and y + h < top):
            clean[labels == number] = 255
    return clean


def _line_height(gray: np.ndarray) -> int:
    """The tallest run of rows holding ink: a line of print (lines that touch make a taller one, and fail)."""
    rows = np.concatenate([[0], (gray < 128).any(axis=1).astype(np.int8), [0]])
    edges = np.flatnonzero(np.diff(rows))
    return int(max((end - start for start, end in zip(edges[::2], edges[1::2])), default=0))


def cell_line(crop: np.ndarray) -> tuple[np.ndarray, int] | None:
    """A cell's ink as one line of print on white (its lines side by side, see wrapped_address), the
    pieces of its rules left out; and its line's height in pixels."""
    if crop.size == 0:
        return None
    gray = _without_rules(cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY) if crop.ndim == 3 else crop)
    if gray.size == 0:
        return None
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    height = _line_height(255 - ink)
    if height < 4:
        return None
    strip = one_line(gray, height)
    if strip is None:
        rows, columns = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
        margin = height // 2
        strip = cv2.copyMakeBorder(gray[rows[0]:rows[-1] + 1, columns[0]:columns[-1] + 1],
                                   margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=255)
    return strip, height


def _cell_strip(page: Page, cell: Word) -> tuple[np.ndarray, int] | None:
    """The cell's ink on the page as one line of print (see cell_line)."""
    assert page.image is not None
    scale = page.image.shape[1] / page.width if page.width else 1.0
    x0, y0, x1, y1 = (max(0, int(round(v * scale))) for v in cell.box)
    return cell_line(page.image[y0:y1, x0:x1])


def _page_lines(page: Page, cell: Word) -> list[str]:
    """What the page's own OCR pass read inside the cell: its lines, each its words left to right, unspaced."""
    x0, y0, x1, y1 = cell.box
    inside = sorted((w for w in page.words if w.confidence is not None
                     and x0 <= (w.box[0] + w.box[2]) / 2 <= x1 and y0 <= (w.box[1] + w.box[3]) / 2 <= y1),
                    key=lambda w: (w.box[1] + w.box[3]) / 2)
    lines: list[list[Word]] = []
    for word in inside:
        if lines and lines[-1][0].box[1] <= (word.box[1] + word.box[3]) / 2 <= lines[-1][0].box[3]:
            lines[-1].append(word)
        else:
            lines.append([word])
    return ["".join(w.text for w in sorted(line, key=lambda w: w.box[0])) for line in lines]


def _page_agrees(lines: list[str], address: str) -> bool:
    """The page pass read the address (specks beside it aside), its Cyrillic lookalikes taken for the
    Latin letters. A separator of the address may be missing where the cell's lines part: the page
    pass drops a dot opening a line ('.jm'), which the ink read again as one line must then show."""
    texts = [letters_of(line.translate(_CYRILLIC_LOOKALIKES)) for line in lines]
    if not texts:
        return False
    marks = ("", *sorted({c for c in address if c in ".-_"})) if len(texts) <= 5 else ("",)
    key = letters_of(address)
    return any(key in texts[0] + "".join(g + t for g, t in zip(glue, texts[1:]))
               for glue in itertools.product(marks, repeat=len(texts) - 1))


def _cell_doubt(page: Page, cell: Word, address: str, names: frozenset[str],
                domains: frozenset[str]) -> str | None:
    """Three readings must give the whole address: the cell's (given), the page pass's over the cell
    (other packs, other scale: its words may hold specks beside the address, not another address),
    and the cell's ink read again as one line, every blob of it read (see address_rereads), until
    one reading is the address; a reading that is not is no witness. Print smaller than _LEGIBLE
    on the page is beyond the page pass: unless it read another whole address there, two re-reads
    giving the whole address stand for it.

    Where Tesseract's readings of print below _LEGIBLE disagree, a second engine may settle it
    (address_witness.settles, with `names`, the local parts the nominee's name makes, and `domains`,
    those the letter vouches for: readers.domain_witness); it cannot
    outvote a page pass that read legible print otherwise, ink no reading accounts for, or print
    too small for any reading. A reading that differs from the address only in thin letters (i, j, l)
    the cell's ink settles as the address has them (ocr_thin_letters.ink_settles) is the address."""
    lines = _page_lines(page, cell)
    found = _cell_strip(page, cell)
    seen = "".join(lines).translate(_CYRILLIC_LOOKALIKES).strip(NOT_ADDRESS)
    page_agrees = _page_agrees(lines, address) or _thin_letters_settled(found, seen, address)
    if not page_agrees and (found is None or found[1] >= _LEGIBLE or EMAIL.fullmatch(seen) is not None):
        doubt = (f"{address}: the page's own reading of its table cell says '{' '.join(lines)}', "
                 "not the address; a character may have been misread")
        if found is None or not _MIN_PRINT <= found[1] < _LEGIBLE:
            return doubt
        return _settled(found[0], address, doubt, [seen, *(r.text for r in rereadings(*found))], (names, domains))
    if found is None:
        return f"{address}: no ink was found in its table cell"
    if found[1] < _MIN_PRINT:
        return _too_small(address, found[1])
    accounted, readings, lost = _reread(found, address, 1 if page_agrees else 2)
    if lost:
        return f"{address}: {lost}; a character may have been lost or misread"
    if accounted:
        return None
    others = [r for r in readings if not same_reading(r, address)]
    doubt = (f"{address}: its table cell read again as one line says "
             f"{' or '.join(repr(r) for r in dict.fromkeys(others))}; a character may have been misread")
    if page_agrees and found[1] >= _LEGIBLE:
        return doubt
    return _settled(found[0], address, doubt, [seen, *readings], (names, domains))


def _reread(found: tuple[np.ndarray, int], address: str, needed: int) -> tuple[bool, list[str], str | None]:
    """The cell's line read again (address_rereads) until `needed` readings are the address, every
    blob of their ink read: whether they were, the readings made, and the ink a reading of the
    address left unread. A reading made on the way that has other glyphs where look-alikes are printed
    (ink the thin letters do not settle) is one the readings of the address cannot outvote: Tesseract
    reads 'vvang' at one size and 'wang' at another, and its misreading is the one it repeats."""
    readings, dissent = [], None
    for reading in rereadings(*found):
        readings.append(reading.text)
        if not same_reading(reading.text, address) and not _thin_letters_settled(found, reading.text, address):
            dissent = dissent or (reading.text if lookalike_reading(reading.text, address) else None)
            continue
        lost = unread(ink_blobs(reading.image), reading.symbols, address, (0.0, float(reading.image.shape[1])))
        if lost:
            return False, readings, lost
        needed -= 1
        if not needed:
            return (True, readings, None) if dissent is None else (
                False, readings, f"its ink read again also says '{dissent}', other glyphs where look-alikes are printed")
    return False, readings, None


def _thin_letters_settled(found: tuple[np.ndarray, int] | None, reading: str, address: str) -> bool:
    """The reading is the address but for thin letters its cell's ink settles as the address has them
    (ocr_thin_letters): the doubt they raised is one the ink already answered. Print too small for the
    ink to tell i from l settles nothing."""
    if found is None or found[1] < _MIN_PRINT:
        return False
    return ink_settles(found[0], reading, address)


def _settled(strip: np.ndarray, address: str, doubt: str, readings: list[str],
             backing: tuple[frozenset[str], frozenset[str]]) -> str | None:
    """The doubt Tesseract's readings leave, unless the second engine settles it (address_witness);
    else the doubt with why it did not. `backing`: the local parts the nominee's name makes and the
    domains the letter vouches for. (Imported here: only a disputed address loads the engine.)"""
    from extractors.readers.address_witness import settles

    against = settles(strip, address, readings, *backing)
    return None if against is None else doubt.replace("; a character may", f"; {against}; a character may", 1)


def _on_its_line(page: Page, word: Word) -> Word:
    """The word with its box cut to the ink of its own line of print. In a Chinese line Tesseract's
    boxes can reach half into the lines above and below, and a crop holding three lines is no line."""
    assert page.image is not None
    scale = page.image.shape[1] / page.width if page.width else 1.0
    x0, y0, x1, y1 = (v * scale for v in word.box)
    height = y1 - y0
    top, bottom = max(0, int(y0 - _PAD * height)), min(page.image.shape[0], int(y1 + _PAD * height) + 1)
    crop = page.image[top:bottom, max(0, int(x0)):int(x1) + 1]
    if crop.size == 0:
        return word
    gray = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY) if crop.ndim == 3 else crop
    ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1] > 0
    middle = (y0 + y1) / 2 - top
    bands = ink_bands(ink, max(6, int(height / 2)))
    if not bands:
        return word
    band = min(bands, key=lambda b: 0 if b[0] <= middle <= b[1] else min(abs(b[0] - middle), abs(b[1] - middle)))
    return Word(word.text, (word.box[0], (top + band[0]) / scale, word.box[2], (top + band[1]) / scale),
                word.confidence)


def _without_lines_beside(gray: np.ndarray) -> np.ndarray:
    """The crop with the ink reaching into it from the lines above and below painted white: Tesseract
    reads a row of cut-off strokes along an edge as marks of the line."""
    ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    clean = gray.copy()
    for number, (_, y, _, h, _) in enumerate(stats[1:count], start=1):
        if y == 0 or y + h >= gray.shape[0]:
            clean[labels == number] = 255
    return clean


def _part_disagreement(part: str, own: str, last: bool) -> str | None:
    """The part's ink read again must spell the part: every letter, no mark more. The run of address
    characters at the inner end counts (the head's at the line's end, the rest's at the line's start);
    a full stop after the rest ends the sentence, a dot at the end of the head is the address's own."""
    runs = _RUN.findall(own.casefold())
    run = (runs[0].rstrip("".join(_MARKS)) if last else runs[-1].lstrip("".join(_MARKS))) if runs else ""
    if _letters(run) != _letters(part.casefold()) or _marks_read(run) > _marks_read(part):
        return f"its ink read again says '{own}'"
    return None


def _closing_stops(blobs: list[tuple[int, int, int, int]],
                   span: tuple[float, float]) -> list[tuple[int, int, int, int]]:
    """The sentence's stop after the rest of a torn address, in the right half of its word: a full stop
    or a comma, or the ring of a Chinese full stop ('。', low on the line and half a letter high, which
    Tesseract reads as 'o'); never a mark with a letter close after it (the address goes on there)."""
    if not blobs:
        return []
    height = float(np.median([b[3] - b[1] for b in blobs]))
    baseline = float(np.median([b[3] for b in blobs]))
    letters = [b for b in blobs if b[3] - b[1] > 0.6 * height]
    gap = 0.4 * float(np.median([b[3] - b[1] for b in letters])) if letters else 0.0
    rings = [b for b in blobs if b[3] - b[1] <= 0.6 * height and b[1] >= baseline - 0.6 * height
             and b[2] - b[0] <= 1.5 * (b[3] - b[1])
             and not any(b[0] < letter[0] < b[2] + gap for letter in letters)]
    stops = set(sentence_dots(blobs)) | set(rings)
    return sorted(b for b in stops if b[0] > (span[0] + span[1]) / 2)


def _part_reading(gray: np.ndarray, span: tuple[float, float], part: str, last: bool) -> str | None:
    """Why the part's ink, read again at this size, does not account for the part."""
    gray = gray.copy()
    blobs = ink_blobs(gray)
    punctuation = _closing_stops(blobs, span) if last else []
    for x0, y0, x1, y1 in punctuation:
        gray[y0:y1, x0:x1] = 255
    symbols = read_symbols(gray, "eng")
    own = "".join(s.text for s in symbols if span[0] <= (s.box[0] + s.box[2]) / 2 <= span[1]).strip()
    kept = [b for b in blobs if b not in punctuation]
    return _part_disagreement(part, own, last) or unread(kept, symbols, part, span)


def _part_doubt(part: Part, last: bool) -> str | None:
    """Why one part of a torn address is not accounted for by its ink. Only the rest, which ends the
    address, may have the sentence's full stop beside it: a dot at either side of the cut is the address's.
    The part is read at a few sizes until one reading accounts for it (a soft scan's 'c' reads as 'e'
    at one size and not at another); a reading that does not is no witness, and none is a doubt."""
    crop, span = _crop(part.page, _on_its_line(part.page, part.word))
    gray = _without_lines_beside(crop)
    doubts = []
    for factor in _PART_SIZES:
        sized = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC) if factor != 1 else gray
        doubt = _part_reading(sized, (span[0] * factor, span[1] * factor), part.text, last)
        if doubt is None:
            return None
        doubts.append(doubt)
    return doubts[0]


def _torn_doubt(address: str, parts: tuple[Part, Part]) -> str | None:
    """An address cut by a line break is accounted for only when both its parts are."""
    for part, last in zip(parts, (False, True)):
        lost = _part_doubt(part, last)
        if lost:
            return (f"{address}, cut by a line break, at its part '{part.text}': {lost}; "
                    "a character may have been lost or misread")
    return None


def _too_small(address: str, height: float) -> str:
    return (f"{address}: its print is {height:.0f} pixels tall in the picture, too small for a reading "
            "to tell look-alike letters apart (i and l)")


def ink_doubt(pages: list[Page], address: str, names: frozenset[str] = frozenset(),
              domains: frozenset[str] = frozenset(), read: str | None = None) -> str | None:
    """Why the OCRed address is not accounted for by its ink; None when every blob was read.

    An address read from a table cell is looked for there (the page's own reading may have torn or
    misread what the cell's reading got whole); any other among the page's words, in one word or
    in two across a line break. `names`: the local parts the nominee's name makes (lookalike_names),
    a witness to a cell's disputed local part; `domains`: those the letter vouches for (the sender's,
    authenticated, and other nominees' read firmly: readers.domain_witness), a witness to its domain;
    `read`: the page's reading of the print, when the address is another reading of it (a space read
    for a dot made whole by domain_witness), which the print is looked for under."""
    seen = read or address
    in_cell = _in_cell(pages, seen)
    if in_cell is not None:
        return _cell_doubt(*in_cell, address, names, domains)
    found = _word_of(pages, seen)
    if found is None or seen.casefold() not in found[1].text.casefold():
        torn = torn_parts(pages, seen)
        if torn is not None:
            return _torn_doubt(address, torn)
    if found is None:
        return f"{seen} was not found among the words OCR read on the page, so its ink could not be checked"
    page, word = found
    assert page.image is not None
    height = (word.box[3] - word.box[1]) * (page.image.shape[1] / page.width if page.width else 1.0)
    if height < _MIN_PRINT:
        return _too_small(address, height)
    crop, span = _crop(*found)
    gray = crop.copy()  # the page's own pixels stay as they are
    blobs = ink_blobs(gray)
    punctuation = sentence_dots(blobs)
    for x0, y0, x1, y1 in punctuation:  # the sentence's, no part of the address: Tesseract reads better without
        gray[y0:y1, x0:x1] = 255
    symbols = read_symbols(gray, "eng")
    again = "".join(s.text for s in symbols).strip()
    kept = [b for b in blobs if b not in punctuation]
    lost = _disagreement(address, again) or unread(kept, symbols, found[1].text, span)
    return f"{address}: {lost}; a character may have been lost or misread" if lost else None


def address_strips(pages: list[Page], address: str) -> list[np.ndarray]:
    """The address's print in grey, as ink_doubt finds it: its table cell's ink as one line, or the page
    word(s) holding it, or its two parts across a line break, head first; none when it is not found.
    A word's strip has _crop's margin to the sides: a page word's box may miss a letter of it ('k'
    of '(k.benamar@...' on a scan); a neighbour read beside the address is no reading of it."""
    in_cell = _in_cell(pages, address)
    if in_cell is not None:
        found = _cell_strip(*in_cell)
        return [] if found is None else [found[0]]
    word = _word_of(pages, address)
    torn = torn_parts(pages, address) if word is None or address.casefold() not in word[1].text.casefold() else None
    if torn is not None:
        return [_crop(part.page, _on_its_line(part.page, part.word))[0] for part in torn]
    return [] if word is None else [_crop(*word)[0]]


def read_in_cell(pages: list[Page], address: str) -> bool:
    """The address was read from a ruled table cell (its line was read again at several sizes there)."""
    return _in_cell(pages, address) is not None
