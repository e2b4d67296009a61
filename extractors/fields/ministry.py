"""Which ministry sends the letter, from its letterhead.

Letterheads are often two columns (the ministry on the left, the address on the right, or
Arabic and English side by side); a text layer reads them row by row and merges the
columns ('Department of Information and Diliman'). When the page carries word boxes, the
letterhead is rebuilt column by column first; the line in the letter's own script wins.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from functools import cache

from extractors.fields.closing_lines import Script, language_script, script_of
from extractors.fields.labels import match_label, vocabulary
from extractors.fields.normalize import clean_line, fold, is_cjk
from extractors.model import Document, Page, Word

_NOT_MINISTRY = re.compile(r"@|www\.|https?:|\||\d{3,}|\[|\]|^#", re.I)
_CONNECTOR_END = re.compile(r"(?:,|\s(?:and|of|for|et|de|des|du|y|del|и))$", re.IGNORECASE)
_TOP = 0.3
"""Share of the first page's height searched for the letterhead."""


@dataclass
class _Segment:
    """A run of words on one row of one column."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@cache
def _words(key: str) -> tuple[str, ...]:
    return tuple(fold(w) for w in vocabulary()["ministry_words"][key])


def find_ministry(document: Document, language: str | None = None) -> str | None:
    """The letterhead line naming a ministry (else a department, office or agency)."""
    script = language_script(language, document.text)
    page = document.pages[0] if document.pages else None
    lines = _columns(page) if page is not None and page.words and page.height else None
    if lines is None:
        lines = _wrapped([_own_script(clean_line(line), script) for line in document.text.splitlines()][:15])
    lines = [_own_script(line, script) for line in lines]
    lines = [line for line in lines if line and not line.startswith("#") and not match_label(line)]
    for words in (_words("strong"), _words("weak")):
        ranked = [(rank, line) for line in lines if (rank := _ministry_rank(line, words)) is not None]
        if ranked:
            return max(ranked, key=lambda item: (script_of(item[1]) == script, -item[0]))[1]
    return None


def _ministry_rank(line: str, words: tuple[str, ...]) -> int | None:
    """The index of the first institution word the line holds (a department before an office), else None."""
    key = fold(line)
    if len(key) > 120 or _NOT_MINISTRY.search(line):
        return None
    if is_cjk(line):
        if len(key) > 30 or key.endswith(("部长", "局长")):
            return None
        return next((i for i, word in enumerate(words) if is_cjk(word) and word in key), None)
    return next((i for i, word in enumerate(words) if not is_cjk(word) and re.search(rf"(?<!\w){re.escape(word)}", key)), None)


def _own_script(line: str, script: Script) -> str:
    """Drop a foreign-script tail or head that a merged bilingual letterhead glued to the line."""
    runs = re.findall(r"[\u0600-\u06ff][\u0600-\u06ff\s،,()-]*|[^\u0600-\u06ff]+", line)
    runs = [run.strip(" ,،") for run in runs if run.strip(" ,،")]
    if len(runs) < 2:
        return line
    own = [run for run in runs if script_of(run) == script]
    return max(own, key=len) if own else line


def _wrapped(lines: list[str]) -> list[str]:
    """Plain-text letterheads: a line ending in 'and', 'de', 'of' ... continues on the next."""
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line and (_CONNECTOR_END.search(out[-1]) or line[:1].islower()):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _columns(page: Page) -> list[str]:
    """The letterhead as column blocks: rows split at wide gaps, wrapped rows of a column joined."""
    words = [w for w in page.words if w.box[1] < _TOP * page.height and w.text.strip()]
    blocks: list[list[_Segment]] = []
    for segment in sorted((s for row in _rows(words) for s in _split(row)), key=lambda s: (s.y0, s.x0)):
        block = next((b for b in blocks if _continues(b[-1], segment)), None)
        if block is None:
            blocks.append([segment])
        else:
            block.append(segment)
    blocks.sort(key=lambda b: (b[0].y0, b[0].x0))
    return [clean_line(" ".join(s.text for s in block)) for block in blocks]


def _rows(words: list[Word]) -> list[list[Word]]:
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.box[1] + w.box[3]) / 2):
        middle = (word.box[1] + word.box[3]) / 2
        if rows:
            last = rows[-1]
            row_middle = statistics.fmean((w.box[1] + w.box[3]) / 2 for w in last)
            height = statistics.median(w.box[3] - w.box[1] for w in last)
            if abs(middle - row_middle) < 0.5 * height:
                last.append(word)
                continue
        rows.append([word])
    return rows


def _split(row: list[Word]) -> list[_Segment]:
    """Cut a row where the gap between two words is wider than two letter heights."""
    row = sorted(row, key=lambda w: w.box[0])
    height = statistics.median(w.box[3] - w.box[1] for w in row)
    groups: list[list[Word]] = [[row[0]]]
    for word in row[1:]:
        if word.box[0] - groups[-1][-1].box[2] > 2 * height:
            groups.append([word])
        else:
            groups[-1].append(word)
    return [_segment(group) for group in groups]


def _segment(words: list[Word]) -> _Segment:
    right_to_left = script_of("".join(w.text for w in words)) == "arabic"
    ordered = sorted(words, key=lambda w: -w.box[0]) if right_to_left else words
    return _Segment(
        text=" ".join(w.text for w in ordered),
        x0=min(w.box[0] for w in words), x1=max(w.box[2] for w in words),
        y0=min(w.box[1] for w in words), y1=max(w.box[3] for w in words),
    )


def _continues(above: _Segment, below: _Segment) -> bool:
    """The next row of the same column, same type size, not a new unit ('Office of ...')."""
    overlap = min(above.x1, below.x1) - max(above.x0, below.x0)
    close = 0 <= below.y0 - above.y1 < 0.8 * above.height
    same_size = abs(below.height - above.height) <= 0.25 * above.height
    script = script_of(above.text)
    if not (overlap > 0 and close and same_size and script == script_of(below.text) and script != "han"):
        return False
    if any(fold(below.text).startswith(word) for word in _words("strong") + _words("weak")):
        return False
    if script == "arabic":
        return len(below.text.split()) <= 2
    return bool(_CONNECTOR_END.search(above.text)) or below.text[:1].islower()
