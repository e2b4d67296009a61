"""Running headers and footers: the lines a word processor repeats at the top or foot of every page.

Read page after page, a footer lands between the last line of one page and the first of
the next, which may be a label and its value ('Last name:' / the ministry's 'Tel: ...
E-mail: registry@...' / 'Smith'): a parser would pair them. A line found at the foot
(or the top) of two or more pages, the same but for its numbers ('Page 1 of 2'), is
page furniture: it is kept once, at the foot of the last page (or the top of the first),
where a one-page letter has it too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from extractors.model import Page

_EDGE = 3
"""Lines at the top and at the foot of a page where running lines stand."""
_NUMBERS = re.compile(r"\d+")


def _key(line: str) -> str:
    return _NUMBERS.sub("#", " ".join(line.split())).casefold()


def without_running_lines(pages: list[Page]) -> list[Page]:
    """The pages with their running footers left on the last page only, and their running headers
    on the first only; a one-page letter as it is."""
    if len(pages) < 2:
        return pages
    lines = [page.text.split("\n") for page in pages]
    tops = Counter(key for page in lines for key in {_key(line) for line in page[:_EDGE] if line.strip()})
    feet = Counter(key for page in lines for key in {_key(line) for line in page[-_EDGE:] if line.strip()})
    last = len(pages) - 1
    kept: list[Page] = []
    for number, (page, text) in enumerate(zip(pages, lines)):
        def running(index: int, line: str) -> bool:
            header = index < _EDGE and number > 0 and tops[_key(line)] >= 2
            footer = index >= len(text) - _EDGE and number < last and feet[_key(line)] >= 2
            return bool(line.strip()) and (header or footer)
        kept.append(replace(page, text="\n".join(line for n, line in enumerate(text) if not running(n, line))))
    return kept
