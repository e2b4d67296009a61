"""The Member State (or IGO) must be known, and the evidence must agree on it."""

from __future__ import annotations

from extractors.model import Nomination
from rules.base import Issue, LetterRule, RuleContext
from rules.eligible import ineligible


class CountryKnown(LetterRule):
    name = "country_known"
    description = "The letter's Member State or IGO is determined without contradiction."

    def judge(self, nomination: Nomination, context: RuleContext) -> list[Issue]:
        if ineligible(nomination):
            return []
        issues = [Issue("low_confidence", f"Conflicting origin: {conflict}.")
                  for conflict in nomination.origin.conflicts]
        if nomination.origin.participant_type is None:
            issues.append(Issue("country_unknown",
                                "The Member State of the letter could not be determined."))
        return issues


rule = CountryKnown()
