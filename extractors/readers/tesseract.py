"""Tesseract through its C API, each language model loaded once per process.

Starting the command-line program loads the models on every call: about
0.4 s for eng+fra+spa or chi_sim+eng, more than reading an e-mail strip or
a few table cells takes. Loaded engines are kept idle between reads
instead; an engine serves one thread at a time (it is not thread-safe, and
pages are read two at a time on short-lived threads).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # before the engine loads: pages are read side by side

import numpy as np
import tesserocr
from PIL import Image

_TESSDATA = os.environ.get("TESSDATA_PREFIX", "/usr/share/tesseract-ocr/5/tessdata/")
"""The language packs of the Debian tesseract-ocr-* packages."""
_OPTIONS = {"tessedit_do_invert": "0"}
"""Pages are dark on light: skipping the inverted-text pass saves a good share of the time."""
_OSD_OPTIONS = {"min_characters_to_try": "10"}
_UNKNOWN_RESOLUTION = 70
"""Tesseract's floor for a credible resolution; at it the text size decides, as for a file without one."""
_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num",
            "left", "top", "width", "height", "conf", "text")
_idle: dict[str, list[tesserocr.PyTessBaseAPI]] = {}
_idle_lock = threading.Lock()
_busy = [0.0]
"""Processor seconds the engines of this process spent reading, summed over threads (see busy_seconds)."""


class OsdReading(NamedTuple):
    """Quarter turn to upright and the script seen, each with Tesseract's confidence."""

    rotate: int
    confidence: float
    script: str
    script_confidence: float


@contextmanager
def _engine(lang: str, psm: int, pixels: np.ndarray) -> Iterator[tesserocr.PyTessBaseAPI]:
    """An idle engine for these packs (a new one if all are busy), set to the mode and given the image.

    The image goes in as the command line gives it: resolution unknown,
    estimated from the text size, so the words are the same.
    """
    with _idle_lock:
        idle = _idle.setdefault(lang, [])
        engine = idle.pop() if idle else None
    if engine is None:
        engine = tesserocr.PyTessBaseAPI(path=_TESSDATA, lang=lang)
        for name, value in (_OSD_OPTIONS if lang == "osd" else _OPTIONS).items():
            engine.SetVariable(name, value)
    start = time.thread_time()  # an engine reads on the calling thread (OMP_THREAD_LIMIT=1)
    try:
        engine.SetPageSegMode(psm)
        engine.SetImage(Image.fromarray(pixels))
        engine.SetSourceResolution(_UNKNOWN_RESOLUTION)
        yield engine
    finally:
        engine.Clear()
        with _idle_lock:
            _idle[lang].append(engine)
            _busy[0] += time.thread_time() - start


def busy_seconds() -> float:
    """Processor seconds Tesseract has spent reading in this process so far (model loading
    excluded), summed over threads: how much of the reading OCR takes, however loaded the machine."""
    with _idle_lock:
        return _busy[0]


def read_words(pixels: np.ndarray, lang: str, psm: int) -> dict[str, list[Any]]:
    """Tesseract's words with boxes and confidences, one list per TSV column (as pytesseract gives them)."""
    with _engine(lang, psm, pixels) as engine:
        rows = engine.GetTSVText(0).splitlines()
    data: dict[str, list[Any]] = {column: [] for column in _COLUMNS}
    for row in rows:
        cells = row.split("\t")
        if len(cells) < len(_COLUMNS):
            cells.append("")
        for column, cell in zip(_COLUMNS, cells):
            data[column].append(cell if column == "text" else (float(cell) if column == "conf" else int(cell)))
    return data


def read_line(pixels: np.ndarray, lang: str) -> tuple[str, float]:
    """The text of an image holding a single line, with Tesseract's mean word confidence (0..100)."""
    with _engine(lang, tesserocr.PSM.SINGLE_LINE, pixels) as engine:
        return str(engine.GetUTF8Text()), float(engine.MeanTextConf())


class Symbol(NamedTuple):
    """One recognised character and its box in the image's pixels (x0, y0, x1, y1)."""

    text: str
    box: tuple[int, int, int, int]


def read_symbols(pixels: np.ndarray, lang: str) -> list[Symbol]:
    """The characters of an image holding a single line, each with the box of the ink it was read from."""
    with _engine(lang, tesserocr.PSM.SINGLE_LINE, pixels) as engine:
        engine.Recognize()
        found = engine.GetIterator()
        symbols: list[Symbol] = []
        level = tesserocr.RIL.SYMBOL
        while found is not None and not found.Empty(level):
            text, box = found.GetUTF8Text(level), found.BoundingBox(level)
            if text and box:
                symbols.append(Symbol(str(text), (int(box[0]), int(box[1]), int(box[2]), int(box[3]))))
            if not found.Next(level):
                break
    return symbols


def orientation_and_script(pixels: np.ndarray, default_script: str) -> OsdReading:
    """Tesseract's quarter turn to upright and the script it sees; nothing sure on too little text."""
    with _engine("osd", tesserocr.PSM.OSD_ONLY, pixels) as engine:
        found = engine.DetectOrientationScript()
    if not found:
        return OsdReading(0, 0.0, default_script, 0.0)
    return OsdReading((360 - int(found["orient_deg"])) % 360, float(found["orient_conf"]),
                      str(found["script_name"]), float(found["script_conf"]))
