"""Tesseract through its C API: models loaded once and shared by threads, words as the command line gives them."""

from __future__ import annotations

import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import tesserocr

from extractors.readers import tesseract
from extractors.readers.tesseract import busy_seconds, orientation_and_script, read_line, read_words
from tests.extractors.test_readers_inputs import page_image

pytestmark = pytest.mark.slow


def _page() -> np.ndarray:
    return np.asarray(page_image(("Please accept, Sir, the assurances", "of my highest consideration.")))


def test_words_come_with_boxes_and_confidences_in_reading_order() -> None:
    data = read_words(_page(), "eng", 3)
    words = [text for text in data["text"] if text.strip()]
    assert words[:3] == ["Please", "accept,", "Sir,"]
    first = data["text"].index("Please")
    assert data["left"][first] > 100 and data["conf"][first] > 80


def test_pages_read_side_by_side_give_the_same_words() -> None:
    page = _page()
    alone = read_words(page, "eng", 3)["text"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        together = list(pool.map(lambda _: read_words(page, "eng", 3)["text"], range(2)))
    assert together == [alone, alone]


def test_tesseracts_time_is_processor_time_however_long_it_waits() -> None:
    """On a loaded machine a read waits for a processor: the share of OCR must not count the wait."""
    before = busy_seconds()
    read_words(_page(), "eng", 3)
    assert busy_seconds() > before
    before = busy_seconds()
    with tesseract._engine("eng", 3, _page()):
        time.sleep(0.5)  # held, not reading: as a read kept off the processor
    assert busy_seconds() - before < 0.2


def test_single_line_and_orientation_of_an_upside_down_page() -> None:
    page = _page()
    text, confidence = read_line(page[230:300, :], "eng")
    assert "assurances" in text and 50 < confidence <= 100
    reading = orientation_and_script(np.ascontiguousarray(page[::-1, ::-1]), "Latin")
    assert reading.rotate == 180 and reading.script == "Latin"


def test_the_engine_in_process_is_the_installed_tesseract() -> None:
    """The PyPI wheel bundles another Tesseract release that reads differently; build tesserocr
    against the system's (pip install --no-binary tesserocr tesserocr, with libtesseract-dev)."""
    installed = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=True).stdout
    assert tesserocr.tesseract_version().split()[1] == installed.split()[1]
