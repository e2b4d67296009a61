"""A letter photographed page by page is one letter: IMG_0412_1.jpg and IMG_0412_2.jpg.

Phones and scanner apps send each page as its own picture, numbered. Read
apart, the first holds the nominees and the second the signature, and
neither is the whole letter; joined in page order they are. A camera
numbers its shots, not pages (IMG_4100.jpg, IMG_4101.jpg): the next shot
is the next page only while the letter breaks off before its signature
(no closing formula yet, or the closing ends the page), so a complete
letter and another photo sent with it stay apart.
"""

from __future__ import annotations

import dataclasses
import re

from extractors.model import Document

_NUMBERED = re.compile(
    r"^(?P<stem>.+?)[ _-](?:p(?:age)?[ _-]?)?(?P<number>\d{1,2})\.(?:jpe?g|png|tiff?|heic|webp|bmp)$",
    re.IGNORECASE,
)
_CAMERA = re.compile(r"^(?P<stem>.*?)(?P<number>\d{3,})\.(?:jpe?g|png|tiff?|heic|webp|bmp)$", re.IGNORECASE)
"""A camera's or a scanner app's running shot number: IMG_4100.jpg, then IMG_4101.jpg for the next page."""


def join_picture_pages(documents: list[Document]) -> list[Document]:
    """Pictures named alike but for a page number become one document, in page order; so do a camera's
    consecutive shots while the letter breaks off before its signature."""
    series: dict[str, list[tuple[int, Document]]] = {}
    shots: dict[str, list[tuple[int, Document]]] = {}
    for document in documents:
        if document.kind != "image":
            continue
        if found := _NUMBERED.match(document.name):
            series.setdefault(found["stem"].lower(), []).append((int(found["number"]), document))
        elif found := _CAMERA.match(document.name):
            shots.setdefault(found["stem"].lower(), []).append((int(found["number"]), document))
    runs = [sorted(members, key=lambda member: member[0]) for members in series.values()]
    runs += [run for members in shots.values() for run in _continued(sorted(members, key=lambda m: m[0]))]
    replaced: dict[int, Document | None] = {}
    for members in runs:
        if len(members) < 2:
            continue
        first = members[0][1]
        replaced[id(first)] = _joined([document for _, document in members])
        replaced.update((id(document), None) for _, document in members[1:])
    joined = [replaced.get(id(document), document) for document in documents]
    return [document for document in joined if document is not None]


def _continued(shots: list[tuple[int, Document]]) -> list[list[tuple[int, Document]]]:
    """A camera's shots in number order cut into letters: the next shot continues the letter when it was
    taken right after (the next number) and the letter so far breaks off before its signature."""
    from extractors.signature.block import breaks_off  # only photos need it: a one-line mail loads no signature code

    runs: list[list[tuple[int, Document]]] = []
    for number, document in shots:
        run = runs[-1] if runs else None
        if run and number == run[-1][0] + 1 and breaks_off([page for _, d in run for page in d.pages]):
            run.append((number, document))
        else:
            runs.append([(number, document)])
    return runs


def _joined(documents: list[Document]) -> Document:
    """One picture document of the pages of all, numbered in order."""
    pages = [page for document in documents for page in document.pages]
    pages = [dataclasses.replace(page, number=number) for number, page in enumerate(pages, 1)]
    return Document(documents[0].name, "image", pages, data=b"".join(document.data for document in documents))
