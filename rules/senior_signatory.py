"""A nomination letter is signed by a senior official; doubts go to a person.

Only a clearly junior title, or a signed letter with no signatory at all,
raises a doubt: an unrecognised title is not held against the letter.
"""

from __future__ import annotations

from extractors.model import Nomination
from rules.base import Issue, LetterRule, RuleContext


class SeniorSignatory(LetterRule):
    name = "senior_signatory"
    description = "The signatory's title is not clearly junior, and a signed letter names its signatory."

    def judge(self, nomination: Nomination, context: RuleContext) -> list[Issue]:
        if nomination.signature.kind == "none":
            return []
        signatory = nomination.signatory
        if not signatory.name and not signatory.title:
            return [Issue(
                "low_confidence",
                "The letter is signed but names no signatory; a person will check who signed it.",
            )]
        if signatory.seniority == "junior":
            return [Issue(
                "low_confidence",
                f"The letter is signed by {signatory.name or 'someone'} ({signatory.title}), which does not "
                "look like a senior official; a person will check it.",
            )]
        return []


rule = SeniorSignatory()
