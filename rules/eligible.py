"""Only Member State governments and IGOs may nominate; not companies or individuals.

The extractors say who the sender is (the origin's `participant_type`, `sender_kind`); which
of them may take part is the circular's rule, decided here.
"""

from __future__ import annotations

from extractors.model import Nomination, SenderKind, Submission
from rules.base import Issue, RuleContext

EXCLUDED: frozenset[SenderKind] = frozenset({"private", "non_member_state"})
"""Senders the GCC is not open to, unless they take part as an observer."""


def ineligible(nomination: Nomination) -> bool:
    """Neither a Member State nor an observer, and shown to be a private sender or a state
    outside ITU (a sender nothing is known of is not held ineligible: a person decides)."""
    return nomination.origin.participant_type is None and nomination.origin.sender_kind in EXCLUDED


class Eligible:
    name = "eligible"
    description = "The sender is a Member State government or an intergovernmental organization."

    def check(self, submission: Submission, nomination: Nomination, context: RuleContext) -> list[Issue]:
        if ineligible(nomination):
            return [Issue("not_eligible",
                          "The GCC is open to ITU Member State governments, with "
                          "intergovernmental organizations as observers; the letter comes "
                          "from neither.")]
        return []


rule = Eligible()
