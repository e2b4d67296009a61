"""Which OCR words are print for sure, so that their boxes can be blanked before ink is judged.

Tesseract "reads" a signature, a stamp's rim or dust as words too: only words
it is sure of, that spell letters (or Han characters) and stand no taller than
a line of print are print. Every script, every kind of doubt.
"""

from __future__ import annotations

import pytest

from extractors.model import Page, Word
from extractors.signature.read_print import read_print

LINE = 10.0


def _page(*words: Word, ocr: float | None = 0.9) -> Page:
    return Page(number=1, text="", words=list(words), width=600, height=800, ocr_confidence=ocr)


@pytest.mark.parametrize("text", ["Mathe", "Sangaré", "Набиев", "الشمري", "刘", "副主任", "Director,"])
def test_a_sure_word_of_print_height_in_any_script_is_print(text: str) -> None:
    word = Word(text, (100, 200, 160, 210), 0.95)
    assert read_print(_page(word), LINE) == [word.box]


def test_a_word_with_ascenders_and_descenders_is_print() -> None:
    """'faithfully,' stands half again as tall as most words of its line."""
    word = Word("faithfully,", (100, 200, 170, 215.5), 0.96)
    assert read_print(_page(word), LINE) == [word.box]


@pytest.mark.parametrize(("text", "confidence", "height"), [
    ("Mathe", 0.40, 10),      # doubted: strokes read as letters
    ("wel", 0.80, 10),        # handwriting read as a word, fairly sure: cursive letters look like print
    ("Mathe", None, 10),      # recovered by a second reading, its confidence unknown
    ("Mathe", 0.95, 28),      # as tall as the signature drawn across the name
    ("~", 0.95, 10),          # a stroke sign
    ("/!", 0.95, 10),         # signs, no letters
    ("l", 0.95, 10),          # one Latin letter: a stroke read as a letter
    ("—", 0.95, 10),          # a dash: an underline's piece
])
def test_doubtful_tall_or_letterless_words_are_not_taken_for_print(
        text: str, confidence: float | None, height: float) -> None:
    assert read_print(_page(Word(text, (100, 200, 160, 200 + height), confidence)), LINE) == []


def test_a_text_layers_words_are_left_to_the_text_layer() -> None:
    """A text PDF's words blank as print by their own right (not OCR's rules): none here."""
    assert read_print(_page(Word("Mathe", (100, 200, 160, 210), None), ocr=None), LINE) == []
