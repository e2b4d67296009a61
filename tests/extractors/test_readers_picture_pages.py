"""Pages photographed one by one are joined into one letter, in page order; other pictures stay apart.

A camera numbers shots, not pages: its next shot is the next page only while the letter breaks off before
its signature (no closing formula yet, or the closing ends the page)."""

from __future__ import annotations

import pytest

from extractors.model import Document, Page, Word
from extractors.readers.picture_pages import join_picture_pages


def _picture(name: str, text: str) -> Document:
    return Document(name=name, kind="image", pages=[Page(number=1, text=text)], data=text.encode())


def test_numbered_pictures_of_one_letter_become_its_pages_in_order() -> None:
    second, first = _picture("IMG_20241165_2.jpg", "signature"), _picture("IMG_20241165_1.jpg", "nominees")
    [letter] = join_picture_pages([second, first])
    assert [(page.number, page.text) for page in letter.pages] == [(1, "nominees"), (2, "signature")]
    assert letter.name == "IMG_20241165_1.jpg" and letter.data == b"nomineessignature"


def test_page_words_in_names_are_understood() -> None:
    pages = [_picture("scan page2.png", "b"), _picture("scan page1.png", "a")]
    assert [page.text for page in join_picture_pages(pages)[0].pages] == ["a", "b"]


def test_photos_numbered_by_the_camera_and_other_documents_stay_apart() -> None:
    camera = [_picture("IMG_4471.jpg", "a"), _picture("IMG_4472.jpg", "b")]
    other = [_picture("logo_1.png", "x"), Document(name="letter_2.pdf", kind="pdf", pages=[])]
    assert join_picture_pages(camera + other) == camera + other


def _shot(name: str, lines: list[str]) -> Document:
    """A photographed page whose OCR read `lines`, one under the other, 20 points apart."""
    words = [Word(text, (50.0 + 60 * n, 100.0 + 20 * row, 100.0 + 60 * n, 110.0 + 20 * row), 0.95)
             for row, line in enumerate(lines) for n, text in enumerate(line.split())]
    page = Page(number=1, text="\n".join(lines), words=words, width=595, height=842)
    return Document(name=name, kind="image", pages=[page], data=name.encode())


NOMINEES = ["Nominee 1", "First name: Selma", "E-mail: s.nangolo@mict.gov.na"]


@pytest.mark.parametrize("second", [["Yours faithfully,", "Audrin Mathe", "Executive Director"],
                                    ["Audrin Mathe", "Executive Director"]], ids=["closing", "name only"])
@pytest.mark.parametrize("first", [NOMINEES, [*NOMINEES, "Yours faithfully,"]], ids=["open", "closing last"])
def test_a_cameras_next_shot_continues_a_letter_that_breaks_off_before_its_signature(
        first: list[str], second: list[str]) -> None:
    """IMG_4100.jpg ends with the nominees (or with the closing formula), IMG_4101.jpg holds the name and ink."""
    [letter] = join_picture_pages([_shot("IMG_4101.jpg", second), _shot("IMG_4100.jpg", first)])
    assert [page.text for page in letter.pages] == ["\n".join(first), "\n".join(second)]


def test_a_complete_letter_and_the_next_shot_stay_apart() -> None:
    """The letter closes and is signed on its own picture: the next shot is something else (an annex, an ID)."""
    complete = _shot("IMG_4100.jpg", [*NOMINEES, "Yours faithfully,", "Audrin Mathe", "Executive Director"])
    other = _shot("IMG_4101.jpg", ["Annex", "Passport of Selma Nangolo"])
    assert join_picture_pages([complete, other]) == [complete, other]


def test_shots_that_are_not_consecutive_stay_apart() -> None:
    opened, later = _shot("IMG_4100.jpg", NOMINEES), _shot("IMG_4107.jpg", ["Audrin Mathe", "Executive Director"])
    assert join_picture_pages([opened, later]) == [opened, later]
