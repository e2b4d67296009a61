"""An address read with a space in it is found where its words lie side by side on one line.

A dot of a pixel or two read as a space ('zhang_si@mddi.gov 5g') leaves the
address as two words of the page's reading; their print is still the
address's, and is found, whatever the words' sizes and spacing, and never
in words on other lines or out of order.
"""

from __future__ import annotations

import numpy as np
import pytest

from extractors.model import Page, Word
from extractors.readers.split_address import split_word


def _page(words: list[Word]) -> list[Page]:
    return [Page(number=1, text="", words=words, width=600, height=200, image=np.full((200, 600), 255, np.uint8))]


@pytest.mark.parametrize("height", [10.0, 14.0, 24.0])
@pytest.mark.parametrize("gap", [2.0, 6.0, 15.0])
def test_the_words_side_by_side_on_a_line_hold_the_address_together(height: float, gap: float) -> None:
    head = Word("E-mail:zhang_si@mddi.gov", (100.0, 50.0, 260.0, 50.0 + height), 0.9)
    tail = Word("5g.", (260.0 + gap, 51.0, 280.0 + gap, 51.0 + height), 0.6)
    found = split_word(_page([Word("Tel", (10.0, 50.0, 40.0, 60.0), 0.9), head, tail]), "zhang_si@mddi.gov 5g")
    assert found is not None
    assert found[1].box == (100.0, 50.0, 280.0 + gap, 51.0 + height) and found[1].confidence == 0.6


def test_words_on_other_lines_out_of_order_or_an_address_with_no_space_are_not_found() -> None:
    head = Word("zhang_si@mddi.gov", (100.0, 50.0, 260.0, 64.0), 0.9)
    below = Word("5g", (100.0, 80.0, 120.0, 94.0), 0.9)
    before = Word("5g", (60.0, 50.0, 80.0, 64.0), 0.9)
    assert split_word(_page([head, below]), "zhang_si@mddi.gov 5g") is None
    assert split_word(_page([head, before]), "zhang_si@mddi.gov 5g") is None
    assert split_word(_page([head, Word("5g", (262.0, 50.0, 280.0, 64.0), 0.9)]), "zhang_si@mddi.gov5g") is None
    assert split_word(_page([head, Word("sg", (262.0, 50.0, 280.0, 64.0), 0.9)]), "zhang_si@mddi.gov 5g") is None
