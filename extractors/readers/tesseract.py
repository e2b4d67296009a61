"""Tesseract through its C API, with the language models loaded once per thread.

Starting the command-line program loads the models on every call: about
0.4 s for eng+fra+spa or chi_sim+eng, more than reading an e-mail strip or
a few table cells takes. An engine per thread and setting is kept instead
(an engine is not thread-safe; pages are read two at a time).
"""

from __future__ import annotations

import os
import threading
from typing import NamedTuple

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # before the engine loads: pages are read side by side

import numpy as np
import tesserocr
from PIL import Image

_TESSDATA = os.environ.get("TESSDATA_PREFIX", "/usr/share/tesseract-ocr/5/tessdata/")
"""The language packs of the Debian tesseract-ocr-* packages (the wheel's engine has no default path)."""
_OPTIONS = {"tessedit_do_invert": "0"}
"""Pages are dark on light: skipping the inverted-text pass saves a good share of the time."""
_OSD_OPTIONS = {"min_characters_to_try": "10"}
_UNKNOWN_RESOLUTION = 70
"""Tesseract's floor for a credible resolution; at it the text size decides, as for a file without one."""
_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num",
            "left", "top", "width", "height", "conf", "text")
_local = threading.local()


class OsdReading(NamedTuple):
    """Quarter turn to upright and the script seen, each with Tesseract's confidence."""

    rotate: int
    confidence: float
    script: str
    script_confidence: float


def _set_image(engine: tesserocr.PyTessBaseAPI, pixels: np.ndarray) -> None:
    """Give the engine an image the way the command line does: resolution unknown, estimated from the text."""
    engine.SetImage(Image.fromarray(pixels))
    engine.SetSourceResolution(_UNKNOWN_RESOLUTION)


def _engine(lang: str, psm: int) -> tesserocr.PyTessBaseAPI:
    engines: dict[tuple[str, int], tesserocr.PyTessBaseAPI] = _local.__dict__.setdefault("engines", {})
    if (lang, psm) not in engines:
        engine = tesserocr.PyTessBaseAPI(path=_TESSDATA, lang=lang, psm=psm)
        for name, value in (_OSD_OPTIONS if lang == "osd" else _OPTIONS).items():
            engine.SetVariable(name, value)
        engines[(lang, psm)] = engine
    return engines[(lang, psm)]


def read_words(pixels: np.ndarray, lang: str, psm: int) -> dict[str, list]:
    """Tesseract's words with boxes and confidences, one list per TSV column (as pytesseract gives them)."""
    engine = _engine(lang, psm)
    _set_image(engine, pixels)
    data: dict[str, list] = {column: [] for column in _COLUMNS}
    for row in engine.GetTSVText(0).splitlines():
        cells = row.split("\t")
        if len(cells) < len(_COLUMNS):
            cells.append("")
        for column, cell in zip(_COLUMNS, cells):
            data[column].append(cell if column == "text" else (float(cell) if column == "conf" else int(cell)))
    engine.Clear()
    return data


def read_line(pixels: np.ndarray, lang: str) -> str:
    """The text of an image holding a single line."""
    engine = _engine(lang, tesserocr.PSM.SINGLE_LINE)
    _set_image(engine, pixels)
    text = engine.GetUTF8Text()
    engine.Clear()
    return str(text)


def orientation_and_script(pixels: np.ndarray, default_script: str) -> OsdReading:
    """Tesseract's quarter turn to upright and the script it sees; nothing sure on too little text."""
    engine = _engine("osd", tesserocr.PSM.OSD_ONLY)
    _set_image(engine, pixels)
    found = engine.DetectOrientationScript()
    engine.Clear()
    if not found:
        return OsdReading(0, 0.0, default_script, 0.0)
    return OsdReading((360 - int(found["orient_deg"])) % 360, float(found["orient_conf"]),
                      str(found["script_name"]), float(found["script_conf"]))
