"""OCR of one page image with Tesseract: make it a scan, straighten it, pick the script, read it once.

Before reading, the page is turned as its EXIF tag says, a photographed
sheet is flattened and evenly lit (photo.py), and the page is enlarged
until its letters are as tall as Tesseract reads best (scale.py); then it
is turned upright by its content and straightened. The words' boxes make
the lines (ocr_lines.py), and the page keeps its pixels as read, so that
its signature is looked for in the same frame as its words.

Speed matters (the whole corpus must pass in well under a minute on two
cores), so the page is read once with the packs for its script only, and
extra passes run on small strips (e-mail addresses, table cells, lines the
page pass left out, doubtful Arabic words: arabic_words.py). Every Tesseract call runs single-threaded so that pages
can be read side by side without oversubscribing the cores.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageOps

from extractors.model import Page, Word
from extractors.readers.address_ink import lost_marks
from extractors.readers.arabic_words import reread_doubtful_words
from extractors.readers.cut_words import firm_words
from extractors.readers.han_cells import DISPUTED
from extractors.readers.han_lines import witness_lines
from extractors.readers.photo import as_scan
from extractors.readers.prose_address import reread_address
from extractors.readers.scale import enlarged
from extractors.readers.ocr_lines import tesseract_lines, visual_lines
from extractors.readers.ocr_thin_letters import settled_thin_letters
from extractors.readers.ocr_text import BIDI_MARKS, SCRIPT_LETTERS, is_cjk, join_words, letter_counts
from extractors.readers.page_lines import Piece, TextLine, page_line, page_text, place_recovered
from extractors.readers.orientation import (
    SCRIPT_LANGUAGES,
    Orientation,
    _inkiest_band,
    detect_orientation,
    skew_angle,
    untilt,
)
from extractors.readers.ruled import (
    CellWord,
    find_rules,
    missed_lines,
    StackedLine,
    read_alone,
    read_cells,
    read_stacked,
    without_rules,
)
from extractors.readers.table_grid import Box, grid_cells
from extractors.readers.tesseract import read_line, read_words

_RETRY_CONFIDENCE = 0.7
"""Below this mean word confidence the script guess is doubted and other scripts are tried."""
_TRIAL_BAND = 0.2
"""Share of the page's height, its inkiest band, that each other script is tried on."""
_SPECK_CONFIDENCE = 50.0
_RECOVERED_CONFIDENCE = 60.0
"""Words read in ink the first pass left out must be this sure: that ink is often a signature."""
_JOIN = 4.0
"""Line heights apart that two pieces of ink on one row of an Arabic page may lie and still be one
line the page pass dropped: a label and its value, a paragraph's number and its label."""
_STROKES = re.compile(r"[/\\~_=*^`]+")
_PSM = {"Han": 6}
"""Page segmentation per script: Chinese lines hold up better read as one uniform block."""
_CELL_PACK = {"Han": "chi_sim"}
"""The script's pack alone, for table cells its packs with English take for Latin (ruled.read_cells)."""


def _upright(image: Image.Image) -> tuple[np.ndarray, np.ndarray, bool]:
    """The page as its EXIF orientation says it stands, a photographed sheet flattened: colour and grey."""
    return as_scan(np.asarray(ImageOps.exif_transpose(image).convert("RGB")))


_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_WHOLE_ADDRESS = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+'-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
"""What a strip read again must be from end to end: a piece of an address is a wrong address."""
_ADDRESS_SHAPED = re.compile(r"[\x21-\x7e]{4,}(?:\.[A-Za-z0-9-]+){2,}")
"""A Latin word with a domain of three parts or more at its end: an address that lost its '@', or a web address."""
_ASCII_TOKEN = re.compile(r"[\x21-\x7e]+")


def _is_speck(text: str, confidence: float) -> bool:
    """Pen strokes, stamp rims, dust: a short guess Tesseract doubts, or a lone stroke sign.

    Signs such as '/' or '~' never stand alone as words in a letter, but a
    signature's strokes read as them.
    """
    if any(is_cjk(char) for char in text):
        return False  # one or two characters make a whole Chinese word
    return (0 <= confidence < _SPECK_CONFIDENCE and len(text) <= 2) or bool(_STROKES.fullmatch(text))


def _address_pieces(data: dict[str, list[Any]], line: list[int], at: int) -> list[int]:
    """The address word with the Latin words touching it on either side, left to right.

    Tesseract tears a prefix off an address ('(kK' + 'benamar@...') and, in
    an Arabic line, cuts one into pieces ('a.masri' '@md' 'tc.gov.sd') that
    it then orders right to left. A space is wider than the gaps it cuts at.
    """
    group = [at]
    grown = True
    while grown:
        grown = False
        x0 = min(data["left"][j] for j in group)
        x1 = max(data["left"][j] + data["width"][j] for j in group)
        for j in line:
            if j in group or not _ASCII_TOKEN.fullmatch(data["text"][j]):
                continue
            gap = max(data["left"][j] - x1, x0 - (data["left"][j] + data["width"][j]))
            if gap < 0.25 * data["height"][at]:
                group.append(j)
                grown = True
    return sorted(group, key=lambda j: data["left"][j])


def _as_one_address(read: str) -> str:
    """A strip holds one address, so a gap inside it is a dot Tesseract lost ('k benamar@mpt gov.dz'),
    and a bar touching it is the 'l' it took for one ('|.fernandez@...'): no address holds a bar."""
    read = re.sub(r"\|(?=[A-Za-z0-9.])|(?<=[A-Za-z0-9.])\|", "l", read.strip())
    dotted = re.sub(r"\.{2,}", ".", re.sub(r"\s+", ".", read.strip(" \n|()[]<>'\".").rstrip(".,;:")))
    return dotted.strip(".,;:")


_SCALES = (1.5, 2.0)
"""Enlargements an address strip is read at; the second only when the first and the page disagree."""


def _reread_emails(gray: np.ndarray, data: dict[str, list[Any]], line: list[int], latin_page: bool) -> None:
    """Read e-mail addresses again with the English model alone, on a strip holding only them.

    With a second script loaded (Arabic, Chinese, Cyrillic) Tesseract often
    tears an address apart or drops its dots; the strip reads far better.
    A word shaped like an address whose '@' was misread ('jdoeOmin.gov.co')
    is read again too. The strip's reading is one witness among others
    (the page's own, a second enlargement when they differ): see _best_reading.
    On a Latin page a whole address is read again only when its ink shows a
    dot or dash its reading lacks ('olivierrousseau@' printed 'olivier.rousseau@'),
    or when the word before it is the head of its local part torn off at a dot.
    """
    for at in line:
        if "@" not in data["text"][at] and not _ADDRESS_SHAPED.fullmatch(data["text"][at]):
            continue
        group = _address_pieces(data, line, at)
        found = _EMAIL.search(data["text"][at])
        whole = found.group(0) if found and len(group) == 1 and _WHOLE_ADDRESS.fullmatch(found.group(0)) else None
        if whole and _join_torn_prefix(gray, data, line, at):
            continue
        strip = _strip(gray, data, group)
        if latin_page and whole:
            if lost_marks(strip, data["text"][at]) and (restored := _restored(strip, whole)):
                data["text"][at] = data["text"][at].replace(whole, restored[0], 1)
                data["conf"][at] = restored[1]
            elif (settled := settled_thin_letters(strip, (glued := _with_glued_signs(data["text"][at], whole)))) \
                    and _WHOLE_ADDRESS.fullmatch(settled):
                data["text"][at] = data["text"][at].replace(glued, settled, 1)
            continue
        page = _page_reading(data, group)
        readings = list(page)
        for scale in _SCALES:
            if (reading := _strip_reading(strip, scale)) is not None:
                readings.append(reading)
            if readings and not page or _agreeing(readings):
                break
        if len(readings) == len(page):
            continue
        elsewhere = " ".join(data["text"][i] for i in range(len(data["text"])) if i not in group).casefold()
        best, sure = _best_reading(readings, elsewhere)
        best = settled_thin_letters(strip, best) or best
        if not page:  # the strip alone mended what the page tore apart: the page was as sure of its letters
            sure = max(sure, float(data["conf"][at]))
        lead = re.findall(r"^[(\[<\"']*", data["text"][group[0]])[0]
        tail = data["text"][at][found.end():] if found else ""
        for j in group:
            data["text"][j] = ""
        data["text"][at] = lead + best + tail
        data["conf"][at] = sure


def _with_glued_signs(word: str, address: str) -> str:
    """The address with the thin signs glued to its end in the word ('gouv.m!', or a bracket after a last
    label of one letter: 'gouv.m)'): a letter misread, maybe."""
    rest = word[word.find(address) + len(address):]
    glued = rest[:len(rest) - len(rest.lstrip("!|"))]
    return address + (")" if not glued and rest.startswith(")") and re.search(r"\.[A-Za-z]$", address) else glued)


_SEPARATOR_ENDS = (".", "-", "_")
_TORN_GAP = 0.6
"""Word heights a local part torn at its separator may lie from the rest; the strip decides if it is one word."""


def _torn_prefix(data: dict[str, list[Any]], line: list[int], at: int) -> int | None:
    """The word before an address when it looks like the head of its local part torn off at a
    separator ('patrick.' + 'mugisha@minict.gov.rw'): photos stretch the gap after a dot."""
    position = line.index(at)
    if position == 0 or not data["text"][at][:1].isalnum():
        return None
    before = line[position - 1]
    text = data["text"][before]
    gap = data["left"][at] - (data["left"][before] + data["width"][before])
    if not (_LOCAL_PART.fullmatch(text) and text.endswith(_SEPARATOR_ENDS) and text[:1].isalnum()):
        return None
    return before if 0 <= gap < _TORN_GAP * data["height"][at] else None


def _join_torn_prefix(gray: np.ndarray, data: dict[str, list[Any]], line: list[int], at: int) -> bool:
    """Join a torn-off head to its address when the strip of both, read at each enlargement, is one
    word that spells exactly the two pieces (no space between them, no letter changed).

    A space Tesseract sees in the strip keeps them apart: 'Dr. jdoe@...' is not 'dr.jdoe@...'.
    """
    before = _torn_prefix(data, line, at)
    found = _EMAIL.search(data["text"][at])
    if before is None or found is None:
        return False
    wanted = (data["text"][before] + found.group(0)).casefold()
    strip = _without_neighbours(_strip(gray, data, [before, at]), data, line, [before, at])
    readings = [_read_strip(strip, scale) for scale in _SCALES]
    cleaned = [read.strip(" \n|()[]<>'\"").rstrip(".,;:") for read, _ in readings]
    if any(text.casefold() != wanted for text in cleaned):
        return False
    doubt = 1.0
    for _, sure in readings:
        doubt *= 1 - sure / 100
    tail = data["text"][at][found.end():]
    _merge_words(data, [before, at])
    data["text"][before] = cleaned[0] + tail
    data["conf"][before] = round(100 * (1 - doubt), 1)
    return True


def _without_neighbours(strip: np.ndarray, data: dict[str, list[Any]], line: list[int], group: list[int]) -> np.ndarray:
    """The strip with the ends of the words either side blanked (the 't' of 'at' before an address):
    read with them in its margin, Tesseract doubts a reading it gets right."""
    x0 = min(data["left"][j] for j in group)
    x1 = max(data["left"][j] + data["width"][j] for j in group)
    origin = x0 - min(_strip_pad(data, group), x0)
    blank = strip.copy()
    for j in line:
        if data["left"][j] + data["width"][j] <= x0:
            blank[:, :max(0, data["left"][j] + data["width"][j] - origin)] = 255
        elif data["left"][j] >= x1:
            blank[:, max(0, data["left"][j] - origin):] = 255
    return blank


_RESTORE_READS = ((1.5, 0), (2.0, 0), (1.0, 3), (1.0, 5), (1.5, 3), (0.75, 3))
"""Enlargements of an address strip, with its strokes thickened by so many pixels (a dot that nearly
touches its letters stands apart from them better in bold), tried in turn."""
_SEPARATORS = re.compile("[._-]")


def _restored(strip: np.ndarray, address: str) -> tuple[str, float] | None:
    """The address with the separators its ink shows and the page's reading lost, when two readings
    of its strip agree on them; None else. A strip may restore separators, never change a letter."""
    readings: list[tuple[str, float]] = []
    for scale, bold in _RESTORE_READS:
        reading = _strip_reading(strip, scale, bold)
        if reading is None or _letters(reading[0]) != _letters(address):
            continue
        if len(_SEPARATORS.findall(reading[0])) > len(_SEPARATORS.findall(address)):
            readings.append(reading)
        if _agreeing(readings):
            return _best_reading(readings, "")
    return None


def _letters(address: str) -> str:
    """An address's letters and digits, its separators left out (case aside)."""
    return re.sub("[^a-z0-9@]", "", address.casefold())


def _strip(gray: np.ndarray, data: dict[str, list[Any]], group: list[int], own_line: bool = False) -> np.ndarray:
    """The words' strip of the page, padded, without the Chinese marks the last word ends with (read
    alone with the English model, the '。' of '…gov.cn。' is an 'o'); with `own_line`, the lines
    above and below blanked (for Latin words in a Chinese line, whose boxes take the line's height)."""
    last = max(group, key=lambda j: data["left"][j] + data["width"][j])
    text = data["text"][last]
    wide = len(text) - len(text.rstrip("".join(c for c in text if is_cjk(c))))
    x0 = min(data["left"][j] for j in group)
    x1 = max(data["left"][j] + data["width"][j] for j in group)
    y0 = min(data["top"][j] for j in group)
    y1 = max(data["top"][j] + data["height"][j] for j in group)
    pad = _strip_pad(data, group)
    top = max(0, y0 - pad)
    strip = gray[top: y1 + pad, max(0, x0 - pad): x1 + pad]
    if own_line:
        low, high = _own_line(strip, (y0 + y1) // 2 - top, max(4, (y1 - y0) // 6))
        strip = strip.copy()
        strip[:low], strip[high:] = 255, 255  # the margin Tesseract needs stays, blank
    return strip[:, :_without_last_marks(strip, wide) + pad] if wide else strip


def _strip_pad(data: dict[str, list[Any]], group: list[int]) -> int:
    """The margin left around the words of a strip: Tesseract needs some white around a line."""
    y0 = min(data["top"][j] for j in group)
    y1 = max(data["top"][j] + data["height"][j] for j in group)
    return max(2, int(0.3 * (y1 - y0)))


def _without_last_marks(strip: np.ndarray, marks: int) -> int:
    """Where the ink ends once the last `marks` blobs of ink, left to right, are left out."""
    ink: np.ndarray = np.asarray((strip < 128).any(axis=0))
    edges = np.flatnonzero(np.diff(ink.astype(np.int8)) == -1) + 1  # where each run of ink columns ends
    width = int(ink.shape[0])
    ends = [int(edge) for edge in edges] + ([width] if ink[-1] else [])
    return ends[-1 - marks] if len(ends) > marks else width


def _own_line(strip: np.ndarray, middle: int, gap: int) -> tuple[int, int]:
    """Rows of the strip's text line around `middle`, without the pieces of the lines above and below.

    Tesseract gives a Latin word in a Chinese line the line's height, which
    reaches into the next lines; read so, the strip is misread. Lines part
    at `gap` blank rows or more (less is the gap under an i's dot, or inside a Chinese character).
    """
    ink: np.ndarray = np.asarray((strip < 128).any(axis=1))
    if not ink.any():
        return 0, len(strip)
    low = high = min(max(middle, 0), len(strip) - 1)
    blank = 0
    while low > 0 and blank < gap:
        low -= 1
        blank = blank + 1 if not ink[low] else 0
    low += blank
    blank = 0
    while high < len(strip) - 1 and blank < gap:
        high += 1
        blank = blank + 1 if not ink[high] else 0
    return low, high + 1 - blank


def _page_reading(data: dict[str, list[Any]], group: list[int]) -> list[tuple[str, float]]:
    """The page pass's own reading when it is one whole address in one word (a bar in it the 'l' it
    stands for), as sure as Tesseract was."""
    if len(group) == 1 and (whole := _WHOLE_ADDRESS.fullmatch(_as_one_address(data["text"][group[0]]))):
        return [(whole.group(0), float(data["conf"][group[0]]))]
    return []


def _read_strip(strip: np.ndarray, scale: float, bold: int = 0) -> tuple[str, float]:
    """A strip of Latin letters read with the English model alone, enlarged by `scale` (its strokes
    thickened by `bold` pixels)."""
    larger = cv2.resize(strip, None, fx=scale, fy=scale,
                        interpolation=cv2.INTER_CUBIC if scale >= 1 else cv2.INTER_AREA)
    return read_line(cv2.erode(larger, np.ones((bold, bold), np.uint8)) if bold else larger, "eng")


def _strip_reading(strip: np.ndarray, scale: float, bold: int = 0) -> tuple[str, float] | None:
    read, sure = _read_strip(strip, scale, bold)
    again = _WHOLE_ADDRESS.fullmatch(_as_one_address(read))
    return (again.group(0), sure) if again else None


def _agreeing(readings: list[tuple[str, float]]) -> str | None:
    """An address two readings give alike (case aside)."""
    keys = [text.casefold() for text, _ in readings]
    return next((key for key in keys if keys.count(key) > 1), None)


def _best_reading(readings: list[tuple[str, float]], elsewhere: str) -> tuple[str, float]:
    """Readings alike win, surer together than each alone (their errors taken as independent); else the
    one whose domain the page prints elsewhere (its letterhead's web address, another address); else
    the surest, but only as sure as the least sure reading, so that a doubtful address is seen as one.

    An address is the anchor of a nominee: one letter wrong sends the meeting link astray.
    """
    if agreed := _agreeing(readings):
        doubt = 1.0
        for text, sure in readings:
            doubt *= 1 - sure / 100 if text.casefold() == agreed else 1.0
        return next(text for text, _ in readings if text.casefold() == agreed), round(100 * (1 - doubt), 1)
    attested = {text.casefold(): (text, sure) for text, sure in readings if text.rsplit("@", 1)[1].casefold() in elsewhere}
    if len(attested) == 1:
        return next(iter(attested.values()))
    text, _ = max(readings, key=lambda reading: reading[1])
    return text, min(sure for _, sure in readings)


_FOREIGN = re.compile(r"[(\[]?(?:[A-Za-z]+|[0-9])[)\],.:;!]?")
"""A Latin guess: letters only, or one digit; no dots or '@' (addresses, numbers, web addresses stay)."""
_SURE_WORDS = 2
"""Words of the page's script a line must hold, read at 80 or more, for its doubtful words to be read
again: a line of running text or a label, not a signature's strokes."""
_FOREIGN_CONFIDENCE = 60.0
"""Latin words read less sure than this on a page in another script are taken for its letters misread."""
_CONTESTED_CONFIDENCE = 80.0
"""Latin words read less sure than this (but surer than _FOREIGN_CONFIDENCE) are read again too, and
give way only to a surer reading in the page's script ('أمن' came out of a fax as 'yal' at 67)."""
_WORD_HEIGHT = 40
"""Pixels a word strip is brought to before it is read again: two Chinese characters read best so."""


_LOCAL_PART = re.compile(r"[A-Za-z0-9._%+'-]+")
_DOMAIN_PART = re.compile(r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def _join_cut_address(gray: np.ndarray, data: dict[str, list[Any]], before: list[int], after: list[int]) -> None:
    """An address the line break cut before its '@' ('ting. zhao' / '@pbc.govcn。'), read again in two pieces.

    Chinese text wraps at any character, so the local part may end one line
    and the domain open the next. Each piece is read again with the English
    model alone; both stay where they are printed (the prose reader joins a
    line opening with '@' to the line before), each as sure as the less
    sure piece.
    """
    if not after or data["text"][after[0]].find("@") not in (0, 1):
        return  # ('a@pbe-gov.en': the '@' read as two signs; the strip read again settles it)
    head: list[int] = []
    for index in reversed(before):
        if "@" in data["text"][index] or not _LOCAL_PART.fullmatch(data["text"][index].strip(":：")):
            break
        head.insert(0, index)
    if not head:
        return
    local, local_sure = _read_strip(_strip(gray, data, head, own_line=True), _SCALES[0])
    domain, domain_sure = _read_strip(_strip(gray, data, after[:1], own_line=True), _SCALES[0])
    local = "".join(local.split()).lstrip(":：")
    found = _DOMAIN_PART.match(_as_one_address(domain))
    if not (_LOCAL_PART.fullmatch(local) and found and _WHOLE_ADDRESS.fullmatch(local + found.group(0))):
        return
    rest = _DOMAIN_PART.match(data["text"][after[0]], data["text"][after[0]].find("@"))
    _merge_words(data, head)
    sure = min(local_sure, domain_sure)
    data["text"][head[0]], data["conf"][head[0]] = local, sure
    data["text"][after[0]] = found.group(0) + (data["text"][after[0]][rest.end():] if rest else "")
    data["conf"][after[0]] = sure


def _merge_words(data: dict[str, list[Any]], run: list[int]) -> None:
    """The words of a run made one: the first takes the run's box (so no ink is left uncovered), the rest are emptied."""
    x0, y0 = min(data["left"][j] for j in run), min(data["top"][j] for j in run)
    x1 = max(data["left"][j] + data["width"][j] for j in run)
    y1 = max(data["top"][j] + data["height"][j] for j in run)
    for j in run[1:]:
        data["text"][j] = ""
    first = run[0]
    data["left"][first], data["top"][first], data["width"][first], data["height"][first] = x0, y0, x1 - x0, y1 - y0


def _foreign_runs(data: dict[str, list[Any]], line: list[int], script: str) -> list[list[int]]:
    """Runs of doubtful Latin words side by side in a line of the page's script, in reading order."""
    runs: list[list[int]] = []
    sure = [i for i in line if float(data["conf"][i]) >= 80 and not re.search("[A-Za-z0-9]", data["text"][i])]
    if len(sure) < _SURE_WORDS:
        return runs
    for at, index in enumerate(line):
        text = data["text"][index]
        contested = float(data["conf"][index]) < _CONTESTED_CONFIDENCE or _flanked(data, line, at, script)
        if not (_FOREIGN.fullmatch(text) and contested):
            continue
        if runs and runs[-1][-1] == line[at - 1]:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _flanked(data: dict[str, list[Any]], line: list[int], at: int, script: str) -> bool:
    """A lowercase Latin word between two words of the page's script: Latin inside Arabic text is an
    acronym, a name in capitals or an address, not a lowercase word alone ('أبو' read 'gil' at 89)."""
    if script != "Arabic" or not 0 < at < len(line) - 1 or not data["text"][line[at]].strip("()[],.:;!").islower():
        return False
    return all(letter_counts(data["text"][line[at + side]], script)[0] for side in (-1, 1))


def _own_words(words: list[str], script: str) -> list[str]:
    """The words from the first to the last holding a letter of the script: signs either side are
    the neighbours' ink at the strip's edges."""
    own = [i for i, word in enumerate(words) if letter_counts(word, script)[0]]
    return words[own[0]: own[-1] + 1] if own else []


def _reread_foreign(gray: np.ndarray, data: dict[str, list[Any]], line: list[int], script: str) -> None:
    """Words of the page's own script that came out as Latin guesses, read again with its pack alone.

    With English loaded beside Arabic or Chinese, Tesseract now and then
    takes a word ('آل سعود،' -> 'ge', '思雨' -> 'BELT') for Latin letters
    it doubts; a name read so is lost. The run's strip, read with the
    page's own pack only, replaces it when that reading is in the page's
    script, as sure as Tesseract is of it (a doubtful word stays doubtful);
    a Latin guess Tesseract was fairly sure of gives way only to a surer reading.
    """
    if script not in SCRIPT_LETTERS:
        return
    own = SCRIPT_LANGUAGES[script].split("+")[0]
    for run in _foreign_runs(data, line, script):
        height = max(data["top"][j] + data["height"][j] for j in run) - min(data["top"][j] for j in run)
        factor = _WORD_HEIGHT / max(height, 1)
        strip = cv2.resize(_strip(gray, data, run), None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
        margin = _WORD_HEIGHT // 2  # white around: Tesseract doubts a line whose ink touches the edge
        framed = cv2.copyMakeBorder(strip, margin, margin, margin, margin, cv2.BORDER_CONSTANT, value=255)
        readings = [(" ".join(_own_words(text.translate(BIDI_MARKS).split(), script)), sure)
                    for text, sure in (read_line(strip, own), read_line(framed, own))]
        readings = [(text, sure) for text, sure in readings if text and not re.search("[A-Za-z]", text)]
        if not readings:
            continue
        read, sure = max(readings, key=lambda reading: reading[1])
        latin = max(min(float(data["conf"][j]), _FOREIGN_CONFIDENCE) if _flanked(data, line, line.index(j), script)
                    else float(data["conf"][j]) for j in run)  # a flanked word's sureness proves no Latin
        if latin >= _FOREIGN_CONFIDENCE and (sure <= latin or letter_counts(read, script)[0] < 2):
            continue  # a fairly sure Latin guess gives way to a surer word, not to one letter (a stroke)
        _merge_words(data, run)
        data["text"][run[0]], data["conf"][run[0]] = read, sure


_LATIN_LINE_SHARE = 0.6
"""Share of a line's words that must be doubtful Latin guesses for the whole line to be read again."""


def _reread_latin_line(gray: np.ndarray, data: dict[str, list[Any]], line: list[int], script: str) -> None:
    """A line of a Chinese page read as doubtful Latin words throughout, read again with the Chinese pack alone.

    With English loaded, a Chinese line of a 1-bit or pale scan can come out
    as Latin guesses from end to end ('ABR SEER PRD A BELT RACE'): with no
    sure Chinese word in it, _reread_foreign leaves it. The line's strip,
    read with the Chinese pack alone, replaces it when that reading is mostly
    Chinese and surer. A line with an address in it is left as it is.
    """
    pack = _CELL_PACK.get(script)
    words = [i for i in line if data["text"][i]]
    if pack is None or len(words) < 3 or any("@" in data["text"][i] for i in words):
        return
    guesses = [i for i in words if re.search("[A-Za-z]", data["text"][i]) and float(data["conf"][i]) < _FOREIGN_CONFIDENCE]
    if len(guesses) < _LATIN_LINE_SHARE * len(words):
        return
    read, sure = read_line(_strip(gray, data, words, own_line=True), pack)
    read = join_words(read.split())
    own, latin = letter_counts(read)
    if own > latin and sure > sum(float(data["conf"][i]) for i in words) / len(words):
        _merge_words(data, words)
        data["text"][words[0]], data["conf"][words[0]] = read, sure


def _read(image: np.ndarray, script: str) -> dict[str, list[Any]]:
    return read_words(image, SCRIPT_LANGUAGES[script], _PSM.get(script, 3))


def _mean_confidence(data: dict[str, list[Any]]) -> float:
    scores = [float(conf) / 100 for text, conf in zip(data["text"], data["conf"]) if text.strip() and float(conf) >= 0]
    return sum(scores) / len(scores) if scores else 0.0


def _read_doubtful(clean: np.ndarray, data: dict[str, list[Any]], script: str) -> tuple[dict[str, list[Any]], str]:
    """Doubtful words hint at a wrong script guess (OSD takes a noisy Chinese scan for Latin, surely).

    Each other script's packs read the page's inkiest band only; the page is
    read again, once, with the script whose band reads surest, and that
    reading wins when it is the surer one. Three bands cost less than one
    page; reading the whole page in every script cost three pages.
    """
    top, bottom = _inkiest_band(clean, _TRIAL_BAND)
    band = clean[top:bottom]
    trials = {other: _mean_confidence(_read(band, other)) for other in SCRIPT_LANGUAGES if other != script}
    best = max(trials, key=lambda other: trials[other])
    if trials[best] <= _mean_confidence(_within(data, top, bottom)):
        return data, script
    retry = _read(clean, best)
    return (retry, best) if _mean_confidence(retry) > _mean_confidence(data) else (data, script)


_OFTEN_MISTAKEN = "Han"
"""The script OSD takes for another (Chinese for Latin, measured on scans and photos): always tried."""


def _checked_upside_down(gray: np.ndarray, script: str) -> Orientation:
    """OSD's upside-down verdict checked by reading: the inkiest band read both ways up.

    OSD turns a 1-bit scan of Chinese upside down, sure of it, and reads its
    script as Latin; the Latin packs read upside-down Chinese no worse than
    upright, the Chinese pack reads it upright far better. So the band is
    read both ways with OSD's script and with the script OSD mistakes, and
    the surest reading gives the way up and the script.
    """
    top, bottom = _inkiest_band(gray, _TRIAL_BAND)
    band = np.ascontiguousarray(gray[top:bottom])
    turned = np.ascontiguousarray(band[::-1, ::-1])
    trials = {(rotate, trial): _mean_confidence(_read(pixels, trial))
              for trial in dict.fromkeys((script, _OFTEN_MISTAKEN)) for rotate, pixels in ((0, band), (180, turned))}
    rotate, best = max(trials, key=lambda key: trials[key])
    return Orientation(rotate, best)


def _within(data: dict[str, list[Any]], top: int, bottom: int) -> dict[str, list[Any]]:
    """The words of a reading whose boxes lie between two heights of the page."""
    kept = [i for i, y in enumerate(data["top"]) if top <= y and y + data["height"][i] <= bottom]
    return {column: [values[i] for i in kept] for column, values in data.items()}


# Longer than 50 lines: one page's reading from pixels to words, step after step in the order they run.
def ocr_page(image: Image.Image, number: int, width: float, height: float) -> Page:
    """Read a page image; `width`/`height` are the page size in points as it was given (the page's
    size in the result is that of the page as read: upright, flattened)."""
    colour, gray, photographed = _upright(image)
    gray = enlarged(gray)
    orientation = detect_orientation(gray)
    if orientation.rotate == 180:
        orientation = _checked_upside_down(gray, orientation.script)
    if orientation.rotate:
        gray = np.ascontiguousarray(np.rot90(gray, k=-(orientation.rotate // 90)))
        colour = np.ascontiguousarray(np.rot90(colour, k=-(orientation.rotate // 90)))
    angle = skew_angle(gray)
    gray, colour = untilt(gray, angle), untilt(colour, angle)
    across, down = find_rules(gray)
    clean = without_rules(gray, across, down)
    script = orientation.script
    data = _read(clean, script)
    if _mean_confidence(data) < _RETRY_CONFIDENCE:
        data, script = _read_doubtful(clean, data, script)
    data["text"] = [raw.translate(BIDI_MARKS).strip() for raw in data["text"]]
    for piece in tesseract_lines(data):
        _reread_foreign(clean, data, piece, script)  # before specks go: 'زيد' may have come out as '3'
        _reread_latin_line(clean, data, piece, script)
    data["text"] = ["" if _is_speck(text, float(conf)) else text for text, conf in zip(data["text"], data["conf"])]
    if script == "Arabic":
        reread_doubtful_words(clean, data)
    # points per pixel along the long side, which stays the long side however the page was turned
    # or flattened: word boxes, page size and the page's pixels stay in one frame
    per_pixel = max(width, height) / max(gray.shape)
    _read_again(clean, data, script)
    grid = grid_cells(across, down)
    if script == "Han":
        witness_lines(clean, data, grid)
    words: list[Word] = []
    lines: list[TextLine] = []
    scores: list[float] = []
    for _, indexes in visual_lines(data):
        line_words = [data["text"][i] for i in indexes]
        lines.append(page_line(data, indexes))
        for i, text in zip(indexes, line_words):
            left, top = data["left"][i], data["top"][i]
            box = (left * per_pixel, top * per_pixel,
                   (left + data["width"][i]) * per_pixel, (top + data["height"][i]) * per_pixel)
            sure = float(data["conf"][i]) / 100 if float(data["conf"][i]) >= 0 else None
            words.append(Word(text, box, sure))
            if sure is not None:
                scores.append(sure)
    words += _recovered(clean, data, grid, script, lines, per_pixel)
    cells = read_cells(clean, grid, SCRIPT_LANGUAGES[script], _CELL_PACK.get(script), _pixel_words(data),
                       firm_words(data))
    words = _doubted_words(words, cells.doubted, per_pixel) + _cell_words(cells.words, per_pixel)
    return Page(
        number=number,
        text=page_text(lines),
        tables=cells.tables,
        cells=[Word(text, (x0 * per_pixel, y0 * per_pixel, x1 * per_pixel, y1 * per_pixel))
               for text, (x0, y0, x1, y1) in cells.cells],
        words=words,
        width=gray.shape[1] * per_pixel,
        height=gray.shape[0] * per_pixel,
        ocr_confidence=sum(scores) / len(scores) if scores else 0.0,
        image=colour,
        photographed=photographed,
    )


def _recovered(clean: np.ndarray, data: dict[str, list[Any]], grid: list[list[list[Box]]], script: str,
               lines: list[TextLine], per_pixel: float) -> list[Word]:
    """Lines read in ink the page pass left out, put in their places among `lines`; their words.

    On an Arabic page, the ink the stacked read found nothing in is looked for again as whole lines
    (the pieces of a line joined along it) and each is read alone (ruled.read_alone): there whole
    lines go missing on photos and scans (a short right-aligned line, a numbered paragraph's first
    line, a value far from its label), not only names by a stamp (see _whole_lines).
    """
    lang = SCRIPT_LANGUAGES[script]
    arabic = script == "Arabic"
    missed = missed_lines(clean, data, grid)
    found = read_stacked(clean, missed, lang, _RECOVERED_CONFIDENCE)
    alone: list[Box] = []
    if arabic:
        stacked = {box: lines for box, lines in zip(missed, found) if lines}
        whole = _whole_lines(clean, missed_lines(clean, data, grid, join=_JOIN), stacked, lang)
        alone = list(whole)
        missed, found = list(stacked) + alone, list(stacked.values()) + list(whole.values())
    words: list[Word] = []
    for box, read in zip(missed, found):
        for line in read:
            place_recovered(lines, Piece(box[0] + line.left, box[1] + line.top, box[0] + line.right,
                                         box[1] + line.bottom, line.text))
            if box in alone:  # each word with its box and confidence, as the page pass's
                words += [Word(word.text, _in_points(word.box, per_pixel, box), word.confidence / 100)
                          for word in line.words]
            else:  # a word for the signature locator too: a name under a signature is often found only here
                words.append(Word(line.text, _in_points(box, per_pixel)))
    return words


def _whole_lines(clean: np.ndarray, boxes: list[Box], stacked: dict[Box, list[StackedLine]],
                 lang: str) -> dict[Box, list[StackedLine]]:
    """Whole lines of missed ink on an Arabic page, each read alone: where the stacked read found nothing,
    and where it read only part of the line ('الدكتورة' of '2. اللقب: الدكتورة') when the whole line's
    reading holds that part (which then gives way to it, out of `stacked`); what it read of a line
    otherwise stays (a signatory's name by a stamp)."""
    read: dict[Box, list[StackedLine]] = {}
    for box in boxes:
        inside = [b for b in stacked if _overlap(box, b)]
        if inside and box[2] - box[0] < _WIDER * (max(b[2] for b in inside) - min(b[0] for b in inside)):
            continue  # no more ink than the stacked read read
        lines = read_alone(clean, [box], [[]], lang, _RECOVERED_CONFIDENCE)[0]
        whole = "".join(line.text for line in lines).replace(" ", "")
        parts = ["".join(line.text for line in stacked[b]).replace(" ", "") for b in inside]
        if lines and all(part in whole for part in parts):
            read[box] = lines
            for b in inside:
                del stacked[b]
    return read


_WIDER = 1.5
"""How much wider than what the stacked read read a whole line must be to be read again."""


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _in_points(box: Box, per_pixel: float, within: Box = (0, 0, 0, 0)) -> tuple[float, float, float, float]:
    """A box in pixels (of the box `within`, else of the page) in page points."""
    x0, y0, x1, y1 = (within[0] + box[0], within[1] + box[1], within[0] + box[2], within[1] + box[3])
    return x0 * per_pixel, y0 * per_pixel, x1 * per_pixel, y1 * per_pixel


def _doubted_words(words: list[Word], doubted: list[tuple[frozenset[str], tuple[int, int, int, int]]],
                   per_pixel: float) -> list[Word]:
    """The page pass's words inside a cell the two OCR engines disagree on, no surer than the cell's own
    words there: a field is as sure as the best reading of its characters anywhere on the page."""
    def disputed(word: Word) -> bool:
        middle = ((word.box[0] + word.box[2]) / 2 / per_pixel, (word.box[1] + word.box[3]) / 2 / per_pixel)
        return any(chars & set(word.text) and x0 <= middle[0] < x1 and y0 <= middle[1] < y1
                   for chars, (x0, y0, x1, y1) in doubted)
    return [replace(word, confidence=min(word.confidence, DISPUTED / 100))
            if word.confidence is not None and disputed(word) else word for word in words]


def _pixel_words(data: dict[str, list[Any]]) -> list[tuple[str, tuple[int, int, int, int]]]:
    """The page pass's words with their boxes in pixels, in reading order."""
    return [(text, (data["left"][i], data["top"][i], data["left"][i] + data["width"][i],
                    data["top"][i] + data["height"][i])) for i, text in enumerate(data["text"]) if text]


def _cell_words(found: list[CellWord], per_pixel: float) -> list[Word]:
    """Table cells' words in page points with their confidences: a value read in a cell is as sure as they are."""
    return [Word(word.text, (word.box[0] * per_pixel, word.box[1] * per_pixel,
                             word.box[2] * per_pixel, word.box[3] * per_pixel),
                 word.confidence / 100 if word.confidence >= 0 else None)
            for word in found]


def _read_again(clean: np.ndarray, data: dict[str, list[Any]], script: str) -> None:
    """Small strips read again where the page pass goes wrong: addresses, whole or cut by a line break."""
    pieces = tesseract_lines(data)
    for piece in pieces:
        _reread_emails(clean, data, piece, script == "Latin")
        _witnessed_addresses(clean, data, piece)
    for before, after in zip(pieces, pieces[1:]):
        _join_cut_address(clean, data, before, after)


def _witnessed_addresses(gray: np.ndarray, data: dict[str, list[Any]], line: list[int]) -> None:
    """Each whole address of the line whose own strip shows it in doubt, as its strip's re-reads
    witness it (see prose_address): an initial the line's reading lost is put back, never a letter changed."""
    for at in line:
        found = _EMAIL.search(data["text"][at])
        if found is None or not _WHOLE_ADDRESS.fullmatch(found.group(0)):
            continue
        group = _address_pieces(data, line, at)
        strip = _without_neighbours(_strip(gray, data, group), data, line, group)
        witnessed = reread_address(strip, int(data["height"][at]), found.group(0), float(data["conf"][at]))
        if witnessed is not None:
            data["text"][at] = data["text"][at].replace(found.group(0), witnessed[0], 1)
            data["conf"][at] = max(float(data["conf"][at]), witnessed[1])

