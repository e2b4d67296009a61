"""Pages photographed one by one are joined into one letter, in page order; other pictures stay apart."""

from __future__ import annotations

from extractors.model import Document, Page
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
