"""OCR of one page image with Tesseract: straighten it, pick the script, read it once.

Speed matters (the whole corpus must pass in well under a minute on two
cores), so the script is found by Tesseract's orientation-and-script pass on
a small band of the page, and the page is then read once with the packs for
that script only. Every Tesseract call runs single-threaded so that pages
can be read side by side without oversubscribing the cores.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass

import cv2
import numpy as np
import pytesseract
from PIL import Image, ImageOps

from extractors.model import Page, Word
from extractors.readers.bidi import rtl_share
from extractors.readers.cells import tidy_cell

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

SCRIPT_LANGUAGES: dict[str, str] = {
    "Latin": "eng+fra+spa",
    "Cyrillic": "rus+eng",
    "Arabic": "ara+eng",
    "Han": "chi_sim+eng",
}
"""Tesseract packs per script named by OSD; letters in every script carry Latin e-mail addresses."""

_DEFAULT_SCRIPT = "Latin"
_OSD_BAND = 0.15
_HEAD_AND_FOOT = 0.15
_RETRY_CONFIDENCE = 0.7
"""Below this mean word confidence the script guess is doubted and other scripts are tried."""
_SPECK_CONFIDENCE = 50.0
_RECOVERED_CONFIDENCE = 60.0
"""Words read in ink the first pass left out must be this sure: that ink is often a signature."""
_STROKES = re.compile(r"[/\\~_=*^`]+")
_PSM = {"Han": 6}
"""Page segmentation per script: Chinese lines hold up better read as one uniform block."""
_CONFIG = "-c tessedit_do_invert=0"
_MAX_SKEW = 5.0
_MIN_ROTATE_CONFIDENCE = 1.0
"""OSD confidence needed to turn a page upside down (measured: 1.6 to 6.3 on flipped letters)."""
_MIN_TEXT_HEIGHT = 2200
"""Pages smaller than this many pixels high (phone photos) are enlarged before OCR."""


@dataclass(frozen=True)
class Orientation:
    rotate: int
    script: str


def _gray(image: Image.Image) -> np.ndarray:
    return np.asarray(ImageOps.exif_transpose(image).convert("L"))


def _skew_angle(gray: np.ndarray) -> float:
    """Tilt in degrees that makes text lines horizontal (projection profile search)."""
    scale = 800 / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    centre = (ink.shape[1] / 2, ink.shape[0] / 2)
    best, best_score = 0.0, -1.0
    for angle in np.arange(-_MAX_SKEW, _MAX_SKEW + 0.01, 0.25):
        matrix = cv2.getRotationMatrix2D(centre, float(angle), 1.0)
        turned = cv2.warpAffine(ink, matrix, (ink.shape[1], ink.shape[0]), flags=cv2.INTER_NEAREST)
        profile = turned.sum(axis=1, dtype=np.float64)
        score = float(np.square(np.diff(profile)).sum())
        if score > best_score:
            best, best_score = float(angle), score
    return best


def _rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    if abs(angle) < 0.1:
        return gray
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)


def _rules(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Masks of the long horizontal and vertical lines (table rules, underlines)."""
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    height, width = gray.shape
    across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (width // 20, 1)))
    down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, height // 40)))
    return across, down


def _without_rules(gray: np.ndarray, across: np.ndarray, down: np.ndarray) -> np.ndarray:
    """The page with its rules painted white: Tesseract reads ruled tables badly otherwise."""
    mask = cv2.dilate(cv2.bitwise_or(across, down), np.ones((5, 5), np.uint8))
    clean = gray.copy()
    clean[mask > 0] = 255
    return clean


def _line_positions(counts: np.ndarray, minimum: float) -> list[int]:
    """Centres of the runs of rows (or columns) where a rule is drawn."""
    positions: list[int] = []
    run: list[int] = []
    for index in np.flatnonzero(counts >= minimum):
        if run and index > run[-1] + 3:
            positions.append(int(np.mean(run)))
            run = []
        run.append(int(index))
    if run:
        positions.append(int(np.mean(run)))
    return positions


Box = tuple[int, int, int, int]


def _grid_cells(across: np.ndarray, down: np.ndarray) -> list[list[list[Box]]]:
    """Ruled tables of a scan as rows of cell boxes (x0, y0, x1, y1) in pixels."""
    height, width = across.shape
    grid = cv2.dilate(cv2.bitwise_or(across, down), np.ones((9, 9), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(grid)
    tables: list[list[list[Box]]] = []
    for x, y, w, h, _ in stats[1:count]:
        if w < 0.3 * width or h < 0.04 * height:
            continue
        rows = _line_positions((across[y:y + h, x:x + w] > 0).sum(axis=1), 0.5 * w)
        cols = _line_positions((down[y:y + h, x:x + w] > 0).sum(axis=0), 0.3 * h)
        if len(rows) >= 2 and len(cols) >= 2:
            tables.append([
                [(x + left, y + top, x + right, y + bottom) for left, right in zip(cols, cols[1:])]
                for top, bottom in zip(rows, rows[1:])
            ])
    return tables


def _read_stacked(image: np.ndarray, boxes: list[Box], lang: str, min_confidence: float = -1.0) -> list[list[str]]:
    """The lines of text in each box, read in one Tesseract call on the boxes stacked with gaps.

    Read in place, the lines of side-by-side boxes (multi-line table cells,
    a name beside a signature) get mixed up or lost; stacked one under the
    other each box is a paragraph of its own.
    """
    gap = 40
    crops = [image[y0:y1, x0:x1] for x0, y0, x1, y1 in boxes]
    found: list[dict[int, list[str]]] = [{} for _ in boxes]
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
    data = pytesseract.image_to_data(Image.fromarray(montage), lang=lang, config=f"--psm 4 {_CONFIG}",
                                     output_type=pytesseract.Output.DICT)
    for i, raw in enumerate(data["text"]):
        word = raw.translate(_BIDI_MARKS).strip()
        centre = data["top"][i] + data["height"][i] / 2
        index = next((n for n, (top, bottom) in enumerate(spans) if top <= centre < bottom), None)
        if word and index is not None and float(data["conf"][i]) >= min_confidence:
            line = data["line_num"][i] + 1000 * data["par_num"][i] + 100000 * data["block_num"][i]
            found[index].setdefault(line, []).append(word)
    return [[_join_words(words) for words in lines.values()] for lines in found]


def _read_cells(clean: np.ndarray, tables: list[list[list[Box]]], lang: str) -> list[list[list[str]]]:
    """Cell texts of ruled tables, each cell read whole (see _read_stacked)."""
    inset = 4
    boxes: list[Box] = []
    keys: list[tuple[int, int, int]] = []
    for t, table in enumerate(tables):
        for r, row in enumerate(table):
            for c, (x0, y0, x1, y1) in enumerate(row):
                crop = clean[y0 + inset: y1 - inset, x0 + inset: x1 - inset]
                if crop.size and int((crop < 128).sum()) > 30:
                    boxes.append((x0 + inset, y0 + inset, x1 - inset, y1 - inset))
                    keys.append((t, r, c))
    texts = dict(zip(keys, _read_stacked(clean, boxes, lang)))
    result: list[list[list[str]]] = []
    for t, table in enumerate(tables):
        rows = [[tidy_cell(" ".join(texts.get((t, r, c), []))) for c in range(len(row))] for r, row in enumerate(table)]
        rows = [row for row in rows if any(row)]
        if rows and rtl_share(" ".join(" ".join(row) for row in rows)) >= 0.5:
            rows = [row[::-1] for row in rows]
        if rows:
            result.append(rows)
    return result


def _missed_lines(clean: np.ndarray, data: dict[str, list], tables: list[list[list[Box]]]) -> list[Box]:
    """Boxes of text-like ink that no word covers: a name under a signature, text under a stamp."""
    ink = cv2.threshold(clean, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    for i, text in enumerate(data["text"]):
        if text:
            x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
            ink[max(0, y - 4): y + h + 4, max(0, x - 4): x + w + 4] = 0
    for table in tables:
        ink[table[0][0][1]: table[-1][-1][3], table[0][0][0]: table[-1][-1][2]] = 0
    blobs = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (25, 3)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(blobs)
    height = clean.shape[0]
    boxes = []
    for x, y, w, h, area in stats[1:count]:
        filled = int((ink[y:y + h, x:x + w] > 0).sum())
        if 0.008 * height <= h <= 0.04 * height and w >= 3 * h and 0.05 <= filled / (w * h) <= 0.5:
            boxes.append((max(0, x - 6), max(0, y - 6), x + w + 6, y + h + 6))
    return boxes


def _sideways(gray: np.ndarray) -> bool:
    """Text lines run down the page: the column profile is far sharper than the row profile."""
    scale = 800 / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    rows = float(np.square(np.diff(ink.sum(axis=1, dtype=np.float64))).sum())
    cols = float(np.square(np.diff(ink.sum(axis=0, dtype=np.float64))).sum())
    return cols > 1.5 * rows


def _inkiest_band(gray: np.ndarray, share: float) -> tuple[int, int]:
    """Rows (top, bottom) of the band, `share` of the page high, holding the most ink.

    The search skips the top and bottom of the page: letterheads and footers
    are often bilingual, and the body shows the letter's own script.
    """
    height = gray.shape[0]
    skip = int(len(gray[:: 4]) * _HEAD_AND_FOOT)
    ink = (gray[:: 4, :: 4] < 128).sum(axis=1).astype(np.float64)[skip: len(gray[:: 4]) - skip]
    window = max(1, min(len(ink), int(height * share / 4)))
    sums = np.convolve(ink, np.ones(window), mode="valid")
    start = (int(np.argmax(sums)) + skip) * 4
    return start, min(height, start + int(height * share))


def _osd(image: np.ndarray) -> tuple[int, float, str]:
    """Tesseract's quarter turn to upright, how sure it is, and the script it saw."""
    try:
        osd = pytesseract.image_to_osd(Image.fromarray(image), config="--psm 0 -c min_characters_to_try=10")
    except pytesseract.TesseractError:
        return 0, 0.0, _DEFAULT_SCRIPT
    rotate = re.search(r"Rotate: (\d+)", osd)
    confidence = re.search(r"Orientation confidence: ([\d.]+)", osd)
    script = re.search(r"Script: (\w+)", osd)
    name = script.group(1) if script else _DEFAULT_SCRIPT
    return (
        int(rotate.group(1)) if rotate else 0,
        float(confidence.group(1)) if confidence else 0.0,
        name if name in SCRIPT_LANGUAGES else _DEFAULT_SCRIPT,
    )


def detect_orientation(gray: np.ndarray) -> Orientation:
    """Tesseract OSD on the inkiest band of the page (fast), or all of it when it lies on its side.

    The band keeps full resolution: at half size OSD takes small Chinese
    characters for Latin letters.

    Lines that run across the page leave only upright or upside down; a
    sideways page must turn a quarter either way. OSD only chooses which.
    """
    if _sideways(gray):
        rotate, _, script = _osd(gray)
        return Orientation(rotate if rotate in (90, 270) else 90, script)
    top, bottom = _inkiest_band(gray, _OSD_BAND)
    rotate, confidence, script = _osd(gray[top:bottom])
    upside_down = rotate == 180 and confidence >= _MIN_ROTATE_CONFIDENCE
    return Orientation(180 if upside_down else 0, script)


def _is_cjk(char: str) -> bool:
    return "CJK" in unicodedata.name(char, "") or unicodedata.east_asian_width(char) == "W"


def _join_words(words: list[str]) -> str:
    """Words of one line; Chinese is written without spaces next to its characters."""
    text = ""
    for word in words:
        if text and not (_is_cjk(text[-1]) or _is_cjk(word[0])):
            text += " "
        text += word
    return text


_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_ASCII_TOKEN = re.compile(r"[\x21-\x7e]{1,6}")
_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def _is_speck(text: str, confidence: float) -> bool:
    """Pen strokes, stamp rims, dust: a short guess Tesseract doubts, or a lone stroke sign.

    Signs such as '/' or '~' never stand alone as words in a letter, but a
    signature's strokes read as them.
    """
    if any(_is_cjk(char) for char in text):
        return False  # one or two characters make a whole Chinese word
    return (0 <= confidence < _SPECK_CONFIDENCE and len(text) <= 2) or bool(_STROKES.fullmatch(text))


def _touching_prefix(data: dict[str, list], before: int, at: int) -> bool:
    """The token just before an address is a torn-off piece of it ('(kK' + 'benamar@...')."""
    gap = data["left"][at] - (data["left"][before] + data["width"][before])
    return bool(_ASCII_TOKEN.fullmatch(data["text"][before])) and gap < 0.25 * data["height"][at]


def _as_one_address(read: str) -> str:
    """A strip holds one address, so a gap inside it is a dot Tesseract lost ('k benamar@mpt gov.dz')."""
    return re.sub(r"\.{2,}", ".", re.sub(r"\s+", ".", read.strip(" \n|()[]<>'\"")))


def _reread_emails(gray: np.ndarray, data: dict[str, list], line: list[int], latin_page: bool) -> None:
    """Read e-mail addresses again with the English model alone, on a strip holding only them.

    With a second script loaded (Arabic, Chinese, Cyrillic) Tesseract often
    tears an address apart or drops its dots; the strip reads far better.
    The strip's reading replaces the page's when it holds an address.
    """
    for position, at in enumerate(line):
        if "@" not in data["text"][at]:
            continue
        group = [at]
        if position and _touching_prefix(data, line[position - 1], at):
            group.insert(0, line[position - 1])
        found = _EMAIL.search(data["text"][at])
        if latin_page and found and len(group) == 1:
            continue
        x0 = min(data["left"][j] for j in group)
        x1 = max(data["left"][j] + data["width"][j] for j in group)
        y0 = min(data["top"][j] for j in group)
        y1 = max(data["top"][j] + data["height"][j] for j in group)
        pad = max(2, int(0.3 * (y1 - y0)))
        strip = gray[max(0, y0 - pad): y1 + pad, max(0, x0 - pad): x1 + pad]
        resized = cv2.resize(strip, None, fx=1.5, fy=1.5, interpolation=cv2.INTER_CUBIC)
        read = pytesseract.image_to_string(Image.fromarray(resized), lang="eng", config="--psm 7")
        again = _EMAIL.search(_as_one_address(read))
        if not again:
            continue
        best = again.group(0)
        lead = re.match(r"[(\[<\"']*", data["text"][group[0]]).group(0)
        tail = data["text"][at][found.end():] if found else ""
        for j in group:
            data["text"][j] = ""
        data["text"][at] = lead + best + tail


def _read(image: np.ndarray, script: str) -> dict[str, list]:
    return pytesseract.image_to_data(
        Image.fromarray(image),
        lang=SCRIPT_LANGUAGES[script],
        config=f"--psm {_PSM.get(script, 3)} {_CONFIG}",
        output_type=pytesseract.Output.DICT,
    )


def _mean_confidence(data: dict[str, list]) -> float:
    scores = [float(conf) / 100 for text, conf in zip(data["text"], data["conf"]) if text.strip() and float(conf) >= 0]
    return sum(scores) / len(scores) if scores else 0.0


def _read_doubtful(gray: np.ndarray, clean: np.ndarray, data: dict[str, list], script: str) -> tuple[dict[str, list], str]:
    """Doubtful words hint at a wrong script guess: try OSD's view of the whole page, then the rest.

    OSD on a band is cheap but can take small Chinese characters for Latin
    letters; the reading with the surest words wins.
    """
    whole_page = _osd(gray)[2]
    others = [whole_page] + [name for name in SCRIPT_LANGUAGES if name != whole_page]
    best, best_script = data, script
    for other in others:
        if other == script:
            continue
        retry = _read(clean, other)
        if _mean_confidence(retry) > _mean_confidence(best):
            best, best_script = retry, other
        if _mean_confidence(best) >= _RETRY_CONFIDENCE:
            break
    return best, best_script


def ocr_page(image: Image.Image, number: int, width: float, height: float) -> Page:
    """Read a page image; `width`/`height` are the page size in points for the word boxes."""
    gray = _gray(image)
    if gray.shape[0] < _MIN_TEXT_HEIGHT:
        factor = min(2.0, _MIN_TEXT_HEIGHT / gray.shape[0])
        gray = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    orientation = detect_orientation(gray)
    if orientation.rotate:
        gray = np.ascontiguousarray(np.rot90(gray, k=-(orientation.rotate // 90)))
    gray = _rotate(gray, _skew_angle(gray))
    across, down = _rules(gray)
    clean = _without_rules(gray, across, down)
    script = orientation.script
    data = _read(clean, script)
    if _mean_confidence(data) < _RETRY_CONFIDENCE:
        data, script = _read_doubtful(gray, clean, data, script)
    data["text"] = [
        "" if _is_speck(text, float(conf)) else text
        for text, conf in zip((raw.translate(_BIDI_MARKS).strip() for raw in data["text"]), data["conf"])
    ]
    sx, sy = width / gray.shape[1], height / gray.shape[0]
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, text in enumerate(data["text"]):
        if text:
            lines.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
    words: list[Word] = []
    entries: list[tuple[int, str]] = []
    scores: list[float] = []
    for indexes in lines.values():
        _reread_emails(clean, data, indexes, script == "Latin")
        indexes = [i for i in indexes if data["text"][i]]
        line_words = [data["text"][i] for i in indexes]
        entries.append((min(data["top"][i] for i in indexes), _join_words(line_words)))
        for i, text in zip(indexes, line_words):
            left, top = data["left"][i], data["top"][i]
            box = (left * sx, top * sy, (left + data["width"][i]) * sx, (top + data["height"][i]) * sy)
            words.append(Word(text, box))
            if float(data["conf"][i]) >= 0:
                scores.append(float(data["conf"][i]) / 100)
    grid = _grid_cells(across, down)
    missed = _missed_lines(clean, data, grid)
    for box, found in zip(missed, _read_stacked(clean, missed, SCRIPT_LANGUAGES[script], _RECOVERED_CONFIDENCE)):
        for text in found:
            _insert_by_height(entries, box[1], text)
    return Page(
        number=number,
        text="\n".join(text for _, text in entries),
        tables=_read_cells(clean, grid, SCRIPT_LANGUAGES[script]),
        words=words,
        width=width,
        height=height,
        ocr_confidence=sum(scores) / len(scores) if scores else 0.0,
    )


def _insert_by_height(entries: list[tuple[int, str]], top: int, text: str) -> None:
    """Put a recovered line after the last line above it, keeping Tesseract's reading order."""
    position = next((n + 1 for n in range(len(entries) - 1, -1, -1) if entries[n][0] <= top), 0)
    entries.insert(position, (top, text))
