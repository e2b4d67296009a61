"""Whose roster a letter changes: the key of a party in the state database.

A Member State is its ISO 3166-1 alpha-3 code; an IGO observer is its name behind
IGO_PREFIX, so the two never collide. Built here and nowhere else.
"""

from __future__ import annotations

from extractors.model import Nomination

IGO_PREFIX = "IGO:"


def igo_party(name: str) -> str:
    """The party key of an IGO observer."""
    return f"{IGO_PREFIX}{name}"


def observer_name(party: str) -> str | None:
    """The IGO's name for an observer's key; None for a Member State's."""
    return party[len(IGO_PREFIX):] if party.startswith(IGO_PREFIX) else None


def party_of(nomination: Nomination) -> str | None:
    """The party the letter speaks for; None when it is not known."""
    origin = nomination.origin
    if origin.participant_type == "member_state" and origin.country:
        return origin.country.code
    if origin.participant_type == "observer" and origin.observer_name:
        return igo_party(origin.observer_name)
    return None
