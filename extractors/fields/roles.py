"""Role values ('Designated alternate', 'Suppléant désigné', '主要联系人' ...) to the contract's three roles."""

from __future__ import annotations

from functools import cache

from rapidfuzz.distance import Levenshtein

from extractors.fields.labels import vocabulary
from extractors.fields.normalize import dotless, fold, is_arabic, is_cjk
from extractors.model import Role

_ORDER: tuple[Role, ...] = ("advisor", "alternate", "primary")


@cache
def _phrases() -> list[tuple[Role, str]]:
    table = vocabulary()["roles"]
    return [(role, fold(phrase)) for role in _ORDER for phrase in table[role]]


def normalise_role(text: str | None) -> Role | None:
    """The role a value or a phrase names, or None when it names none."""
    if not text:
        return None
    key = fold(text)
    for role, phrase in _phrases():
        if phrase in key:
            return role
    joined = key.replace(" ", "")  # a word cut at a narrow cell's edge ('Suppléa nt')
    for role, phrase in _phrases():
        if len(phrase) >= 4 and phrase.replace(" ", "") in joined:
            return role
    dots_aside = dotless(text)  # an Arabic role misread by a dot ('الرنيسية')
    for role, phrase in _phrases():
        if is_arabic(phrase) and dotless(phrase) in dots_aside:
            return role
    return _nearest_chinese_role(key) if is_cjk(key) else None


_NEAR_LENGTH = 4
"""Chinese role phrases this long or longer may be matched with one character misread."""
_NEAR_MARGIN = 2
"""...when every phrase of another role is this many characters further from the value."""


def _nearest_chinese_role(key: str) -> Role | None:
    """The role whose phrase a Chinese value misses by one character ('指定钼补代表' for '指定候补代表',
    '指定邓问' for '指定顾问'), only when that role is the only one so near.

    A scan's pale character comes out as another; the Annex 2 roles are a
    closed set whose phrases differ in more than one character, so one
    character off still names exactly one role. A nearer rival leaves the role unread.
    """
    han = "".join(char for char in key if is_cjk(char))
    distances: dict[Role, int] = {}
    for role, phrase in _phrases():
        if is_cjk(phrase) and len(phrase) >= _NEAR_LENGTH:
            distance = Levenshtein.distance(han, phrase)
            distances[role] = min(distance, distances.get(role, distance))
    ranked = sorted(distances.items(), key=lambda item: item[1])
    if not ranked or ranked[0][1] > 1:
        return None
    rivals = [distance for _, distance in ranked[1:]]
    return ranked[0][0] if all(distance >= ranked[0][1] + _NEAR_MARGIN for distance in rivals) else None
