"""A doubtful Arabic word is read again alone at two sizes: taken when both readings agree, else left doubtful.

Real Tesseract on words drawn in code with an Arabic font; the page pass's doubtful reading is given as
Tesseract's word columns would hold it.
"""

from __future__ import annotations

import pytest

from extractors.readers.arabic_words import reread_doubtful_words
from tests.extractors.test_readers_ocr_foreign import _tsv, _word_image

pytestmark = pytest.mark.slow


MISREAD_BY_DOTS = [("زيد", "زبيد"), ("المصري", "المصرى"), ("النجار", "التجار")]
"""Words as printed, and as a page pass misreads them by a dot or a dot-stroke letter."""


@pytest.mark.parametrize(("printed", "misread"), MISREAD_BY_DOTS)
def test_a_doubtful_word_misread_by_its_dots_is_read_as_printed_and_sure(printed: str, misread: str) -> None:
    """At the size pages are read at (letters about 22 pixels tall, scale.py)."""
    image, box = _word_image(printed, "ar", 22)
    data = _tsv([(misread, 41.0, box)])
    reread_doubtful_words(image, data)
    assert data["text"] == [printed] and data["conf"][0] >= 50


@pytest.mark.parametrize("size", [30, 40])
@pytest.mark.parametrize(("printed", "misread"), MISREAD_BY_DOTS)
def test_at_any_size_a_doubtful_word_is_read_as_printed_or_stays_as_doubtful(printed: str, misread: str,
                                                                             size: int) -> None:
    image, box = _word_image(printed, "ar", size)
    data = _tsv([(misread, 41.0, box)])
    reread_doubtful_words(image, data)
    kept = data["text"] == [misread] and data["conf"] == [41.0]
    assert kept or data["text"] == [printed] and data["conf"][0] >= 50, data


def test_a_sure_word_is_left_as_read() -> None:
    image, box = _word_image("زيد", "ar", 30)
    data = _tsv([("زيد", 92.0, box)])
    reread_doubtful_words(image, data)
    assert data == _tsv([("زيد", 92.0, box)])


def test_a_word_whose_strip_reads_as_no_arabic_keeps_the_pages_reading_and_its_doubt() -> None:
    """No guess: when the witnesses do not give one Arabic reading, a person decides from the scan."""
    image, box = _word_image("Geneva", "en", 30)
    data = _tsv([("زبيد", 41.0, box)])
    reread_doubtful_words(image, data)
    assert data["text"] == ["زبيد"] and data["conf"] == [41.0]
