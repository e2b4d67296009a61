"""Where the signature should be: the block under the closing formula.

Letterheads carry emblems and logos, footers carry logos too; only ink in
the block between the closing formula and the signatory's lines is a
signature. The block is found from the page's words, so it works the same
for text PDFs and OCRed scans.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from extractors.model import Page, Word
from extractors.signature.closing import is_closing

Box = tuple[float, float, float, float]

BLOCK_DEPTH = 0.20
"""How far below the closing line the block reaches, as a share of the page height."""
FOOTER = 0.90
"""Footers (address, logos) start at about this share of the page height."""


@dataclass(frozen=True)
class Block:
    """The signature block of one page, in page units, and how it was found."""

    page: Page
    box: Box
    text_height: float
    anchored: bool
    """True when a closing formula anchors it; False for the fallback guess."""
    continued: bool = False
    """True for the top of the page after a page break that split the block."""


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Words sharing a baseline band, top to bottom."""
    lines: list[list[Word]] = []
    bands: list[list[float]] = []  # each line's top and bottom so far, kept as it grows
    for word in sorted(words, key=lambda w: (w.box[1], w.box[0])):
        middle = (word.box[1] + word.box[3]) / 2
        for line, band in zip(lines, bands):
            if band[0] <= middle <= band[1]:
                line.append(word)
                band[0], band[1] = min(band[0], word.box[1]), max(band[1], word.box[3])
                break
        else:
            lines.append([word])
            bands.append([word.box[1], word.box[3]])
    return lines


def text_height(words: list[Word]) -> float:
    """The typical height of a printed word on the page."""
    heights = [w.box[3] - w.box[1] for w in words if w.box[3] > w.box[1]]
    return statistics.median(heights) if heights else 0.0


def _line_text(line: list[Word]) -> str:
    return " ".join(w.text for w in sorted(line, key=lambda w: w.box[0]))


def _line_box(line: list[Word]) -> Box:
    return (
        min(w.box[0] for w in line),
        min(w.box[1] for w in line),
        max(w.box[2] for w in line),
        max(w.box[3] for w in line),
    )


def _is_closing(line: list[Word]) -> bool:
    return is_closing(_line_text(line))


def locate_blocks(pages: list[Page]) -> list[Block]:
    """The block under the last closing formula, and its continuation; else a guess under the last text.

    When nothing follows the closing on its page (the signatory's name went
    over the page break), the block goes on at the top of the next page.
    The guess (anchored=False) covers the lower part of the last page with
    text, so a mark there is reported as uncertain rather than ignored.
    """
    found = _last_closing(pages)
    if found is not None:
        index, closing, ends_page = found
        page, height = pages[index], text_height(pages[index].words)
        _, top, _, bottom = _line_box(closing)
        box = (
            0.0,
            max(0.0, top - height),
            page.width,
            min(page.height * FOOTER, bottom + page.height * BLOCK_DEPTH),
        )
        block = Block(page, box, height, anchored=True)
        following = pages[index + 1] if index + 1 < len(pages) else None
        rest = _continuation(following, height) if ends_page and following is not None else None
        return [block, rest] if rest is not None else [block]
    for page in reversed(pages):
        if page.words and page.height:
            body = [w for w in page.words if w.box[1] < page.height * FOOTER]
            if not body:
                continue
            last = max(w.box[3] for w in body)
            top = max(0.0, last - page.height * BLOCK_DEPTH * 1.5)
            box = (0.0, top, page.width, min(page.height * FOOTER, last + page.height * 0.05))
            return [Block(page, box, text_height(page.words), anchored=False)]
    return []


def breaks_off(pages: list[Page]) -> bool:
    """Whether the pages stop before the signature: they hold text but no closing formula, or nothing
    follows the closing on the last page (the name and the ink come overleaf). A phone's next shot of
    such a letter is its next page."""
    found = _last_closing(pages)
    if found is None:
        return any(page.words and page.height for page in pages)
    index, _, ends_page = found
    return ends_page and index == len(pages) - 1


def _last_closing(pages: list[Page]) -> tuple[int, list[Word], bool] | None:
    """The last closing formula's page index and line, and whether it is the last line of its page's body
    (above the footer); None when no page has one."""
    for index in reversed(range(len(pages))):
        page = pages[index]
        if not page.words or not page.height:
            continue
        lines = [line for line in group_lines(page.words) if _line_box(line)[1] < page.height * FOOTER]
        closing = next((line for line in reversed(lines) if _is_closing(line)), None)
        if closing is not None:
            bottom = _line_box(closing)[3]
            return index, closing, all(_line_box(line)[1] <= bottom for line in lines)
    return None


def _continuation(page: Page, height: float) -> Block | None:
    """The top of the page after a page break that split the block: down to a block's depth under its first line.

    Its print is measured on the closing's page: the few lines here may be too few to measure (or OCRed).
    """
    body = [w for w in page.words if w.box[1] < page.height * FOOTER] if page.height else []
    if not body:
        return None
    first = min(w.box[3] for w in body)
    box = (0.0, 0.0, page.width, min(page.height * FOOTER, first + page.height * BLOCK_DEPTH))
    return Block(page, box, height, anchored=True, continued=True)
