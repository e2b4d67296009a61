"""The nominees that would be in force if this letter were accepted."""

from __future__ import annotations

from extractors.model import Nomination, Nominee
from rules.base import RuleContext


def roster_after(nomination: Nomination, context: RuleContext) -> list[Nominee]:
    """A replacing letter stands alone; any other adds to those in force
    (a nominee named again, by e-mail, is counted once, with the new details)."""
    if nomination.intent == "replace":
        return list(nomination.nominees)
    named = {n.email.lower() for n in nomination.nominees if n.email}
    kept = [n for n in context.in_force if not (n.email and n.email.lower() in named)]
    return kept + list(nomination.nominees)
