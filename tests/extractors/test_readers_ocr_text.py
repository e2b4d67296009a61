"""One letter counter tells which script a reading is in, for the page's own script or for any but Latin."""

from __future__ import annotations

import pytest

from extractors.readers.ocr_text import letter_counts

MIXED = {
    "arabic": "محمد بن سعود، ١٢٣ حي النخيل",
    "chinese": "王思雨 教授，电话 010-8888",
    "cyrillic": "Иван Петров, ул. Ленина 5",
    "accented latin": "José Müller-Ørsted, Straße 12",
    "digits and punctuation": "2024-05-01 / 10:30 !?",
    "all at once": "ge آل سعود، BELT 思雨 Іван é",
}

# (letters outside ASCII, Latin letters and digits), then letters of Arabic, Han, Cyrillic:
# the counts the readers took their decisions on before the two counters became one.
COUNTS = {
    "arabic": ((18, 0), 18, 0, 0),
    "chinese": ((7, 7), 0, 7, 0),
    "cyrillic": ((18, 1), 0, 0, 18),
    "accented latin": ((4, 20), 0, 0, 0),
    "digits and punctuation": ((0, 12), 0, 0, 0),
    "all at once": ((13, 6), 6, 2, 4),
}


@pytest.mark.parametrize("kind", MIXED)
def test_a_text_counted_for_any_script_and_for_each_script(kind: str) -> None:
    text = MIXED[kind]
    any_script, arabic, han, cyrillic = COUNTS[kind]
    assert letter_counts(text) == any_script
    assert [letter_counts(text, script)[0] for script in ("Arabic", "Han", "Cyrillic")] == [arabic, han, cyrillic]


@pytest.mark.parametrize("script", ["Arabic", "Han", "Cyrillic"])
def test_the_latin_count_does_not_depend_on_the_script_named(script: str) -> None:
    for text in MIXED.values():
        assert letter_counts(text, script)[1] == letter_counts(text)[1]


def test_digits_of_another_script_are_no_letters_of_it() -> None:
    """'١٢٣' read in an Arabic line is strokes, not a word: it must not keep a Latin guess from giving way."""
    assert letter_counts("١٢٣", "Arabic") == (0, 0)
    assert letter_counts("١٢٣") == (0, 0)


def test_an_accented_latin_word_counts_outside_ascii_but_in_no_own_script() -> None:
    assert letter_counts("é") == (1, 0)
    assert all(letter_counts("é", script)[0] == 0 for script in ("Arabic", "Han", "Cyrillic"))
