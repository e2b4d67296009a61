"""A letter photographed page by page is one letter: IMG_0412_1.jpg and IMG_0412_2.jpg.

Phones and scanner apps send each page as its own picture, numbered. Read
apart, the first holds the nominees and the second the signature, and
neither is the whole letter; joined in page order they are.
"""

from __future__ import annotations

import dataclasses
import re

from extractors.model import Document

_NUMBERED = re.compile(
    r"^(?P<stem>.+?)[ _-](?:p(?:age)?[ _-]?)?(?P<number>\d{1,2})\.(?:jpe?g|png|tiff?|heic|webp|bmp)$",
    re.IGNORECASE,
)


def join_picture_pages(documents: list[Document]) -> list[Document]:
    """Pictures named alike but for a page number become one document, in page order."""
    series: dict[str, list[tuple[int, Document]]] = {}
    for document in documents:
        found = _NUMBERED.match(document.name) if document.kind == "image" else None
        if found:
            series.setdefault(found["stem"].lower(), []).append((int(found["number"]), document))
    replaced: dict[int, Document | None] = {}
    for members in series.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda member: member[0])
        pages = [page for _, document in members for page in document.pages]
        pages = [dataclasses.replace(page, number=number) for number, page in enumerate(pages, 1)]
        first = members[0][1]
        replaced[id(first)] = Document(first.name, "image", pages,
                                       data=b"".join(document.data for _, document in members))
        replaced.update((id(document), None) for _, document in members[1:])
    joined = [replaced.get(id(document), document) for document in documents]
    return [document for document in joined if document is not None]
