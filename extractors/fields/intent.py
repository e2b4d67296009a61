"""What a letter asks for: a first nomination, a replacement, an addition or a withdrawal."""

from __future__ import annotations

from typing import Literal

from extractors.fields.labels import vocabulary
from extractors.fields.normalize import fold

Intent = Literal["nominate", "replace", "add", "withdraw"]


def letter_intent(text: str, has_nominees: bool) -> Intent:
    """'replace' wins over 'add' (a replacement may also withdraw); 'withdraw' only without nominees."""
    key = fold(" ".join(text.split()))
    phrases = vocabulary()["intent"]

    def says(kind: str) -> bool:
        return any(fold(phrase) in key for phrase in phrases[kind])

    if says("replace"):
        return "replace"
    if says("add"):
        return "add"
    if not has_nominees and says("withdraw"):
        return "withdraw"
    return "nominate"
