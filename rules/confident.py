"""Act only on a letter read with confidence; a doubtful reading goes to a human."""

from __future__ import annotations

from extractors.model import Nomination, Submission
from rules.base import Issue, RuleContext

THRESHOLD = 0.6
"""Below this overall confidence a reading is not acted upon."""


class Confident:
    name = "confident"
    description = "The letter was read with enough confidence to act on it."

    def check(self, submission: Submission, nomination: Nomination,
              context: RuleContext) -> list[Issue]:
        if not nomination.is_letter or nomination.confidence >= THRESHOLD:
            return []
        return [Issue("low_confidence",
                      f"The letter could not be read with confidence "
                      f"({nomination.confidence:.0%}); a person will check it.")]


rule = Confident()
