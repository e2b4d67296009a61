"""Where a sentence says what it does to the roster: the intent cues of intent.toml, found
with their positions so that each can be tied to the people named around it."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from extractors.fields.labels import vocabulary
from extractors.fields.normalize import fold, is_cjk

_DATA = Path(__file__).with_name("intent.toml")

POSITIONAL = ("withdraw", "supersede", "instead_of", "replaced_by", "nominate")
"""Cues whose place in the sentence matters: they act on the people next to them."""


@dataclass(frozen=True)
class Cue:
    kind: str
    start: int
    end: int


@cache
def cue_words() -> dict[str, tuple[str, ...]]:
    with _DATA.open("rb") as handle:
        return {kind: tuple(fold(w) for w in words) for kind, words in tomllib.load(handle).items()}


@cache
def _pattern(kind: str) -> re.Pattern[str]:
    """Latin, Cyrillic and Arabic cues start at a word; a phrase of several words also ends at
    one ('ya no' is not 'ya nombrados'), a single word is a stem ('retir', 'отзыв')."""
    parts = []
    starts = set()
    for word in sorted(set(cue_words()[kind]), key=len, reverse=True):
        escaped = re.escape(word)
        starts.add(word[:1])
        if is_cjk(word):
            parts.append(escaped)
        elif " " in word:
            parts.append(rf"(?<!\w){escaped}(?!\w)")
        elif _arabic(word):
            parts.append(rf"(?<!\w)(?:[وفبل]|ال)?{escaped}")
            starts.update("وفبلا")
        else:
            parts.append(rf"(?<!\w){escaped}")
    return _where_one_starts(parts, starts)


def _where_one_starts(parts: list[str], starts: set[str]) -> re.Pattern[str]:
    """The alternatives, in their order, tried only where the next character can begin one:
    the same matches, found three times as fast (each is otherwise tried at every place)."""
    if "" in starts or not parts:  # a cue that is empty matches anywhere
        return re.compile("|".join(parts))
    return re.compile(f"(?=[{''.join(map(re.escape, sorted(starts)))}])(?:{'|'.join(parts)})")


def load_cues() -> None:
    """Every kind's pattern made now: a process that forks reader processes makes them once
    for all of its readers."""
    _roles()
    for kind in cue_words():
        _pattern(kind)


def _arabic(word: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in word)


@cache
def _roles() -> re.Pattern[str]:
    """Role phrases ('designated alternate', 'remplaçant'): their words are no intent."""
    words = sorted({fold(w) for group in vocabulary()["roles"].values() for w in group}, key=len, reverse=True)
    return _where_one_starts([rf"(?<!\w){re.escape(w)}" if not is_cjk(w) else re.escape(w) for w in words],
                             {w[:1] for w in words})


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    """fold of one character: a letter's sentences repeat few characters, folded once each."""
    return fold(char)


def folded_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the original one."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        piece = " " if char.isspace() else _fold_char(char)
        out.append(piece)
        where.extend([index] * len(piece))
    where.append(len(text))
    return "".join(out), where


def says(kind: str, folded: str) -> bool:
    return bool(_pattern(kind).search(folded))


def spans(kind: str, folded: str) -> list[tuple[int, int]]:
    """Where the cues of a kind are in a folded text, a stem stretched to its whole word."""
    found = []
    for match in _pattern(kind).finditer(folded):
        end = match.end()
        while end < len(folded) and folded[end].isalpha() and not is_cjk(folded[end]):
            end += 1
        found.append((match.start(), end))
    return found


def find_cues(text: str) -> list[Cue]:
    """The positional cues of one sentence, in the original text's offsets, longest first at a
    place ('remplacé par' is not 'remplace'); words of a role phrase are left out, and so is a
    nominating verb that only qualifies a role ('designated alternate')."""
    folded, where = folded_with_map(text)
    roles = [(m.start(), m.end()) for m in _roles().finditer(folded)]
    found: list[Cue] = []
    for kind in POSITIONAL:
        for start, end in spans(kind, folded):
            if any(s <= start < e or s < end <= e for s, e in roles):
                continue
            if kind == "nominate" and any(0 < s - end <= 1 for s, _ in roles):
                continue
            found.append(Cue(kind, where[start], where[end]))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Cue] = []
    for cue in found:
        if kept and cue.start < kept[-1].end:
            continue
        kept.append(cue)
    return kept
