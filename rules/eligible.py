"""Only Member State governments and IGOs may nominate; not companies or individuals."""

from __future__ import annotations

from extractors.model import Nomination, Submission
from rules.base import Issue, RuleContext


class Eligible:
    name = "eligible"
    description = "The sender is a Member State government or an intergovernmental organization."

    def check(self, submission: Submission, nomination: Nomination,
              context: RuleContext) -> list[Issue]:
        if nomination.eligible_sender is False:
            return [Issue("not_eligible",
                          "The GCC is open to ITU Member State governments, with "
                          "intergovernmental organizations as observers; the letter comes "
                          "from neither.")]
        return []


rule = Eligible()
