"""Exactly one primary contact among the nominees in force after the letter."""

from __future__ import annotations

from extractors.model import Nomination, Submission
from rules.base import Issue, RuleContext
from rules.roster_after import roster_after


class PrimaryContact:
    name = "primary_contact"
    description = "Exactly one nominee is marked primary contact."

    def check(self, submission: Submission, nomination: Nomination, context: RuleContext) -> list[Issue]:
        if not nomination.nominees:
            return []
        primaries = sum(1 for n in roster_after(nomination, context) if n.role == "primary")
        if primaries == 0:
            return [Issue("no_primary_contact",
                          "No representative is marked as primary contact; exactly one must be.")]
        if primaries > 1:
            in_letter = sum(1 for n in nomination.nominees if n.role == "primary")
            where = "in the letter" if in_letter > 1 else "with the primary contact already in force"
            return [Issue("multiple_primary_contacts",
                          f"{primaries} representatives are marked as primary contact {where}; "
                          "exactly one must be.")]
        return []


rule = PrimaryContact()
