"""Right-to-left text: turn a line read in visual order back into logical order.

PDF text layers store glyphs where they are drawn, so an Arabic line comes
out of a left-to-right sweep with its letters reversed, while the Latin
words and numbers inside it (e-mail addresses, "GCC", dates) read correctly.
Reversing the line and then re-reversing every run that holds no
right-to-left letter restores what the writer typed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

_RTL_CLASSES = frozenset({"R", "AL"})
_OPENING = "([{<"
_CLOSING = ")]}>"
_NUMBER_AFFIXES = frozenset("+-%$€£#")


def is_rtl_char(char: str) -> bool:
    return unicodedata.bidirectional(char) in _RTL_CLASSES


def is_ltr_char(char: str) -> bool:
    return unicodedata.bidirectional(char) == "L"


def rtl_share(text: str) -> float:
    """Share of right-to-left letters among all strong (directional) letters."""
    rtl = sum(1 for c in text if is_rtl_char(c))
    ltr = sum(1 for c in text if is_ltr_char(c))
    return rtl / (rtl + ltr) if rtl + ltr else 0.0


def _clusters(text: str) -> list[str]:
    """Base characters with the combining marks that follow them (shadda, damma ...)."""
    clusters: list[str] = []
    for char in text:
        if clusters and unicodedata.combining(char):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def _anchors_run(cluster: str) -> bool:
    """Characters that may start or end a left-to-right run inside right-to-left text."""
    base = cluster[0]
    return is_ltr_char(base) or base.isdigit() or base in _NUMBER_AFFIXES


def _widen_for_brackets(seq: list[str], start: int, end: int) -> tuple[int, int]:
    """Take in a bracket whose partner is inside the run ("(GCC)" in a left-to-right run).

    `seq` is reversed, so an unpaired opening bracket in the run has its
    closing partner just before the run, and vice versa.
    """
    inner = "".join(seq[start:end])
    opened = sum(inner.count(c) for c in _OPENING) - sum(inner.count(c) for c in _CLOSING)
    if opened > 0 and start > 0 and seq[start - 1] in _CLOSING:
        start -= 1
    if opened < 0 and end < len(seq) and seq[end] in _OPENING:
        end += 1
    return start, end


def _mirrored(line: str, rtl_base: bool | None) -> bool:
    stripped = line.strip()
    return bool(rtl_base and stripped and stripped[0] in _CLOSING and stripped[-1] in _OPENING)


def visual_to_logical(line: str, rtl_base: bool | None = None) -> str:
    """Logical order of one visual line; `rtl_base` forces the paragraph direction.

    Without `rtl_base` a line is right-to-left when most of its letters are;
    a line without Arabic letters is left alone unless, in right-to-left
    text, its brackets were mirrored (")GCC(" on a wrapped table line).
    A left-to-right line keeps its order except that runs of right-to-left
    letters inside it are reversed.
    """
    if not any(is_rtl_char(c) for c in line) and not _mirrored(line, rtl_base):
        return line
    if rtl_base is None:
        rtl_base = rtl_share(line) >= 0.5
    if not rtl_base:  # only the runs of right-to-left letters (and spaces between them) turn
        return _flip_runs(_clusters(line), _rtl_cluster, _ltr_cluster, brackets=False)
    return _flip_runs(_clusters(line)[::-1], _anchors_run, _rtl_cluster, brackets=True)


def _rtl_cluster(cluster: str) -> bool:
    return is_rtl_char(cluster[0])


def _ltr_cluster(cluster: str) -> bool:
    return is_ltr_char(cluster[0])


def _flip_runs(seq: list[str], starts: Callable[[str], bool], ends: Callable[[str], bool],
               brackets: bool) -> str:
    """Reverse each run of clusters that begins with one that `starts` a run and reaches its last such
    cluster before one that `ends` it; with `brackets`, a bracket paired inside the run joins it."""
    out: list[str] = []
    i = 0
    while i < len(seq):
        if not starts(seq[i]):
            out.append(seq[i])
            i += 1
            continue
        end = last = i
        while end < len(seq) and not ends(seq[end]):
            if starts(seq[end]):
                last = end
            end += 1
        start, stop = _widen_for_brackets(seq, i, last + 1) if brackets else (i, last + 1)
        del out[len(out) - (i - start):]
        out.extend(seq[start:stop][::-1])
        i = stop
    return "".join(out)
