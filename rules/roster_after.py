"""The nominees that would be in force if this letter were accepted, and who gives way.

One pure reading of a letter against the roster, shared by the rules that judge it and by
the bot that applies it, so that what is checked is exactly what is done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from extractors.fields.intent_people import same_person
from extractors.model import Nomination, Nominee
from rules.base import RuleContext

Leaving = Literal["withdrawn", "replaced"]


@dataclass(frozen=True)
class RosterChange:
    kept: list[Nominee] = field(default_factory=list)
    leaving: list[tuple[Nominee, Leaving]] = field(default_factory=list)
    """People in force the letter removes, and why."""
    added: list[Nominee] = field(default_factory=list)
    unmatched: list[Nominee] = field(default_factory=list)
    """People the letter withdraws who are not (or not exactly one person) in force."""

    @property
    def after(self) -> list[Nominee]:
        return self.kept + self.added


def roster_change(nomination: Nomination, in_force: tuple[Nominee, ...] | list[Nominee]) -> RosterChange:
    """A replacement naming no one replaces the whole team; otherwise exactly the people
    withdrawn by name or e-mail leave, and a nominee named again (same e-mail) is counted
    once, with the new details."""
    whole_team = nomination.intent == "replace" and not nomination.withdrawn
    why: Leaving = "withdrawn" if nomination.intent == "withdraw" else "replaced"
    leaving: list[tuple[Nominee, Leaving]] = []
    unmatched: list[Nominee] = []
    for person in nomination.withdrawn:
        matches = [n for n in in_force if same_person(person, n)]
        if len(matches) == 1:
            if all(matches[0] is not n for n, _ in leaving):
                leaving.append((matches[0], why))
        else:
            unmatched.append(person)
    named = {n.email.lower() for n in nomination.nominees if n.email}
    for nominee in in_force:
        renamed = bool(nominee.email and nominee.email.lower() in named)
        if (whole_team or renamed) and all(nominee is not n for n, _ in leaving):
            leaving.append((nominee, "replaced"))
    kept = [n for n in in_force if all(n is not gone for gone, _ in leaving)]
    return RosterChange(kept, leaving, list(nomination.nominees), unmatched)


def roster_after(nomination: Nomination, context: RuleContext) -> list[Nominee]:
    return roster_change(nomination, context.in_force).after
