"""A Cyrillic table cell read with Latin letters in its words is Cyrillic again; Latin words stay Latin.

Tesseract with Russian and English loaded reads a bold 'е', 'Н' or 'о' as
the Latin letter drawn the same; a header 'Обращение' read 'ОбращeHHe'
names no field, and the title column is lost. Every Russian label of
Annex 2 is spoiled here in a generated way (each lookalike letter in turn
made Latin, and all of them at once) and must name its field again, while
addresses, Latin words and words with an apostrophe are left as read.
"""

from __future__ import annotations

import pytest

from extractors.fields.labels import label_field
from extractors.readers.cells import one_script

CYRILLIC_LABELS = {
    "Обращение": "title", "Фамилия": "last_name", "Имя, отчество": "first_name",
    "Занимаемая должность": "job_title", "Организация": "organization", "Электронная почта": "email",
    "Роль в комитете": "role", "Функция в ГКС": "role",
}
LOOKALIKES = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "к": "k",
              "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Е": "E", "А": "A", "В": "B", "М": "M", "К": "K"}


def spoiled(label: str) -> list[str]:
    """The label with each of its lookalike letters made Latin in turn, and with all of them at once."""
    positions = [n for n, char in enumerate(label) if char in LOOKALIKES]
    one_each = [label[:n] + LOOKALIKES[label[n]] + label[n + 1:] for n in positions]
    return [*one_each, "".join(LOOKALIKES.get(char, char) for char in label)]


@pytest.mark.parametrize("label", list(CYRILLIC_LABELS))
def test_a_header_read_with_latin_lookalikes_names_its_field(label: str) -> None:
    for reading in spoiled(label):
        if reading.isascii():
            continue  # a word of Latin letters only is Latin: nothing says it was Russian
        assert label_field(one_script(reading)) == CYRILLIC_LABELS[label], reading
        assert label_field(one_script(reading.upper())) == CYRILLIC_LABELS[label], reading.upper()


@pytest.mark.parametrize("text", ["e.volkova@digital.gov.ru", "OpenWallet Forum", "GCC", "Mr O'Brien",
                                  "Pr Rémi Lefèvre", "ivan.petrov@mdai.gov.kz"])
def test_latin_words_are_left_as_read(text: str) -> None:
    assert one_script(text) == text


def test_a_latin_word_beside_a_russian_one_is_left_latin() -> None:
    assert one_script("Форум OpenWallet (GCC)") == "Форум OpenWallet (GCC)"


def test_quote_marks_standing_alone_are_specks_and_go() -> None:
    assert one_script("ОбращeHHe ‘`") == "ОбращеННе"
    assert one_script("’ Главное контактное лицо") == "Главное контактное лицо"
