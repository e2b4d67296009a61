"""A word of the page's own script that OCR took for doubtful Latin letters is read again in that script."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extractors.readers.ocr import _foreign_runs, _reread_foreign
from tests.extractors.scan_letters import _font

pytestmark = pytest.mark.slow

FAR = (3000, 3000, 10, 10)
SURE = {"Arabic": [("وزارة", 95.0, FAR), ("الاتصالات", 93.0, FAR)], "Han": [("数码", 95.0, FAR), ("发展", 93.0, FAR)],
        "Cyrillic": [("Министерство", 95.0, FAR), ("связи", 93.0, FAR)]}
"""Words of the script the page pass was sure of, elsewhere in the line."""
WORDS = {"Arabic": ("ar", ["المصري", "سعود", "النجار"]), "Han": ("zh", ["思雨", "陈海涛", "数字身份"]),
         "Cyrillic": ("ru", ["Петров", "Смирнова"])}


def _word_image(text: str, language: str, size: int) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A line holding one word on white, and the word's box (left, top, width, height)."""
    page = Image.new("L", (40 * size, 4 * size), 255)
    draw = ImageDraw.Draw(page)
    rtl = language == "ar"
    draw.text((size, size), text, font=_font(language, size), fill=0, direction="rtl" if rtl else None)
    left, top, right, bottom = draw.textbbox((size, size), text, font=_font(language, size), direction="rtl" if rtl else None)
    return np.asarray(page), (left, top, right - left, bottom - top)


def _tsv(words: list[tuple[str, float, tuple[int, int, int, int]]]) -> dict[str, list]:
    """Tesseract's TSV columns for one line of words as the page pass might have given them."""
    return {"text": [w[0] for w in words], "conf": [w[1] for w in words],
            "left": [w[2][0] for w in words], "top": [w[2][1] for w in words],
            "width": [w[2][2] for w in words], "height": [w[2][3] for w in words]}


@pytest.mark.parametrize("script", list(WORDS))
@pytest.mark.parametrize("size", [28, 40])
def test_a_doubtful_latin_guess_is_read_in_the_pages_script(script: str, size: int) -> None:
    language, words = WORDS[script]
    for word in words:
        image, box = _word_image(word, language, size)
        data = _tsv([("ogee", 32.0, box)] + SURE[script])
        _reread_foreign(image, data, [0, 1, 2], script)
        assert data["text"][0].strip(".،,") == word


def test_only_doubtful_letter_words_and_lone_digits_are_suspects() -> None:
    box = (0, 0, 10, 10)
    data = _tsv([("ge", 53.0, box), ("ogee", 32.0, box), ("OpenWallet", 88.0, box),
                 ("a.masri@mdtc.gov.sd", 30.0, box), ("2024", 20.0, box), ("cll", 40.0, box), ("3", 26.0, box)]
                + SURE["Arabic"])
    assert _foreign_runs(data, list(range(9)), "Arabic") == [[0, 1], [5, 6]]


def test_a_line_without_sure_words_of_the_script_is_left_alone() -> None:
    """A signature's strokes read as 'ee' or '3' beside a name are no words to read again."""
    box = (0, 0, 10, 10)
    data = _tsv([("ee", 30.0, box), ("ريم", 90.0, box), ("3", 20.0, box)])
    assert _foreign_runs(data, [0, 1, 2], "Arabic") == []


def test_a_latin_page_is_left_as_read() -> None:
    image, box = _word_image("Petrov", "en", 40)
    data = _tsv([("Petrov", 40.0, box)])
    _reread_foreign(image, data, [0], "Latin")
    assert data["text"] == ["Petrov"]


@pytest.mark.parametrize("size", [28, 40])
@pytest.mark.parametrize("word", ["أمن", "المصري", "سعود"])
def test_a_fairly_sure_latin_guess_gives_way_to_a_surer_reading_in_the_pages_script(word: str, size: int) -> None:
    """'أمن' came out of a fax as 'yal' at 67: read again alone, the Arabic is surer."""
    image, box = _word_image(word, "ar", size)
    data = _tsv([("yal", 67.0, box)] + SURE["Arabic"])
    _reread_foreign(image, data, [0, 1, 2], "Arabic")
    assert data["text"][0].strip(".،,") == word


@pytest.mark.parametrize("size", [28, 40])
@pytest.mark.parametrize("word", ["OpenWallet", "Saudi", "Geneva"])
def test_a_latin_word_in_an_arabic_line_stays_latin(word: str, size: int) -> None:
    image, box = _word_image(word, "en", size)
    data = _tsv([(word, 70.0, box)] + SURE["Arabic"])
    _reread_foreign(image, data, [0, 1, 2], "Arabic")
    assert data["text"][0] == word


@pytest.mark.parametrize("size", [28, 40])
@pytest.mark.parametrize("word", ["أبو", "المصري"])
def test_a_sure_lowercase_latin_guess_between_arabic_words_is_read_in_arabic(word: str, size: int) -> None:
    """'أبو' came out of a scan as 'gil' at 89 between 'الرحمن' and 'زيد': no lowercase Latin word stands so."""
    image, box = _word_image(word, "ar", size)
    data = _tsv([SURE["Arabic"][0], ("gil", 89.0, box), SURE["Arabic"][1]])
    _reread_foreign(image, data, [0, 1, 2], "Arabic")
    assert data["text"][1].strip(".،,") == word


@pytest.mark.parametrize("size", [28, 40])
@pytest.mark.parametrize("word", ["OpenWallet", "GCC"])
def test_a_latin_word_in_capitals_between_arabic_words_stays_latin(word: str, size: int) -> None:
    image, box = _word_image(word, "en", size)
    data = _tsv([SURE["Arabic"][0], (word, 85.0, box), SURE["Arabic"][1]])
    _reread_foreign(image, data, [0, 1, 2], "Arabic")
    assert data["text"][1] == word
