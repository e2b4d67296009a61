"""Role values ('Designated alternate', 'Suppléant désigné', '主要联系人' ...) to the contract's three roles."""

from __future__ import annotations

from functools import cache

from extractors.fields.labels import vocabulary
from extractors.fields.normalize import dotless, fold, is_arabic
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
    return None
