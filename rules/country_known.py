"""The Member State (or IGO) must be known, and the evidence must agree on it."""

from __future__ import annotations

from extractors.model import Nomination, Submission
from rules.base import Issue, RuleContext
from rules.eligible import ineligible


class CountryKnown:
    name = "country_known"
    description = "The letter's Member State or IGO is determined without contradiction."

    def check(self, submission: Submission, nomination: Nomination,
              context: RuleContext) -> list[Issue]:
        if not nomination.is_letter or ineligible(nomination):
            return []
        issues = [Issue("low_confidence", f"Conflicting origin: {conflict}.")
                  for conflict in nomination.conflicts]
        if nomination.participant_type is None:
            issues.append(Issue("country_unknown",
                                "The Member State of the letter could not be determined."))
        return issues


rule = CountryKnown()
