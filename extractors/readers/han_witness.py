"""A second OCR engine as a witness for the Chinese of page images: table cells, and lines (han_lines).

Debian's Chinese model for Tesseract is the small fast one: on a photo or a
1-bit scan it takes one character for another of like shape ('寺士' for
'博士', '起' for '赵') and is sometimes sure of it. PP-OCR (RapidOCR, its
ONNX models shipped in the wheel) was trained apart from it and errs
elsewhere. So each Chinese cell Tesseract read is read again by PP-OCR and
the two are weighed (see `judge`), with one rule above all: one engine's
reading alone never makes a field sure. Readings both engines give are
trusted; where they differ the cell stays doubtful unless other evidence
settles it (Annex 2's closed lists of Chinese labels, roles and honorifics,
or the pinyin of the address in the cell's row or column).

The engine is loaded only when a Chinese page image is read (a second or
two, once per process) and kept for the letters after it; it never
downloads anything: its models are the wheel's own files.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Callable, NamedTuple

import cv2
import numpy as np

from extractors.fields.labels import vocabulary
from extractors.readers.han_cells import DISPUTED
from extractors.readers.ocr_text import is_cjk

WITNESS_SURE = 0.9
"""PP-OCR's score (0..1) below which its reading of a cell says nothing either way."""
AGREED = 90.0
"""The confidence (0..100) of a reading both engines give, or one the witness gives and the closed
vocabulary holds: sure enough for a field."""
HAN_PACKS = ("chi_sim", "chi_tra")
"""Tesseract's Chinese packs: the tables read with one of them are the ones witnessed."""
_DASHES = str.maketrans(dict.fromkeys("-‐‑‒–—―－", "一"))
"""Dashes: what Tesseract may read the one stroke of the Han '一' as."""
_PADDING = 16
"""White pixels put around the table: PP-OCR drops a character that touches the image's edge."""
_INSIDE = 0.8
"""Share of a line's width that must lie in one cell for it to be that cell's."""


class Verdict(NamedTuple):
    """What the witness makes of a cell: the text to keep (None: Tesseract's as it is), how sure it
    then is (None: as Tesseract said), and the kept characters put in doubt."""

    text: str | None = None
    confidence: float | None = None
    doubted: frozenset[str] = frozenset()


@cache
def _closed_list() -> frozenset[str]:
    """Annex 2's Chinese words a cell or a line holds whole: labels ('电子邮件'), roles ('指定候补代表')
    and honorifics ('博士'), folded."""
    words = vocabulary()
    phrases = [*words["titles"]["suffix"]]
    for section in ("fields", "cell_labels", "roles"):
        phrases += [phrase for group in words[section].values() for phrase in group]
    return frozenset(phrase.casefold() for phrase in phrases if any(is_cjk(char) for char in phrase))


def in_closed_list(text: str) -> bool:
    """One of Annex 2's Chinese words, with or without a label's colon: the closed list that settles a
    label, role or title."""
    return text.rstrip(":： ").casefold() in _closed_list()


def _bare(text: str) -> str:
    return "".join(text.split())


def _has_han(text: str) -> bool:
    return any(is_cjk(char) for char in text)


def judge(kept: str, others: list[str], witness: tuple[str, float], settled: Callable[[str], bool]) -> Verdict:
    """Tesseract's kept reading of a cell weighed against PP-OCR's (text, score 0..1).

    - an unsure witness, or one that reads no Chinese, says nothing (but a closed list's word Tesseract
      read in its other reading of the cell is taken, see _listed_other);
    - the same reading from both: sure (AGREED);
    - the witness gives Tesseract's other reading of the cell (enlarged, or the page pass's):
      that reading, sure;
    - the witness gives a reading `settled` holds (Annex 2's closed list: a label, a role, an
      honorific) where Tesseract's is not one but is as long, give or take a character, and shares a
      character with it ('寺士' for '博士', '电池由作' for '电子邮件'): the witness's, sure: the
      closed list is the second witness;
    - otherwise the characters of the kept reading the witness does not hold are doubted (its Chinese,
      and its dashes, which may be a '一': '-级调研员' where the witness reads '一级调研员' is one
      engine's word against the other's, as in han_lines), and
      a cell Tesseract read no Chinese in takes the witness's reading, doubted throughout.
    """
    text, score = witness
    if "@" in kept:
        return Verdict()
    if score < WITNESS_SURE or not _has_han(text):
        return _listed_other(kept, others, settled)
    seen = _bare(text)
    if seen == _bare(kept):
        return Verdict(confidence=AGREED)
    if any(seen == _bare(other) for other in others):
        return Verdict(text=seen, confidence=AGREED)
    if settled(seen) and not settled(_bare(kept)) and set(seen) & set(kept) and abs(len(seen) - len(_bare(kept))) <= 1:
        return Verdict(text=seen, confidence=AGREED)
    if not _has_han(kept):
        return Verdict(text=seen, confidence=DISPUTED)
    return Verdict(doubted=frozenset(char for char in kept if (is_cjk(char) or char.translate(_DASHES) == "一")
                                     and char not in seen))


def _listed_other(kept: str, others: list[str], settled: Callable[[str], bool]) -> Verdict:
    """With no word from the witness: Tesseract's other reading of the cell when it alone is one of
    Annex 2's closed list and the kept one, as long give or take a character, is not ('称谓或职衔:' read
    again for '称谓或职衙:'); else nothing."""
    listed = {_bare(other) for other in others if settled(_bare(other))}
    if len(listed) != 1 or settled(_bare(kept)):
        return Verdict()
    other = listed.pop()
    near = set(other) & set(kept) and abs(len(other) - len(_bare(kept))) <= 1
    return Verdict(text=other, confidence=AGREED) if near else Verdict()


SPELLED = 0.8
"""How much of an address a name must spell (with the rest of the name) for the address to settle a
difference between the engines."""
_CONTRADICTED = 0.1
"""How much less of the address the other engine's reading must spell."""


def spelled_by_address(kept: str, seen: str, partners: list[str], email: str) -> bool:
    """Whether the address settles a difference in the witness's favour: its pinyin spells the
    witness's reading of a name cell with one of the line's other short Chinese cells (or alone),
    and spells Tesseract's clearly less ('xiaoming.huang' is 晓明 黄, not 娆明 黄). The address is a
    third witness, read in Latin letters; a homophone the witness misread for the printed character
    would pass, which takes a misreading that sounds the same and looks alike."""
    from extractors.names import address_fit  # pypinyin: only a disputed Chinese cell pays for it

    def spelled(name: str) -> float:
        return max(max(address_fit(email, name, partner), address_fit(email, partner, name))
                   for partner in [*partners, ""])
    fit = spelled(seen)
    return fit >= SPELLED and fit - spelled(kept) >= _CONTRADICTED


_MODELS = ("PP-OCRv6_det_small.onnx", "PP-OCRv6_rec_small.onnx", "ch_ppocr_mobile_v2.0_cls_mobile.onnx")


@cache
def _engine() -> Any:
    """PP-OCR with the wheel's own models, on one thread (the machine is shared), built once per process."""
    import rapidocr  # 1-2 s and 30 MB of models: only a Chinese page image pays for them

    models = Path(rapidocr.__file__).with_name("models")
    missing = [name for name in _MODELS if not (models / name).is_file()]
    if missing:
        raise FileNotFoundError(f"rapidocr's bundled models are missing: {missing}")  # never fetch them
    det, rec, cls = (str(models / name) for name in _MODELS)
    return rapidocr.RapidOCR(params={
        "Global.log_level": "error", "Global.use_cls": False, "Global.max_side_len": 4000,
        "Det.limit_type": "max", "Det.limit_side_len": 2000,  # a table at its own scale, not enlarged
        "Det.model_path": det, "Rec.model_path": rec, "Cls.model_path": cls,
        "EngineConfig.onnxruntime.intra_op_num_threads": 1, "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    })


def witness_cells(image: np.ndarray, boxes: list[tuple[int, int, int, int]]) -> list[tuple[str, float]]:
    """Each cell (x0, y0, x1, y1 on the grey `image`) as PP-OCR reads it: the lines found inside it,
    top to bottom, and the least sure line's score (0 when none is).

    The table is read whole, as the engine reads a page: its detector misses the one- and two-character
    cells when each is read alone. A line that runs over two cells (the rules painted out) is no
    reading of either."""
    readings: list[list[tuple[float, float, str, float]]] = [[] for _ in boxes]
    if not boxes:
        return []
    left, top = min(box[0] for box in boxes), min(box[1] for box in boxes)
    right, bottom = max(box[2] for box in boxes), max(box[3] for box in boxes)
    region = cv2.copyMakeBorder(image[top:bottom, left:right], _PADDING, _PADDING, _PADDING, _PADDING,
                                cv2.BORDER_CONSTANT, value=255)
    result = _engine()(cv2.cvtColor(region, cv2.COLOR_GRAY2BGR))
    for quad, text, score in zip(result.boxes if result.txts else [], result.txts or (), result.scores or ()):
        x0, x1 = float(quad[:, 0].min()) + left - _PADDING, float(quad[:, 0].max()) + left - _PADDING
        y0, y1 = float(quad[:, 1].min()) + top - _PADDING, float(quad[:, 1].max()) + top - _PADDING
        for n, (cx0, cy0, cx1, cy1) in enumerate(boxes):
            inside = max(0.0, min(x1, cx1) - max(x0, cx0))
            if cy0 <= (y0 + y1) / 2 < cy1 and inside >= _INSIDE * (x1 - x0):
                readings[n].append((y0, x0, text, float(score)))
    return [("".join(text for _, _, text, _ in sorted(lines)), min(score for *_, score in lines)) if lines
            else ("", 0.0) for lines in readings]


class Glyph(NamedTuple):
    """A Chinese character (or a Latin word) PP-OCR read on a page, how sure it was (0..1), its box in
    pixels and the number of the line it was read in."""

    text: str
    score: float
    box: tuple[int, int, int, int]
    line: int


_GAP = 24
"""White pixels between two strips stacked for the witness: its detector keeps them apart."""
_STRIP_HEIGHT = 24.0
"""Pixels a strip (a line of print and a margin) is brought down to before PP-OCR reads it: its
detector's time grows with the pixels, and it reads characters some 16 pixels tall as well as larger
ones (measured on the fresh Chinese letters: the same reading at half the size, det 0.5 s instead of 3)."""


def witness_strips(image: np.ndarray, strips: list[tuple[int, int, int, int]],
                   height: float = _STRIP_HEIGHT) -> list[Glyph]:
    """The strips of the grey page (x0, y0, x1, y1) as PP-OCR reads them, glyph by glyph, each glyph's
    box in page pixels. The strips are cut out and stacked one under the other, with white between,
    and read at once, brought down to `height` (_STRIP_HEIGHT for Chinese): one pass of the detector
    over the lines worth reading, not over the page."""
    if not strips:
        return []
    tops, top = [], _PADDING
    for x0, y0, x1, y1 in strips:
        tops.append(top)
        top += y1 - y0 + _GAP
    canvas = np.full((top + _PADDING, max(x1 - x0 for x0, _, x1, _ in strips) + 2 * _PADDING), 255, np.uint8)
    for at, (x0, y0, x1, y1) in zip(tops, strips):
        canvas[at:at + y1 - y0, _PADDING:_PADDING + x1 - x0] = image[y0:y1, x0:x1]
    scale = min(1.0, height / float(np.median([y1 - y0 for _, y0, _, y1 in strips])))
    small = cv2.resize(canvas, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else canvas
    result = _engine()(cv2.cvtColor(small, cv2.COLOR_GRAY2BGR), return_word_box=True)
    glyphs = []
    for number, words in enumerate(result.word_results if result.txts else ()):
        for text, score, quad in words:
            if quad is None or not text.strip():
                continue
            xs, ys = [int(point[0] / scale) for point in quad], [int(point[1] / scale) for point in quad]
            middle = (min(ys) + max(ys)) / 2
            strip = max((n for n, at in enumerate(tops) if at <= middle + _GAP / 2), default=0)
            dx, dy = strips[strip][0] - _PADDING, strips[strip][1] - tops[strip]
            glyphs.append(Glyph(text.strip(), float(score), (min(xs) + dx, min(ys) + dy, max(xs) + dx, max(ys) + dy),
                                number))
    return glyphs
